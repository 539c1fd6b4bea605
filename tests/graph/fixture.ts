/** Hand-made graphs for the pathway-engine unit tests, written with slugs; ids are assigned here. */
import type { GraphInput } from '../../src/graph/types.js';

/** An eligibility route: a program slug, `{ months }` of work, `{ holds: cert slug }`, or 'open'. */
type RouteSpec = string | { months: number } | { holds: string } | 'open';

export interface FixtureSpec {
  /** slug -> track slug, or a track with what the role implies */
  roles: Record<string, string | { track: string; programs?: string[]; certs?: string[] }>;
  /** Tracks that bridge the others. */
  bridging?: string[];
  /** slug -> exam fee, or a fee with its estimate and eligibility routes */
  certs?: Record<string, number | null | { fee: number | null; estimate?: number; routes?: RouteSpec[] }>;
  /** slug -> [minMonths, typicalCostUsd, { estimate, prerequisites }?] */
  programs?: Record<string, [number, number | null, { estimate?: number; prerequisites?: string[] }?]>;
  /** [from, to, years, groups (cert slugs), training (program slugs), estimated] */
  transitions: [string, string, number, string[][]?, string[]?, boolean?][];
}

export interface Fixture {
  input: GraphInput;
  role: (slug: string) => number;
  cert: (slug: string) => number;
  program: (slug: string) => number;
  track: (slug: string) => number;
  /** Transition id of the i-th transition of the spec. */
  transition: (i: number) => number;
  /** Role slugs of a pathway. */
  slugs: (roleIds: readonly number[]) => string[];
}

export function fixture(spec: FixtureSpec): Fixture {
  const ids = (slugs: string[], base: number) => new Map(slugs.map((s, i) => [s, base + 3 * i]));
  const trackOf = (r: FixtureSpec['roles'][string]) => (typeof r === 'string' ? r : r.track);
  const trackSlugs = [...new Set(Object.values(spec.roles).map(trackOf))];
  const tracks = ids(trackSlugs, 10);
  const roles = ids(Object.keys(spec.roles), 100);
  const certs = ids(Object.keys(spec.certs ?? {}), 500);
  const programs = ids(Object.keys(spec.programs ?? {}), 900);
  const get = (m: Map<string, number>, what: string) => (slug: string) => {
    const id = m.get(slug);
    if (id === undefined) throw new Error(`fixture: unknown ${what} ${slug}`);
    return id;
  };
  const role = get(roles, 'role');
  const cert = get(certs, 'certification');
  const program = get(programs, 'program');
  const track = get(tracks, 'track');
  const certSpec = (v: NonNullable<FixtureSpec['certs']>[string]) =>
    v !== null && typeof v === 'object' ? v : { fee: v, estimate: undefined, routes: undefined };
  const route = (r: RouteSpec) =>
    r === 'open'
      ? {}
      : typeof r === 'string'
        ? { program: program(r) }
        : 'months' in r
          ? { minMonthsExperience: r.months }
          : { certification: cert(r.holds) };
  const input: GraphInput = {
    roles: Object.entries(spec.roles).map(([slug, r]) => ({
      id: role(slug),
      slug,
      trackId: track(trackOf(r)),
      trackSlug: trackOf(r),
      ...(typeof r === 'string'
        ? {}
        : { impliedPrograms: (r.programs ?? []).map(program), impliedCertifications: (r.certs ?? []).map(cert) }),
    })),
    tracks: (spec.bridging ?? []).map((t) => ({ id: track(t), slug: t, bridging: true })),
    certifications: Object.entries(spec.certs ?? {}).map(([slug, v]) => {
      const c = certSpec(v);
      return {
        id: cert(slug),
        slug,
        examFeeUsd: c.fee,
        ...(c.estimate !== undefined ? { feeEstimateUsd: c.estimate } : {}),
        ...(c.routes ? { routes: c.routes.map(route) } : {}),
      };
    }),
    programs: Object.entries(spec.programs ?? {}).map(([slug, [minMonths, cost, more]]) => ({
      id: program(slug),
      slug,
      minMonths,
      typicalCostUsd: cost,
      ...(more?.estimate !== undefined ? { costEstimateUsd: more.estimate } : {}),
      ...(more?.prerequisites ? { prerequisites: more.prerequisites.map(program) } : {}),
    })),
    transitions: spec.transitions.map(([from, to, years, groups, training, estimated], i) => ({
      id: 1000 + 10 * i,
      from: role(from),
      to: role(to),
      minYearsExperience: years,
      requirementGroups: (groups ?? []).map((g) => g.map(cert)),
      training: (training ?? []).map(program),
      ...(estimated ? { estimated: true } : {}),
    })),
  };
  const slugOf = new Map([...roles].map(([s, id]) => [id, s]));
  return {
    input,
    role,
    cert,
    program,
    track,
    transition: (i) => 1000 + 10 * i,
    slugs: (roleIds) => roleIds.map((id) => slugOf.get(id)!),
  };
}

/**
 * start → hub at no time (then `extra`); around the hub a knot of 30 roles, each a free move from
 * the hub, back to it and to two others of the knot; from the hub, a way of nine one-year moves
 * through c0 to c7 to the target. The knot is where a search meets many labels at no time and no
 * cost. With `licenceFeeUsd`, the last move asks for a licence of that fee (the way's only cost).
 */
export function knotAndChain(extra: FixtureSpec['transitions'] = [], licenceFeeUsd?: number): Fixture {
  const knot = Array.from({ length: 30 }, (_, i) => `k${i}`);
  const chain = Array.from({ length: 8 }, (_, i) => `c${i}`);
  return fixture({
    roles: Object.fromEntries(['start', 'hub', 'target', ...knot, ...chain].map((r) => [r, 'x'])),
    transitions: [
      ['start', 'hub', 0],
      ...extra,
      ...knot.flatMap((k, i): FixtureSpec['transitions'] => [
        ['hub', k, 0],
        [k, 'hub', 0],
        [k, knot[(i + 1) % 30]!, 0],
        [k, knot[(i + 7) % 30]!, 0],
      ]),
      ['hub', 'c0', 1],
      ...chain.slice(1).map((c, i): FixtureSpec['transitions'][number] => [chain[i]!, c, 1]),
      licenceFeeUsd === undefined ? ['c7', 'target', 1] : ['c7', 'target', 1, [['licence']]],
    ],
    ...(licenceFeeUsd === undefined ? {} : { certs: { licence: licenceFeeUsd } }),
  });
}
