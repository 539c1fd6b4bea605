/**
 * The importer of the agencies' files (npm run data:import): on small fixture files, every OEWS
 * special value, a malformed line, an idempotent second run; on the full files of
 * /work/shared/data when they are present, the committed derived dataset exactly and the files'
 * row counts.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { loadDataset } from '../../src/db/dataset/load.js';
import { readDataset } from '../../src/db/dataset/read.js';
import { importOfficialData } from '../../src/db/official/import.js';
import {
  officialDataDir,
  readOfficialData,
  renderOfficialData,
  writeOfficialData,
} from '../../src/db/official/files.js';
import { TableError } from '../../src/db/official/table.js';
import { projectRoot } from '../../src/paths.js';
import { testDatabase } from '../support/database.js';

const fixtures = path.join(projectRoot, 'tests', 'fixtures', 'official');
const curated = await readDataset();
const context = {
  sources: new Set(curated.sources.map((s) => s.slug)),
  cipCodes: ['51.0801', '51.3901', '12.0410'],
};
const tempDir = () => mkdtemp(path.join(tmpdir(), 'cl-official-'));

/** A copy of the fixtures with one file edited. */
async function editedFixtures(file: string, edit: (text: string) => string): Promise<string> {
  const dir = await tempDir();
  await cp(fixtures, dir, { recursive: true });
  const target = path.join(dir, file);
  await writeFile(target, edit(await readFile(target, 'utf8')));
  return dir;
}

describe('the importer, on fixture files', () => {
  it('keeps every OEWS special value as published and loads it as "not available" or "at least"', async () => {
    const data = await importOfficialData(fixtures, context);
    const aides = data.wages.find((w) => w.code === '31-1120')!;
    expect(aides.employment).toBe('**');
    expect(aides.hourly.mean).toBe('*');
    expect(aides.annual.p90).toBe('*');
    const ceo = data.wages.find((w) => w.code === '11-1011')!;
    expect(ceo.annual.p90).toBe('#');
    // The spreadsheet's binary noise is gone: 36.229999999999997 is 36.23 in the derived file.
    expect(renderOfficialData(data).get('oews-wages.tsv')).not.toMatch(/\d\.\d{3,}/);

    const { prisma } = await testDatabase('migrated');
    const official = { data, hash: 'fixture' };
    await loadDataset(prisma, { organizations: curated.organizations, sources: curated.sources }, { official });
    const wage = (code: string) =>
      prisma.occupationWage.findFirstOrThrow({ where: { occupation: { code } }, orderBy: { year: 'desc' } });
    const homeHealth = await wage('31-1121.00');
    expect(homeHealth).toMatchObject({ blsCode: '31-1120', coverage: 'BROADER', employment: null });
    expect(homeHealth.employmentQ).toBe('NOT_AVAILABLE');
    expect([homeHealth.hourlyMean, homeHealth.hourlyMeanQ]).toEqual([null, 'NOT_AVAILABLE']);
    expect([homeHealth.annualP90, homeHealth.annualP90Q]).toEqual([null, 'NOT_AVAILABLE']);
    const chief = await wage('11-1011.00');
    expect([chief.annualP90?.toNumber(), chief.annualP90Q]).toEqual([239200, 'AT_LEAST']);
    expect([chief.hourlyP90?.toNumber(), chief.hourlyP90Q]).toEqual([115, 'AT_LEAST']);
    expect([chief.annualMedian?.toNumber(), chief.annualMedianQ, chief.coverage]).toEqual([206420, 'EXACT', 'SAME']);
  });

  it('derives what the fixtures hold: EP thousands as jobs, skills, CIP codes and IPEDS medians', async () => {
    const data = await importOfficialData(fixtures, context);
    expect(data.projections.find((p) => p.code === '31-9092')).toMatchObject({
      employmentBase: 811000,
      employmentProjected: 912200,
      changePercent: 12.5,
      annualOpenings: 112300,
      education: 'POSTSECONDARY_NONDEGREE_AWARD',
    });
    // O*NET's "not relevant" and "suppress" flags withhold the level; the importance stays.
    expect(data.skills.filter((s) => s.code === '31-9092.00')).toEqual([
      { code: '31-9092.00', elementId: '2.A.1.a', importance: 3.75, level: null },
      { code: '31-9092.00', elementId: '2.A.1.b', importance: 3.88, level: null },
    ]);
    expect(data.tasks[0]!.statement).toBe('Direct the organization\'s "head count" planning.');
    expect(data.programCosts).toEqual([
      // "12.041" in the file is CIP 12.0410.
      { cipCode: '12.0410', schools: 'ALL_PROGRAM_REPORTERS', schoolCount: 1, medianUsd: 9570 },
      { cipCode: '51.0801', schools: 'ALL_PROGRAM_REPORTERS', schoolCount: 4, medianUsd: (16545 + 17706) / 2 },
      { cipCode: '51.0801', schools: 'PUBLIC_PROGRAM_REPORTERS', schoolCount: 1, medianUsd: 15249 },
      // The practical-nursing school reports no charge (".") and so is not counted.
    ]);
    expect(data.manifest).toMatchObject({
      onet: { release: '29.3', source: 'onet-29-3' },
      oews: [{ year: 2024, source: 'bls-oews-may-2024', topCode: { hourly: 115, annual: 239200 } }],
      projections: { baseYear: 2024, projectedYear: 2034, source: 'bls-ep-2024-34' },
      ipeds: { year: 2023, source: 'ipeds-ic-2023' },
    });
  });

  it('writes the same files on a second run, and a changed release as a diff of its lines', async () => {
    const out = await tempDir();
    const first = await writeOfficialData(await importOfficialData(fixtures, context), out);
    expect(first).toContain('oews-wages.tsv');
    const before = await readFile(path.join(out, 'oews-wages.tsv'), 'utf8');
    expect(await writeOfficialData(await importOfficialData(fixtures, context), out)).toEqual([]);
    expect(await readFile(path.join(out, 'oews-wages.tsv'), 'utf8')).toBe(before);

    const newer = await editedFixtures('bls-oews/national_M2024_dl.tsv', (t) => t.replace('\t44200\t', '\t44300\t'));
    expect(await writeOfficialData(await importOfficialData(newer, context), out)).toEqual(['oews-wages.tsv']);
    const after = (await readFile(path.join(out, 'oews-wages.tsv'), 'utf8')).split('\n');
    const changed = after.filter((line, i) => line !== before.split('\n')[i]);
    expect(changed).toHaveLength(1);
    expect(changed[0]).toMatch(/^2024\t31-9092\t.*\t44300\t/);
  });

  it('names the file, line and column of a malformed cell', async () => {
    const dir = await editedFixtures('bls-oews/national_M2024_dl.tsv', (t) => t.replace('\t93600\t', '\tn/a\t'));
    const error = await importOfficialData(dir, context).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TableError);
    const { file, line, column, problem } = error as TableError;
    expect(file).toMatch(/bls-oews\/national_M2024_dl\.tsv$/);
    // Line 1 is the header; 29-1141 is the third data line.
    expect(line).toBe(4);
    expect(column).toBe('28 (A_MEDIAN)');
    expect(problem).toMatch(/"n\/a" is not a number/);
  });

  it('names a line whose columns do not match the header, and a code no occupation has', async () => {
    const short = await editedFixtures('onet-29.3/Job Zones.tsv', (t) => `${t}29-1141.00\t3\n`);
    await expect(importOfficialData(short, context)).rejects.toThrow(
      /Job Zones\.tsv, line 7, column \(row\): Invalid Record Length: expect 5, got 2/,
    );
    const unknown = await editedFixtures('onet-29.3/Task Statements.tsv', (t) =>
      t.replace(/\n11-1011\.00\t/, '\n99-9999.00\t'),
    );
    await expect(importOfficialData(unknown, context)).rejects.toThrow(
      /Task Statements\.tsv, line 2, column 1 \(O\*NET-SOC Code\): "99-9999\.00" is not an occupation/,
    );
  });

  it('refuses a release without a curated source, naming what to add', async () => {
    await expect(importOfficialData(fixtures, { ...context, sources: new Set(['onet-29-3']) })).rejects.toThrow(
      /No source "bls-oews-may-2024" in prisma\/data\/sources\.yaml: add one for OEWS May 2024/,
    );
  });

  it('as `npm run data:import`, fails on a malformed file without writing anything', async () => {
    const out = await tempDir();
    await writeOfficialData(await importOfficialData(fixtures, context), out);
    const before = await Promise.all((await readdir(out)).sort().map((f) => readFile(path.join(out, f), 'utf8')));
    const dir = await editedFixtures('bls-ep-2024-34/occupation_table_1.2.tsv', (t) =>
      t.replace('\t811\t', '\teight\t'),
    );
    const run = promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', 'src/cli/data-import.ts', dir, '--out', out],
      {
        cwd: projectRoot,
      },
    );
    const failure = (await run.catch((e: unknown) => e)) as { code: number; stderr: string };
    expect(failure.code).toBe(1);
    expect(failure.stderr).toMatch(
      /occupation_table_1\.2\.tsv, line \d+, column 4 \(Employment, 2024\): "eight" is not a number/,
    );
    const after = await Promise.all((await readdir(out)).sort().map((f) => readFile(path.join(out, f), 'utf8')));
    expect(after).toEqual(before);
  }, 60_000);
});

/** Where the agencies' full files are: OFFICIAL_DATA_DIR, or a shared/data folder beside the project. */
const fullDir = [
  process.env.OFFICIAL_DATA_DIR,
  path.resolve(projectRoot, '..', 'shared', 'data'),
  path.resolve(projectRoot, '..', '..', 'shared', 'data'),
].find((d): d is string => !!d && existsSync(path.join(d, 'onet-29.3')));
if (!fullDir)
  console.warn('Skipping the importer tests on the full files: no shared/data folder (set OFFICIAL_DATA_DIR).');

describe.skipIf(!fullDir)('the importer, on the full files in shared/data', () => {
  it('derives exactly the committed dataset, with the files’ row counts', async () => {
    const curatedCips = curated['training-programs'].flatMap((p) => (p.cipCode ? [p.cipCode] : []));
    const derived = await importOfficialData(fullDir!, { ...context, cipCodes: [...new Set(curatedCips)] });
    const committed = (await readOfficialData()).data;
    const out = await tempDir();
    await writeOfficialData(derived, out);
    for (const file of await readdir(officialDataDir))
      expect(await readFile(path.join(out, file), 'utf8'), file).toBe(
        await readFile(path.join(officialDataDir, file), 'utf8'),
      );

    const rows = async (file: string, skip = 1) =>
      (await readFile(path.join(fullDir!, file), 'utf8')).split('\n').filter((l) => l.trim() !== '').length - skip;
    expect(committed.occupations).toHaveLength(await rows('onet-29.3/Occupation Data.tsv'));
    expect(committed.alternateTitles).toHaveLength(await rows('onet-29.3/Alternate Titles.tsv'));
    expect(committed.reportedTitles).toHaveLength(await rows('onet-29.3/Sample of Reported Titles.tsv'));
    expect(committed.tasks).toHaveLength(await rows('onet-29.3/Task Statements.tsv'));
    expect(committed.related).toHaveLength(await rows('onet-29.3/Related Occupations.tsv'));
    expect(committed.jobZones).toHaveLength(await rows('onet-29.3/Job Zone Reference.tsv'));
    // Skills: one row per occupation and skill, from the file's two scales (importance, level).
    expect(committed.skills).toHaveLength((await rows('onet-29.3/Skills.tsv')) / 2);
    expect(new Set(derived.occupations.filter((o) => o.jobZone !== null).map((o) => o.code)).size).toBe(
      await rows('onet-29.3/Job Zones.tsv'),
    );
  });

  it('matches BLS’s published figures', async () => {
    const data = await importOfficialData(fullDir!, context);
    const median = (code: string) => data.wages.find((w) => w.year === 2024 && w.code === code)!.annual.median;
    expect([median('31-9092'), median('29-1141'), median('29-2061')]).toEqual([44200, 93600, 62340]);
    expect(data.projections.find((p) => p.code === '31-9092')).toMatchObject({
      changePercent: 12.5,
      annualOpenings: 112300,
    });
    const ma = data.programCosts.filter((c) => c.cipCode === '51.0801');
    expect(ma).toEqual([
      { cipCode: '51.0801', schools: 'ALL_PROGRAM_REPORTERS', schoolCount: 230, medianUsd: 16614.5 },
      { cipCode: '51.0801', schools: 'PUBLIC_PROGRAM_REPORTERS', schoolCount: 11, medianUsd: 4008 },
    ]);
  });
});
