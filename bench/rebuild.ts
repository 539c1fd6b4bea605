/**
 * Do queries wait for a rebuild of the pathway index? On the generated graph L (100,000 roles,
 * 1,000,000 moves, bench/generators.ts) in PostgreSQL, this sends a query every INTERVAL_MS (an
 * open loop: each is timed from when it was due, so a stalled event loop shows as waiting) while
 *
 *   1. nothing is rebuilding (the baseline),
 *   2. the store rebuilds in a worker thread (what the service does, src/server/graph-build.ts),
 *   3. the store rebuilds in this thread (what it did before: readGraphInput + buildIndex here),
 *
 * and reports each phase's query latency and event-loop delay (node:perf_hooks).
 *
 *   npx tsx bench/rebuild.ts                       # loads L into a new database, drops it after
 *   KEEP_DB=1 npx tsx bench/rebuild.ts             # keeps it and prints its URL for the next run
 *   REBUILD_DB_URL=postgresql://... npx tsx bench/rebuild.ts   # a database already holding L
 *
 * Never part of `npm test`.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createPrisma, type PrismaClient } from '../src/db/client.js';
import { type App, createApp } from '../src/server/app.js';
import { GraphStore } from '../src/server/graph-store.js';
import { createBenchDatabase, loadGenerated } from './compare/database.js';
import { generateL } from './generators.js';
import { DEFAULT_ADMIN_URL } from './load/database.js';

const INTERVAL_MS = Number(process.env.INTERVAL_MS ?? 50);
const BASELINE_MS = Number(process.env.BASELINE_MS ?? 10_000);
const adminUrl = process.env.DATABASE_URL ?? DEFAULT_ADMIN_URL;

/** A database holding L: the one given, or a new one loaded now. */
async function lDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  if (process.env.REBUILD_DB_URL) return { url: process.env.REBUILD_DB_URL, drop: async () => {} };
  const db = await createBenchDatabase(adminUrl, 'L');
  try {
    const input = generateL(2);
    console.log(`Loading L into ${db.name}...`);
    const timing = await loadGenerated(db.url, input);
    console.log(`Loaded in ${(timing.totalMs / 1000).toFixed(1)} s.`);
  } catch (error) {
    await db.drop();
    throw error;
  }
  if (process.env.KEEP_DB) {
    console.log(`Kept: REBUILD_DB_URL=${db.url}`);
    return { url: db.url, drop: async () => {} };
  }
  return db;
}

type Request = { query: string; variables: Record<string, unknown> };

/** Role pages, and pathways along moves of the graph (a move's ends, at most 2 steps): answers in milliseconds. */
async function queries(prisma: PrismaClient): Promise<Request[]> {
  const moves = await prisma.$queryRaw<{ from: string; to: string }[]>`
    SELECT f.slug AS "from", t.slug AS "to" FROM transition x JOIN role f ON f.id = x.from_role_id
    JOIN role t ON t.id = x.to_role_id ORDER BY x.id % 997, x.id LIMIT 2000`;
  return moves.flatMap(({ from, to }) => [
    { query: `query ($from: String!) { role(slug: $from) { title track { name } } }`, variables: { from } },
    {
      query: `query ($from: String!, $to: String!) {
        pathways(from: $from, to: $to, first: 1, constraints: { maxSteps: 2 }) { totalMonths } }`,
      variables: { from, to },
    },
  ]);
}

type Phase = {
  name: string;
  latencies: number[];
  errors: number;
  loopMaxMs: number;
  loopP99Ms: number;
  ms: number;
  /** The process's largest RSS seen (sampled at every query sent), bytes. */
  maxRss: number;
};

/** Sends a query every INTERVAL_MS until `until` resolves; times each from when it was due. */
async function probe(name: string, app: App, list: Request[], until: Promise<unknown>): Promise<Phase> {
  const latencies: number[] = [];
  let errors = 0;
  const loop = monitorEventLoopDelay({ resolution: 5 });
  loop.enable();
  const started = performance.now();
  let done = false;
  void until.finally(() => (done = true));
  const inFlight: Promise<void>[] = [];
  let maxRss = 0;
  for (let i = 0; !done; i++) {
    maxRss = Math.max(maxRss, process.memoryUsage.rss());
    const due = started + i * INTERVAL_MS;
    const { query, variables } = list[i % list.length]!;
    inFlight.push(
      Promise.resolve(
        app.fetch('http://bench/graphql', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ query, variables }),
        }),
      ).then(async (response) => {
        const body = (await response.json()) as { errors?: { extensions?: { code?: string } }[] };
        // A pathway search over its work budget is an answer (a clear error), not a failure here.
        const codes = (body.errors ?? []).map((e) => e.extensions?.code ?? 'NONE');
        if (codes.some((code) => code !== 'SEARCH_BUDGET_EXCEEDED')) {
          if (errors++ === 0) console.log(`An error (${codes.join(', ')}); the first is reported only.`);
        }
        latencies.push(performance.now() - due);
      }),
    );
    const wait = started + (i + 1) * INTERVAL_MS - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
  }
  await Promise.all(inFlight);
  loop.disable();
  return {
    name,
    latencies: latencies.sort((a, b) => a - b),
    errors,
    loopMaxMs: loop.max / 1e6,
    loopP99Ms: loop.percentile(99) / 1e6,
    ms: performance.now() - started,
    maxRss,
  };
}

const q = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] ?? NaN;
const f = (ms: number) => (ms >= 100 ? ms.toFixed(0) : ms.toFixed(1));

function report(phases: Phase[], builds: Record<string, number>): void {
  console.log(
    `\nOne query every ${INTERVAL_MS} ms (role pages and pathways, alternating), timed from when it was due:\n`,
  );
  console.log('| phase | build | queries | p50 ms | p99 ms | max ms | event-loop delay p99 / max ms | peak RSS |');
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const p of phases) {
    const build = builds[p.name] === undefined ? '—' : `${builds[p.name]!.toFixed(1)} s`;
    console.log(
      `| ${p.name} | ${build} | ${p.latencies.length}${p.errors ? ` (${p.errors} errors)` : ''} | ${f(q(p.latencies, 0.5))} | ${f(q(p.latencies, 0.99))} | ${f(p.latencies.at(-1)!)} | ${f(p.loopP99Ms)} / ${f(p.loopMaxMs)} | ${(p.maxRss / 2 ** 20).toFixed(0)} MB |`,
    );
  }
}

async function main(): Promise<void> {
  const db = await lDatabase();
  const prisma = createPrisma(db.url);
  try {
    const inWorker = new GraphStore(prisma, { databaseUrl: db.url });
    const inThread = new GraphStore(prisma);
    // No rate limit: the probe is one client sending far more than one caller may.
    const config = { rateLimitPoints: 0 };
    const appWorker = createApp({ prisma, graph: inWorker, config });
    const appThread = createApp({ prisma, graph: inThread, config });
    console.log('Building both indexes once...');
    await inWorker.current();
    await inThread.current();
    const list = await queries(prisma);
    await probe('warm-up', appWorker, list, new Promise((r) => setTimeout(r, 3_000)));
    const phases: Phase[] = [];
    const builds: Record<string, number> = {};
    phases.push(await probe('no rebuild', appWorker, list, new Promise((r) => setTimeout(r, BASELINE_MS))));
    inWorker.invalidate();
    phases.push(await probe('rebuild in a worker thread', appWorker, list, inWorker.settled()));
    builds['rebuild in a worker thread'] = inWorker.lastBuild()!.seconds;
    if (!inWorker.lastBuild()!.ok) throw new Error('The worker build failed');
    inThread.invalidate();
    phases.push(await probe('rebuild in the event loop (before)', appThread, list, inThread.settled()));
    builds['rebuild in the event loop (before)'] = inThread.lastBuild()!.seconds;
    report(phases, builds);
    const [base, worker] = phases;
    // A query waits for the rebuild when it is held up for a noticeable part of the build: here,
    // more than 100 ms beyond the slowest query without a rebuild.
    const waited = worker!.latencies.at(-1)! - base!.latencies.at(-1)!;
    console.log(
      waited < 100
        ? `\nNo query waits for a rebuild: the slowest query during the ${builds['rebuild in a worker thread']!.toFixed(1)} s worker build took ${f(worker!.latencies.at(-1)!)} ms (${f(base!.latencies.at(-1)!)} ms without a rebuild).`
        : `\nQueries waited for the rebuild: up to ${f(waited)} ms more than without one.`,
    );
  } finally {
    await prisma.$disconnect();
    await db.drop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
