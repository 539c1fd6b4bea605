/**
 * Reporting a pathway: replaying its steps with the chosen ways of meeting their requirements
 * (step.ts), and evaluating a pathway given by its transition ids (docs/cost-model.md).
 */
import { ROUTE_CERTIFICATION, ROUTE_EXPERIENCE, ROUTE_PROGRAM, type GraphIndex } from './build.js';
import { centsToUsd, usdToCents } from './cost.js';
import { InvalidQueryError } from './errors.js';
import { trackCrossings } from './crossings.js';
import {
  expandStep,
  has,
  holdsEveryGroup,
  keepsTenure,
  queryContext,
  replayStep,
  type Choices,
  type QueryContext,
  type State,
} from './step.js';
import type {
  Pathway,
  PathwayEvaluationOptions,
  PathwayStep,
  ProgramNotNeeded,
  ProgramTaken,
  RankBy,
  RequirementChoice,
  RouteUse,
  UnknownCost,
} from './types.js';

const estimate = (usd: number): number | null => (Number.isNaN(usd) ? null : usd);

/**
 * How route r of a certification earned on a step was used: `met` when nothing more was needed for
 * it by the exam; `before`, the learner before the step. alreadyMet says the route was met before
 * the step: a program the step's own training completes, or months its own work gives, were not.
 */
function routeUse(ix: GraphIndex, r: number, met: boolean, wait: number, before: State): RouteUse {
  const kind = ix.routeKind[r]!;
  const value = ix.routeValue[r]!;
  if (kind === ROUTE_PROGRAM)
    return { kind: 'PROGRAM', programId: ix.programIds[value]!, alreadyMet: met && has(before.done, value) };
  if (kind === ROUTE_EXPERIENCE)
    return { kind: 'EXPERIENCE', months: value, alreadyMet: met && before.work >= value, waitMonths: wait };
  if (kind === ROUTE_CERTIFICATION) return { kind: 'CERTIFICATION', certificationId: ix.certIds[value]! };
  return { kind: 'OPEN' };
}

/** The pathway along `edges` (a loopless path from the query's start) with these choices per step. */
export function buildPathway(
  cx: QueryContext,
  edges: readonly number[],
  choices: readonly (Choices | null)[],
): Pathway {
  const ix = cx.index;
  /** The certification ids of class cls's options, in option order. */
  const optionsOf = (cls: number): number[] => {
    const anyOf: number[] = [];
    for (let j = ix.classOptionOffsets[cls]!; j < ix.classOptionOffsets[cls + 1]!; j++)
      anyOf.push(ix.certIds[ix.classOptions[j]!]!);
    return anyOf;
  };
  let state: State = cx.start;
  // Whether the learner's years in the start role count on the next move (step.ts, keepsTenure).
  let first = true;
  const steps: PathwayStep[] = [];
  const roleIds: number[] = [ix.roleIds[cx.from]!];
  const transitionIds: number[] = [];
  const unknownAll: UnknownCost[] = [];
  let trainingCents = 0;
  let examCents = 0;
  let knownCents = 0;
  for (let i = 0; i < edges.length; i++) {
    const e = edges[i]!;
    const from = ix.edgeFrom[e]!;
    const to = ix.edgeTo[e]!;
    const programs: ProgramTaken[] = [];
    const earned: { cert: number; route: number; met: boolean; wait: number }[] = [];
    const notNeeded: ProgramNotNeeded[] = [];
    const sparable: PathwayStep['programsSparable'] = [];
    const alreadyDone: number[] = [];
    const unknown: UnknownCost[] = [];
    let stepTraining = 0;
    let stepExam = 0;
    let stepKnown = 0;
    const detail = replayStep(cx, state, e, first, choices[i] ?? null, {
      program(p, reason, months) {
        const cents = ix.programCostCents[p]!;
        const known = ix.programCostKnown[p] === 1;
        stepTraining += cents;
        if (known) stepKnown += cents;
        else
          unknown.push({
            kind: 'PROGRAM',
            id: ix.programIds[p]!,
            estimateUsd: estimate(ix.programCostEstimateUsd[p]!),
          });
        programs.push({ programId: ix.programIds[p]!, reason, months, costUsd: centsToUsd(cents), costKnown: known });
      },
      alreadyDone(p) {
        alreadyDone.push(ix.programIds[p]!);
      },
      waived(p, cert, cls) {
        notNeeded.push({ programId: ix.programIds[p]!, heldCertificationId: ix.certIds[cert]!, anyOf: optionsOf(cls) });
      },
      sparable(p, cls) {
        sparable.push({ programId: ix.programIds[p]!, anyOf: optionsOf(cls) });
      },
      earn(cert, route, met, wait) {
        const cents = ix.certFeeCents[cert]!;
        stepExam += cents;
        if (ix.certFeeKnown[cert] === 1) stepKnown += cents;
        else unknown.push({ kind: 'EXAM', id: ix.certIds[cert]!, estimateUsd: estimate(ix.certFeeEstimateUsd[cert]!) });
        earned.push({ cert, route, met, wait });
      },
    });
    // Each group in order: satisfied by a certification held at that point (the first in option
    // order), or by the next one earned.
    const requirementChoices: RequirementChoice[] = [];
    const heldNow = state.held;
    let next = 0;
    const earnedNow = new Set<number>();
    for (let gi = ix.edgeGroupOffsets[e]!; gi < ix.edgeGroupOffsets[e + 1]!; gi++) {
      const cls = ix.groupClass[gi]!;
      const options: number[] = [];
      for (let j = ix.classOptionOffsets[cls]!; j < ix.classOptionOffsets[cls + 1]!; j++)
        options.push(ix.classOptions[j]!);
      const held = options.find((c) => has(heldNow, c) || earnedNow.has(c));
      const anyOf = options.map((c) => ix.certIds[c]!);
      if (held !== undefined) {
        requirementChoices.push({
          anyOf,
          satisfiedBy: ix.certIds[held]!,
          alreadyHeld: !earnedNow.has(held),
          heldAtStart: !earnedNow.has(held) && has(cx.start.held, held),
          route: null,
        });
        continue;
      }
      // Earned in order: certifications a route asks to hold, then the option meeting the group.
      let got = earned[next++];
      while (got !== undefined && !options.includes(got.cert)) {
        earnedNow.add(got.cert);
        got = earned[next++];
      }
      if (got === undefined) throw new Error('internal: a requirement group was neither held nor earned');
      earnedNow.add(got.cert);
      requirementChoices.push({
        anyOf,
        satisfiedBy: ix.certIds[got.cert]!,
        alreadyHeld: false,
        heldAtStart: false,
        route: routeUse(ix, got.route, got.met, got.wait, state),
      });
    }
    // An estimated move's certifications and licences are not modelled: their fees are unknown (an
    // open entry asks the curated role's own, priced as curated).
    if (ix.edgeEstimated[e] === 1 || ix.edgeEstimated[e] === 3)
      unknown.push({ kind: 'LICENSING', id: ix.roleIds[to]!, estimateUsd: null });
    // Training a curated move may ask that no source describes: its cost is not known, never none.
    // Where the move asks certifications, it is the way to them: not asked of a learner who held
    // them all at the start (as QueryContext.untimed; a COA holder was told to take the COA's course).
    const undescribed =
      ix.edgeUnknownTraining[e] === 1 &&
      !(ix.edgeGroupOffsets[e] !== ix.edgeGroupOffsets[e + 1] && holdsEveryGroup(ix, e, cx.start.held));
    if (undescribed) unknown.push({ kind: 'TRAINING', id: ix.edgeTransitionId[e]!, estimateUsd: null });
    const months = detail.state.months - state.months;
    const crosses =
      ix.roleTrack[from] !== ix.roleTrack[to] &&
      ix.trackBridging[ix.roleTrack[from]!] === 0 &&
      ix.trackBridging[ix.roleTrack[to]!] === 0;
    steps.push({
      transitionId: ix.edgeTransitionId[e]!,
      fromRoleId: ix.roleIds[from]!,
      toRoleId: ix.roleIds[to]!,
      estimated: ix.edgeEstimated[e] !== 0,
      crossesTracks: crosses,
      experienceMonths: detail.experienceMonths,
      experienceCountedMonths: first ? ix.edgeExpMonths[e]! - detail.experienceMonths : 0,
      trainingMonths: detail.trainingMonths,
      eligibilityWaitMonths: detail.waitMonths,
      months,
      trainingCostUsd: centsToUsd(stepTraining),
      examFeesUsd: centsToUsd(stepExam),
      costUsd: centsToUsd(stepTraining + stepExam),
      knownCostUsd: centsToUsd(stepKnown),
      unknownCosts: unknown,
      certificationsToEarn: earned.map((x) => ix.certIds[x.cert]!),
      programs,
      programsToComplete: programs.map((p) => p.programId),
      programsNotNeeded: notNeeded,
      programsSparable: sparable,
      workMonthsBefore: state.work,
      programsAlreadyDone: alreadyDone,
      requirementChoices,
      unknownTraining: undescribed,
      startMonth: state.months,
      endMonth: detail.state.months,
    });
    trainingCents += stepTraining;
    examCents += stepExam;
    knownCents += stepKnown;
    unknownAll.push(...unknown);
    first = first && cx.yearsInCurrentRole > 0 && keepsTenure(cx, e, state.months, detail.state.months);
    state = detail.state;
    roleIds.push(ix.roleIds[to]!);
    transitionIds.push(ix.edgeTransitionId[e]!);
  }
  // The non-bridging tracks the pathway passes through, in order: each change is a crossing.
  const crossings = trackCrossings(roleIds, (id) => {
    const t = ix.roleTrack[ix.roleIndexById.get(id)!]!;
    return { trackId: ix.trackIds[t]!, bridging: ix.trackBridging[t] === 1 };
  });
  const certificationsToEarn = steps.flatMap((s) => s.certificationsToEarn);
  return {
    roleIds,
    transitionIds,
    steps,
    totalMonths: state.months,
    totalCostUsd: centsToUsd(trainingCents + examCents),
    totalTrainingCostUsd: centsToUsd(trainingCents),
    totalExamFeesUsd: centsToUsd(examCents),
    knownCostUsd: centsToUsd(knownCents),
    unknownCosts: unknownAll,
    certificationsToEarn,
    newCertifications: certificationsToEarn.length,
    stepCount: edges.length,
    estimatedSteps: steps.filter((s) => s.estimated).length,
    crossings,
    crossesTracks: crossings.length > 0,
    costIncludesUnknowns: unknownAll.length > 0,
    studyLoad: cx.load,
  };
}

/** A ranking's key of a complete evaluation, as the search orders pathways. */
function rankingKey(rankBy: RankBy, s: { months: number; cents: number; count: number }, steps: number): number[] {
  switch (rankBy) {
    case 'CHEAPEST':
      return [s.cents, s.months, s.count, steps];
    case 'FEWEST_NEW_CERTIFICATIONS':
      return [s.count, s.months, s.cents, steps];
    case 'FEWEST_STEPS':
      return [steps, s.months, s.cents, s.count];
    default:
      return [s.months, s.cents, s.count, steps];
  }
}

function compareNumbers(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < a.length && i < b.length; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}

/**
 * The best way (for `rankBy`, ties by the order of choices) of meeting the requirements along `edges`
 * within the limits, or null when there is none. Exhaustive: for single pathways only.
 */
export function bestChoices(
  cx: QueryContext,
  edges: readonly number[],
  rankBy: RankBy,
  maxMonths = Infinity,
  maxCostCents = Infinity,
): (Choices | null)[] | null {
  const ix = cx.index;
  let best: { key: number[]; seq: number[]; choices: (Choices | null)[] } | null = null;
  const chosen: (Choices | null)[] = [];
  const walk = (i: number, s: State, first: boolean): void => {
    if (i === edges.length) {
      const key = rankingKey(rankBy, s, edges.length);
      const seq: number[] = [];
      for (const c of chosen)
        if (c !== null)
          for (let j = 0; j < c.length; j += 2)
            seq.push(ix.certRank[c[j]!]!, c[j + 1]! < 0 ? -c[j + 1]! - 2 : c[j + 1]!);
      if (
        best === null ||
        compareNumbers(key, best.key) < 0 ||
        (compareNumbers(key, best.key) === 0 && compareNumbers(seq, best.seq) < 0)
      )
        best = { key, seq, choices: chosen.slice() };
      return;
    }
    const e = edges[i]!;
    expandStep(cx, s, e, first, (child, choices) => {
      if (child.months > maxMonths || child.cents > maxCostCents) return;
      chosen.push(choices);
      walk(i + 1, child, first && cx.yearsInCurrentRole > 0 && keepsTenure(cx, e, s.months, child.months));
      chosen.pop();
    });
  };
  walk(0, cx.start, true);
  return best === null ? null : (best as { choices: (Choices | null)[] }).choices;
}

/** The edges of consecutive, loopless transitions, checked. */
function edgesOf(index: GraphIndex, transitionIds: readonly number[]): number[] {
  if (transitionIds.length === 0) throw new InvalidQueryError('a pathway needs at least one transition');
  const edges: number[] = [];
  const seen = new Set<number>();
  for (const id of transitionIds) {
    const e = index.edgeIndexByTransitionId.get(id);
    if (e === undefined) throw new InvalidQueryError(`unknown transition ${id}`);
    if (edges.length === 0) seen.add(index.edgeFrom[e]!);
    else if (index.edgeFrom[e] !== index.edgeTo[edges[edges.length - 1]!])
      throw new InvalidQueryError(`transition ${id} does not start where the previous one ends`);
    if (seen.has(index.edgeTo[e]!)) throw new InvalidQueryError(`transition ${id} revisits a role`);
    seen.add(index.edgeTo[e]!);
    edges.push(e);
  }
  return edges;
}

/**
 * Evaluates the pathway made of these transitions (consecutive, loopless) under the cost model, with
 * the choices that are best for `rankBy` (default FASTEST) within the limits given.
 */
export function evaluatePathway(
  index: GraphIndex,
  transitionIds: readonly number[],
  options: PathwayEvaluationOptions = {},
): Pathway {
  const edges = edgesOf(index, transitionIds);
  const cx = queryContext(index, index.edgeFrom[edges[0]!]!, options.profile, true, true);
  const maxCost = options.constraints?.maxCostUsd;
  const choices = bestChoices(
    cx,
    edges,
    options.rankBy ?? 'FASTEST',
    options.constraints?.maxMonths ?? Infinity,
    maxCost === undefined ? Infinity : usdToCents(maxCost),
  );
  if (choices === null) throw new InvalidQueryError('the pathway cannot be completed within the limits given');
  return buildPathway(cx, edges, choices);
}
