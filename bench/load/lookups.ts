/**
 * Phase 2 of the load test alone, for working on the plain-lookup ratio:
 * `npx tsx bench/load/lookups.ts` (README in bench/load/README.md).
 *
 * Starts ours (response cache off, as deployed by default) and PostGraphile on a fresh copy of the
 * curated dataset, then for each lookup alternates short measured runs, ours then theirs, ROUNDS
 * times, so that both sides see the same background load on a shared machine. Prints each run and
 * the medians of the per-round ratios: req/s ours/theirs and server CPU per request theirs/ours.
 *
 * LOOKUPS_MIX_SECONDS=<n> first sends ours run.ts's phase-1 mix for n seconds, as run.ts does before
 * its phase 2 (PostGraphile cannot serve that mix, so it starts fresh either way).
 *
 * LOOKUPS_VERSUS=<dir> measures ours against ours from another checkout of this project (a git
 * worktree of an earlier commit, say, with its own node_modules and generated client) instead of
 * PostGraphile: the way to tell whether a change to ours is worth a few percent, which a comparison
 * with PostGraphile alone cannot separate from the machine's noise.
 *
 * LOOKUPS_TOGETHER=1 loads both sides at the same time, each with LOAD_CONNECTIONS connections, so
 * that both meet exactly the same background load: on a shared machine whose speed drifts from one
 * run to the next, their CPU time per request is then the steadier comparison (their req/s ratio
 * also reflects how the scheduler shared the CPUs).
 *
 * LOOKUPS_PROFILE=<dir> starts ours with `--cpu-prof --cpu-prof-dir=<dir>/ours` and the other side
 * with `<dir>/theirs`, so the two can be compared item by item; the profiles are written when the
 * run ends (open them in Chrome DevTools, or summarise them with bench/load/profile-summary.ts).
 */
import os from 'node:os';
import path from 'node:path';
import { readDataset } from '../../src/db/dataset/read.js';
import { graphql, type GraphQLRequest, runLoad } from './cannon.js';
import { type BenchDatabase, createBenchDatabase, DEFAULT_ADMIN_URL } from './database.js';
import { lookups, phase1Requests } from './queries.js';
import { SERVICE_NODE_FLAGS } from '../../src/node-flags.js';
import { type ServerProcess, startServer } from './servers.js';

function intFromEnv(name: string, fallback: number, max: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > max) {
    throw new Error(`${name} must be a whole number from 1 to ${max} (got "${raw}").`);
  }
  return value;
}

const seconds = intFromEnv('LOAD_SECONDS', 5, 600);
// Even by default, so that the ABBA order puts each side first equally often.
const rounds = intFromEnv('ROUNDS', 4, 50);
const connections = intFromEnv('LOAD_CONNECTIONS', 50, 1000);
const adminUrl = process.env.DATABASE_URL || DEFAULT_ADMIN_URL;
const profileDir = process.env.LOOKUPS_PROFILE;
const only = process.env.LOOKUPS_ONLY; // "a" or "b"
const mixSeconds = process.env.LOOKUPS_MIX_SECONDS ? intFromEnv('LOOKUPS_MIX_SECONDS', 60, 600) : 0;
const together = process.env.LOOKUPS_TOGETHER === '1';
const versus = process.env.LOOKUPS_VERSUS ? path.resolve(process.env.LOOKUPS_VERSUS) : undefined;

const log = (message: string) => console.error(`[lookups] ${message}`);
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

let database: BenchDatabase | undefined;
/** Requests answered by each server, warm-ups included (to divide a CPU profile by). */
const served = new Map<string, number>();
const servers: ServerProcess[] = [];

async function run(server: ServerProcess, requests: GraphQLRequest[], secs: number) {
  await graphql(server.url, '{ __typename }');
  const start = await server.stats();
  const result = await runLoad({ url: server.url, requests, connections, seconds: secs });
  await graphql(server.url, '{ __typename }');
  const end = await server.stats();
  served.set(server.label, (served.get(server.label) ?? 0) + result.requests + 2);
  const errors = result.non2xx + result.graphqlErrors + result.connectionErrors;
  if (errors > 0) throw new Error(`${server.label}: ${errors} errors; first: ${result.firstErrorBody ?? '(none)'}`);
  return { rps: result.rps, cpu: ((end.cpu - start.cpu) * 1000) / Math.max(1, result.requests), p50: result.p50 };
}

async function main() {
  const dataset = await readDataset();
  const slugs = dataset.roles.map((r) => r.slug);
  database = await createBenchDatabase(adminUrl, dataset);
  const profileArgs = (side: string) =>
    profileDir ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(profileDir, side)}`] : [];
  const [ours, theirs] = await Promise.all([
    startServer('ours', 'serve-ours.ts', database.url, { OURS_RESPONSE_CACHE_TTL_MS: '0' }, profileArgs('ours')),
    versus
      ? startServer(
          'ours (versus)',
          'serve-ours.ts',
          database.url,
          { OURS_RESPONSE_CACHE_TTL_MS: '0' },
          profileArgs('theirs'),
          versus,
        )
      : startServer('PostGraphile', 'serve-postgraphile.ts', database.url, {}, profileArgs('theirs')),
  ]);
  servers.push(ours, theirs);
  if (mixSeconds > 0) {
    // A server that has served the realistic mix first (as run.ts's does before phase 2).
    log(`ours: phase 1 mix for ${mixSeconds} s before the lookups`);
    await run(ours, phase1Requests(slugs, true), mixSeconds);
  }
  const lines = [
    `${os.cpus()[0]?.model}, nproc ${os.availableParallelism()}, load ${os.loadavg().map((x) => x.toFixed(2))}`,
    `${connections} connections, ${rounds} rounds of ${seconds} s per side` +
      `${together ? ', both sides loaded at once' : ', ABBA order'}; Node.js options for both: ${SERVICE_NODE_FLAGS.join(' ')}` +
      (versus ? `; theirs: ours from ${versus}` : ''),
    '',
    '| lookup | round | ours req/s | theirs req/s | ratio | ours CPU ms/req | theirs CPU ms/req | CPU ratio theirs/ours |',
    '|---|---:|---:|---:|---:|---:|---:|---:|',
  ];
  const summary: string[] = [];
  for (const lookup of lookups) {
    if (only && !lookup.name.startsWith(`(${only})`)) continue;
    const per = lookup.perSlug ? slugs : [slugs[0]!];
    const mine = per.map(lookup.ours);
    // Another checkout of ours gets our requests: an A/B of two versions of this code.
    const theirsRequests = versus ? mine : per.map(lookup.theirs);
    log(`${lookup.name}: warm-up`);
    await run(ours, mine, Math.max(2, Math.ceil(seconds / 2)));
    await run(theirs, theirsRequests, Math.max(2, Math.ceil(seconds / 2)));
    const ratios: number[] = [];
    const cpuRatios: number[] = [];
    const ourCpu: number[] = [];
    const theirCpu: number[] = [];
    for (let round = 1; round <= rounds; round++) {
      // ABBA order: whichever side runs first in a round runs second in the next, so that any
      // effect of running first or second (a machine's periodic background work, say) cannot count
      // against one side only.
      // With LOOKUPS_TOGETHER both are loaded at once instead, each by its own `connections`.
      const oursFirst = round % 2 === 1;
      let a: Awaited<ReturnType<typeof run>>;
      let b: Awaited<ReturnType<typeof run>>;
      if (together) [a, b] = await Promise.all([run(ours, mine, seconds), run(theirs, theirsRequests, seconds)]);
      else if (oursFirst) {
        a = await run(ours, mine, seconds);
        b = await run(theirs, theirsRequests, seconds);
      } else {
        b = await run(theirs, theirsRequests, seconds);
        a = await run(ours, mine, seconds);
      }
      ratios.push(a.rps / b.rps);
      cpuRatios.push(b.cpu / a.cpu);
      ourCpu.push(a.cpu);
      theirCpu.push(b.cpu);
      const line =
        `| ${lookup.name} | ${round} | ${a.rps.toFixed(0)} | ${b.rps.toFixed(0)} | ${(a.rps / b.rps).toFixed(2)} | ` +
        `${a.cpu.toFixed(3)} | ${b.cpu.toFixed(3)} | ${(b.cpu / a.cpu).toFixed(2)} |`;
      log(line);
      lines.push(line);
    }
    summary.push(
      `${lookup.name}: median req/s ratio ${median(ratios).toFixed(2)}, median CPU ratio theirs/ours ` +
        `${median(cpuRatios).toFixed(2)} (ours ${median(ourCpu).toFixed(3)} ms/req, theirs ${median(theirCpu).toFixed(3)} ms/req)`,
    );
  }
  console.log([...lines, '', ...summary].join('\n'));
  log(`requests served: ${[...served].map(([k, v]) => `${k} ${v}`).join(', ')}`);
}

try {
  await main();
} catch (error) {
  log(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exitCode = 1;
} finally {
  await Promise.allSettled(servers.map((s) => s.stop()));
  await database?.drop();
}
