/**
 * Derives the official dataset from the agencies' files as published, laid out as in
 * docs/official-data.md (onet-<release>/, bls-oews/, bls-ep-<years>/, ipeds-<year>/). Every cell
 * is validated; the first problem throws a TableError naming file, line and column.
 */
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import {
  blsCodeFor,
  EDUCATION,
  EXPERIENCE,
  type Manifest,
  oewsCell,
  onetCode,
  socCode,
  type OfficialData,
  type ProgramCostRow,
  socOf,
  TASK_TYPES,
  TIERS,
  TRAINING,
  WAGE_STATS,
  type WageRow,
} from './data.js';
import {
  cell,
  columnName,
  decimal,
  integer,
  matching,
  oneOf,
  optionalText,
  readTable,
  type Row,
  type Table,
  TableError,
  text,
} from './table.js';

/**
 * OEWS's "#": the top of each release's published range. Only releases whose top a source gives
 * are listed; for the others "#" stays "at or above the top of the range", without the amount.
 * May 2024: $115.00 an hour, $239,200 a year (BLS, as recorded in the shared data README).
 */
const OEWS_TOP_CODES: Record<number, { hourly: number; annual: number }> = {
  2024: { hourly: 115, annual: 239200 },
};

/** What the import needs from the curated dataset. */
export type CuratedContext = {
  /** Slugs of the curated sources; each release needs one (sources.yaml). */
  sources: ReadonlySet<string>;
  /** The CIP codes curated training programs map to: IPEDS medians are derived for these. */
  cipCodes: readonly string[];
};

/** Thrown for a problem with the directory or the releases rather than with one cell. */
class ImportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ImportError';
  }
}

/** O*NET's text edition writes "n/a" where the Excel edition leaves a cell empty. */
const blank = (s: string) => (s === 'n/a' ? '' : s);
const mapped =
  <M extends Record<string, string>>(map: M) =>
  (s: string): M[keyof M] =>
    map[oneOf(Object.keys(map))(s)] as M[keyof M];

/** Reads every release under `dir` and derives the dataset the service loads. */
export async function importOfficialData(dir: string, curated: CuratedContext): Promise<OfficialData> {
  const folders = await readdir(dir, { withFileTypes: true });
  const folder = (test: (name: string) => boolean, what: string) => {
    const found = folders.filter((f) => f.isDirectory() && test(f.name)).map((f) => f.name);
    if (found.length !== 1)
      throw new ImportError(
        `${dir}: expected one ${what} folder, found ${found.length ? found.join(', ') : 'none'} (see docs/official-data.md)`,
      );
    return path.join(dir, found[0]!);
  };
  const onetDir = folder((n) => /^onet-\d+\.\d+$/.test(n), 'onet-<release>');
  const oewsDir = folder((n) => n === 'bls-oews', 'bls-oews');
  const epDir = folder((n) => /^bls-ep-\d{4}-\d{2}$/.test(n), 'bls-ep-<base>-<end>');
  const ipedsDir = folder((n) => /^ipeds-\d{4}$/.test(n), 'ipeds-<year>');

  const source = (slug: string, what: string) => {
    if (!curated.sources.has(slug))
      throw new ImportError(
        `No source "${slug}" in prisma/data/sources.yaml: add one for ${what} (title, publisher, URL, year) before importing it.`,
      );
    return slug;
  };

  const onet = await readOnet(onetDir);
  const socs = new Set(onet.occupations.map((o) => socOf(o.code)));
  const oews = await readOews(oewsDir, socs);
  const ep = await readProjections(epDir, socs);
  const ipeds = await readIpeds(ipedsDir, curated.cipCodes);

  const data: Omit<OfficialData, 'manifest'> = {
    ...onet.tables,
    occupations: onet.occupations,
    wages: oews.rows,
    projections: ep.rows,
    programCosts: ipeds.rows,
  };
  const manifest: Manifest = {
    onet: { release: onet.release, source: source(`onet-${onet.release.replace('.', '-')}`, `O*NET ${onet.release}`) },
    oews: oews.years.map((year) => ({
      year,
      source: source(`bls-oews-may-${year}`, `OEWS May ${year}`),
      ...(OEWS_TOP_CODES[year] && { topCode: OEWS_TOP_CODES[year] }),
    })),
    projections: {
      baseYear: ep.baseYear,
      projectedYear: ep.projectedYear,
      source: source(
        `bls-ep-${ep.baseYear}-${String(ep.projectedYear).slice(2)}`,
        `Employment Projections ${ep.baseYear}-${ep.projectedYear}`,
      ),
    },
    ipeds: {
      year: ipeds.year,
      source: source(`ipeds-ic-${ipeds.year}`, `IPEDS ${ipeds.year}-${(ipeds.year + 1) % 100}`),
    },
    files: {},
  };
  return { manifest, ...data };
}

/** A file of a folder, in the Excel edition's .tsv or the text edition's .txt. */
function fileIn(dir: string, base: string): string {
  for (const ext of ['.tsv', '.txt']) {
    const file = path.join(dir, base + ext);
    if (existsSync(file)) return file;
  }
  throw new ImportError(`${path.join(dir, base)}.tsv (or .txt) is missing`);
}

const tsv = (dir: string, base: string, required: readonly string[]) =>
  readTable(fileIn(dir, base), { quoted: false, required });

/** Checks that every row's O*NET code names a known occupation. */
function known(table: Table, row: Row, column: string, codes: ReadonlySet<string>): string {
  const code = cell(table, row, column, onetCode);
  if (!codes.has(code))
    throw new TableError(
      table.file,
      row.line,
      columnName(table, column),
      `"${code}" is not an occupation of Occupation Data`,
    );
  return code;
}

async function readOnet(dir: string) {
  const readMe = path.join(dir, 'Read Me.txt');
  const stated = existsSync(readMe)
    ? /O\*NET (\d+\.\d+) Database/.exec(await readFile(readMe, 'utf8'))?.[1]
    : undefined;
  const release = stated ?? path.basename(dir).replace(/^onet-/, '');

  const occ = await tsv(dir, 'Occupation Data', ['O*NET-SOC Code', 'Title', 'Description']);
  const zonesRef = await tsv(dir, 'Job Zone Reference', [
    'Job Zone',
    'Name',
    'Experience',
    'Education',
    'Job Training',
    'Examples',
    'SVP Range',
  ]);
  const jobZones = zonesRef.rows.map((r) => ({
    zone: cell(zonesRef, r, 'Job Zone', integer),
    name: cell(zonesRef, r, 'Name', text),
    experience: cell(zonesRef, r, 'Experience', text),
    education: cell(zonesRef, r, 'Education', text),
    training: cell(zonesRef, r, 'Job Training', text),
    examples: cell(zonesRef, r, 'Examples', text),
    svpRange: cell(zonesRef, r, 'SVP Range', text),
  }));
  const zoneNumbers = new Set(jobZones.map((z) => z.zone));

  const seen = new Set<string>();
  const codes = new Set(occ.rows.map((r) => cell(occ, r, 'O*NET-SOC Code', onetCode)));
  const zonesFile = await tsv(dir, 'Job Zones', ['O*NET-SOC Code', 'Job Zone']);
  const zoneOf = new Map<string, number>();
  for (const r of zonesFile.rows) {
    const zone = cell(zonesFile, r, 'Job Zone', integer);
    if (!zoneNumbers.has(zone))
      throw new TableError(
        zonesFile.file,
        r.line,
        columnName(zonesFile, 'Job Zone'),
        `${zone} is not in Job Zone Reference`,
      );
    zoneOf.set(known(zonesFile, r, 'O*NET-SOC Code', codes), zone);
  }
  const occupations = occ.rows.map((r) => {
    const code = cell(occ, r, 'O*NET-SOC Code', onetCode);
    if (seen.has(code))
      throw new TableError(occ.file, r.line, columnName(occ, 'O*NET-SOC Code'), `"${code}" appears twice`);
    seen.add(code);
    return {
      code,
      title: cell(occ, r, 'Title', text),
      description: cell(occ, r, 'Description', text),
      jobZone: zoneOf.get(code) ?? null,
    };
  });

  const alt = await tsv(dir, 'Alternate Titles', ['O*NET-SOC Code', 'Alternate Title', 'Short Title']);
  const alternateTitles = alt.rows.map((r) => ({
    code: known(alt, r, 'O*NET-SOC Code', codes),
    title: cell(alt, r, 'Alternate Title', text),
    shortTitle: cell(alt, r, 'Short Title', (s) => optionalText(blank(s))),
  }));
  const rep = await tsv(dir, 'Sample of Reported Titles', ['O*NET-SOC Code', 'Reported Job Title']);
  const reportedTitles = rep.rows.map((r) => ({
    code: known(rep, r, 'O*NET-SOC Code', codes),
    title: cell(rep, r, 'Reported Job Title', text),
  }));
  const taskFile = await tsv(dir, 'Task Statements', ['O*NET-SOC Code', 'Task ID', 'Task', 'Task Type']);
  const tasks = taskFile.rows.map((r) => ({
    code: known(taskFile, r, 'O*NET-SOC Code', codes),
    taskId: cell(taskFile, r, 'Task ID', integer),
    type: cell(taskFile, r, 'Task Type', (s) => (blank(s) === '' ? null : mapped(TASK_TYPES)(s))),
    statement: cell(taskFile, r, 'Task', text),
  }));

  const skillFile = await tsv(dir, 'Skills', [
    'O*NET-SOC Code',
    'Element ID',
    'Element Name',
    'Scale ID',
    'Data Value',
    'Recommend Suppress',
    'Not Relevant',
  ]);
  const elements = new Map<string, string>();
  const ratings = new Map<
    string,
    { code: string; elementId: string; importance: number | null; level: number | null }
  >();
  const flag = (s: string) => (blank(s) === '' ? false : oneOf(['Y', 'N'] as const)(s) === 'Y');
  for (const r of skillFile.rows) {
    const code = known(skillFile, r, 'O*NET-SOC Code', codes);
    const elementId = cell(skillFile, r, 'Element ID', matching(/^[0-9A-Za-z.]+$/, 'an O*NET element ID'));
    elements.set(elementId, cell(skillFile, r, 'Element Name', text));
    const scale = cell(skillFile, r, 'Scale ID', oneOf(['IM', 'LV'] as const));
    const value = cell(skillFile, r, 'Data Value', decimal(2));
    // O*NET's own advice: suppress low-precision values, and disregard a level rated "not relevant".
    const withheld =
      cell(skillFile, r, 'Recommend Suppress', flag) || (scale === 'LV' && cell(skillFile, r, 'Not Relevant', flag));
    const key = `${code}|${elementId}`;
    const rating = ratings.get(key) ?? { code, elementId, importance: null, level: null };
    rating[scale === 'IM' ? 'importance' : 'level'] = withheld ? null : value;
    ratings.set(key, rating);
  }

  const rel = await tsv(dir, 'Related Occupations', [
    'O*NET-SOC Code',
    'Related O*NET-SOC Code',
    'Relatedness Tier',
    'Index',
  ]);
  const related = rel.rows.map((r) => ({
    code: known(rel, r, 'O*NET-SOC Code', codes),
    relatedCode: known(rel, r, 'Related O*NET-SOC Code', codes),
    tier: cell(rel, r, 'Relatedness Tier', mapped(TIERS)),
    index: cell(rel, r, 'Index', integer),
  }));

  return {
    release,
    occupations,
    tables: {
      jobZones,
      alternateTitles,
      reportedTitles,
      tasks,
      skillElements: [...elements].map(([elementId, name]) => ({ elementId, name })),
      skills: [...ratings.values()],
      related,
    },
  };
}

const WAGE_COLUMNS = {
  mean: 'MEAN',
  p10: 'PCT10',
  p25: 'PCT25',
  median: 'MEDIAN',
  p75: 'PCT75',
  p90: 'PCT90',
} as const;

async function readOews(dir: string, socs: ReadonlySet<string>) {
  const files = (await readdir(dir)).filter((f) => /^national_M\d{4}_dl\.(tsv|txt|csv)$/.test(f)).sort();
  if (files.length === 0) throw new ImportError(`${dir}: no national_M<year>_dl file`);
  const years: number[] = [];
  const rows: WageRow[] = [];
  for (const name of files) {
    const year = Number(/M(\d{4})/.exec(name)![1]);
    const columns = ['AREA', 'OCC_CODE', 'OCC_TITLE', 'O_GROUP', 'TOT_EMP'];
    for (const stat of WAGE_STATS) columns.push(`H_${WAGE_COLUMNS[stat]}`, `A_${WAGE_COLUMNS[stat]}`);
    const table = await readTable(path.join(dir, name), {
      quoted: name.endsWith('.csv'),
      delimiter: name.endsWith('.csv') ? ',' : '\t',
      required: columns,
    });
    const detailed = new Map<string, Row>();
    for (const r of table.rows) {
      cell(table, r, 'AREA', matching(/^99$/, 'the national area (99); this importer reads national files only'));
      const group = cell(table, r, 'O_GROUP', oneOf(['total', 'major', 'minor', 'broad', 'detailed'] as const));
      if (group === 'detailed') detailed.set(cell(table, r, 'OCC_CODE', socCode), r);
    }
    const used = new Set([...socs].map((s) => blsCodeFor(s, new Set(detailed.keys()))).filter((c) => c !== null));
    for (const [code, r] of [...detailed].filter(([c]) => used.has(c)).sort(([a], [b]) => (a < b ? -1 : 1))) {
      const stats = (prefix: 'H' | 'A', places: number) =>
        Object.fromEntries(
          WAGE_STATS.map((s) => [s, cell(table, r, `${prefix}_${WAGE_COLUMNS[s]}`, oewsCell(places))]),
        ) as WageRow['hourly'];
      rows.push({
        year,
        code,
        title: cell(table, r, 'OCC_TITLE', text),
        employment: cell(table, r, 'TOT_EMP', oewsCell(0)),
        hourly: stats('H', 2),
        annual: stats('A', 0),
      });
    }
    years.push(year);
  }
  return { years, rows };
}

/** Employment Projections' employment columns are in thousands with one decimal: returned as jobs. */
const thousands = (s: string) => (s === '—' ? null : Math.round(decimal(1)(s) * 1000));
const percent = (s: string) => (s === '—' ? null : decimal(1)(s));
const category =
  <M extends Record<string, string>>(map: M) =>
  (s: string) =>
    s === '—' ? null : mapped(map)(s);

async function readProjections(dir: string, socs: ReadonlySet<string>) {
  const main = await readTable(fileIn(dir, 'occupation_table_1.2'), { quoted: false, skipLines: 1 });
  const openingsTable = await readTable(fileIn(dir, 'occupation_table_1.10'), { quoted: false, skipLines: 1 });
  const columnLike = (table: Table, pattern: RegExp, what: string) => {
    const found = table.header.filter((h) => pattern.test(h));
    if (found.length !== 1)
      throw new TableError(table.file, 2, '(header)', `expected one column for ${what}, found ${found.length}`);
    return found[0]!;
  };
  const employmentColumns = main.header.filter((h) => /^Employment, \d{4}$/.test(h));
  if (employmentColumns.length !== 2)
    throw new TableError(main.file, 2, '(header)', 'expected two "Employment, <year>" columns');
  const [baseColumn, projectedColumn] = employmentColumns as [string, string];
  const baseYear = Number(baseColumn.slice(-4));
  const projectedYear = Number(projectedColumn.slice(-4));
  const col = {
    code: columnLike(main, /National Employment Matrix code$/, 'the matrix code'),
    title: columnLike(main, /National Employment Matrix title$/, 'the matrix title'),
    type: columnLike(main, /^Occupation type$/, 'the occupation type'),
    change: columnLike(main, /^Employment change, numeric/, 'the numeric change'),
    percent: columnLike(main, /^Employment change, percent/, 'the percent change'),
    openings: columnLike(main, /^Occupational openings/, 'the annual openings'),
    education: columnLike(main, /^Typical education needed for entry$/, 'the typical education'),
    experience: columnLike(main, /^Work experience in a related occupation$/, 'the work experience'),
    training: columnLike(main, /^Typical on-the-job training/, 'the on-the-job training'),
  };
  const lineItems = (table: Table, codeColumn: string, typeColumn: string) => {
    const items = new Map<string, Row>();
    let notes = false;
    for (const r of table.rows) {
      // The tables end with footnote lines that have no code.
      if (r.cells[table.index.get(codeColumn)!]!.trim() === '') {
        notes = true;
        continue;
      }
      if (notes)
        throw new TableError(table.file, r.line, columnName(table, codeColumn), 'a data line follows the footnotes');
      const type = cell(table, r, typeColumn, oneOf(['Line item', 'Summary'] as const));
      if (type === 'Line item') items.set(cell(table, r, codeColumn, socCode), r);
    }
    return items;
  };
  const items = lineItems(main, col.code, col.type);
  const openingsItems = lineItems(
    openingsTable,
    columnLike(openingsTable, /National Employment Matrix code$/, 'the matrix code'),
    columnLike(openingsTable, /^Occupation type$/, 'the occupation type'),
  );
  const openingsColumn = columnLike(openingsTable, /^Occupational openings/, 'the annual openings');
  const used = new Set([...socs].map((s) => blsCodeFor(s, new Set(items.keys()))).filter((c) => c !== null));
  const rows = [...items]
    .filter(([code]) => used.has(code))
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([code, r]) => {
      const annualOpenings = cell(main, r, col.openings, thousands);
      // Table 1.10 repeats the openings; the two tables must agree.
      const other = openingsItems.get(code);
      if (other && cell(openingsTable, other, openingsColumn, thousands) !== annualOpenings)
        throw new TableError(
          openingsTable.file,
          other.line,
          openingsColumn,
          `disagrees with ${main.file} line ${r.line}`,
        );
      return {
        code,
        title: cell(main, r, col.title, text),
        employmentBase: cell(main, r, baseColumn, thousands),
        employmentProjected: cell(main, r, projectedColumn, thousands),
        employmentChange: cell(main, r, col.change, thousands),
        changePercent: cell(main, r, col.percent, percent),
        annualOpenings,
        education: cell(main, r, col.education, category(EDUCATION)),
        experience: cell(main, r, col.experience, category(EXPERIENCE)),
        training: cell(main, r, col.training, category(TRAINING)),
      };
    });
  return { baseYear, projectedYear, rows };
}

/** IPEDS writes CIP codes as numbers, dropping zeros ("12.041", "1.0504"): back to "12.0410", "01.0504". */
function normalizeCip(s: string): string {
  const m = /^(\d{1,2})(?:\.(\d{1,4}))?$/.exec(s);
  if (!m) throw new Error('is not a CIP code');
  return `${m[1]!.padStart(2, '0')}.${(m[2] ?? '').padEnd(4, '0')}`;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length / 2;
  return Number.isInteger(mid) ? (sorted[mid - 1]! + sorted[mid]!) / 2 : sorted[Math.floor(mid)]!;
};

async function readIpeds(dir: string, cipCodes: readonly string[]) {
  const year = Number(/ipeds-(\d{4})$/.exec(dir)![1]);
  const programs = await readTable(path.join(dir, `ic${year}_py.csv`), {
    delimiter: ',',
    required: ['UNITID', 'CIPCODE1', 'CHG1PY3'],
  });
  const institutions = await readTable(path.join(dir, `ic${year}.csv`), {
    delimiter: ',',
    required: ['UNITID', 'CNTLAFFI'],
  });
  const control = new Map(
    institutions.rows.map((r) => [
      cell(institutions, r, 'UNITID', integer),
      cell(institutions, r, 'CNTLAFFI', integer),
    ]),
  );
  const wanted = new Set(cipCodes);
  const charges = new Map<string, { all: number[]; public: number[] }>();
  for (const r of programs.rows) {
    const cip = cell(programs, r, 'CIPCODE1', (s) => (s === '' || s === '.' ? null : normalizeCip(s)));
    if (cip === null || !wanted.has(cip)) continue;
    // "." is IPEDS' "not applicable or not reported": such schools report no charge.
    const charge = cell(programs, r, 'CHG1PY3', (s) => (s === '.' || s === '' ? null : integer(s)));
    if (charge === null) continue;
    const unit = cell(programs, r, 'UNITID', integer);
    if (!control.has(unit))
      throw new TableError(
        programs.file,
        r.line,
        columnName(programs, 'UNITID'),
        `${unit} is not in ${institutions.file}`,
      );
    const entry = charges.get(cip) ?? { all: [], public: [] };
    entry.all.push(charge);
    if (control.get(unit) === 1) entry.public.push(charge);
    charges.set(cip, entry);
  }
  const rows: ProgramCostRow[] = [...charges]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .flatMap(([cipCode, { all, public: pub }]) => [
      { cipCode, schools: 'ALL_PROGRAM_REPORTERS' as const, schoolCount: all.length, medianUsd: median(all) },
      ...(pub.length
        ? [{ cipCode, schools: 'PUBLIC_PROGRAM_REPORTERS' as const, schoolCount: pub.length, medianUsd: median(pub) }]
        : []),
    ]);
  return { year, rows };
}
