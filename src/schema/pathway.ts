/**
 * Pathways: ranked, constrained multi-step routes between roles, computed by the engine in
 * src/graph and returned with the rows they mention (loaded once per request, not per step).
 */
import { queryFromInfo } from '@pothos/plugin-prisma';
import { GraphQLError, type GraphQLResolveInfo } from 'graphql';
import type {
  Certification as CertificationRow,
  Role as RoleRow,
  TrainingProgram as ProgramRow,
  Transition as TransitionRow,
} from '../generated/prisma/client.js';
import {
  type Constraints,
  findPathways,
  InvalidQueryError,
  type Pathway as EnginePathway,
  type PathwayStep as EngineStep,
  type Profile,
  type RankBy,
  type RequirementChoice as EngineChoice,
  reachableRoles,
  SearchBudgetExceeded,
} from '../graph/index.js';
import { costs } from './cost.js';
import { builder, type Context } from './builder.js';
import { Certification } from './certification.js';
import { badInput, notFound } from './errors.js';
import { Role } from './role.js';
import { TrainingProgram } from './training-program.js';
import { Transition } from './transition.js';

export const PathwayRanking = builder.enumType('PathwayRanking', {
  description: 'What makes one pathway better than another. Ties fall to the other measures, then to the route.',
  values: {
    FASTEST: { description: 'Fewest total months.' },
    CHEAPEST: { description: 'Fewest total US dollars (training and exam fees).' },
    FEWEST_NEW_CERTIFICATIONS: { description: 'Fewest certifications to earn along the way.' },
    FEWEST_STEPS: { description: 'Fewest moves.' },
  } as const,
});

export const LearnerProfileInput = builder.inputType('LearnerProfileInput', {
  description: 'What the learner already has; a held certification or completed program is never paid for twice.',
  fields: (t) => ({
    heldCertifications: t.stringList({ description: 'Slugs of certifications already held, e.g. ["ccma"].' }),
    completedPrograms: t.stringList({ description: 'Slugs of training programs already completed.' }),
    yearsInCurrentRole: t.float({
      description: 'Years already worked in the starting role; counts toward the first move.',
    }),
  }),
});

export const PathwayConstraintsInput = builder.inputType('PathwayConstraintsInput', {
  description: 'Limits every returned pathway must respect.',
  fields: (t) => ({
    maxSteps: t.int({ description: 'At most this many moves.' }),
    maxMonths: t.int({ description: 'At most this many months in total.' }),
    maxCostUsd: t.int({ description: 'At most this many US dollars in total.' }),
    avoidRoles: t.stringList({ description: 'Slugs of roles the pathway must not pass through or end at.' }),
    onlyTracks: t.stringList({ description: 'Slugs of tracks every role after the start must be on.' }),
  }),
});

type ProfileArg = typeof LearnerProfileInput.$inferInput | null | undefined;
type ConstraintsArg = typeof PathwayConstraintsInput.$inferInput | null | undefined;

/** The rows a set of pathways mentions, loaded once with what the request selects under them. */
export type PathwayRows = {
  roles: Map<number, RoleRow>;
  transitions: Map<number, TransitionRow>;
  certifications: Map<number, CertificationRow>;
  programs: Map<number, ProgramRow>;
};
type PathwayResult = { pathway: EnginePathway; rows: PathwayRows };
type StepResult = { step: EngineStep; rows: PathwayRows };
type ChoiceResult = { choice: EngineChoice; rows: PathwayRows };

const get = <T>(map: Map<number, T>, id: number): T => {
  const row = map.get(id);
  if (!row) throw new Error(`internal: row ${id} was not loaded`);
  return row;
};

const years = (months: number) =>
  months % 12 === 0 ? `${months / 12} year${months === 12 ? '' : 's'}` : `${months} months`;
const usd = (amount: number) => `$${amount.toLocaleString('en-US')}`;
const list = (items: string[]) =>
  items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;

/** What a step involves, in words an advisor can read aloud. */
export function explainStep(step: EngineStep, rows: PathwayRows): string {
  const from = get(rows.roles, step.fromRoleId).title;
  const to = get(rows.roles, step.toRoleId).title;
  const parts: string[] = [];
  if (step.experienceMonths > 0) parts.push(`work ${years(step.experienceMonths)} as ${from}`);
  for (const id of step.programsToComplete) {
    const p = get(rows.programs, id);
    parts.push(
      `complete ${p.name} (${years(p.minMonths)}${p.typicalCostUsd != null ? `, about ${usd(p.typicalCostUsd)}` : ''})`,
    );
  }
  for (const choice of step.requirementChoices) {
    const name = get(rows.certifications, choice.satisfiedBy).acronym;
    if (choice.alreadyHeld) continue;
    const alternatives = choice.anyOf
      .filter((c) => c !== choice.satisfiedBy)
      .map((c) => get(rows.certifications, c).acronym);
    parts.push(`earn the ${name}${alternatives.length ? ` (or ${list(alternatives).replace(/ and /, ' or ')})` : ''}`);
  }
  const held = step.requirementChoices
    .filter((c) => c.alreadyHeld)
    .map((c) => get(rows.certifications, c.satisfiedBy).acronym);
  const what = parts.length ? `${list(parts)}` : 'no further requirements';
  const timing =
    step.months === 0
      ? 'This can happen right away'
      : `This takes about ${years(step.months)} (months ${step.startMonth}-${step.endMonth})`;
  const cost = step.costUsd > 0 ? ` and costs about ${usd(step.costUsd)}` : '';
  return (
    `To move from ${from} to ${to}: ${what}.` +
    (held.length ? ` Already held: ${list(held)}.` : '') +
    ` ${timing}${cost}.`
  );
}

/** The whole pathway in one paragraph. */
export function summarize(pathway: EnginePathway, rows: PathwayRows): string {
  const route = pathway.roleIds.map((id) => get(rows.roles, id).title).join(' → ');
  const earn = pathway.certificationsToEarn.map((id) => get(rows.certifications, id).acronym);
  const sentences = [
    `${route}: ${pathway.stepCount} move${pathway.stepCount === 1 ? '' : 's'} over about ${years(pathway.totalMonths)}` +
      `${pathway.totalCostUsd > 0 ? `, costing about ${usd(pathway.totalCostUsd)} in training and exam fees` : ''}` +
      `${pathway.costIncludesUnknowns ? ' (some costs are unknown and not counted)' : ''}.`,
    earn.length ? `Certifications to earn: ${list(earn)}.` : 'No new certifications are needed.',
  ];
  if (pathway.crossesTracks) {
    const tracks = [...new Set(pathway.roleIds.map((id) => get(rows.roles, id).trackId))];
    sentences.push(`It crosses tracks (${tracks.length} tracks along the way).`);
  }
  return sentences.join(' ');
}

const RequirementChoiceRef = builder.objectRef<ChoiceResult>('RequirementChoice').implement({
  description: 'One requirement group of a step, and the certification chosen to satisfy it on this pathway.',
  fields: (t) => ({
    anyOf: t.field({
      type: [Certification],
      description: 'The group’s alternatives, cheapest exam first.',
      resolve: ({ choice, rows }) => choice.anyOf.map((id) => get(rows.certifications, id)),
    }),
    satisfiedBy: t.field({
      type: Certification,
      description: 'The certification that satisfies the group on this pathway.',
      resolve: ({ choice, rows }) => get(rows.certifications, choice.satisfiedBy),
    }),
    alreadyHeld: t.boolean({
      description: 'True when it was held before this step (from the profile or an earlier step).',
      resolve: ({ choice }) => choice.alreadyHeld,
    }),
  }),
});

const PathwayStepRef = builder.objectRef<StepResult>('PathwayStep').implement({
  description: 'One move of a pathway, with when it happens and what its months and dollars are made of.',
  fields: (t) => ({
    transition: t.field({
      type: Transition,
      description: 'The move.',
      resolve: ({ step, rows }) => get(rows.transitions, step.transitionId),
    }),
    from: t.field({
      type: Role,
      description: 'The role the step starts from.',
      resolve: ({ step, rows }) => get(rows.roles, step.fromRoleId),
    }),
    to: t.field({
      type: Role,
      description: 'The role the step leads to.',
      resolve: ({ step, rows }) => get(rows.roles, step.toRoleId),
    }),
    crossesTracks: t.boolean({
      description: 'True when the step changes track.',
      resolve: ({ step }) => step.crossesTracks,
    }),
    startMonth: t.int({
      description: 'Month the step starts, counted from the start of the pathway.',
      resolve: ({ step }) => step.startMonth,
    }),
    endMonth: t.int({ description: 'Month the step is complete.', resolve: ({ step }) => step.endMonth }),
    months: t.int({
      description: 'Months the step takes: experience, then training.',
      resolve: ({ step }) => step.months,
    }),
    experienceMonths: t.int({
      description: 'Months of experience still to gain in the starting role.',
      resolve: ({ step }) => step.experienceMonths,
    }),
    trainingMonths: t.int({
      description: 'Months of required training not yet completed, at its shortest typical length.',
      resolve: ({ step }) => step.trainingMonths,
    }),
    costUsd: t.int({
      description: 'US dollars the step costs: training, then exam fees.',
      resolve: ({ step }) => step.costUsd,
    }),
    trainingCostUsd: t.int({
      description: 'Typical cost of the training to complete.',
      resolve: ({ step }) => step.trainingCostUsd,
    }),
    examFeesUsd: t.int({
      description: 'Exam fees of the certifications to earn.',
      resolve: ({ step }) => step.examFeesUsd,
    }),
    certificationsToEarn: t.field({
      type: [Certification],
      description: 'Certifications earned on this step.',
      resolve: ({ step, rows }) => step.certificationsToEarn.map((id) => get(rows.certifications, id)),
    }),
    training: t.field({
      type: [TrainingProgram],
      description: 'Training completed on this step (required and not already completed).',
      resolve: ({ step, rows }) => step.programsToComplete.map((id) => get(rows.programs, id)),
    }),
    requirements: t.field({
      type: [RequirementChoiceRef],
      description: 'Every requirement group of the move, with the certification that satisfies it.',
      resolve: ({ step, rows }) => step.requirementChoices.map((choice) => ({ choice, rows })),
    }),
    explanation: t.string({
      description: 'What the step involves, in a sentence or two an advisor can read aloud.',
      resolve: ({ step, rows }) => explainStep(step, rows),
    }),
  }),
});

export const PathwayRef = builder.objectRef<PathwayResult>('Pathway').implement({
  description: 'A route from one role to another: its moves, how long it takes, what it costs and what must be earned.',
  fields: (t) => ({
    steps: t.field({
      type: [PathwayStepRef],
      description: 'The moves, in order.',
      resolve: ({ pathway, rows }) => pathway.steps.map((step) => ({ step, rows })),
    }),
    roles: t.field({
      type: [Role],
      description: 'The start role, then the role each move leads to.',
      resolve: ({ pathway, rows }) => pathway.roleIds.map((id) => get(rows.roles, id)),
    }),
    totalMonths: t.int({ description: 'Months from start to finish.', resolve: ({ pathway }) => pathway.totalMonths }),
    totalCostUsd: t.int({
      description: 'US dollars in training and exam fees.',
      resolve: ({ pathway }) => pathway.totalCostUsd,
    }),
    totalTrainingCostUsd: t.int({
      description: 'Of which training.',
      resolve: ({ pathway }) => pathway.totalTrainingCostUsd,
    }),
    totalExamFeesUsd: t.int({ description: 'Of which exam fees.', resolve: ({ pathway }) => pathway.totalExamFeesUsd }),
    costIncludesUnknowns: t.boolean({
      description: 'True when a program cost or exam fee on the route is unknown and counted as 0.',
      resolve: ({ pathway }) => pathway.costIncludesUnknowns,
    }),
    certificationsToEarn: t.field({
      type: [Certification],
      description: 'Every certification to earn along the way, in order.',
      resolve: ({ pathway, rows }) => pathway.certificationsToEarn.map((id) => get(rows.certifications, id)),
    }),
    stepCount: t.int({ description: 'Number of moves.', resolve: ({ pathway }) => pathway.stepCount }),
    crossesTracks: t.boolean({
      description: 'True when any move changes track.',
      resolve: ({ pathway }) => pathway.crossesTracks,
    }),
    summary: t.string({
      description: 'The pathway in one paragraph.',
      resolve: ({ pathway, rows }) => summarize(pathway, rows),
    }),
  }),
});

type ReachableResult = {
  roleId: number;
  earliestMonth: number;
  stepCount: number;
  pathway: EnginePathway;
  rows: PathwayRows;
};

const ReachableRoleRef = builder.objectRef<ReachableResult>('ReachableRole').implement({
  description: 'A role within reach, with the earliest month it can be reached and the pathway that gets there then.',
  fields: (t) => ({
    role: t.field({ type: Role, description: 'The role.', resolve: (r) => get(r.rows.roles, r.roleId) }),
    earliestMonth: t.int({
      description: 'The earliest month the role can be reached.',
      resolve: (r) => r.earliestMonth,
    }),
    stepCount: t.int({ description: 'Moves on that pathway.', resolve: (r) => r.stepCount }),
    pathway: t.field({
      type: PathwayRef,
      description: 'The pathway reaching the role earliest (fewest moves among equals).',
      resolve: (r) => ({ pathway: r.pathway, rows: r.rows }),
    }),
  }),
});

// ---- resolving arguments ------------------------------------------------------------------

type Db = Context['prisma'];

async function idsBySlug(
  find: (slugs: string[]) => Promise<{ id: number; slug: string }[]>,
  slugs: readonly string[],
  what: string,
  argument: string,
): Promise<number[]> {
  if (slugs.length === 0) return [];
  const rows = await find([...new Set(slugs)]);
  const ids = new Map(rows.map((r) => [r.slug, r.id]));
  const missing = slugs.filter((s) => !ids.has(s));
  if (missing.length) throw notFound(what, missing.join('", "'), argument);
  return slugs.map((s) => ids.get(s)!);
}

const select = { select: { id: true, slug: true } } as const;
export const roleIds = (db: Db, slugs: readonly string[], argument: string) =>
  idsBySlug((s) => db.role.findMany({ where: { slug: { in: s } }, ...select }), slugs, 'role', argument);
export const trackIds = (db: Db, slugs: readonly string[], argument: string) =>
  idsBySlug((s) => db.track.findMany({ where: { slug: { in: s } }, ...select }), slugs, 'track', argument);

export async function resolveProfile(db: Db, profile: ProfileArg): Promise<Profile | undefined> {
  if (!profile) return undefined;
  if (profile.yearsInCurrentRole != null && !(profile.yearsInCurrentRole >= 0))
    throw badInput('profile.yearsInCurrentRole', 'must not be negative.');
  return {
    heldCertifications: await idsBySlug(
      (s) => db.certification.findMany({ where: { slug: { in: s } }, ...select }),
      profile.heldCertifications ?? [],
      'certification',
      'profile.heldCertifications',
    ),
    completedPrograms: await idsBySlug(
      (s) => db.trainingProgram.findMany({ where: { slug: { in: s } }, ...select }),
      profile.completedPrograms ?? [],
      'training program',
      'profile.completedPrograms',
    ),
    yearsInCurrentRole: profile.yearsInCurrentRole ?? 0,
  };
}

export async function resolveConstraints(db: Db, c: ConstraintsArg): Promise<Constraints | undefined> {
  if (!c) return undefined;
  for (const name of ['maxSteps', 'maxMonths', 'maxCostUsd'] as const) {
    const value = c[name];
    if (value != null && value < 0) throw badInput(`constraints.${name}`, `must not be negative (got ${value}).`);
  }
  return {
    maxSteps: c.maxSteps ?? undefined,
    maxMonths: c.maxMonths ?? undefined,
    maxCostUsd: c.maxCostUsd ?? undefined,
    avoidRoles: await roleIds(db, c.avoidRoles ?? [], 'constraints.avoidRoles'),
    onlyTracks: c.onlyTracks ? await trackIds(db, c.onlyTracks, 'constraints.onlyTracks') : undefined,
  };
}

/** Runs an engine search, turning its errors into client errors with codes. */
export function runSearch<T>(search: () => T): T {
  try {
    return search();
  } catch (error) {
    if (error instanceof SearchBudgetExceeded)
      throw new GraphQLError(error.message, {
        extensions: { code: 'SEARCH_BUDGET_EXCEEDED', workBudget: error.workBudget },
      });
    if (error instanceof InvalidQueryError)
      throw new GraphQLError(error.message, { extensions: { code: 'BAD_USER_INPUT' } });
    throw error;
  }
}

type Path = readonly string[];

/**
 * Loads every row the pathways mention in one query per table, with the nested selections the
 * request makes under them (`prefix` is where the pathways sit relative to the current field).
 */
export async function loadRows(
  context: Context,
  info: GraphQLResolveInfo,
  pathways: EnginePathway[],
  prefix: Path,
  extraRoleIds: number[] = [],
  extraRolePaths: Path[] = [],
): Promise<PathwayRows> {
  const at = (...paths: Path[]) => paths.map((p) => [...prefix, ...p]);
  const plan = (typeName: 'Role' | 'Transition' | 'Certification' | 'TrainingProgram', paths: string[][]) =>
    queryFromInfo({ context, info, typeName, paths }) as { include?: object };
  const steps = pathways.flatMap((p) => p.steps);
  const roleIds = [...new Set([...pathways.flatMap((p) => p.roleIds), ...extraRoleIds])];
  const transitionIds = [...new Set(steps.map((s) => s.transitionId))];
  const certIds = [...new Set(steps.flatMap((s) => s.requirementChoices.flatMap((c) => c.anyOf)))];
  const programIds = [...new Set(steps.flatMap((s) => s.programsToComplete))];
  const { prisma } = context;
  const [roles, transitions, certifications, programs] = [
    await prisma.role.findMany({
      where: { id: { in: roleIds } },
      ...plan('Role', [...at(['roles'], ['steps', 'from'], ['steps', 'to']), ...extraRolePaths.map((p) => [...p])]),
    }),
    await prisma.transition.findMany({
      where: { id: { in: transitionIds } },
      ...plan('Transition', at(['steps', 'transition'])),
    }),
    await prisma.certification.findMany({
      where: { id: { in: certIds } },
      ...plan(
        'Certification',
        at(
          ['certificationsToEarn'],
          ['steps', 'certificationsToEarn'],
          ['steps', 'requirements', 'anyOf'],
          ['steps', 'requirements', 'satisfiedBy'],
        ),
      ),
    }),
    await prisma.trainingProgram.findMany({
      where: { id: { in: programIds } },
      ...plan('TrainingProgram', at(['steps', 'training'])),
    }),
  ];
  const byId = <T extends { id: number }>(rows: T[]) => new Map(rows.map((r) => [r.id, r]));
  return {
    roles: byId(roles),
    transitions: byId(transitions),
    certifications: byId(certifications),
    programs: byId(programs),
  };
}

export const MAX_PATHWAYS = 10;

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
});

/** Validates the shared pathway arguments, runs the search and loads what the results mention. */
export async function searchPathways(
  context: Context,
  info: GraphQLResolveInfo,
  query: {
    from: number;
    to?: number;
    toTrack?: number;
    first: number;
    rankBy: RankBy;
    profile?: ProfileArg;
    constraints?: ConstraintsArg;
  },
): Promise<PathwayResult[]> {
  if (query.first < 1 || query.first > MAX_PATHWAYS)
    throw badInput('first', `must be between 1 and ${MAX_PATHWAYS} (got ${query.first}).`);
  const profile = await resolveProfile(context.prisma, query.profile);
  const constraints = await resolveConstraints(context.prisma, query.constraints);
  const index = await context.graph.current();
  const found = runSearch(() =>
    findPathways(index, {
      from: query.from,
      to: query.to,
      toTrack: query.toTrack,
      k: query.first,
      rankBy: query.rankBy,
      profile,
      constraints,
    }),
  );
  const rows = await loadRows(context, info, found, []);
  return found.map((pathway) => ({ pathway, rows }));
}

builder.queryFields((t) => ({
  pathways: t.field({
    type: [PathwayRef],
    description:
      'The best pathways from a role to a role (`to`) or to any role of a track (`toTrack`), ranked, within the constraints, given what the learner already holds. An empty list when there is none.',
    args: {
      from: t.arg.string({ required: true, description: 'Slug of the starting role.' }),
      to: t.arg.string({ description: 'Slug of the target role (or give toTrack).' }),
      toTrack: t.arg.string({
        description: 'Slug of the target track: any role of it other than the start (or give to).',
      }),
      ...rankingArgs(t.arg),
    },
    complexity: costs(100), // a search over the pathway graph, far more than a row read (src/schema/cost.ts)
    resolve: async (_root, args, context, info) => {
      const { prisma } = context;
      if ((args.to == null) === (args.toTrack == null)) throw badInput('to', 'give exactly one of "to" and "toTrack".');
      const [from] = await roleIds(prisma, [args.from], 'from');
      const to = args.to != null ? (await roleIds(prisma, [args.to], 'to'))[0] : undefined;
      const toTrack = args.toTrack != null ? (await trackIds(prisma, [args.toTrack], 'toTrack'))[0] : undefined;
      return searchPathways(context, info, { ...args, from: from!, to, toTrack, rankBy: args.rankBy as RankBy });
    },
  }),
  reachableRoles: t.field({
    type: [ReachableRoleRef],
    description:
      'Every role reachable from a role within a number of months, earliest first, each with the pathway that reaches it then.',
    args: {
      from: t.arg.string({ required: true, description: 'Slug of the starting role.' }),
      withinMonths: t.arg.int({ required: true, description: 'The horizon in months (0 to 600).' }),
      profile: t.arg({ type: LearnerProfileInput, description: 'What the learner already holds.' }),
      constraints: t.arg({ type: PathwayConstraintsInput, description: 'Limits every pathway must respect.' }),
    },
    complexity: costs(250), // a search for every role within reach (src/schema/cost.ts)
    resolve: async (_root, args, context, info) => {
      const { prisma } = context;
      if (args.withinMonths < 0 || args.withinMonths > 600)
        throw badInput('withinMonths', `must be between 0 and 600 (got ${args.withinMonths}).`);
      const [from] = await roleIds(prisma, [args.from], 'from');
      const profile = await resolveProfile(prisma, args.profile);
      const constraints = await resolveConstraints(prisma, args.constraints);
      const index = await context.graph.current();
      const reached = runSearch(() =>
        reachableRoles(index, { from: from!, withinMonths: args.withinMonths, profile, constraints }),
      );
      const pathways = reached.map((r) => r.pathway());
      const rows = await loadRows(context, info, pathways, ['pathway'], [], [['role']]);
      return reached.map((r, i) => ({
        roleId: r.roleId,
        earliestMonth: r.earliestMonth,
        stepCount: r.stepCount,
        pathway: pathways[i]!,
        rows,
      }));
    },
  }),
}));
