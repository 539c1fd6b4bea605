/**
 * The months-left bound (search.ts, limitsLeftBound; decision 032): with maxMonths, every ranking but
 * FASTEST drops a label whose months plus the fewest months left pass the limit. Its answers are
 * checked against brute force by the property tests (maxMonths under every ranking, with profiles);
 * here, that it prunes: a limit no pathway meets is answered with none, with less work.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { buildIndex } from '../../src/graph/build.js';
import { findPathways, lastSearchStats, limitsLeftBound } from '../../src/graph/search.js';
import type { RankBy } from '../../src/graph/types.js';
import { knotAndChain } from './fixture.js';

// The only way to the target, nine moves of a year each from the hub: 108 months; beside it, the
// knot of free moves.
const f = knotAndChain();
const index = buildIndex(f.input);
const saved = { ...limitsLeftBound };
afterEach(() => Object.assign(limitsLeftBound, saved));

function search(rankBy: RankBy, maxMonths: number, on: boolean) {
  limitsLeftBound.on = on;
  const found = findPathways(index, {
    from: f.role('start'),
    to: f.role('target'),
    k: 3,
    rankBy,
    constraints: { maxMonths },
  });
  const { expanded, work } = lastSearchStats();
  return { pathways: found.map((p) => [p.totalMonths, f.slugs(p.roleIds)]), expanded, work };
}

describe('the months-left bound', () => {
  it.each(['CHEAPEST', 'FEWEST_NEW_CERTIFICATIONS', 'FEWEST_STEPS'] as const)(
    'under %s, answers a limit under the least months with none, with less work',
    (rankBy) => {
      const least = findPathways(index, { from: f.role('start'), to: f.role('target'), k: 1, rankBy: 'FASTEST' })[0]!
        .totalMonths;
      expect(least).toBe(108);
      const bounded = search(rankBy, least - 1, true);
      const plain = search(rankBy, least - 1, false);
      expect(bounded.pathways).toEqual([]);
      expect(plain.pathways).toEqual([]);
      // Without the bound the search expands every role within the limit (the knot, the chain);
      // with it, the labels queued before its radius reached the limit are dropped as they come out.
      expect(bounded.expanded * 5).toBeLessThan(plain.expanded);
      expect(bounded.work * 2).toBeLessThan(plain.work);
      // At the least months, the one pathway, with the bound or without.
      const at = search(rankBy, least, true);
      expect(at.pathways).toEqual(search(rankBy, least, false).pathways);
      expect(at.pathways).toHaveLength(1);
      expect(at.pathways[0]![0]).toBe(least);
    },
  );
});
