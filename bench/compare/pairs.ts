/**
 * The source/target pairs every contender answers: seeded, so the same run (and the next) asks
 * the same questions. A source is drawn uniformly among roles with a way out, and the target
 * uniformly among the roles reachable from it within `maxHops` moves (the depth cap of the
 * recursive CTE), so that the CTE can find every path the others find.
 */
import type { GraphIndex } from '../../src/graph/index.js';
import { rng } from '../generators.js';

export interface Pair {
  /** Role ids. */
  from: number;
  to: number;
  /** Dense engine indices. */
  fromIx: number;
  toIx: number;
  /** Fewest moves from `from` to `to` (unweighted). */
  hops: number;
}

export interface PairSet {
  pairs: Pair[];
  /** Pairs whose target could not be drawn within maxHops (the source reached nothing). */
  unconstrained: number;
  hopHistogram: Record<number, number>;
}

export function choosePairs(index: GraphIndex, count: number, seed: number, maxHops: number): PairSet {
  const rand = rng(seed);
  const R = index.roleCount;
  const depth = new Int32Array(R).fill(-1);
  const queue = new Int32Array(R);
  const pairs: Pair[] = [];
  let unconstrained = 0;
  const hopHistogram: Record<number, number> = {};
  for (let p = 0; p < count; p++) {
    let chosen: Pair | undefined;
    for (let attempt = 0; attempt < 200 && !chosen; attempt++) {
      const src = Math.floor(rand() * R);
      if (index.outOffsets[src] === index.outOffsets[src + 1]) continue;
      // Depth-limited BFS from src; `reached` lists the roles in BFS order.
      depth.fill(-1);
      let head = 0;
      let tail = 0;
      queue[tail++] = src;
      depth[src] = 0;
      while (head < tail) {
        const u = queue[head++]!;
        if (depth[u]! >= maxHops) continue;
        for (let e = index.outOffsets[u]!; e < index.outOffsets[u + 1]!; e++) {
          const v = index.edgeTo[e]!;
          if (depth[v] !== -1) continue;
          depth[v] = depth[u]! + 1;
          queue[tail++] = v;
        }
      }
      if (tail <= 1) continue;
      const dst = queue[1 + Math.floor(rand() * (tail - 1))]!;
      chosen = { from: index.roleIds[src]!, to: index.roleIds[dst]!, fromIx: src, toIx: dst, hops: depth[dst]! };
    }
    if (!chosen) {
      // A graph (almost) without edges: any two distinct roles.
      unconstrained++;
      const src = Math.floor(rand() * R);
      const dst = (src + 1 + Math.floor(rand() * (R - 1))) % R;
      chosen = { from: index.roleIds[src]!, to: index.roleIds[dst]!, fromIx: src, toIx: dst, hops: -1 };
    }
    hopHistogram[chosen.hops] = (hopHistogram[chosen.hops] ?? 0) + 1;
    pairs.push(chosen);
  }
  return { pairs, unconstrained, hopHistogram };
}
