/**
 * The Prisma client's connections run one query at a time: Prisma's pg adapter sends a
 * transaction's queries without awaiting each, which node-postgres 8 warns about (and pg 9 refuses).
 */
import pg from 'pg';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { PrismaClient } from '../../src/db/client.js';
import { testDatabase } from '../support/database.js';

const ALREADY_EXECUTING = /already executing a query/;

let prisma: PrismaClient;
let url: string;
beforeAll(async () => {
  ({ prisma, url } = await testDatabase('seeded'));
});

const warnings: Error[] = [];
const listen = (warning: Error) => warnings.push(warning);
process.on('warning', listen);
afterEach(() => {
  warnings.length = 0;
});

/** Lets queued 'warning' events (emitted on the next tick) arrive. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

// In this order: node-postgres warns once per process, so the check that it does warn comes last.
describe('a transaction with queries in parallel', () => {
  it('runs them all, in order, without node-postgres warning', async () => {
    const [roles, tracks, slept, count, ...numbers] = await prisma.$transaction(async (tx) =>
      Promise.all([
        // One read whose relations Prisma loads with queries of their own, sent together.
        tx.role.findMany({
          select: {
            slug: true,
            track: { select: { slug: true } },
            sources: { select: { sourceId: true } },
            impliedPrograms: { select: { programId: true } },
            impliedCertifications: { select: { certificationId: true } },
            outgoing: { select: { id: true } },
          },
        }),
        tx.track.findMany({ select: { slug: true } }),
        tx.$queryRaw<{ ok: number }[]>`SELECT 1 AS ok FROM pg_sleep(0.05)`,
        tx.role.count(),
        ...Array.from({ length: 8 }, (_, i) => tx.$queryRaw`SELECT ${i}::int AS i`),
      ]),
    );
    await settle();
    expect(warnings.filter((w) => ALREADY_EXECUTING.test(w.message))).toEqual([]);
    expect(roles.length).toBe(count);
    expect(roles.length).toBeGreaterThan(0);
    expect(new Set(roles.map((r) => r.track.slug))).toEqual(new Set(tracks.map((t) => t.slug)));
    expect(slept).toEqual([{ ok: 1 }]);
    expect(numbers).toEqual(Array.from({ length: 8 }, (_, i) => [{ i }]));
  });

  it('a failing query among them rejects, without the warning either', async () => {
    const results = await prisma
      .$transaction(async (tx) =>
        Promise.allSettled([tx.$queryRaw`SELECT 1/0`, tx.role.count(), tx.$queryRaw`SELECT 2 AS two`]),
      )
      .catch((error: unknown) => error);
    await settle();
    expect(warnings.filter((w) => ALREADY_EXECUTING.test(w.message))).toEqual([]);
    const [division] = results as PromiseSettledResult<unknown>[];
    expect(division?.status).toBe('rejected');
  });

  it('(the warning this guards against is seen here: a plain client still warns)', async () => {
    // Only this file's listener while it is provoked, so that Node does not print it.
    const printers = process.listeners('warning').filter((l) => l !== listen);
    for (const l of printers) process.off('warning', l);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      // The first is sent at once and the second queued silently; the third finds one queued.
      await Promise.all([client.query('SELECT 1'), client.query('SELECT 2'), client.query('SELECT 3')]);
    } finally {
      await client.end();
      await settle();
      for (const l of printers) process.on('warning', l);
    }
    expect(warnings.filter((w) => ALREADY_EXECUTING.test(w.message))).toHaveLength(1);
  });
});
