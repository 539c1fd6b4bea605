/**
 * A database outage under load: the service runs against a private embedded PostgreSQL that is
 * stopped and started again while requests keep coming (loopback only, bounded rate and time).
 * The service must not crash; requests that need the database fail with DATABASE_UNAVAILABLE
 * (503) and /ready says 503; afterwards everything recovers by itself — queries, /ready and the
 * change listener.
 */
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { createPrisma } from '../../src/db/client.js';
import { type EmbeddedServer, startEmbeddedPostgres } from '../../src/db/embedded.js';
import { migrate } from '../../src/db/migrate.js';
import { seedDatabase } from '../../src/db/seed.js';
import { freePort } from '../support/global-setup.js';
import { graphql, killServices, type Service, sleep, startService } from './service.js';

let workDir: string | undefined;
let postgres: EmbeddedServer | undefined;
afterAll(async () => {
  killServices();
  await postgres?.stop();
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

const ROLE = '{ role(slug: "medical-assistant") { title } }';
const PATHWAY = '{ pathways(from: "medical-assistant", to: "lead-medical-assistant", first: 1) { totalMonths } }';

async function ready(service: Service) {
  const response = await fetch(`${service.base}/ready`);
  return { status: response.status, body: (await response.json()) as Record<string, string> };
}

/** Polls `check` every 100 ms until it returns true, for at most `seconds`. */
async function eventually(what: string, check: () => Promise<boolean>, seconds = 30): Promise<void> {
  const until = Date.now() + seconds * 1000;
  while (!(await check().catch(() => false))) {
    if (Date.now() > until) throw new Error(`not within ${seconds} s: ${what}`);
    await sleep(100);
  }
}

describe('a database outage', () => {
  it('is reported as 503 and recovered from without a restart', async () => {
    workDir = await mkdtemp(path.join(tmpdir(), 'career-lattice-outage-'));
    // As root, PostgreSQL runs as the `postgres` user, which must be able to reach its data.
    await chmod(workDir, 0o755);
    const pgOptions = { dir: path.join(workDir, 'data'), port: await freePort() };
    postgres = await startEmbeddedPostgres(pgOptions);
    await migrate(postgres.url);
    const prisma = createPrisma(postgres.url);
    await seedDatabase(prisma);
    await prisma.$disconnect();

    const service = await startService({
      DATABASE_URL: postgres.url,
      PORT: String(await freePort()),
      HOST: '127.0.0.1',
      SEED_ON_START: 'false',
      RATE_LIMIT_POINTS: '0',
      READY_TIMEOUT_MS: '500',
    });
    expect((await ready(service)).status).toBe(200);

    // Steady background load for the whole outage: 40 requests a second on 4 connections.
    const statuses = new Map<number, number>();
    let stopLoad!: () => void;
    const load = new Promise<autocannon.Result>((resolve, reject) => {
      const instance = autocannon(
        {
          url: service.url,
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ query: ROLE }),
          connections: 4,
          overallRate: 40,
          duration: 60,
        },
        (error, result) => (error ? reject(error) : resolve(result)),
      );
      instance.on('response', (_client, status) => statuses.set(status, (statuses.get(status) ?? 0) + 1));
      stopLoad = () => instance.stop();
    });
    await sleep(1_000);

    await postgres.stop();
    const during = await graphql(service.url, ROLE);
    expect(during.status).toBe(503);
    expect(during.body.errors?.map((e) => e.extensions?.code)).toEqual(['DATABASE_UNAVAILABLE']);
    expect(during.body.errors?.[0]?.message).toBe('The database is unavailable at the moment; please retry shortly.');
    const notReady = await ready(service);
    expect(notReady.status).toBe(503);
    expect(notReady.body.database).toMatch(/^database unavailable/);
    expect((await fetch(`${service.base}/health`)).status).toBe(200);
    await sleep(1_000);

    postgres = await startEmbeddedPostgres(pgOptions);
    await eventually('queries succeed again', async () => (await graphql(service.url, ROLE)).status === 200);
    await eventually('/ready is 200 with the change listener connected', async () => {
      const { status, body } = await ready(service);
      return status === 200 && body.changeListener === 'connected';
    });
    stopLoad();
    const result = await load;

    // The listener is back: a committed change reaches the pathway index.
    const before = (await graphql(service.url, PATHWAY)).body.data.pathways[0].totalMonths;
    const client = new pg.Client({ connectionString: postgres.url });
    await client.connect();
    await client.query(`BEGIN;
      UPDATE transition SET min_years_experience = 1
       WHERE from_role_id = (SELECT id FROM role WHERE slug = 'medical-assistant')
         AND to_role_id = (SELECT id FROM role WHERE slug = 'lead-medical-assistant');
      SELECT pg_notify('career_lattice_data_changed', 'test');
      COMMIT;`);
    await client.end();
    await eventually(
      'the change is seen',
      async () => (await graphql(service.url, PATHWAY)).body.data.pathways[0].totalMonths < before,
      10,
    );

    // Under load throughout: no dropped connection, only answers of 200 or 503, both seen.
    expect(result.errors).toBe(0);
    expect([...statuses.keys()].sort()).toEqual([200, 503]);
    expect(service.child.exitCode).toBeNull();
    expect(service.output()).not.toMatch(/Unhandled promise rejection|uncaught/i);
  }, 120_000);
});
