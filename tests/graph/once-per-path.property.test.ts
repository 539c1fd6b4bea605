/**
 * The engine against brute force on graphs built so that programs and certifications are once per
 * path (decision 022): each belongs to one role, and only moves into that role (or out of it) ask for
 * it — as training, a prerequisite, a requirement group's option, or an eligibility route of one, in
 * chains and cycles of certification routes. The general arbitraries rarely make such items, and
 * only these reach the bounds (edgeBounds). A little noise (an item asked for elsewhere) mixes in
 * items that are not once per path.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildIndex, findPathways } from '../../src/graph/index.js';
import type { GraphInput, PathwayQuery } from '../../src/graph/types.js';
import { rankByArb, type Scenario } from './arbitraries.js';
import { expectEveryK } from './agree.js';
import { bruteFindPathways } from './brute-force.js';

const SCALE = Number(process.env.FC_SCALE) || 1;

const onePerPathArb = (o: { roles: number; ties: boolean; moves?: number }): fc.Arbitrary<Scenario> =>
  fc
    .record({
      nRoles: fc.integer({ min: 3, max: o.roles }),
      nTracks: fc.integer({ min: 1, max: 2 }),
      nCerts: fc.integer({ min: 1, max: 5 }),
      nPrograms: fc.integer({ min: 1, max: 4 }),
      // Items belong to moves into their role (true) or out of it (false).
      into: fc.boolean(),
    })
    .chain(({ nRoles, nTracks, nCerts, nPrograms, into }) => {
      const months = o.ties ? fc.constantFrom(0, 6, 6) : fc.constantFrom(0, 1, 3, 6, 12, 24);
      const usd = o.ties
        ? fc.constantFrom<number | null>(null, 0, 100, 100)
        : fc.oneof(fc.constant<number | null>(null), fc.integer({ min: 0, max: 900 }));
      const cert = fc.integer({ min: 0, max: nCerts - 1 });
      const program = fc.integer({ min: 0, max: nPrograms - 1 });
      return fc.record({
        into: fc.constant(into),
        roleTracks: fc.array(fc.integer({ min: 0, max: nTracks - 1 }), { minLength: nRoles, maxLength: nRoles }),
        bridging: fc.array(fc.boolean(), { minLength: nTracks, maxLength: nTracks }),
        implied: fc.array(fc.record({ p: fc.option(program, { freq: 3 }), c: fc.option(cert, { freq: 3 }) }), {
          minLength: nRoles,
          maxLength: nRoles,
        }),
        // The role each certification and program belongs to: one of the first three, so that a
        // role often has several (chains of routes between them).
        certOwner: fc.array(fc.integer({ min: 0, max: Math.min(2, nRoles - 1) }), {
          minLength: nCerts,
          maxLength: nCerts,
        }),
        programOwner: fc.array(fc.integer({ min: 0, max: Math.min(2, nRoles - 1) }), {
          minLength: nPrograms,
          maxLength: nPrograms,
        }),
        certs: fc.array(
          fc.record({
            fee: usd,
            est: fc.constantFrom<number | null>(null, 100),
            routes: fc.array(
              fc.oneof(
                { weight: 3, arbitrary: fc.record({ program, local: fc.boolean() }) },
                { weight: 1, arbitrary: fc.record({ months: fc.constantFrom(6, 12) }) },
                { weight: 3, arbitrary: fc.record({ cert, local: fc.boolean() }) },
                { weight: 1, arbitrary: fc.constant({}) },
              ),
              { minLength: 1, maxLength: 3 },
            ),
          }),
          { minLength: nCerts, maxLength: nCerts },
        ),
        programs: fc.array(
          fc.record({
            m: months,
            c: usd,
            e: fc.constantFrom<number | null>(null, 100),
            pre: fc.uniqueArray(program, { maxLength: 2 }),
          }),
          { minLength: nPrograms, maxLength: nPrograms },
        ),
        transitions: fc.array(
          fc.record({
            from: fc.integer({ min: 0, max: nRoles - 1 }),
            to: fc.integer({ min: 0, max: nRoles - 1 }),
            years: o.ties ? fc.constantFrom(0, 0, 0.5, 1) : fc.constantFrom(0, 0, 0.5, 1, 2),
            estimated: fc.constantFrom(false, false, false, false, true),
            // Indices into the items of the move's role (mod their number); noise: any item.
            groups: fc.array(fc.uniqueArray(fc.nat(9), { minLength: 1, maxLength: 2 }), { maxLength: 2 }),
            training: fc.array(fc.nat(9), { maxLength: 2 }),
            noise: fc.constantFrom(false, false, false, false, false, false, true),
            id: fc.integer({ min: 1, max: 100000 }),
          }),
          { minLength: nRoles, maxLength: (o.moves ?? 3) * nRoles },
        ),
      });
    })
    .map((g): Scenario => {
      const nRoles = g.roleTracks.length;
      const nCerts = g.certs.length;
      const nPrograms = g.programs.length;
      const roleIds = Array.from({ length: nRoles }, (_, i) => 100 + 7 * i);
      const trackIds = Array.from({ length: 2 }, (_, i) => 10 + i).slice(0, 1 + Math.max(...g.roleTracks));
      const certIds = Array.from({ length: nCerts }, (_, i) => 500 + 3 * i);
      const programIds = Array.from({ length: nPrograms }, (_, i) => 900 + 5 * i);
      const certsOf = (r: number) => certIds.filter((_, c) => g.certOwner[c] === r);
      const programsOf = (r: number) => programIds.filter((_, p) => g.programOwner[p] === r);
      const used = new Set<number>();
      const input: GraphInput = {
        roles: roleIds.map((id, i) => ({
          id,
          slug: `role-${id}`,
          trackId: trackIds[g.roleTracks[i]!]!,
          trackSlug: `track-${trackIds[g.roleTracks[i]!]!}`,
          impliedPrograms: g.implied[i]!.p === null ? [] : [programIds[g.implied[i]!.p!]!],
          impliedCertifications: g.implied[i]!.c === null ? [] : [certIds[g.implied[i]!.c!]!],
        })),
        tracks: trackIds.map((id, i) => ({ id, slug: `track-${id}`, bridging: g.bridging[i]! })),
        certifications: certIds.map((id, i) => ({
          id,
          slug: `cert-${id}`,
          examFeeUsd: g.certs[i]!.fee,
          feeEstimateUsd: g.certs[i]!.fee === null ? g.certs[i]!.est : null,
          routes: g.certs[i]!.routes.flatMap((r) => {
            // A local route names an item of the certification's own role (once per path stays so).
            const own = (local: boolean, all: number[], mine: number[], x: number) =>
              local && mine.length > 0 ? mine[x % mine.length]! : all[x]!;
            if ('program' in r) return [{ program: own(r.local, programIds, programsOf(g.certOwner[i]!), r.program) }];
            if ('months' in r) return [{ minMonthsExperience: r.months }];
            if ('cert' in r) {
              const x = own(r.local, certIds, certsOf(g.certOwner[i]!), r.cert);
              return x === id ? [] : [{ certification: x }];
            }
            return [{}];
          }),
        })),
        programs: programIds.map((id, i) => ({
          id,
          slug: `program-${id}`,
          minMonths: g.programs[i]!.m,
          typicalCostUsd: g.programs[i]!.c,
          costEstimateUsd: g.programs[i]!.c === null ? g.programs[i]!.e : null,
          // Only earlier programs: no cycles.
          prerequisites: g.programs[i]!.pre.filter((p) => p < i).map((p) => programIds[p]!),
        })),
        transitions: g.transitions
          .filter((t) => t.from !== t.to)
          .filter((t) => (used.has(t.id) ? false : (used.add(t.id), true)))
          .map((t) => {
            const owner = g.into ? t.to : t.from;
            const certs = t.noise ? certIds : certsOf(owner);
            const programs = t.noise ? programIds : programsOf(owner);
            return {
              id: t.id,
              from: roleIds[t.from]!,
              to: roleIds[t.to]!,
              minYearsExperience: t.years,
              requirementGroups:
                certs.length === 0 ? [] : t.groups.map((gr) => [...new Set(gr.map((c) => certs[c % certs.length]!))]),
              training: programs.length === 0 ? [] : t.training.map((p) => programs[p % programs.length]!),
              estimated: t.estimated,
            };
          }),
      };
      return { input, roleIds, trackIds, certIds, programIds };
    });

const queryArb = (s: Scenario): fc.Arbitrary<PathwayQuery> =>
  fc
    .record({
      from: fc.constantFrom(...s.roleIds),
      target: fc.oneof(
        { weight: 3, arbitrary: fc.record({ to: fc.constantFrom(...s.roleIds) }) },
        { weight: 1, arbitrary: fc.record({ toTrack: fc.constantFrom(...s.trackIds) }) },
      ),
      k: fc.integer({ min: 1, max: 10 }),
      rankBy: rankByArb,
      profile: fc.option(
        fc.record(
          {
            heldCertifications: fc.subarray(s.certIds, { maxLength: Math.min(2, s.certIds.length) }),
            completedPrograms: fc.subarray(s.programIds, { maxLength: Math.min(2, s.programIds.length) }),
            yearsInCurrentRole: fc.constantFrom(0, 0.5, 1, 2),
            studyLoad: fc.constantFrom('FULL_TIME' as const, 'PART_TIME' as const),
          },
          { requiredKeys: [] },
        ),
        { nil: undefined },
      ),
      constraints: fc.option(
        fc.record(
          {
            maxSteps: fc.integer({ min: 1, max: 5 }),
            maxMonths: fc.constantFrom(6, 12, 18, 24, 36, 60),
            maxCostUsd: fc.constantFrom(100, 200, 300, 500, 1000, 2000),
            avoidRoles: fc.subarray(s.roleIds, { maxLength: 1 }),
          },
          { requiredKeys: [] },
        ),
        { nil: undefined, freq: 1 },
      ),
      includeEstimated: fc.boolean(),
    })
    .filter((q) => !('to' in q.target) || q.target.to !== q.from)
    .map(({ target, ...q }) => ({ ...q, ...target }) as PathwayQuery);

describe('findPathways agrees with brute force where items are once per path (decision 022)', () => {
  for (const [roles, ties, runs, moves] of [
    [4, true, 400, 3],
    [6, false, 400, 3],
    [7, false, 150, 5],
  ] as const)
    it(
      `on graphs of up to ${roles} roles${ties ? ', many ties' : ''}`,
      () => {
        fc.assert(
          fc.property(
            onePerPathArb({ roles, ties, moves }).chain((s) =>
              fc.tuple(fc.constant(s), queryArb(s), fc.integer({ min: 0, max: 2 })),
            ),
            ([s, q, landmarks]) => {
              const index = buildIndex(s.input, { landmarks });
              expect(findPathways(index, q)).toEqual(bruteFindPathways(s.input, q));
            },
          ),
          { numRuns: runs * SCALE },
        );
      },
      60_000 * SCALE,
    );

  it(
    'for every k from 1 to 10 on the same query',
    () => {
      fc.assert(
        fc.property(
          onePerPathArb({ roles: 6, ties: true, moves: 4 }).chain((s) =>
            fc.tuple(fc.constant(s), queryArb(s), fc.integer({ min: 0, max: 2 })),
          ),
          ([s, q, landmarks]) => expectEveryK(s.input, q, 10, landmarks),
        ),
        { numRuns: 150 * SCALE, maxSkipsPerRun: 1000 },
      );
    },
    60_000 * SCALE,
  );
});
