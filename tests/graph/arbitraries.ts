/** fast-check generators of small random career graphs, profiles and queries. */
import fc from 'fast-check';
import type {
  Constraints,
  GraphInput,
  PathwayQuery,
  Profile,
  RankBy,
  ReachableQuery,
  TransitionInput,
} from '../../src/graph/types.js';

export interface Scenario {
  input: GraphInput;
  roleIds: number[];
  trackIds: number[];
  certIds: number[];
  programIds: number[];
}

const SLUGS = ['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot', 'golf', 'hotel'];

/** Distinct ids, deliberately not dense and not in input order. */
const ids = (n: number, base: number) =>
  fc.shuffledSubarray(
    Array.from({ length: 3 * n + 2 }, (_, i) => base + 7 * i + 3),
    { minLength: n, maxLength: n },
  );

/**
 * Random graphs. With `ties`, fees, lengths and costs come from tiny sets of values, so that many
 * pathways tie and the tie-breaking and dominance rules are exercised.
 */
export const scenarioArb = (
  opts: { maxRoles?: number; maxTransitions?: number; ties?: boolean } = {},
): fc.Arbitrary<Scenario> => {
  const ties = opts.ties ?? false;
  const minMonths = ties ? fc.constantFrom(0, 6) : fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 12 }));
  const cost = ties
    ? fc.constantFrom<number | null>(null, 0, 100)
    : fc.oneof(fc.constant(null), fc.constant(0), fc.integer({ min: 1, max: 3000 }));
  const estimate = ties
    ? fc.constantFrom<number | null>(null, 100)
    : fc.oneof(fc.constant(null), fc.integer({ min: 1, max: 3000 }));
  const years = ties ? fc.constantFrom(0, 0, 1) : fc.constantFrom(0, 0, 0, 0.1, 0.5, 1, 1.5, 2, 3);
  return fc
    .record({
      nRoles: fc.integer({ min: 2, max: opts.maxRoles ?? 8 }),
      nTracks: fc.integer({ min: 1, max: 3 }),
      nCerts: fc.integer({ min: 0, max: 5 }),
      nPrograms: fc.integer({ min: 0, max: 3 }),
    })
    .chain(({ nRoles, nTracks, nCerts, nPrograms }) =>
      fc.record({
        roleIds: ids(nRoles, 100),
        trackIds: ids(nTracks, 10),
        bridging: fc.array(fc.boolean(), { minLength: nTracks, maxLength: nTracks }),
        roleTracks: fc.array(fc.integer({ min: 0, max: nTracks - 1 }), { minLength: nRoles, maxLength: nRoles }),
        implied: fc.array(
          fc.record({
            programs: fc.subarray(
              Array.from({ length: nPrograms }, (_, i) => i),
              { maxLength: Math.min(1, nPrograms) },
            ),
            certs: fc.subarray(
              Array.from({ length: nCerts }, (_, i) => i),
              { maxLength: Math.min(1, nCerts) },
            ),
          }),
          { minLength: nRoles, maxLength: nRoles },
        ),
        certIds: ids(nCerts, 500),
        certSlugs: fc.shuffledSubarray(SLUGS, { minLength: nCerts, maxLength: nCerts }),
        certs: fc.array(
          fc.record({
            fee: ties
              ? fc.constantFrom<number | null>(null, 0, 100, 100)
              : fc.oneof(
                  fc.constant(null),
                  fc.constant(0),
                  fc.constantFrom(50, 100, 125),
                  fc.integer({ min: 1, max: 300 }),
                ),
            estimate: ties
              ? fc.constantFrom<number | null>(null, 100)
              : fc.oneof(fc.constant(null), fc.integer({ min: 1, max: 300 })),
            routes: fc.array(
              fc.oneof(
                {
                  weight: 3,
                  arbitrary: fc.record({ program: fc.integer({ min: 0, max: Math.max(0, nPrograms - 1) }) }),
                },
                { weight: 3, arbitrary: fc.record({ months: fc.constantFrom(6, 12, 24) }) },
                { weight: 1, arbitrary: fc.record({ cert: fc.integer({ min: 0, max: Math.max(0, nCerts - 1) }) }) },
                { weight: 1, arbitrary: fc.constant({}) },
              ),
              { maxLength: 3 },
            ),
          }),
          { minLength: nCerts, maxLength: nCerts },
        ),
        programIds: ids(nPrograms, 900),
        programs: fc.array(
          fc.record({
            minMonths,
            cost,
            estimate,
            prerequisites: fc.subarray([0, 1], { maxLength: 1 }),
          }),
          { minLength: nPrograms, maxLength: nPrograms },
        ),
        transitionIds: ids(opts.maxTransitions ?? 18, 2000),
        // Estimated moves as src/server/estimated-moves.ts makes them: into a role, its own entry
        // program (unknown cost, no estimate; months null: the role has none), negative ids.
        entryMonths: fc.array(fc.constantFrom<number | null>(null, 0, 12, 24, 48), {
          minLength: nRoles,
          maxLength: nRoles,
        }),
        estimatedShape: fc.boolean(),
        // Every how many moves one has a part of no known length (0: none): FASTEST's tie-break.
        untimedEvery: fc.constantFrom(0, 0, 2, 3),
        // Every how many curated moves one asks training no source describes (0: none), spared a
        // learner holding every certification the move asks (QueryContext.untimed).
        undescribedEvery: fc.constantFrom(0, 0, 2),
        transitions: fc.array(
          fc.record({
            from: fc.integer({ min: 0, max: nRoles - 1 }),
            to: fc.integer({ min: 0, max: nRoles - 1 }),
            years,
            estimated: fc.constantFrom(false, false, false, true),
            // An estimated move that is a curated role's open entry (what a curated move asks), or
            // one that leaves the curated roles (not taken by a search that takes open entries).
            kind: fc.constantFrom('plain', 'plain', 'open', 'leaves'),
            groups:
              nCerts === 0
                ? fc.constant([] as number[][])
                : fc.array(fc.uniqueArray(fc.integer({ min: 0, max: nCerts - 1 }), { minLength: 1, maxLength: 3 }), {
                    maxLength: 2,
                  }),
            training:
              nPrograms === 0
                ? fc.constant([] as number[])
                : fc.array(fc.integer({ min: 0, max: nPrograms - 1 }), { maxLength: 2 }),
          }),
          {
            minLength: Math.min(2 * nRoles, opts.maxTransitions ?? 18),
            maxLength: opts.maxTransitions ?? 18,
            size: 'max',
          },
        ),
      }),
    )
    .map((g) => {
      const nPrograms = g.programIds.length;
      const nCerts = g.certIds.length;
      // Entry programs only for roles some estimated move leads to, as the real rules make them.
      const entryOf = (role: number) =>
        g.estimatedShape && g.entryMonths[role] !== null ? -g.roleIds[role]! : undefined;
      const entryPrograms = g.roleIds.flatMap((id, i) =>
        entryOf(i) === undefined || !g.transitions.some((t) => t.estimated && t.to === i && t.from !== t.to)
          ? []
          : [
              {
                id: -id,
                slug: `entry-${id}`,
                minMonths: g.entryMonths[i]!,
                typicalCostUsd: null,
                costEstimateUsd: null,
              },
            ],
      );
      const input: GraphInput = {
        roles: g.roleIds.map((id, i) => ({
          id,
          slug: `role-${id}`,
          trackId: g.trackIds[g.roleTracks[i]!]!,
          trackSlug: `track-${g.trackIds[g.roleTracks[i]!]!}`,
          impliedPrograms: g.implied[i]!.programs.map((p) => g.programIds[p]!),
          impliedCertifications: g.implied[i]!.certs.map((c) => g.certIds[c]!),
        })),
        tracks: g.trackIds.map((id, i) => ({ id, slug: `track-${id}`, bridging: g.bridging[i]! })),
        certifications: g.certIds.map((id, i) => {
          const c = g.certs[i]!;
          return {
            id,
            slug: g.certSlugs[i]!,
            examFeeUsd: c.fee,
            feeEstimateUsd: c.fee === null ? c.estimate : null,
            routes: c.routes.flatMap((r) => {
              if ('program' in r) return nPrograms === 0 ? [] : [{ program: g.programIds[r.program]! }];
              if ('months' in r) return [{ minMonthsExperience: r.months }];
              if ('cert' in r) return nCerts < 2 || r.cert === i ? [] : [{ certification: g.certIds[r.cert]! }];
              return [{}];
            }),
          };
        }),
        programs: [
          ...entryPrograms,
          ...g.programIds.map((id, i) => ({
            id,
            slug: `program-${id}`,
            minMonths: g.programs[i]!.minMonths,
            typicalCostUsd: g.programs[i]!.cost,
            costEstimateUsd: g.programs[i]!.cost === null ? g.programs[i]!.estimate : null,
            // Only earlier programs: no cycles.
            prerequisites: g.programs[i]!.prerequisites.filter((p) => p < i).map((p) => g.programIds[p]!),
          })),
        ],
        transitions: g.transitions
          .filter((t) => t.from !== t.to)
          .map((t, i) => {
            const open = t.estimated && t.kind === 'open';
            const entry = t.estimated && !open ? entryOf(t.to) : undefined;
            return {
              id: g.estimatedShape && t.estimated ? -(i + 1) : g.transitionIds[i]!,
              from: g.roleIds[t.from]!,
              to: g.roleIds[t.to]!,
              minYearsExperience: t.years,
              // The estimated shape asks no certification, only the entry program.
              requirementGroups:
                g.estimatedShape && t.estimated && !open ? [] : t.groups.map((grp) => grp.map((c) => g.certIds[c]!)),
              training:
                entry !== undefined
                  ? [entry]
                  : g.estimatedShape && t.estimated && !open
                    ? []
                    : t.training.map((p) => g.programIds[p]!),
              estimated: t.estimated,
              ...(open ? { openEntry: true } : {}),
              ...(t.estimated && t.kind === 'leaves' ? { leavesCurated: true } : {}),
            };
          }),
      };
      if (g.untimedEvery > 0)
        input.untimedTransitions = input.transitions.filter((_, i) => i % g.untimedEvery === 0).map((t) => t.id);
      if (g.undescribedEvery > 0)
        input.unknownTrainingTransitions = input.transitions
          .filter((t, i) => t.estimated !== true && i % g.undescribedEvery === 1)
          .map((t) => t.id);
      return {
        input,
        roleIds: g.roleIds,
        trackIds: g.trackIds,
        certIds: g.certIds,
        programIds: [...g.programIds, ...entryPrograms.map((p) => p.id)],
      };
    });
};

export const rankByArb: fc.Arbitrary<RankBy> = fc.constantFrom(
  'FASTEST',
  'CHEAPEST',
  'FEWEST_NEW_CERTIFICATIONS',
  'FEWEST_STEPS',
);

export const profileArb = (s: Scenario): fc.Arbitrary<Profile> =>
  fc.record(
    {
      heldCertifications: fc.subarray(s.certIds),
      completedPrograms: fc.subarray(s.programIds),
      // 0.3 years is 3.6 months: the years taken off an experience round as the engine rounds them.
      yearsInCurrentRole: fc.constantFrom(0, 0.3, 0.5, 1, 2, 3),
      studyLoad: fc.constantFrom('FULL_TIME' as const, 'PART_TIME' as const),
      startRoleTrainingCompleted: fc.boolean(),
    },
    { requiredKeys: [] },
  );

export const constraintsArb = (s: Scenario): fc.Arbitrary<Constraints> =>
  fc.record(
    {
      maxSteps: fc.integer({ min: 0, max: 5 }),
      maxMonths: fc.integer({ min: 0, max: 120 }),
      maxCostUsd: fc.oneof(fc.integer({ min: 0, max: 400 }), fc.integer({ min: 0, max: 8000 })),
      avoidRoles: fc.subarray(s.roleIds, { maxLength: 2 }),
      onlyTracks: fc.subarray(s.trackIds, { minLength: 1 }),
    },
    { requiredKeys: [] },
  );

/** Constraints loose enough to leave pathways on small dense graphs (the k-best property tests). */
const looseConstraintsArb = (s: Scenario): fc.Arbitrary<Constraints> =>
  fc.record(
    {
      maxSteps: fc.integer({ min: 1, max: 5 }),
      maxMonths: fc.constantFrom(0, 6, 12, 18, 24, 36, 60),
      maxCostUsd: fc.constantFrom(0, 100, 200, 300, 500, 1000),
      avoidRoles: fc.subarray(s.roleIds, { maxLength: 1 }),
      onlyTracks: fc.subarray(s.trackIds, { minLength: Math.max(1, s.trackIds.length - 1) }),
    },
    { requiredKeys: [] },
  );

/** What a pathway query asks besides where it goes. */
type QueryRest = Omit<PathwayQuery, 'from' | 'to' | 'toTrack'>;

/** A pathway query on `s` from a role to another role or into a track, the rest drawn by `rest`. */
const pathwayQueryWith = (s: Scenario, rest: fc.Arbitrary<QueryRest>): fc.Arbitrary<PathwayQuery> =>
  fc
    .record({
      from: fc.constantFrom(...s.roleIds),
      target: fc.oneof(
        fc.record({ to: fc.constantFrom(...s.roleIds) }),
        fc.record({ toTrack: fc.constantFrom(...s.trackIds) }),
      ),
      rest,
    })
    .filter((q) => !('to' in q.target) || q.target.to !== q.from)
    .map(({ from, target, rest: r }) => ({ ...r, from, ...target }));

/**
 * A k-best query on `s` for the brute-force property tests: any ranking, this profile, loose
 * constraints one time in `constraintsFreq` + 1 (enough to leave pathways), estimated moves or not.
 */
export const kBestQueryArb = (
  s: Scenario,
  k: number,
  profile: fc.Arbitrary<Profile>,
  constraintsFreq: number,
): fc.Arbitrary<PathwayQuery> =>
  pathwayQueryWith(
    s,
    fc.record({
      k: fc.constant(k),
      rankBy: rankByArb,
      profile,
      constraints: fc.option(looseConstraintsArb(s), { nil: undefined, freq: constraintsFreq }),
      includeEstimated: fc.boolean(),
      openEntries: fc.boolean(),
    }),
  );

export const pathwayQueryArb = (s: Scenario): fc.Arbitrary<PathwayQuery> =>
  pathwayQueryWith(
    s,
    fc.record({
      k: fc.integer({ min: 1, max: 6 }),
      rankBy: rankByArb,
      profile: fc.option(profileArb(s), { nil: undefined }),
      constraints: fc.option(constraintsArb(s), { nil: undefined }),
      includeEstimated: fc.boolean(),
      openEntries: fc.boolean(),
    }),
  );

export const reachableQueryArb = (s: Scenario): fc.Arbitrary<ReachableQuery> =>
  fc.record({
    from: fc.constantFrom(...s.roleIds),
    withinMonths: fc.oneof(fc.integer({ min: 0, max: 30 }), fc.constant(1000)),
    profile: fc.option(profileArb(s), { nil: undefined }),
    constraints: fc.option(constraintsArb(s), { nil: undefined }),
    includeEstimated: fc.boolean(),
    openEntries: fc.boolean(),
  });

/** A drawn graph's records besides its moves, as the dense property tests draw them (indices, not ids). */
export interface DrawnParts {
  roleTracks: number[];
  bridging: boolean[];
  implied: { p: number | null; c: number | null }[];
  certs: {
    fee: number | null;
    est: number | null;
    routes: ({ program: number } | { months: number } | { cert: number } | Record<string, never>)[];
  }[];
  programs: { m: number; c: number | null; e: number | null; pre: boolean }[];
}

/** A drawn move: roles by index; moves to their own start, and repeated ids, are left out. */
interface DrawnMove {
  id: number;
  from: number;
  to: number;
}

/**
 * The scenario of drawn parts and moves, ids spread out so that no index equals an id; `rest` gives
 * each move's other fields from the scenario's ids.
 */
export function drawnScenario<M extends DrawnMove>(
  g: DrawnParts & { transitions: M[] },
  rest: (move: M, ids: { certIds: number[]; programIds: number[] }) => Omit<TransitionInput, 'id' | 'from' | 'to'>,
): Scenario {
  const roleIds = Array.from({ length: g.roleTracks.length }, (_, i) => 100 + 7 * i);
  const trackIds = Array.from({ length: g.bridging.length }, (_, i) => 10 + i);
  const certIds = Array.from({ length: g.certs.length }, (_, i) => 500 + 3 * i);
  const programIds = Array.from({ length: g.programs.length }, (_, i) => 900 + 5 * i);
  const used = new Set<number>();
  const input: GraphInput = {
    roles: roleIds.map((id, i) => ({
      id,
      slug: `role-${id}`,
      trackId: trackIds[g.roleTracks[i]!]!,
      trackSlug: `track-${trackIds[g.roleTracks[i]!]!}`,
      impliedPrograms: g.implied[i]!.p === null || programIds.length === 0 ? [] : [programIds[g.implied[i]!.p!]!],
      impliedCertifications: g.implied[i]!.c === null || certIds.length === 0 ? [] : [certIds[g.implied[i]!.c!]!],
    })),
    tracks: trackIds.map((id, i) => ({ id, slug: `track-${id}`, bridging: g.bridging[i]! })),
    certifications: certIds.map((id, i) => ({
      id,
      slug: ['alpha', 'bravo', 'charlie', 'delta'][i]!,
      examFeeUsd: g.certs[i]!.fee,
      feeEstimateUsd: g.certs[i]!.fee === null ? g.certs[i]!.est : null,
      routes: g.certs[i]!.routes.flatMap((r) => {
        if ('program' in r) return programIds.length === 0 ? [] : [{ program: programIds[r.program]! }];
        if ('months' in r) return [{ minMonthsExperience: r.months }];
        if ('cert' in r) return r.cert === i ? [] : [{ certification: certIds[r.cert]! }];
        return [{}];
      }),
    })),
    programs: programIds.map((id, i) => ({
      id,
      slug: `program-${id}`,
      minMonths: g.programs[i]!.m,
      typicalCostUsd: g.programs[i]!.c,
      costEstimateUsd: g.programs[i]!.c === null ? g.programs[i]!.e : null,
      prerequisites: g.programs[i]!.pre && i > 0 ? [programIds[i - 1]!] : [],
    })),
    transitions: g.transitions
      .filter((t) => t.from !== t.to)
      .filter((t) => (used.has(t.id) ? false : (used.add(t.id), true)))
      .map((t) => ({ id: t.id, from: roleIds[t.from]!, to: roleIds[t.to]!, ...rest(t, { certIds, programIds }) })),
  };
  return { input, roleIds, trackIds, certIds, programIds };
}
