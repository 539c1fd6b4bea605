/**
 * Child process: the real Career Lattice app (createApp + listen) on a free loopback port against
 * BENCH_DATABASE_URL. Started by ./http.ts, never by hand; exits when its parent goes away.
 *
 * Default server settings except the per-client rate limit, which is off (as RATE_LIMIT_POINTS=0
 * does): every request of the benchmark comes from one address. Cost analysis, depth limits, CSRF
 * check, metrics and logging (silent) stay as deployed. The pathway index is built from the
 * database on the first pathways request, exactly as in production.
 *
 * With BENCH_SERVE_FROM=dist the app is the compiled build (`npm run build`'s dist/), as the Docker
 * image runs it, and this file runs on Node's own type stripping, not tsx: nothing of the server then
 * goes through tsx's transform (which, for one, wraps every function it creates in a naming call).
 */
type App = typeof import('../../src/server/app.js');
type Client = typeof import('../../src/db/client.js');
type Http = typeof import('../../src/server/http.js');

const databaseUrl = process.env.BENCH_DATABASE_URL;
if (!databaseUrl) throw new Error('BENCH_DATABASE_URL is not set; this file is started by bench/compare/http.ts.');
const from = process.env.BENCH_SERVE_FROM === 'dist' ? '../../dist' : '../../src';

const { createPrisma } = (await import(`${from}/db/client.js`)) as Client;
const { createApp } = (await import(`${from}/server/app.js`)) as App;
const { listen } = (await import(`${from}/server/http.js`)) as Http;
const app = createApp({ prisma: createPrisma(databaseUrl), config: { rateLimitPoints: 0 } });
const { url } = await listen(app, 0, '127.0.0.1');
process.on('disconnect', () => process.exit(0));
process.on('SIGTERM', () => process.exit(0));
process.on('SIGINT', () => process.exit(0));
process.send?.({ type: 'listening', url });
