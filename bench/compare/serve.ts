/**
 * Child process: the real Career Lattice app (createApp + listen) on a free loopback port against
 * BENCH_DATABASE_URL. Started by ./http.ts, never by hand; exits when its parent goes away.
 *
 * Default server settings except the per-client rate limit, which is off (as RATE_LIMIT_POINTS=0
 * does): every request of the benchmark comes from one address. Cost analysis, depth limits, CSRF
 * check, metrics and logging (silent) stay as deployed. The pathway index is built from the
 * database on the first pathways request, exactly as in production.
 */
import { createPrisma } from '../../src/db/client.js';
import { createApp } from '../../src/server/app.js';
import { listen } from '../../src/server/http.js';

const databaseUrl = process.env.BENCH_DATABASE_URL;
if (!databaseUrl) throw new Error('BENCH_DATABASE_URL is not set; this file is started by bench/compare/http.ts.');

const app = createApp({ prisma: createPrisma(databaseUrl), config: { rateLimitPoints: 0 } });
const { url } = await listen(app, 0, '127.0.0.1');
process.on('disconnect', () => process.exit(0));
process.on('SIGTERM', () => process.exit(0));
process.on('SIGINT', () => process.exit(0));
process.send?.({ type: 'listening', url });
