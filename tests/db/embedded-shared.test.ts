/**
 * A command run beside `npm start` on the embedded default (`npm run keys`, `npm run db:seed`) uses
 * the PostgreSQL the service started on the same data directory, instead of failing to start a
 * second one there (src/db/embedded.ts), and leaves it running when it ends.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, expect, it } from 'vitest';
import { type EmbeddedServer, startEmbeddedPostgres } from '../../src/db/embedded.js';
import { freePort } from '../support/global-setup.js';

const dir = path.join(os.tmpdir(), `embedded-shared-${process.pid}-${Date.now()}`);
let first: EmbeddedServer | undefined;

afterAll(async () => {
  await first?.stop();
  await fs.rm(dir, { recursive: true, force: true });
});

async function selectOne(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<{ one: number }>('SELECT 1 AS one')).rows[0]!.one;
  } finally {
    await client.end();
  }
}

it('a second start on a data directory in use shares the running server and leaves it running', async () => {
  const port = await freePort();
  first = await startEmbeddedPostgres({ dir, port });
  expect(first.shared).toBeFalsy();
  // Asked for another port (EMBEDDED_PG_PORT differs, say): the running server's is the one to use.
  const second = await startEmbeddedPostgres({ dir, port: await freePort() });
  expect(second.shared).toBe(true);
  expect(new URL(second.url).port).toBe(String(port));
  expect(await selectOne(second.url)).toBe(1);
  await second.stop();
  expect(await selectOne(first.url)).toBe(1);
  await first.stop();
  first = undefined;
  // Stopped, its lock file is gone: the next start runs a server of its own.
  const third = await startEmbeddedPostgres({ dir, port });
  expect(third.shared).toBeFalsy();
  first = third;
}, 120_000);
