/**
 * Two servers in alternating rounds: `npx tsx bench/load/ab.ts` (bench/load/README.md).
 *
 * Side A is ours from this checkout (or AB_A, another checkout); side B is PostGraphile, or with
 * AB_B=<dir> ours from another checkout (an earlier commit's worktree with node_modules and the
 * generated client), which is how a change to ours is measured. Both run on a fresh copy of the
 * curated dataset, as run.ts starts them. For each workload, after a warm-up of each side, ROUNDS
 * rounds send LOAD_SECONDS of load to each side in ABBA order (A first in odd rounds, B first in
 * even ones), so that both meet the same drift of a shared machine; it prints every round and the
 * medians of the per-round ratios, req/s A/B and server CPU per request B/A.
 *
 * Workloads (AB_WORKLOADS, comma-separated): `mix`, the realistic mix of run.ts' phase 1 (ours
 * only, so only with AB_B set), and the plain lookups `a` and `b` of its phase 2.
 *
 * AB_TOGETHER=1 loads both sides at the same time instead, each with LOAD_CONNECTIONS connections:
 * on a machine shared with other work, both then meet exactly the same contention, and their CPU
 * time per request is the steadier comparison (the req/s ratio then also says how the scheduler
 * shared the cores).
 *
 * AB_PROFILE=<dir> runs side A with `--cpu-prof --cpu-prof-dir=<dir>/a` and side B with `<dir>/b`
 * (summarise a profile with bench/load/profile-summary.ts).
 */
import os from 'node:os';
import path from 'node:path';
import { readDataset } from '../../src/db/dataset/read.js';
import { SERVICE_NODE_FLAGS } from '../../src/node-flags.js';
import { graphql, type GraphQLRequest, runLoad } from './cannon.js';
import { type BenchDatabase, createBenchDatabase } from './database.js';
import { lookups, phase1Requests } from './queries.js';
import { type ServerProcess, startServer } from './servers.js';
import { adminUrl, connections, intFromEnv, logger } from './settings.js';

const seconds = intFromEnv('LOAD_SECONDS', 5, 600);
// Even by default, so that the ABBA order puts each side first equally often.
const rounds = intFromEnv('ROUNDS', 6, 50);
const dirA = process.env.AB_A ? path.resolve(process.env.AB_A) : undefined;
const dirB = process.env.AB_B ? path.resolve(process.env.AB_B) : undefined;
const profileDir = process.env.AB_PROFILE;
const together = process.env.AB_TOGETHER === '1';
const workloads = (process.env.AB_WORKLOADS ?? (dirB ? 'mix,a,b' : 'a,b')).split(',').map((w) => w.trim());

const log = logger('ab');
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

type Side = { server: ServerProcess; requests: GraphQLRequest[] };

/** One measured run: req/s and the server's CPU time per request (ms), read from /proc. */
async function run({ server, requests }: Side, secs: number) {
  await graphql(server.url, '{ __typename }'); // queued behind nothing: the CPU sample starts clean
  const start = await server.stats();
  const result = await runLoad({ url: server.url, requests, connections, seconds: secs });
  await graphql(server.url, '{ __typename }'); // queued behind the run's last requests
  const end = await server.stats();
  const errors = result.non2xx + result.graphqlErrors + result.connectionErrors;
  if (errors > 0) throw new Error(`${server.label}: ${errors} errors; first: ${result.firstErrorBody ?? '(none)'}`);
  return { rps: result.rps, cpu: ((end.cpu - start.cpu) * 1000) / Math.max(1, result.requests) };
}

let database: BenchDatabase | undefined;
const servers: ServerProcess[] = [];

async function main() {
  const dataset = await readDataset();
  const slugs = dataset.roles.map((r) => r.slug);
  database = await createBenchDatabase(adminUrl);
  const profile = (side: string) =>
    profileDir ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(profileDir, side)}`] : [];
  const ours = { OURS_RESPONSE_CACHE_TTL_MS: '0' };
  const [a, b] = await Promise.all([
    startServer(`A (${dirA ?? 'this checkout'})`, 'serve-ours.ts', database.url, ours, profile('a'), dirA),
    dirB
      ? startServer(`B (${dirB})`, 'serve-ours.ts', database.url, ours, profile('b'), dirB)
      : startServer('B (PostGraphile)', 'serve-postgraphile.ts', database.url, {}, profile('b')),
  ]);
  servers.push(a, b);
  const lines = [
    `${os.cpus()[0]?.model}, nproc ${os.availableParallelism()}, Node.js ${process.version}, load ${os
      .loadavg()
      .map((x) => x.toFixed(2))
      .join(' ')}`,
    `A: ${a.label}; B: ${b.label}. ${connections} connections, ${rounds} rounds of ${seconds} s per side ` +
      `${together ? 'with both sides loaded at once' : 'in ABBA order'}; Node.js options for both: ${SERVICE_NODE_FLAGS.join(' ')}`,
    '',
    '| workload | round | A req/s | B req/s | A/B | A CPU ms/req | B CPU ms/req | CPU B/A |',
    '|---|---:|---:|---:|---:|---:|---:|---:|',
  ];
  const summary: string[] = [];
  for (const workload of workloads) {
    let sides: [Side, Side];
    let name: string;
    if (workload === 'mix') {
      if (!dirB) throw new Error('The mix needs pathways, which PostGraphile cannot serve: set AB_B.');
      const mix = phase1Requests(slugs, true);
      sides = [
        { server: a, requests: mix },
        { server: b, requests: mix },
      ];
      name = 'realistic mix';
    } else {
      const lookup = lookups.find((l) => l.name.startsWith(`(${workload})`));
      if (!lookup) throw new Error(`Unknown workload "${workload}": use mix, a or b.`);
      const per = lookup.perSlug ? slugs : [slugs[0]!];
      const mine = per.map(lookup.ours);
      sides = [
        { server: a, requests: mine },
        { server: b, requests: dirB ? mine : per.map(lookup.theirs) },
      ];
      name = lookup.name;
    }
    log(`${name}: warm-up`);
    for (const side of sides) await run(side, Math.max(2, Math.ceil(seconds / 2)));
    const ratios: number[] = [];
    const cpuRatios: number[] = [];
    for (let round = 1; round <= rounds; round++) {
      let x: { rps: number; cpu: number };
      let y: { rps: number; cpu: number };
      if (together) [x, y] = await Promise.all([run(sides[0], seconds), run(sides[1], seconds)]);
      // ABBA: whichever side runs first in a round runs second in the next.
      else if (round % 2 === 1) [x, y] = [await run(sides[0], seconds), await run(sides[1], seconds)];
      else [y, x] = [await run(sides[1], seconds), await run(sides[0], seconds)];
      ratios.push(x.rps / y.rps);
      cpuRatios.push(y.cpu / x.cpu);
      const line =
        `| ${name} | ${round} | ${x.rps.toFixed(0)} | ${y.rps.toFixed(0)} | ${(x.rps / y.rps).toFixed(2)} | ` +
        `${x.cpu.toFixed(3)} | ${y.cpu.toFixed(3)} | ${(y.cpu / x.cpu).toFixed(2)} |`;
      log(line);
      lines.push(line);
    }
    summary.push(
      `${name}: median req/s ratio A/B ${median(ratios).toFixed(2)} (rounds ${Math.min(...ratios).toFixed(2)} to ` +
        `${Math.max(...ratios).toFixed(2)}), median CPU-per-request ratio B/A ${median(cpuRatios).toFixed(2)}`,
    );
  }
  console.log([...lines, '', ...summary].join('\n'));
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
