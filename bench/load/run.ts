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
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import pg from 'pg';
import { readDataset } from '../../src/db/dataset/read.js';
import { SERVICE_NODE_FLAGS } from '../../src/node-flags.js';
import { combine, graphql, type GraphQLRequest, type LoadResult, runLoad } from './cannon.js';
import { type BenchDatabase, createBenchDatabase, DEFAULT_ADMIN_URL } from './database.js';
import { type Lookup, lookups, PATHWAY_FIELDS, phase1Requests, THEIR_NAMES } from './queries.js';
import { type ServerProcess, startServer } from './servers.js';
import { POOL_SIZE } from './child.js';
import { DATA_CHANGED_CHANNEL } from '../../src/db/notify.js';

// ---------------------------------------------------------------------------------------------
// Settings

function intFromEnv(name: string, fallback: number, max: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > max) {
    throw new Error(`${name} must be a whole number from 1 to ${max} (got "${raw}").`);
  }
  return value;
}

// The caps keep the run bounded even with a typo in the environment.
const seconds = intFromEnv('LOAD_SECONDS', 60, 600);
const connections = intFromEnv('LOAD_CONNECTIONS', 50, 1000);
// Unmeasured run before each measured one: JIT, Prisma's and Grafast's caches, our pathway index.
const warmupSeconds = intFromEnv('LOAD_WARMUP_SECONDS', Math.min(5, Math.max(1, Math.round(seconds / 10))), 60);
const adminUrl = process.env.DATABASE_URL || DEFAULT_ADMIN_URL;
// The cached variant of ours; docker-compose.yml sets RESPONSE_CACHE_TTL_MS=30000.
const cacheTtlMs = intFromEnv('LOAD_CACHE_TTL_MS', 30_000, 3_600_000);

const log = (message: string) => console.error(`[load] ${message}`);
const mib = (bytes: number) => (bytes / 1024 / 1024).toFixed(0);
const ms = (value: number) => value.toFixed(2);
const rate = (value: number) => value.toFixed(0);

// ---------------------------------------------------------------------------------------------
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

// ---------------------------------------------------------------------------------------------
// Checks before measuring

/** Sends each distinct request once and throws if any fails: a benchmark of errors is no benchmark. */
async function preflight(server: ServerProcess, requests: GraphQLRequest[]): Promise<void> {
  const seen = new Set<string>();
  for (const request of requests) {
    const key = request.query + JSON.stringify(request.variables ?? {});
    if (seen.has(key)) continue;
    seen.add(key);
    const response = await graphql(server.url, request.query, request.variables);
    if (response.status !== 200 || response.errors?.length) {
      throw new Error(
        `${server.label} rejected the "${request.kind}" request (HTTP ${response.status}): ` +
          `${response.errors?.map((e) => e.message).join('; ') ?? 'no errors field'}\n${request.query}`,
      );
    }
  }
}

async function queryFieldNames(url: string): Promise<Set<string>> {
  const response = await graphql<{ __type: { fields: { name: string }[] } }>(
    url,
    `
      {
        __type(name: "Query") {
          fields {
            name
          }
        }
      }
    `,
  );
  if (!response.data?.__type) throw new Error(`Could not introspect ${url}: ${JSON.stringify(response.errors)}`);
  return new Set(response.data.__type.fields.map((f) => f.name));
}

/** Confirms by introspection that PostGraphile generated the names phase 2 uses. */
async function checkTheirNames(url: string): Promise<void> {
  const response = await graphql<{
    query: { fields: { name: string }[] } | null;
    role: { fields: { name: string }[] } | null;
    order: { enumValues: { name: string }[] } | null;
  }>(
    url,
    `{ query: __type(name: "Query") { fields { name } }
       role: __type(name: "Role") { fields { name } }
       order: __type(name: "${THEIR_NAMES.rolesOrderBy}") { enumValues { name } } }`,
  );
  const data = response.data;
  const has = (list: { name: string }[] | undefined, name: string) => list?.some((x) => x.name === name) ?? false;
  const missing = [
    !has(data?.query?.fields, THEIR_NAMES.roleBySlug) && `Query.${THEIR_NAMES.roleBySlug}`,
    !has(data?.query?.fields, THEIR_NAMES.allRoles) && `Query.${THEIR_NAMES.allRoles}`,
    !has(data?.role?.fields, THEIR_NAMES.roleTrack) && `Role.${THEIR_NAMES.roleTrack}`,
    !has(data?.order?.enumValues, THEIR_NAMES.titleAsc) && `${THEIR_NAMES.rolesOrderBy}.${THEIR_NAMES.titleAsc}`,
  ].filter(Boolean);
  if (missing.length > 0) throw new Error(`PostGraphile's schema lacks ${missing.join(', ')}`);
}

/** Whether both servers return the same data for a lookup, over every slug it is sent with. */
async function sameAnswers(lookup: Lookup, ours: ServerProcess, theirs: ServerProcess, slugs: string[]) {
  for (const slug of lookup.perSlug ? slugs : [slugs[0]!]) {
    const a = lookup.ours(slug);
    const b = lookup.theirs(slug);
    const [x, y] = await Promise.all([
      graphql(ours.url, a.query, a.variables),
      graphql(theirs.url, b.query, b.variables),
    ]);
    const left = JSON.stringify(lookup.normalizeOurs(x.data));
    const right = JSON.stringify(lookup.normalizeTheirs(y.data));
    if (left !== right) return `differs for ${slug}: ours ${left.slice(0, 200)} vs theirs ${right.slice(0, 200)}`;
  }
  return 'yes';
}

/** Number of distinct requests (document + variables) in a list. */
function distinct(requests: GraphQLRequest[]): number {
  return new Set(requests.map((r) => r.query + JSON.stringify(r.variables ?? {}))).size;
}

/** Waits until ours reports its change listener (LISTEN on the database) connected, via /ready. */
async function waitForListener(server: ServerProcess): Promise<void> {
  const deadline = Date.now() + 30_000;
  let last = '';
  while (Date.now() < deadline) {
    try {
      const response = await fetch(new URL('/ready', server.url));
      last = await response.text();
      if ((JSON.parse(last) as { changeListener?: string }).changeListener === 'connected') return;
    } catch (error) {
      last = String(error);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${server.label}: change listener not connected after 30 s (/ready: ${last.slice(0, 200)})`);
}

/**
 * Shows that the cached server really answers from its cache and that `listenUrl` clears it, so
 * the cached runs below measure the cache as deployed and not a server serving stale data: a title
 * changed in SQL without a notification is still served stale by the cached server (and fresh by
 * the uncached one); after a NOTIFY on the app's channel (what every write through the app sends)
 * the cached server serves it fresh. The change is undone, with a notification, before returning.
 */
async function checkResponseCache(
  databaseUrl: string,
  uncached: ServerProcess,
  cached: ServerProcess,
  slug: string,
): Promise<string> {
  const request = lookups[0]!.ours(slug);
  const title = async (server: ServerProcess) =>
    (await graphql<{ role: { title: string } | null }>(server.url, request.query, request.variables)).data?.role?.title;
  const until = async (what: string, done: () => Promise<boolean>) => {
    const deadline = Date.now() + 10_000;
    while (!(await done())) {
      if (Date.now() > deadline) throw new Error(`response cache check: ${what} within 10 s`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  };
  const original = await title(cached); // now in the cache
  if (!original) throw new Error(`response cache check: no role "${slug}"`);
  const changed = `${original} [cache check]`;
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('UPDATE role SET title = $1 WHERE slug = $2', [changed, slug]);
    const [stale, fresh] = await Promise.all([title(cached), title(uncached)]);
    if (fresh !== changed) throw new Error(`response cache check: ${uncached.label} answered "${fresh}"`);
    if (stale !== original) {
      throw new Error(
        `response cache check: ${cached.label} answered "${stale}" after an un-notified change; ` +
          `expected the cached "${original}" (is OURS_RESPONSE_CACHE_TTL_MS honoured?)`,
      );
    }
    const notified = performance.now();
    await client.query('SELECT pg_notify($1, $2)', [DATA_CHANGED_CHANNEL, 'bench/load response cache check']);
    await until(`${cached.label} did not serve the change after NOTIFY`, async () => (await title(cached)) === changed);
    const clearedMs = performance.now() - notified;
    return `served the stale title until notified, the new one ${ms(clearedMs)} ms after NOTIFY`;
  } finally {
    await client.query('BEGIN');
    await client.query('UPDATE role SET title = $1 WHERE slug = $2', [original, slug]);
    await client.query('SELECT pg_notify($1, $2)', [DATA_CHANGED_CHANNEL, 'bench/load response cache check undone']);
    await client.query('COMMIT');
    await client.end();
    await until('the title was not restored', async () => (await title(cached)) === original);
  }
}

// ---------------------------------------------------------------------------------------------
// Measuring

/**
 * Median latency of each request kind sent one at a time, after warm-up. Not a target, but the
 * aggregate percentiles under load do not say which kind is expensive; this does.
 */
async function serialLatencies(server: ServerProcess, requests: GraphQLRequest[], repeats = 7) {
  const byKind = new Map<string, number[]>();
  for (let round = 0; round < repeats; round++) {
    for (const request of requests) {
      const started = performance.now();
      await graphql(server.url, request.query, request.variables);
      const list = byKind.get(request.kind) ?? [];
      list.push(performance.now() - started);
      byKind.set(request.kind, list);
    }
  }
  return [...byKind].map(([kind, times]) => {
    const sorted = [...times].sort((a, b) => a - b);
    return { kind, median: sorted[Math.floor(sorted.length / 2)]!, samples: sorted.length };
  });
}

type Measured = LoadResult & {
  rss: { start: number; mid: number; end: number };
  /** Server CPU time (user + system) per completed request, in milliseconds. */
  cpuPerRequest: number;
};

async function warmUp(
  server: ServerProcess,
  requests: GraphQLRequest[],
  what: string,
  secs = warmupSeconds,
): Promise<void> {
  log(`${server.label}: ${what}: warm-up ${secs} s`);
  await runLoad({ url: server.url, requests, connections, seconds: secs });
}

/**
 * Waits until the server has worked off what a finished run left in flight: a trivial request
 * queues behind those, so CPU samples taken after it belong to the run being measured.
 */
async function settle(server: ServerProcess): Promise<void> {
  await graphql(server.url, '{ __typename }');
}

/**
 * A measured run (after a warm-up unless `warm`), with the server's RSS at start, middle and end
 * and its CPU time per request. CPU per request is the figure least disturbed by other processes
 * competing for the same cores, which throughput and latency are not.
 */
async function measure(
  server: ServerProcess,
  requests: GraphQLRequest[],
  what: string,
  warm = false,
  secs = seconds,
): Promise<Measured> {
  if (!warm) await warmUp(server, requests, what);
  await settle(server);
  log(`${server.label}: ${what}: measuring ${secs} s at ${connections} connections`);
  const start = await server.stats();
  let midSample: Promise<number> | undefined;
  const result = await runLoad({
    url: server.url,
    requests,
    connections,
    seconds: secs,
    atHalfway: () => {
      midSample = server.stats().then((s) => s.rss);
      midSample.catch(() => {}); // awaited below; avoid an unhandled rejection meanwhile
    },
  });
  await settle(server);
  const end = await server.stats();
  const mid = midSample ? await midSample : Number.NaN;
  const cpuPerRequest = ((end.cpu - start.cpu) * 1000) / Math.max(1, result.requests);
  log(
    `${server.label}: ${what}: ${rate(result.rps)} req/s, p50 ${ms(result.p50)} ms, p99 ${ms(result.p99)} ms, ` +
      `${ms(cpuPerRequest)} CPU ms/req, ${result.non2xx} non-2xx, ${result.graphqlErrors} GraphQL errors`,
  );
  return { ...result, rss: { start: start.rss, mid, end: end.rss }, cpuPerRequest };
}

/**
 * How many alternating segments the like-for-like pair's measured time is cut into: 12, 5 s each
 * at the default 60 s. These machines have slow spells of 15 to 30 s that raise either server's CPU
 * per request by up to a third; with four 15 s segments a spell fell on one side's segment
 * and decided the run (docs/load-test.md). Shorter segments share each spell between both sides.
 */
const SEGMENTS = 12;
/** Each segment's length: LOAD_SECONDS / SEGMENTS rounded up, so a side gets at least LOAD_SECONDS. */
const segmentSeconds = Math.ceil(seconds / SEGMENTS);
/**
 * The like-for-like pair's warm-up, per side, in unmeasured rounds of segments interleaved like the
 * measured ones (measurePair says why): 3 rounds, 15 s a side, at the defaults.
 */
const pairWarmupRounds = Math.ceil(Math.max(warmupSeconds, seconds / 4) / segmentSeconds);
const pairWarmupSeconds = pairWarmupRounds * segmentSeconds;

/**
 * The like-for-like pair of phase 2, measured interleaved: each side's `seconds` are cut into
 * SEGMENTS runs, sent in ABBA order (A B, B A, A B, ..., each side first in half the rounds)
 * after unmeasured warm-up rounds in the same order, and each
 * side's runs are then combined into one result. A machine whose speed drifts over a minute (a
 * shared VM's often does, by 10% and more) then slows both sides alike, where two runs one after
 * the other would charge the drift to one side. RSS: at the first segment's start, halfway through
 * the middle one, and at the last one's end.
 */
async function measurePair(
  a: { server: ServerProcess; requests: GraphQLRequest[] },
  b: { server: ServerProcess; requests: GraphQLRequest[] },
  what: string,
): Promise<[Measured, Measured]> {
  // Both warm up in the same interleaved rounds, unmeasured, that the measured ones continue, so
  // that neither meets its first measured segment straight from the minutes it sat idle while the
  // others were measured, nor from a longer pause than the other side had. (When A warmed up for
  // 15 s and then B did, A sat idle through B's warm-up and its first segment spent up to 1.5 times
  // the CPU per request of its later ones: V8 starts shrinking an idle process's heap after 8 s,
  // docs/load-test.md.) In ABBA order each side pauses for two of the other's segments at most.
  const runs: [Measured[], Measured[]] = [[], []];
  for (let i = 0; i < pairWarmupRounds + SEGMENTS; i++) {
    for (const side of i % 2 === 0 ? [0, 1] : [1, 0]) {
      const { server, requests } = side === 0 ? a : b;
      if (i < pairWarmupRounds) {
        await warmUp(server, requests, what, segmentSeconds);
        continue;
      }
      log(`${what}: segment ${i - pairWarmupRounds + 1} of ${SEGMENTS}`);
      runs[side]!.push(await measure(server, requests, what, true, segmentSeconds));
    }
  }
  const together = (parts: Measured[]): Measured => {
    const result = combine(parts);
    const cpu = parts.reduce((total, p) => total + p.cpuPerRequest * p.requests, 0);
    return {
      ...result,
      rss: {
        start: parts[0]!.rss.start,
        mid: parts[Math.floor(parts.length / 2)]!.rss.mid,
        end: parts.at(-1)!.rss.end,
      },
      cpuPerRequest: cpu / Math.max(1, result.requests),
    };
  };
  return [together(runs[0]), together(runs[1])];
}

// ---------------------------------------------------------------------------------------------
// Report

function machine(postgresVersion: string, loadBefore: number[], loadAfter: number[]) {
  let cpu = os.cpus()[0]?.model ?? 'unknown';
  try {
    cpu = /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? cpu;
  } catch {
    // not Linux: keep os.cpus()
  }
  let nproc = String(os.availableParallelism());
  try {
    nproc = execFileSync('nproc', { encoding: 'utf8' }).trim();
  } catch {
    // no coreutils: keep availableParallelism()
  }
  const envParts = ['LOAD_SECONDS', 'LOAD_CONNECTIONS', 'LOAD_WARMUP_SECONDS', 'LOAD_CACHE_TTL_MS', 'DATABASE_URL']
    .filter((name) => process.env[name])
    .map((name) => `${name}=${name === 'DATABASE_URL' ? '<set>' : process.env[name]}`);
  const fmt = (l: number[]) => l.map((x) => x.toFixed(2)).join(' / ');
  return {
    nproc,
    cpu,
    node: process.version,
    postgresVersion,
    loadavg: `${fmt(loadBefore)} before, ${fmt(loadAfter)} after (1 / 5 / 15 min)`,
    command: [...envParts, 'npx tsx bench/load/run.ts'].join(' '),
  };
}

function errorCell(result: LoadResult): string {
  if (result.graphqlErrors === 0) return '0';
  const parts = Object.entries(result.graphqlErrorsByKind)
    .filter(([, n]) => n > 0)
    .map(([kind, n]) => `${kind}: ${n}`);
  return `${result.graphqlErrors} (${parts.join(', ')})`;
}

type Phase2Row = {
  lookup: Lookup;
  /** Distinct requests (document + variables) the lookup's runs cycle through. */
  distinct: number;
  equivalent: { uncached: string; cached: string };
  ours: Measured;
  theirs: Measured;
  cached: Measured;
  /** The uncached ours that served phase 1 first. */
  afterMix: Measured;
};

function report(options: {
  info: ReturnType<typeof machine>;
  cacheCheck: string;
  pathwayNote: string;
  serial: { kind: string; median: number; samples: number }[];
  phase1: { label: string; idleRss: number; result: Measured; distinct: number }[];
  phase2: Phase2Row[];
}): string {
  const { info } = options;
  const ttl = `${cacheTtlMs / 1000} s`;
  const lines: string[] = [];
  lines.push('## Career Lattice load test', '');
  lines.push('| machine | value |', '|---|---|');
  lines.push(`| nproc | ${info.nproc} |`);
  lines.push(`| CPU | ${info.cpu} |`);
  lines.push(`| node | ${info.node} |`);
  lines.push(`| PostgreSQL | ${info.postgresVersion} (same machine) |`);
  lines.push(`| load average | ${info.loadavg} |`);
  lines.push(`| command | \`${info.command}\` |`);
  lines.push(
    `| load | ${connections} connections, ${seconds} s per measured run (after ${warmupSeconds} s warm-up), ` +
      `loopback, pool size ${POOL_SIZE} for all servers (idle connections kept 5 min), load generator in the parent process. Phase 2's ` +
      `like-for-like pair (ours fresh, PostGraphile) interleaved: ${SEGMENTS} segments of ${segmentSeconds} s ` +
      `per side (${SEGMENTS * segmentSeconds} s each) in ABBA order (A B, B A, ...), after ` +
      `${pairWarmupSeconds} s of warm-up each in the same interleaved order |`,
  );
  lines.push(
    '| servers | NODE_ENV=production. **ours**: default settings (response cache off: RESPONSE_CACHE_TTL_MS ' +
      'unset; a JSON log line per request at info on stdout, as npm start) but its per-client rate limit ' +
      'off (serve-ours.ts says why), listening for change ' +
      `notifications as src/main.ts does. **ours, cached**: the same plus the anonymous response cache, ` +
      `TTL ${ttl} (docker-compose.yml sets RESPONSE_CACHE_TTL_MS=30000). **PostGraphile**: its defaults ` +
      '(Amber preset; no response cache). ' +
      `**All** with the Node.js options npm start uses (${SERVICE_NODE_FLAGS.join(' ')}): runtime tuning, the same for both sides |`,
  );
  lines.push(`| response cache check | ours, cached: ${options.cacheCheck} |`);
  lines.push('');

  lines.push('### Phase 1: ours, realistic mix', '');
  lines.push(`Mix (round-robin): role by slug, nested roles, compareRoles${options.pathwayNote}`, '');
  lines.push(
    '| server | requests | req/s | p50 ms | p99 ms | server CPU ms/req | non-2xx | 5xx | conn. errors / timeouts | GraphQL errors | RSS MiB idle → start → mid → end |',
  );
  lines.push('|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---|');
  for (const { label, idleRss, result: r } of options.phase1) {
    lines.push(
      `| ${label} | ${r.requests} | ${rate(r.rps)} | ${ms(r.p50)} | ${ms(r.p99)} | ${ms(r.cpuPerRequest)} | ${r.non2xx} | ` +
        `${r.status5xx} | ${r.connectionErrors} / ${r.timeouts} | ${errorCell(r)} | ` +
        `${mib(idleRss)} → ${mib(r.rss.start)} → ${mib(r.rss.mid)} → ${mib(r.rss.end)} |`,
    );
  }
  for (const { label, result } of options.phase1) {
    if (result.firstErrorBody) {
      lines.push('', `${label}, first error body: \`${result.firstErrorBody.replaceAll('`', "'")}\``);
    }
  }
  const mixDistinct = options.phase1[0]?.distinct ?? 0;
  lines.push(
    '',
    `The mix is a fixed list of ${mixDistinct} distinct requests sent over and over, each already sent before ` +
      `measuring, so every measured request repeats an earlier identical one and the cached row answers ` +
      `(nearly) all of them from memory. It shows what the cache does for repeated anonymous reads, not ` +
      `what the server costs per query.`,
  );
  lines.push('', 'Per kind, one request at a time after warm-up, ours uncached (diagnostic, not a target):', '');
  lines.push('| kind | median ms | samples |', '|---|---:|---:|');
  for (const row of options.serial) lines.push(`| ${row.kind} | ${ms(row.median)} | ${row.samples} |`);
  lines.push('');

  lines.push(
    '### Phase 2: plain lookups, ours vs PostGraphile (Amber preset + 2 smart tags, see serve-postgraphile.ts)',
    '',
  );
  lines.push(
    '| lookup | server | requests | req/s | p50 ms | p99 ms | server CPU ms/req | non-2xx | 5xx | GraphQL errors | RSS MiB start → end |',
  );
  lines.push('|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|');
  const runs = (row: Phase2Row) =>
    [
      ['ours (fresh process)', row.ours],
      ['PostGraphile', row.theirs],
      [`ours, cached (${ttl})`, row.cached],
      ['ours, after phase 1', row.afterMix],
    ] as const;
  for (const row of options.phase2) {
    for (const [label, r] of runs(row)) {
      lines.push(
        `| ${row.lookup.name} | ${label} | ${r.requests} | ${rate(r.rps)} | ${ms(r.p50)} | ${ms(r.p99)} | ` +
          `${ms(r.cpuPerRequest)} | ${r.non2xx} | ${r.status5xx} | ${r.graphqlErrors} | ` +
          `${mib(r.rss.start)} → ${mib(r.rss.end)} |`,
      );
    }
  }
  lines.push('');
  lines.push(
    '| lookup | ours | same data | req/s ratio ours/theirs (target ≥ 1.0) | CPU-per-request ratio theirs/ours | p50 ms ours / theirs |',
  );
  lines.push('|---|---|---|---|---:|---|');
  for (const row of options.phase2) {
    const { lookup, theirs } = row;
    for (const [label, ours, equivalent, likeForLike] of [
      ['uncached, fresh process (like-for-like)', row.ours, row.equivalent.uncached, true],
      [`cached, ${ttl} (all requests repeats)`, row.cached, row.equivalent.cached, false],
      ['uncached, after serving phase 1', row.afterMix, row.equivalent.uncached, false],
    ] as const) {
      const ratio = ours.rps / theirs.rps;
      // Refusals and errors are cheap to produce; a ratio over them says nothing about the lookup.
      const clean = [ours, theirs].every((r) => r.non2xx === 0 && r.graphqlErrors === 0 && r.connectionErrors === 0);
      const verdict = !clean
        ? '(invalid: errors in the run)'
        : ours === row.cached
          ? '(from cache; not the target comparison)'
          : !likeForLike
            ? '(diagnostic; not the target comparison)'
            : ratio >= 1
              ? '(met)'
              : '(NOT met)';
      lines.push(
        `| ${lookup.name} | ${label} | ${equivalent} | ${ratio.toFixed(2)} ${verdict} | ` +
          `${(theirs.cpuPerRequest / ours.cpuPerRequest).toFixed(2)} | ${ms(ours.p50)} / ${ms(theirs.p50)} |`,
      );
    }
  }
  for (const row of options.phase2) {
    for (const [label, r] of runs(row)) {
      if (r.firstErrorBody) lines.push('', `${row.lookup.name}, ${label}, first error body: \`${r.firstErrorBody}\``);
    }
  }
  const distinctNote = options.phase2.map((row) => `${row.lookup.name.split(' ')[0]} ${row.distinct}`).join(', ');
  lines.push(
    '',
    '**Uncached, fresh process is the like-for-like ratio**: ours as deployed by default ' +
      '(RESPONSE_CACHE_TTL_MS unset) against PostGraphile with its defaults, which include no response cache; ' +
      'both execute every request, and neither process has served anything but the phase-2 lookups.',
    '',
    '**After serving phase 1** is the uncached ours that ran the realistic mix first. PostGraphile cannot ' +
      'serve that mix, so there is no like-for-like counterpart; it shows what a history of varied queries ' +
      '(pathways, nested reads) costs ours on the same lookups.',
    '',
    `**The cached ratio is not like-for-like.** That run is ours as docker-compose.yml deploys it: repeated ` +
      `identical anonymous queries are answered from memory without being executed. The lookups are fixed ` +
      `(distinct requests: ${distinctNote}), each already sent before measuring, so **all** measured requests ` +
      `in phase 2 are repeats; the cache misses only when an entry's ${ttl} TTL runs out or data changes ` +
      `(none during the runs). Real traffic has fewer repeats, and requests with an Authorization header ` +
      `bypass the cache, so it lands between the two rows.`,
    '',
    'CPU-per-request ratio above 1.0 means ours spends less server CPU per request; it is the comparison ' +
      'least affected by other load on the machine (see load average above).',
  );
  return lines.join('\n');
}

// ---------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const loadBefore = os.loadavg();
  const dataset = await readDataset();
  const slugs = dataset.roles.map((r) => r.slug);

  log(`creating a database on ${new URL(adminUrl).host} and loading the curated dataset`);
  const db = await createBenchDatabase(adminUrl, dataset);
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
  let pathwayNote = '';
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
  await warmUp(ours, mix, 'phase 1 mix');
  // One of each kind (the first few requests of the mix cover every kind once).
  const serial = await serialLatencies(ours, mix.slice(0, withPathways ? 5 : 3));
  const phase1Ours = await measure(ours, mix, 'phase 1 mix', true);
  await preflight(cached, mix);
  const phase1Cached = await measure(cached, mix, 'phase 1 mix');
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
      { server: fresh, requests: oursRequests },
      { server: theirs, requests: theirRequests },
      lookup.name,
    );
    const cachedResult = await measure(cached, oursRequests, lookup.name);
    const afterMixResult = await measure(ours, oursRequests, lookup.name);
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
  console.log(report({ info, cacheCheck, pathwayNote, serial, phase1, phase2 }));
}

try {
  await main();
} catch (error) {
  log(`infrastructure failure: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exitCode = 1;
} finally {
  await cleanup();
}
