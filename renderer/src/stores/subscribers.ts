import { defineStore } from 'pinia';
import { computed, reactive, ref, shallowRef } from 'vue';
import type { Subscriber, SubscriberQuery, SubscriberSort, SubscriberSources, SubscriberState, YespoSyncState } from '../../../electron/core/contract/types.js';
import { api } from '../bridge/index.js';
import { joinedRange } from '../subscribers/joined-range.js';
import { pagesForRange } from '../subscribers/paging.js';
import { sourceFilterOf, type SourceChoice } from '../subscribers/source-choice.js';

export const PAGE_SIZE = 100;

export interface SubscriberFilter {
  search: string;
  state: SubscriberState | 'all';
  yespo: YespoSyncState | 'all';
  source: SourceChoice;
  /** The first and last local day joined, as the date picker gives them. */
  joined: [number, number] | null;
  sort: SubscriberSort;
  dir: 'asc' | 'desc';
}

/**
 * The Subscribers table as a window over the engine's list: only the pages near what is on screen
 * are fetched, and a row not fetched yet is `null` (shown as a placeholder).
 */
export const useSubscribersStore = defineStore('subscribers', () => {
  const filter = reactive<SubscriberFilter>({ search: '', state: 'all', yespo: 'all', source: 'all', joined: null, sort: 'firstStartAt', dir: 'desc' });
  const total = ref(0);
  const pages = shallowRef(new Map<number, Subscriber[]>());
  const loading = ref(false);
  const error = ref<unknown>(null);
  const sources = shallowRef<SubscriberSources | null>(null);
  let generation = 0;
  let visible = { first: 0, last: PAGE_SIZE - 1 };
  const inFlight = new Set<string>();

  const filtered = computed(() => !!filter.search.trim() || filter.state !== 'all' || filter.yespo !== 'all' || filter.source !== 'all' || filter.joined !== null);

  /** Row `index` of the table, or null while its page is not fetched (the pages are kept as they came). */
  function rowAt(index: number): Subscriber | null {
    return pages.value.get(Math.floor(index / PAGE_SIZE))?.[index % PAGE_SIZE] ?? null;
  }

  /** What the table shows (its filter, search and order), as the engine takes it: the export's query too. */
  function currentQuery(): Omit<SubscriberQuery, 'offset' | 'limit'> {
    const search = filter.search.trim();
    const source = sourceFilterOf(filter.source);
    return {
      ...(search ? { search } : {}),
      state: filter.state,
      yespo: filter.yespo,
      ...(source ? { source } : {}),
      ...joinedRange(filter.joined),
      sort: filter.sort,
      dir: filter.dir,
    };
  }

  function query(offset: number, limit: number): SubscriberQuery {
    return { ...currentQuery(), offset, limit };
  }

  async function fetchPage(page: number): Promise<void> {
    const asked = generation;
    const key = `${asked}:${page}`;
    if (inFlight.has(key)) return;
    inFlight.add(key);
    try {
      const answer = await api.querySubscribers(query(page * PAGE_SIZE, PAGE_SIZE));
      if (asked !== generation) return;
      const next = new Map(pages.value);
      next.set(page, answer.rows);
      pages.value = next;
      total.value = answer.total;
      error.value = null;
    } catch (failure) {
      if (asked === generation) error.value = failure;
    } finally {
      inFlight.delete(key);
    }
  }

  /** The table scrolled: fetch whatever pages the rows on screen need. */
  function show(first: number, last: number): void {
    visible = { first, last };
    for (const page of pagesForRange(first, last, PAGE_SIZE, total.value)) {
      if (!pages.value.has(page)) void fetchPage(page);
    }
  }

  /** The source filter's options; they only inform, so a failure leaves the last ones. */
  async function loadSources(): Promise<void> {
    try {
      sources.value = await api.listSubscriberSources();
    } catch {
      // The table's own fetch reports what went wrong.
    }
  }

  /** The filter or sort changed: start again from the top. */
  async function reload(): Promise<void> {
    generation += 1;
    pages.value = new Map();
    visible = { first: 0, last: PAGE_SIZE - 1 };
    loading.value = true;
    await fetchPage(0);
    loading.value = false;
  }

  /** Subscribers changed in the engine: re-read what is on screen, keeping it visible meanwhile. */
  async function refresh(): Promise<void> {
    generation += 1;
    const asked = generation;
    const wanted = pagesForRange(visible.first, visible.last, PAGE_SIZE, Math.max(total.value, 1));
    try {
      const answers = await Promise.all(wanted.map(async (page) => [page, await api.querySubscribers(query(page * PAGE_SIZE, PAGE_SIZE))] as const));
      if (asked !== generation) return;
      pages.value = new Map(answers.map(([page, answer]) => [page, answer.rows]));
      total.value = answers.length ? answers[answers.length - 1][1].total : 0;
      error.value = null;
    } catch (failure) {
      if (asked === generation) error.value = failure;
    }
  }

  return { filter, filtered, total, rowAt, sources, loading, error, show, reload, refresh, loadSources, currentQuery };
});
