/**
 * Every GraphQL query the map makes, and the only fields it reads. The map is a client of the
 * public API like any other (POST /graphql), and the API is changing in known ways; when it does,
 * this file is the one to follow:
 *
 * - Estimated moves (O*NET, decision 013): with `includeEstimated`, `pathways` and `reachableRoles`
 *   search every O*NET occupation too; `PathwayStep.basis` says CURATED or ESTIMATED (an estimated
 *   step has no curated `transition`), and steps and reaches name `CareerNode`s (`fromNode`,
 *   `toNode`, `node`: a Role, or an Occupation keyed by its O*NET-SOC code). The map draws
 *   ESTIMATED moves apart and occupations only as nodes of what it was answered.
 * - Honest costs: `Pathway.totalCostUsd` and `PathwayStep.costUsd` are null when part of the cost
 *   is unknown; `knownCostUsd` is the known part and `unknownCosts` names the unknown parts. The
 *   rest of the map reads only `Money`.
 * - A graph too big to load whole: `loadLattice` loads the chosen roles' neighbourhood instead.
 */
import { years } from './format.js';

/** A cost that may be partly unknown: never show `usd: null` as $0. */
export type Money = {
  /** All of it, or null when some part is unknown. */
  usd: number | null;
  /** The known part. */
  knownUsd: number;
  /** What is unknown, in words ("CPC exam fee"). */
  unknownParts: string[];
  /** Whether a program's tuition is among them: then the known part is no fair floor ("at least $550" to become a PA). */
  tuitionUnknown: boolean;
  /** Whether something other than a tuition is unknown too (an exam or licence fee, undescribed training). */
  moreUnknown: boolean;
  /**
   * Whether a known part is a median of schools' tuition (IPEDS), no school's price: then the sum is
   * "about" it, and no floor ("at least $17,150" for an LPN read as no program costing less).
   */
  approximate: boolean;
};

type Basis = 'CURATED' | 'ESTIMATED';
type Track = { slug: string; name: string };
/**
 * A place on the map. A curated role has its slug, level and track; an O*NET occupation (only with
 * "Include O*NET occupations") has its O*NET-SOC code as `slug`, the level OCCUPATION and a lane of
 * its SOC major group as `track`, and `occupation` true.
 */
export type Role = {
  slug: string;
  title: string;
  alternateTitles: string[];
  level: string;
  track: Track;
  occupation?: true;
  /** For a curated role found through its O*NET occupation: that occupation's other titles (O*NET's alternate and reported ones, not the role's). */
  occupationTitles?: string[];
};
type Move = { from: string; to: string; kind: string; crossesTracks: boolean; months: number; basis: Basis };
export type Lattice = {
  tracks: Track[];
  roles: Role[];
  moves: Move[];
  /** False when only the neighbourhood of the chosen roles was loaded. */
  whole: boolean;
};

export type Source = { title: string; year: number; url: string | null; publisher: string; official: boolean };
type Step = {
  from: Role;
  to: Role;
  kind: string;
  basis: Basis;
  crossesTracks: boolean;
  startMonth: number;
  endMonth: number;
  months: number;
  /** `months` with each program at the longest its sources give (`months` counts the shortest). */
  monthsUpTo: number;
  /** A curated role's move into the wider O*NET occupation it is within: its figures are not the role's. */
  withinOccupation: boolean;
  /** Working in the role this move enters is not needed: on the pathway only because O*NET relates it to the jobs around it. */
  passesThrough: boolean;
  experienceMonths: number;
  /** The experience's months are the curators' estimate: no source states them. */
  experienceEstimated: boolean;
  trainingMonths: number;
  /** Programs on the step whose length no source gives: counted as 0, so the step takes at least `months`. */
  untimed: string[];
  cost: Money;
  /** One line per requirement group: "CMA (already held)" or "CPC or CBCS: earn CPC". */
  requirements: string[];
  training: string[];
  /** Training the move asks that the student need not take: "medical assisting program (not needed: CCMA held)". */
  notNeeded: string[];
  explanation: string;
  sources: Source[];
  /** Each known tuition and exam fee the step counts, with its own source: "CMA (AAMA) exam fee", $250, AAMA's page. */
  costFigures: CostFigure[];
  /** Who publishes each known tuition and exam fee the step counts ("NCES", "AAMA"), each once. */
  costSources: Source[];
};
/** `year`: the year the figure describes (a tuition's academic year), which its source's may not be. */
/** A known tuition or fee; `schools`: which schools an IPEDS median describes ("the median of 230 schools ..."). */
type CostFigure = { what: string; usd: number; year: number; source: Source; schools?: string };
export type Pathway = {
  summary: string;
  /** The summary without what unknown costs count as for ranking: the handout's. */
  printSummary: string;
  totalMonths: number;
  /** `totalMonths` with each program at the longest its sources give. */
  totalMonthsUpTo: number;
  /** Programs whose length no source gives: counted as 0, so the pathway takes at least `totalMonths`. */
  untimed: string[];
  cost: Money;
  crossesTracks: boolean;
  certificationsToEarn: string[];
  steps: Step[];
};
export type Reach = {
  slug: string;
  node: Role;
  earliestMonth: number;
  stepCount: number;
  /** True when earliestMonth counts a program of unknown length as 0 months: it may take longer. */
  monthsIncludeUnknowns: boolean;
  /** earliestMonth with its programs at their longest (the LPN-to-RN bridge, 12 to 24 months). */
  earliestMonthUpTo: number;
  /** Whether its pathway has estimated moves (from O*NET and BLS): what licences they ask is not known. */
  estimated: boolean;
};
export type Figure = {
  kind: string;
  value: number | null;
  low: number | null;
  high: number | null;
  /** AT_LEAST: the source gives the value (a range's high end) as a floor, "over" or "or more". */
  bound: 'EXACT' | 'AT_LEAST';
  unit: string;
  /** The year or period; null when the source does not date the figure. */
  period: string | null;
  geography: string;
  /** Which of a source's figures this is ("entry level", "key points"), or empty. */
  label: string;
  /** ROLE: the role itself; OCCUPATION: the occupation or a wider pool named in `occupation`, standing in. */
  scope: 'ROLE' | 'OCCUPATION' | 'SECTOR';
  occupation: string;
  source: Source;
};
export type RoleDetails = Role & {
  summary: string;
  duties: string[];
  typicalEducation: string;
  wages: Figure[];
  outlook: Figure[];
  /** months: from a standing start, each program at its shortest; monthsUpTo: at its longest. */
  nextSteps: {
    to: Role;
    kind: string;
    months: number;
    monthsUpTo: number;
    /** What the move may ask that no source describes: its length and cost are not known. */
    unknownTraining: string | null;
    requirements: string[];
  }[];
  /** The national median the API chooses for the role (official BLS OEWS where there is one); null when none. */
  medianWage: {
    value: number | null;
    atLeast: boolean;
    period: string | null;
    occupation: string;
    /** The occupation's median, not the role's own (the role is only part of it). */
    standIn: boolean;
    source: Source;
  } | null;
  /** BLS's official projection for the role's occupation (Employment Projections); null when none. */
  projection: {
    changePercent: number | null;
    period: string;
    blsTitle: string;
    blsCode: string;
    /** The whole occupation's (or a wider BLS row's), not the role's alone. */
    wider: boolean;
    source: Source;
  } | null;
};

/** Errors the API answered with; `code` is its `extensions.code`. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
  ) {
    super(message);
  }
}

/** An API key for servers where reading needs one (READ_REQUIRES_KEY), kept for this tab only. */
export const apiKey = {
  get: () => sessionStorage.getItem('career-lattice-key'),
  set: (key: string) => sessionStorage.setItem('career-lattice-key', key),
};

/**
 * Sends a query. Errors throw, except those whose code is in `tolerated`: a lookup of an unknown
 * slug answers NOT_FOUND with a null where the record would be, which a caller may treat as absent.
 */
async function graphql<T>(
  query: string,
  variables: Record<string, unknown> = {},
  tolerated: readonly string[] = [],
): Promise<T> {
  const key = apiKey.get();
  let response: Response;
  try {
    response = await fetch('/graphql', {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/graphql-response+json, application/json',
        ...(key ? { authorization: `Bearer ${key}` } : {}),
      },
      body: JSON.stringify({ query, variables }),
    });
  } catch {
    // fetch rejects only when no answer came ("Failed to fetch"): say so in words a reader can act on.
    throw new ApiError('The service could not be reached. Check the connection, then try again.', 'UNREACHABLE');
  }
  let body: { data?: T; errors?: { message: string; extensions?: { code?: string } }[] };
  try {
    body = await response.json();
  } catch {
    throw new ApiError(`The service answered ${response.status} ${response.statusText}.`, undefined);
  }
  const error =
    body.errors?.find((e) => !tolerated.includes(e.extensions?.code ?? '')) ??
    (body.data ? undefined : body.errors?.[0]);
  if (error) throw new ApiError(error.message, error.extensions?.code);
  return body.data as T;
}

const ROLE = 'slug title alternateTitles level track { slug name }';
/** A pathway's or a reach's node: a role as ROLE reads it, or an occupation. */
const NODE = `__typename key title ... on Role { ${ROLE} } ... on Occupation { code majorGroup majorGroupName }`;
type RawNode =
  | ({ __typename: 'Role'; key: string } & Role)
  | {
      __typename: 'Occupation';
      key: string;
      title: string;
      code: string;
      majorGroup: string;
      majorGroupName: string | null;
    };

/** The level and lane prefix an occupation is drawn with (layout.ts puts them on a row of their own). */
export const OCCUPATION_LEVEL = 'OCCUPATION';
export const SOC_LANE = 'soc-';
/** An O*NET-SOC code ("29-2034.00"), as `from` and `to` accept it. */
export const isOccupationCode = (key: string) => /^\d{2}-\d{4}(\.\d{2})?$/.test(key);

/** An occupation as the map draws it: in the lane of its SOC major group. */
const occupationNode = (o: {
  code: string;
  title: string;
  majorGroup: string;
  majorGroupName: string | null;
}): Role => ({
  slug: o.code,
  title: o.title,
  alternateTitles: [],
  level: OCCUPATION_LEVEL,
  track: {
    slug: `${SOC_LANE}${o.majorGroup}`,
    name: `${o.majorGroupName ?? 'SOC major group'} occupations (SOC ${o.majorGroup}-0000)`,
  },
  occupation: true,
});
const nodeOf = (n: RawNode): Role => (n.__typename === 'Occupation' ? occupationNode(n) : bareRole(n));
const SOURCE = 'title year url official publisher { name }';
const MOVE = 'kind crossesTracks estimatedMonths';

type RawSource = { title: string; year: number; url: string | null; official: boolean; publisher: { name: string } };
const source = (s: RawSource): Source => ({ ...s, publisher: s.publisher.name });

type RawRoleWithMoves = Role & {
  nextSteps: { kind: string; crossesTracks: boolean; estimatedMonths: number; to: { slug: string } }[];
};
const movesOf = (roles: RawRoleWithMoves[]): Move[] =>
  roles.flatMap((r) =>
    r.nextSteps.map((m) => ({
      from: r.slug,
      to: m.to.slug,
      kind: m.kind,
      crossesTracks: m.crossesTracks,
      months: m.estimatedMonths,
      basis: 'CURATED' as Basis,
    })),
  );
const bareRole = ({ slug, title, alternateTitles, level, track }: Role): Role => ({
  slug,
  title,
  alternateTitles,
  level,
  track,
});

/** Up to this many roles the map shows the whole graph; beyond, the chosen roles' neighbourhood. */
const WHOLE_GRAPH_LIMIT = 400;
const PAGE = 100;

/** The roles and moves to draw: all of them for a small graph, else those around `focus`. */
export async function loadLattice(focus: string[]): Promise<Lattice> {
  const query = `query MapLattice($after: String) {
    tracks { slug name }
    roles(first: ${PAGE}, after: $after) {
      totalCount pageInfo { hasNextPage endCursor }
      nodes { ${ROLE} nextSteps { ${MOVE} to { slug } } }
    }
  }`;
  type Page = {
    tracks: Track[];
    roles: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string }; nodes: RawRoleWithMoves[] };
  };
  let page = await graphql<Page>(query);
  if (page.roles.totalCount > WHOLE_GRAPH_LIMIT) return neighbourhood(page.tracks, focus);
  const roles = [...page.roles.nodes];
  while (page.roles.pageInfo.hasNextPage) {
    page = await graphql<Page>(query, { after: page.roles.pageInfo.endCursor });
    roles.push(...page.roles.nodes);
  }
  return { tracks: page.tracks, roles: roles.map(bareRole), moves: movesOf(roles), whole: true };
}

/** The roles in `focus` with the moves into and out of them and the roles at their other ends. */
async function neighbourhood(tracks: Track[], focus: string[]): Promise<Lattice> {
  const slugs = [...new Set(focus)].slice(0, 10);
  if (slugs.length === 0) return { tracks, roles: [], moves: [], whole: false };
  const fields = slugs
    .map(
      (_, i) => `r${i}: role(slug: $s${i}) { ${ROLE}
        nextSteps { ${MOVE} to { ${ROLE} } }
        previousSteps { ${MOVE} from { ${ROLE} } } }`,
    )
    .join('\n');
  const query = `query MapNeighbourhood(${slugs.map((_, i) => `$s${i}: String!`).join(', ')}) { ${fields} }`;
  type Near = Role & {
    nextSteps: { kind: string; crossesTracks: boolean; estimatedMonths: number; to: Role }[];
    previousSteps: { kind: string; crossesTracks: boolean; estimatedMonths: number; from: Role }[];
  };
  // A slug in the address that names no role (NOT_FOUND) is left off the map.
  const data = await graphql<Record<string, Near | null>>(
    query,
    Object.fromEntries(slugs.map((s, i) => [`s${i}`, s])),
    ['NOT_FOUND'],
  );
  const roles = new Map<string, Role>();
  const moves = new Map<string, Move>();
  const move = (from: string, to: string, m: { kind: string; crossesTracks: boolean; estimatedMonths: number }) =>
    moves.set(`${from}>${to}`, {
      from,
      to,
      kind: m.kind,
      crossesTracks: m.crossesTracks,
      months: m.estimatedMonths,
      basis: 'CURATED',
    });
  for (const near of Object.values(data)) {
    if (!near) continue;
    roles.set(near.slug, bareRole(near));
    for (const m of near.nextSteps) {
      roles.set(m.to.slug, bareRole(m.to));
      move(near.slug, m.to.slug, m);
    }
    for (const m of near.previousSteps) {
      roles.set(m.from.slug, bareRole(m.from));
      move(m.from.slug, near.slug, m);
    }
  }
  return { tracks, roles: [...roles.values()], moves: [...moves.values()], whole: false };
}

/** The titles of the roles whose curated moves lead into role `slug` (none for an occupation). */
export async function waysInto(slug: string): Promise<string[]> {
  const data = await graphql<{ role: { previousSteps: { from: { title: string } }[] } | null }>(
    'query WaysInto($slug: String!) { role(slug: $slug) { previousSteps { from { title } } } }',
    { slug },
    ['NOT_FOUND'],
  );
  return [...new Set((data.role?.previousSteps ?? []).map((m) => m.from.title))];
}

/**
 * What "trained on the job" asks again of a student in the role (`asked`: its usual training, none for
 * a licensed role, whose licence only its program leads to), and whether the role implies any
 * program at all (`implies`), to say why it changes nothing.
 */
export async function onTheJob(slug: string): Promise<{ asked: string[]; implies: boolean }> {
  if (isOccupationCode(slug)) return { asked: [], implies: false };
  const data = await graphql<{
    role: { programsAskedOnTheJob: { name: string }[]; impliedPrograms: { slug: string }[] } | null;
  }>(
    'query OnTheJob($slug: String!) { role(slug: $slug) { programsAskedOnTheJob { name } impliedPrograms { slug } } }',
    { slug },
    ['NOT_FOUND'],
  );
  return {
    asked: (data.role?.programsAskedOnTheJob ?? []).map((p) => p.name),
    implies: (data.role?.impliedPrograms ?? []).length > 0,
  };
}

/**
 * Roles whose title or an alternate title contains `text` (the API's own search); with
 * `occupations`, then the O*NET occupations `occupations(search:)` finds by title, alternate or
 * reported title, or the one whose O*NET-SOC code `text` is. An occupation a curated role is
 * (EXACT) is that role in pathways, so it is offered as the role.
 */
type RawOccupation = {
  code: string;
  title: string;
  majorGroup: string;
  majorGroupName: string | null;
  alternateTitles: string[];
  reportedTitles: string[];
  roles: (Role & { occupationFit: string | null })[];
};
const OCCUPATION = `code title majorGroup majorGroupName alternateTitles reportedTitles roles { ${ROLE} occupationFit }`;

/**
 * An occupation as the map draws it: the curated role that is the occupation (EXACT), named by the
 * occupation's title too, or the occupation's own node.
 */
function nodeOfOccupation(o: RawOccupation): Role {
  const exact = o.roles.find((r) => r.occupationFit === 'EXACT');
  // The occupation's titles go with it, so that the option shows the one that matched (a role
  // offered for "respiratory" said nothing of why).
  const titles = [o.title, ...o.alternateTitles, ...o.reportedTitles];
  // A role that is the occupation (EXACT) is named by its title too ("Registered Nurses"); O*NET's
  // other titles for it are O*NET's, and said so ("Respiratory Therapist Assistant" is one for
  // medical assistants).
  return exact
    ? {
        ...bareRole(exact),
        alternateTitles: [...exact.alternateTitles, o.title],
        occupationTitles: [...o.alternateTitles, ...o.reportedTitles],
      }
    : { ...occupationNode(o), alternateTitles: titles };
}

/** The node an O*NET-SOC code names (nodeOfOccupation), or null for a code no occupation has. */
export async function occupationByCode(code: string): Promise<Role | null> {
  const data = await graphql<{ occupation: RawOccupation | null }>(
    `query MapOccupation($code: String!) { occupation(code: $code) { ${OCCUPATION} } }`,
    { code },
    ['NOT_FOUND'],
  );
  return data.occupation ? nodeOfOccupation(data.occupation) : null;
}

/**
 * The roles (and, with `occupations`, the O*NET occupations) matching `text`: every curated role
 * (a few dozen, for the combobox to put the best first), and those found by their occupation's O*NET
 * titles. Without `occupations` only curated roles: "medical receptionist" and "front desk", O*NET
 * titles of the administrative medical assistant's occupation, found no role to start from.
 */
export async function searchRoles(text: string, occupations = false): Promise<Role[]> {
  const code = isOccupationCode(text.trim());
  const data = await graphql<{
    roles: { nodes: Role[] };
    occupations: { nodes: RawOccupation[] };
    occupation?: RawOccupation | null;
  }>(
    `query MapSearchAll($text: String!${code ? ', $code: String!' : ''}) {
      roles(search: $text, first: 100) { nodes { ${ROLE} } }
      occupations(search: $text, first: 8) { nodes { ${OCCUPATION} } }
      ${code ? `occupation(code: $code) { ${OCCUPATION} }` : ''}
    }`,
    code ? { text, code: text.trim() } : { text },
    ['NOT_FOUND'],
  );
  const found = new Map(data.roles.nodes.map((r) => [r.slug, r]));
  const typed = text.trim().toLowerCase();
  for (const o of [...(data.occupation ? [data.occupation] : []), ...data.occupations.nodes]) {
    for (const role of namedParts(o, typed)) if (!found.has(role.slug)) found.set(role.slug, role);
    const node = nodeOfOccupation(o);
    if (found.has(node.slug)) continue;
    // Without the occupations, a curated role only where one of its occupation's titles has the text
    // in it: the API's occupation search reads more ("respiratory therapist" found the healthcare
    // administrator's occupation, whose titles have "Respiratory Therapy Director").
    const titled = [...node.alternateTitles, ...(node.occupationTitles ?? [])].some((t) =>
      t.toLowerCase().includes(typed),
    );
    if (occupations || (!node.occupation && titled)) found.set(node.slug, node);
  }
  return [...found.values()];
}

/** A title's words, lower case, without the little ones ("Medical Billing and Coding Specialist"). */
const wordsOf = (title: string) =>
  new Set(
    title
      .toLowerCase()
      .split(/[^a-z0-9]+/)
      .filter((w) => w !== '' && !['and', 'of', 'the', 'for', 'in'].includes(w)),
  );

/**
 * The curated roles that are a part of occupation `o` (SPECIALTY), each offered for the O*NET titles
 * with `typed` in them that name it: every word of the role's title is in the O*NET title, and no
 * other such role of the occupation has more. "RHIT" found no role: O*NET lists "Registered Health
 * Information Technician (RHIT)" under medical records specialists, which three curated roles are
 * part of, none of them the occupation, so none was offered.
 */
function namedParts(o: RawOccupation, typed: string): Role[] {
  const parts = o.roles.filter((r) => r.occupationFit === 'SPECIALTY').map((r) => ({ r, words: wordsOf(r.title) }));
  const titles = new Map<string, string[]>();
  for (const title of new Set([...o.alternateTitles, ...o.reportedTitles])) {
    if (!title.toLowerCase().includes(typed)) continue;
    const words = wordsOf(title);
    const named = parts.filter((p) => [...p.words].every((w) => words.has(w)));
    const most = Math.max(0, ...named.map((p) => p.words.size));
    for (const p of named.filter((p) => p.words.size === most))
      titles.set(p.r.slug, [...(titles.get(p.r.slug) ?? []), title]);
  }
  return parts.flatMap(({ r }) =>
    titles.has(r.slug) ? [{ ...bareRole(r), occupationTitles: titles.get(r.slug)! }] : [],
  );
}

export type PathwayQuery = {
  from: string;
  to?: string;
  toTrack?: string;
  rankBy: string;
  first?: number;
  /** Search every O*NET occupation too, with moves estimated from O*NET and BLS. */
  includeEstimated?: boolean;
  /** The student's profile: what they already hold, their years in the starting role, their study load. */
  student?: Student;
};

/** What the map knows of the student, as its form and link say. */
export type Student = {
  /** Certifications and licences already held (slugs): never asked again. */
  held: string[];
  /** Years in the starting role: they count toward the experience the first moves ask. */
  years: number;
  /** Studying part time: programs take twice as long. */
  partTime: boolean;
  /** Trained on the job in the starting role: its usual program is asked where a move needs it. */
  onTheJob?: boolean;
  /** The acronyms of `held`, for the handout to name them. */
  heldNames?: string[];
};

/** The profile the map sends: what it knows of the student, or nothing. */
const profileOf = (student: Student | undefined) => {
  if (!student) return null;
  const profile = {
    ...(student.held.length ? { heldCertifications: student.held } : {}),
    ...(student.years > 0 ? { yearsInCurrentRole: student.years } : {}),
    ...(student.partTime ? { studyLoad: 'PART_TIME' } : {}),
    ...(student.onTheJob ? { startRoleTrainingCompleted: false } : {}),
  };
  return Object.keys(profile).length ? profile : null;
};

/** Every certification and licence, for the student to say which they hold. */
export async function loadCertifications(): Promise<{ slug: string; acronym: string; name: string }[]> {
  const data = await graphql<{ certifications: { nodes: { slug: string; acronym: string; name: string }[] } }>(
    '{ certifications(first: 100) { nodes { slug acronym name } } }',
  );
  return [...data.certifications.nodes].sort((a, b) => a.acronym.localeCompare(b.acronym));
}

type RawStep = Pick<
  Step,
  | 'crossesTracks'
  | 'startMonth'
  | 'endMonth'
  | 'months'
  | 'monthsUpTo'
  | 'withinOccupation'
  | 'passesThrough'
  | 'experienceMonths'
  | 'experienceEstimated'
  | 'trainingMonths'
  | 'explanation'
> & {
  fromNode: RawNode;
  toNode: RawNode;
  basis: Basis;
  costUsd: number | null;
  knownCostUsd: number;
  unknownCosts: { description: string; kind: string }[];
  certificationsToEarn: { acronym: string; kind: string; examFeeUsd: number | null; examFeeSource: RawSource | null }[];
  programs: {
    name: string;
    costUsd: number | null;
    program: {
      typicalCost: { year: number; source: RawSource; schools: string | null; schoolCount: number | null } | null;
    } | null;
  }[];
  untimed: string[];
  trainingNotNeeded: { program: { name: string }; heldCertification: { acronym: string } }[];
  trainingAlreadyDone: { name: string }[];
  requirements: {
    alreadyHeld: boolean;
    heldAtStart: boolean;
    satisfiedBy: { acronym: string };
    anyOf: { acronym: string }[];
  }[];
  transition: { kind: string; sources: RawSource[] } | null;
};
type RawPathway = {
  summary: string;
  printSummary: string;
  totalMonths: number;
  totalMonthsUpTo: number;
  untimed: string[];
  totalCostUsd: number | null;
  knownCostUsd: number;
  unknownCosts: { description: string; kind: string }[];
  crossesTracks: boolean;
  certificationsToEarn: { acronym: string }[];
  steps: RawStep[];
};

/** A cost as the map words it (format.ts money): known, partly known, and whether tuition is what is not. */
const moneyOf = (
  usd: number | null,
  knownUsd: number,
  unknown: { description: string; kind: string }[],
  approximate: boolean,
): Money => ({
  usd,
  knownUsd,
  unknownParts: unknown.map((u) => u.description),
  tuitionUnknown: unknown.some((u) => u.kind === 'TUITION'),
  moreUnknown: unknown.some((u) => u.kind !== 'TUITION'),
  approximate,
});

const PATHWAY = `summary printSummary: summary(costEstimates: false) totalMonths totalMonthsUpTo untimed totalCostUsd knownCostUsd unknownCosts { description kind } crossesTracks
  certificationsToEarn { acronym }
  steps {
    basis fromNode { ${NODE} } toNode { ${NODE} } crossesTracks
    startMonth endMonth months monthsUpTo withinOccupation passesThrough experienceMonths experienceEstimated trainingMonths costUsd knownCostUsd explanation
    unknownCosts { description kind }
    certificationsToEarn { acronym kind examFeeUsd examFeeSource { ${SOURCE} } }
    programs { name costUsd program { typicalCost { year schools schoolCount source { ${SOURCE} } } } }
    untimed
    requirements { alreadyHeld heldAtStart satisfiedBy { acronym } anyOf { acronym } }
    trainingNotNeeded { program { name } heldCertification { acronym } }
    trainingAlreadyDone { name }
    transition { kind sources { ${SOURCE} } }
  }`;

/**
 * A step's lines of what it asks, one per requirement group ("CMA (already held)", "CPC or CBCS: earn
 * CPC"), then the exams and certifications earned only because a route asks them ("pass NCLEX-RN
 * first", which the handout left out); `earnedBefore`, where each certification earned on an earlier
 * step was earned: one is "earned in step 1", not "already held", which a student reads as theirs.
 */
function requirementLines(s: RawStep, earnedBefore: Map<string, number>): string[] {
  const meeting = new Set(s.requirements.map((r) => r.satisfiedBy.acronym));
  return [
    ...s.requirements.map((r) =>
      r.alreadyHeld
        ? !r.heldAtStart && earnedBefore.has(r.satisfiedBy.acronym)
          ? `${r.satisfiedBy.acronym} (earned in step ${earnedBefore.get(r.satisfiedBy.acronym)})`
          : `${r.satisfiedBy.acronym} (already held)`
        : r.anyOf.length > 1
          ? `${r.anyOf.map((c) => c.acronym).join(' or ')}: earn ${r.satisfiedBy.acronym}`
          : `earn ${r.satisfiedBy.acronym}`,
    ),
    ...s.certificationsToEarn
      .filter((c) => !meeting.has(c.acronym))
      .map((c) => `${c.kind === 'EXAM' ? 'pass' : 'earn'} ${c.acronym} first`),
  ];
}

function stepOf(s: RawStep, earnedBefore: Map<string, number>): Step {
  const figures = costFigures(s);
  return {
    from: nodeOf(s.fromNode),
    to: nodeOf(s.toNode),
    kind: s.transition?.kind ?? 'ESTIMATED',
    basis: s.basis,
    crossesTracks: s.crossesTracks,
    startMonth: s.startMonth,
    endMonth: s.endMonth,
    months: s.months,
    monthsUpTo: s.monthsUpTo,
    withinOccupation: s.withinOccupation,
    passesThrough: s.passesThrough,
    experienceMonths: s.experienceMonths,
    experienceEstimated: s.experienceEstimated,
    trainingMonths: s.trainingMonths,
    untimed: s.untimed,
    cost: moneyOf(
      s.costUsd,
      s.knownCostUsd,
      s.unknownCosts,
      figures.some((f) => f.schools !== undefined),
    ),
    requirements: requirementLines(s, earnedBefore),
    // Every program the step completes: curated, and the entry education an estimated move assumes.
    training: s.programs.map((p) => p.name),
    // On the handout too: the step list's words said why a program was not asked, the handout nothing.
    notNeeded: [
      ...s.trainingNotNeeded.map((x) => `${x.program.name} (not needed: ${x.heldCertification.acronym} held)`),
      ...s.trainingAlreadyDone.map((x) => `${x.name} (already completed)`),
    ],
    explanation: s.explanation,
    sources: s.transition?.sources.map(source) ?? [],
    costFigures: figures,
    costSources: [...new Map(figures.map((f) => [`${f.source.title}|${f.source.year}`, f.source])).values()],
  };
}

/**
 * Which schools an IPEDS median describes, in words: "$16,615 (NCES, 2023)" on a handout read as a
 * community college's price, where public schools' median is $4,008 (../shared/data/README.md).
 */
const schoolsOf = (c: { schools: string | null; schoolCount: number | null }): string | undefined =>
  c.schools === 'ALL_PROGRAM_REPORTERS'
    ? `the median of ${c.schoolCount} schools reporting it as their largest program, most of them vocational`
    : c.schools === 'PUBLIC_PROGRAM_REPORTERS'
      ? `the median of ${c.schoolCount} public schools reporting it as their largest program`
      : undefined;

/** The step's known tuitions and exam fees, each with the source that gives it. */
const costFigures = (s: RawStep): CostFigure[] => [
  ...s.programs.flatMap((p) =>
    p.costUsd !== null && p.program?.typicalCost
      ? [
          {
            what: `${p.name} tuition`,
            usd: p.costUsd,
            year: p.program.typicalCost.year,
            source: source(p.program.typicalCost.source),
            schools: schoolsOf(p.program.typicalCost),
          },
        ]
      : [],
  ),
  // Every certification earned on the step, not only those a requirement names: the NCLEX-RN is
  // earned on the way to the RN licence, and its fee's page was left out.
  ...s.certificationsToEarn.flatMap((c) =>
    c.examFeeUsd !== null && c.examFeeSource
      ? [
          {
            what: `${c.acronym} exam fee`,
            usd: c.examFeeUsd,
            year: c.examFeeSource.year,
            source: source(c.examFeeSource),
          },
        ]
      : [],
  ),
];

function pathwayOf(p: RawPathway): Pathway {
  const earnedBefore = new Map<string, number>();
  const steps = p.steps.map((s, i) => {
    const step = stepOf(s, earnedBefore);
    for (const c of s.certificationsToEarn) if (!earnedBefore.has(c.acronym)) earnedBefore.set(c.acronym, i + 1);
    return step;
  });
  return {
    summary: p.summary,
    printSummary: p.printSummary,
    totalMonths: p.totalMonths,
    totalMonthsUpTo: p.totalMonthsUpTo,
    untimed: p.untimed,
    cost: moneyOf(
      p.totalCostUsd,
      p.knownCostUsd,
      p.unknownCosts,
      steps.some((s) => s.cost.approximate),
    ),
    crossesTracks: p.crossesTracks,
    certificationsToEarn: p.certificationsToEarn.map((c) => c.acronym),
    steps,
  };
}

/** The best pathways from a role to a role (or an occupation) or to any role of a track. */
export async function findPathways(q: PathwayQuery): Promise<Pathway[]> {
  const data = await graphql<{ pathways: RawPathway[] }>(
    `query MapPathways($from: String!, $to: String, $toTrack: String, $rankBy: PathwayRanking!, $first: Int!,
                       $includeEstimated: Boolean!, $profile: LearnerProfileInput) {
      pathways(from: $from, to: $to, toTrack: $toTrack, rankBy: $rankBy, first: $first,
               includeEstimated: $includeEstimated, skipDetours: true, profile: $profile) { ${PATHWAY} }
    }`,
    {
      from: q.from,
      to: q.to ?? null,
      toTrack: q.toTrack ?? null,
      rankBy: q.rankBy,
      first: q.first ?? 3,
      includeEstimated: q.includeEstimated ?? false,
      profile: profileOf(q.student),
    },
  );
  return data.pathways.map(pathwayOf);
}

/** Every role (and, with `includeEstimated`, occupation) reachable from `from` within `months`. */
export async function reachableRoles(
  from: string,
  months: number,
  includeEstimated = false,
  student?: Student,
): Promise<Reach[]> {
  const data = await graphql<{
    reachableRoles: {
      node: RawNode;
      earliestMonth: number;
      earliestMonthUpTo: number;
      stepCount: number;
      monthsIncludeUnknowns: boolean;
      pathway: { estimatedSteps: number };
    }[];
  }>(
    `
      query MapReachable($from: String!, $months: Int!, $includeEstimated: Boolean!, $profile: LearnerProfileInput) {
        reachableRoles(from: $from, withinMonths: $months, includeEstimated: $includeEstimated, profile: $profile) {
          node { ${NODE} }
          earliestMonth
          earliestMonthUpTo
          stepCount
          monthsIncludeUnknowns
          pathway { estimatedSteps }
        }
      }
    `,
    { from, months, includeEstimated, profile: profileOf(student) },
  );
  return data.reachableRoles.map((r) => ({
    slug: r.node.key,
    node: nodeOf(r.node),
    earliestMonth: r.earliestMonth,
    stepCount: r.stepCount,
    monthsIncludeUnknowns: r.monthsIncludeUnknowns,
    earliestMonthUpTo: r.earliestMonthUpTo,
    estimated: r.pathway.estimatedSteps > 0,
  }));
}

const FIGURE = `kind value low high bound unit period geography label scope occupation source { ${SOURCE} }`;

/** An O*NET occupation's pay as BLS's OEWS publishes it: the annual median of its row. */
export type OccupationPay = {
  /** As an advisor would say it: "$44,200", "at least $239,200", "not available". */
  median: string;
  period: string;
  /** The broader BLS row the figure is for, when BLS does not publish this occupation alone. */
  broader: string | null;
  source: Source;
};

/** The pay BLS publishes for an O*NET occupation (the handout of an O*NET goal); [] when none. */
export async function occupationPay(code: string): Promise<OccupationPay[]> {
  type Raw = {
    annual: { median: { display: string } };
    period: string;
    coverage: 'SAME' | 'BROADER';
    blsTitle: string;
    blsCode: string;
    source: RawSource;
  };
  const data = await graphql<{ occupation: { wages: Raw[] } | null }>(
    `query MapOccupationPay($code: String!) {
      occupation(code: $code) { wages { annual { median { display } } period coverage blsTitle blsCode source { ${SOURCE} } } }
    }`,
    { code },
    ['NOT_FOUND'],
  );
  return (data.occupation?.wages ?? []).map((w) => ({
    median: w.annual.median.display,
    period: w.period,
    broader: w.coverage === 'BROADER' ? `${w.blsTitle} (${w.blsCode})` : null,
    source: source(w.source),
  }));
}

/** BLS's typical entry education, in words. */
const EDUCATION: Record<string, string> = {
  NO_FORMAL_EDUCATIONAL_CREDENTIAL: 'no formal credential',
  HIGH_SCHOOL_DIPLOMA_OR_EQUIVALENT: 'a high-school diploma',
  POSTSECONDARY_NONDEGREE_AWARD: 'a postsecondary certificate or diploma',
  SOME_COLLEGE_NO_DEGREE: 'some college',
  ASSOCIATES_DEGREE: 'an associate’s degree',
  BACHELORS_DEGREE: 'a bachelor’s degree',
  MASTERS_DEGREE: 'a master’s degree',
  DOCTORAL_OR_PROFESSIONAL_DEGREE: 'a doctoral or professional degree',
};

/**
 * An occupation O*NET relates to another: where the moves estimated out of it go. `key` is what the
 * map and the API take (a curated role's slug where the role is the occupation); `education`, BLS's
 * typical entry education (null where BLS publishes none).
 */
export type RelatedOccupation = { key: string; title: string; education: string | null; curated: boolean };

/** The occupations O*NET relates to one, closest first; [] when none. */
export async function relatedOccupations(code: string): Promise<RelatedOccupation[]> {
  type Raw = {
    code: string;
    title: string;
    typicalEducation: string | null;
    roles: { slug: string; title: string; occupationFit: string }[];
  };
  const data = await graphql<{ occupation: { relatedOccupations: { occupation: Raw }[] } | null }>(
    `
      query MapRelatedOccupations($code: String!) {
        occupation(code: $code) {
          relatedOccupations {
            occupation {
              code
              title
              typicalEducation
              roles {
                slug
                title
                occupationFit
              }
            }
          }
        }
      }
    `,
    { code },
    ['NOT_FOUND'],
  );
  return (data.occupation?.relatedOccupations ?? []).map(({ occupation: o }) => {
    const role = o.roles.find((r) => r.occupationFit === 'EXACT');
    return {
      key: role?.slug ?? o.code,
      title: role?.title ?? o.title,
      education: o.typicalEducation === null ? null : (EDUCATION[o.typicalEducation] ?? null),
      curated: role !== undefined,
    };
  });
}

/** What the side panel shows about a role; null when there is no such role. */
export async function roleDetails(slug: string): Promise<RoleDetails | null> {
  type Raw = Role & {
    summary: string;
    duties: string[];
    typicalEducation: string;
    impliedPrograms: { name: string }[];
    wages: (Omit<Figure, 'source'> & { source: RawSource })[];
    outlook: (Omit<Figure, 'source'> & { source: RawSource })[];
    nextSteps: {
      kind: string;
      estimatedMonths: number;
      estimatedMonthsUpTo: number;
      minYearsExperience: number;
      yearsEstimated: boolean;
      unknownTraining: string | null;
      to: Role;
      training: { name: string; prerequisites: { name: string }[] }[];
      requirements: { anyOf: { acronym: string }[] }[];
    }[];
    latestMedianWage: {
      value: number | null;
      qualifier: string;
      period: string | null;
      occupation: string;
      standIn: boolean;
      source: RawSource;
    } | null;
    occupationFit: string | null;
    occupation: {
      projection: {
        changePercent: number | null;
        period: string;
        blsTitle: string;
        blsCode: string;
        coverage: string;
        source: RawSource;
      } | null;
    } | null;
  };
  const data = await graphql<{ role: Raw | null }>(
    `query MapRole($slug: String!) {
      role(slug: $slug) {
        ${ROLE} summary duties typicalEducation impliedPrograms { name }
        wages { ${FIGURE} }
        outlook { ${FIGURE} }
        nextSteps {
          kind estimatedMonths estimatedMonthsUpTo minYearsExperience yearsEstimated unknownTraining to { ${ROLE} }
          training { name prerequisites { name } } requirements { anyOf { acronym } }
        }
        latestMedianWage { value qualifier period occupation standIn source { ${SOURCE} } }
        occupationFit
        occupation { projection { changePercent period blsTitle blsCode coverage source { ${SOURCE} } } }
      }
    }`,
    { slug },
    ['NOT_FOUND'],
  );
  const r = data.role;
  if (!r) return null;
  return {
    ...bareRole(r),
    summary: r.summary,
    duties: r.duties,
    typicalEducation: r.typicalEducation,
    wages: r.wages.map((f) => ({ ...f, source: source(f.source) })),
    outlook: r.outlook.map((f) => ({ ...f, source: source(f.source) })),
    nextSteps: r.nextSteps.map((n) => ({
      to: n.to,
      kind: n.kind,
      months: n.estimatedMonths,
      monthsUpTo: n.estimatedMonthsUpTo,
      unknownTraining: n.unknownTraining,
      // What the move asks, as the API lists it: experience in this role, programs, certifications.
      requirements: [
        ...(n.minYearsExperience > 0
          ? [
              n.yearsEstimated
                ? `about ${years(n.minYearsExperience)} of experience here (the curators' estimate: no source states it)`
                : `${years(n.minYearsExperience)} of experience here`,
            ]
          : []),
        // Training no source describes: said, of unknown length and cost ("no training needed" read as free).
        ...(n.unknownTraining ? [`${n.unknownTraining} (its length and cost not known)`] : []),
        // A program's prerequisites first, as the pathway takes them (the PA master's after a bachelor's),
        // but not one the role implies done (an LPN's practical nursing program, before the bridge).
        ...n.training.map((t) => {
          // A program the role implies is said to be done: a practice administrator's move on
          // read "no training or experience needed first; needs Bachelor's degree in healthcare
          // administration".
          if (r.impliedPrograms.some((d) => d.name === t.name)) return `${t.name} (already done in this role)`;
          const first = t.prerequisites.filter((p) => !r.impliedPrograms.some((d) => d.name === p.name));
          return first.length ? `${first.map((p) => p.name).join(' and ')}, then ${t.name}` : t.name;
        }),
        ...n.requirements.map((g) => g.anyOf.map((c) => c.acronym).join(' or ')),
      ],
    })),
    medianWage: r.latestMedianWage && {
      value: r.latestMedianWage.value,
      atLeast: r.latestMedianWage.qualifier === 'AT_LEAST',
      period: r.latestMedianWage.period,
      occupation: r.latestMedianWage.occupation,
      standIn: r.latestMedianWage.standIn,
      source: source(r.latestMedianWage.source),
    },
    projection: (() => {
      const p = r.occupation?.projection;
      return p
        ? {
            changePercent: p.changePercent,
            period: p.period,
            blsTitle: p.blsTitle,
            blsCode: p.blsCode,
            wider: r.occupationFit !== 'EXACT' || p.coverage === 'BROADER',
            source: source(p.source),
          }
        : null;
    })(),
  };
}
