/**
 * Soak test: `npx tsx bench/load/soak.ts` (README in bench/load/README.md).
 *
 * One server of ours (as run.ts starts it: cache off, rate limit off, a log line per request,
 * listening for changes) on a fresh database, under the realistic mix with pathways at
 * LOAD_CONNECTIONS for SOAK_SECONDS, measured minute by minute: throughput, latency, 5xx and
 * GraphQL errors, and the server's RSS sampled every SAMPLE_SECONDS, then again after a minute
 * idle. Memory that keeps growing minute after minute is a leak; memory that levels off is the
 * heap finding its size. Prints markdown; exits non-zero only when the soak could not run.
 */
import { readDataset } from '../../src/db/dataset/read.js';
import { type LoadResult, runLoad } from './cannon.js';
import { preflight, waitForListener } from './checks.js';
import { type BenchDatabase, createBenchDatabase } from './database.js';
import { phase1Requests } from './queries.js';
import { type ServerProcess, startServer } from './servers.js';
import { adminUrl, connections, intFromEnv, logger } from './settings.js';

const seconds = intFromEnv('SOAK_SECONDS', 600, 3600);
const sampleSeconds = intFromEnv('SAMPLE_SECONDS', 10, 600);
const log = logger('soak');

let database: BenchDatabase | undefined;
let server: ServerProcess | undefined;
let cleaning: Promise<void> | undefined;
const cleanup = () =>
  (cleaning ??= (async () => {
    await server?.stop().catch(() => {});
    await database?.drop().catch((error: unknown) => log(`could not drop ${database?.name}: ${String(error)}`));
  })());
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.once(signal, () => void cleanup().finally(() => process.exit(130)));

const mb = (bytes: number) => Math.round(bytes / 2 ** 20);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function main(): Promise<void> {
  const dataset = await readDataset();
  const slugs = dataset.roles.map((r) => r.slug);
  database = await createBenchDatabase(adminUrl);
  server = await startServer('ours', 'serve-ours.ts', database.url, { OURS_RESPONSE_CACHE_TTL_MS: '0' });
  await waitForListener(server);
  const mix = phase1Requests(slugs, true);
  await preflight(server, mix);
  const idle = (await server.stats()).rss;
  log(`ours at ${server.url} (pid ${server.pid}), ${mb(idle)} MB idle; warm-up 5 s`);
  await runLoad({ url: server.url, requests: mix, connections, seconds: 5 });

  const started = Date.now();
  const samples: { at: number; rss: number }[] = [];
  const sample = async () => samples.push({ at: (Date.now() - started) / 1000, rss: (await server!.stats()).rss });
  await sample();
  const sampler = setInterval(() => void sample(), sampleSeconds * 1000);
  const minutes: (LoadResult & { rss: number; cpu: number })[] = [];
  let cpuBefore = (await server.stats()).cpu;
  try {
    for (let left = seconds; left > 0; left -= 60) {
      const result = await runLoad({ url: server.url, requests: mix, connections, seconds: Math.min(60, left) });
      const stats = await server.stats();
      minutes.push({ ...result, rss: stats.rss, cpu: ((stats.cpu - cpuBefore) * 1000) / result.requests });
      cpuBefore = stats.cpu;
      log(
        `minute ${minutes.length}: ${Math.round(result.rps)} req/s, p99 ${result.p99.toFixed(1)} ms, ` +
          `5xx ${result.status5xx}, errors ${result.graphqlErrors}, RSS ${mb(stats.rss)} MB`,
      );
    }
  } finally {
    clearInterval(sampler);
  }
  await sleep(60_000);
  const afterIdle = (await server.stats()).rss;

  const total = (f: (r: LoadResult) => number) => minutes.reduce((sum, r) => sum + f(r), 0);
  const out = [
    `Soak: ${connections} connections, ${seconds} s, realistic mix with pathways (${mix.length} requests in turn); ` +
      `Node ${process.version}.`,
    '',
    '| minute | req/s | p50 ms | p99 ms | 5xx | non-2xx | GraphQL errors | connection errors | CPU ms/req | RSS MB at end |',
    '|---|---|---|---|---|---|---|---|---|---|',
    ...minutes.map(
      (r, i) =>
        `| ${i + 1} | ${Math.round(r.rps)} | ${r.p50.toFixed(1)} | ${r.p99.toFixed(1)} | ${r.status5xx} | ${r.non2xx} | ` +
        `${r.graphqlErrors} | ${r.connectionErrors + r.timeouts} | ${r.cpu.toFixed(2)} | ${mb(r.rss)} |`,
    ),
    '',
    `Requests ${total((r) => r.requests)}, 5xx ${total((r) => r.status5xx)}, non-2xx ${total((r) => r.non2xx)}, ` +
      `GraphQL errors ${total((r) => r.graphqlErrors)}, connection errors ${total((r) => r.connectionErrors + r.timeouts)}.`,
    `RSS: ${mb(idle)} MB idle before, ${mb(Math.min(...samples.map((s) => s.rss)))}-${mb(Math.max(...samples.map((s) => s.rss)))} MB ` +
      `under load, ${mb(afterIdle)} MB after a minute idle.`,
    '',
    `RSS every ${sampleSeconds} s (s: MB): ${samples.map((s) => `${Math.round(s.at)}: ${mb(s.rss)}`).join(', ')}`,
  ];
  const firstError = minutes.find((r) => r.firstErrorBody)?.firstErrorBody;
  if (firstError) out.push('', `First error body: ${firstError}`);
  console.log(out.join('\n'));
}

main()
  .catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(() => cleanup());
