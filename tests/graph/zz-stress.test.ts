import fc from 'fast-check';
import { expect, it } from 'vitest';
import { buildIndex, findPathways, reachableRoles } from '../../src/graph/index.js';
import { pathwayQueryArb, reachableQueryArb, scenarioArb } from './arbitraries.js';
import { bruteFindPathways, bruteReachableRoles } from './brute-force.js';
const R = Number(process.env.RUNS ?? 3000);
const MR = Number(process.env.MAXROLES ?? 7),
  MT = Number(process.env.MAXT ?? 24);
it('stress find', () => {
  fc.assert(
    fc.property(
      scenarioArb({ maxRoles: MR, maxTransitions: MT, ties: process.env.TIES === '1' }).chain((s) =>
        fc.tuple(fc.constant(s), pathwayQueryArb(s)),
      ),
      ([s, q]) => {
        expect(findPathways(buildIndex(s.input), q)).toEqual(bruteFindPathways(s.input, q));
      },
    ),
    { numRuns: R },
  );
}, 600_000);
it('stress reach', () => {
  fc.assert(
    fc.property(
      scenarioArb({ maxRoles: MR, maxTransitions: MT, ties: process.env.TIES === '1' }).chain((s) =>
        fc.tuple(fc.constant(s), reachableQueryArb(s)),
      ),
      ([s, q]) => {
        const got = reachableRoles(buildIndex(s.input), q).map(({ pathway, ...r }) => ({ ...r, pathway: pathway() }));
        expect(got).toEqual(bruteReachableRoles(s.input, q));
      },
    ),
    { numRuns: R },
  );
}, 600_000);
