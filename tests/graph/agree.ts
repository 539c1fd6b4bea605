/** Assertions shared by the property tests: the engine against brute force (./brute-force.ts). */
import fc from 'fast-check';
import { expect } from 'vitest';
import { buildIndex, findPathways } from '../../src/graph/index.js';
import type { GraphInput, PathwayQuery } from '../../src/graph/types.js';
import { bruteFindPathways } from './brute-force.js';

/**
 * Every k from 1 to maxK gives the first k of brute force's maxK best pathways (the engine on an
 * index with `landmarks`); queries with fewer than 3 pathways are skipped (fast-check `pre`).
 */
export function expectEveryK(input: GraphInput, q: PathwayQuery, maxK: number, landmarks = 0): void {
  const all = bruteFindPathways(input, { ...q, k: maxK });
  fc.pre(all.length >= 3);
  const index = buildIndex(input, { landmarks });
  for (let k = 1; k <= maxK; k++) expect(findPathways(index, { ...q, k })).toEqual(all.slice(0, k));
}
