/**
 * Turning a sequence of edges and a certification plan into a reported Pathway (docs/cost-model.md),
 * and evaluating a pathway given by its transition ids.
 */
import type { GraphIndex } from './build.js';
import { solveCertPlan, type WorkMeter } from './certs.js';
import { centsToUsd, experienceMonths } from './cost.js';
import { InvalidQueryError } from './errors.js';
import type { Pathway, PathwayEvaluationOptions, PathwayStep, Profile, RequirementChoice } from './types.js';

/** The profile resolved to dense marks. */
export interface ResolvedProfile {
  /** 1 for each held certification (dense index). */
  readonly heldCert: Uint8Array;
  readonly anyHeld: boolean;
  /** 1 for each completed program (dense index). */
  readonly doneProgram: Uint8Array;
  readonly anyDone: boolean;
  readonly yearsInCurrentRole: number;
}

export function resolveProfile(index: GraphIndex, profile: Profile | undefined): ResolvedProfile {
  const heldCert = new Uint8Array(index.certCount);
  const doneProgram = new Uint8Array(index.programCount);
  let anyHeld = false;
  let anyDone = false;
  for (const id of profile?.heldCertifications ?? []) {
    const c = index.certIndexById.get(id);
    if (c === undefined) throw new InvalidQueryError(`profile: unknown certification ${id}`);
    heldCert[c] = 1;
    anyHeld = true;
  }
  for (const id of profile?.completedPrograms ?? []) {
    const p = index.programIndexById.get(id);
    if (p === undefined) throw new InvalidQueryError(`profile: unknown program ${id}`);
    doneProgram[p] = 1;
    anyDone = true;
  }
  const years = profile?.yearsInCurrentRole ?? 0;
  if (!(years >= 0)) throw new InvalidQueryError(`profile: yearsInCurrentRole must be >= 0, got ${years}`);
  return { heldCert, anyHeld, doneProgram, anyDone, yearsInCurrentRole: years };
}

/** True when a held certification satisfies requirement-group class `cls`. */
export function classHeld(index: GraphIndex, held: Uint8Array, cls: number): boolean {
  const { classOptionOffsets, classOptions } = index;
  for (let j = classOptionOffsets[cls]!, end = classOptionOffsets[cls + 1]!; j < end; j++)
    if (held[classOptions[j]!] === 1) return true;
  return false;
}

/**
 * Reports the pathway along `edges` (a loopless path from `edges[0]`'s source) when the certifications
 * in `chosen` are earned: a requirement group not satisfied by what is held is satisfied by earning its
 * first option (certRank order) that is in `chosen`.
 */
export function buildPathway(
  index: GraphIndex,
  edges: ArrayLike<number>,
  chosen: ArrayLike<number>,
  profile: ResolvedProfile,
): Pathway {
  const {
    edgeFrom,
    edgeTo,
    roleIds,
    roleTrack,
    edgeTransitionId,
    edgeMinYears,
    edgeGroupOffsets,
    groupClass,
    classOptionOffsets,
    classOptions,
    edgeProgramOffsets,
    edgePrograms,
    programMinMonths,
    programCostCents,
    programCostKnown,
    certFeeCents,
    certFeeKnown,
    certIds,
    programIds,
  } = index;
  const held = profile.heldCert.slice();
  const done = profile.doneProgram.slice();
  const inPlan = new Set<number>();
  for (let i = 0; i < chosen.length; i++) inPlan.add(chosen[i]!);

  const steps: PathwayStep[] = [];
  const roleIdList: number[] = [];
  const transitionIds: number[] = [];
  const earnedAll: number[] = [];
  let month = 0;
  let trainingCents = 0;
  let examCents = 0;
  let unknown = false;
  let crosses = false;
  if (edges.length > 0) roleIdList.push(roleIds[edgeFrom[edges[0]!]!]!);
  for (let i = 0; i < edges.length; i++) {
    const e = edges[i]!;
    const from = edgeFrom[e]!;
    const to = edgeTo[e]!;
    const exp = experienceMonths(edgeMinYears[e]!, i === 0 ? profile.yearsInCurrentRole : 0);
    let trainMonths = 0;
    let trainCents = 0;
    const programs: number[] = [];
    for (let j = edgeProgramOffsets[e]!; j < edgeProgramOffsets[e + 1]!; j++) {
      const p = edgePrograms[j]!;
      if (done[p] === 1) continue;
      done[p] = 1;
      trainMonths += programMinMonths[p]!;
      trainCents += programCostCents[p]!;
      if (programCostKnown[p] === 0) unknown = true;
      programs.push(programIds[p]!);
    }
    const earned: number[] = [];
    const earnedNow = new Set<number>();
    const choices: RequirementChoice[] = [];
    let feeCents = 0;
    for (let g = edgeGroupOffsets[e]!; g < edgeGroupOffsets[e + 1]!; g++) {
      const cls = groupClass[g]!;
      const lo = classOptionOffsets[cls]!;
      const hi = classOptionOffsets[cls + 1]!;
      let by = -1;
      for (let j = lo; j < hi && by < 0; j++) if (held[classOptions[j]!] === 1) by = classOptions[j]!;
      if (by < 0) {
        for (let j = lo; j < hi && by < 0; j++) if (inPlan.has(classOptions[j]!)) by = classOptions[j]!;
        if (by < 0) throw new Error(`internal: certification plan does not satisfy a group of edge ${e}`);
        held[by] = 1;
        earnedNow.add(by);
        earned.push(certIds[by]!);
        feeCents += certFeeCents[by]!;
        if (certFeeKnown[by] === 0) unknown = true;
      }
      const anyOf: number[] = [];
      for (let j = lo; j < hi; j++) anyOf.push(certIds[classOptions[j]!]!);
      choices.push({ anyOf, satisfiedBy: certIds[by]!, alreadyHeld: !earnedNow.has(by) });
    }
    const months = exp + trainMonths;
    const stepCrosses = roleTrack[from] !== roleTrack[to];
    crosses ||= stepCrosses;
    trainingCents += trainCents;
    examCents += feeCents;
    earnedAll.push(...earned);
    steps.push({
      transitionId: edgeTransitionId[e]!,
      fromRoleId: roleIds[from]!,
      toRoleId: roleIds[to]!,
      crossesTracks: stepCrosses,
      experienceMonths: exp,
      trainingMonths: trainMonths,
      trainingCostUsd: centsToUsd(trainCents),
      examFeesUsd: centsToUsd(feeCents),
      months,
      costUsd: centsToUsd(trainCents + feeCents),
      certificationsToEarn: earned,
      programsToComplete: programs,
      requirementChoices: choices,
      startMonth: month,
      endMonth: month + months,
    });
    month += months;
    roleIdList.push(roleIds[to]!);
    transitionIds.push(edgeTransitionId[e]!);
  }
  return {
    roleIds: roleIdList,
    transitionIds,
    steps,
    totalMonths: month,
    totalCostUsd: centsToUsd(trainingCents + examCents),
    totalTrainingCostUsd: centsToUsd(trainingCents),
    totalExamFeesUsd: centsToUsd(examCents),
    certificationsToEarn: earnedAll,
    newCertifications: earnedAll.length,
    stepCount: edges.length,
    crossesTracks: crosses,
    costIncludesUnknowns: unknown,
  };
}

/** Requirement-group classes along `edges` not satisfied by the profile, distinct, ascending. */
export function pathFamily(index: GraphIndex, edges: ArrayLike<number>, profile: ResolvedProfile): Int32Array {
  const set = new Set<number>();
  for (let i = 0; i < edges.length; i++) {
    const e = edges[i]!;
    for (let g = index.edgeGroupOffsets[e]!; g < index.edgeGroupOffsets[e + 1]!; g++) {
      const cls = index.groupClass[g]!;
      if (!classHeld(index, profile.heldCert, cls)) set.add(cls);
    }
  }
  return Int32Array.from(set).sort();
}

const edgeByTransitionId = new WeakMap<GraphIndex, Map<number, number>>();

/**
 * Evaluates the pathway made of these transitions (consecutive, loopless) under the cost model,
 * with the certification plan that is best for `rankBy` (default FASTEST).
 */
export function evaluatePathway(
  index: GraphIndex,
  transitionIds: readonly number[],
  options: PathwayEvaluationOptions = {},
): Pathway {
  let byId = edgeByTransitionId.get(index);
  if (byId === undefined) {
    byId = new Map();
    for (let e = 0; e < index.edgeCount; e++) byId.set(index.edgeTransitionId[e]!, e);
    edgeByTransitionId.set(index, byId);
  }
  if (transitionIds.length === 0) throw new InvalidQueryError('a pathway needs at least one transition');
  const edges: number[] = [];
  const seen = new Set<number>();
  for (const id of transitionIds) {
    const e = byId.get(id);
    if (e === undefined) throw new InvalidQueryError(`unknown transition ${id}`);
    if (edges.length === 0) seen.add(index.edgeFrom[e]!);
    else if (index.edgeFrom[e] !== index.edgeTo[edges[edges.length - 1]!])
      throw new InvalidQueryError(`transition ${id} does not start where the previous one ends`);
    if (seen.has(index.edgeTo[e]!)) throw new InvalidQueryError(`transition ${id} revisits a role`);
    seen.add(index.edgeTo[e]!);
    edges.push(e);
  }
  const profile = resolveProfile(index, options.profile);
  const unlimited: WorkMeter = { add() {} };
  const plan = solveCertPlan(
    index,
    pathFamily(index, edges, profile),
    options.rankBy === 'FEWEST_NEW_CERTIFICATIONS',
    Infinity,
    unlimited,
  );
  if (plan === null) throw new Error('internal: no certification plan');
  return buildPathway(index, edges, plan.chosen, profile);
}
