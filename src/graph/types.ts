/**
 * Plain data in and out of the pathway engine (docs/cost-model.md, docs/decisions/003-pathway-search.md).
 * Every id is a database id; the engine maps them to dense indices internally and answers in ids.
 */

export interface RoleInput {
  id: number;
  slug: string;
  trackId: number;
  trackSlug: string;
}

export interface CertificationInput {
  id: number;
  slug: string;
  /** Exam fee in USD; null (unknown) counts as 0 and marks the cost as incomplete. */
  examFeeUsd: number | null;
}

export interface ProgramInput {
  id: number;
  slug: string;
  /** Shortest typical length in months. */
  minMonths: number;
  /** Typical cost in USD; null (unknown) counts as 0 and marks the cost as incomplete. */
  typicalCostUsd: number | null;
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
}

export interface GraphInput {
  roles: readonly RoleInput[];
  certifications: readonly CertificationInput[];
  programs: readonly ProgramInput[];
  transitions: readonly TransitionInput[];
}

export type RankBy = 'FASTEST' | 'CHEAPEST' | 'FEWEST_NEW_CERTIFICATIONS' | 'FEWEST_STEPS';

export const RANK_BY_VALUES: readonly RankBy[] = ['FASTEST', 'CHEAPEST', 'FEWEST_NEW_CERTIFICATIONS', 'FEWEST_STEPS'];

/** What the learner already has when starting. */
export interface Profile {
  heldCertifications?: readonly number[];
  completedPrograms?: readonly number[];
  /** Years already spent in the start role; counts towards the first step only. */
  yearsInCurrentRole?: number;
}

export interface Constraints {
  maxSteps?: number;
  maxMonths?: number;
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
  /** Work units the search may spend before throwing SearchBudgetExceeded. */
  workBudget?: number;
}

/** One requirement group of a step and the certification that satisfies it. */
export interface RequirementChoice {
  /** The group's options (certification ids), cheapest exam first, then by slug. */
  anyOf: number[];
  /** The certification satisfying the group on this pathway. */
  satisfiedBy: number;
  /** True when `satisfiedBy` was held before the step (profile or an earlier step). */
  alreadyHeld: boolean;
}

export interface PathwayStep {
  transitionId: number;
  fromRoleId: number;
  toRoleId: number;
  crossesTracks: boolean;
  experienceMonths: number;
  trainingMonths: number;
  trainingCostUsd: number;
  examFeesUsd: number;
  /** experienceMonths + trainingMonths. */
  months: number;
  /** trainingCostUsd + examFeesUsd. */
  costUsd: number;
  /** Certifications earned on this step (ids), in the order of the step's requirement groups. */
  certificationsToEarn: number[];
  /** Programs completed on this step (ids, ascending). */
  programsToComplete: number[];
  /** Every requirement group of the transition, in its order, with the certification satisfying it. */
  requirementChoices: RequirementChoice[];
  startMonth: number;
  endMonth: number;
}

export interface Pathway {
  /** Start role, then the role each step leads to. */
  roleIds: number[];
  transitionIds: number[];
  steps: PathwayStep[];
  totalMonths: number;
  totalCostUsd: number;
  totalTrainingCostUsd: number;
  totalExamFeesUsd: number;
  /** Every certification earned along the pathway, in the order earned. */
  certificationsToEarn: number[];
  /** certificationsToEarn.length */
  newCertifications: number;
  stepCount: number;
  crossesTracks: boolean;
  /** True when a program cost or exam fee counted here is unknown (null, counted as 0). */
  costIncludesUnknowns: boolean;
}

export interface ReachableQuery {
  from: number;
  withinMonths: number;
  profile?: Profile;
  constraints?: Constraints;
  workBudget?: number;
}

export interface ReachableRole {
  roleId: number;
  /** Earliest month the role can be reached (end of the last step). */
  earliestMonth: number;
  stepCount: number;
  /** The pathway achieving the earliest month: fewest steps among those, then smallest transition ids. */
  transitionIds: number[];
  /** The full pathway (evaluated on demand; exam choices as for FASTEST). */
  pathway(): Pathway;
}

export interface PathwayEvaluationOptions {
  profile?: Profile;
  /** Decides the certification choice: fewest new certifications first for FEWEST_NEW_CERTIFICATIONS, else cheapest. */
  rankBy?: RankBy;
}
