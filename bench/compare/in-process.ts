/**
 * The contenders that run inside this process on the engine's own index: the pathway engine
 * (src/graph) and a plain BFS over the same CSR arrays, the floor for one traversal.
 */
import {
  findPathways,
  reachableRoles,
  SearchBudgetExceeded,
  type GraphIndex,
  type GraphInput,
  type Pathway,
  type PathwayQuery,
  type Profile,
} from '../../src/graph/index.js';
import type { Pair } from './pairs.js';
import { measureSync, type Outcome, type Row } from './stats.js';

export const ENGINE = 'engine (src/graph)';
export const BFS = 'BFS on the engine’s CSR';

const classifyEngine = (error: unknown): Outcome => {
  if (error instanceof SearchBudgetExceeded) return 'overBudget';
  throw error;
};

/** The `count` certifications most often asked for (in any requirement group), most asked first. */
export function popularCertifications(input: GraphInput, count: number): number[] {
  const uses = new Map<number, number>();
  for (const t of input.transitions)
    for (const g of t.requirementGroups) for (const c of g) uses.set(c, (uses.get(c) ?? 0) + 1);
  return [...uses.entries()]
    .sort((a, b) => b[1] - a[1] || a[0] - b[0])
    .slice(0, count)
    .map(([id]) => id);
}

export interface EngineResult {
  rows: Row[];
  /** Pair index -> totalMonths of the engine's fastest pathway (k=1), null when none, undefined when over budget. */
  fastestMonths: (number | null | undefined)[];
  constrainedLabel: string;
  reachableAverage: number;
}

export function runEngine(
  index: GraphIndex,
  pairs: readonly Pair[],
  profile: Profile,
  heldSlugs: string[],
): EngineResult {
  const n = pairs.length;
  const fastestMonths: (number | null | undefined)[] = new Array<number | null | undefined>(n).fill(undefined);
  const find =
    (q: Omit<PathwayQuery, 'from' | 'to'>, record?: (i: number, found: Pathway[]) => void) =>
    (i: number): Outcome => {
      const found = findPathways(index, { ...q, from: pairs[i]!.from, to: pairs[i]!.to } as PathwayQuery);
      record?.(i, found);
      return found.length > 0 ? 'found' : 'none';
    };
  const rows: Row[] = [];
  rows.push(
    measureSync(
      ENGINE,
      'fastest path (k=1)',
      n,
      find({ k: 1, rankBy: 'FASTEST' }, (i, found) => (fastestMonths[i] = found[0]?.totalMonths ?? null)),
      classifyEngine,
    ),
  );
  rows.push(measureSync(ENGINE, 'FASTEST, k=5', n, find({ k: 5, rankBy: 'FASTEST' }), classifyEngine));
  const constrainedLabel = `FASTEST k=5, maxSteps 5, holding ${heldSlugs.join(', ')}`;
  rows.push(
    measureSync(
      ENGINE,
      constrainedLabel,
      n,
      find({ k: 5, rankBy: 'FASTEST', profile, constraints: { maxSteps: 5 } }),
      classifyEngine,
    ),
  );
  let reached = 0;
  let calls = 0;
  rows.push(
    measureSync(
      ENGINE,
      'reachableRoles within 24 months',
      n,
      (i) => {
        const roles = reachableRoles(index, { from: pairs[i]!.from, withinMonths: 24 });
        reached += roles.length;
        calls++;
        return roles.length > 0 ? 'found' : 'none';
      },
      classifyEngine,
    ),
  );
  rows.push(...runBfs(index, pairs));
  return { rows, fastestMonths, constrainedLabel, reachableAverage: calls ? reached / calls : 0 };
}

/**
 * Months of the engine's fastest pathway with at most `maxSteps` moves, null when there is none,
 * undefined when over budget (not timed; for cross-checking the CTE).
 */
export function engineFastestWithin(index: GraphIndex, pair: Pair, maxSteps: number): number | null | undefined {
  try {
    return (
      findPathways(index, { from: pair.from, to: pair.to, k: 1, rankBy: 'FASTEST', constraints: { maxSteps } })[0]
        ?.totalMonths ?? null
    );
  } catch (error) {
    if (error instanceof SearchBudgetExceeded) return undefined;
    throw error;
  }
}

function runBfs(index: GraphIndex, pairs: readonly Pair[]): Row[] {
  const R = index.roleCount;
  const seen = new Int32Array(R);
  const queue = new Int32Array(R);
  let stamp = 0;
  const { outOffsets, edgeTo } = index;
  /** Unweighted BFS from src; stops at dst when dst >= 0, else visits everything reachable. */
  const bfs = (src: number, dst: number): boolean => {
    const s = ++stamp;
    let head = 0;
    let tail = 0;
    queue[tail++] = src;
    seen[src] = s;
    while (head < tail) {
      const u = queue[head++]!;
      for (let e = outOffsets[u]!, end = outOffsets[u + 1]!; e < end; e++) {
        const v = edgeTo[e]!;
        if (seen[v] === s) continue;
        if (v === dst) return true;
        seen[v] = s;
        queue[tail++] = v;
      }
    }
    return dst < 0 && tail > 1;
  };
  const never = (error: unknown): Outcome => {
    throw error;
  };
  return [
    measureSync(
      BFS,
      'unweighted src → dst (stops at dst)',
      pairs.length,
      (i) => (bfs(pairs[i]!.fromIx, pairs[i]!.toIx) ? 'found' : 'none'),
      never,
    ),
    measureSync(
      BFS,
      'unweighted, everything reachable from src',
      pairs.length,
      (i) => (bfs(pairs[i]!.fromIx, -1) ? 'found' : 'none'),
      never,
    ),
  ];
}
