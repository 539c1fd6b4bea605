/** The anonymous response cache: served from memory, cleared on every data change, bypassed with a key. */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from '../../src/db/api-keys.js';
import { type App, createApp } from '../../src/server/app.js';
import { testDatabase } from '../support/database.js';
import { post } from '../support/graphql.js';

let app: App;
let url: string;
let key: string;
beforeAll(async () => {
  const db = await testDatabase('seeded');
  url = db.url;
  key = await createApiKey(db.prisma, 'cache-test', 'editor');
  app = createApp({ prisma: db.prisma, listenUrl: url, config: { responseCacheTtlMs: 60_000, rateLimitPoints: 0 } });
});
afterAll(() => app?.dispose());

const QUERY = '{ role(slug: "ekg-technician") { title } }';
const title = async (headers: Record<string, string> = {}) =>
  (await post(app, { query: QUERY }, headers)).body.data.role.title as string;

async function setTitle(value: string, notify: boolean) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('BEGIN');
    await client.query(`UPDATE role SET title = $1 WHERE slug = 'ekg-technician'`, [value]);
    if (notify) await client.query(`SELECT pg_notify('career_lattice_data_changed', 'test')`);
    await client.query('COMMIT');
  } finally {
    await client.end();
  }
}

describe('response cache', () => {
  it('answers repeated anonymous reads from memory until the data changes', async () => {
    const original = await title();
    await setTitle('Quietly changed', false);
    expect(await title()).toBe(original);
    expect(await title({ authorization: `Bearer ${key}` })).toBe('Quietly changed');

    await setTitle('Announced change', true);
    const deadline = Date.now() + 2_000;
    let seen = await title();
    while (seen !== 'Announced change' && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 50));
      seen = await title();
    }
    expect(seen).toBe('Announced change');
  });
});
