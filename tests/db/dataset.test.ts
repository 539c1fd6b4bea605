import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse, stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { exportDataset } from '../../src/db/dataset/export.js';
import { loadDataset } from '../../src/db/dataset/load.js';
import { readOfficialData } from '../../src/db/official/files.js';
import { curatedDataDir, DatasetError, readDataset } from '../../src/db/dataset/read.js';
import { testDatabase } from '../support/database.js';

/** A copy of the curated dataset with one file edited. */
async function editedCopy(file: string, edit: (records: any[]) => void): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'cl-dataset-'));
  await cp(curatedDataDir, dir, { recursive: true });
  const records = parse(await readFile(path.join(dir, file), 'utf8')) as any[];
  edit(records);
  await writeFile(path.join(dir, file), stringify(records));
  return dir;
}

async function counts(prisma: import('../../src/db/client.js').PrismaClient) {
  return {
    roles: await prisma.role.count(),
    transitions: await prisma.transition.count(),
    figures: await prisma.laborFigure.count(),
    sources: await prisma.source.count(),
  };
}

describe('the curated dataset', () => {
  it('loads into an empty database and exports back exactly as the files say', async () => {
    const { prisma } = await testDatabase('migrated');
    const files = await readDataset();
    // The roles refer to O*NET occupations, which the official dataset brings.
    const summary = await loadDataset(prisma, files, { official: await readOfficialData() });
    expect(summary.roles.created).toBe(files.roles.length);
    expect(summary.transitions.created).toBe(files.transitions.length);
    expect(summary.figures.created).toBe(files.figures.length);

    const exported = await exportDataset(prisma);
    const bySlug = <T extends { slug: string }>(list: T[]) => [...list].sort((a, b) => a.slug.localeCompare(b.slug));
    expect(bySlug(exported.roles)).toEqual(bySlug(files.roles.map((r) => ({ ...r, sources: [...r.sources].sort() }))));
    // Programs and certifications too (their lengths' flags and routes' conditions), in the files' terms.
    const sorted = <T extends { slug: string; sources: string[] }>(r: T): T => ({
      ...r,
      sources: [...r.sources].sort(),
    });
    expect(bySlug(exported['training-programs'])).toEqual(
      bySlug(files['training-programs'].map((p) => ({ ...sorted(p), prerequisites: [...p.prerequisites].sort() }))),
    );
    expect(bySlug(exported.certifications)).toEqual(bySlug(files.certifications.map(sorted)));
    expect(exported.transitions).toHaveLength(files.transitions.length);
    expect(exported.figures).toHaveLength(files.figures.length);
  });

  it('changes nothing when loaded a second time', async () => {
    const { prisma } = await testDatabase('seeded');
    const before = await prisma.role.findMany({ select: { slug: true, updatedAt: true }, orderBy: { slug: 'asc' } });
    const summary = await loadDataset(prisma, await readDataset());
    for (const [kind, c] of Object.entries(summary)) {
      expect({ kind, ...c }).toMatchObject({ kind, created: 0, updated: 0, deleted: 0 });
    }
    const after = await prisma.role.findMany({ select: { slug: true, updatedAt: true }, orderBy: { slug: 'asc' } });
    expect(after).toEqual(before);
  });

  it('updates only the record that changed', async () => {
    const { prisma } = await testDatabase('seeded');
    const dir = await editedCopy('roles.yaml', (roles) => {
      roles.find((r) => r.slug === 'ekg-technician').summary = 'Records the heart’s electrical activity.';
    });
    const summary = await loadDataset(prisma, await readDataset(dir));
    expect(summary.roles).toMatchObject({ created: 0, updated: 1, deleted: 0 });
    expect(summary.transitions).toMatchObject({ created: 0, updated: 0, deleted: 0 });
    const role = await prisma.role.findUniqueOrThrow({ where: { slug: 'ekg-technician' } });
    expect(role.summary).toBe('Records the heart’s electrical activity.');
  });
});

describe('a bad dataset file', () => {
  it('is refused with the file, record and field named, and nothing is loaded', async () => {
    const { prisma } = await testDatabase('migrated');
    const dir = await editedCopy('transitions.yaml', (transitions) => {
      transitions[0].minYearsExperience = -1;
    });
    const error = await readDataset(dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DatasetError);
    const first = (error as DatasetError).problems[0]!;
    expect(first.file).toMatch(/transitions\.yaml$/);
    expect(first.field).toBe('minYearsExperience');
    expect(first.record).toMatch(/->/);
    expect((error as DatasetError).message).toMatch(/transitions\.yaml: record ".+ -> .+", field "minYearsExperience"/);
    expect(await counts(prisma)).toEqual({ roles: 0, transitions: 0, figures: 0, sources: 0 });
  });

  it('names a reference to a record that does not exist', async () => {
    const dir = await editedCopy('figures.yaml', (figures) => {
      figures[2].source = 'no-such-source';
    });
    await expect(readDataset(dir)).rejects.toThrow(
      /figures\.yaml: record ".*", field "source": unknown source "no-such-source"/,
    );
  });

  it('names a reduced exam fee that is not below the fee, or says nobody it is for', async () => {
    for (const [edit, field] of [
      [(c: any) => (c.exam.reducedFeeUsd = c.exam.feeUsd), 'exam.reducedFeeUsd'],
      [(c: any) => delete c.exam.reducedFeeFor, 'exam.reducedFeeFor'],
    ] as const) {
      const dir = await editedCopy('certifications.yaml', (certifications) => {
        edit(certifications.find((c: { slug: string }) => c.slug === 'cma'));
      });
      const error = (await readDataset(dir).catch((e: unknown) => e)) as DatasetError;
      expect(error).toBeInstanceOf(DatasetError);
      expect(error.problems.map((p) => [p.record, p.field])).toEqual([['"cma"', field]]);
    }
  });

  it('takes an exam fee from the issuer’s own page or a secondary page with an address, no other', async () => {
    // The NCLEX's $200 comes from a secondary page, no NCSBN page being citable; another body's
    // official page, or a page with no address, is refused.
    const cases: [(sources: any[]) => void, string | null][] = [
      [() => {}, null],
      [(sources) => (sources.find((x) => x.slug === 'examsnap-nclex-cost-2025').official = true), 'exam.feeSource'],
      [(sources) => delete sources.find((x) => x.slug === 'examsnap-nclex-cost-2025').url, 'exam.feeSource'],
    ];
    for (const [edit, field] of cases) {
      const dir = await editedCopy('sources.yaml', edit);
      const error = await readDataset(dir).then(
        () => null,
        (e: unknown) => e as DatasetError,
      );
      if (field === null) expect(error).toBeNull();
      else {
        expect(error).toBeInstanceOf(DatasetError);
        expect(error!.problems.map((p) => [p.record, p.field])).toEqual([
          ['"nclex-pn"', field],
          ['"nclex-rn"', field],
        ]);
      }
    }
  });

  it('names a self-loop and a duplicate transition', async () => {
    const dir = await editedCopy('transitions.yaml', (transitions) => {
      transitions.push({ ...transitions[0] });
      transitions[1].to = transitions[1].from;
    });
    const error = (await readDataset(dir).catch((e: unknown) => e)) as DatasetError;
    const messages = error.problems.map((p) => `${p.record} ${p.field}: ${p.message}`);
    expect(messages).toContainEqual(expect.stringMatching(/cannot lead from a role to itself/));
    expect(messages).toContainEqual(expect.stringMatching(/is a duplicate/));
  });

  it('is refused by loadDataset too, leaving a seeded database as it was', async () => {
    const { prisma } = await testDatabase('seeded');
    const before = await counts(prisma);
    const files = await readDataset();
    const broken = { ...files, roles: [...files.roles, { ...files.roles[0], slug: 'Bad Slug' }] };
    await expect(loadDataset(prisma, broken)).rejects.toThrow(/roles\.yaml: record "Bad Slug", field "slug"/);
    expect(await counts(prisma)).toEqual(before);
  });
});
