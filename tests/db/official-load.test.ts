/**
 * Loading the derived official dataset (prisma/data/official) into PostgreSQL: every row of every
 * file, skipped when unchanged, reloaded in place when changed, and checked against the curated
 * dataset that refers to it.
 */
import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDataset } from '../../src/db/dataset/load.js';
import { curatedDataDir, readDataset } from '../../src/db/dataset/read.js';
import { blsCodeFor, socOf } from '../../src/db/official/data.js';
import { officialDataDir, readOfficialData } from '../../src/db/official/files.js';
import { seedDatabase } from '../../src/db/seed.js';
import { testDatabase } from '../support/database.js';

const { data } = await readOfficialData();

/** A copy of a dataset directory with one file edited. */
async function edited(dir: string, file: string, edit: (text: string) => string): Promise<string> {
  const copy = await mkdtemp(path.join(tmpdir(), 'cl-official-load-'));
  await cp(dir, copy, { recursive: true });
  await writeFile(path.join(copy, file), edit(await readFile(path.join(copy, file), 'utf8')));
  return copy;
}

describe('the official dataset in the database', () => {
  it('holds every row of every file', async () => {
    const { prisma } = await testDatabase('seeded');
    const titles = async (kind: 'TITLE' | 'ALTERNATE' | 'SHORT' | 'REPORTED') =>
      prisma.occupationTitle.count({ where: { kind } });
    expect(await prisma.occupation.count()).toBe(data.occupations.length);
    expect(await prisma.jobZone.count()).toBe(data.jobZones.length);
    expect(await titles('TITLE')).toBe(data.occupations.length);
    expect(await titles('ALTERNATE')).toBe(data.alternateTitles.length);
    expect(await titles('SHORT')).toBe(
      new Set(data.alternateTitles.flatMap((t) => (t.shortTitle ? [`${t.code}|${t.shortTitle}`] : []))).size,
    );
    expect(await titles('REPORTED')).toBe(data.reportedTitles.length);
    expect(await prisma.occupationTask.count()).toBe(data.tasks.length);
    expect(await prisma.occupationSkill.count()).toBe(data.skills.length);
    expect(await prisma.relatedOccupation.count()).toBe(data.related.length);
    expect(await prisma.programCostMedian.count()).toBe(data.programCosts.length);

    // Wages and projections: one per occupation (and release) whose BLS occupation is published.
    for (const release of data.manifest.oews) {
      const published = new Set(data.wages.filter((w) => w.year === release.year).map((w) => w.code));
      const covered = data.occupations.filter((o) => blsCodeFor(socOf(o.code), published) !== null);
      expect(await prisma.occupationWage.count({ where: { year: release.year } }), `May ${release.year}`).toBe(
        covered.length,
      );
    }
    const projected = new Set(data.projections.map((p) => p.code));
    expect(await prisma.occupationProjection.count()).toBe(
      data.occupations.filter((o) => blsCodeFor(socOf(o.code), projected) !== null).length,
    );
    // Every OEWS row the files hold is used by some occupation.
    const used = await prisma.occupationWage.findMany({
      distinct: ['year', 'blsCode'],
      select: { year: true, blsCode: true },
    });
    expect(used).toHaveLength(data.wages.length);
  });

  it('is loaded once: an unchanged dataset is skipped, a changed one reloaded in place', async () => {
    const { prisma } = await testDatabase('seeded');
    expect(await seedDatabase(prisma, { curated: 'always' })).toMatchObject({ officialLoaded: false });
    const before = await prisma.occupation.findUniqueOrThrow({ where: { code: '31-9092.00' } });

    const dir = await edited(officialDataDir, 'occupations.tsv', (t) =>
      t.replace('31-9092.00\tMedical Assistants\t', '31-9092.00\tMedical Assistants (renamed)\t'),
    );
    expect(await seedDatabase(prisma, { officialDir: dir })).toEqual({ curated: null, officialLoaded: true });
    const after = await prisma.occupation.findUniqueOrThrow({ where: { code: '31-9092.00' } });
    // The same row (and so the same global ID), and the roles still point at it.
    expect(after).toMatchObject({ id: before.id, title: 'Medical Assistants (renamed)' });
    expect(await prisma.role.count({ where: { occupationId: before.id } })).toBeGreaterThan(0);
    expect(await prisma.occupationTask.count()).toBe(data.tasks.length);
    expect(await seedDatabase(prisma, { officialDir: dir })).toEqual({ curated: null, officialLoaded: false });
  });

  it('refuses a malformed derived file, naming file, line and column, and changes nothing', async () => {
    const { prisma } = await testDatabase('seeded');
    const dir = await edited(officialDataDir, 'ep-projections.tsv', (t) => t.replace('\t112300\t', '\tmany\t'));
    await expect(seedDatabase(prisma, { officialDir: dir })).rejects.toThrow(
      /ep-projections\.tsv, line \d+, column 7 \(annual_openings\): "many" is not a number/,
    );
    expect((await prisma.occupationProjection.findFirstOrThrow({ where: { blsCode: '31-9092' } })).annualOpenings).toBe(
      112300,
    );
  });

  it('refuses a curated role whose occupation is not loaded, or whose SOC code is another occupation’s', async () => {
    const { prisma } = await testDatabase('seeded');
    const files = await readDataset(curatedDataDir);
    const roles = (edit: (r: (typeof files.roles)[number]) => object) =>
      files.roles.map((r) => (r.slug === 'phlebotomy-technician' ? edit(r) : r));
    await expect(loadDataset(prisma, { roles: roles((r) => ({ ...r, occupation: '31-9097.99' })) })).rejects.toThrow(
      /roles\.yaml: record "phlebotomy-technician", field "occupation": unknown occupation "31-9097\.99"/,
    );
    await expect(loadDataset(prisma, { roles: roles((r) => ({ ...r, socCode: '31-9092' })) })).rejects.toThrow(
      /field "socCode": must be "31-9097", the SOC code of its occupation 31-9097\.00/,
    );
  });

  it('refuses a program cost that claims IPEDS but is not its median, and keeps the sources the data cites', async () => {
    const { prisma } = await testDatabase('seeded');
    const files = await readDataset(curatedDataDir);
    const programs = files['training-programs'].map((p) =>
      p.slug === 'medical-assistant-diploma' ? { ...p, typicalCost: { ...p.typicalCost!, usd: 16000 } } : p,
    );
    await expect(loadDataset(prisma, { 'training-programs': programs })).rejects.toThrow(
      /"medical-assistant-diploma", field "typicalCost": must be the IPEDS median: usd 16615, schoolCount 230, year 2023/,
    );
    await expect(
      loadDataset(
        prisma,
        { ...files, sources: files.sources.filter((s) => s.slug !== 'bls-oews-may-2023') },
        { mode: 'REPLACE' },
      ),
    ).rejects.toThrow(/sources\.yaml: record "bls-oews-may-2023", field "slug": is cited by the official dataset/);
    expect(await prisma.source.count({ where: { slug: 'bls-oews-may-2023' } })).toBe(1);
  });
});
