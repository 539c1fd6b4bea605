/**
 * API keys across replicas: a revocation reaches every app on the database within a second,
 * though each caches key checks for 30 s; and each key's last use is recorded, at most once a
 * minute, without a request waiting for it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey, revokeApiKey } from '../../src/db/api-keys.js';
import { createPrisma, type PrismaClient } from '../../src/db/client.js';
import { type App, createApp } from '../../src/server/app.js';
import { ApiKeyVerifier } from '../../src/server/use-auth.js';
import { testDatabase } from '../support/database.js';
import { post } from '../support/graphql.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const READ = '{ tracks { slug } }';

let prisma: PrismaClient;
let url: string;
const replicas: { app: App; prisma: PrismaClient }[] = [];
beforeAll(async () => {
  ({ prisma, url } = await testDatabase('seeded'));
});
afterAll(async () => {
  for (const r of replicas) {
    await r.app.dispose();
    await r.prisma.$disconnect();
  }
});

/** An app with a connection pool of its own, listening for notifications, as a replica runs. */
async function replica(): Promise<App> {
  const own = createPrisma(url);
  const app = createApp({ prisma: own, listenUrl: url, config: { apiKeyCacheSeconds: 30 } });
  replicas.push({ app, prisma: own });
  for (let tries = 0; ; tries++) {
    const ready = (await (await app.fetch('http://localhost/ready')).json()) as { changeListener?: string };
    if (ready.changeListener === 'connected') return app;
    if (tries > 100) throw new Error('the change listener did not connect');
    await sleep(50);
  }
}

const statusWith = async (app: App, key: string) =>
  (await post(app, { query: READ }, { authorization: `Bearer ${key}` })).status;

describe('revoking an API key', () => {
  it('takes effect on every replica within a second, though they cached the key', async () => {
    const [first, second] = [await replica(), await replica()];
    const revoked = await createApiKey(prisma, 'to-revoke', 'editor');
    const kept = await createApiKey(prisma, 'to-keep', 'editor');
    for (const app of [first!, second!]) {
      expect(await statusWith(app, revoked)).toBe(200);
      expect(await statusWith(app, kept)).toBe(200);
    }

    expect(await revokeApiKey(prisma, 'to-revoke')).toBe(true);
    const committed = Date.now();
    const refusedAfter = await Promise.all(
      [first!, second!].map(async (app) => {
        while ((await statusWith(app, revoked)) !== 401) {
          if (Date.now() - committed > 5_000) return Infinity;
          await sleep(20);
        }
        return Date.now() - committed;
      }),
    );
    expect(
      refusedAfter.every((ms) => ms < 1_000),
      `refused after ${refusedAfter.join(', ')} ms`,
    ).toBe(true);
    for (const app of [first!, second!]) expect(await statusWith(app, kept)).toBe(200);
    expect(await revokeApiKey(prisma, 'to-revoke')).toBe(false);
  });
});

describe('last_used_at', () => {
  const lastUsed = async (name: string) =>
    (await prisma.apiKey.findUniqueOrThrow({ where: { name } })).lastUsedAt?.getTime() ?? null;

  it('is written when a key is used, then at most once a minute per key', async () => {
    let now = 0;
    const verifier = new ApiKeyVerifier(prisma, 30, () => now);
    const key = await createApiKey(prisma, 'used-key', 'editor');
    const other = await createApiKey(prisma, 'other-key', 'editor');
    expect(await lastUsed('used-key')).toBeNull();

    const start = Date.now();
    expect(await verifier.verify(key)).toMatchObject({ name: 'used-key' });
    await verifier.settled();
    const first = await lastUsed('used-key');
    expect(first).toBeGreaterThanOrEqual(start - 1_000);

    // Within the minute: from the cache and from the database (the cache expired), no new write.
    now += 20_000;
    await verifier.verify(key);
    now += 20_000;
    await verifier.verify(key);
    await verifier.verify(other);
    await verifier.settled();
    expect(await lastUsed('used-key')).toBe(first);
    expect(await lastUsed('other-key')).not.toBeNull();

    now += 21_000; // 61 s after the first write
    await sleep(5);
    await verifier.verify(key);
    await verifier.settled();
    expect(await lastUsed('used-key')).toBeGreaterThan(first!);

    // Unknown and revoked keys write nothing.
    await revokeApiKey(prisma, 'other-key');
    const otherBefore = await lastUsed('other-key');
    now += 120_000;
    expect(await verifier.verify(other)).toBeNull();
    expect(await verifier.verify('cl_unknown')).toBeNull();
    await verifier.settled();
    expect(await lastUsed('other-key')).toBe(otherBefore);
  });

  it('is written for a request through the app, after the request', async () => {
    const app = createApp({ prisma });
    const key = await createApiKey(prisma, 'app-key', 'editor');
    expect(await statusWith(app, key)).toBe(200);
    for (let tries = 0; (await lastUsed('app-key')) === null; tries++) {
      if (tries > 100) throw new Error('last_used_at was not written');
      await sleep(20);
    }
    await app.dispose();
  });
});
