/**
 * One move under the cost model (docs/cost-model.md): the learner's state before it, the ways of
 * meeting its requirements, and the state after. The search enumerates the ways (`expandStep`); the
 * report replays the chosen one with every detail (`replayStep`). Both use the same primitives.
 */
import { ROUTE_CERTIFICATION, ROUTE_EXPERIENCE, ROUTE_OPEN, ROUTE_PROGRAM, type GraphIndex } from './build.js';
import { experienceMonths, PART_TIME_FACTOR } from './cost.js';
import { InvalidQueryError } from './errors.js';
import type { Profile, ProgramReason, StudyLoad } from './types.js';

const EMPTY: IdSet = [];

/** What the learner has after a partial pathway. Arrays are sorted, never mutated, shared freely. */
export interface State {
  /** Months from the start. */
  months: number;
  /** Cost counted so far, in cents (unknown parts at their estimate). */
  cents: number;
  /** Certifications earned so far. */
  count: number;
  /** Whole months worked so far, the start role included. */
  work: number;
  /** Certifications held (dense indices, ascending). */
  held: IdSet;
  /** Programs completed (dense indices, ascending). */
  done: IdSet;
}

/** What a query fixes: the index, the start, the study load and which moves may be used. */
export interface QueryContext {
  readonly index: GraphIndex;
  readonly from: number;
  readonly load: StudyLoad;
  readonly yearsInCurrentRole: number;
  /** The state at the start: profile plus what the start role implies. */
  readonly start: State;
  readonly includeEstimated: boolean;
  /** With includeEstimated, the estimated moves into curated roles too (PathwayQuery.openEntries). */
  readonly openEntries: boolean;
  /**
   * Per edge, 1 for a move with a part of no known length on this query: GraphIndex.edgeUntimed, but
   * 0 for a move whose undescribed training is the way to certifications the learner holds at the
   * start, every one the move asks (GraphIndex.sparableTrainingEdges: a COA holder is not asked the
   * COA's study course). The search, the bounds, the tenure rule and the report all read it.
   */
  readonly untimed: Uint8Array;
}

/**
 * A sorted set of dense certification or program indices. Plain arrays: a step makes a new one for
 * each certification or program it adds, and V8 allocates small arrays much faster than typed ones
 * (a fifth of a small query's time went to making Int32Arrays).
 */
export type IdSet = readonly number[];

/** (certification, route) per group earned on a step, a met route encoded as -(route + 2) (expandStep). */
export type Choices = readonly number[];

export function has(set: IdSet, x: number): boolean {
  let lo = 0;
  let hi = set.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const v = set[mid]!;
    if (v === x) return true;
    if (v < x) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}

/** The set with x added (x not in it). */
function insert(set: IdSet, x: number): IdSet {
  const n = set.length;
  const out = new Array<number>(n + 1);
  let i = 0;
  while (i < n && set[i]! < x) {
    out[i] = set[i]!;
    i++;
  }
  out[i] = x;
  for (; i < n; i++) out[i + 1] = set[i]!;
  return out;
}

function sortedSet(values: Iterable<number>): IdSet {
  return [...new Set(values)].sort((a, b) => a - b);
}

/** Resolves the profile and the start role into the start state. */
export function queryContext(
  index: GraphIndex,
  from: number,
  profile: Profile | undefined,
  includeEstimated = false,
  openEntries = false,
): QueryContext {
  const held: number[] = [];
  const done: number[] = [];
  for (const id of profile?.heldCertifications ?? []) {
    const c = index.certIndexById.get(id);
    if (c === undefined) throw new InvalidQueryError(`profile: unknown certification ${id}`);
    held.push(c);
  }
  for (const id of profile?.completedPrograms ?? []) {
    const p = index.programIndexById.get(id);
    if (p === undefined) throw new InvalidQueryError(`profile: unknown program ${id}`);
    // A completed program means its prerequisites were completed too.
    for (let j = index.programTakeOffsets[p]!; j < index.programTakeOffsets[p + 1]!; j++)
      done.push(index.programTake[j]!);
  }
  for (let j = index.roleImpliedCertOffsets[from]!; j < index.roleImpliedCertOffsets[from + 1]!; j++)
    held.push(index.roleImpliedCerts[j]!);
  // Trained on the job: the start role's usual programs are not taken as done.
  if (profile?.startRoleTrainingCompleted !== false)
    for (let j = index.roleImpliedProgramOffsets[from]!; j < index.roleImpliedProgramOffsets[from + 1]!; j++) {
      const p = index.roleImpliedPrograms[j]!;
      for (let i = index.programTakeOffsets[p]!; i < index.programTakeOffsets[p + 1]!; i++)
        done.push(index.programTake[i]!);
    }
  const years = profile?.yearsInCurrentRole ?? 0;
  if (typeof years !== 'number' || !(years >= 0) || !Number.isFinite(years))
    throw new InvalidQueryError(`profile: yearsInCurrentRole must be a finite number >= 0, got ${years}`);
  const load = profile?.studyLoad ?? 'FULL_TIME';
  if (load !== 'FULL_TIME' && load !== 'PART_TIME')
    throw new InvalidQueryError(`profile: unknown studyLoad ${String(load)}`);
  const heldSet = held.length ? sortedSet(held) : EMPTY;
  return {
    index,
    from,
    load,
    yearsInCurrentRole: years,
    start: {
      months: 0,
      cents: 0,
      count: 0,
      work: Math.floor(years * 12 + 1e-9),
      held: heldSet,
      done: done.length ? sortedSet(done) : EMPTY,
    },
    includeEstimated,
    openEntries: includeEstimated && openEntries,
    untimed: untimedFor(index, heldSet),
  };
}

/** QueryContext.untimed: the index's flags, less the moves whose undescribed training `held` spares. */
function untimedFor(index: GraphIndex, held: IdSet): Uint8Array {
  let out: Uint8Array | null = null;
  if (held.length > 0)
    for (const e of index.sparableTrainingEdges)
      if (holdsEveryGroup(index, e, held)) {
        out ??= index.edgeUntimed.slice();
        out[e] = 0;
      }
  return out ?? index.edgeUntimed;
}

/** Whether `held` meets every requirement group of edge e. */
export function holdsEveryGroup(index: GraphIndex, e: number, held: IdSet): boolean {
  const { classOptionOffsets: off, classOptions: opt } = index;
  for (let g = index.edgeGroupOffsets[e]!; g < index.edgeGroupOffsets[e + 1]!; g++) {
    const cls = index.groupClass[g]!;
    let met = false;
    for (let j = off[cls]!; j < off[cls + 1]! && !met; j++) met = has(held, opt[j]!);
    if (!met) return false;
  }
  return true;
}

/** Months program p takes at the query's study load. */
export function programMonthsAt(cx: QueryContext, p: number): number {
  const m = cx.index.programMinMonths[p]!;
  return cx.load === 'PART_TIME' ? Math.ceil(m * PART_TIME_FACTOR - 1e-9) : m;
}

/** Records what a replayed step does, for the report. */
export interface StepRecorder {
  program(p: number, reason: ProgramReason, months: number): void;
  /** The move's training program p, not taken: the learner holds `cert`, an option of class `cls`, which it trains for. */
  waived(p: number, cert: number, cls: number): void;
  /** The move's training program p, taken, which an option of class `cls` held at the start would have spared. */
  sparable(p: number, cls: number): void;
  /** The move's training program p, completed before the step (so not taken again). */
  alreadyDone(p: number): void;
  earn(cert: number, route: number, met: boolean, waitMonths: number): void;
}

/** A mutable working copy of a state during one step. */
class Acc {
  constructor(
    public months: number,
    public cents: number,
    public count: number,
    public work: number,
    public held: IdSet,
    public done: IdSet,
    public trainingMonths = 0,
    public waitMonths = 0,
  ) {}
  static from(s: State): Acc {
    return new Acc(s.months, s.cents, s.count, s.work, s.held, s.done);
  }
  clone(): Acc {
    return new Acc(
      this.months,
      this.cents,
      this.count,
      this.work,
      this.held,
      this.done,
      this.trainingMonths,
      this.waitMonths,
    );
  }
  state(): State {
    return {
      months: this.months,
      cents: this.cents,
      count: this.count,
      work: this.work,
      held: this.held,
      done: this.done,
    };
  }
}

/** Takes program p (its prerequisites first), skipping what is done. */
function take(cx: QueryContext, acc: Acc, p: number, reason: ProgramReason, rec: StepRecorder | null): void {
  const ix = cx.index;
  for (let j = ix.programTakeOffsets[p]!, end = ix.programTakeOffsets[p + 1]!; j < end; j++) {
    const q = ix.programTake[j]!;
    if (has(acc.done, q)) continue;
    const m = programMonthsAt(cx, q);
    acc.months += m;
    acc.trainingMonths += m;
    acc.cents += ix.programCostCents[q]!;
    if (ix.programInert[q] === 0) acc.done = insert(acc.done, q);
    rec?.program(q, q === p ? reason : 'PREREQUISITE', m);
  }
}

/** The first eligibility route of certification c the learner already meets, or -1. */
function metRoute(ix: GraphIndex, acc: { work: number; held: IdSet; done: IdSet }, c: number): number {
  for (let r = ix.certRouteOffsets[c]!, end = ix.certRouteOffsets[c + 1]!; r < end; r++) {
    const kind = ix.routeKind[r]!;
    const value = ix.routeValue[r]!;
    if (
      kind === ROUTE_OPEN ||
      (kind === ROUTE_PROGRAM && has(acc.done, value)) ||
      (kind === ROUTE_EXPERIENCE && acc.work >= value) ||
      (kind === ROUTE_CERTIFICATION && has(acc.held, value))
    )
      return r;
  }
  return -1;
}

/**
 * Earns certification c through route r (met: nothing to do for it; else the program or the wait).
 * Returns false when the route cannot be taken (a certification route not held).
 */
function earn(cx: QueryContext, acc: Acc, c: number, r: number, met: boolean, rec: StepRecorder | null): boolean {
  const ix = cx.index;
  let wait = 0;
  if (!met) {
    const kind = ix.routeKind[r]!;
    const value = ix.routeValue[r]!;
    if (kind === ROUTE_PROGRAM) take(cx, acc, value, 'ELIGIBILITY', rec);
    else if (kind === ROUTE_EXPERIENCE) {
      wait = value - acc.work;
      acc.months += wait;
      acc.waitMonths += wait;
      acc.work = value;
    } else return false;
  }
  acc.cents += ix.certFeeCents[c]!;
  acc.count++;
  acc.held = insert(acc.held, c);
  rec?.earn(c, r, met, wait);
  return true;
}

/**
 * Calls `then` once per way of earning certification c for a group of class `cls`: through a route
 * already met, or through each route that can be taken — a program, a wait, or holding another
 * certification, earned first the same way (never one on `chain`, and never an option of the group
 * itself: earning that alone would meet the group). Each certification earned is pushed on `picks`
 * as (certification, route), a met route encoded as -(route + 2).
 */
function earnWays(
  cx: QueryContext,
  a: Acc,
  c: number,
  cls: number,
  chain: readonly number[],
  picks: number[],
  then: (b: Acc) => void,
): void {
  const ix = cx.index;
  const met = metRoute(ix, a, c);
  if (met >= 0) {
    const b = a.clone();
    earn(cx, b, c, met, true, null);
    picks.push(c, -(met + 2));
    then(b);
    picks.length -= 2;
    return;
  }
  for (let r = ix.certRouteOffsets[c]!, end = ix.certRouteOffsets[c + 1]!; r < end; r++) {
    if (ix.routeKind[r] === ROUTE_CERTIFICATION) {
      const x = ix.routeValue[r]!;
      if (x === c || chain.includes(x) || classOffers(ix, cls, x)) continue;
      earnWays(cx, a, x, cls, [...chain, c], picks, (b) => {
        // x is held now, so the route is met.
        const d = b.clone();
        earn(cx, d, c, r, true, null);
        picks.push(c, -(r + 2));
        then(d);
        picks.length -= 2;
      });
      continue;
    }
    const b = a.clone();
    earn(cx, b, c, r, false, null);
    picks.push(c, r);
    then(b);
    picks.length -= 2;
  }
}

function classOffers(ix: GraphIndex, cls: number, cert: number): boolean {
  for (let j = ix.classOptionOffsets[cls]!, end = ix.classOptionOffsets[cls + 1]!; j < end; j++)
    if (ix.classOptions[j] === cert) return true;
  return false;
}

/**
 * Whether the learner's years in their current role still count after move e from a state with
 * `before` months to one with `after`: a curated move asking no experience and no program that took
 * no time (medical assistant → administrative medical assistant, "no further requirements") is the
 * same work under another title, so the years in the role still count toward the experience the
 * next move asks (docs/cost-model.md, "Experience"). Only where the years counted before it, and not
 * across a move of unknown length (training no source describes: a medical assistant's specialty).
 */
export function keepsTenure(cx: QueryContext, e: number, before: number, after: number): boolean {
  const ix = cx.index;
  return (
    ix.edgeEstimated[e] === 0 &&
    cx.untimed[e] === 0 &&
    ix.edgeExpMonths[e] === 0 &&
    ix.edgeProgramOffsets[e] === ix.edgeProgramOffsets[e + 1] &&
    after === before
  );
}

/** Experience, then the move's training: the part of a step that involves no choice. */
function beginStep(cx: QueryContext, s: State, e: number, first: boolean, rec: StepRecorder | null): Acc {
  const ix = cx.index;
  const acc = Acc.from(s);
  const exp = first ? experienceMonths(ix.edgeMinYears[e]!, cx.yearsInCurrentRole) : ix.edgeExpMonths[e]!;
  acc.months += exp;
  acc.work += exp;
  for (let j = ix.edgeProgramOffsets[e]!, end = ix.edgeProgramOffsets[e + 1]!; j < end; j++) {
    // A program (not done) that trains for one of the move's groups is not needed by a learner who held an
    // option of that group at the start of the pathway. Only then: a certification earned on the
    // way could spare a later program only if the search also earned certifications no group
    // needed yet (it never does), and holding one more at the start could then make a pathway worse.
    const p = ix.edgePrograms[j]!;
    const cls = ix.edgeProgramWaiver[j]!;
    if (rec && has(s.done, p)) rec.alreadyDone(p);
    if (cls !== -1 && !has(acc.done, p) && classSatisfied(ix, cx.start.held, cls)) {
      if (rec) rec.waived(p, heldOption(ix, cx.start.held, cls), cls);
      continue;
    }
    if (rec && cls !== -1 && !has(acc.done, p)) rec.sparable(p, cls);
    take(cx, acc, p, 'TRAINING', rec);
  }
  return acc;
}

/** The first option of class `cls` (in option order) in `held`, or -1. */
function heldOption(ix: GraphIndex, held: IdSet, cls: number): number {
  for (let j = ix.classOptionOffsets[cls]!, end = ix.classOptionOffsets[cls + 1]!; j < end; j++)
    if (has(held, ix.classOptions[j]!)) return ix.classOptions[j]!;
  return -1;
}

/** Whether a held certification satisfies class `cls`. */
export function classSatisfied(ix: GraphIndex, held: IdSet, cls: number): boolean {
  if (held.length === 0) return false;
  for (let j = ix.classOptionOffsets[cls]!, end = ix.classOptionOffsets[cls + 1]!; j < end; j++)
    if (has(held, ix.classOptions[j]!)) return true;
  return false;
}

/**
 * Calls `emit` with the state after move e from state `s`, once per way of meeting its requirement
 * groups: for each group not yet satisfied, each option, and — unless one of its routes is met
 * already — each route that can be taken. `choices` lists (certification, route) per earned group;
 * a met route is encoded as -(route + 2).
 */
export function expandStep(
  cx: QueryContext,
  s: State,
  e: number,
  first: boolean,
  emit: (child: State, choices: Choices | null) => void,
): void {
  const ix = cx.index;
  const acc = beginStep(cx, s, e, first, null);
  const g0 = ix.edgeGroupOffsets[e]!;
  const g1 = ix.edgeGroupOffsets[e + 1]!;
  if (g0 === g1) {
    emit(acc, null); // an Acc is a State: the callee copies what it keeps
    return;
  }
  groupWays(cx, g0, g1, acc, [], emit);
}

/**
 * expandStep's ways through requirement groups gi..g1 of one move from `a`, with `picks` the
 * choices made so far. A module function, not a closure made per call: a step is expanded for
 * every label, and a named closure costs a property definition each time it is made under tsx.
 */
function groupWays(
  cx: QueryContext,
  gi: number,
  g1: number,
  a: Acc,
  picks: number[],
  emit: (child: State, choices: Choices | null) => void,
): void {
  const ix = cx.index;
  while (gi < g1 && classSatisfied(ix, a.held, ix.groupClass[gi]!)) gi++;
  if (gi === g1) {
    emit(a, picks.length ? picks.slice() : null);
    return;
  }
  const cls = ix.groupClass[gi]!;
  for (let j = ix.classOptionOffsets[cls]!, end = ix.classOptionOffsets[cls + 1]!; j < end; j++)
    earnWays(cx, a, ix.classOptions[j]!, cls, [], picks, (b) => groupWays(cx, gi + 1, g1, b, picks, emit));
}

/** The details of one replayed step. */
export interface StepDetail {
  state: State;
  experienceMonths: number;
  trainingMonths: number;
  waitMonths: number;
}

/** Replays move e from `s` with the given choices (as expandStep made them), reporting to `rec`. */
export function replayStep(
  cx: QueryContext,
  s: State,
  e: number,
  first: boolean,
  choices: Choices | null,
  rec: StepRecorder,
): StepDetail {
  const ix = cx.index;
  const before = s.months;
  const acc = beginStep(cx, s, e, first, rec);
  const exp = acc.months - before - acc.trainingMonths;
  let i = 0;
  for (let gi = ix.edgeGroupOffsets[e]!, g1 = ix.edgeGroupOffsets[e + 1]!; gi < g1; gi++) {
    const cls = ix.groupClass[gi]!;
    // Earn the chosen certifications in order until the group is met (certifications a route asks
    // to hold come first; none of them meets the group: see earnWays).
    while (!classSatisfied(ix, acc.held, cls)) {
      if (choices === null || i >= choices.length) throw new Error('internal: choices do not cover the step');
      const c = choices[i]!;
      const code = choices[i + 1]!;
      i += 2;
      const met = code < 0;
      if (!earn(cx, acc, c, met ? -code - 2 : code, met, rec))
        throw new Error('internal: a chosen route cannot be taken');
    }
  }
  return { state: acc.state(), experienceMonths: exp, trainingMonths: acc.trainingMonths, waitMonths: acc.waitMonths };
}
