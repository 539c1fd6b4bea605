/**
 * What the load test sends.
 *
 * Phase 1 is a realistic mix for Career Lattice: the reads a career-explorer UI makes (a role page,
 * a list with each role's next moves, a side-by-side comparison) and, when the schema has them,
 * the pathway engine's queries, which are the CPU-heavy part of the service.
 *
 * Phase 2 is two plain lookups that PostGraphile answers from the same tables without custom code,
 * so the two servers are compared on equal work: a unique-key read with one relation, and a
 * sorted page of 20 rows.
 */
import type { GraphQLRequest } from './cannon.js';

const PATHWAY_FROM = 'medical-assistant';
const PATHWAY_TO = 'medical-office-manager';

const roleBySlug = `query RoleBySlug($slug: String!) {
  role(slug: $slug) { title wages { value source { title } } }
}`;

const nestedRoles = `query NestedRoles {
  roles(first: 20) { edges { node { slug nextSteps { to { slug } requirements { anyOf { acronym } } } } } }
}`;

const compareRoles = `query CompareRoles($slugs: [String!]!) {
  compareRoles(slugs: $slugs) {
    sameTrack sharedSkills sharedCertifications { acronym }
    entries { role { slug title } latestMedianWage { value } uniqueSkills uniqueCertifications { acronym } }
  }
}`;

const pathways = `query Pathways {
  pathways(from: "${PATHWAY_FROM}", to: "${PATHWAY_TO}", first: 3) { totalMonths steps { to { slug } } }
}`;

const reachableRoles = `query ReachableRoles {
  reachableRoles(from: "${PATHWAY_FROM}", withinMonths: 24) { role { slug } earliestMonth }
}`;

/** The Query fields the pathway requests need; they are sent only when all are present. */
export const PATHWAY_FIELDS = ['pathways', 'reachableRoles'] as const;

/**
 * The phase-1 request list. autocannon walks it in order on every connection, so the mix is one of
 * each kind in turn, with the role and comparison arguments varying across all roles.
 */
export function phase1Requests(slugs: string[], withPathways: boolean): GraphQLRequest[] {
  const requests: GraphQLRequest[] = [];
  slugs.forEach((slug, i) => {
    const other = slugs[(i + 1) % slugs.length]!;
    requests.push({ kind: 'role by slug', query: roleBySlug, variables: { slug } });
    requests.push({ kind: 'nested roles', query: nestedRoles });
    requests.push({ kind: 'compareRoles', query: compareRoles, variables: { slugs: [slug, other] } });
    if (withPathways) {
      requests.push({ kind: 'pathways', query: pathways });
      requests.push({ kind: 'reachableRoles', query: reachableRoles });
    }
  });
  return requests;
}

/** One plain lookup as each server spells it. */
export type Lookup = {
  name: string;
  ours: (slug: string) => GraphQLRequest;
  theirs: (slug: string) => GraphQLRequest;
  /** Reduces either server's `data` to the same shape, to check that both return the same thing. */
  normalizeOurs: (data: unknown) => unknown;
  normalizeTheirs: (data: unknown) => unknown;
  /** Whether the request depends on the slug (the list does not). */
  perSlug: boolean;
};

/**
 * PostGraphile (Amber preset) names, checked against its schema by run.ts before use: a query
 * field per unique key (`roleBySlug`, from the `@unique` smart tag in serve-postgraphile.ts),
 * `all<Table>s` connections with a `<Table>OrderBy` enum, and `<table>By<Fk column>` for a
 * foreign key.
 */
export const THEIR_NAMES = {
  roleBySlug: 'roleBySlug',
  allRoles: 'allRoles',
  roleTrack: 'trackByTrackId',
  rolesOrderBy: 'RoleOrderBy',
  titleAsc: 'TITLE_ASC',
} as const;

type RoleTrack = { title: string; track: { name: string } } | null;

export const lookups: Lookup[] = [
  {
    name: '(a) role by slug + track name',
    perSlug: true,
    ours: (slug) => ({
      kind: 'a',
      query: `query ($slug: String!) { role(slug: $slug) { title track { name } } }`,
      variables: { slug },
    }),
    theirs: (slug) => ({
      kind: 'a',
      query: `query ($slug: String!) { ${THEIR_NAMES.roleBySlug}(slug: $slug) { title ${THEIR_NAMES.roleTrack} { name } } }`,
      variables: { slug },
    }),
    normalizeOurs: (data) => (data as { role: RoleTrack }).role,
    normalizeTheirs: (data) => {
      const row = (data as Record<string, Record<string, unknown> | null>)[THEIR_NAMES.roleBySlug];
      return row ? { title: row.title, track: row[THEIR_NAMES.roleTrack] } : null;
    },
  },
  {
    name: '(b) first 20 roles by title',
    perSlug: false,
    ours: () => ({
      kind: 'b',
      query: `{ roles(first: 20, orderBy: { field: TITLE, direction: ASC }) { nodes { slug title } } }`,
    }),
    theirs: () => ({
      kind: 'b',
      query: `{ ${THEIR_NAMES.allRoles}(first: 20, orderBy: ${THEIR_NAMES.titleAsc}) { nodes { slug title } } }`,
    }),
    normalizeOurs: (data) => (data as { roles: { nodes: { slug: string; title: string }[] } }).roles.nodes,
    normalizeTheirs: (data) =>
      (data as Record<string, { nodes: { slug: string; title: string }[] }>)[THEIR_NAMES.allRoles]!.nodes,
  },
];
