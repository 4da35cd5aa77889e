import type { SourceFilter, SubscriberSources } from '../../../electron/core/contract/types.js';

/** What the source filter's select holds: one string per option, as a select wants. */
export type SourceChoice = 'all' | 'none' | 'signed' | `tag:${string}`;

/** The query's source filter for a choice in the select (none for "all sources"). */
export function sourceFilterOf(choice: SourceChoice): SourceFilter | undefined {
  if (choice === 'none' || choice === 'signed') return { kind: choice };
  if (choice.startsWith('tag:')) return { kind: 'tag', tag: choice.slice(4) };
  return undefined;
}

/** The select's options: everyone, then no source, signed links and each tag, with their counts. */
export function sourceChoices(
  sources: SubscriberSources | null,
  label: { all: string; none: (count: number) => string; signed: (count: number) => string; tag: (tag: string, count: number) => string },
): Array<{ value: SourceChoice; label: string }> {
  if (!sources) return [{ value: 'all', label: label.all }];
  return [
    { value: 'all', label: label.all },
    { value: 'none', label: label.none(sources.none) },
    { value: 'signed', label: label.signed(sources.signed) },
    ...sources.tags.map(({ tag, count }) => ({ value: `tag:${tag}` as const, label: label.tag(tag, count) })),
  ];
}
