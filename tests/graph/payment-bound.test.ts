/**
 * The bound by the payment every way must make (payment-bound.ts, decision 030), in cents and in
 * certifications, on a hand-made graph whose target no move enters without one. The engine's answers
 * with it are checked against brute force by the property tests; here, the bound's own figures.
 */
import { describe, expect, it } from 'vitest';
import { EdgeWeights } from '../../src/graph/bounds.js';
import { buildIndex, type GraphIndex } from '../../src/graph/build.js';
import { CostFreeMoves, PaymentSearch } from '../../src/graph/payment-bound.js';
import { Meter, scratchFor } from '../../src/graph/scratch.js';
import { findPathways } from '../../src/graph/search.js';
import { queryContext } from '../../src/graph/step.js';
import type { Profile } from '../../src/graph/types.js';
import { fixture } from './fixture.js';

// The CMA is asked for on two moves into two roles from two roles: a shared certification, which no
// edge bound counts (the learner may have earned it earlier on the way). Entering the target asks
// for it, or goes through the clinic, entered only with it.
const f = fixture({
  roles: { start: 'x', front: 'x', clinic: 'x', free: 'x', target: 'x' },
  certs: {
    cma: { fee: 125, routes: [{ months: 12 }] },
    // Costs nothing: no fee, and a wait for its route.
    bls: { fee: 0, routes: [{ months: 6 }] },
    // No fee, but its only route is a program that costs $1,000.
    cpr: { fee: 0, routes: ['course'] },
  },
  programs: { course: [3, 1000] },
  transitions: [
    ['start', 'front', 1], // 12 months, nothing asked
    ['front', 'target', 0, [['cma']]],
    ['start', 'clinic', 0, [['cma']]],
    ['clinic', 'target', 0.5], // 6 months, nothing asked
    ['free', 'target', 2, [['bls']]], // free: the BLS costs nothing
    ['start', 'free', 0, [['cpr']]], // not free: the CPR's route costs $1,000
  ],
});
const index: GraphIndex = buildIndex(f.input);
const ix = (slug: string) => index.roleIndexById.get(f.role(slug))!;

function searched(profile?: Profile, certs = false): PaymentSearch {
  const s = scratchFor(index);
  const cx = queryContext(index, ix('start'), profile);
  const search = new PaymentSearch(
    index,
    s,
    cx,
    new EdgeWeights(index, s, cx),
    [ix('target')],
    null,
    ix('start'),
    new Meter(1e6),
    certs,
  );
  while (!search.done) search.step();
  return search;
}

const boundAt = (search: PaymentSearch, slug: string) => {
  expect(search.bound(ix(slug))).toBe(true);
  expect(search.lastExact).toBe(true);
  return [search.lastA, search.lastB];
};

describe('PaymentSearch', () => {
  it('bounds a learner who has paid nothing by the fee every way in asks, with the months of the way', () => {
    const search = searched();
    // Through the clinic: the CMA's fee on the move in, then 6 months; through the front desk it is
    // the same fee after 12 months. The least is ($125, 6 months).
    expect(boundAt(search, 'start')).toEqual([12_500, 6]);
    expect(boundAt(search, 'front')).toEqual([12_500, 0]);
    // From the clinic the way in is free, and so from the free role, whose BLS costs nothing.
    expect(boundAt(search, 'clinic')).toEqual([0, 6]);
    expect(boundAt(search, 'free')).toEqual([0, 24]);
  });

  it('counts certifications to earn for FEWEST_NEW_CERTIFICATIONS: the BLS is one too', () => {
    const search = searched(undefined, true);
    // Every way in earns one: the CMA (through the clinic, 6 months after it), or the BLS from the
    // free role, which costs nothing but is a certification all the same.
    expect(boundAt(search, 'start')).toEqual([1, 6]);
    expect(boundAt(search, 'clinic')).toEqual([0, 6]);
    expect(boundAt(search, 'free')).toEqual([1, 24]);
    const cma = index.certIndexById.get(f.cert('cma'))!;
    expect(search.sharedPaid([cma], [])).toBe(1);
  });

  it('counts what the start holds as paid for', () => {
    const search = searched({ heldCertifications: [f.cert('cma')] });
    expect(boundAt(search, 'start')).toEqual([0, 6]);
    expect(boundAt(search, 'front')).toEqual([0, 0]);
  });

  it('knows which moves cost nothing, and what the others ask in full', () => {
    const moves = new CostFreeMoves(index, queryContext(index, ix('start'), undefined));
    const edge = (from: string, to: string) => {
      for (let e = 0; e < index.edgeCount; e++)
        if (index.edgeFrom[e] === ix(from) && index.edgeTo[e] === ix(to)) return e;
      throw new Error(`no move ${from} -> ${to}`);
    };
    // [what it asks in full, whether it is free]
    const measured = (from: string, to: string) => [moves.fullCents(edge(from, to)), moves.lastFree];
    expect(measured('start', 'front')).toEqual([0, true]);
    expect(measured('free', 'target')).toEqual([0, true]);
    expect(measured('front', 'target')).toEqual([12_500, false]);
    expect(measured('start', 'free')).toEqual([100_000, false]); // the course, for the CPR
  });

  it('takes off what a learner paid for shared items only', () => {
    const search = searched();
    const cma = index.certIndexById.get(f.cert('cma'))!;
    expect(index.certOncePerPath[cma]).toBe(0);
    expect(search.sharedPaid([cma], [])).toBe(12_500);
    expect(search.sharedPaid([], [])).toBe(0);
  });

  it('leaves the cheapest pathway as it was', () => {
    const [best] = findPathways(index, { from: f.role('start'), to: f.role('target'), k: 1, rankBy: 'CHEAPEST' });
    // $125 either way: through the front desk its 12 months of work meet the CMA's route; through the
    // clinic the CMA waits 12 months at the start, then 6 more.
    expect(f.slugs(best!.roleIds)).toEqual(['start', 'front', 'target']);
    expect(best!.totalCostUsd).toBe(125);
    expect(best!.totalMonths).toBe(12);
  });
});
