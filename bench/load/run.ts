/**
 * Bounded load test: `npx tsx bench/load/run.ts` (README in bench/load/README.md).
 *
 * 1. Creates a fresh database on the PostgreSQL at DATABASE_URL (default: local trust-auth server),
 *    migrates it and loads the curated dataset.
 * 2. Starts Career Lattice three times (response cache off, the default, for phase 1; the same, fresh,
 *    for phase 2; and cache on, as docker-compose.yml runs it) and PostGraphile v5 (Amber preset) on it, each in its own child process on
 *    127.0.0.1, with the same pool size; checks that the cached one caches and is cleared by a
 *    change notification.
 * 3. Phase 1: a realistic query mix against ours, uncached then cached; latency, throughput,
 *    errors, server memory and server CPU time per request.
 * 4. Phase 2: two plain lookups against a fresh ours, PostGraphile, ours cached, and the ours that
 *    served phase 1, in turn (same data checked first), and the throughput ratios ours/theirs. The
 *    fresh uncached one is like-for-like: PostGraphile, which cannot serve phase 1's mix, starts
 *    fresh too, and a server's history changes its cost (the last row shows by how much).
 * 5. Prints markdown tables, stops the children and drops the database, whatever happened.
 *
 * Exits non-zero only when the benchmark itself could not run (database, servers, queries that the
 * schema rejects); a missed target is reported, not failed.
 */
import os from 'node:os';
import pg from 'pg';
import { readDataset } from '../../src/db/dataset/read.js';
import {
  checkResponseCache,
  checkTheirNames,
  distinct,
  preflight,
  queryFieldNames,
  sameAnswers,
  waitForListener,
} from './checks.js';
import { type BenchDatabase, createBenchDatabase } from './database.js';
import { measure, measurePair, type Plan, serialLatencies, warmUp } from './measure.js';
import { lookups, PATHWAY_FIELDS, phase1Requests } from './queries.js';
import { machine, type Phase2Row, report } from './report.js';
import { type ServerProcess, startServer } from './servers.js';
import { adminUrl, connections, intFromEnv, logger } from './settings.js';

// The caps keep the run bounded even with a typo in the environment.
const seconds = intFromEnv('LOAD_SECONDS', 60, 600);
const plan: Plan = {
  seconds,
  connections,
  // Unmeasured run before each measured one: JIT, Prisma's and Grafast's caches, our pathway index.
  warmupSeconds: intFromEnv('LOAD_WARMUP_SECONDS', Math.min(5, Math.max(1, Math.round(seconds / 10))), 60),
};
// The cached variant of ours; docker-compose.yml sets RESPONSE_CACHE_TTL_MS=30000.
const cacheTtlMs = intFromEnv('LOAD_CACHE_TTL_MS', 30_000, 3_600_000);
const log = logger('load');

// Cleanup: children and the database go away on every exit path, including Ctrl-C.
let database: BenchDatabase | undefined;
const servers: ServerProcess[] = [];
let cleaning: Promise<void> | undefined;

function cleanup(): Promise<void> {
  cleaning ??= (async () => {
    await Promise.allSettled(servers.map((s) => s.stop()));
    if (database) {
      const name = database.name;
      await database.drop().then(
        () => log(`dropped database ${name}`),
        (error: unknown) => log(`could not drop database ${name}: ${String(error)}`),
      );
    }
  })();
  return cleaning;
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    log(`${signal}: stopping servers and dropping the database`);
    void cleanup().finally(() => process.exit(130));
  });
}

async function main(): Promise<void> {
  const loadBefore = os.loadavg();
  const dataset = await readDataset();
  const slugs = dataset.roles.map((r) => r.slug);

  log(`creating a database on ${new URL(adminUrl).host} and loading the curated dataset`);
  const db = await createBenchDatabase(adminUrl);
  database = db;
  log(`database ${db.name} ready (${slugs.length} roles)`);
  const postgresVersion = await (async () => {
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    try {
      return (await client.query<{ server_version: string }>('SHOW server_version')).rows[0]!.server_version;
    } finally {
      await client.end();
    }
  })();

  // All start now, so each idles (its pool connections open, no requests) while another is
  // measured. OURS_RESPONSE_CACHE_TTL_MS is always set, so that a value in this process's
  // environment cannot turn the cache on in the uncached server.
  const [ours, cached, theirs, fresh] = await Promise.all([
    startServer('ours', 'serve-ours.ts', db.url, { OURS_RESPONSE_CACHE_TTL_MS: '0' }),
    startServer('ours, cached', 'serve-ours.ts', db.url, { OURS_RESPONSE_CACHE_TTL_MS: String(cacheTtlMs) }),
    startServer('PostGraphile', 'serve-postgraphile.ts', db.url),
    // Phase 2's like-for-like ours: untouched until then, like PostGraphile.
    startServer('ours, fresh', 'serve-ours.ts', db.url, { OURS_RESPONSE_CACHE_TTL_MS: '0' }),
  ]);
  servers.push(ours, cached, theirs, fresh);
  log(
    `ours at ${ours.url} (pid ${ours.pid}); ours, cached at ${cached.url} (pid ${cached.pid}); ` +
      `PostGraphile at ${theirs.url} (pid ${theirs.pid})`,
  );
  const [idleRss, cachedIdleRss] = [(await ours.stats()).rss, (await cached.stats()).rss];
  await Promise.all([waitForListener(ours), waitForListener(cached), waitForListener(fresh)]);
  const cacheCheck = await checkResponseCache(db.url, ours, cached, slugs[0]!);
  log(`response cache check: ${cacheCheck}`);

  // Phase 1 -----------------------------------------------------------------------------------
  const fields = await queryFieldNames(ours.url);
  const absent = PATHWAY_FIELDS.filter((f) => !fields.has(f));
  let withPathways = absent.length === 0;
  let pathwayNote: string;
  if (withPathways) {
    try {
      await preflight(
        ours,
        phase1Requests(slugs, true).filter((r) => r.kind === 'pathways' || r.kind === 'reachableRoles'),
      );
      pathwayNote = ', pathways, reachableRoles (pathway fields present: included).';
    } catch (error) {
      withPathways = false;
      pathwayNote = `. Pathway queries NOT included: the fields exist but the query failed: ${(error as Error).message.split('\n')[0]}`;
    }
  } else {
    pathwayNote = `. Pathway queries NOT included: ${absent.join(', ')} not in the schema yet.`;
  }
  log(`phase 1 mix${pathwayNote}`);
  const mix = phase1Requests(slugs, withPathways);
  await preflight(ours, mix);
  await warmUp(plan, ours, mix, 'phase 1 mix');
  // One of each kind (the first few requests of the mix cover every kind once).
  const serial = await serialLatencies(ours, mix.slice(0, withPathways ? 5 : 3));
  const phase1Ours = await measure(plan, ours, mix, 'phase 1 mix', true);
  await preflight(cached, mix);
  const phase1Cached = await measure(plan, cached, mix, 'phase 1 mix');
  const phase1 = [
    { label: 'ours', idleRss, result: phase1Ours, distinct: distinct(mix) },
    {
      label: `ours, cached (${cacheTtlMs / 1000} s)`,
      idleRss: cachedIdleRss,
      result: phase1Cached,
      distinct: distinct(mix),
    },
  ];

  // Phase 2 -----------------------------------------------------------------------------------
  await checkTheirNames(theirs.url);
  const phase2: Phase2Row[] = [];
  for (const lookup of lookups) {
    const oursRequests = (lookup.perSlug ? slugs : [slugs[0]!]).map(lookup.ours);
    const theirRequests = (lookup.perSlug ? slugs : [slugs[0]!]).map(lookup.theirs);
    await preflight(fresh, oursRequests);
    await preflight(theirs, theirRequests);
    await preflight(cached, oursRequests);
    await preflight(ours, oursRequests);
    const equivalent = {
      uncached: await sameAnswers(lookup, fresh, theirs, slugs),
      cached: await sameAnswers(lookup, cached, theirs, slugs),
    };
    for (const [which, verdict] of Object.entries(equivalent)) {
      if (verdict !== 'yes') log(`warning: ${lookup.name}: answers differ (${which}): ${verdict}`);
    }
    // The like-for-like pair interleaved, then the cached variant and the one with a history.
    const [oursResult, theirResult] = await measurePair(
      plan,
      { server: fresh, requests: oursRequests },
      { server: theirs, requests: theirRequests },
      lookup.name,
    );
    const cachedResult = await measure(plan, cached, oursRequests, lookup.name);
    const afterMixResult = await measure(plan, ours, oursRequests, lookup.name);
    phase2.push({
      lookup,
      distinct: distinct(oursRequests),
      equivalent,
      ours: oursResult,
      theirs: theirResult,
      cached: cachedResult,
      afterMix: afterMixResult,
    });
  }

  const info = machine(postgresVersion, loadBefore, os.loadavg());
  console.log(report({ plan, cacheTtlMs, info, cacheCheck, pathwayNote, serial, phase1, phase2 }));
}

try {
  await main();
} catch (error) {
  log(`infrastructure failure: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exitCode = 1;
} finally {
  await cleanup();
}
