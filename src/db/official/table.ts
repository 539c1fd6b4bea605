/**
 * Reads one delimited table (the agencies' TSV and CSV files, and the derived TSV files) with
 * csv-parse, by header name, and names the file, line and column of anything wrong with it.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'csv-parse/sync';

/** A problem in a table file: which file, which line (1-based) and which column. */
export class TableError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly column: string,
    readonly problem: string,
  ) {
    super(`${file}, line ${line}, column ${column}: ${problem}`);
    this.name = 'TableError';
  }
}

/** One data row: its line in the file and its cells, in header order. */
export type Row = { line: number; cells: string[] };

export type Table = {
  /** The file as named in errors (relative to the directory the caller started from). */
  file: string;
  header: string[];
  /** Column index by header name. */
  index: Map<string, number>;
  rows: Row[];
};

export type TableOptions = {
  /** Field separator. @default "\t" */
  delimiter?: '\t' | ',';
  /**
   * Whether `"` quotes fields. The agencies' TSV files are not quoted (a `"` is text); the derived
   * files and IPEDS' CSV are. @default true
   */
  quoted?: boolean;
  /** Lines before the header (e.g. a table title). @default 0 */
  skipLines?: number;
  /** Headers that must be present; more are allowed (the Excel editions add some). */
  required?: readonly string[];
  /** How the file is named in errors. @default the path relative to the working directory */
  name?: string;
  /**
   * The file has one record per line and no blank lines (the derived files, whose writer makes
   * sure), so a record's line follows from its position: much faster than asking the parser.
   * @default false
   */
  oneRecordPerLine?: boolean;
};

/** Reads a table file; a malformed line or a missing column throws a TableError. */
export async function readTable(file: string, options: TableOptions = {}): Promise<Table> {
  const name = options.name ?? path.relative(process.cwd(), file);
  return parseTable(await readFile(file, 'utf8'), name, options);
}

/** Parses a table's text (see readTable). */
export function parseTable(text: string, name: string, options: TableOptions = {}): Table {
  const skip = options.skipLines ?? 0;
  const fast = options.oneRecordPerLine ?? false;
  let records: string[][];
  const lines: number[] = [];
  try {
    records = parse(text, {
      delimiter: options.delimiter ?? '\t',
      quote: options.quoted === false ? false : '"',
      bom: true,
      from_line: skip + 1,
      skip_empty_lines: !fast,
      relax_column_count: false,
      ...(!fast && {
        on_record: (record: string[], context: { lines: number }) => {
          lines.push(context.lines);
          return record;
        },
      }),
    }) as string[][];
  } catch (error) {
    const e = error as Error & { lines?: number; column?: string | number; code?: string };
    // A record of the wrong length is the whole line's fault, not one column's.
    const column = e.column === undefined || /INCONSISTENT/.test(e.code ?? '') ? '(row)' : String(e.column);
    throw new TableError(name, e.lines ?? 0, column, e.message);
  }
  const lineOf = (i: number) => (fast ? skip + 1 + i : lines[i]!);
  const [head, ...body] = records;
  if (!head) throw new TableError(name, skip + 1, '(header)', 'the file has no header line');
  const header = head.map((h) => h.trim());
  const index = new Map(header.map((h, i) => [h, i]));
  for (const column of options.required ?? []) {
    if (!index.has(column)) throw new TableError(name, lineOf(0), '(header)', `missing the column "${column}"`);
  }
  const rows = body.map((cells, i) => ({ line: lineOf(i + 1), cells }));
  return { file: name, header, index, rows };
}

/** Reads a cell with `parse`, which throws (or returns an Error) when the text is not acceptable. */
export function cell<T>(table: Table, row: Row, column: string, parse: (text: string) => T): T {
  const i = table.index.get(column);
  const text = i === undefined ? undefined : row.cells[i];
  if (text === undefined) throw new TableError(table.file, row.line, columnName(table, column), 'is missing');
  try {
    return parse(text.trim());
  } catch (error) {
    throw new TableError(
      table.file,
      row.line,
      columnName(table, column),
      `${JSON.stringify(text)} ${(error as Error).message}`,
    );
  }
}

/** "N (name)": the 1-based column number with its header, as errors name a column. */
export function columnName(table: Table, column: string): string {
  return `${(table.index.get(column) ?? -1) + 1} (${column})`;
}

// ---- cell parsers: each throws an Error whose message completes "<value> ..." ------------------

/** Text that must not be empty. */
export const text = (s: string): string => {
  if (s === '') throw new Error('must not be empty');
  return s;
};

/** Text, or null when empty. */
export const optionalText = (s: string): string | null => (s === '' ? null : s);

/** Text matching a pattern, described for the error. */
export const matching =
  (pattern: RegExp, what: string) =>
  (s: string): string => {
    if (!pattern.test(s)) throw new Error(`is not ${what}`);
    return s;
  };

/** One of the given values. */
export const oneOf =
  <V extends string>(values: readonly V[]) =>
  (s: string): V => {
    if (!(values as readonly string[]).includes(s))
      throw new Error(`is not one of ${values.map((v) => JSON.stringify(v)).join(', ')}`);
    return s as V;
  };

/**
 * A decimal number with at most `places` decimals once the spreadsheet's binary noise is removed
 * (the agencies' Excel files hold 36.229999999999997 for 36.23): returned rounded to `places`.
 */
export const decimal =
  (places: number) =>
  (s: string): number => {
    if (!/^-?(\d+\.?\d*|\.\d+)(e-?\d+)?$/i.test(s)) throw new Error('is not a number');
    const value = Number(s);
    const scale = 10 ** places;
    const rounded = Math.round(value * scale) / scale;
    if (Math.abs(rounded - value) > 1e-6 * Math.max(1, Math.abs(value)))
      throw new Error(`has more than ${places} decimal places`);
    return rounded;
  };

/** A whole number. */
export const integer = (s: string): number => decimal(0)(s);
