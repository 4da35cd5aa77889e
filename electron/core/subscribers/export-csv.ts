import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ExportLabels, ExportRequest, Subscriber } from '../contract/types.js';
import { csvLine, UTF8_BOM, type CsvValue } from '../files/csv.js';
import type { SaveJob } from '../files/save-job.js';
import type { StoredSubscriber } from '../store/schema.js';
import { publicSubscriber } from './public.js';
import { spreadsheetTime } from './spreadsheet-time.js';

/** Rows per write: big enough that a write's overhead does not count, small enough to show progress. */
const CHUNK_ROWS = 2_000;

/** Where someone came from, in the UI's words: a signed link names the customer, else the tag. */
function sourceCell(s: Subscriber, source: ExportLabels['source']): string {
  const link = s.signedLink;
  // A function as the replacement, so a `$` in an id is taken as it is.
  if (link) return (link.kind === 'contactId' ? source.contact : source.customer).replace('{id}', () => link.value);
  return s.source ? source.tag.replace('{tag}', () => s.source!) : '';
}

/** One subscriber's cells, in the order of EXPORT_COLUMNS. */
export function subscriberCells(s: Subscriber, labels: ExportLabels, time: (at: number | undefined) => string): CsvValue[] {
  return [
    s.chatId,
    s.firstName,
    s.lastName,
    s.username ? `@${s.username}` : '',
    s.phone,
    s.email,
    s.languageCode,
    sourceCell(s, labels.source),
    labels.state[s.state],
    labels.yespo[s.yespo.state],
    time(s.firstStartAt),
    time(s.lastStartAt),
  ];
}

/**
 * The export as a file to save: a header and one line per subscriber, in the order given, made
 * and written a chunk at a time (the sink's backpressure paces it), never the whole text at once.
 */
export function subscriberExportJob(records: readonly StoredSubscriber[], request: ExportRequest, externalIdPrefix: string): SaveJob {
  const { labels } = request;
  const c = labels.columns;
  return {
    fileName: request.fileName,
    mime: 'text/csv; charset=utf-8',
    total: records.length,
    async write(sink, progress) {
      const time = spreadsheetTime(request.timeZone);
      const header = UTF8_BOM + csvLine([c.chatId, c.firstName, c.lastName, c.username, c.phone, c.email, c.language, c.source, c.state, c.yespo, c.started, c.lastStart]);
      await pipeline(
        Readable.from(
          (function* chunks() {
            yield header;
            for (let from = 0; from < records.length; from += CHUNK_ROWS) {
              const to = Math.min(records.length, from + CHUNK_ROWS);
              let text = '';
              for (let i = from; i < to; i++) text += csvLine(subscriberCells(publicSubscriber(records[i], externalIdPrefix), labels, time));
              yield text;
              progress(to);
            }
          })(),
          { objectMode: false },
        ),
        sink,
      );
    },
  };
}
