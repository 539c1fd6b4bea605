/**
 * The query pairs the engine benchmarks ask about (bench/engine.ts, bench/fastest-k1.ts): uniformly
 * random pairs, and near pairs whose target is 2-4 moves from the source, the questions advisors ask
 * most. Same generator and seed, same pairs.
 */
import type { GraphIndex } from '../src/graph/index.js';

export type Pair = { from: number; to: number; fromIx: number; toIx: number };

/** Uniformly random pairs of distinct roles. */
export function randomPairs(index: GraphIndex, n: number, rand: () => number): Pair[] {
  const R = index.roleCount;
  return Array.from({ length: n }, () => {
    const from = Math.floor(rand() * R);
    let to = Math.floor(rand() * R);
    if (to === from) to = (to + 1) % R;
    return { from: index.roleIds[from]!, to: index.roleIds[to]!, fromIx: from, toIx: to };
  });
}

/** Pairs whose target is 2-4 moves from the source (breadth-first). */
export function nearPairs(index: GraphIndex, n: number, rand: () => number): Pair[] {
  const R = index.roleCount;
  const depth = new Int32Array(R);
  const pairs: Pair[] = [];
  for (let tries = 0; pairs.length < n && tries < n * 20; tries++) {
    const src = Math.floor(rand() * R);
    depth.fill(-1);
    depth[src] = 0;
    const queue = [src];
    const candidates: number[] = [];
    const want = 2 + Math.floor(rand() * 3);
    for (let head = 0; head < queue.length && candidates.length < 5000; head++) {
      const u = queue[head]!;
      if (depth[u]! >= want) continue;
      for (let e = index.outOffsets[u]!; e < index.outOffsets[u + 1]!; e++) {
        const v = index.edgeTo[e]!;
        if (depth[v] !== -1) continue;
        depth[v] = depth[u]! + 1;
        queue.push(v);
        if (depth[v] === want) candidates.push(v);
      }
    }
    if (candidates.length === 0) continue;
    const dst = candidates[Math.floor(rand() * candidates.length)]!;
    pairs.push({ from: index.roleIds[src]!, to: index.roleIds[dst]!, fromIx: src, toIx: dst });
  }
  return pairs;
}

/**
 * Uniformly random pairs of distinct roles, drawing again when both draws are the same role (the
 * real graph's benchmarks, bench/real.ts and bench/limits-left.ts: with rng(7), the same pairs).
 */
export function distinctPairs(index: GraphIndex, n: number, rand: () => number): Pair[] {
  const R = index.roleCount;
  const pairs: Pair[] = [];
  while (pairs.length < n) {
    const a = Math.floor(rand() * R);
    const b = Math.floor(rand() * R);
    if (a !== b) pairs.push({ from: index.roleIds[a]!, to: index.roleIds[b]!, fromIx: a, toIx: b });
  }
  return pairs;
}
