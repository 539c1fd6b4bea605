/** importDataset / exportDataset: one format, exact round trips, all or nothing. */
import { beforeAll, describe, expect, it } from 'vitest';
import type { PrismaClient } from '../../src/db/client.js';
import { testDatabase } from '../support/database.js';
import { type Client, keyedClient } from '../support/graphql.js';

let prisma: PrismaClient;
let admin: Client;
let editor: Client;
beforeAll(async () => {
  ({ prisma } = await testDatabase('seeded'));
  // The curated dataset's document is a little over the default body limit of 100 KB (issue #23).
  const config = { maxBodyBytes: 500_000 };
  admin = await keyedClient(prisma, 'ops', 'admin', config);
  editor = await keyedClient(prisma, 'curator', 'editor', config);
});

const IMPORT = `mutation ($dataset: JSON!, $mode: ImportMode, $dryRun: Boolean) {
  importDataset(dataset: $dataset, mode: $mode, dryRun: $dryRun) {
    dryRun changes { kind created updated deleted unchanged } userErrors { field message code } } }`;
const EXPORT = '{ exportDataset }';

const counts = async () => ({
  roles: await prisma.role.count(),
  transitions: await prisma.transition.count(),
  figures: await prisma.laborFigure.count(),
  audit: await prisma.auditEvent.count(),
});
const totals = (changes: any[]) =>
  changes.reduce(
    (t, c) => ({ created: t.created + c.created, updated: t.updated + c.updated, deleted: t.deleted + c.deleted }),
    {
      created: 0,
      updated: 0,
      deleted: 0,
    },
  );

describe('dataset import and export', () => {
  it('round-trips exactly: importing an export changes nothing, in either mode', async () => {
    const exported = (await editor.query(EXPORT)).data.exportDataset;
    expect(exported.format).toBe('career-lattice-dataset');
    expect(exported.roles.length).toBe(await prisma.role.count());
    for (const mode of ['MERGE', 'REPLACE']) {
      const before = await counts();
      const { data } = await admin.query(IMPORT, { dataset: exported, mode });
      expect(data.importDataset.userErrors).toEqual([]);
      expect(totals(data.importDataset.changes)).toEqual({ created: 0, updated: 0, deleted: 0 });
      expect(await counts()).toEqual(before);
    }
    expect((await editor.query(EXPORT)).data.exportDataset).toEqual(exported);
  });

  it('reports a dry run without writing, then applies the same changes', async () => {
    const doc = (await editor.query(EXPORT)).data.exportDataset;
    doc.roles = doc.roles.map((r: any) =>
      r.slug === 'ekg-technician' ? { ...r, summary: 'Records heart rhythms.' } : r,
    );
    doc.roles = doc.roles.filter((r: any) => r.slug !== 'human-resources-specialist');
    doc.transitions = doc.transitions.filter(
      (t: any) => t.to !== 'human-resources-specialist' && t.from !== 'human-resources-specialist',
    );
    doc.figures = doc.figures.filter((f: any) => f.role !== 'human-resources-specialist');
    const before = await counts();
    const dry = (await admin.query(IMPORT, { dataset: doc, mode: 'REPLACE', dryRun: true })).data.importDataset;
    expect(dry.dryRun).toBe(true);
    const roles = dry.changes.find((c: any) => c.kind === 'roles');
    expect(roles).toMatchObject({ updated: 1, deleted: 1, created: 0 });
    expect(await counts()).toEqual(before);

    const real = (await admin.query(IMPORT, { dataset: doc, mode: 'REPLACE' })).data.importDataset;
    expect(real.changes).toEqual(dry.changes);
    expect(await prisma.role.findUnique({ where: { slug: 'human-resources-specialist' } })).toBeNull();
    expect((await prisma.role.findUniqueOrThrow({ where: { slug: 'ekg-technician' } })).summary).toBe(
      'Records heart rhythms.',
    );
  });

  it('is all or nothing: one bad record refuses the whole document, naming kind, record and field', async () => {
    const doc = (await editor.query(EXPORT)).data.exportDataset;
    doc.roles[0] = { ...doc.roles[0], title: 'Changed title' };
    doc.transitions[1] = { ...doc.transitions[1], minYearsExperience: -2 };
    const before = await counts();
    const { data } = await admin.query(IMPORT, { dataset: doc });
    expect(data.importDataset.changes).toBeNull();
    expect(data.importDataset.userErrors[0]).toMatchObject({
      code: 'INVALID',
      message: expect.stringMatching(/^transitions: record ".+ -> .+", field "minYearsExperience"/),
    });
    expect(await counts()).toEqual(before);
    expect((await prisma.role.findUniqueOrThrow({ where: { slug: doc.roles[0].slug } })).title).not.toBe(
      'Changed title',
    );
  });

  it('refuses what is not a dataset document', async () => {
    const { data } = await admin.query(IMPORT, { dataset: { roles: [] } });
    expect(data.importDataset.userErrors[0]).toMatchObject({ message: expect.stringMatching(/format/) });
  });

  it('needs the admin scope for REPLACE', async () => {
    const doc = (await editor.query(EXPORT)).data.exportDataset;
    const { errors } = await editor.query(IMPORT, { dataset: doc, mode: 'REPLACE' });
    expect(errors?.[0]).toMatchObject({ extensions: { code: 'FORBIDDEN' } });
    const merge = await editor.query(IMPORT, { dataset: doc, mode: 'MERGE', dryRun: true });
    expect(merge.data.importDataset.userErrors).toEqual([]);
  });
});
