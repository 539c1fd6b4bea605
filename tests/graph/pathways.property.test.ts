/**
 * The engine against a brute-force enumeration of every loopless path and every way of earning the
 * certifications, on many small random graphs: same pathways, same order, same figures.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildIndex, evaluatePathway, findPathways, reachableRoles } from '../../src/graph/index.js';
import { partBound } from '../../src/graph/search.js';
import type { GraphIndex } from '../../src/graph/build.js';
import type { Pathway, PathwayQuery } from '../../src/graph/types.js';
import {
  constraintsArb,
  pathwayQueryArb,
  profileArb,
  rankByArb,
  reachableQueryArb,
  scenarioArb,
  type Scenario,
} from './arbitraries.js';
import { bruteFindPathways, bruteReachableRoles } from './brute-force.js';

const withQuery = <Q>(queryArb: (s: Scenario) => fc.Arbitrary<Q>, ties = false) =>
  scenarioArb({ ties }).chain((s) => fc.tuple(fc.constant(s), queryArb(s), fc.integer({ min: 0, max: 3 })));

describe('findPathways agrees with brute force', () => {
  it('for random graphs, rankings, profiles and constraints', () => {
    fc.assert(
      fc.property(withQuery(pathwayQueryArb), ([s, q, landmarks]) => {
        const index = buildIndex(s.input, { landmarks });
        expect(findPathways(index, q)).toEqual(bruteFindPathways(s.input, q));
      }),
      { numRuns: 500 * (Number(process.env.FC_SCALE) || 1) },
    );
  });

  it('when many pathways tie (few distinct fees and lengths)', () => {
    fc.assert(
      fc.property(withQuery(pathwayQueryArb, true), ([s, q, landmarks]) => {
        const index = buildIndex(s.input, { landmarks });
        expect(findPathways(index, q)).toEqual(bruteFindPathways(s.input, q));
      }),
      { numRuns: 500 * (Number(process.env.FC_SCALE) || 1) },
    );
  });

  it("with the k-best parts' own reverse searches started early, settled or not, and given up", () => {
    // Decision 031: on graphs this small few parts reach partBound.after. Here every part (or each
    // after ten units, with one store to share, taken from the part that has done least) runs its
    // own search, with a share that settles every role at once or with the usual hundredth.
    const configs = [
      { after: 0, share: 1e9, most: Infinity },
      { after: 0, share: 0.01, most: Infinity },
      { after: 10, share: 1, most: 1 },
    ];
    const saved = { ...partBound };
    try {
      for (const ties of [false, true])
        fc.assert(
          fc.property(withQuery(pathwayQueryArb, ties), fc.constantFrom(...configs), ([s, q, landmarks], config) => {
            Object.assign(partBound, config);
            const index = buildIndex(s.input, { landmarks });
            expect(findPathways(index, q)).toEqual(bruteFindPathways(s.input, q));
          }),
          { numRuns: 300 * (Number(process.env.FC_SCALE) || 1) },
        );
    } finally {
      Object.assign(partBound, saved);
    }
  });

  it('on graphs where only steps and transition ids differ', () => {
    // Every move takes no time, money or certification: the ranking rests on steps and the tie-break.
    const hopGraph = fc.integer({ min: 3, max: 7 }).chain((n) =>
      fc.record({
        n: fc.constant(n),
        edges: fc.uniqueArray(
          fc.tuple(fc.integer({ min: 0, max: n - 1 }), fc.integer({ min: 0, max: n - 1 })).filter(([a, b]) => a !== b),
          { minLength: n, maxLength: 3 * n, selector: ([a, b]) => `${a}-${b}` },
        ),
        from: fc.integer({ min: 0, max: n - 1 }),
        to: fc.integer({ min: 0, max: n - 1 }),
        k: fc.integer({ min: 2, max: 5 }),
        rankBy: rankByArb,
        landmarks: fc.integer({ min: 0, max: 2 }),
      }),
    );
    fc.assert(
      fc.property(
        hopGraph.filter((g) => g.from !== g.to),
        ({ n, edges, from, to, k, rankBy, landmarks }) => {
          const input = {
            roles: Array.from({ length: n }, (_, i) => ({ id: i + 1, slug: `r${i}`, trackId: 1, trackSlug: 't' })),
            certifications: [],
            programs: [],
            transitions: edges.map(([a, b], i) => ({
              id: ((i * 7) % 31) + 1 + i * 31,
              from: a + 1,
              to: b + 1,
              minYearsExperience: 0,
              requirementGroups: [],
              training: [],
            })),
          };
          const q: PathwayQuery = { from: from + 1, to: to + 1, k, rankBy };
          expect(findPathways(buildIndex(input, { landmarks }), q)).toEqual(bruteFindPathways(input, q));
        },
      ),
      { numRuns: 1500 * (Number(process.env.FC_SCALE) || 1) },
    );
  });

  it('for every ranking and every constraint on the same graph and query', () => {
    fc.assert(
      fc.property(
        scenarioArb().chain((s) => fc.tuple(fc.constant(s), pathwayQueryArb(s), profileArb(s), constraintsArb(s))),
        ([s, base, profile, constraints]) => {
          const index = buildIndex(s.input);
          const keys = Object.keys(constraints) as (keyof typeof constraints)[];
          const variants: PathwayQuery['constraints'][] = [
            undefined,
            ...keys.map((key) => ({ [key]: constraints[key] })),
            constraints,
          ];
          for (const rankBy of ['FASTEST', 'CHEAPEST', 'FEWEST_NEW_CERTIFICATIONS', 'FEWEST_STEPS'] as const)
            for (const c of variants) {
              const q: PathwayQuery = { ...base, k: 4, rankBy, profile, constraints: c };
              expect(findPathways(index, q)).toEqual(bruteFindPathways(s.input, q));
            }
        },
      ),
      { numRuns: 60 * (Number(process.env.FC_SCALE) || 1) },
    );
  });

  it('k = 1 is the first of k = 6', () => {
    fc.assert(
      fc.property(withQuery(pathwayQueryArb), ([s, q, landmarks]) => {
        const index = buildIndex(s.input, { landmarks });
        const one = findPathways(index, { ...q, k: 1 });
        const six = findPathways(index, { ...q, k: 6 });
        expect(one).toEqual(six.slice(0, 1));
      }),
      { numRuns: 200 * (Number(process.env.FC_SCALE) || 1) },
    );
  });

  it('on denser graphs (up to 9 roles, 26 transitions)', () => {
    fc.assert(
      fc.property(
        scenarioArb({ maxRoles: 9, maxTransitions: 26 }).chain((s) => fc.tuple(fc.constant(s), pathwayQueryArb(s))),
        ([s, q]) => {
          const index = buildIndex(s.input);
          expect(findPathways(index, q)).toEqual(bruteFindPathways(s.input, q));
        },
      ),
      { numRuns: 150 * (Number(process.env.FC_SCALE) || 1) },
    );
  });
});

describe('reachableRoles agrees with brute force', () => {
  const agrees = fc.property(withQuery(reachableQueryArb, true), ([s, q]) => {
    const index = buildIndex(s.input);
    const got = reachableRoles(index, q).map(({ pathway, ...r }) => ({ ...r, pathway: pathway() }));
    expect(got).toEqual(bruteReachableRoles(s.input, q));
  });

  it('for random graphs, profiles and constraints', () => {
    fc.assert(agrees, { numRuns: 400 * (Number(process.env.FC_SCALE) || 1) });
  });

  it('on a graph where a label ahead by months, with a part of unknown length, ties a timed one at the end', () => {
    // Found by a reviewer at FC_SCALE=20: dominance by months alone dropped the timed pathway.
    fc.assert(agrees, { seed: 1137055485, path: '1721:196:3:3:3', endOnFailure: true });
  });

  it('earliest month is the FASTEST k = 1 total, by the same pathway', () => {
    fc.assert(
      fc.property(
        scenarioArb().chain((s) => fc.tuple(fc.constant(s), fc.constantFrom(...s.roleIds), profileArb(s))),
        ([s, from, profile]) => {
          const index = buildIndex(s.input);
          for (const r of reachableRoles(index, { from, withinMonths: 1000, profile })) {
            const [best] = findPathways(index, { from, to: r.roleId, k: 1, rankBy: 'FASTEST', profile });
            expect(best?.totalMonths).toBe(r.earliestMonth);
            expect(best?.transitionIds).toEqual(r.transitionIds);
          }
        },
      ),
      { numRuns: 100 * (Number(process.env.FC_SCALE) || 1) },
    );
  });
});

describe('monotonicity: what the learner already has never hurts', () => {
  /**
   * Ranking key of a pathway, as the engine orders them: FASTEST counts the moves with a part of no
   * known length after months (GraphIndex.edgeUntimed).
   */
  const key = (rankBy: string, p: Pathway, index: GraphIndex) => {
    const m = [p.totalMonths, p.totalCostUsd, p.newCertifications, p.stepCount];
    switch (rankBy) {
      case 'CHEAPEST':
        return [m[1]!, m[0]!, m[2]!, m[3]!];
      case 'FEWEST_NEW_CERTIFICATIONS':
        return [m[2]!, m[0]!, m[1]!, m[3]!];
      case 'FEWEST_STEPS':
        return [m[3]!, m[0]!, m[1]!, m[2]!];
      default: {
        // A move's undescribed training the learner's certifications spare is no part of unknown length.
        const untimed = p.steps.filter((st) => {
          const e = index.edgeIndexByTransitionId.get(st.transitionId)!;
          return index.edgeUntimed[e] === 1 && (index.edgeUnknownTraining[e] === 0 || st.unknownTraining);
        }).length;
        return [m[0]!, untimed, m[1]!, m[2]!, m[3]!];
      }
    }
  };
  const lexLe = (a: number[], b: number[]) => {
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! < b[i]!;
    return true;
  };

  it('adding a held certification, a completed program or years never worsens the i-th best pathway', () => {
    fc.assert(
      fc.property(
        scenarioArb().chain((s) =>
          fc.tuple(
            fc.constant(s),
            pathwayQueryArb(s),
            rankByArb,
            fc.oneof(
              fc.record({ cert: fc.constantFrom(0, ...s.certIds) }),
              fc.record({ program: fc.constantFrom(0, ...s.programIds) }),
              fc.record({ years: fc.constantFrom(0.5, 1, 5) }),
            ),
          ),
        ),
        ([s, q, rankBy, extra]) => {
          const index = buildIndex(s.input);
          const base = { ...q, rankBy, k: 5 };
          const p = base.profile ?? {};
          const more = {
            heldCertifications: [
              ...(p.heldCertifications ?? []),
              ...('cert' in extra && extra.cert ? [extra.cert] : []),
            ],
            completedPrograms: [
              ...(p.completedPrograms ?? []),
              ...('program' in extra && extra.program ? [extra.program] : []),
            ],
            yearsInCurrentRole: (p.yearsInCurrentRole ?? 0) + ('years' in extra ? extra.years : 0),
          };
          const before = findPathways(index, base);
          const after = findPathways(index, { ...base, profile: more });
          expect(after.length).toBeGreaterThanOrEqual(before.length);
          before.forEach((b, i) => expect(lexLe(key(rankBy, after[i]!, index), key(rankBy, b, index))).toBe(true));
        },
      ),
      { numRuns: 300 * (Number(process.env.FC_SCALE) || 1) },
    );
  });

  it('a profile never makes a given pathway worse under its ranking', () => {
    fc.assert(
      fc.property(
        scenarioArb().chain((s) => fc.tuple(fc.constant(s), pathwayQueryArb(s), profileArb(s))),
        ([s, q, profile]) => {
          const index = buildIndex(s.input);
          const start = { ...q, k: 5, profile: undefined, constraints: undefined, includeEstimated: true };
          for (const p of findPathways(index, start)) {
            for (const rankBy of ['FASTEST', 'CHEAPEST', 'FEWEST_NEW_CERTIFICATIONS', 'FEWEST_STEPS'] as const) {
              const before = evaluatePathway(index, p.transitionIds, { rankBy });
              // The same study load, and the start role's training done as without a profile, so
              // that only what the learner has differs.
              const after = evaluatePathway(index, p.transitionIds, {
                rankBy,
                profile: { ...profile, studyLoad: 'FULL_TIME', startRoleTrainingCompleted: true },
              });
              expect(lexLe(key(rankBy, after, index), key(rankBy, before, index))).toBe(true);
            }
          }
        },
      ),
      { numRuns: 200 * (Number(process.env.FC_SCALE) || 1) },
    );
  });
});
