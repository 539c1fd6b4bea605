import fc from 'fast-check';
import { expect, it } from 'vitest';
import { buildIndex, findPathways } from '../../src/graph/index.js';
import { bruteFindPathways } from './brute-force.js';
it('pure hop graphs', () => {
  const arb = fc.integer({ min: 3, max: 7 }).chain((n) => fc.tuple(fc.constant(n),
    fc.uniqueArray(fc.tuple(fc.integer({ min: 0, max: n - 1 }), fc.integer({ min: 0, max: n - 1 })).filter(([a, b]) => a !== b), { minLength: n, maxLength: 3 * n, selector: ([a, b]) => `${a}-${b}` }),
    fc.integer({ min: 0, max: n - 1 }), fc.integer({ min: 0, max: n - 1 }), fc.integer({ min: 2, max: 5 }), fc.constantFrom('FASTEST', 'FEWEST_STEPS') as fc.Arbitrary<'FASTEST'|'FEWEST_STEPS'>, fc.boolean()))
    .filter(([, , s, t]) => s !== t);
  fc.assert(fc.property(arb, ([n, edges, s, t, k, rankBy, withYears]) => {
    const input = { roles: Array.from({ length: n }, (_, i) => ({ id: i + 1, slug: `r${i}`, trackId: 1, trackSlug: 't' })), certifications: [], programs: [],
      transitions: edges.map(([a, b], i) => ({ id: (i * 7) % 31 + 1 + i * 31, from: a + 1, to: b + 1, minYearsExperience: withYears ? ((a * 3 + b) % 3) / 2 : 0, requirementGroups: [], training: [] })) };
    const q = { from: s + 1, to: t + 1, k, rankBy };
    expect(findPathways(buildIndex(input), q)).toEqual(bruteFindPathways(input, q));
  }), { numRuns: Number(process.env.RUNS ?? 20000) });
}, 600000);
