/**
 * The derived dataset's files under prisma/data/official: one TSV per table, sorted so that a
 * re-run changes nothing and a new release is a reviewable diff, plus manifest.yaml. Written and
 * read with csv-stringify and csv-parse; reading validates every cell.
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import { z } from 'zod';
import { projectRoot } from '../../paths.js';
import {
  EDUCATION,
  EXPERIENCE,
  type Manifest,
  oewsCell,
  onetCode,
  socCode,
  type OfficialData,
  TASK_TYPES,
  TIERS,
  TRAINING,
  WAGE_STATS,
  type WageRow,
} from './data.js';
import {
  cell,
  decimal,
  integer,
  matching,
  oneOf,
  optionalText,
  parseTable,
  type Row,
  type Table,
  TableError,
  text,
} from './table.js';

/** Where the derived official dataset lives. */
export const officialDataDir = path.join(projectRoot, 'prisma', 'data', 'official');
const MANIFEST = 'manifest.yaml';

type Tables = Omit<OfficialData, 'manifest'>;
type Spec<K extends keyof Tables> = {
  file: string;
  columns: string[];
  sort: (a: Tables[K][number], b: Tables[K][number]) => number;
  write: (row: Tables[K][number]) => (string | number | null)[];
  read: (table: Table, row: Row) => Tables[K][number];
};

const cmp = (...keys: (string | number)[][]) => {
  const [a, b] = keys as [(string | number)[], (string | number)[]];
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! < b[i]! ? -1 : 1;
  return 0;
};
const by =
  <T>(key: (row: T) => (string | number | null)[]) =>
  (a: T, b: T) =>
    cmp(
      key(a).map((v) => v ?? ''),
      key(b).map((v) => v ?? ''),
    );

const orNull =
  <T>(parse: (s: string) => T) =>
  (s: string): T | null =>
    s === '' ? null : parse(s);
const values = <M extends Record<string, string>>(map: M) => Object.values(map) as M[keyof M][];

const wageColumns = WAGE_STATS.flatMap((s) => [`hourly_${s}`, `annual_${s}`]);

const specs: { [K in keyof Tables]: Spec<K> } = {
  jobZones: {
    file: 'job-zones.tsv',
    columns: ['zone', 'name', 'experience', 'education', 'training', 'examples', 'svp_range'],
    sort: by((r) => [r.zone]),
    write: (r) => [r.zone, r.name, r.experience, r.education, r.training, r.examples, r.svpRange],
    read: (t, r) => ({
      zone: cell(t, r, 'zone', integer),
      name: cell(t, r, 'name', text),
      experience: cell(t, r, 'experience', text),
      education: cell(t, r, 'education', text),
      training: cell(t, r, 'training', text),
      examples: cell(t, r, 'examples', text),
      svpRange: cell(t, r, 'svp_range', text),
    }),
  },
  occupations: {
    file: 'occupations.tsv',
    columns: ['code', 'title', 'job_zone', 'description'],
    sort: by((r) => [r.code]),
    write: (r) => [r.code, r.title, r.jobZone, r.description],
    read: (t, r) => ({
      code: cell(t, r, 'code', onetCode),
      title: cell(t, r, 'title', text),
      jobZone: cell(t, r, 'job_zone', orNull(integer)),
      description: cell(t, r, 'description', text),
    }),
  },
  alternateTitles: {
    file: 'alternate-titles.tsv',
    columns: ['code', 'title', 'short_title'],
    sort: by((r) => [r.code, r.title, r.shortTitle]),
    write: (r) => [r.code, r.title, r.shortTitle],
    read: (t, r) => ({
      code: cell(t, r, 'code', onetCode),
      title: cell(t, r, 'title', text),
      shortTitle: cell(t, r, 'short_title', optionalText),
    }),
  },
  reportedTitles: {
    file: 'reported-titles.tsv',
    columns: ['code', 'title'],
    sort: by((r) => [r.code, r.title]),
    write: (r) => [r.code, r.title],
    read: (t, r) => ({ code: cell(t, r, 'code', onetCode), title: cell(t, r, 'title', text) }),
  },
  tasks: {
    file: 'tasks.tsv',
    columns: ['code', 'task_id', 'type', 'statement'],
    sort: by((r) => [r.code, r.taskId]),
    write: (r) => [r.code, r.taskId, r.type, r.statement],
    read: (t, r) => ({
      code: cell(t, r, 'code', onetCode),
      taskId: cell(t, r, 'task_id', integer),
      type: cell(t, r, 'type', orNull(oneOf(values(TASK_TYPES)))),
      statement: cell(t, r, 'statement', text),
    }),
  },
  skillElements: {
    file: 'skill-elements.tsv',
    columns: ['element_id', 'name'],
    sort: by((r) => [r.elementId]),
    write: (r) => [r.elementId, r.name],
    read: (t, r) => ({ elementId: cell(t, r, 'element_id', text), name: cell(t, r, 'name', text) }),
  },
  skills: {
    file: 'skills.tsv',
    columns: ['code', 'element_id', 'importance', 'level'],
    sort: by((r) => [r.code, r.elementId]),
    write: (r) => [r.code, r.elementId, r.importance, r.level],
    read: (t, r) => ({
      code: cell(t, r, 'code', onetCode),
      elementId: cell(t, r, 'element_id', text),
      importance: cell(t, r, 'importance', orNull(decimal(2))),
      level: cell(t, r, 'level', orNull(decimal(2))),
    }),
  },
  related: {
    file: 'related-occupations.tsv',
    columns: ['code', 'related_code', 'tier', 'index'],
    sort: by((r) => [r.code, r.index]),
    write: (r) => [r.code, r.relatedCode, r.tier, r.index],
    read: (t, r) => ({
      code: cell(t, r, 'code', onetCode),
      relatedCode: cell(t, r, 'related_code', onetCode),
      tier: cell(t, r, 'tier', oneOf(values(TIERS))),
      index: cell(t, r, 'index', integer),
    }),
  },
  wages: {
    file: 'oews-wages.tsv',
    columns: ['year', 'code', 'title', 'employment', ...wageColumns],
    sort: by((r) => [r.year, r.code]),
    write: (r) => [r.year, r.code, r.title, r.employment, ...WAGE_STATS.flatMap((s) => [r.hourly[s], r.annual[s]])],
    read: (t, r) => {
      const stats = (prefix: string, places: number) =>
        Object.fromEntries(
          WAGE_STATS.map((s) => [s, cell(t, r, `${prefix}_${s}`, oewsCell(places))]),
        ) as WageRow['hourly'];
      return {
        year: cell(t, r, 'year', integer),
        code: cell(t, r, 'code', socCode),
        title: cell(t, r, 'title', text),
        employment: cell(t, r, 'employment', oewsCell(0)),
        hourly: stats('hourly', 2),
        annual: stats('annual', 0),
      };
    },
  },
  projections: {
    file: 'ep-projections.tsv',
    columns: [
      'code',
      'title',
      'employment_base',
      'employment_projected',
      'employment_change',
      'change_percent',
      'annual_openings',
      'typical_education',
      'work_experience',
      'on_the_job_training',
    ],
    sort: by((r) => [r.code]),
    write: (r) => [
      r.code,
      r.title,
      r.employmentBase,
      r.employmentProjected,
      r.employmentChange,
      r.changePercent,
      r.annualOpenings,
      r.education,
      r.experience,
      r.training,
    ],
    read: (t, r) => ({
      code: cell(t, r, 'code', socCode),
      title: cell(t, r, 'title', text),
      employmentBase: cell(t, r, 'employment_base', orNull(integer)),
      employmentProjected: cell(t, r, 'employment_projected', orNull(integer)),
      employmentChange: cell(t, r, 'employment_change', orNull(integer)),
      changePercent: cell(t, r, 'change_percent', orNull(decimal(1))),
      annualOpenings: cell(t, r, 'annual_openings', orNull(integer)),
      education: cell(t, r, 'typical_education', orNull(oneOf(values(EDUCATION)))),
      experience: cell(t, r, 'work_experience', orNull(oneOf(values(EXPERIENCE)))),
      training: cell(t, r, 'on_the_job_training', orNull(oneOf(values(TRAINING)))),
    }),
  },
  programCosts: {
    file: 'ipeds-program-costs.tsv',
    columns: ['cip_code', 'schools', 'school_count', 'median_usd'],
    sort: by((r) => [r.cipCode, r.schools]),
    write: (r) => [r.cipCode, r.schools, r.schoolCount, r.medianUsd],
    read: (t, r) => ({
      cipCode: cell(t, r, 'cip_code', matching(/^\d{2}\.\d{4}$/, 'a CIP code')),
      schools: cell(t, r, 'schools', oneOf(['ALL_PROGRAM_REPORTERS', 'PUBLIC_PROGRAM_REPORTERS'] as const)),
      schoolCount: cell(t, r, 'school_count', integer),
      medianUsd: cell(t, r, 'median_usd', decimal(1)),
    }),
  },
};

const tableKeys = Object.keys(specs) as (keyof Tables)[];

const manifestSchema = z.strictObject({
  onet: z.strictObject({ release: z.string(), source: z.string() }),
  oews: z.array(
    z.strictObject({
      year: z.number().int(),
      source: z.string(),
      topCode: z.strictObject({ hourly: z.number(), annual: z.number() }).optional(),
    }),
  ),
  projections: z.strictObject({ baseYear: z.number().int(), projectedYear: z.number().int(), source: z.string() }),
  ipeds: z.strictObject({ year: z.number().int(), source: z.string() }),
  files: z.record(z.string(), z.number().int().nonnegative()),
});

const MANIFEST_HEADER = `# The official dataset: derived by \`npm run data:import -- <dir>\` from the agencies' files
# (docs/official-data.md). Do not edit these files by hand; re-run the importer on a new release.
# O*NET 29.3 Database by the U.S. Department of Labor, Employment and Training Administration
# (USDOL/ETA), used under CC BY 4.0.
`;

/** The files' text, by name: deterministic for the same data. */
export function renderOfficialData(data: OfficialData): Map<string, string> {
  const files = new Map<string, string>();
  const counts: Record<string, number> = {};
  for (const key of tableKeys) {
    const spec = specs[key] as Spec<typeof key>;
    const rows = [...(data[key] as Tables[typeof key][number][])].sort(spec.sort as never);
    const cells = rows.map((r) => spec.write(r as never));
    // One record per line, so that readers can number lines without asking the parser (and diffs stay line by line).
    for (const row of cells)
      for (const value of row)
        if (typeof value === 'string' && /[\r\n]/.test(value))
          throw new Error(`${spec.file}: a value spans lines: ${JSON.stringify(value)}`);
    files.set(spec.file, stringify([spec.columns, ...cells], { delimiter: '\t' }));
    counts[spec.file] = rows.length;
  }
  const manifest: Manifest = { ...data.manifest, files: counts };
  files.set(MANIFEST, MANIFEST_HEADER + stringifyYaml(manifest, { lineWidth: 0 }));
  return files;
}

/**
 * Writes the dataset's files to `dir`, all or nothing: into a temporary folder first, then moved
 * into place. Returns the names of the files whose content changed.
 */
export async function writeOfficialData(data: OfficialData, dir = officialDataDir): Promise<string[]> {
  const files = renderOfficialData(data);
  const changed: string[] = [];
  for (const [name, content] of files) {
    const before = await readFile(path.join(dir, name), 'utf8').catch(() => null);
    if (before !== content) changed.push(name);
  }
  if (changed.length === 0) return changed;
  const staging = `${dir}.tmp-${process.pid}`;
  await rm(staging, { recursive: true, force: true });
  await mkdir(staging, { recursive: true });
  try {
    for (const [name, content] of files) await writeFile(path.join(staging, name), content);
    await mkdir(dir, { recursive: true });
    for (const name of files.keys()) await rename(path.join(staging, name), path.join(dir, name));
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
  return changed;
}

/** The raw text of the dataset's files, and a SHA-256 of all of them: unchanged data, unchanged hash. */
export async function readOfficialFiles(dir = officialDataDir): Promise<{ files: Map<string, string>; hash: string }> {
  const names = [MANIFEST, ...tableKeys.map((k) => specs[k].file)];
  const files = new Map<string, string>();
  const hash = createHash('sha256');
  for (const name of names) {
    const content = await readFile(path.join(dir, name), 'utf8');
    files.set(name, content);
    hash.update(name).update('\0').update(content).update('\0');
  }
  return { files, hash: hash.digest('hex') };
}

/** Parses and validates the files read by readOfficialFiles; a bad cell throws a TableError. */
export function parseOfficialData(files: Map<string, string>, dir = officialDataDir): OfficialData {
  const shown = (name: string) => path.relative(process.cwd(), path.join(dir, name));
  let manifest: Manifest;
  try {
    manifest = manifestSchema.parse(parseYaml(files.get(MANIFEST)!)) as Manifest;
  } catch (error) {
    throw new TableError(shown(MANIFEST), 0, '(manifest)', (error as Error).message);
  }
  const data = { manifest } as OfficialData;
  for (const key of tableKeys) {
    const spec = specs[key];
    const table = parseTable(files.get(spec.file)!, shown(spec.file), {
      required: spec.columns,
      oneRecordPerLine: true,
    });
    const rows = table.rows.map((r) => spec.read(table, r));
    if (manifest.files[spec.file] !== rows.length)
      throw new TableError(
        shown(spec.file),
        0,
        '(file)',
        `has ${rows.length} rows; manifest.yaml says ${manifest.files[spec.file]}`,
      );
    (data as Record<string, unknown>)[key] = rows;
  }
  return data;
}

/** Reads and validates the derived dataset (prisma/data/official by default). */
export async function readOfficialData(dir = officialDataDir): Promise<{ data: OfficialData; hash: string }> {
  const { files, hash } = await readOfficialFiles(dir);
  return { data: parseOfficialData(files, dir), hash };
}
