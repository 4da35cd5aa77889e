import type { ImportReport } from '../../../electron/core/contract/types.js';

type Translate = (key: string, named?: Record<string, unknown>) => string;

export interface ImportReportText {
  type: 'success' | 'warning' | 'error';
  title: string;
  lines: string[];
}

const KEY = 'settings.data.import';

/** The import's report in the operator's words: what came in, what was already here, and each row left out and why. */
export function importReportText(t: Translate, report: ImportReport): ImportReportText {
  if (report.fileProblem) {
    const { problem, line } = report.fileProblem;
    return { type: 'error', title: t(`${KEY}.fileProblem.${problem}`, { line: line ?? 1 }), lines: [] };
  }
  const lines = [t(`${KEY}.imported`, { count: report.imported })];
  if (report.filled) lines.push(t(`${KEY}.filled`, { count: report.filled }));
  if (report.skipped) lines.push(t(`${KEY}.skipped`, { count: report.skipped }));
  if (report.rejected) lines.push(t(`${KEY}.rejected`, { count: report.rejected }));
  for (const r of report.rejections) lines.push(t(`${KEY}.row`, { row: r.row, reason: t(`${KEY}.problem.${r.problem}`, { value: r.value ?? '' }) }));
  const unlisted = report.rejected - report.rejections.length;
  if (unlisted > 0) lines.push(t(`${KEY}.more`, { count: unlisted }));
  return { type: report.rejected ? 'warning' : 'success', title: t(`${KEY}.done`), lines };
}
