/**
 * A k-best part's own reverse search (search.ts, partBound; decision 031), on a hand-made graph with
 * a gap: the best pathway's last move is the target's only near way in, so the part that bans it
 * holds nothing better than a long way round, which the plain reverse search's bounds do not see
 * (they count the ways through the part's prefix). Its answers with every part's own search are
 * checked against brute force by the property tests; here, that it finds the same with less work.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { buildIndex } from '../../src/graph/build.js';
import { findPathways, lastSearchStats, partBound } from '../../src/graph/search.js';
import { fixture, knotAndChain } from './fixture.js';

// start → hub → target in a year; from the hub, a knot of 30 roles that lead back to the hub at no
// time (the plain bound: a year from each) and nowhere else, and a way of nine years to the target.
const f = knotAndChain([['hub', 'target', 1]]);
const index = buildIndex(f.input);
const saved = { ...partBound };
afterEach(() => Object.assign(partBound, saved));

function search() {
  const found = findPathways(index, { from: f.role('start'), to: f.role('target'), k: 2, rankBy: 'FASTEST' });
  const { work, expanded } = lastSearchStats();
  return { months: found.map((p) => p.totalMonths), roles: found.map((p) => f.slugs(p.roleIds)), work, expanded };
}

// Two moves from a medical assistant to the lead MA, each asking six months' experience, which the
// learner's year in the role covers: both take no time, within a limit of 0 months.
const tenure = fixture({
  roles: { ma: 'x', lead: 'x' },
  transitions: [
    ['ma', 'lead', 0.5],
    ['ma', 'lead', 0.5],
  ],
});

describe("a part's own reverse search", () => {
  it('finds the same two pathways across the gap with less work', () => {
    partBound.on = false;
    const plain = search();
    Object.assign(partBound, { on: true, after: 0, share: 1 });
    const bounded = search();
    expect(plain.months).toEqual([12, 108]);
    expect(bounded.roles).toEqual(plain.roles);
    // The knot's roles are dropped as soon as they are reached: no way from them avoids the hub.
    expect(bounded.expanded).toBeLessThan(plain.expanded / 2);
    expect(bounded.work).toBeLessThan(plain.work);
  });

  it("leaves the start's own label alone when it starts (the first move's months count the learner's years)", () => {
    // The first version checked every queued label's bound again, the start's included, whose
    // bound counts the first move's experience in full (6 months): over the limit, it was dropped.
    Object.assign(partBound, { on: true, after: 0 });
    const found = findPathways(buildIndex(tenure.input), {
      from: tenure.role('ma'),
      to: tenure.role('lead'),
      k: 2,
      rankBy: 'FASTEST',
      profile: { yearsInCurrentRole: 1 },
      constraints: { maxMonths: 0 },
    });
    expect(found.map((p) => [p.totalMonths, p.steps[0]!.transitionId])).toEqual([
      [0, tenure.transition(0)],
      [0, tenure.transition(1)],
    ]);
  });
});
