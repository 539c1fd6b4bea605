/**
 * Connection-pool settings, in a module of their own so that the load test's PostGraphile
 * (bench/load/serve-postgraphile.ts) can use the same ones without loading Prisma.
 */

/**
 * How long a pooled connection may sit unused before it is closed: five minutes, Prisma 6's
 * default (`max_idle_connection_lifetime`), rather than node-postgres' ten seconds, which Prisma 7
 * inherits with the pg adapter. At ten seconds every lull in traffic closed the whole pool, and
 * the next burst paid for new connections (a server process each, authentication, and every
 * prepared statement parsed and planned again). (One load-test experiment also showed a server
 * spending more CPU per request for a while after such a reconnect; the full run did not confirm
 * that, see docs/load-test.md.)
 */
export const POOL_IDLE_TIMEOUT_MS = 300_000;
