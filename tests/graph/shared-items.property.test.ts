/**
 * The bounds that pay once for a shared item (decision 023) against brute force, on graphs built so
 * that items are shared: a few certification groups and training programs asked for on moves into
 * several roles from several roles (so not once per path), options with work-experience, program
 * and certification routes, programs with prerequisites; profiles with years in the current role,
 * held certifications and completed programs; the item bounds computed early (after 0 to 20 labels
 * on one level), so that labels queued before are raised when they come out, in every part of the k best.
 */
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { itemBounds } from '../../src/graph/search.js';
import type { PathwayQuery } from '../../src/graph/types.js';
import { drawnScenario, kBestQueryArb, type Scenario } from './arbitraries.js';
import { expectEveryK } from './agree.js';

const SCALE = Number(process.env.FC_SCALE) || 1;
const K = 10;

/**
 * With `work`, certifications are earned mostly by months of work, and moves ask for years of
 * experience: the wait a route asks for depends on the months worked on the way.
 */
const sharedArb = (o: { roles: number; trans: number; ties: boolean; work: boolean }): fc.Arbitrary<Scenario> =>
  fc
    .record({
      nRoles: fc.integer({ min: 3, max: o.roles }),
      nTracks: fc.integer({ min: 1, max: 2 }),
      nCerts: fc.integer({ min: 1, max: 4 }),
      nPrograms: fc.integer({ min: 1, max: 3 }),
    })
    .chain(({ nRoles, nTracks, nCerts, nPrograms }) => {
      const months = o.ties ? fc.constantFrom(0, 6, 6, 12) : fc.constantFrom(0, 1, 3, 6, 12, 24);
      const usd = o.ties
        ? fc.constantFrom<number | null>(null, 0, 100, 100)
        : fc.oneof(fc.constant<number | null>(null), fc.integer({ min: 0, max: 900 }));
      const cert = fc.integer({ min: 0, max: nCerts - 1 });
      const program = fc.integer({ min: 0, max: nPrograms - 1 });
      return fc.record({
        roleTracks: fc.array(fc.integer({ min: 0, max: nTracks - 1 }), { minLength: nRoles, maxLength: nRoles }),
        bridging: fc.array(fc.boolean(), { minLength: nTracks, maxLength: nTracks }),
        implied: fc.array(fc.record({ p: fc.option(program, { freq: 4 }), c: fc.option(cert, { freq: 4 }) }), {
          minLength: nRoles,
          maxLength: nRoles,
        }),
        certs: fc.array(
          fc.record({
            fee: usd,
            est: fc.constantFrom<number | null>(null, 100),
            routes: fc.array(
              fc.oneof(
                { weight: o.work ? 1 : 3, arbitrary: fc.record({ program }) },
                { weight: o.work ? 8 : 4, arbitrary: fc.record({ months: fc.constantFrom(6, 12, 18, 24, 36) }) },
                { weight: 1, arbitrary: fc.record({ cert }) },
                { weight: o.work ? 0 : 1, arbitrary: fc.constant({}) },
              ),
              { minLength: o.work ? 1 : 0, maxLength: o.work ? 2 : 3 },
            ),
          }),
          { minLength: nCerts, maxLength: nCerts },
        ),
        programs: fc.array(
          fc.record({ m: months, c: usd, e: fc.constantFrom<number | null>(null, 100), pre: fc.boolean() }),
          {
            minLength: nPrograms,
            maxLength: nPrograms,
          },
        ),
        // One or two groups every move picks from: shared by moves between many roles.
        groups: fc.array(fc.uniqueArray(cert, { minLength: 1, maxLength: 2 }), { minLength: 1, maxLength: 2 }),
        transitions: fc.array(
          fc.record({
            from: fc.integer({ min: 0, max: nRoles - 1 }),
            to: fc.integer({ min: 0, max: nRoles - 1 }),
            years: o.work
              ? fc.constantFrom(0, 0.5, 1, 1, 2)
              : o.ties
                ? fc.constantFrom(0, 0, 0.5, 1)
                : fc.constantFrom(0, 0, 0.5, 1, 1.5, 2),
            estimated: fc.constantFrom(false, false, false, true),
            group: fc.option(fc.integer({ min: 0, max: 1 }), { freq: 3 }),
            extraGroup: fc.option(fc.uniqueArray(cert, { minLength: 1, maxLength: 2 }), { freq: 6 }),
            training: fc.option(program, { freq: 3 }),
            id: fc.integer({ min: 1, max: 100000 }),
          }),
          { minLength: Math.min(2 * nRoles, o.trans), maxLength: o.trans, size: 'max' },
        ),
      });
    })
    .map((g) =>
      drawnScenario(g, (t, { certIds, programIds }) => {
        const groups: number[][] = [];
        if (t.group !== null) groups.push(g.groups[Math.min(t.group, g.groups.length - 1)]!);
        if (t.extraGroup !== null) groups.push(t.extraGroup);
        return {
          minYearsExperience: t.years,
          requirementGroups: groups.map((gr) => gr.map((c) => certIds[c]!)),
          training: t.training === null ? [] : [programIds[t.training]!],
          estimated: t.estimated,
        };
      }),
    );

const queryArb = (s: Scenario): fc.Arbitrary<PathwayQuery> =>
  kBestQueryArb(
    s,
    K,
    fc.record(
      {
        heldCertifications: fc.subarray(s.certIds, { maxLength: 1 }),
        completedPrograms: fc.subarray(s.programIds, { maxLength: 1 }),
        yearsInCurrentRole: fc.constantFrom(0, 0.5, 1, 1, 2, 3),
        studyLoad: fc.constantFrom('FULL_TIME' as const, 'PART_TIME' as const),
      },
      { requiredKeys: [] },
    ),
    3,
  );

describe('bounds that pay once for a shared item agree with brute force', () => {
  for (const [roles, trans, ties, work, runs] of [
    [5, 16, true, false, 200],
    [6, 22, false, false, 200],
    [5, 16, true, true, 1200],
  ] as const)
    it(
      `on graphs with shared items (up to ${roles} roles, ${trans} moves${ties ? ', many ties' : ''}${work ? ', earned by work' : ''})`,
      () => {
        const { share, flat } = itemBounds;
        try {
          fc.assert(
            fc.property(
              sharedArb({ roles, trans, ties, work }).chain((s) =>
                fc.tuple(fc.constant(s), queryArb(s), fc.constantFrom(0, 0, 1, 3, 20), fc.integer({ min: 0, max: 2 })),
              ),
              ([s, q, after, landmarks]) => {
                [itemBounds.share, itemBounds.flat] = [Infinity, after];
                expectEveryK(s.input, q, K, landmarks);
              },
            ),
            { numRuns: runs * SCALE, maxSkipsPerRun: 1000 },
          );
        } finally {
          [itemBounds.share, itemBounds.flat] = [share, flat];
        }
      },
      30_000 * SCALE,
    );
});
