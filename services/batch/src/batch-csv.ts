import type { RowError, RowResult } from './batch-result.ts';
import { csvRecord } from './csv-writer.ts';

export const RESULTS_HEADER = ['line', 'subscriber_id', 'score', 'level', 'rules', 'reasons'];
export const ERRORS_HEADER = ['line', 'column', 'message'];

/** A row of `results.csv`: the rule codes joined by `;`, their messages by ` | `. */
export function resultLine(r: RowResult): string {
  return csvRecord([
    r.line,
    r.subscriberId,
    r.score,
    r.level,
    r.rules.map((rule) => rule.code).join(';'),
    r.rules.map((rule) => rule.message).join(' | '),
  ]);
}

/** A row of `errors.csv`; an empty column when the whole row is at fault. */
export function errorLine(e: RowError): string {
  return csvRecord([e.line, e.column ?? '', e.message]);
}
