/**
 * Pathway-engine benchmark on the generated graphs (bench/generators.ts), all with the
 * prerequisites real data has (withPrerequisites: eligibility routes, degrees, unknown costs).
 *
 *   npx tsx bench/engine.ts                   # L: 100k roles, 1M moves (a few minutes)
 *   BENCH_SCALES=M,L,XL npx tsx bench/engine.ts  # XL: 1M roles, 10M moves (needs ~6 GB, ~10 min)
 *   QUERIES=100 npx tsx bench/engine.ts       # pairs per kind (default 100 on M and L, 30 on XL)
 *   PAYMENT_BOUND=0 npx tsx bench/engine.ts   # CHEAPEST and FEWEST_NEW_CERTIFICATIONS without decision 030's bound
 *
 * For each scale: index build time and memory, then for uniformly random pairs and for near pairs
 * (the target 2-4 moves away) every ranking at k = 5, fastest at k = 1, a constrained query and
 * reachableRoles: latency and CPU percentiles, how many found a pathway, how many ran over the
 * default work budget, and each ranking's p99 as a multiple of FASTEST's. Never part of `npm test`.
 */
import v8 from 'node:v8';
import vm from 'node:vm';
import {
  buildIndex,
  findPathways,
  lastSearchStats,
  reachableRoles,
  SearchBudgetExceeded,
  type GraphIndex,
  type PathwayQuery,
} from '../src/graph/index.js';
import { generateL, generateLColumns, generateM, rng, withPrerequisites } from './generators.js';
import { nearPairs, randomPairs, type Pair } from './pairs.js';
import { RANK_BY_VALUES } from '../src/graph/index.js';
import { paymentBound } from '../src/graph/search.js';
import type { BuildInput } from '../src/graph/types.js';

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

function memory(): number {
  gc();
  gc();
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MB`;
const ms = (t: number) => (t < 10 ? t.toFixed(3) : t.toFixed(1));

function percentile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

/** Unweighted BFS from src until dst is reached: the floor any search has to beat. */
function bfs(index: GraphIndex, src: number, dst: number, seen: Int32Array, queue: Int32Array, stamp: number): boolean {
  let head = 0;
  let tail = 0;
  queue[tail++] = src;
  seen[src] = stamp;
  while (head < tail) {
    const u = queue[head++]!;
    for (let e = index.outOffsets[u]!; e < index.outOffsets[u + 1]!; e++) {
      const v = index.edgeTo[e]!;
      if (seen[v] === stamp) continue;
      if (v === dst) return true;
      seen[v] = stamp;
      queue[tail++] = v;
    }
  }
  return false;
}

interface Row {
  kind: string;
  queries: number;
  found: number;
  overBudget: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  /** CPU time of the process per query (robust to other load on the machine). */
  cpu50: number;
  cpu99: number;
  /** Mean work units (lastSearchStats) per query. */
  work: number;
}

function measure(kind: string, n: number, run: (i: number) => boolean, engine = true): Row {
  for (let i = 0; i < Math.min(20, n); i++) {
    try {
      run(i);
    } catch (e) {
      if (!(e instanceof SearchBudgetExceeded)) throw e;
    }
  }
  const times: number[] = [];
  const cpu: number[] = [];
  let found = 0;
  let overBudget = 0;
  let work = 0;
  for (let i = 0; i < n; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    try {
      if (run(i)) found++;
    } catch (e) {
      if (!(e instanceof SearchBudgetExceeded)) throw e;
      overBudget++;
    }
    times.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
    if (engine) work += lastSearchStats().work;
  }
  times.sort((a, b) => a - b);
  cpu.sort((a, b) => a - b);
  return {
    kind,
    queries: n,
    found,
    overBudget,
    p50: percentile(times, 0.5),
    p95: percentile(times, 0.95),
    p99: percentile(times, 0.99),
    max: times[times.length - 1]!,
    cpu50: percentile(cpu, 0.5),
    cpu99: percentile(cpu, 0.99),
    work: Math.round(work / n),
  };
}

/** Generates and indexes a graph; only the index outlives the call, as in the server. */
function generateAndIndex(generate: () => BuildInput) {
  let t0 = performance.now();
  const input = generate();
  const genMs = performance.now() - t0;
  const before = memory();
  t0 = performance.now();
  const index = buildIndex(input);
  const buildMs = performance.now() - t0;
  const after = memory();
  return { index, genMs, buildMs, before, after };
}

function printRows(title: string, rows: Row[]): void {
  const fastest = rows.find((r) => r.kind === 'FASTEST, k=5');
  console.log(
    `\n### ${title}\n\n| query | n | found | over budget | p50 ms | p95 ms | p99 ms | max ms | CPU p50 ms | CPU p99 ms | CPU p99 / FASTEST's | work units |\n` +
      '|---|---|---|---|---|---|---|---|---|---|---|---|',
  );
  for (const r of rows)
    console.log(
      `| ${r.kind} | ${r.queries} | ${r.found} | ${r.overBudget} | ${ms(r.p50)} | ${ms(r.p95)} | ${ms(r.p99)} | ` +
        `${ms(r.max)} | ${ms(r.cpu50)} | ${ms(r.cpu99)} | ${fastest && r.kind.endsWith('k=5') ? (r.cpu99 / fastest.cpu99).toFixed(2) : '-'} | ${r.work || '-'} |`,
    );
}

function bench(name: string, generate: () => BuildInput, queryCount: number, seed: number, full: boolean): void {
  const { index, genMs, buildMs, before, after } = generateAndIndex(generate);
  gc(); // the input is garbage now: collect it before measuring
  console.log(
    `\n## ${name}: ${index.roleCount} roles, ${index.edgeCount} transitions, ${index.trackCount} tracks, ` +
      `${index.certCount} certifications, ${index.programCount} programs (generated in ${genMs.toFixed(0)} ms)`,
  );
  console.log(
    `index: built in ${buildMs.toFixed(0)} ms; retained ${mb(after - before)} (heap + typed arrays, input excluded); ` +
      `process RSS ${mb(process.memoryUsage().rss)}`,
  );

  const rand = rng(seed);
  const R = index.roleCount;
  const sets: [string, Pair[]][] = [
    ['uniformly random pairs', randomPairs(index, queryCount, rand)],
    ['near pairs (target 2-4 moves away)', nearPairs(index, queryCount, rand)],
  ];
  // A held-certification profile: the most requested certifications and program.
  const popular = [...index.certIds.slice(0, 3)];
  const profile = { heldCertifications: popular, completedPrograms: [index.programIds[0]!], yearsInCurrentRole: 1 };
  const seen = new Int32Array(R);
  const queue = new Int32Array(R);
  let stamp = 0;
  for (const [title, pairs] of sets) {
    const n = pairs.length;
    const rows: Row[] = [];
    rows.push(
      measure(
        'BFS floor (src -> dst)',
        n,
        (i) => bfs(index, pairs[i]!.fromIx, pairs[i]!.toIx, seen, queue, ++stamp),
        false,
      ),
    );
    const find = (q: Omit<PathwayQuery, 'from' | 'to'>) => (i: number) =>
      findPathways(index, { ...q, from: pairs[i]!.from, to: pairs[i]!.to } as PathwayQuery).length > 0;
    rows.push(measure('fastest path, k=1', n, find({ k: 1, rankBy: 'FASTEST' })));
    if (full) {
      for (const rankBy of RANK_BY_VALUES) rows.push(measure(`${rankBy}, k=5`, n, find({ k: 5, rankBy })));
      rows.push(
        measure(
          'FASTEST k=5, held certs + maxSteps 12, maxMonths 180, maxCost $30k',
          n,
          find({ k: 5, rankBy: 'FASTEST', profile, constraints: { maxSteps: 12, maxMonths: 180, maxCostUsd: 30_000 } }),
        ),
      );
      rows.push(
        measure(
          'reachableRoles within 24 months',
          n,
          (i) => reachableRoles(index, { from: pairs[i]!.from, withinMonths: 24 }).length > 0,
        ),
      );
    }
    printRows(`${name}: ${title}`, rows);
  }
}

if (process.env.PAYMENT_BOUND === '0') paymentBound.on = false;
const scales = (process.env.BENCH_SCALES ?? 'L')
  .toUpperCase()
  .split(',')
  .map((s) => s.trim());
const queries = process.env.QUERIES ? Number(process.env.QUERIES) : undefined;
if (scales.includes('M'))
  bench('M (O*NET-shaped), with prerequisites', () => withPrerequisites(generateM(1)), queries ?? 100, 11, true);
if (scales.includes('L'))
  bench('L (power law), with prerequisites', () => withPrerequisites(generateL(2)), queries ?? 100, 12, true);
if (scales.includes('XL'))
  bench(
    'XL (power law, 1M roles, 10M moves), with prerequisites',
    // Transitions as columns: ten million objects would be 3.4 GB for the collector to walk.
    () => withPrerequisites(generateLColumns(3, { roleCount: 1_000_000, transitionCount: 10_000_000, trackCount: 60 })),
    queries ?? 30,
    13,
    process.env.XL_FULL === '1',
  );
