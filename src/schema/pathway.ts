/**
 * Pathways: ranked, constrained multi-step routes between roles, computed by the engine in
 * src/graph from the in-memory index (a repeated search from memory: search-cache.ts), in words
 * from src/graph/explain.ts, with the database rows they mention loaded once per request and only
 * when the request selects them.
 */
import { queryFromInfo } from '@pothos/plugin-prisma';
import { type FieldNode, type GraphQLResolveInfo, Kind, type SelectionSetNode } from 'graphql';
import { columnsOnly, type RowTable } from '../db/row-cache.js';
import type {
  Certification as CertificationRow,
  Occupation as OccupationRow,
  Role as RoleRow,
  TrainingProgram as ProgramRow,
  Transition as TransitionRow,
} from '../generated/prisma/client.js';
import { bachelorsCountedIn } from '../graph/entry-programs.js';
import {
  explainStep,
  passesThrough,
  pathwayMonthsUpTo,
  stepMonthsUpTo,
  leastLengthOnly,
  lengthUnknown,
  pathwayUntimedParts,
  type Names,
  routeMetBefore,
  untimedParts,
  summarize,
  unknownName,
} from '../graph/explain.js';
import {
  DETOUR_SEARCH_FACTOR,
  MAX_K,
  type Pathway as EnginePathway,
  type PathwayStep as EngineStep,
  type PathwayQuery,
  type Profile,
  type ProgramNotNeeded,
  type ProgramTaken,
  type RankBy,
  reachableRoles,
  type RequirementChoice as EngineChoice,
  SearchBudgetExceeded,
  type RouteUse,
  type UnknownCost as EngineUnknown,
  withoutDetours,
} from '../graph/index.js';
import { searchCost } from './cost.js';
import { cachedFindPathways } from './search-cache.js';
import { builder, type Context } from './builder.js';
import { CareerNode } from './career-node.js';
import { Certification } from './certification.js';
import { badInput, eachArgument, slugKey } from './errors.js';
import {
  checkFirst,
  type ConstraintsArg,
  LearnerProfileInput,
  PathwayConstraintsInput,
  type ProfileArg,
  rankingArgs,
  checkAvoided,
  MAX_PATHWAYS,
  resolveConstraints,
  resolveProfile,
  nodeId,
  runSearch,
  type Snapshot,
  StudyLoad,
  trackId,
} from './pathway-inputs.js';
import { BACHELORS_PROGRAM_SLUG, type GraphSnapshot } from './snapshot.js';
import { Role } from './role.js';
import { TrainingProgram } from './training-program.js';
import { Transition } from './transition.js';
import { estimateOf, namesOf } from './pathway-names.js';

export { rankingArgs } from './pathway-inputs.js';

/** The rows a set of pathways mentions that the request selects, loaded once. */
type PathwayRows = {
  roles: Map<number, RoleRow>;
  /** The places pathways pass through, by node id: curated roles' rows and occupations' rows. */
  nodes: Map<number, RoleRow | OccupationRow>;
  transitions: Map<number, TransitionRow>;
  certifications: Map<number, CertificationRow>;
  programs: Map<number, ProgramRow>;
};
/** What every object of an answer shares: the snapshot searched, its names, the rows loaded. */
type Shared = {
  snapshot: Snapshot;
  names: Names;
  rows: PathwayRows;
  load: 'FULL_TIME' | 'PART_TIME';
  /** The learner's profile counts a bachelor's degree (heldBachelorsNote). */
  bachelorsHeld: boolean;
};

/** Whether a resolved profile counts the dataset's bachelor's degree of any field. */
const holdsBachelors = (snapshot: Snapshot, profile: Profile | undefined) => {
  const b = snapshot.index.programBySlug.get(BACHELORS_PROGRAM_SLUG);
  return b !== undefined && (profile?.completedPrograms ?? []).includes(snapshot.index.programIds[b]!);
};

/**
 * A bachelor's the learner holds is not counted on a move out of an O*NET occupation into a
 * graduate degree (docs/cost-model.md, "Entry education": a prerequisite shared by thousands of
 * moves nearly doubled the searches' p95), and the words did not say so: a nursing assistant with a
 * bachelor's read 60 months to occupational therapists. '' when it does not apply.
 */
function heldBachelorsNote(steps: readonly EngineStep[], shared: Shared): string {
  if (!shared.bachelorsHeld || !steps.some((s) => s.programs.some((p) => bachelorsCountedIn(p.programId)))) return '';
  return ' The bachelor’s degree you hold is not counted on a move out of an O*NET occupation into a graduate program (its 4 years are counted again here): start from the curated role nearest your job to have it counted.';
}
type PathwayResult = { pathway: EnginePathway; shared: Shared };
type StepResult = {
  step: EngineStep;
  next?: EngineStep;
  later?: readonly EngineStep[];
  /** The steps before it on its pathway. */
  earlier?: readonly EngineStep[];
  shared: Shared;
};
type ChoiceResult = { choice: EngineChoice; step: EngineStep; shared: Shared };
type RouteResult = { route: RouteUse; step: EngineStep; shared: Shared };
type ProgramResult = { taken: ProgramTaken; shared: Shared };
type UnknownResult = { cost: EngineUnknown; shared: Shared };

const get = <T>(map: Map<number, T>, id: number): T => {
  const row = map.get(id);
  if (!row) throw new Error(`internal: row ${id} was not loaded`);
  return row;
};
const dollars = (usd: number) => Math.round(usd);
/** The curated role of a node; null for an occupation no curated role stands for. */
const roleOf = (shared: Shared, id: number): RoleRow | null =>
  shared.snapshot.occupationOfNode.has(id) ? null : get(shared.rows.roles, id);
/** Programs estimated from BLS (src/server/estimated-moves.ts) have negative ids and no row. */
const curatedProgram = (id: number) => id >= 0;

const MoveBasis = builder.enumType('MoveBasis', {
  description: 'Where a move and its requirements come from.',
  values: {
    CURATED: { description: 'A move the curated dataset describes, from its cited sources.' },
    ESTIMATED: {
      description: 'A move estimated from O*NET related occupations and BLS education and training data.',
    },
  } as const,
});

const UnknownCostKind = builder.enumType('UnknownCostKind', {
  description: 'What kind of cost is unknown.',
  values: {
    TUITION: { description: 'A training program’s tuition.' },
    TRAINING: {
      description:
        'Whatever a curated move may ask that no source describes (a medical assistant’s specialty training or certification, see the move’s `unknownTraining`): its cost, if any.',
    },
    EXAM_FEE: {
      description:
        'A certification’s exam fee or a licence’s fee; or, on an estimated move, the fees of whatever certifications and licences it asks, which the data loaded does not name.',
    },
  } as const,
});

const UnknownCostRef = builder.objectRef<UnknownResult>('UnknownCost').implement({
  description:
    'A cost no source gives. It is never counted as known dollars; its documented estimate (when there is one) is used only to rank pathways and to check maxCostUsd.',
  fields: (t) => ({
    kind: t.field({
      type: UnknownCostKind,
      description: 'Tuition, undescribed training, or a fee.',
      resolve: ({ cost }) => (cost.kind === 'PROGRAM' ? 'TUITION' : cost.kind === 'TRAINING' ? 'TRAINING' : 'EXAM_FEE'),
    }),
    description: t.string({
      description: 'What is unknown, in words ("the tuition of the associate degree in nursing").',
      resolve: ({ cost, shared }) => unknownName(shared.names, cost),
    }),
    program: t.field({
      type: TrainingProgram,
      nullable: true,
      description:
        'The program whose tuition is unknown; null for a program an estimated move assumes (see `description`).',
      resolve: ({ cost, shared }) =>
        cost.kind === 'PROGRAM' && curatedProgram(cost.id) ? get(shared.rows.programs, cost.id) : null,
    }),
    certification: t.field({
      type: Certification,
      nullable: true,
      description:
        'The certification or licence whose fee is unknown; null for an estimated move’s fees, whose certifications the data does not name.',
      resolve: ({ cost, shared }) => (cost.kind === 'EXAM' ? get(shared.rows.certifications, cost.id) : null),
    }),
    estimateUsd: t.int({
      nullable: true,
      description:
        'What the part counts for ranking and maxCostUsd, in US dollars: an estimate, or a stand-in when too few figures are known (see standIn); null when there is none.',
      resolve: ({ cost }) => (cost.estimateUsd === null ? null : dollars(cost.estimateUsd)),
    }),
    standIn: t.boolean({
      description:
        'True when estimateUsd comes from fewer than three known figures (another item’s price, say): it keeps the part from ranking a pathway cheaper, and is not an estimate of what the part costs.',
      resolve: ({ cost, shared }) => {
        const estimate = estimateOf(shared.snapshot.programEstimates, shared.snapshot.feeEstimates, cost);
        return estimate?.standIn ?? false;
      },
    }),
    estimateBasis: t.string({
      nullable: true,
      description: 'How the estimate was made (docs/cost-model.md).',
      resolve: ({ cost, shared }) =>
        estimateOf(shared.snapshot.programEstimates, shared.snapshot.feeEstimates, cost)?.basis ?? null,
    }),
  }),
});

const EligibilityRouteKind = builder.enumType('EligibilityRouteKind', {
  description: 'How a certification was made eligible to earn.',
  values: {
    NO_PREREQUISITE: { description: 'The certification has no prerequisite.' },
    PROGRAM: { description: 'By completing a training program.' },
    WORK_EXPERIENCE: { description: 'By months of work experience.' },
    CERTIFICATION: { description: 'By holding another certification (a licence after its exam).' },
  } as const,
});

const EligibilityRouteRef = builder.objectRef<RouteResult>('EligibilityRouteTaken').implement({
  description: 'The eligibility route a pathway takes to earn a certification: its time and cost are in the step.',
  fields: (t) => ({
    kind: t.field({
      type: EligibilityRouteKind,
      description: 'What kind of route.',
      resolve: ({ route }) =>
        route.kind === 'OPEN' ? 'NO_PREREQUISITE' : route.kind === 'EXPERIENCE' ? 'WORK_EXPERIENCE' : route.kind,
    }),
    alreadyMet: t.boolean({
      description:
        'True when the learner met it before the step (a program completed, enough months worked, the certification held); false when the step itself meets it (its own training, its own months of work, a certification earned on it) or after a wait.',
      resolve: ({ route, step }) => routeMetBefore(route, step),
    }),
    program: t.field({
      type: TrainingProgram,
      nullable: true,
      description: 'The program of a PROGRAM route.',
      resolve: ({ route, shared }) => (route.kind === 'PROGRAM' ? get(shared.rows.programs, route.programId) : null),
    }),
    experienceMonths: t.int({
      nullable: true,
      description: 'The months of work a WORK_EXPERIENCE route asks for.',
      resolve: ({ route }) => (route.kind === 'EXPERIENCE' ? route.months : null),
    }),
    waitMonths: t.int({
      description:
        'Months of work the step adds, beyond its own, to meet the route: 0 when met before the step or by the step’s own work.',
      resolve: ({ route }) => (route.kind === 'EXPERIENCE' ? route.waitMonths : 0),
    }),
    certification: t.field({
      type: Certification,
      nullable: true,
      description: 'The certification a CERTIFICATION route asks to hold.',
      resolve: ({ route, shared }) =>
        route.kind === 'CERTIFICATION' ? get(shared.rows.certifications, route.certificationId) : null,
    }),
  }),
});

const RequirementChoiceRef = builder.objectRef<ChoiceResult>('RequirementChoice').implement({
  description: 'One requirement group of a step, and the certification chosen to satisfy it on this pathway.',
  fields: (t) => ({
    anyOf: t.field({
      type: [Certification],
      description: 'The group’s alternatives, cheapest exam first.',
      resolve: ({ choice, shared }) => choice.anyOf.map((id) => get(shared.rows.certifications, id)),
    }),
    satisfiedBy: t.field({
      type: Certification,
      description: 'The certification that satisfies the group on this pathway.',
      resolve: ({ choice, shared }) => get(shared.rows.certifications, choice.satisfiedBy),
    }),
    alreadyHeld: t.boolean({
      description: 'True when it was held before this step (from the profile, the starting role or an earlier step).',
      resolve: ({ choice }) => choice.alreadyHeld,
    }),
    heldAtStart: t.boolean({
      description:
        'True when the learner held `satisfiedBy` at the start of the pathway (their profile, or what their starting role implies); false when it is earned on this step or was earned on an earlier one.',
      resolve: ({ choice }) => choice.heldAtStart,
    }),
    route: t.field({
      type: EligibilityRouteRef,
      nullable: true,
      description: 'How it is made eligible when earned on this step; null when already held.',
      resolve: ({ choice, step, shared }) => (choice.route === null ? null : { route: choice.route, step, shared }),
    }),
  }),
});

const ProgramReason = builder.enumType('ProgramReason', {
  description: 'Why a step completes a program.',
  values: {
    TRAINING: { description: 'The move requires it.' },
    PREREQUISITE: { description: 'Another program on the step requires it first.' },
    ELIGIBILITY: { description: 'It is the eligibility route of a certification the step earns.' },
  } as const,
});

const ProgramOnStepRef = builder.objectRef<ProgramResult>('ProgramOnStep').implement({
  description: 'A program a step completes, with the months and cost counted for it.',
  fields: (t) => ({
    program: t.field({
      type: TrainingProgram,
      nullable: true,
      description: 'The curated program; null for the typical entry education an estimated move assumes (see `name`).',
      resolve: ({ taken, shared }) =>
        curatedProgram(taken.programId) ? get(shared.rows.programs, taken.programId) : null,
    }),
    name: t.string({
      description: 'The program’s name, curated or estimated ("Entry education for Respiratory Therapists (...)").',
      resolve: ({ taken, shared }) => shared.names.program(taken.programId).name,
    }),
    estimated: t.boolean({
      description: 'True for a program an estimated move assumes from BLS’s typical entry education.',
      resolve: ({ taken }) => !curatedProgram(taken.programId),
    }),
    reason: t.field({
      type: ProgramReason,
      description: 'Why the step completes it.',
      resolve: ({ taken }) => taken.reason,
    }),
    months: t.int({
      description:
        'Months counted, at the study load assumed: 0 when no source gives its length, the least length when only that is known (see lengthKnown). To show a student, `knownMonths`, which is null rather than 0 where no source gives the length.',
      resolve: ({ taken }) => taken.months,
    }),
    // `months` is what the sums count: a length no source gives counts 0 there, and a client showing
    // it read "0 months" for a nursing assistant's entry education.
    knownMonths: t.int({
      nullable: true,
      description:
        'Months the program takes, at the study load assumed, as far as they are known: null when nothing gives its length (never 0 for that), the least length when only that is known (lengthKnown false: at least this), and the curators’ usual length for such programs where no cited source states it (lengthEstimated).',
      resolve: ({ taken, shared }) => (lengthUnknown(taken, shared.names) ? null : taken.months),
    }),
    // The curators' usual length was said in the words only: a phlebotomy program's 1 month came
    // back as knownMonths 1 and lengthKnown true, as if a source gave it.
    lengthEstimated: t.boolean({
      description:
        'True when the months counted rest on the curators’ usual length for such programs, no cited source stating it (the shortest length, which the pathway counts, is the curators’: TrainingProgram.minMonthsEstimated); the step’s explanation says so.',
      resolve: ({ taken, shared }) =>
        !lengthUnknown(taken, shared.names) &&
        ['min', 'both'].includes(shared.names.program(taken.programId).lengthEstimated ?? ''),
    }),
    lengthKnown: t.boolean({
      description:
        'False when no source gives the program’s whole length: an estimated postsecondary nondegree award is counted as 0 months, and an estimated master’s or doctoral degree at IPEDS’s least length; either way the step and the pathway take at least the months shown (see the step’s untimed). A curated program whose length is the curators’ usual one counts as known, its length an estimate (lengthEstimated).',
      resolve: ({ taken, shared }) => !lengthUnknown(taken, shared.names) && !leastLengthOnly(taken, shared.names),
    }),
    costUsd: t.int({
      nullable: true,
      description: 'Typical cost in US dollars; null when no source gives it (see the pathway’s unknownCosts).',
      resolve: ({ taken }) => (taken.costKnown ? dollars(taken.costUsd) : null),
    }),
  }),
});

/**
 * A total in whole dollars, or null when any part of it is unknown; with `kind`, only the part of
 * that kind (a program's tuition, or fees: exams' and an estimated move's licensing); what a move
 * may ask that no source describes nulls both.
 */
const knownTotal = (usd: number, unknown: readonly EngineUnknown[], kind?: 'PROGRAM' | 'FEES') =>
  // Undescribed training ("any training or certification the specialty asks") may be either.
  unknown.some((u) => kind === undefined || u.kind === 'TRAINING' || (kind === 'PROGRAM') === (u.kind === 'PROGRAM'))
    ? null
    : dollars(usd);

/** The rows of the curated programs among `ids` (an estimated move's entry education has none). */
const curatedRows = (ids: readonly number[], shared: Shared) =>
  ids.filter(curatedProgram).map((id) => get(shared.rows.programs, id));

const TrainingNotNeededRef = builder
  .objectRef<{ skipped: ProgramNotNeeded; shared: Shared }>('TrainingNotNeeded')
  .implement({
    description:
      'A training program the move usually takes that this learner skips: it is the way to a certification of one of the move’s requirement groups, and the learner already holds one of that group’s certifications.',
    fields: (t) => ({
      program: t.field({
        type: TrainingProgram,
        description: 'The program not needed.',
        resolve: ({ skipped, shared }) => get(shared.rows.programs, skipped.programId),
      }),
      heldCertification: t.field({
        type: Certification,
        description: 'The certification held that makes it unneeded.',
        resolve: ({ skipped, shared }) => get(shared.rows.certifications, skipped.heldCertificationId),
      }),
    }),
  });

const PathwayStepRef = builder.objectRef<StepResult>('PathwayStep').implement({
  description: 'One move of a pathway, with when it happens and what its months and dollars are made of.',
  fields: (t) => ({
    basis: t.field({
      type: MoveBasis,
      description: 'Whether the move is curated or estimated.',
      resolve: ({ step }) => (step.estimated ? 'ESTIMATED' : 'CURATED'),
    }),
    transition: t.field({
      type: Transition,
      nullable: true,
      description: 'The curated move; null for an estimated one.',
      resolve: ({ step, shared }) => (step.estimated ? null : get(shared.rows.transitions, step.transitionId)),
    }),
    from: t.field({
      type: Role,
      nullable: true,
      description: 'The role the step starts from; null for an occupation (see `fromNode`).',
      resolve: ({ step, shared }) => roleOf(shared, step.fromRoleId),
    }),
    to: t.field({
      type: Role,
      nullable: true,
      description: 'The role the step leads to; null for an occupation (see `toNode`).',
      resolve: ({ step, shared }) => roleOf(shared, step.toRoleId),
    }),
    fromNode: t.field({
      type: CareerNode,
      description: 'Where the step starts: a curated role or an O*NET occupation.',
      resolve: ({ step, shared }) => get(shared.rows.nodes, step.fromRoleId),
    }),
    toNode: t.field({
      type: CareerNode,
      description: 'Where the step leads: a curated role or an O*NET occupation.',
      resolve: ({ step, shared }) => get(shared.rows.nodes, step.toRoleId),
    }),
    crossesTracks: t.boolean({
      description:
        'True when the step leaves one track for another (a move into or out of the hybrid track is not a crossing).',
      resolve: ({ step }) => step.crossesTracks,
    }),
    startMonth: t.int({
      description:
        'Month the step starts, counted from the start of the pathway with every earlier step at its `months` (programs at their shortest, parts of unknown length as 0): the earliest it can start where an earlier step has `monthsUpTo` above its `months` or `monthsIncludeUnknowns`.',
      resolve: ({ step }) => step.startMonth,
    }),
    endMonth: t.int({ description: 'Month the step is complete.', resolve: ({ step }) => step.endMonth }),
    months: t.int({
      description:
        'Months the step takes: experience, then training, then any wait for an eligibility route. At least this when monthsIncludeUnknowns.',
      resolve: ({ step }) => step.months,
    }),
    passesThrough: t.boolean({
      description:
        'True when working in the role this move enters is not needed: an estimated move asking nothing the data records, followed by an estimated move asking no experience there, so the role is on the pathway only because O*NET relates it to the jobs before and after (medical assistant → physical therapist aides → respiratory therapists). The explanation says so too.',
      resolve: ({ step, next, shared }) => passesThrough(step, next, shared.names),
    }),
    withinOccupation: t.boolean({
      description:
        'True when the move is a curated role’s into the wider O*NET occupation it is within (fit SPECIALTY or BROADER): it asks nothing, as its holder already works in that occupation, and the occupation’s figures describe all of it, not the role (an EKG technician within cardiovascular technologists and technicians).',
      resolve: ({ step, shared }) => shared.snapshot.withinMoves.has(step.transitionId),
    }),
    monthsUpTo: t.int({
      description:
        'Months the step takes with each program at the longest length its sources give, where `months` counts the shortest; equal to `months` when no program’s length is a range.',
      resolve: ({ step, shared }) => stepMonthsUpTo(step, shared.names, shared.load),
    }),
    monthsIncludeUnknowns: t.boolean({
      description:
        'True when part of the step has no known length (a program; on an estimated move, related work experience without a least amount, a graduate degree past its least length, or entry into an occupation BLS publishes nothing for), counted as 0 months: the step takes at least `months`, and how much longer no source says (see untimed).',
      resolve: ({ step, shared }) => untimedParts(step, shared.names).length > 0,
    }),
    untimed: t.stringList({
      description: 'What `months` leaves out because no source gives its length, in words; empty when nothing.',
      resolve: ({ step, shared }) => untimedParts(step, shared.names),
    }),
    experienceMonths: t.int({
      description: 'Months of experience the move asks for in the starting role, still to gain.',
      resolve: ({ step }) => step.experienceMonths,
    }),
    experienceEstimated: t.boolean({
      description:
        'True when no source states the experience the move asks and its months are the curators’ estimate (Transition.yearsEstimated); the explanation says "about" and why.',
      resolve: ({ step, shared }) => shared.names.yearsEstimated?.(step.transitionId) === true,
    }),
    experienceCountedMonths: t.int({
      description:
        'Months of the experience the move asks that the learner’s years in their current role (`profile.yearsInCurrentRole`) already cover: on the move out of the start, or out of a role reached from it by moves that kept those years (a curated move asking no experience and no program that took no time, such as medical assistant → administrative medical assistant); 0 elsewhere.',
      resolve: ({ step }) => step.experienceCountedMonths,
    }),
    trainingMonths: t.int({
      description:
        'Months of programs the step completes (the move’s training, their prerequisites and eligibility routes), at the study load assumed.',
      resolve: ({ step }) => step.trainingMonths,
    }),
    eligibilityWaitMonths: t.int({
      description: 'Months of further work to meet a certification’s work-experience route.',
      resolve: ({ step }) => step.eligibilityWaitMonths,
    }),
    costUsd: t.int({
      nullable: true,
      description: 'US dollars the step costs (training and exam fees); null when any part is unknown.',
      resolve: ({ step }) => knownTotal(step.costUsd, step.unknownCosts),
    }),
    knownCostUsd: t.int({
      description: 'The part of the step’s cost that sources give, in US dollars.',
      resolve: ({ step }) => dollars(step.knownCostUsd),
    }),
    trainingCostUsd: t.int({
      nullable: true,
      description: 'Typical cost of the programs completed; null when any of them is unknown.',
      resolve: ({ step }) => knownTotal(step.trainingCostUsd, step.unknownCosts, 'PROGRAM'),
    }),
    examFeesUsd: t.int({
      nullable: true,
      description:
        'Fees of the certifications earned; null when any of them is unknown, as on an estimated move into an O*NET occupation (the certifications and licences it asks are not known). An open entry into a curated role (a move O*NET suggests, asking what the curated moves into the role ask) and a role’s step into its own occupation have the fees of what they ask.',
      resolve: ({ step }) => knownTotal(step.examFeesUsd, step.unknownCosts, 'FEES'),
    }),
    unknownCosts: t.field({
      type: [UnknownCostRef],
      description: 'The parts of the step’s cost no source gives.',
      resolve: ({ step, shared }) => step.unknownCosts.map((cost) => ({ cost, shared })),
    }),
    certificationsToEarn: t.field({
      type: [Certification],
      description: 'Certifications and licences earned on this step, in order.',
      resolve: ({ step, shared }) => step.certificationsToEarn.map((id) => get(shared.rows.certifications, id)),
    }),
    training: t.field({
      type: [TrainingProgram],
      description:
        'Curated programs completed on this step, in order (see `programs` for why, at what cost, and the entry education estimated moves assume).',
      resolve: ({ step, shared }) => curatedRows(step.programsToComplete, shared),
    }),
    programs: t.field({
      type: [ProgramOnStepRef],
      description: 'Programs completed on this step, in order, with why, how long and what they cost.',
      resolve: ({ step, shared }) => step.programs.map((taken) => ({ taken, shared })),
    }),
    trainingAlreadyDone: t.field({
      type: [TrainingProgram],
      description:
        'Curated training the move asks that the learner completed before this step (in their profile, implied by their starting role or a certification they hold, or on an earlier step), so not taken again.',
      resolve: ({ step, shared }) => curatedRows(step.programsAlreadyDone, shared),
    }),
    trainingNotNeeded: t.field({
      type: [TrainingNotNeededRef],
      description:
        'Training the move usually takes that this learner need not: each program trains for a certification of the move’s requirements, one of which the learner already holds (the medical assisting diploma, for a CCMA holder moving into clinical medical assistant).',
      resolve: ({ step, shared }) => step.programsNotNeeded.map((skipped) => ({ skipped, shared })),
    }),
    requirements: t.field({
      type: [RequirementChoiceRef],
      description: 'Every requirement group of the move, with the certification that satisfies it.',
      resolve: ({ step, shared }) => step.requirementChoices.map((choice) => ({ choice, step, shared })),
    }),
    explanation: t.string({
      description: 'What the step involves, in a sentence or two an advisor can read aloud.',
      resolve: ({ step, next, later, earlier, shared }) =>
        explainStep(step, shared.names, shared.load, next, later, earlier) + heldBachelorsNote([step], shared),
    }),
  }),
});

export const PathwayRef = builder.objectRef<PathwayResult>('Pathway').implement({
  description:
    'A route from one role to another: its moves, how long it takes, what it costs (known and unknown parts apart) and what must be earned.',
  fields: (t) => ({
    steps: t.field({
      type: [PathwayStepRef],
      description: 'The moves, in order.',
      resolve: ({ pathway, shared }) =>
        pathway.steps.map((step, i) => ({
          step,
          next: pathway.steps[i + 1],
          later: pathway.steps.slice(i + 1),
          earlier: pathway.steps.slice(0, i),
          shared,
        })),
    }),
    roles: t.field({
      type: [Role],
      nullable: { list: false, items: true },
      description:
        'The start role, then the role each move leads to; null where a move leads to an occupation (see `nodes`).',
      resolve: ({ pathway, shared }) => pathway.roleIds.map((id) => roleOf(shared, id)),
    }),
    nodes: t.field({
      type: [CareerNode],
      description: 'The start, then where each move leads: curated roles and O*NET occupations.',
      resolve: ({ pathway, shared }) => pathway.roleIds.map((id) => get(shared.rows.nodes, id)),
    }),
    totalMonths: t.int({
      description: 'Months from start to finish; at least this when monthsIncludeUnknowns.',
      resolve: ({ pathway }) => pathway.totalMonths,
    }),
    totalMonthsUpTo: t.int({
      description:
        'Months from start to finish with each program at the longest length its sources give (the medical assisting program, 9 to 24 months: 24), where totalMonths counts the shortest; equal to totalMonths when no program’s length is a range. Parts of unknown length stay uncounted here too (monthsIncludeUnknowns).',
      resolve: ({ pathway, shared }) => pathwayMonthsUpTo(pathway, shared.names, shared.load),
    }),
    rankedMonths: t.int({
      description:
        'The months this pathway is ranked by (FASTEST, and reachableRoles’ order) and checked against maxMonths and withinMonths: totalMonths with each entry program of no known length at the stand-in length its summary names (a postsecondary nondegree award no source gives a length for); equal to totalMonths when it has none. For ordering, not a schedule: such a program may take more or less.',
      resolve: ({ pathway }) => rankedMonthsOf.get(pathway) ?? pathway.totalMonths,
    }),
    monthsIncludeUnknowns: t.boolean({
      description:
        'True when part of the pathway has no known length (counted as 0 months; see untimed): it takes at least totalMonths.',
      resolve: ({ pathway, shared }) => pathwayUntimedParts(pathway, shared.names).length > 0,
    }),
    untimed: t.stringList({
      description: 'What `totalMonths` leaves out because no source gives its length, in words, each once.',
      resolve: ({ pathway, shared }) => pathwayUntimedParts(pathway, shared.names),
    }),
    totalCostUsd: t.int({
      nullable: true,
      description:
        'US dollars in training and exam fees; null when any part is unknown (see knownCostUsd and unknownCosts).',
      resolve: ({ pathway }) => knownTotal(pathway.totalCostUsd, pathway.unknownCosts),
    }),
    knownCostUsd: t.int({
      description: 'The part of the cost that sources give, in US dollars: the full cost when nothing is unknown.',
      resolve: ({ pathway }) => dollars(pathway.knownCostUsd),
    }),
    estimatedCostUsd: t.int({
      description:
        'Known costs plus what unknown ones count at (their documented estimates, or stand-ins where too few figures are known: see unknownCosts): what CHEAPEST ranks by. For comparison, not a quote.',
      resolve: ({ pathway }) => dollars(pathway.totalCostUsd),
    }),
    totalTrainingCostUsd: t.int({
      nullable: true,
      description: 'Of the cost, training; null when any tuition is unknown.',
      resolve: ({ pathway }) => knownTotal(pathway.totalTrainingCostUsd, pathway.unknownCosts, 'PROGRAM'),
    }),
    totalExamFeesUsd: t.int({
      nullable: true,
      description:
        'Of the cost, exam and licence fees; null when any fee is unknown, as on any pathway with an estimated move.',
      resolve: ({ pathway }) => knownTotal(pathway.totalExamFeesUsd, pathway.unknownCosts, 'FEES'),
    }),
    costIncludesUnknowns: t.boolean({
      description: 'True when some part of the cost is unknown (listed in unknownCosts).',
      resolve: ({ pathway }) => pathway.costIncludesUnknowns,
    }),
    unknownCosts: t.field({
      type: [UnknownCostRef],
      description: 'Every part of the cost no source gives.',
      resolve: ({ pathway, shared }) => pathway.unknownCosts.map((cost) => ({ cost, shared })),
    }),
    certificationsToEarn: t.field({
      type: [Certification],
      description: 'Every certification and licence to earn along the way, in order.',
      resolve: ({ pathway, shared }) => pathway.certificationsToEarn.map((id) => get(shared.rows.certifications, id)),
    }),
    stepCount: t.int({ description: 'Number of moves.', resolve: ({ pathway }) => pathway.stepCount }),
    estimatedSteps: t.int({
      description: 'How many of the moves are estimated rather than curated.',
      resolve: ({ pathway }) => pathway.estimatedSteps,
    }),
    crossesTracks: t.boolean({
      description:
        'True when the pathway passes from one track to another (through the hybrid track or not; staying on one track via the hybrid track is no crossing).',
      resolve: ({ pathway }) => pathway.crossesTracks,
    }),
    studyLoad: t.field({
      type: StudyLoad,
      description: 'The study load assumed for every program’s months.',
      resolve: ({ pathway }) => pathway.studyLoad,
    }),
    summary: t.string({
      description:
        'The pathway in one paragraph an advisor can read aloud. With costEstimates: false, without the sentence on what unknown costs count as for ranking (their estimates and stand-ins, "For comparison only, ..."): for a printed plan, where a student read it as a price.',
      args: {
        costEstimates: t.arg.boolean({
          required: true,
          defaultValue: true,
          description: 'Say what unknown costs count as for ranking. @default true',
        }),
      },
      resolve: ({ pathway, shared }, { costEstimates }) =>
        summarize(pathway, shared.names, shared.load, costEstimates) + heldBachelorsNote(pathway.steps, shared),
    }),
  }),
});

type ReachableResult = {
  roleId: number;
  earliestMonth: number;
  stepCount: number;
  pathway: EnginePathway;
  shared: Shared;
};

const ReachableRoleRef = builder.objectRef<ReachableResult>('ReachableRole').implement({
  description: 'A role within reach, with the earliest month it can be reached and the pathway that gets there then.',
  fields: (t) => ({
    role: t.field({
      type: Role,
      nullable: true,
      description: 'The role; null for an O*NET occupation (see `node`).',
      resolve: (r) => roleOf(r.shared, r.roleId),
    }),
    node: t.field({
      type: CareerNode,
      description: 'The role or O*NET occupation reached.',
      resolve: (r) => get(r.shared.rows.nodes, r.roleId),
    }),
    earliestMonth: t.int({
      description:
        'The earliest month the role can be reached; when monthsIncludeUnknowns, part of the way has no known length and is counted as 0 months, so it may take longer. An entry program of no known length counts at the stand-in its pathway’s summary names to order the list and to check withinMonths: the list is in the order of `pathway { rankedMonths }`, so a role at month 0 of unknown length may come after one at month 12.',
      resolve: (r) => r.earliestMonth,
    }),
    monthsIncludeUnknowns: t.boolean({
      description:
        'True when the pathway has a part of unknown length counted as 0 months (see PathwayStep.monthsIncludeUnknowns): the role is reached no sooner than earliestMonth, and perhaps not within the months asked.',
      resolve: (r) => pathwayUntimedParts(r.pathway, r.shared.names).length > 0,
    }),
    earliestMonthUpTo: t.int({
      description:
        'The months `pathway` takes with each of its programs at the longest length its sources give (the medical assisting program, 9 to 24 months: 24); equal to earliestMonth when no program’s length is a range. Of that pathway only: another, slower at its shortest, may be quicker at its longest.',
      resolve: (r) => pathwayMonthsUpTo(r.pathway, r.shared.names, r.shared.load),
    }),
    stepCount: t.int({ description: 'Moves on that pathway.', resolve: (r) => r.stepCount }),
    pathway: t.field({
      type: PathwayRef,
      description:
        'The pathway reaching the role earliest, as FASTEST ranks: of those as early, one with the fewest parts of unknown length, then the cheapest, the fewest certifications to earn, the fewest moves (see `reachableRoles` for where `pathways(first: 1)` may list another of the same months first).',
      resolve: (r) => ({ pathway: r.pathway, shared: r.shared }),
    }),
  }),
});

// ---- loading the rows the request selects ----------------------------------------------------

type Path = readonly string[];
/** What Pothos plans for a field's rows: the columns and relations to read. */
type PlannedQuery = { select?: Record<string, unknown>; include?: Record<string, unknown> };

/**
 * Every field path the request selects below the current field ("steps", "steps.toNode",
 * "steps.toNode.key", ...), through fragments: one walk answers every question loadRows asks. The
 * paths depend on the document alone (directives are not read), so they are kept with the field's
 * node: yoga hands every request of the same query text the same parsed document.
 *
 * The prisma plugin's plan of the rows (rowsFor) is not kept so: planning also tells the plugin's
 * resolvers below what was loaded, and without it they read each row again (one query per row).
 */
const pathsBelow = new WeakMap<FieldNode, Set<string>>();

function selectedPaths(info: GraphQLResolveInfo): Set<string> {
  const node = info.fieldNodes.length === 1 ? info.fieldNodes[0]! : undefined;
  const known = node && pathsBelow.get(node);
  if (known) return known;
  const out = new Set<string>();
  // A fragment spread again at the same place adds nothing: walked once per place, or `...F ...F`
  // nested twenty levels deep would be walked a million times.
  const spread = new Set<string>();
  const walk = (set: SelectionSetNode | undefined, prefix: string) => {
    if (set === undefined) return;
    for (const sel of set.selections) {
      if (sel.kind === Kind.FIELD) {
        const path = prefix + sel.name.value;
        out.add(path);
        walk(sel.selectionSet, `${path}.`);
      } else if (sel.kind === Kind.INLINE_FRAGMENT) walk(sel.selectionSet, prefix);
      else {
        const key = `${prefix} ${sel.name.value}`;
        if (spread.has(key)) continue;
        spread.add(key);
        walk(info.fragments[sel.name.value]?.selectionSet, prefix);
      }
    }
  };
  for (const fieldNode of info.fieldNodes) walk(fieldNode.selectionSet, '');
  if (node) pathsBelow.set(node, out);
  return out;
}

type Table = 'Role' | 'Transition' | 'Certification' | 'TrainingProgram';
/** Where one table's rows sit in a request, below the field: as Pothos plans them, and as keys of selectedPaths. */
type Where = { typeName: Table; paths: string[][]; keys: string[] };
/** Where every table's rows sit below one field that answers pathways (worked out once per field). */
type Layout = Record<'roles' | 'nodeRoles' | 'transitions' | 'certifications' | 'programs', Where>;

/**
 * The layout of pathways `prefix` below a field (`[]` for `pathways`, `["pathway"]` for
 * `reachableRoles`), with the field's own role paths (`extraRolePaths`, e.g. `[["role"]]`).
 */
function layoutOf(prefix: Path, extraRolePaths: Path[] = []): Layout {
  const where = (typeName: Table, below: Path[], ownPaths: Path[] = []): Where => {
    const paths = [...below.map((p) => [...prefix, ...p]), ...ownPaths.map((p) => [...p])];
    return { typeName, paths, keys: paths.map((p) => p.join('.')) };
  };
  return {
    roles: where('Role', [['roles'], ['steps', 'from'], ['steps', 'to']], extraRolePaths),
    // The places: their curated roles planned as Role rows (so that their fields resolve from the
    // rows read here); occupations are whole rows.
    nodeRoles: where(
      'Role',
      [['nodes'], ['steps', 'fromNode'], ['steps', 'toNode']],
      extraRolePaths.map((p) => [...p.slice(0, -1), 'node']),
    ),
    transitions: where('Transition', [['steps', 'transition']]),
    certifications: where('Certification', [
      ['certificationsToEarn'],
      ['steps', 'certificationsToEarn'],
      ['steps', 'requirements', 'anyOf'],
      ['steps', 'requirements', 'satisfiedBy'],
      ['steps', 'requirements', 'route', 'certification'],
      ['steps', 'trainingNotNeeded', 'heldCertification'],
      ['unknownCosts', 'certification'],
      ['steps', 'unknownCosts', 'certification'],
    ]),
    programs: where('TrainingProgram', [
      ['steps', 'training'],
      ['steps', 'programs', 'program'],
      ['steps', 'requirements', 'route', 'program'],
      ['steps', 'trainingNotNeeded', 'program'],
      ['steps', 'trainingAlreadyDone'],
      ['unknownCosts', 'program'],
      ['steps', 'unknownCosts', 'program'],
    ]),
  };
}

const PATHWAYS_LAYOUT = layoutOf([]);
const REACHABLE_LAYOUT = layoutOf(['pathway'], [['role']]);

const distinct = (values: number[]) => [...new Set(values)];
const byId = <T extends { id: number }>(rows: T[]) => new Map(rows.map((r) => [r.id, r]));

/**
 * The rows of some ids a request wants, by id: whole rows kept since the data last changed when it
 * asks for their columns only (src/db/row-cache.ts; at once when all are kept), otherwise read
 * with the relations it selects, as Pothos plans them.
 */
function rowsFor<T extends { id: number }>(
  context: Context,
  info: GraphQLResolveInfo,
  where: Where,
  kept: RowTable<T>,
  ids: number[],
  read: (ids: number[], query: PlannedQuery) => Promise<T[]>,
): Map<number, T> | Promise<Map<number, T>> {
  const query = queryFromInfo({ context, info, typeName: where.typeName, paths: where.paths }) as PlannedQuery;
  return columnsOnly(query) ? kept.byId(ids) : read(ids, query).then(byId);
}

/**
 * Loads every row the pathways mention that the request selects, one query per table, with the
 * nested selections the request makes under them (`layout`: where they sit below the field).
 * Rows the request asks only columns of come from the rows kept since the data last changed
 * (src/db/row-cache.ts): a repeated answer reads nothing from the database.
 */
async function loadRows(
  context: Context,
  info: GraphQLResolveInfo,
  snapshot: Snapshot,
  pathways: readonly EnginePathway[],
  layout: Layout,
  extraRoleIds: number[] = [],
): Promise<PathwayRows> {
  const selected = selectedPaths(info);
  const wants = (where: Where) => where.keys.some((k) => selected.has(k));
  const { prisma } = context;
  const kept = context.graph.rows();
  const { occupationOfNode } = snapshot;
  const nodeIds = distinct([...pathways.flatMap((p) => p.roleIds), ...extraRoleIds]);
  const roleIds = nodeIds.filter((id) => !occupationOfNode.has(id));
  const rows: PathwayRows = {
    nodes: new Map(),
    roles: new Map(),
    transitions: new Map(),
    certifications: new Map(),
    programs: new Map(),
  };
  // One query at a time: they may share a single connection.
  const readRoles = (ids: number[], query: PlannedQuery) =>
    prisma.role.findMany({ where: { id: { in: ids } }, ...query });
  if (wants(layout.nodeRoles)) {
    const roles = rowsFor(context, info, layout.nodeRoles, kept.role, roleIds, readRoles);
    for (const [id, r] of roles instanceof Map ? roles : await roles) rows.nodes.set(id, r);
    const occupationIds = distinct(
      nodeIds.flatMap((id) => (occupationOfNode.has(id) ? [occupationOfNode.get(id)!] : [])),
    );
    const occupations = kept.occupation.byId(occupationIds);
    const byOccupation = occupations instanceof Map ? occupations : await occupations;
    for (const id of nodeIds) {
      const o = occupationOfNode.get(id);
      const row = o === undefined ? undefined : byOccupation.get(o);
      if (row) rows.nodes.set(id, row);
    }
  }
  if (wants(layout.roles)) {
    const roles = rowsFor(context, info, layout.roles, kept.role, roleIds, readRoles);
    rows.roles = roles instanceof Map ? roles : await roles;
  }
  const steps = pathways.flatMap((p) => p.steps);
  if (wants(layout.transitions)) {
    const transitions = rowsFor(
      context,
      info,
      layout.transitions,
      kept.transition,
      distinct(steps.filter((s) => !s.estimated).map((s) => s.transitionId)),
      (ids, query) => prisma.transition.findMany({ where: { id: { in: ids } }, ...query }),
    );
    rows.transitions = transitions instanceof Map ? transitions : await transitions;
  }
  const wantsCertifications = wants(layout.certifications);
  const wantsPrograms = wants(layout.programs);
  if (!wantsCertifications && !wantsPrograms) return rows;
  const unknown = [...pathways.flatMap((p) => p.unknownCosts), ...steps.flatMap((s) => s.unknownCosts)];
  const routes = steps.flatMap((s) => s.requirementChoices.flatMap((c) => (c.route ? [c.route] : [])));
  if (wantsCertifications) {
    const certifications = rowsFor(
      context,
      info,
      layout.certifications,
      kept.certification,
      distinct([
        ...steps.flatMap((s) => [
          ...s.certificationsToEarn,
          ...s.requirementChoices.flatMap((c) => c.anyOf),
          ...s.programsNotNeeded.map((x) => x.heldCertificationId),
        ]),
        ...routes.flatMap((r) => (r.kind === 'CERTIFICATION' ? [r.certificationId] : [])),
        ...unknown.flatMap((u) => (u.kind === 'EXAM' ? [u.id] : [])),
      ]),
      (ids, query) => prisma.certification.findMany({ where: { id: { in: ids } }, ...query }),
    );
    rows.certifications = certifications instanceof Map ? certifications : await certifications;
  }
  if (wantsPrograms) {
    const programs = rowsFor(
      context,
      info,
      layout.programs,
      kept.trainingProgram,
      distinct([
        ...steps.flatMap((s) => [
          ...s.programsToComplete,
          ...s.programsNotNeeded.map((x) => x.programId),
          ...s.programsAlreadyDone,
        ]),
        ...routes.flatMap((r) => (r.kind === 'PROGRAM' ? [r.programId] : [])),
        ...unknown.flatMap((u) => (u.kind === 'PROGRAM' ? [u.id] : [])),
      ]).filter(curatedProgram),
      (ids, query) => prisma.trainingProgram.findMany({ where: { id: { in: ids } }, ...query }),
    );
    rows.programs = programs instanceof Map ? programs : await programs;
  }
  return rows;
}

/**
 * A pathway without the unknown licence fee of a step into a job it need not enter: the engine counts
 * one for every estimated move, but a curated role's step into the O*NET occupation it is within asks
 * nothing (an EKG technician's into cardiovascular technologists and technicians read "cost not
 * known: any licence fee" beside "nothing to do on this step"), and a job the pathway only passes
 * through (passesThrough) is not worked ("Working as Physical Therapist Aides is not needed" beside
 * "cost unknown: any certification or licence fee for Physical Therapist Aides"). The engine's answer
 * is shared and frozen: a copy.
 */
function withoutUnneededLicensing(pathway: EnginePathway, snapshot: Snapshot, names: Names): EnginePathway {
  const unneeded = pathway.steps.filter(
    (s, i) => snapshot.withinMoves.has(s.transitionId) || passesThrough(s, pathway.steps[i + 1], names),
  );
  if (unneeded.length === 0) return pathway;
  const steps = new Set(unneeded);
  // A role the pathway enters again further on, needing it then, keeps its fee in the total.
  const needed = new Set(pathway.steps.filter((s) => !steps.has(s)).map((s) => s.toRoleId));
  const entered = new Set(unneeded.map((s) => s.toRoleId).filter((r) => !needed.has(r)));
  const keep = (u: EngineUnknown, to?: number) =>
    u.kind !== 'LICENSING' || (to === undefined ? !entered.has(u.id) : u.id !== to);
  return {
    ...pathway,
    unknownCosts: pathway.unknownCosts.filter((u) => keep(u)),
    steps: pathway.steps.map((s) =>
      steps.has(s) ? { ...s, unknownCosts: s.unknownCosts.filter((u) => keep(u, s.toRoleId)) } : s,
    ),
  };
}

/**
 * A pathway's months without the stand-in lengths its estimated entry programs of no known length were
 * counted at (Snapshot.lengthStandIns): the engine counts them so that FASTEST and the limits of months
 * do not take such a program as taking no time; the answer shows what is known ("at least"), as it
 * shows a tuition no source gives as not known. A copy: the engine's answer is shared and frozen.
 */
function withoutLengthStandIns(pathway: EnginePathway, snapshot: Snapshot): EnginePathway {
  const standIn = snapshot.lengthStandIns;
  rankedMonthsOf.set(pathway, pathway.totalMonths);
  if (standIn.size === 0 || !pathway.steps.some((s) => s.programs.some((p) => standIn.has(p.programId))))
    return pathway;
  let shift = 0;
  const steps = pathway.steps.map((s) => {
    const counted = s.programs.reduce((sum, p) => sum + (standIn.has(p.programId) ? p.months : 0), 0);
    const startMonth = s.startMonth - shift;
    shift += counted;
    return {
      ...s,
      programs: s.programs.map((p) => (standIn.has(p.programId) ? { ...p, months: 0 } : p)),
      trainingMonths: s.trainingMonths - counted,
      months: s.months - counted,
      startMonth,
      endMonth: s.endMonth - shift,
    };
  });
  const shown = { ...pathway, steps, totalMonths: pathway.totalMonths - shift };
  rankedMonthsOf.set(shown, pathway.totalMonths);
  return shown;
}

/**
 * The months a listed pathway was ranked and limited by (Pathway.rankedMonths): its totalMonths before
 * withoutLengthStandIns took the stand-in lengths out. A side table, as the engine's pathway type has
 * no place for what only the listing does.
 */
const rankedMonthsOf = new WeakMap<EnginePathway, number>();

/** How many more pathways than asked FASTEST searches for first, to list a certain length first among ties. */
const FASTEST_TIES = 4;

/**
 * FASTEST's pathways of equal months, one without a part of unknown length first, then the one whose
 * longest length is shorter: "24–36 months" was listed above "24 months", the cheaper first
 * (the engine counts a program at its shortest, then cost), and advisors presented it as the
 * quickest. Where one of those asked for is not certain, the search asks FASTEST_TIES more, and more
 * while they all tie (up to MAX_K), so that a certain length tied with cheaper ranges still comes
 * first, whatever `first` is.
 */
function certainFirst(found: readonly EnginePathway[], names: Names, load: Shared['load']): EnginePathway[] {
  const keyed = found.map((pathway, i) => ({
    pathway,
    i,
    upTo: pathwayMonthsUpTo(pathway, names, load),
    untimed: pathway.steps.some((step) => untimedParts(step, names).length > 0) ? 1 : 0,
  }));
  // A part of unknown length adds nothing to upTo, so it is compared first: "at least 24 months" is
  // no more certain than "24–36 months".
  keyed.sort(
    (a, b) => a.pathway.totalMonths - b.pathway.totalMonths || a.untimed - b.untimed || a.upTo - b.upTo || a.i - b.i,
  );
  return keyed.map((k) => k.pathway);
}

/**
 * The engine's best `k` pathways for a query, from the snapshot's answers kept in memory: into curated
 * roles by their open entries from an O*NET occupation only (decision 024).
 */
const searchOf =
  (snapshot: Snapshot, query: Omit<PathwayQuery, 'k' | 'openEntries'>) =>
  (k: number): readonly EnginePathway[] =>
    cachedFindPathways(snapshot, { ...query, k, openEntries: snapshot.occupationOfNode.has(query.from) });

/** Whether a pathway's length is a range or has a part of unknown length (FASTEST lists a certain one first). */
const uncertainLength = (p: EnginePathway, names: Names, load: Shared['load']) =>
  pathwayMonthsUpTo(p, names, load) > p.totalMonths || p.steps.some((step) => untimedParts(step, names).length > 0);

/**
 * FASTEST's first `first` pathways as listed, from the engine's `found` (the best `first`, ranked):
 * a certain length before a range or an unknown of the same months (certainFirst). Where one of those
 * is not certain, a pathway past them may tie and be certain: more are asked of `answer` (FASTEST_TIES,
 * then twice as many) while the last found ties with the one asked for last, so that the order does
 * not depend on `first`. A nicety: a search it takes over the work budget leaves what the last found.
 */
function fastestListed(
  found: readonly EnginePathway[],
  first: number,
  answer: (n: number) => readonly EnginePathway[],
  snapshot: Snapshot,
  names: Names,
  load: Shared['load'],
): EnginePathway[] {
  let asked = first;
  while (
    found.length === asked &&
    asked < MAX_K &&
    found[asked - 1]!.totalMonths === found[first - 1]!.totalMonths &&
    found.slice(0, first).some((p) => uncertainLength(p, names, load))
  ) {
    asked = Math.min(MAX_K, asked === first ? asked + FASTEST_TIES : asked * 2);
    try {
      found = answer(asked);
    } catch (error) {
      if (error instanceof SearchBudgetExceeded) break;
      throw error;
    }
  }
  const listed = found.map((p) => withoutUnneededLicensing(p, snapshot, names));
  return certainFirst(listed, names, load).slice(0, first);
}

/** Validates the shared pathway arguments, runs the search and loads what the results mention. */
export async function searchPathways(
  context: Context,
  info: GraphQLResolveInfo,
  snapshot: Snapshot,
  query: {
    from: number;
    to?: number;
    toTrack?: number;
    first: number;
    rankBy: RankBy;
    profile?: ProfileArg;
    constraints?: ConstraintsArg;
    includeEstimated: boolean;
    skipDetours?: boolean;
  },
): Promise<PathwayResult[]> {
  const { index } = snapshot;
  const profile = resolveProfile(snapshot, query.profile, query.from);
  const constraints = resolveConstraints(snapshot, query.constraints, query.includeEstimated);
  checkAvoided(index, constraints, query);
  const search = searchOf(snapshot, {
    from: query.from,
    to: query.to,
    toTrack: query.toTrack,
    rankBy: query.rankBy,
    profile,
    constraints,
    includeEstimated: query.includeEstimated,
  });
  // Judged by the step: a COA holder's move asks no course (PathwayStep.unknownTraining).
  const unknownTime = (step: EnginePathway['steps'][number]) =>
    snapshot.experienceUnknown.has(step.transitionId) || step.unknownTraining;
  /**
   * The best n pathways, ranked. Without detours (the best never pads another, so one is one), the
   * detours are left out, and while they leave fewer than n from a full list, a longer ranked list
   * (twice at most); a longer search that runs over the work budget leaves the shorter one's answer.
   */
  const answer = (n: number) => {
    let found = search(n);
    if (!query.skipDetours || n === 1) return found;
    let k = n;
    let ranked = found;
    found = withoutDetours(ranked, n, unknownTime);
    for (let round = 0; round < 2 && found.length < n && ranked.length === k && k < MAX_K; round++) {
      k = Math.min(MAX_K, k * DETOUR_SEARCH_FACTOR);
      try {
        ranked = search(k);
      } catch (error) {
        if (error instanceof SearchBudgetExceeded) break;
        throw error;
      }
      found = withoutDetours(ranked, n, unknownTime);
    }
    return found;
  };
  const names = namesOf(snapshot);
  const load = profile?.studyLoad ?? 'FULL_TIME';
  let found = runSearch(() => answer(query.first), 'ask for fewer pathways (first)');
  if (query.rankBy === 'FASTEST') found = fastestListed(found, query.first, answer, snapshot, names, load);
  else found = found.map((p) => withoutUnneededLicensing(p, snapshot, names));
  // In the order ranked, with the months counted; then the months known.
  found = found.map((p) => withoutLengthStandIns(p, snapshot));
  const shared: Shared = {
    snapshot,
    names,
    rows: await loadRows(context, info, snapshot, found, PATHWAYS_LAYOUT),
    load,
    bachelorsHeld: holdsBachelors(snapshot, profile),
  };
  return found.map((pathway) => ({ pathway, shared }));
}

builder.queryFields((t) => ({
  pathways: t.field({
    type: [PathwayRef],
    // Null, with its error, when refused: the rest of the request still answers (decision 028).
    nullable: { list: true, items: false },
    description:
      'The best pathways from a role to a role (`to`) or to any role of a track (`toTrack`), ranked, within the constraints, given what the learner already holds. An empty list when there is none.',
    args: {
      from: t.arg.string({
        required: true,
        description: 'Where to start: a role slug or an O*NET-SOC code ("31-9092.00"; "31-9092" means ".00").',
      }),
      to: t.arg.string({ description: 'Where to go: a role slug or an O*NET-SOC code (or give toTrack).' }),
      toTrack: t.arg.string({
        description: 'Slug of the target track: any role of it other than the start (or give to).',
      }),
      ...rankingArgs(t.arg),
    },
    complexity: searchCost(100, MAX_PATHWAYS), // a search over the pathway graph, far more than a row read (src/schema/cost.ts)
    resolve: async (_root, args, context, info) => {
      checkFirst(args.first);
      if ((args.to == null) === (args.toTrack == null)) throw badInput('to', 'give exactly one of "to" and "toTrack".');
      const snapshot = await context.graph.current();
      const { index } = snapshot;
      const [from, to, toTrack] = await eachArgument(
        () =>
          notFromSpecialty(
            snapshot,
            curatedUnlessEstimated(snapshot, nodeId(snapshot, args.from, 'from'), args, 'from'),
          ),
        () =>
          args.to != null ? curatedUnlessEstimated(snapshot, nodeId(snapshot, args.to, 'to'), args, 'to') : undefined,
        () =>
          args.toTrack != null ? curatedTrackUnlessEstimated(trackId(index, args.toTrack, 'toTrack'), args) : undefined,
      );
      if (to === from)
        throw badInput(
          'to',
          // An occupation code a curated role stands for names that role: "both are
          // "medical-assistant"" quoted a slug the caller never typed for "31-9092.00".
          args.to != null && slugKey(args.to) !== slugKey(args.from)
            ? `must differ from "from": "${args.to}" and "${args.from}" both name ${snapshot.names.roles.get(from)?.title ?? slugKey(args.from)} (a curated role stands for the O*NET occupation it is).`
            : `must differ from "from" (both are "${slugKey(args.from)}").`,
        );
      const reached = snapshot.occupationOfNode.has(from) ? openlyReached(snapshot, from) : null;
      if (reached !== null)
        if (to !== undefined && !snapshot.occupationOfNode.has(to) && !reached.has(to))
          throw curatedFromOccupation('to', snapshot, from, snapshot.names.roles.get(to)?.title);
        else if (
          to !== undefined &&
          snapshot.enteredOnlyFrom.has(to) &&
          !reached.has(snapshot.enteredOnlyFrom.get(to)!)
        )
          throw curatedFromOccupation(
            'to',
            snapshot,
            from,
            `${snapshot.names.roles.get(snapshot.enteredOnlyFrom.get(to)!)?.title ?? ''} (${snapshot.names.roles.get(to)?.title ?? ''} ${snapshot.specialtyRole.has(to) ? 'is its specialty' : 'hold it and more'}, entered only from it)`,
          );
        else if (
          toTrack !== undefined &&
          toTrack > 0 &&
          ![...reached].some((r) => index.trackIds[index.roleTrack[index.roleIndexById.get(r)!]!] === toTrack)
        )
          throw curatedFromOccupation('toTrack', snapshot, from);
      return searchPathways(context, info, snapshot, { ...args, from, to, toTrack, rankBy: args.rankBy as RankBy });
    },
  }),
  reachableRoles: t.field({
    type: [ReachableRoleRef],
    nullable: { list: true, items: false },
    description:
      'Every role reachable from a role within a number of months, earliest first (at the same month, those of known length first), each with the pathway that reaches it then, as FASTEST ranks: of those as fast, one with no part of unknown length where there is one, then the cheapest, the fewest certifications to earn, the fewest steps. Without includeEstimated it is the pathway `pathways(first: 1)` gives: of those as fast, the one whose programs’ range of lengths is narrowest, where they have ranges. With it, the first of those as fast in that order, whatever its range (`pathways(first: 1)` may give one of a narrower range).',
    args: {
      from: t.arg.string({ required: true, description: 'Where to start: a role slug or an O*NET-SOC code.' }),
      withinMonths: t.arg.int({
        required: true,
        description:
          'The horizon in months (0 to 600). A role whose pathway has a part of unknown length is listed when its known months fit (an entry program of no known length counted at the stand-in its pathway’s summary names), with monthsIncludeUnknowns: it may not be within the horizon.',
      }),
      profile: t.arg({ type: LearnerProfileInput, description: 'What the learner already holds.' }),
      constraints: t.arg({ type: PathwayConstraintsInput, description: 'Limits every pathway must respect.' }),
      includeEstimated: t.arg.boolean({
        required: true,
        defaultValue: false,
        description: 'Also use moves estimated from O*NET and BLS data. @default false',
      }),
    },
    complexity: searchCost(250), // a search for every role within reach (src/schema/cost.ts)
    resolve: async (_root, args, context, info) => {
      const snapshot = await context.graph.current();
      const { index } = snapshot;
      // Every bad argument at once, as pathways says them (a walk met them one request at a time).
      const [, from, constraints] = await eachArgument(
        () => {
          if (args.withinMonths < 0 || args.withinMonths > 600)
            throw badInput('withinMonths', `must be between 0 and 600 (got ${args.withinMonths}).`);
        },
        () =>
          notFromSpecialty(
            snapshot,
            curatedUnlessEstimated(snapshot, nodeId(snapshot, args.from, 'from'), args, 'from'),
          ),
        () => resolveConstraints(snapshot, args.constraints, args.includeEstimated ?? false),
      );
      const profile = resolveProfile(snapshot, args.profile, from);
      checkAvoided(index, constraints, { from });
      const reached = runSearch(
        () =>
          reachableRoles(index, {
            from,
            withinMonths: args.withinMonths,
            profile,
            constraints,
            includeEstimated: args.includeEstimated,
            openEntries: snapshot.occupationOfNode.has(from),
          }),
        'ask with a smaller withinMonths',
      );
      // Priced up front at one item: their number known, the query is priced again before they are read.
      context.listed?.(info, reached.length);
      const names = namesOf(snapshot);
      const load = profile?.studyLoad ?? 'FULL_TIME';
      // Over the curated graph, the pathway `pathways(first: 1)` lists: where the engine's first is a
      // range of lengths (or has a part of unknown length), one of the same months with a narrower
      // range (FASTEST's listing, fastestListed). The map shaded the registered nurse "24 months (up
      // to 36)" through the LPN beside the ADN's certain 24. Not with estimated moves: hundreds of
      // occupations reached through a role's ranged program took a search each (1.7 s to 37 s for
      // the every-role test), and the curated roles' searches alone, 50 to 100 ms each from an
      // occupation, made the request a third to a half slower.
      const listed = reached
        .map((r) => {
          const engine = r.pathway();
          if (args.includeEstimated || !uncertainLength(engine, names, load)) return { r, engine };
          const search = searchOf(snapshot, { from, to: r.roleId, rankBy: 'FASTEST', profile, constraints });
          let pathway: EnginePathway | undefined;
          try {
            pathway = fastestListed(search(1), 1, search, snapshot, names, load)[0];
          } catch (error) {
            if (!(error instanceof SearchBudgetExceeded)) throw error;
          }
          return { r, engine: pathway !== undefined && pathway.totalMonths === engine.totalMonths ? pathway : engine };
        })
        // As the engine lists them (by month, known length first, then steps), with the steps listed.
        .sort(
          (a, b) =>
            a.r.earliestMonth - b.r.earliestMonth ||
            Number(a.r.unknownLength) - Number(b.r.unknownLength) ||
            a.engine.stepCount - b.engine.stepCount ||
            a.r.roleId - b.r.roleId,
        );
      const pathways = listed.map(({ engine }) =>
        withoutLengthStandIns(withoutUnneededLicensing(engine, snapshot, names), snapshot),
      );
      const shared: Shared = {
        snapshot,
        names,
        rows: await loadRows(
          context,
          info,
          snapshot,
          pathways,
          REACHABLE_LAYOUT,
          listed.map(({ r }) => r.roleId),
        ),
        load,
        bachelorsHeld: holdsBachelors(snapshot, profile),
      };
      return listed.map(({ r, engine }, i) => ({
        roleId: r.roleId,
        // The months known, as the pathway's (a stand-in length only ranks and limits).
        earliestMonth: pathways[i]!.totalMonths,
        stepCount: engine.stepCount,
        pathway: pathways[i]!,
        shared,
      }));
    },
  }),
}));

/**
 * An O*NET occupation (a node that is no curated role) is in the graph only with estimated moves:
 * without `includeEstimated` a search from or to one would quietly find nothing, so it is refused.
 */
function curatedUnlessEstimated(
  snapshot: GraphSnapshot,
  node: number,
  args: { includeEstimated?: boolean | null },
  argument: string,
): number {
  if (!args.includeEstimated && snapshot.occupationOfNode.has(node))
    throw badInput(
      argument,
      'names an O*NET occupation, which only estimated moves reach: ask with includeEstimated: true.',
    );
  return node;
}

/**
 * A curated role's specialty (acute care nurses, within registered nurses) is entered only from the
 * role and never left (decision 024): a search from it would quietly find nothing, which reads as
 * "no route" to the nurse practitioner O*NET relates it to. Refused, naming the role to start from.
 */
function notFromSpecialty(snapshot: GraphSnapshot, from: number): number {
  const role = snapshot.specialtyRole.get(from);
  if (role === undefined) return from;
  const { index } = snapshot;
  const title = snapshot.names.roles.get(role)?.title ?? '';
  throw badInput(
    'from',
    `names ${snapshot.names.roles.get(from)?.title ?? 'an O*NET occupation'}, a specialty of ${title}: this graph enters it only from ${title} and has no moves out of it ` +
      `(docs/decisions/024-curated-roles-entered-only-by-curated-moves.md). Start from "${index.roleSlugs[index.roleIndexById.get(role)!]}", with what the learner holds in \`profile\`.`,
  );
}

/**
 * The curated roles a pathway from an O*NET occupation can reach (role ids): those whose open entry
 * it takes (the LPN and the RN from nursing assistants, which O*NET relates to them), and every role
 * their curated moves lead to.
 */
function openlyReached(snapshot: GraphSnapshot, from: number): Set<number> {
  const { index } = snapshot;
  const src = index.roleIndexById.get(from)!;
  const seen = new Uint8Array(index.roleCount);
  const queue: number[] = [];
  for (let e = index.outOffsets[src]!; e < index.outOffsets[src + 1]!; e++)
    if (index.edgeEstimated[e] === 2 && seen[index.edgeTo[e]!] === 0) {
      seen[index.edgeTo[e]!] = 1;
      queue.push(index.edgeTo[e]!);
    }
  for (let i = 0; i < queue.length; i++)
    for (let e = index.outOffsets[queue[i]!]!; e < index.outOffsets[queue[i]! + 1]!; e++) {
      const v = index.edgeTo[e]!;
      if (index.edgeEstimated[e] === 0 && seen[v] === 0) {
        seen[v] = 1;
        queue.push(v);
      }
    }
  return new Set(queue.map((r) => index.roleIds[r]!));
}

/**
 * From an O*NET occupation a curated role is reached only through a role anyone enters the same way
 * (an open entry: the LPN, the RN) that O*NET relates to the occupation, and the curated moves on from
 * it (decision 024). Said, rather than answered with an empty list that reads as "no route", for the
 * other curated roles, with the roles the occupation does enter.
 */
function curatedFromOccupation(argument: 'to' | 'toTrack', snapshot: GraphSnapshot, from: number, title?: string) {
  const { index } = snapshot;
  const src = index.roleIndexById.get(from)!;
  const entered: string[] = [];
  for (let e = index.outOffsets[src]!; e < index.outOffsets[src + 1]!; e++)
    if (index.edgeEstimated[e] === 2) entered.push(`"${index.roleSlugs[index.edgeTo[e]!]}"`);
  const occupation = snapshot.names.roles.get(from)?.title ?? 'this O*NET occupation';
  // Nurse practitioners and the like hold the curated role already ("enters none" read as if they
  // could never be registered nurses).
  const holder = snapshot.enteredOnlyFrom.get(from);
  if (holder !== undefined) {
    const r = index.roleIndexById.get(holder)!;
    return badInput(
      argument,
      `${argument === 'to' ? `names the curated role ${title ?? ''}`.trimEnd() : 'names a track of curated roles'}: ${occupation} are ${snapshot.names.roles.get(holder)?.title ?? 'a curated role'}s with more, so start from "${index.roleSlugs[r]}", with what they hold in \`profile\`.`,
    );
  }
  // Short and in a counsellor's words first (a walk found 900 characters of jargon); the why after.
  return badInput(
    argument,
    // "which no pathway from Cashiers reaches" was false by the graph's own moves (through nursing
    // assistants): the service does not route there, by decision 024.
    `${argument === 'to' ? `names the curated role ${title ?? ''}`.trimEnd() : 'names a track of curated roles'}, which pathways from ${occupation} do not reach here: a curated role is entered only by curated moves, or straight from the starting occupation. ` +
      (entered.length
        ? `From ${occupation} a pathway enters only ${entered.join(' or ')} (O*NET relates them, and everyone enters them the same way), and goes on from there by curated moves. `
        : `No curated role is entered from ${occupation}: that takes a role everyone enters the same way (the licensed practical nurse is one) that O*NET relates to ${occupation}, and it relates none. `) +
      'Otherwise start from the curated role nearest the learner’s job, with what they hold in `profile` ' +
      '(docs/decisions/024-curated-roles-entered-only-by-curated-moves.md).',
  );
}

/** A SOC major-group track (a negative id) holds only occupations: likewise needs includeEstimated. */
function curatedTrackUnlessEstimated(track: number, args: { includeEstimated?: boolean | null }): number {
  if (!args.includeEstimated && track < 0)
    throw badInput(
      'toTrack',
      'names an O*NET major-group track, which only estimated moves reach: ask with includeEstimated: true.',
    );
  return track;
}
