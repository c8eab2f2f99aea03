import type { RowError, RowResult } from './batch-result.ts';
import { csvField, csvRecord } from './csv-writer.ts';

export const RESULTS_HEADER = ['line', 'subscriber_id', 'score', 'level', 'rules', 'reasons'];
export const ERRORS_HEADER = ['line', 'column', 'message'];

/** A row of `results.csv`: the rule codes joined by `;`, their messages by ` | `. */
export function resultLine(r: RowResult): string {
  // Written out by hand (a million rows): only the text fields can need quoting.
  let codes = '';
  let reasons = '';
  for (let i = 0; i < r.rules.length; i++) {
    const rule = r.rules[i] as RowResult['rules'][number];
    codes += i === 0 ? rule.code : `;${rule.code}`;
    reasons += i === 0 ? rule.message : ` | ${rule.message}`;
  }
  return `${r.line},${csvField(r.subscriberId)},${r.score},${r.level},${csvField(codes)},${csvField(reasons)}\r\n`;
}

/** A row of `errors.csv`; an empty column when the whole row is at fault. */
export function errorLine(e: RowError): string {
  return csvRecord([e.line, e.column ?? '', e.message]);
}
