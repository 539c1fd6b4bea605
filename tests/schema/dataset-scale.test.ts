/**
 * A dataset ten times today's size round-trips, export then import, through the API with an admin
 * key under the default limits, and through `npm run dataset` (issue #23). Anyone else keeps the
 * default body limit.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from '../../src/db/api-keys.js';
import type { PrismaClient } from '../../src/db/client.js';
import { defaultServerConfig } from '../../src/config.js';
import { type TestDatabase, testDatabase } from '../support/database.js';
import { type Client, graphqlClient, post } from '../support/graphql.js';
import { multiplied } from '../support/multiply.js';

const TIMES = 10;
const IMPORT = `mutation ($d: JSON!, $mode: ImportMode) {
  importDataset(dataset: $d, mode: $mode) { changes { kind created updated deleted unchanged } userErrors { message } } }`;

/** A client of an app with the default settings, holding a new key of this scope. */
async function clientWith(prisma: PrismaClient, scope: 'admin' | 'editor') {
  const headers = { authorization: `Bearer ${await createApiKey(prisma, `${scope}-${Math.random()}`, scope)}` };
  return { client: graphqlClient(prisma, undefined, headers), headers };
}

const sizeOf = (value: unknown) => Buffer.byteLength(JSON.stringify({ query: IMPORT, variables: { d: value } }));
const recordsOf = (doc: Record<string, unknown>) =>
  Object.values(doc).reduce<number>((n, v) => n + (Array.isArray(v) ? v.length : 0), 0);

let source: TestDatabase;
let admin: Client;
let large: Record<string, unknown>;
beforeAll(async () => {
  source = await testDatabase('seeded');
  ({ client: admin } = await clientWith(source.prisma, 'admin'));
  const curated = (await admin.query('{ exportDataset }')).data.exportDataset;
  large = multiplied(curated, TIMES);
  expect(recordsOf(large)).toBe(TIMES * recordsOf(curated));
  const imported = await admin.query(IMPORT, { d: large });
  expect(imported.errors).toBeUndefined();
  expect(imported.data.importDataset.userErrors).toEqual([]);
}, 240_000);

describe(`a dataset ${TIMES} times today's size`, () => {
  it('is far over the default body limit', () => {
    expect(sizeOf(large)).toBeGreaterThan(5 * defaultServerConfig().maxBodyBytes);
  });

  it('round-trips through the API with an admin key: the export imports into another database unchanged', async () => {
    const exported = await admin.query('{ exportDataset }');
    expect(exported.errors).toBeUndefined();
    const doc = exported.data.exportDataset;
    expect(recordsOf(doc)).toBe(recordsOf(large));

    const target = await testDatabase('seeded');
    const { client: targetAdmin } = await clientWith(target.prisma, 'admin');
    const replaced = await targetAdmin.query(IMPORT, { d: doc, mode: 'REPLACE' });
    expect(replaced.errors).toBeUndefined();
    expect(replaced.data.importDataset.userErrors).toEqual([]);
    expect((await targetAdmin.query('{ exportDataset }')).data.exportDataset).toEqual(doc);

    const again = await admin.query(IMPORT, { d: doc });
    for (const c of again.data.importDataset.changes)
      expect([c.kind, c.created + c.updated + c.deleted]).toEqual([c.kind, 0]);
  }, 240_000);

  it('is refused with 413 from anyone without an admin key', async () => {
    const { client: editor, headers } = await clientWith(source.prisma, 'editor');
    for (const h of [{}, headers, { authorization: 'Bearer not-a-key' }]) {
      const reply = await post(editor.app, { query: IMPORT, variables: { d: large } }, h);
      expect(reply.status).toBe(413);
      expect(reply.body.errors?.[0]?.extensions?.code).toBe('PAYLOAD_TOO_LARGE');
    }
  });

  it('is accepted chunked, without a Content-Length, only from an admin key', async () => {
    const body = JSON.stringify({ query: IMPORT, variables: { d: large } });
    const chunked = (headers: Record<string, string>) =>
      admin.app.fetch('http://localhost/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: new ReadableStream({
          start(controller) {
            for (let i = 0; i < body.length; i += 65_536) controller.enqueue(Buffer.from(body.slice(i, i + 65_536)));
            controller.close();
          },
        }),
        duplex: 'half',
      } as RequestInit);
    const { headers } = await clientWith(source.prisma, 'admin');
    const accepted = await chunked(headers);
    expect(accepted.status).toBe(200);
    expect((await accepted.json()).data.importDataset.userErrors).toEqual([]);
    expect((await chunked({})).status).toBe(413);
  }, 120_000);

  it('round-trips through npm run dataset', async () => {
    const root = path.resolve(import.meta.dirname, '../..');
    const run = promisify(execFile);
    const npm = (url: string, ...args: string[]) =>
      run('npm', ['run', '--silent', 'dataset', '--', ...args], {
        cwd: root,
        env: { ...process.env, DATABASE_URL: url, SEED_ON_START: 'false' },
        maxBuffer: 64 * 1024 * 1024,
      });
    const exported = (await npm(source.url, 'export')).stdout;
    expect(recordsOf(JSON.parse(exported))).toBe(recordsOf(large));
    const file = path.join(await mkdtemp(path.join(tmpdir(), 'cl-scale-')), 'data.json');
    await writeFile(file, exported);

    const target = await testDatabase('seeded');
    const imported = await npm(target.url, 'import', file, '--replace');
    expect(imported.stdout).toMatch(/Imported \(REPLACE\)/);
    expect(JSON.parse((await npm(target.url, 'export')).stdout)).toEqual(JSON.parse(exported));
  }, 240_000);
});
