/**
 * PERSISTED_OPERATIONS_FILE: anonymous callers may run only the operations in the file, by
 * `extensions.persistedQuery.sha256Hash` or `documentId`; callers with an API key may still send
 * any query.
 */
import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from '../../src/db/api-keys.js';
import type { PrismaClient } from '../../src/db/client.js';
import { type App, createApp } from '../../src/server/app.js';
import { testDatabase } from '../support/database.js';
import { codes, post } from '../support/graphql.js';

const TRACKS = 'query Tracks { tracks { slug } }';
const hash = createHash('sha256').update(TRACKS).digest('hex');
const persistedQuery = (sha256Hash: string) => ({ persistedQuery: { version: 1, sha256Hash } });

let prisma: PrismaClient;
let app: App;
let dir: string;
let key: string;

beforeAll(async () => {
  ({ prisma } = await testDatabase('seeded'));
  dir = await mkdtemp(path.join(tmpdir(), 'career-lattice-persisted-'));
  const file = path.join(dir, 'operations.json');
  await writeFile(file, JSON.stringify({ [hash]: TRACKS }));
  app = createApp({ prisma, config: { persistedOperationsFile: file } });
  key = await createApiKey(prisma, 'persisted-test', 'editor');
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const slugs = ['administrative', 'clinical', 'hybrid'];

describe('persisted operations', () => {
  it('runs a persisted operation named by its sha256 hash', async () => {
    const reply = await post(app, { extensions: persistedQuery(hash) });
    expect(reply.status).toBe(200);
    expect(reply.body.data.tracks.map((t: { slug: string }) => t.slug)).toEqual(slugs);
  });

  it('runs one named by documentId, over POST and GET', async () => {
    const viaPost = await post(app, { documentId: hash });
    expect(viaPost.body.data.tracks).toHaveLength(3);
    const viaGet = await app.fetch(`http://localhost/graphql?documentId=${hash}`, {
      headers: { accept: 'application/json', 'x-graphql-csrf': '1' },
    });
    expect(viaGet.status).toBe(200);
    expect(((await viaGet.json()) as { data: { tracks: unknown[] } }).data.tracks).toHaveLength(3);
  });

  it('refuses an ad-hoc query from an anonymous caller with 403 PERSISTED_QUERY_ONLY', async () => {
    const reply = await post(app, { query: TRACKS });
    expect(reply.status).toBe(403);
    expect(codes(reply)).toEqual(['PERSISTED_QUERY_ONLY']);
    expect(reply.body.errors![0]!.message).toMatch(/only persisted operations/);
  });

  it('says when no persisted operation has the hash', async () => {
    const reply = await post(app, { extensions: persistedQuery('0'.repeat(64)) });
    expect(reply.status).toBe(400);
    expect(codes(reply)).toEqual(['PERSISTED_QUERY_NOT_FOUND']);
  });

  it('lets a caller with an API key send any query', async () => {
    const reply = await post(
      app,
      { query: '{ role(slug: "medical-assistant") { title } }' },
      { authorization: `Bearer ${key}` },
    );
    expect(reply.status).toBe(200);
    expect(reply.body.data.role.title).toBe('Medical Assistant');
  });

  it('refuses to start with a file that is not a map of queries', async () => {
    const bad = path.join(dir, 'bad.json');
    await writeFile(bad, JSON.stringify({ [hash]: 42 }));
    expect(() => createApp({ prisma, config: { persistedOperationsFile: bad } })).toThrow(/not a query string/);
  });
});
