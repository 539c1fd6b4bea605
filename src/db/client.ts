/** The Prisma client, connected through the node-postgres driver adapter. */
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaClient } from '../generated/prisma/client.js';
import { POOL_IDLE_TIMEOUT_MS } from './pool-settings.js';

export { PrismaClient };

/** The PostgreSQL schema of the tables (the migrations create them in public). */
const DB_SCHEMA = 'public';

/** The reads that take `relationLoadStrategy`. */
const RELATION_READS = new Set(['findMany', 'findFirst', 'findFirstOrThrow', 'findUnique', 'findUniqueOrThrow']);

/**
 * A node-postgres client that runs its promise-style queries one at a time, each after the one
 * before has finished. Prisma's adapter sends a transaction's queries to its one connection
 * without awaiting each (`PgTransaction.performIO`); node-postgres 8 queues them itself but warns
 * ("Calling client.query() when the client is already executing a query", an error in pg 9).
 * Queuing them here keeps the same order and behaviour without relying on that queue. Callback
 * calls (pg-pool's `pool.query`) are queued the same way; query objects (cursors, streams) go
 * straight through: nothing here sends them on a pooled connection.
 */
class OneQueryAtATime extends pg.Client {
  #tail: Promise<unknown> = Promise.resolve();

  constructor(config?: string | pg.ClientConfig) {
    super(config);
    // A connection lost while checked out can emit 'error' more than once (the server's FATAL,
    // then the socket's reset), and pg-pool's and the adapter's listeners may be gone by the
    // second: without a listener of its own an 'error' event would crash the process. The loss
    // is reported anyway, to the queries that fail, and pg-pool drops the broken client on release.
    this.on('error', () => {});
  }

  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- one override for pg's many overloads
  override query(...args: unknown[]): any {
    const [config, values, callback] = args as [pg.QueryConfig | string | pg.Submittable, unknown, unknown];
    if (typeof config === 'object' && 'submit' in config) return Reflect.apply(super.query, this, args);
    const done = typeof values === 'function' ? values : typeof callback === 'function' ? callback : undefined;
    const params = typeof values === 'function' ? undefined : (values as unknown[] | undefined);
    const run = this.#tail.then(() => super.query(config, params));
    this.#tail = run.catch(() => {});
    if (!done) return run;
    run.then(
      (result) => done(null, result),
      (error: unknown) => done(error),
    );
    return undefined;
  }
}

/**
 * Creates a Prisma client for the database at `url`.
 *
 * The client has the `relationJoins` preview feature, whose default strategy would load every
 * relation with LATERAL joins and JSON aggregation. That is one round trip instead of one per
 * relation level, and faster for a row or a few with their to-one relations (a role and its
 * track: ~0.2 ms less server CPU per request), but far slower for a page of rows each with nested
 * lists (a page of roles with next steps two levels deep: tens of times slower in PostgreSQL). So
 * 'query', Prisma's behaviour without the feature, stays the default here, and the resolvers that
 * benefit ask for `relationLoadStrategy: 'join'` themselves.
 *
 * `onQuery` receives the SQL of every statement (tests count them).
 */
export function createPrisma(url: string, options: { onQuery?: (sql: string) => void } = {}): PrismaClient {
  const pool = new pg.Pool({
    connectionString: url,
    Client: OneQueryAtATime,
    // Fail fast when the database cannot be reached rather than waiting for the TCP timeout.
    connectionTimeoutMillis: 5_000,
    idleTimeoutMillis: POOL_IDLE_TIMEOUT_MS,
  });
  // An idle connection's error (the server went away) must not be an uncaught 'error' event; the
  // next query reports the outage instead. Prisma's adapter listens only once it has connected.
  pool.on('error', () => {});
  const client = new PrismaClient({
    // Prisma ends the pool on $disconnect.
    adapter: new PrismaPg(pool, { schema: DB_SCHEMA, disposeExternalPool: true }),
    // The other formats capture a stack trace at every query (new Error()) to point error messages
    // at the calling line: ~20% of Prisma's CPU time for a one-row read. Errors keep their message,
    // code and stack; clients never see them (src/server/errors.ts masks them).
    errorFormat: 'minimal',
    ...(options.onQuery && { log: [{ emit: 'event' as const, level: 'query' as const }] }),
  });
  const { onQuery } = options;
  if (onQuery) (client as PrismaClient<'query'>).$on('query', (event) => onQuery(event.query));
  return client.$extends({
    name: 'relation-load-strategy-query-by-default',
    query: {
      $allModels: {
        $allOperations({ operation, args, query }) {
          const given = args as { relationLoadStrategy?: unknown } | undefined;
          if (RELATION_READS.has(operation) && given && given.relationLoadStrategy === undefined) {
            return query({ ...given, relationLoadStrategy: 'query' } as typeof args);
          }
          return query(args);
        },
      },
    },
  }) as unknown as PrismaClient;
}
