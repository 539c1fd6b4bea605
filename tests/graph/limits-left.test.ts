/**
 * The bounds on what is left within a limit (search.ts, limitsLeftBound; decision 032): with
 * maxMonths, every ranking but FASTEST drops a label whose months plus the fewest months left pass
 * the limit; with maxCostUsd, every ranking but CHEAPEST does the same with the cost. Their answers
 * are checked against brute force by the property tests (both limits under every ranking, with
 * profiles); here, that they prune: a limit no pathway meets is answered with none, with less work.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { buildIndex } from '../../src/graph/build.js';
import { findPathways, lastSearchStats, limitsLeftBound } from '../../src/graph/search.js';
import type { Constraints, RankBy } from '../../src/graph/types.js';
import { knotAndChain } from './fixture.js';

// The only way to the target, nine moves of a year each from the hub: 108 months, and $500 for the
// licence its last move asks for; beside it, the knot of moves at no time and no cost.
const f = knotAndChain([], 500);
const index = buildIndex(f.input);
const saved = { ...limitsLeftBound };
afterEach(() => Object.assign(limitsLeftBound, saved));

function search(rankBy: RankBy, constraints: Constraints, on: boolean) {
  limitsLeftBound.on = on;
  const found = findPathways(index, { from: f.role('start'), to: f.role('target'), k: 3, rankBy, constraints });
  const { expanded, work } = lastSearchStats();
  return { pathways: found.map((p) => [p.totalMonths, p.totalCostUsd, f.slugs(p.roleIds)]), expanded, work };
}

/**
 * Under `rankBy`, a limit one under the least (as `limit` makes it) is answered with none, with and
 * without the bound, the bound expanding under a fifth of the labels and spending under half the
 * work; at the least, the one pathway either way.
 */
function expectPruned(rankBy: RankBy, least: number, limit: (value: number) => Constraints) {
  const bounded = search(rankBy, limit(least - 1), true);
  const plain = search(rankBy, limit(least - 1), false);
  expect(bounded.pathways).toEqual([]);
  expect(plain.pathways).toEqual([]);
  // Without the bound the search expands every role within the limit (the knot, the chain); with
  // it, the labels queued before its radius reached the limit are dropped as they come out.
  expect(bounded.expanded * 5).toBeLessThan(plain.expanded);
  expect(bounded.work * 2).toBeLessThan(plain.work);
  const at = search(rankBy, limit(least), true);
  expect(at.pathways).toEqual(search(rankBy, limit(least), false).pathways);
  expect(at.pathways).toEqual([[108, 500, ['start', 'hub', 'c0', 'c1', 'c2', 'c3', 'c4', 'c5', 'c6', 'c7', 'target']]]);
}

const best = (rankBy: RankBy) => findPathways(index, { from: f.role('start'), to: f.role('target'), k: 1, rankBy })[0]!;

describe('the months-left bound', () => {
  it.each(['CHEAPEST', 'FEWEST_NEW_CERTIFICATIONS', 'FEWEST_STEPS'] as const)(
    'under %s, answers a limit under the least months with none, with less work',
    (rankBy) => {
      const least = best('FASTEST').totalMonths;
      expect(least).toBe(108);
      expectPruned(rankBy, least, (maxMonths) => ({ maxMonths }));
    },
  );
});

describe('the cost-left bound', () => {
  it.each(['FASTEST', 'FEWEST_NEW_CERTIFICATIONS', 'FEWEST_STEPS'] as const)(
    'under %s, answers a limit under the least cost with none, with less work',
    (rankBy) => {
      const least = best('CHEAPEST').totalCostUsd;
      expect(least).toBe(500);
      expectPruned(rankBy, least, (maxCostUsd) => ({ maxCostUsd }));
    },
  );
});
