/** Per-subject feature rows read from a labelled CSV, subjects in order of first appearance. */
export interface LabelledData {
  /** The numeric columns used as features, in file order. */
  readonly features: readonly string[];
  /** Columns left out: not numeric in every row, or excluded by the caller. */
  readonly ignored: readonly string[];
  /** Each subject's rows (feature values in `features` order), in file order. */
  readonly subjects: ReadonlyMap<string, readonly (readonly number[])[]>;
}

export type LabelledCsvResult =
  | { readonly ok: true; readonly data: LabelledData; readonly issues?: never }
  | { readonly ok: false; readonly issues: readonly string[]; readonly data?: never };

export interface LabelledCsvOptions {
  /** The column naming the subject. */
  readonly subject: string;
  /** Numeric columns that are not features (a session index, a repetition counter…). */
  readonly exclude?: readonly string[];
}

/**
 * Reads a labelled CSV (RFC 4180: a header row, commas, optional double quotes): every column
 * other than the subject whose values all parse as finite numbers is a feature.
 */
export function parseLabelledCsv(text: string, options: LabelledCsvOptions): LabelledCsvResult {
  const [header, ...rows] = csvRecords(text).filter((r) => r.some((cell) => cell.trim() !== ''));
  if (header === undefined) {
    return { ok: false, issues: ['the file has no header row'] };
  }
  const subjectAt = header.indexOf(options.subject);
  if (subjectAt < 0) {
    return {
      ok: false,
      issues: [`no column "${options.subject}" (columns: ${header.join(', ')})`],
    };
  }
  const issues = rows.flatMap((row, i) =>
    row.length === header.length
      ? []
      : [`row ${i + 2}: ${row.length} fields; the header has ${header.length}`],
  );
  if (issues.length > 0) {
    return { ok: false, issues };
  }
  const excluded = new Set(options.exclude ?? []);
  const numeric = (j: number) => rows.every((row) => isNumber(row[j] as string));
  const featureAt = header
    .map((_, j) => j)
    .filter((j) => j !== subjectAt && !excluded.has(header[j] as string) && numeric(j));
  if (featureAt.length === 0) {
    return { ok: false, issues: ['no numeric feature column'] };
  }
  const subjects = new Map<string, number[][]>();
  for (const row of rows) {
    const subject = (row[subjectAt] as string).trim();
    const list = subjects.get(subject) ?? [];
    list.push(featureAt.map((j) => Number(row[j])));
    subjects.set(subject, list);
  }
  return {
    ok: true,
    data: {
      features: featureAt.map((j) => header[j] as string),
      ignored: header.filter((_, j) => j !== subjectAt && !featureAt.includes(j)),
      subjects,
    },
  };
}

const isNumber = (cell: string) => cell.trim() !== '' && Number.isFinite(Number(cell));

/** RFC 4180 records: quoted fields may hold commas, line breaks and doubled quotes. */
function csvRecords(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i] as string;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (c === '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c === '"') {
      quoted = true;
    } else if (c === ',') {
      record.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') {
        i += 1;
      }
      record.push(field);
      records.push(record);
      record = [];
      field = '';
    } else {
      field += c;
    }
  }
  if (field !== '' || record.length > 0) {
    record.push(field);
    records.push(record);
  }
  return records;
}
