/**
 * Cost-based rate limiting: each caller (API key, or client address) has a bucket of points
 * that refills steadily; a query reserves its requested cost and is settled at its actual cost;
 * an empty bucket means 429 with Retry-After and RATE_LIMITED, and nothing runs.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from '../../src/db/api-keys.js';
import type { PrismaClient } from '../../src/db/client.js';
import { createApp } from '../../src/server/app.js';
import { CostBuckets } from '../../src/server/leaky-bucket.js';
import { testDatabase } from '../support/database.js';
import { post } from '../support/graphql.js';

let prisma: PrismaClient;
beforeAll(async () => {
  ({ prisma } = await testDatabase('seeded'));
});

describe('cost buckets', () => {
  it('reserve, refill at the restore rate, and say when to retry', () => {
    let now = 0;
    const buckets = new CostBuckets(100, 10, () => now);
    expect(buckets.reserve('a', 60)).toMatchObject({ granted: true, status: { currentlyAvailable: 40 } });
    expect(buckets.reserve('a', 60)).toEqual({
      granted: false,
      status: { maximumAvailable: 100, currentlyAvailable: 40, restoreRate: 10 },
      retryAfterSeconds: 2,
    });
    expect(buckets.status('b').currentlyAvailable).toBe(100);
    now = 2_000;
    expect(buckets.reserve('a', 60)).toMatchObject({ granted: true, status: { currentlyAvailable: 0 } });
    now = 60_000;
    expect(buckets.status('a').currentlyAvailable).toBe(100);
  });

  it('settle: gives back what was not spent, takes what was spent beyond the reservation', () => {
    const buckets = new CostBuckets(100, 10, () => 0);
    buckets.reserve('a', 50);
    expect(buckets.settle('a', 50, 20).currentlyAvailable).toBe(80);
    buckets.reserve('a', 10);
    expect(buckets.settle('a', 10, 150).currentlyAvailable).toBe(0);
    // 70 points in debt: 7.1 s until one point is there.
    expect(buckets.reserve('a', 1)).toMatchObject({ granted: false, retryAfterSeconds: 8 });
  });
});

const TEN_ROLES = '{ roles(first: 10) { edges { node { slug } } } }'; // costs 2 + 10

describe('over HTTP', () => {
  const config = { rateLimitPoints: 30, rateLimitRestorePerSecond: 1, maxQueryCost: 30 };

  it('refuses with 429, Retry-After and RATE_LIMITED once the bucket is empty, and runs nothing', async () => {
    const app = createApp({ prisma, config });
    const first = await post(app, { query: TEN_ROLES });
    expect(first.status).toBe(200);
    expect(first.body.extensions.cost).toMatchObject({
      requestedQueryCost: 12,
      actualQueryCost: 12,
      throttleStatus: { maximumAvailable: 30, restoreRate: 1 },
    });
    expect(first.body.extensions.cost.throttleStatus.currentlyAvailable).toBeLessThanOrEqual(19);
    expect((await post(app, { query: TEN_ROLES })).status).toBe(200);

    const refused = await post(app, { query: TEN_ROLES });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(5);
    expect(refused.body.errors![0]!.extensions).toEqual({ code: 'RATE_LIMITED' });
    expect(refused.body.errors![0]!.message).toMatch(/costs 12 points and \d+ of 30 are available/);
    expect(refused.body.data).toBeUndefined();
    expect(refused.body.extensions.cost).toMatchObject({
      requestedQueryCost: 12,
      throttleStatus: { maximumAvailable: 30 },
    });
    expect(refused.body.extensions.cost.actualQueryCost).toBeUndefined();
  });

  it('gives back what a query did not spend', async () => {
    const app = createApp({ prisma, config });
    // Asks for up to 20 administrative roles, gets fewer.
    const reply = await post(app, { query: '{ roles(track: "administrative") { edges { node { slug } } } }' });
    const { requestedQueryCost, actualQueryCost, throttleStatus } = reply.body.extensions.cost;
    expect(requestedQueryCost).toBe(22);
    expect(actualQueryCost).toBe(2 + reply.body.data.roles.edges.length);
    expect(actualQueryCost).toBeLessThan(requestedQueryCost);
    expect(throttleStatus.currentlyAvailable).toBeGreaterThanOrEqual(30 - actualQueryCost);
  });

  it('meters each API key and each client address on its own', async () => {
    const app = createApp({ prisma, config: { ...config, trustProxy: true } });
    const key = await createApiKey(prisma, 'metered', 'editor');
    const from = (ip: string) => ({ 'x-forwarded-for': `203.0.113.9, ${ip}` });
    await post(app, { query: TEN_ROLES }, from('198.51.100.1'));
    await post(app, { query: TEN_ROLES }, from('198.51.100.1'));
    expect((await post(app, { query: TEN_ROLES }, from('198.51.100.1'))).status).toBe(429);
    expect((await post(app, { query: TEN_ROLES }, from('198.51.100.2'))).status).toBe(200);
    const keyed = { ...from('198.51.100.1'), authorization: `Bearer ${key}` };
    expect((await post(app, { query: TEN_ROLES }, keyed)).status).toBe(200);
  });

  it('is off when RATE_LIMIT_POINTS is 0', async () => {
    const app = createApp({ prisma, config: { ...config, rateLimitPoints: 0 } });
    for (let i = 0; i < 4; i++) expect((await post(app, { query: TEN_ROLES })).status).toBe(200);
    const reply = await post(app, { query: TEN_ROLES });
    expect(reply.body.extensions.cost).toEqual({ requestedQueryCost: 12, actualQueryCost: 12 });
  });
});
