/** Hand-made graphs for the pathway-engine unit tests, written with slugs; ids are assigned here. */
import type { GraphInput } from '../../src/graph/types.js';

export interface FixtureSpec {
  /** slug -> track slug */
  roles: Record<string, string>;
  /** slug -> exam fee */
  certs?: Record<string, number | null>;
  /** slug -> [minMonths, typicalCostUsd] */
  programs?: Record<string, [number, number | null]>;
  /** [from, to, years, groups (cert slugs), training (program slugs)] */
  transitions: [string, string, number, string[][]?, string[]?][];
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
  const trackSlugs = [...new Set(Object.values(spec.roles))];
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
  const input: GraphInput = {
    roles: Object.entries(spec.roles).map(([slug, t]) => ({
      id: role(slug),
      slug,
      trackId: track(t),
      trackSlug: t,
    })),
    certifications: Object.entries(spec.certs ?? {}).map(([slug, fee]) => ({
      id: cert(slug),
      slug,
      examFeeUsd: fee,
    })),
    programs: Object.entries(spec.programs ?? {}).map(([slug, [minMonths, cost]]) => ({
      id: program(slug),
      slug,
      minMonths,
      typicalCostUsd: cost,
    })),
    transitions: spec.transitions.map(([from, to, years, groups, training], i) => ({
      id: 1000 + 10 * i,
      from: role(from),
      to: role(to),
      minYearsExperience: years,
      requirementGroups: (groups ?? []).map((g) => g.map(cert)),
      training: (training ?? []).map(program),
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
