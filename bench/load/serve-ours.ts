/**
 * Child process: serves Career Lattice (graphql-yoga + Pothos + Prisma) on a free loopback port
 * against BENCH_DATABASE_URL. Run by bench/load/run.ts, never by hand.
 *
 * It runs in its own process so that the load generator does not share its event loop (or its
 * garbage collector) with the server under test; see ./child.ts for the protocol.
 *
 * Default server settings except one: the per-client rate limit is off (as RATE_LIMIT_POINTS=0
 * does). All load comes from one address, so with the limiter on most of a sustained run is
 * answered 429 RATE_LIMITED within seconds, and the run measures the limiter instead of the
 * server; PostGraphile, the reference, has none. Everything else (cost analysis, depth and token
 * limits, CSRF check, metrics) stays as deployed, logging included: one JSON line per request at
 * info level on stdout, as src/main.ts logs with LOG_LEVEL unset (run.ts drains the child's
 * stdout).
 *
 * OURS_RESPONSE_CACHE_TTL_MS (default 0, off, as RESPONSE_CACHE_TTL_MS defaults to in
 * src/config.ts) turns on the anonymous response cache, as docker-compose.yml does with 30000.
 * Like src/main.ts, the app LISTENs on the database for change notifications (`listenUrl`), so
 * the cache, the pathway index and the API-key cache are cleared on every data change; that costs
 * one extra, idle connection outside the pool, and, as in src/main.ts, the index is rebuilt in a
 * worker thread.
 */
import { createPrisma } from '../../src/db/client.js';
import { createApp } from '../../src/server/app.js';
import { GraphStore } from '../../src/server/graph-store.js';
import { listen } from '../../src/server/http.js';
import { createLogger } from '../../src/server/logger.js';
import { announce, databaseUrlFromEnv } from './child.js';

function responseCacheTtlMs(): number {
  const raw = process.env.OURS_RESPONSE_CACHE_TTL_MS;
  if (raw === undefined || raw === '') return 0;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) {
    throw new Error(`OURS_RESPONSE_CACHE_TTL_MS must be a whole number of milliseconds, 0 for off (got "${raw}").`);
  }
  return value;
}

const databaseUrl = databaseUrlFromEnv();
const prisma = createPrisma(databaseUrl);
const app = createApp({
  prisma,
  // As src/main.ts: the pathway index is built in a worker thread.
  graph: new GraphStore(prisma, { databaseUrl }),
  config: { rateLimitPoints: 0, responseCacheTtlMs: responseCacheTtlMs() },
  // As src/main.ts with LOG_LEVEL unset.
  logger: createLogger('info'),
  listenUrl: databaseUrl,
});
const { url } = await listen(app, 0, '127.0.0.1');
announce(url);
