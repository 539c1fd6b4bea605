/**
 * Plain data in and out of the pathway engine (docs/cost-model.md, docs/decisions/003-pathway-search.md).
 * Every id is a database id (or a synthetic one for estimated moves); the engine maps them to dense
 * indices internally and answers in ids.
 */
import type { TransitionColumns } from './columns.js';

export interface RoleInput {
  id: number;
  slug: string;
  trackId: number;
  trackSlug: string;
  /** Programs anyone in this role has completed (a medical assistant finished an MA program). */
  impliedPrograms?: readonly number[];
  /** Certifications or licences anyone in this role holds (an RN holds an RN licence). */
  impliedCertifications?: readonly number[];
}

/** A track. Only needed for tracks that bridge others (see `bridging`); others are named by roles. */
interface TrackInput {
  id: number;
  slug: string;
  /** A track spanning the others (the hybrid medical assistant): moves into or out of it cross no track. */
  bridging: boolean;
}

/**
 * One way to become eligible to earn a certification; any one route suffices. Exactly one of the
 * fields is set, or none: a route with no condition (the certification has no prerequisite).
 */
export interface EligibilityRouteInput {
  /** Completing this program. */
  program?: number;
  /** Having worked this many months (anywhere on the pathway, the current role included). */
  minMonthsExperience?: number;
  /** Holding this certification (a licence that needs its exam passed). */
  certification?: number;
}

export interface CertificationInput {
  id: number;
  slug: string;
  /** Exam fee in USD; null when no source gives it. */
  examFeeUsd: number | null;
  /** What an unknown fee is assumed to be for ranking and limits (a documented estimate); null: none (0). */
  feeEstimateUsd?: number | null;
  /** Eligibility routes, any one suffices; absent or empty: no prerequisite. */
  routes?: readonly EligibilityRouteInput[];
}

export interface ProgramInput {
  id: number;
  slug: string;
  /** Typical full-time length in months (the shortest typical length). */
  minMonths: number;
  /** Typical cost in USD; null when no source gives it. */
  typicalCostUsd: number | null;
  /** What an unknown cost is assumed to be for ranking and limits (a documented estimate); null: none (0). */
  costEstimateUsd?: number | null;
  /** Programs that must be completed first (a master's needs a bachelor's), all of them. */
  prerequisites?: readonly number[];
}

export interface TransitionInput {
  id: number;
  /** Role id the move starts from. */
  from: number;
  /** Role id the move leads to. */
  to: number;
  /** Years in the source role the move asks for (>= 0). */
  minYearsExperience: number;
  /** Certification ids: every group is needed, any one certification of a group satisfies it. */
  requirementGroups: readonly (readonly number[])[];
  /** Program ids, all required. */
  training: readonly number[];
  /** An estimated move (from O*NET and BLS), used only when a query asks for estimated moves. */
  estimated?: boolean;
  /**
   * An estimated move into a curated role that asks what the role's curated ways in ask (its open
   * entry): used only when a query asks for them too (`openEntries`). Implies `estimated`.
   */
  openEntry?: boolean;
  /**
   * An estimated move out of a curated role into the O*NET occupations: not used by a search that
   * takes open entries (`openEntries`), so that a pathway from an occupation that entered the
   * curated roles stays in them. Implies `estimated`.
   */
  leavesCurated?: boolean;
}

export interface GraphInput {
  roles: readonly RoleInput[];
  /** Tracks with properties; tracks only named by roles are plain (not bridging). */
  tracks?: readonly TrackInput[];
  certifications: readonly CertificationInput[];
  programs: readonly ProgramInput[];
  transitions: readonly TransitionInput[];
  /**
   * Transitions with a part of no known length (estimated moves whose related experience BLS gives
   * no least amount for, say): among pathways of equal months FASTEST puts those with fewer such
   * parts first, as it does moves training in an estimated program of 0 months (no known length).
   */
  untimedTransitions?: readonly number[];
  /**
   * Curated transitions that may ask training no source describes (a medical assistant's specialty):
   * a pathway through one has an unknown cost (UnknownCost TRAINING), counted as 0, and a part of no
   * known length (as untimedTransitions, where it is not listed). On a move that also asks
   * certifications, the training is the way to them: a learner holding every one at the start is not
   * asked it (QueryContext.untimed).
   */
  unknownTrainingTransitions?: readonly number[];
}

/**
 * What `buildIndex` takes: a GraphInput, or one with its transitions as columns (columns.ts), the
 * form for graphs of millions of moves.
 */
export type BuildInput = Omit<GraphInput, 'transitions'> & {
  transitions: readonly TransitionInput[] | TransitionColumns;
};

export type RankBy = 'FASTEST' | 'CHEAPEST' | 'FEWEST_NEW_CERTIFICATIONS' | 'FEWEST_STEPS';

export const RANK_BY_VALUES: readonly RankBy[] = ['FASTEST', 'CHEAPEST', 'FEWEST_NEW_CERTIFICATIONS', 'FEWEST_STEPS'];

export type StudyLoad = 'FULL_TIME' | 'PART_TIME';

/** What the learner already has when starting (besides what the start role implies). */
export interface Profile {
  heldCertifications?: readonly number[];
  completedPrograms?: readonly number[];
  /** Years already spent in the start role; counts towards the first step and as work experience. */
  yearsInCurrentRole?: number;
  /** Full-time (default) or part-time study; part-time stretches program months (docs/cost-model.md). */
  studyLoad?: StudyLoad;
  /**
   * Whether the learner completed the programs the start role implies (a medical assistant's medical
   * assisting program); false for one trained on the job, who is then asked them where a move or a
   * certification's route needs them. Default true.
   */
  startRoleTrainingCompleted?: boolean;
}

export interface Constraints {
  maxSteps?: number;
  maxMonths?: number;
  /** Bounds the total cost, unknown parts counted at their estimate. */
  maxCostUsd?: number;
  /** Roles the pathway must not pass through or end at (the start role is exempt). */
  avoidRoles?: readonly number[];
  /** Every role after the start must be on one of these tracks. */
  onlyTracks?: readonly number[];
}

export interface PathwayQuery {
  from: number;
  /** Target role; exactly one of `to` and `toTrack`. */
  to?: number;
  /** Target track: the pathway ends at the first role of this track it reaches (never `from`). */
  toTrack?: number;
  /** How many pathways, best first (1..100). */
  k: number;
  rankBy: RankBy;
  profile?: Profile;
  constraints?: Constraints;
  /** Also use estimated moves (default false: curated moves only). */
  includeEstimated?: boolean;
  /**
   * With includeEstimated, also the estimated moves into curated roles (TransitionInput.openEntry):
   * the service asks for them from an O*NET occupation only, so that answers from a curated role are
   * the curated graph's (decision 024).
   */
  openEntries?: boolean;
  /** Work units the search may spend before throwing SearchBudgetExceeded. */
  workBudget?: number;
}

/** How a certification earned on a step was made eligible. */
export type RouteUse =
  /** The certification has no prerequisite. */
  | { kind: 'OPEN' }
  /** The program route: completed before the step (alreadyMet), or on it (its training, or for the exam). */
  | { kind: 'PROGRAM'; programId: number; alreadyMet: boolean }
  /**
   * The work-experience route: met by the months worked before the step (alreadyMet), by the step's
   * own work (waitMonths 0), or after working `waitMonths` more.
   */
  | { kind: 'EXPERIENCE'; months: number; alreadyMet: boolean; waitMonths: number }
  /** Holding another certification (always met when used). */
  | { kind: 'CERTIFICATION'; certificationId: number };

/** One requirement group of a step and the certification that satisfies it. */
export interface RequirementChoice {
  /** The group's options (certification ids), cheapest exam first, then by slug. */
  anyOf: number[];
  /** The certification satisfying the group on this pathway. */
  satisfiedBy: number;
  /** True when `satisfiedBy` was held before the step (profile, start role or an earlier step). */
  alreadyHeld: boolean;
  /** True when `satisfiedBy` was held at the start of the pathway (profile or start role), not earned on it. */
  heldAtStart: boolean;
  /** How it was made eligible, when earned on this step (null when already held). */
  route: RouteUse | null;
}

/** Why a program is completed on a step. */
export type ProgramReason = 'TRAINING' | 'PREREQUISITE' | 'ELIGIBILITY';

export interface ProgramTaken {
  programId: number;
  reason: ProgramReason;
  /** Months at the assumed study load. */
  months: number;
  /** Cost counted: the known cost, else the estimate (0 without one). */
  costUsd: number;
  costKnown: boolean;
}

/**
 * A cost a source does not give, and what the engine assumed for it. LICENSING: whatever
 * certification or licence fee an estimated move into role `id` asks; the data loaded does not
 * model them, so there is no estimate and it counts as 0 (docs/cost-model.md, "Estimated moves").
 * TRAINING: whatever the curated move `id` may ask that no source describes
 * (GraphInput.unknownTrainingTransitions), likewise with no estimate.
 */
export interface UnknownCost {
  kind: 'PROGRAM' | 'EXAM' | 'LICENSING' | 'TRAINING';
  /**
   * Program or certification id; for LICENSING, the id of the role the estimated move enters; for
   * TRAINING, the transition's id.
   */
  id: number;
  /** The documented estimate used for ranking and limits; null when there is none (counted as 0). */
  estimateUsd: number | null;
}

/** A move's training program a step skips, and the held certification that makes it unneeded. */
export interface ProgramNotNeeded {
  programId: number;
  heldCertificationId: number;
  /** The options of the group the program trains for (certification ids, in the group's order). */
  anyOf: number[];
}

export interface PathwayStep {
  transitionId: number;
  fromRoleId: number;
  toRoleId: number;
  /** An estimated move (not curated). */
  estimated: boolean;
  crossesTracks: boolean;
  /** Months of experience the move asks for in the source role, still to gain. */
  experienceMonths: number;
  /**
   * Months of the experience the move asks that the learner's years in their current role already
   * cover (profile.yearsInCurrentRole): on the move out of the start, or out of a role a move that
   * kept those years led to (same work under another title); 0 elsewhere.
   */
  experienceCountedMonths: number;
  /** Months of programs completed on the step (training, prerequisites, eligibility routes). */
  trainingMonths: number;
  /** Months of further work needed to meet a certification's experience route. */
  eligibilityWaitMonths: number;
  /** experienceMonths + trainingMonths + eligibilityWaitMonths. */
  months: number;
  /** Cost of the programs completed (unknown ones at their estimate). */
  trainingCostUsd: number;
  /** Exam fees of the certifications earned (unknown ones at their estimate). */
  examFeesUsd: number;
  /** trainingCostUsd + examFeesUsd. */
  costUsd: number;
  /** The part of costUsd that sources give. */
  knownCostUsd: number;
  /** The parts of costUsd no source gives. */
  unknownCosts: UnknownCost[];
  /** Certifications earned on this step (ids), in the order of the step's requirement groups. */
  certificationsToEarn: number[];
  /** Programs completed on this step, in the order taken. */
  programs: ProgramTaken[];
  /** Program ids of `programs`. */
  programsToComplete: number[];
  /**
   * The move's training programs the learner need not take: each trains for one of the move's
   * requirement groups (the eligibility route of an option), and the learner held an option of
   * that group at the start of the pathway (GraphIndex.edgeProgramWaiver).
   */
  programsNotNeeded: ProgramNotNeeded[];
  /**
   * The move's training programs taken on the step that holding an option of the group each trains
   * for at the start would have spared (GraphIndex.edgeProgramWaiver), with the group's options.
   */
  programsSparable: { programId: number; anyOf: number[] }[];
  /** Whole months worked before the step: the years in the start role, then each earlier step's experience. */
  workMonthsBefore: number;
  /** The move's training programs completed before the step (profile, start role or an earlier step): not taken again. */
  programsAlreadyDone: number[];
  /** Every requirement group of the transition, in its order, with the certification satisfying it. */
  requirementChoices: RequirementChoice[];
  /**
   * The move's training no source describes (GraphInput.unknownTrainingTransitions) is asked on this
   * step: false for other moves, and where the move asks certifications and every one was held
   * before the step, since such training is the way to them (the COA's study course, which a COA
   * holder does not take).
   */
  unknownTraining: boolean;
  startMonth: number;
  endMonth: number;
}

export interface Pathway {
  /** Start role, then the role each step leads to. */
  roleIds: number[];
  transitionIds: number[];
  steps: PathwayStep[];
  totalMonths: number;
  /** Training and exam fees; unknown parts at their estimate. */
  totalCostUsd: number;
  totalTrainingCostUsd: number;
  totalExamFeesUsd: number;
  /** The part of totalCostUsd that sources give. */
  knownCostUsd: number;
  /** Every unknown part of totalCostUsd. */
  unknownCosts: UnknownCost[];
  /** Every certification earned along the pathway, in the order earned. */
  certificationsToEarn: number[];
  /** certificationsToEarn.length */
  newCertifications: number;
  stepCount: number;
  /** Steps on estimated moves. */
  estimatedSteps: number;
  /**
   * Where the pathway passes from one track to another, bridging tracks aside (clinical → hybrid →
   * administrative is one crossing, from clinical to administrative): track ids.
   */
  crossings: {
    fromTrackId: number;
    toTrackId: number;
    /** The bridging track it passes through on the way, if any: then no single step crosses. */
    viaTrackId?: number;
  }[];
  /** crossings.length > 0 */
  crossesTracks: boolean;
  /** True when unknownCosts is not empty. */
  costIncludesUnknowns: boolean;
  /** The study load assumed for program months. */
  studyLoad: StudyLoad;
}

export interface ReachableQuery {
  from: number;
  withinMonths: number;
  profile?: Profile;
  constraints?: Constraints;
  includeEstimated?: boolean;
  /** As PathwayQuery.openEntries. */
  openEntries?: boolean;
  workBudget?: number;
}

export interface ReachableRole {
  roleId: number;
  /** Earliest month the role can be reached (end of the last step). */
  earliestMonth: number;
  /** Whether the pathway has a move with a part of unknown length (the list's order puts those after, at a month). */
  unknownLength: boolean;
  stepCount: number;
  /**
   * The pathway achieving the earliest month: fewest parts of unknown length among those (see
   * QueryContext.untimed), then fewest steps, then smallest transition ids.
   */
  transitionIds: number[];
  /** The full pathway (evaluated on demand, as FASTEST would report it). */
  pathway(): Pathway;
}

export interface PathwayEvaluationOptions {
  profile?: Profile;
  /** Decides the choice of certifications and routes (default FASTEST). */
  rankBy?: RankBy;
  constraints?: Pick<Constraints, 'maxMonths' | 'maxCostUsd'>;
}
