/**
 * Fastest single pathway (k = 1, FASTEST) on uniformly random and near pairs of a generated graph,
 * with the index's variants side by side in one process (decision 019):
 *
 *   npx tsx bench/fastest-k1.ts            # XL (1M roles, 10M moves; about 2 GB)
 *   SCALE=L QUERIES=100 npx tsx bench/fastest-k1.ts
 *   BASELINE=/tmp/base npx tsx bench/fastest-k1.ts   # also an older engine, side by side, from a
 *                                                   # checkout of it (git worktree add /tmp/base 401c9e3)
 *
 * The pairs are engine.ts's (same generator, seed and sampling). Never part of `npm test`.
 */
import {
  buildIndex,
  findPathways,
  lastSearchStats,
  SearchBudgetExceeded,
  type GraphIndex,
} from '../src/graph/index.js';
import { reverseBalance } from '../src/graph/bounds.js';
import { computeLandmarks } from '../src/graph/landmarks.js';
import path from 'node:path';
import { generateLColumns, rng, withPrerequisites } from './generators.js';
import { nearPairs, randomPairs, type Pair } from './pairs.js';

const scale = process.env.SCALE ?? 'XL';
const queries = Number(process.env.QUERIES ?? 30);
const landmarkCounts = (process.env.LANDMARKS ?? '0').split(',').map(Number);
/** Reverse-search ratios to compare (default: the engine's own for k = 1 FASTEST). */
const ratios = (process.env.RATIOS ?? String(reverseBalance.fastestSingle)).split(',').map(Number);
/** k and ranking (default 1 and FASTEST: the target of decision 019). */
const k = Number(process.env.K ?? 1);
const rankBy = (process.env.RANK ?? 'FASTEST') as 'FASTEST';

const percentile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;

let t0 = performance.now();
const input =
  scale === 'XL'
    ? withPrerequisites(generateLColumns(3, { roleCount: 1_000_000, transitionCount: 10_000_000, trackCount: 60 }))
    : withPrerequisites(generateLColumns(2));
console.log(`${scale}: generated in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
t0 = performance.now();
const base = buildIndex(input);
console.log(`built in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

const rand = rng(scale === 'XL' ? 13 : 12);
const sets: [string, Pair[]][] = [
  ['random', randomPairs(base, queries, rand)],
  ['near', nearPairs(base, queries, rand)],
];

// Before: an older engine, from the checkout BASELINE names, on the same index.
type Find = typeof findPathways;
type Engine = {
  findPathways: Find;
  lastSearchStats: typeof lastSearchStats;
  SearchBudgetExceeded: new (...args: never[]) => Error;
};
const baseline = process.env.BASELINE;
const old = baseline ? ((await import(path.resolve(baseline, 'src/graph/index.js'))) as Engine) : null;
const variants: [string, GraphIndex, number, Find, typeof lastSearchStats][] = [];
if (old !== null) variants.push([`before (${baseline})`, base, 1, old.findPathways, old.lastSearchStats]);
const overBudget = (e: unknown) =>
  e instanceof SearchBudgetExceeded || (old !== null && e instanceof old.SearchBudgetExceeded);
for (const n of landmarkCounts) {
  let index = base;
  if (n > 0) {
    t0 = performance.now();
    index = { ...base, landmarks: computeLandmarks(base, n) };
    console.log(`${n} landmarks computed in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  }
  for (const ratio of ratios)
    variants.push([`after, ${n} landmarks, reverse ratio ${ratio}`, index, ratio, findPathways, lastSearchStats]);
}

console.log(
  '| pairs | variant | n | found | over budget | p50 ms | p95 ms | p99 ms | max ms | mean work | mean settled |',
);
console.log('|---|---|---|---|---|---|---|---|---|---|---|');
for (const [title, pairs] of sets) {
  // Interleaved: each pair is asked of every variant, so load on the machine hits all alike.
  const times = variants.map(() => [] as number[]);
  const found = variants.map(() => 0);
  const over = variants.map(() => 0);
  const work = variants.map(() => 0);
  const settled = variants.map(() => 0);
  const answers: string[][] = variants.map(() => []);
  const detail: string[][] = variants.map(() => []);
  // Warm-up: the first queries allocate each engine's scratch arrays and compile.
  for (const [, index, ratio, find] of variants)
    for (const pair of pairs.slice(0, 5)) {
      reverseBalance.fastestSingle = ratio;
      try {
        find(index, { from: pair.from, to: pair.to, k, rankBy });
      } catch (e) {
        if (!overBudget(e)) throw e;
      }
    }
  // The order turns with each pair: the variant asked first meets caches the last pair left, the
  // others the caches it warmed for this pair's roles.
  for (let i = 0; i < pairs.length; i++)
    for (let n = 0; n < variants.length; n++) {
      const v = (i + n) % variants.length;
      const [, index, ratio, find, stats] = variants[v]!;
      reverseBalance.fastestSingle = ratio;
      const t = performance.now();
      try {
        const p = find(index, { from: pairs[i]!.from, to: pairs[i]!.to, k, rankBy });
        if (p.length > 0) found[v]!++;
        answers[v]!.push(JSON.stringify(p.map((x) => x.transitionIds)));
      } catch (e) {
        if (!overBudget(e)) throw e;
        over[v]!++;
        answers[v]!.push('over');
      }
      const ms = performance.now() - t;
      times[v]!.push(ms);
      const st = stats();
      detail[v]!.push(
        `${ms.toFixed(0)} ms: pair ${i}, work ${st.work}, popped ${st.popped}, created ${st.created}, settled ${st.settled}`,
      );
      work[v]! += stats().work;
      settled[v]! += stats().settled;
    }
  variants.forEach(([name], v) => {
    const s = times[v]!.sort((a, b) => a - b);
    console.log(
      `| ${title} | ${name} | ${pairs.length} | ${found[v]} | ${over[v]} | ${percentile(s, 0.5).toFixed(1)} | ${percentile(s, 0.95).toFixed(1)} | ` +
        `${percentile(s, 0.99).toFixed(1)} | ${s[s.length - 1]!.toFixed(1)} | ${Math.round(work[v]! / pairs.length)} | ${Math.round(settled[v]! / pairs.length)} |`,
    );
    if (process.env.DETAIL)
      for (const d of detail[v]!.sort((a, b) => parseFloat(b) - parseFloat(a)).slice(0, 4)) console.log(`  ${d}`);
    if (answers[v]!.join() !== answers[0]!.join()) console.log(`  ${name}: answers differ from ${variants[0]![0]}'s`);
  });
}
