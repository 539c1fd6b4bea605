/**
 * The bounds on what is left within a limit (decision 032) side by side: pathways with `maxMonths`
 * under CHEAPEST, FEWEST_NEW_CERTIFICATIONS and FEWEST_STEPS, and with `maxCostUsd` under FASTEST,
 * FEWEST_NEW_CERTIFICATIONS and FEWEST_STEPS, k = 5, with the bounds on and off in turn on each query
 * in one process, on the real graph (seeded as bench/real.ts seeds it, `includeEstimated`) and on L
 * (bench/engine.ts's graph and pairs).
 *
 *   npx tsx bench/limits-left.ts               # both, about ten minutes on the 2-core machine
 *   SCALES=real QUERIES=100 npx tsx bench/limits-left.ts
 *
 * Prints a markdown table per graph: queries over the work budget, pairs with a pathway, work units
 * and p50/p99 ms, on and off. Never part of `npm test`.
 */
import {
  buildIndex,
  findPathways,
  lastSearchStats,
  SearchBudgetExceeded,
  type GraphIndex,
  type RankBy,
} from '../src/graph/index.js';
import { limitsLeftBound } from '../src/graph/search.js';
import { generateL, rng, withPrerequisites } from './generators.js';
import { createBenchDatabase } from './compare/database.js';
import { DEFAULT_ADMIN_URL } from './compare/settings.js';
import { percentile } from './compare/stats.js';
import { distinctPairs, nearPairs, randomPairs } from './pairs.js';
import { loadRealGraph } from './real-graph.js';

const SCALES = (process.env.SCALES ?? 'real,L').split(',');
type Pair = { from: number; to: number };
/** The limit, the rankings it is bounded under (not the one whose own search bounds it), and its values. */
type Limit = { key: 'maxMonths' | 'maxCostUsd'; rankings: RankBy[]; values: number[] };
const months = (values: number[]): Limit => ({
  key: 'maxMonths',
  rankings: ['CHEAPEST', 'FEWEST_NEW_CERTIFICATIONS', 'FEWEST_STEPS'],
  values,
});
const cost = (values: number[]): Limit => ({
  key: 'maxCostUsd',
  rankings: ['FASTEST', 'FEWEST_NEW_CERTIFICATIONS', 'FEWEST_STEPS'],
  values,
});

/** Every pair under every ranking and limit, the bound on and off in turn; a markdown table. */
function compare(index: GraphIndex, sets: [string, Pair[]][], limits: Limit[], includeEstimated: boolean): string[] {
  const lines = [
    '| pairs | ranking | limit | over budget, on / off | found, on / off | work units, on / off | p50 ms, on / off | p99 ms, on / off |',
    '|---|---|---|---|---|---|---|---|',
  ];
  const run = (p: Pair, rankBy: RankBy, key: Limit['key'], value: number, on: boolean) => {
    limitsLeftBound.on = on;
    const start = performance.now();
    let over = 0;
    let found = 0;
    try {
      const q = { from: p.from, to: p.to, k: 5, rankBy, includeEstimated, constraints: { [key]: value } };
      // As the service asks: from an O*NET occupation (a negative id), into curated roles by their open entries.
      found = findPathways(index, { ...q, openEntries: includeEstimated && p.from < 0 }).length > 0 ? 1 : 0;
    } catch (error) {
      if (!(error instanceof SearchBudgetExceeded)) throw error;
      over = 1;
    }
    return { ms: performance.now() - start, over, found, work: lastSearchStats().work };
  };
  // Untimed: every query once each way, so that both run compiled code.
  for (const [, pairs] of sets)
    for (const p of pairs.slice(0, 10))
      for (const on of [true, false]) {
        run(p, 'CHEAPEST', 'maxMonths', 24, on);
        run(p, 'FASTEST', 'maxCostUsd', 0, on);
      }
  for (const { key, rankings, values } of limits)
    for (const [kind, pairs] of sets)
      for (const rankBy of rankings)
        for (const value of values) {
          const sides = [true, false].map(() => ({ ms: [] as number[], over: 0, found: 0, work: 0 }));
          // Each side first on every other pair: the first run of a pair took about 0.1 ms more on the
          // real graph, the same search both times.
          for (const [n, p] of pairs.entries())
            for (const i of n % 2 === 0 ? [0, 1] : [1, 0]) {
              const r = run(p, rankBy, key, value, i === 0);
              sides[i]!.ms.push(r.ms);
              sides[i]!.over += r.over;
              sides[i]!.found += r.found;
              sides[i]!.work += r.work;
            }
          for (const side of sides) side.ms.sort((x, y) => x - y);
          const both = (f: (s: (typeof sides)[number]) => string) => `${f(sides[0]!)} / ${f(sides[1]!)}`;
          lines.push(
            `| ${kind} | ${rankBy} | ${key} ${value} | ${both((s) => String(s.over))} | ${both((s) => String(s.found))} | ` +
              `${both((s) => s.work.toLocaleString('en-US'))} | ${both((s) => percentile(s.ms, 0.5).toFixed(2))} | ` +
              `${both((s) => percentile(s.ms, 0.99).toFixed(2))} |`,
          );
          console.error(lines.at(-1));
        }
  limitsLeftBound.on = true;
  return lines;
}

const out: string[] = [];
if (SCALES.includes('real')) {
  const db = await createBenchDatabase(process.env.DATABASE_URL ?? DEFAULT_ADMIN_URL, 'S');
  try {
    const { index } = await loadRealGraph(db.url);
    const pairs = distinctPairs(index, Number(process.env.QUERIES ?? 100), rng(7));
    out.push(`Real graph (${index.roleCount} nodes, ${index.edgeCount} moves), k = 5, includeEstimated:`, '');
    out.push(...compare(index, [['uniform', pairs]], [months([12, 24, 120]), cost([0, 1000])], true), '');
  } finally {
    await db.drop();
  }
}
if (SCALES.includes('L')) {
  const index = buildIndex(withPrerequisites(generateL(2)));
  const n = Number(process.env.QUERIES ?? 30);
  const rand = rng(12);
  const sets: [string, Pair[]][] = [
    ['uniform', randomPairs(index, 100, rand).slice(0, n)],
    ['near', nearPairs(index, 100, rand).slice(0, n)],
  ];
  out.push(
    `L (${index.roleCount} roles, ${index.edgeCount} moves, with prerequisites), k = 5, the first ${n} of bench/engine.ts's pairs of each kind:`,
    '',
  );
  out.push(...compare(index, sets, [months([60, 180]), cost([0, 2000])], false), '');
}
console.log(out.join('\n'));
