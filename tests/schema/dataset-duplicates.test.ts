/**
 * One import names each record once (issue #23): two records with one slug, one pair of roles or
 * one figure key are refused naming the duplicate, in either mode, instead of the last silently
 * winning; so is a slug listed twice in one record's list (its sources, training...).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { PrismaClient } from '../../src/db/client.js';
import { testDatabase } from '../support/database.js';
import { datasetFingerprint } from '../support/fingerprint.js';
import { type Client, keyedClient } from '../support/graphql.js';

let prisma: PrismaClient;
let admin: Client;
let exported: any;
beforeAll(async () => {
  ({ prisma } = await testDatabase('seeded'));
  admin = await keyedClient(prisma, 'ops', 'admin', { maxBodyBytes: 1_000_000 });
  exported = (await admin.query('{ exportDataset }')).data.exportDataset;
});

const IMPORT = `mutation ($d: JSON!, $mode: ImportMode) {
  importDataset(dataset: $d, mode: $mode) { changes { kind } userErrors { field message code } } }`;

async function refusedImport(document: object, mode: 'MERGE' | 'REPLACE') {
  const before = await datasetFingerprint(prisma);
  const { data, errors } = await admin.query(IMPORT, { d: document, mode });
  expect(errors).toBeUndefined();
  expect(data.importDataset.changes).toBeNull();
  expect(await datasetFingerprint(prisma)).toBe(before);
  return data.importDataset.userErrors as { field: string[]; message: string; code: string }[];
}

const only = (kind: string, records: unknown[]) => ({ format: 'career-lattice-dataset', version: 2, [kind]: records });
const whole = (kind: string, records: unknown[]) => ({ ...exported, [kind]: records });

describe.each(['MERGE', 'REPLACE'] as const)('a %s import', (mode) => {
  const doc = mode === 'MERGE' ? only : whole;

  it('refuses two roles with one slug, naming it', async () => {
    const role = exported.roles.find((r: any) => r.slug === 'medical-assistant');
    const roles = mode === 'MERGE' ? [] : exported.roles.filter((r: any) => r !== role);
    const errors = await refusedImport(
      doc('roles', [...roles, { ...role, title: 'First' }, { ...role, title: 'Second' }]),
      mode,
    );
    expect(errors).toEqual([
      {
        field: ['dataset', 'roles', '"medical-assistant"', 'slug'],
        message: expect.stringContaining('"medical-assistant"'),
        code: 'TAKEN',
      },
    ]);
    expect(errors[0]!.message).toMatch(/duplicate/);
  });

  it('refuses two transitions between one pair of roles, naming the pair', async () => {
    const [first] = exported.transitions;
    const rest = mode === 'MERGE' ? [] : exported.transitions.slice(1);
    const errors = await refusedImport(doc('transitions', [...rest, first, { ...first, rationale: 'Again.' }]), mode);
    expect(errors).toEqual([expect.objectContaining({ code: 'TAKEN', field: expect.arrayContaining(['to']) })]);
    expect(errors[0]!.message).toContain(`${first.from} -> ${first.to}`);
  });

  it('refuses two figures with one key, a role’s or a sector’s', async () => {
    // Sector figures (no role) sort first in an export.
    for (const first of [exported.figures.find((f: any) => f.role), exported.figures.find((f: any) => !f.role)]) {
      const rest = mode === 'MERGE' ? [] : exported.figures.filter((f: any) => f !== first);
      const errors = await refusedImport(doc('figures', [...rest, first, { ...first, note: 'Again.' }]), mode);
      expect(errors.map((e) => e.code)).toEqual(['TAKEN']);
      expect(errors[0]!.message).toContain(first.role ?? `sector ${first.kind}`);
    }
  });

  it('refuses a record listing one slug twice', async () => {
    const [first, ...others] = exported.transitions;
    const rest = mode === 'MERGE' ? [] : others;
    const twice = { ...first, sources: [first.sources[0], first.sources[0]] };
    const errors = await refusedImport(doc('transitions', [...rest, twice]), mode);
    expect(errors).toEqual([
      expect.objectContaining({ code: 'INVALID', field: expect.arrayContaining(['sources.1']) }),
    ]);
    expect(errors[0]!.message).toContain(`names "${first.sources[0]}" more than once`);
  });
});
