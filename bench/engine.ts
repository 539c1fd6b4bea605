/**
 * Pathway-engine benchmark on the synthetic graphs M and L (bench/generators.ts).
 *
 *   npx tsx bench/engine.ts             # M and L (about 2 minutes)
 *   SKIP_L=1 npx tsx bench/engine.ts    # M only
 *   QUERIES=200 npx tsx bench/engine.ts # queries per kind (default: 1000 on M, 200 on L)
 *   EXTRA=1 npx tsx bench/engine.ts     # also CHEAPEST and FEWEST_NEW_CERTIFICATIONS, k=5
 *
 * Reports index build time and memory, then p50/p95/p99 latency per query kind, how many queries
 * found a pathway, and how many ran over the default work budget. Never part of `npm test`.
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
  type GraphInput,
  type PathwayQuery,
} from '../src/graph/index.js';
import { generateL, generateM, rng, withPrerequisites } from './generators.js';

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
function generateAndIndex(generate: () => GraphInput) {
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

function bench(name: string, generate: () => GraphInput, queryCount: number, seed: number): void {
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
  const pairs = Array.from({ length: queryCount }, () => {
    const from = Math.floor(rand() * R);
    let to = Math.floor(rand() * R);
    if (to === from) to = (to + 1) % R;
    return { from: index.roleIds[from]!, to: index.roleIds[to]!, fromIx: from, toIx: to };
  });
  // A held-certification profile: the most requested certifications and program.
  const popular = [...index.certIds.slice(0, 3)];
  const profile = { heldCertifications: popular, completedPrograms: [index.programIds[0]!], yearsInCurrentRole: 1 };

  const seen = new Int32Array(R);
  const queue = new Int32Array(R);
  let stamp = 0;
  const rows: Row[] = [];
  rows.push(
    measure(
      'BFS floor (src -> dst)',
      queryCount,
      (i) => bfs(index, pairs[i]!.fromIx, pairs[i]!.toIx, seen, queue, ++stamp),
      false,
    ),
  );
  const find = (q: Omit<PathwayQuery, 'from' | 'to'>) => (i: number) =>
    findPathways(index, { ...q, from: pairs[i]!.from, to: pairs[i]!.to } as PathwayQuery).length > 0;
  rows.push(measure('fastest path, k=1', queryCount, find({ k: 1, rankBy: 'FASTEST' })));
  rows.push(measure('FASTEST, k=5', queryCount, find({ k: 5, rankBy: 'FASTEST' })));
  rows.push(
    measure(
      'FASTEST k=5, held certs + maxSteps 12, maxMonths 180, maxCost $30k',
      queryCount,
      find({ k: 5, rankBy: 'FASTEST', profile, constraints: { maxSteps: 12, maxMonths: 180, maxCostUsd: 30_000 } }),
    ),
  );
  if (process.env.EXTRA) {
    rows.push(measure('CHEAPEST, k=5', queryCount, find({ k: 5, rankBy: 'CHEAPEST' })));
    rows.push(
      measure('FEWEST_NEW_CERTIFICATIONS, k=5', queryCount, find({ k: 5, rankBy: 'FEWEST_NEW_CERTIFICATIONS' })),
    );
  }
  let reached = 0;
  rows.push(
    measure('reachableRoles within 24 months', queryCount, (i) => {
      const n = reachableRoles(index, { from: pairs[i]!.from, withinMonths: 24 }).length;
      reached += n;
      return n > 0;
    }),
  );
  console.log(
    '\n| query | n | found | over budget | p50 ms | p95 ms | p99 ms | max ms | CPU p50 ms | CPU p99 ms | work units |\n' +
      '|---|---|---|---|---|---|---|---|---|---|---|',
  );
  for (const r of rows)
    console.log(
      `| ${r.kind} | ${r.queries} | ${r.found} | ${r.overBudget} | ${ms(r.p50)} | ${ms(r.p95)} | ${ms(r.p99)} | ` +
        `${ms(r.max)} | ${ms(r.cpu50)} | ${ms(r.cpu99)} | ${r.work || '-'} |`,
    );
  console.log(
    `reachableRoles: ${(reached / (queryCount + Math.min(20, queryCount))).toFixed(0)} roles per query on average`,
  );
}

const queries = process.env.QUERIES ? Number(process.env.QUERIES) : undefined;
bench('M (O*NET-shaped), with prerequisites', () => withPrerequisites(generateM(1)), queries ?? 1000, 11);
if (!process.env.SKIP_L)
  bench('L (power law), with prerequisites', () => withPrerequisites(generateL(2)), queries ?? 200, 12);
