/**
 * What a pathway search is asked: its enums and input types, and their resolution against the
 * in-memory index of the data (no database round trip), with errors that name what was wrong.
 */
import { GraphQLError } from 'graphql';
import { Credential as Credentials } from '../generated/prisma/enums.js';
import { BACHELORS_PROGRAM_SLUG, type GraphSnapshot } from './snapshot.js';
import {
  type Constraints,
  type GraphIndex,
  InvalidQueryError,
  MAX_K,
  type Profile,
  ROUTE_CERTIFICATION,
  ROUTE_PROGRAM,
  SearchBudgetExceeded,
} from '../graph/index.js';
import { builder } from './builder.js';
import { badInput, clip, eachArgumentNow, slugKey, unknownSlugs } from './errors.js';
import { codeOf, unknownOccupation } from './occupation.js';

const PathwayRanking = builder.enumType('PathwayRanking', {
  description: 'What makes one pathway better than another. Ties fall to the other measures, then to the route.',
  values: {
    FASTEST: {
      description:
        'Fewest total months (each program at its shortest length; an entry program no source gives a length for, at the stand-in its pathway’s summary names, never as 0). Pathways of equal months are listed those without a part of unknown length first, then the one with the shorter longest length (`totalMonthsUpTo`) first.',
    },
    CHEAPEST: {
      description:
        'Fewest total US dollars (training and exam fees). A cost no source gives counts at its documented estimate or stand-in (see `unknownCosts`); a licence fee (state boards set them) and training no source describes have none here and count as $0, which the summary says.',
    },
    FEWEST_NEW_CERTIFICATIONS: { description: 'Fewest certifications and licences to earn along the way.' },
    FEWEST_STEPS: { description: 'Fewest moves.' },
  } as const,
});

export const StudyLoad = builder.enumType('StudyLoad', {
  description: 'How the learner would study: programs take their typical full-time length, or twice that part time.',
  values: {
    FULL_TIME: { description: 'Programs take their typical full-time length.' },
    PART_TIME: { description: 'Part-time study at half the full-time load: programs take twice as long.' },
  } as const,
});

export const LearnerProfileInput = builder.inputType('LearnerProfileInput', {
  description:
    'What the learner already has. A held certification or completed program is never paid for twice, and neither is what the starting role implies (a medical assistant has finished an MA program), unless startRoleTrainingCompleted is false.',
  fields: (t) => ({
    heldCertifications: t.stringList({
      description:
        'Slugs of certifications or licences already held, e.g. ["ccma"]. Each also counts as what its only ways in ask: the RN licence as the NCLEX-RN and a nursing associate degree (docs/cost-model.md).',
    }),
    completedPrograms: t.stringList({
      description:
        'Slugs of training programs already completed. Each also counts as the programs of its field (CIP code) with a credential no higher: a BSN as the associate degree in nursing.',
    }),
    yearsInCurrentRole: t.float({
      description:
        'Years already worked in the starting role; counts toward the first move and toward certifications that accept work experience.',
    }),
    studyLoad: t.field({
      type: StudyLoad,
      description: 'Full-time (the default) or part-time study. @default FULL_TIME',
    }),
    startRoleTrainingCompleted: t.boolean({
      description:
        'Whether the learner completed the training the starting role implies (see Role.impliedPrograms: a medical assistant’s medical assisting program). false for someone who holds the role without it, trained on the job: pathways then ask that training wherever a move, or the route to a certification (the CMA’s), needs it (Role.programsAskedOnTheJob lists it). A licensed role’s training stays done either way: only its approved program leads to the licence. @default true',
    }),
  }),
});

export const PathwayConstraintsInput = builder.inputType('PathwayConstraintsInput', {
  description: 'Limits every returned pathway must respect.',
  fields: (t) => ({
    maxSteps: t.int({ description: 'At most this many moves: 1 or more.' }),
    maxMonths: t.int({
      description:
        'At most this many months in total, as totalMonths counts them: a part of unknown length counts at its least known length, an entry program of no known length at the stand-in its pathway’s summary names, or else 0, so a pathway with one (monthsIncludeUnknowns) passes and may take longer.',
    }),
    maxCostUsd: t.int({
      description:
        'At most this many US dollars in total, counting unknown costs at their documented estimate or stand-in, and a licence fee or training no source describes, which have neither, as $0 (the summary says which).',
    }),
    avoidRoles: t.stringList({
      description:
        'Slugs of roles, or O*NET-SOC codes ("29-2034" means ".00"), the pathway must not pass through or end at.',
    }),
    onlyTracks: t.stringList({ description: 'Slugs of tracks every role after the start must be on.' }),
  }),
});

export type ProfileArg = typeof LearnerProfileInput.$inferInput | null | undefined;
export type ConstraintsArg = typeof PathwayConstraintsInput.$inferInput | null | undefined;

/** Most pathways one query returns. */
export const MAX_PATHWAYS = Math.min(10, MAX_K);

type ArgBuilder = Parameters<Parameters<typeof builder.queryFields>[0]>[0]['arg'];

/** The arguments every pathway search takes: how many, ranked how, for whom, within what limits. */
export const rankingArgs = (arg: ArgBuilder) => ({
  first: arg.int({
    required: true,
    defaultValue: 3,
    description: `How many pathways, best first (1 to ${MAX_PATHWAYS}). @default 3`,
  }),
  rankBy: arg({
    type: PathwayRanking,
    required: true,
    defaultValue: 'FASTEST',
    description: 'What "best" means. @default FASTEST',
  }),
  profile: arg({ type: LearnerProfileInput, description: 'What the learner already holds.' }),
  constraints: arg({ type: PathwayConstraintsInput, description: 'Limits every pathway must respect.' }),
  includeEstimated: arg.boolean({
    required: true,
    defaultValue: false,
    description:
      'Also use moves estimated from O*NET and BLS data (each step says whether it is curated or estimated). @default false',
  }),
  skipDetours: arg.boolean({
    required: true,
    defaultValue: false,
    description:
      'Leave out a pathway that only pads a better one listed before it, no sooner, no cheaper and with no fewer new certifications: at the same months, the same programs, certifications and months in the same roles, through other roles whose moves ask nothing at all; at any months, the better one with stops added that nothing after them uses (a 0-month step through another role that only adds an exam; an EKG course before the same practical nursing program), working at none. A route that works in another role, or whose stop makes a later move ask less, is kept. What a student should be shown; without it, the exact k best (docs/cost-model.md). @default false',
  }),
});

type Lookup = { get(slug: string): number | undefined; slugs: readonly string[] };

/**
 * Dense indices of slugs (matched case-insensitively, ignoring surrounding spaces), or NOT_FOUND
 * naming the unknown ones and suggesting the nearest when there is one.
 */
function resolveSlugs(
  lookup: Lookup,
  slugs: readonly string[],
  what: 'role' | 'track' | 'certification' | 'training program',
  argument: string,
  aliases?: ReadonlyMap<string, string>,
): number[] {
  const found: number[] = [];
  const unknown: string[] = [];
  for (const s of slugs) {
    const i = lookup.get(slugKey(s));
    if (i === undefined) unknown.push(s);
    else found.push(i);
  }
  if (unknown.length) throw unknownSlugs(what, argument, unknown, lookup.slugs, aliases);
  return found;
}

/**
 * The node id of a role slug or an O*NET-SOC code ("29-1141" is "29-1141.00"): an occupation that a
 * curated role is (fit EXACT) is that role's node.
 */
export function nodeId(snapshot: GraphSnapshot, key: string, argument: string): number {
  const code = codeOf(key);
  if (code !== undefined) {
    const id = snapshot.nodeByCode.get(code);
    if (id === undefined) throw unknownOccupation(code, argument);
    return id;
  }
  notQuiteACode(snapshot, key, argument);
  const { index } = snapshot;
  return index.roleIds[resolveSlugs(index.roleBySlug, [key], 'role', argument, snapshot.aliases.role)[0]!]!;
}

/**
 * Refuses a key that starts as a code does but is not one ("29-1141.0"), or is one without its dash
 * ("291126"): no slug looks like that either, and "No role has the slug" helped no one.
 */
function notQuiteACode(snapshot: GraphSnapshot, key: string, argument: string): void {
  if (snapshot.index.roleBySlug.get(key) !== undefined) return; // the dataset's format would allow a slug of digits
  const digits = /^\s*(\d{2})(\d{4})(\.\d{2})?\s*$/.exec(key);
  if (digits)
    throw badInput(
      argument,
      `"${clip(key)}" is not a role slug; as an O*NET-SOC code it is written "${digits[1]}-${digits[2]}${digits[3] ?? '.00'}".`,
    );
  if (/^\s*\d{2}-\d/.test(key))
    throw badInput(
      argument,
      `"${clip(key)}" is not an O*NET-SOC code such as "29-1141.00" or a SOC code such as "29-1141".`,
    );
}

/** The database id of a track, by slug. */
export function trackId(index: GraphIndex, slug: string, argument: string): number {
  return index.trackIds[resolveSlugs(index.trackBySlug, [slug], 'track', argument)[0]!]!;
}

const ids = (values: Float64Array, dense: number[]) => dense.map((d) => values[d]!);

/**
 * Credentials from the least to the highest: the schema's Credential enum (declared in that order),
 * then the doctoral degree only estimated programs have (src/server/estimated-moves.ts).
 */
const CREDENTIAL_RANK: readonly string[] = [...Object.values(Credentials), 'DOCTORAL'];

/**
 * What holding certifications (by id) says was done to earn them, by their eligibility routes: a
 * certification whose every route asks one certification (a licence, its exam) means that one is
 * held too; one whose every route asks a program means a program was completed: the only one, or of
 * several in one field of study (CIP code) the one with the least credential, the least that can be
 * said (the NCLEX-RN's ADN, BSN or bridge: a nursing associate degree). Routes of mixed kinds (work
 * experience, or none at all) say nothing. A nurse holding the RN licence was told to take the
 * practical nursing program, the NCLEX-PN and the bridge to become a registered nurse.
 */
function impliedByHeld(snapshot: GraphSnapshot, held: readonly number[]) {
  const { index } = snapshot;
  const certifications: number[] = [];
  const programs: number[] = [];
  const seen = new Set<number>();
  const queue = held.map((id) => index.certIndexById.get(id)!);
  while (queue.length) {
    const c = queue.pop()!;
    if (seen.has(c)) continue;
    seen.add(c);
    const kinds = new Set<number>();
    const values: number[] = [];
    for (let r = index.certRouteOffsets[c]!; r < index.certRouteOffsets[c + 1]!; r++) {
      kinds.add(index.routeKind[r]!);
      values.push(index.routeValue[r]!);
    }
    if (kinds.size !== 1) continue;
    if (kinds.has(ROUTE_CERTIFICATION) && new Set(values).size === 1) {
      certifications.push(index.certIds[values[0]!]!);
      queue.push(values[0]!);
    } else if (kinds.has(ROUTE_PROGRAM)) {
      const options = values
        .map((p) => index.programIds[p]!)
        .map((id) => ({ id, ...snapshot.names.programs.get(id)! }));
      const fields = new Set(options.map((o) => o.cipCode));
      if (options.length > 1 && (fields.size !== 1 || !options[0]!.cipCode)) continue;
      const least = options.reduce((a, b) =>
        CREDENTIAL_RANK.indexOf(b.credential) < CREDENTIAL_RANK.indexOf(a.credential) ? b : a,
      );
      programs.push(least.id);
    }
  }
  return { certifications, programs };
}

/**
 * `completed` with every program of the same field of study (CIP code) as one of them and a
 * credential no higher: the same award, or a lesser one in the field. A nurse with a BSN (51.3801)
 * was told to take the associate degree in nursing or the LPN-to-RN bridge (both 51.3801) to become
 * a registered nurse. Not a program whose prerequisites are not completed: the engine counts a
 * completed program's prerequisites completed too, so an associate degree in nursing, counted as the
 * bridge, made its practical nursing program done, and a nurse "right away" eligible for the NCLEX-PN.
 */
function withTheirField(
  snapshot: GraphSnapshot,
  completed: readonly number[],
  /** Programs done besides: what the start role implies. */
  besides: readonly number[] = [],
): number[] {
  const out = [...completed];
  const programNames = snapshot.names.programs;
  const { index } = snapshot;
  /** Whether every program `other` asks first is done (or completed with one that is). */
  const prerequisitesDone = (other: number): boolean => {
    const q = index.programIndexById.get(other)!;
    const done = new Set<number>();
    for (const id of [...out, ...besides]) {
      const d = index.programIndexById.get(id);
      if (d === undefined) continue;
      for (let j = index.programTakeOffsets[d]!; j < index.programTakeOffsets[d + 1]!; j++)
        done.add(index.programTake[j]!);
    }
    for (let j = index.programTakeOffsets[q]!; j < index.programTakeOffsets[q + 1]!; j++) {
      const t = index.programTake[j]!;
      if (t !== q && !done.has(t)) return false;
    }
    return true;
  };
  for (const id of completed) {
    const done = programNames.get(id);
    if (!done?.cipCode) continue;
    for (const other of index.programIds) {
      const p = programNames.get(other);
      if (
        p !== undefined &&
        p.cipCode === done.cipCode &&
        CREDENTIAL_RANK.indexOf(p.credential) <= CREDENTIAL_RANK.indexOf(done.credential) &&
        CREDENTIAL_RANK.includes(p.credential) &&
        !out.includes(other) &&
        prerequisitesDone(other)
      )
        out.push(other);
    }
  }
  return out;
}

/** Whether the role at index `role` implies a licence (a licensed practical nurse's). */
function holdsLicence(snapshot: GraphSnapshot, role: number): boolean {
  const { index } = snapshot;
  for (let j = index.roleImpliedCertOffsets[role]!; j < index.roleImpliedCertOffsets[role + 1]!; j++)
    if (snapshot.names.certifications.get(index.certIds[index.roleImpliedCerts[j]!]!)?.kind === 'LICENSE') return true;
  return false;
}

/**
 * The programs a learner trained on the job in the role (profile.startRoleTrainingCompleted: false)
 * is asked again where a move needs them: the role's implied programs, none for a licensed role.
 */
export function programsAskedOnTheJob(snapshot: GraphSnapshot, roleId: number): number[] {
  const { index } = snapshot;
  const role = index.roleIndexById.get(roleId);
  if (role === undefined || holdsLicence(snapshot, role)) return [];
  const out: number[] = [];
  for (let j = index.roleImpliedProgramOffsets[role]!; j < index.roleImpliedProgramOffsets[role + 1]!; j++)
    out.push(index.programIds[index.roleImpliedPrograms[j]!]!);
  return out;
}

/**
 * The learner's profile for the engine. A completed program counts as the programs of its field
 * (withTheirField), and a completed bachelor's or master's program of any kind (a BSN, say) as the
 * dataset's bachelor's degree of any field too, which the graduate entry programs estimated from BLS
 * build on (src/server/estimated-moves.ts): a nurse with a BSN is asked neither the associate degree
 * in nursing nor a second bachelor's on the way to a master's. A held certification counts as what
 * its only ways in ask (impliedByHeld), and those programs as their field too (a licensed practical
 * nurse holding the RN licence was still sent through the bridge), but not as a bachelor's: a
 * licence names no degree (a physician assistant licensed before the master's became the rule).
 */
export function resolveProfile(snapshot: GraphSnapshot, profile: ProfileArg, from: number): Profile | undefined {
  if (!profile) return undefined;
  const { index } = snapshot;
  // What the start role implies done (an LPN's practical nursing program): a program of the same
  // field as a completed one counts only once what it asks first is done.
  const start = index.roleIndexById.get(from);
  const startDone: number[] = [];
  // A licensed role's training stays done whatever the flag: only the approved program leads to its
  // licence (a physician assistant was asked a bachelor's again, which the licence does not name).
  const trained =
    profile.startRoleTrainingCompleted !== false || (start !== undefined && holdsLicence(snapshot, start));
  if (start !== undefined && trained)
    for (let j = index.roleImpliedProgramOffsets[start]!; j < index.roleImpliedProgramOffsets[start + 1]!; j++)
      startDone.push(index.programIds[index.roleImpliedPrograms[j]!]!);
  const years = profile.yearsInCurrentRole;
  // Every bad part of the profile is named at once, in the input's order.
  const [heldSlugs, completedSlugs] = eachArgumentNow(
    () =>
      resolveSlugs(
        index.certBySlug,
        profile.heldCertifications ?? [],
        'certification',
        'profile.heldCertifications',
        snapshot.aliases.certification,
      ),
    () =>
      resolveSlugs(
        index.programBySlug,
        profile.completedPrograms ?? [],
        'training program',
        'profile.completedPrograms',
        snapshot.aliases['training program'],
      ),
    () => {
      if (years != null && !(years >= 0 && years <= 80))
        throw badInput('profile.yearsInCurrentRole', `must be between 0 and 80 (got ${years}).`);
    },
  );
  const completed = withTheirField(snapshot, ids(index.programIds, completedSlugs), startDone);
  const bachelors = index.programBySlug.get(BACHELORS_PROGRAM_SLUG);
  if (
    bachelors !== undefined &&
    completed.some((id) => ['BACHELOR', 'MASTER'].includes(snapshot.names.programs.get(id)?.credential ?? ''))
  ) {
    const id = index.programIds[bachelors]!;
    if (!completed.includes(id)) completed.push(id);
  }
  const held = ids(index.certIds, heldSlugs);
  // Trained on the job: the start role's programs are not done, but what its certifications imply is
  // (none today: a role that implies a licence keeps its training, above).
  const roleCerts: number[] = [];
  if (start !== undefined && !trained)
    for (let j = index.roleImpliedCertOffsets[start]!; j < index.roleImpliedCertOffsets[start + 1]!; j++)
      roleCerts.push(index.certIds[index.roleImpliedCerts[j]!]!);
  const implied = impliedByHeld(snapshot, [...held, ...roleCerts]);
  for (const id of implied.certifications) if (!held.includes(id)) held.push(id);
  for (const id of withTheirField(snapshot, implied.programs, [...startDone, ...completed]))
    if (!completed.includes(id)) completed.push(id);
  return {
    heldCertifications: held,
    completedPrograms: completed,
    yearsInCurrentRole: years ?? 0,
    studyLoad: profile.studyLoad ?? 'FULL_TIME',
    ...(trained ? {} : { startRoleTrainingCompleted: false }),
  };
}

export function resolveConstraints(
  snapshot: GraphSnapshot,
  c: ConstraintsArg,
  includeEstimated: boolean,
): Constraints | undefined {
  if (!c) return undefined;
  const { index } = snapshot;
  for (const name of ['maxSteps', 'maxMonths', 'maxCostUsd'] as const) {
    const value = c[name];
    if (value != null && value < 0) throw badInput(`constraints.${name}`, `must not be negative (got ${value}).`);
  }
  // No pathway has no move: 0 would only answer "no route", which reads as a fact about the roles.
  if (c.maxSteps === 0) throw badInput('constraints.maxSteps', 'must be at least 1: a pathway has at least one move.');
  // Likewise no track at all: every answer would be empty, read as "no route".
  if (c.onlyTracks?.length === 0)
    throw badInput('constraints.onlyTracks', 'must name at least one track (or leave it out to allow every track).');
  return {
    maxSteps: c.maxSteps ?? undefined,
    maxMonths: c.maxMonths ?? undefined,
    maxCostUsd: c.maxCostUsd ?? undefined,
    avoidRoles: avoidedIds(snapshot, c.avoidRoles ?? []),
    onlyTracks: c.onlyTracks ? onlyTrackIds(index, c.onlyTracks, includeEstimated) : undefined,
  };
}

/**
 * avoidRoles' node ids: an O*NET-SOC or SOC code as `from` and `to` take it (nodeId: "29-1126" is
 * "29-1126.00", and an occupation a curated role is, that role), anything else a role slug; every
 * unknown one named at once.
 */
function avoidedIds(snapshot: GraphSnapshot, keys: readonly string[]): number[] {
  const { index } = snapshot;
  const byCode: number[] = [];
  const slugs: string[] = [];
  const unknownCodes: string[] = [];
  for (const key of keys) {
    const code = codeOf(key);
    if (code === undefined) {
      notQuiteACode(snapshot, key, 'constraints.avoidRoles');
      slugs.push(key);
      continue;
    }
    const id = snapshot.nodeByCode.get(code);
    if (id === undefined) unknownCodes.push(code);
    else byCode.push(id);
  }
  const bySlug = ids(
    index.roleIds,
    resolveSlugs(index.roleBySlug, slugs, 'role', 'constraints.avoidRoles', snapshot.aliases.role),
  );
  // A code no occupation has was reported as a role slug no role has; every one named at once.
  if (unknownCodes.length > 0) throw unknownOccupation(unknownCodes, 'constraints.avoidRoles');
  return [...byCode, ...bySlug];
}

/**
 * onlyTracks' track ids. Without includeEstimated every role after the start is curated, so tracks of
 * O*NET major groups alone (negative ids) would answer nothing, read as "no route": refused, as
 * toTrack names one (pathway.ts, curatedTrackUnlessEstimated).
 */
function onlyTrackIds(index: GraphIndex, slugs: readonly string[], includeEstimated: boolean): number[] {
  const tracks = ids(index.trackIds, resolveSlugs(index.trackBySlug, slugs, 'track', 'constraints.onlyTracks'));
  if (!includeEstimated && tracks.every((t) => t < 0))
    throw badInput(
      'constraints.onlyTracks',
      'names only O*NET major-group tracks, which only estimated moves reach: ask with includeEstimated: true, or name a track of curated roles.',
    );
  return tracks;
}

/**
 * Refuses avoiding the start or the goal: a pathway that may not start or end where it must would
 * be none, and an empty answer would read as "no route".
 */
export function checkAvoided(
  index: GraphIndex,
  constraints: Constraints | undefined,
  ends: { from: number; to?: number; toTrack?: number },
): void {
  for (const [end, id] of [
    ['start', ends.from],
    ['goal', ends.to],
  ] as const) {
    if (id === undefined || !constraints?.avoidRoles?.includes(id)) continue;
    const slug = index.roleSlugs[index.roleIndexById.get(id)!];
    throw badInput('constraints.avoidRoles', `names the ${end} itself ("${slug}"); a pathway cannot avoid it.`);
  }
  // The goal must be on a track onlyTracks allows, as every role after the start must: otherwise the
  // answer was an empty list, read as "no way to become a registered nurse".
  const only = constraints?.onlyTracks;
  if (only === undefined) return;
  const goalTrack =
    ends.to !== undefined
      ? index.trackIds[index.roleTrack[index.roleIndexById.get(ends.to)!]!]!
      : (ends.toTrack ?? undefined);
  if (goalTrack === undefined || only.includes(goalTrack)) return;
  const slug = index.trackSlugs[index.trackIndexById.get(goalTrack)!];
  throw badInput(
    'constraints.onlyTracks',
    ends.to !== undefined
      ? `leaves out the goal's own track ("${slug}"): every role after the start, the goal included, must be on one of its tracks.`
      : `leaves out the goal track "${slug}" itself: every role after the start must be on one of its tracks.`,
  );
}

/** Checks `first` against the cap, whatever else the query selects. */
export function checkFirst(first: number): void {
  if (first < 1 || first > MAX_PATHWAYS)
    throw badInput('first', `must be between 1 and ${MAX_PATHWAYS} (got ${first}).`);
}

/** Runs an engine search, turning its errors into client errors with codes. */
export function runSearch<T>(
  search: () => T,
  /** What else narrows this question ("ask for fewer pathways (first)"): reachableRoles has no `first`. */
  narrower?: string,
): T {
  try {
    return search();
  } catch (error) {
    if (error instanceof SearchBudgetExceeded)
      throw new GraphQLError(narrower ? `${error.message.slice(0, -1)}, or ${narrower}.` : error.message, {
        extensions: { code: 'SEARCH_BUDGET_EXCEEDED', workBudget: error.workBudget },
      });
    if (error instanceof InvalidQueryError)
      throw new GraphQLError(error.message, { extensions: { code: 'BAD_USER_INPUT' } });
    throw error;
  }
}

/** The snapshot a request searches: the index and what its words need. */
export type Snapshot = GraphSnapshot;
