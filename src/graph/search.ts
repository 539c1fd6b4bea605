/**
 * Exact pathway search over a GraphIndex (docs/decisions/003-pathway-search.md).
 *
 * A* over labels: a label is a loopless path from the start with its exact state (months, programs
 * completed, the requirement classes on it and their best certification plan: cost and count).
 * The priority is the ranking's lexicographic key plus a lexicographic lower bound of the rest of the
 * way (an incremental reverse Dijkstra), then the transition-id sequence. Keys never decrease along a
 * path, so complete pathways come out in exact order. A label is dropped only when others at the same
 * role beat each of its continuations (dominance), or when k complete pathways already beat it.
 * Children are made lazily (partial expansion), and all work is metered against a budget.
 */
import type { GraphIndex } from './build.js';
import { EMPTY_PLAN, solveCertPlan, type WorkMeter } from './certs.js';
import { experienceMonths, usdToCents } from './cost.js';
import { InvalidQueryError, SearchBudgetExceeded } from './errors.js';
import { buildPathway, classHeld, pathFamily, resolveProfile, type ResolvedProfile } from './evaluate.js';
import { Heap, TripleHeap } from './heap.js';
import { landmarkBound } from './landmarks.js';
import {
  RANK_BY_VALUES,
  type Constraints,
  type Pathway,
  type PathwayQuery,
  type RankBy,
  type ReachableQuery,
  type ReachableRole,
} from './types.js';

/** Counters of the last search, for benchmarks and diagnostics. */
export interface SearchStats {
  /** Labels taken from the queue. */
  popped: number;
  /** Labels expanded (not dominated). */
  expanded: number;
  /** Labels created. */
  created: number;
  /** Roles settled by the reverse search for the lower bounds. */
  settled: number;
  /** Work units counted against the budget. */
  work: number;
}

let stats: SearchStats = { popped: 0, expanded: 0, created: 0, settled: 0, work: 0 };

/** Counters of the last findPathways or reachableRoles call. */
export function lastSearchStats(): SearchStats {
  return { ...stats };
}

/** Default work budget of a search: a few tenths of a second on the benchmark machine (docs/benchmarks.md). */
export const DEFAULT_WORK_BUDGET = 2_000_000;
/** Most pathways one query may ask for. */
export const MAX_K = 100;

// Ranking codes.
const FASTEST = 0;
const CHEAPEST = 1;
const FEWEST_NEW = 2;
const FEWEST_STEPS = 3;
/** Each ranking's order of (months, cost, certifications, steps). */
const RANK_ORDER = [
  [0, 1, 2, 3],
  [1, 0, 2, 3],
  [2, 0, 1, 3],
  [3, 0, 1, 2],
];
const RANK_CODE: Record<RankBy, number> = {
  FASTEST,
  CHEAPEST,
  FEWEST_NEW_CERTIFICATIONS: FEWEST_NEW,
  FEWEST_STEPS,
};

/**
 * A partial pathway: a path from the start to `node` (one label per path) with its exact state.
 */
class Label {
  /** Partial expansion: the position in Scratch.sortedEdges of the next out-edge to expand (-1: none yet). */
  cursor = -1;
  /** Lower bound of the rest of the way (see ReverseSearch), and whether it is final. */
  hA = 0;
  hB = 0;
  hC = 0;
  hExact = true;
  f0 = 0;
  f1 = 0;
  f2 = 0;
  f3 = 0;
  /** A hash of the transition sequence: equal for the same path (whatever its certification choices). */
  readonly hash: number;
  constructor(
    readonly parent: Label | null,
    /** Edge from the parent (-1 for the start). */
    readonly edge: number,
    readonly node: number,
    readonly steps: number,
    readonly months: number,
    readonly trainCents: number,
    /**
     * Months and cost of the training so far that a continuation may need again: programs not
     * once-per-path (GraphIndex.programOncePerPath). A once-per-path program leads to, or leaves, a
     * role on the path, which a loopless continuation never enters or leaves again.
     */
    readonly reuseMonths: number,
    readonly reuseCents: number,
    /** Training plus the exam fees of `plan`. */
    readonly costCents: number,
    /** Certifications in `plan`. */
    readonly count: number,
    /** Programs completed on the last step (null: none). */
    readonly addProgs: readonly number[] | null,
    /** The requirement classes on the path the profile does not meet, ascending. */
    readonly classes: readonly number[],
    /** The best certification plan for `classes` (certs.ts): earning them meets every group so far. */
    readonly plan: ArrayLike<number>,
  ) {
    this.hash = parent === null ? 0 : Math.imul(parent.hash ^ (edge + 1), 0x01000193) + 0x9e3779b9;
  }
}

/** Whether a and b follow the same path (transition sequence); a hash check first. */
function samePath(a: Label, b: Label): boolean {
  return a.steps === b.steps && a.hash === b.hash && compareSeq(a, b) === 0;
}

/**
 * Transition-id order of two paths from the same start: at the first position where they differ,
 * the smaller transition id first; a path before its extensions. 0 for the same path.
 */
function compareSeq(a: Label, b: Label): number {
  if (a === b) return 0;
  let x = a;
  let y = b;
  while (x.steps > y.steps) x = x.parent!;
  while (y.steps > x.steps) y = y.parent!;
  // Walking up, the last difference seen is the first one from the start. At that position both paths
  // leave the same role, whose edges are sorted by transition id.
  let diff = 0;
  while (x !== y) {
    if (x.edge !== y.edge) diff = x.edge - y.edge;
    x = x.parent!;
    y = y.parent!;
  }
  return diff !== 0 ? diff : a.steps - b.steps;
}

function compareLabels(a: Label, b: Label): number {
  return a.f0 - b.f0 || a.f1 - b.f1 || a.f2 - b.f2 || a.f3 - b.f3 || compareSeq(a, b);
}

/** Reusable per-index scratch arrays; marks are compared with a stamp so nothing needs clearing. */
interface Scratch {
  stamp: number;
  nodeMark: Int32Array;
  progMark: Int32Array;
  revDist1: Float64Array;
  revDist2: Float64Array;
  revDist3: Float64Array;
  revDistMark: Int32Array;
  revSettled: Int32Array;
  revHeap: TripleHeap;
  allowed: Uint8Array;
  /** Per query, each role's out-edges sorted for partial expansion, in the role's CSR range (sortedMark === stamp). */
  sortedEdges: Int32Array;
  sortedKeys: Float64Array;
  sortedMark: Int32Array;
  /** Fewest moves to a target (HopSearch), valid where hopMark is the query's stamp. */
  hopDist: Int32Array;
  hopMark: Int32Array;
  hopQueue: Int32Array;
  /** Roles off the current label's path taken by the dominators counted so far (k > 1). */
  extraMark: Int32Array;
  /** Landmark bounds towards the current target, cached per query (altMark === stamp). */
  alt: Float64Array;
  altMark: Int32Array;
}

const scratchByIndex = new WeakMap<GraphIndex, Scratch>();

function scratchFor(index: GraphIndex): Scratch {
  let s = scratchByIndex.get(index);
  if (s === undefined) {
    s = {
      stamp: 0,
      nodeMark: new Int32Array(index.roleCount),
      progMark: new Int32Array(index.programCount),
      revDist1: new Float64Array(index.roleCount),
      revDist2: new Float64Array(index.roleCount),
      revDist3: new Float64Array(index.roleCount),
      revDistMark: new Int32Array(index.roleCount),
      revSettled: new Int32Array(index.roleCount),
      revHeap: new TripleHeap(),
      allowed: new Uint8Array(index.roleCount),
      sortedEdges: new Int32Array(index.edgeCount),
      sortedKeys: new Float64Array(index.edgeCount),
      sortedMark: new Int32Array(index.roleCount),
      extraMark: new Int32Array(index.roleCount),
      hopDist: new Int32Array(index.roleCount),
      hopMark: new Int32Array(index.roleCount),
      hopQueue: new Int32Array(index.roleCount),
      alt: new Float64Array(index.roleCount),
      altMark: new Int32Array(index.roleCount),
    };
    scratchByIndex.set(index, s);
  }
  return s;
}

function nextStamp(s: Scratch): number {
  return ++s.stamp;
}

/** At the start of a query: makes sure its stamps cannot run out (a query takes at most one per work unit). */
function beginQuery(s: Scratch, budget: number): void {
  if (s.stamp + Math.min(budget, 0x3fffffff) + 16 < 0x7fffffff) return;
  for (const a of [
    s.nodeMark,
    s.progMark,
    s.revDistMark,
    s.revSettled,
    s.altMark,
    s.sortedMark,
    s.extraMark,
    s.hopMark,
  ])
    a.fill(0);
  s.stamp = 0;
}

class Meter implements WorkMeter {
  used = 0;
  constructor(readonly budget: number) {}
  add(units: number): void {
    this.used += units;
    if (this.used > this.budget) throw new SearchBudgetExceeded(this.budget, this.used);
  }
}

interface Limits {
  maxSteps: number;
  maxMonths: number;
  maxCostCents: number;
  /** Per role: 1 when the role may be on a pathway after the start; null when every role may. */
  allowed: Uint8Array | null;
}

function optionalNumber(value: number | undefined, name: string): number {
  if (value === undefined) return Infinity;
  if (typeof value !== 'number' || Number.isNaN(value)) throw new InvalidQueryError(`${name} must be a number`);
  return value;
}

function resolveLimits(index: GraphIndex, s: Scratch, c: Constraints | undefined): Limits {
  const maxCost = optionalNumber(c?.maxCostUsd, 'constraints.maxCostUsd');
  const limits: Limits = {
    maxSteps: optionalNumber(c?.maxSteps, 'constraints.maxSteps'),
    maxMonths: optionalNumber(c?.maxMonths, 'constraints.maxMonths'),
    maxCostCents: maxCost === Infinity ? Infinity : usdToCents(maxCost),
    allowed: null,
  };
  if (c?.avoidRoles?.length || c?.onlyTracks) {
    const allowed = s.allowed;
    if (c.onlyTracks) {
      const tracks = new Uint8Array(index.trackCount);
      for (const id of c.onlyTracks) {
        const t = index.trackIndexById.get(id);
        if (t !== undefined) tracks[t] = 1; // a track without roles allows nothing
      }
      for (let r = 0; r < index.roleCount; r++) allowed[r] = tracks[index.roleTrack[r]!]!;
    } else allowed.fill(1);
    for (const id of c.avoidRoles ?? []) {
      const r = index.roleIndexById.get(id);
      if (r !== undefined) allowed[r] = 0;
    }
    limits.allowed = allowed;
  }
  return limits;
}

function resolveBudget(workBudget: number | undefined): number {
  if (workBudget === undefined) return DEFAULT_WORK_BUDGET;
  if (!(workBudget > 0) || !Number.isFinite(workBudget))
    throw new InvalidQueryError('workBudget must be a positive finite number');
  return workBudget;
}

function roleIndex(index: GraphIndex, id: number, what: string): number {
  const r = index.roleIndexById.get(id);
  if (r === undefined) throw new InvalidQueryError(`${what}: unknown role ${id}`);
  return r;
}

const NO_CLASSES: readonly number[] = Object.freeze([]);

/** The union of an ascending list and a few distinct values not in it, ascending. */
function mergeSorted(list: readonly number[], extra: readonly number[]): number[] {
  const out = new Array<number>(list.length + extra.length);
  const add = extra.length === 1 ? extra : extra.slice().sort((a, b) => a - b);
  let i = 0;
  let j = 0;
  let o = 0;
  while (i < list.length || j < add.length)
    out[o++] = j >= add.length || (i < list.length && list[i]! < add[j]!) ? list[i++]! : add[j++]!;
  return out;
}

/** Whether class `cls` offers certification `cert`. */
function offers(off: Int32Array, opt: Int32Array, cls: number, cert: number): boolean {
  for (let j = off[cls]!, end = off[cls + 1]!; j < end; j++) if (opt[j] === cert) return true;
  return false;
}

/** Whether the ascending list `list` holds `x`. */
function holds(list: readonly number[], x: number): boolean {
  for (let i = 0; i < list.length; i++) {
    const y = list[i]!;
    if (y === x) return true;
    if (y > x) return false;
  }
  return false;
}

/**
 * Label creation, state bookkeeping and dominance, shared by both searches.
 *
 * Certifications cost a fee and no time, so when one is earned does not matter: a path's plan is the
 * best hitting set of all the requirement classes on it (certs.ts). A label therefore carries the classes
 * of its path and their best plan, one label per path; adding classes never makes the best plan better,
 * so keys never decrease along a path.
 */
class Expander {
  private stamp = 0;
  /** The stamp of the label last marked. */
  get markStamp(): number {
    return this.stamp;
  }
  private added: number[] = [];

  constructor(
    private readonly index: GraphIndex,
    private readonly s: Scratch,
    private readonly profile: ResolvedProfile,
    private readonly limits: Limits,
    private readonly meter: Meter,
    /** Whether certifications (and so costs) are tracked; reachableRoles without a cost limit does not need them. */
    readonly trackCerts: boolean,
    /**
     * The order of the ranking as indices into (months, cost, certifications, steps), e.g. [0, 1, 2, 3]
     * for FASTEST; [0, 3] for reachableRoles.
     */
    private readonly order: readonly number[],
    /** Plans minimise (count, fee) instead of (fee, count): FEWEST_NEW_CERTIFICATIONS. */
    private readonly countFirst = false,
  ) {}

  root(src: number): Label {
    return new Label(null, -1, src, 0, 0, 0, 0, 0, 0, 0, null, NO_CLASSES, EMPTY_PLAN.chosen);
  }

  /** Marks the label's roles and programs in the scratch arrays. */
  mark(label: Label): void {
    const s = this.s;
    const st = nextStamp(s);
    this.stamp = st;
    for (let x: Label | null = label; x !== null; x = x.parent) {
      s.nodeMark[x.node] = st;
      const progs: readonly number[] | null = x.addProgs;
      if (progs !== null) for (let i = 0; i < progs.length; i++) s.progMark[progs[i]!] = st;
    }
  }

  /** Whether certification c is in the plan. */
  private static inPlan(plan: ArrayLike<number>, c: number): boolean {
    for (let i = 0; i < plan.length; i++) if (plan[i] === c) return true;
    return false;
  }

  /**
   * Calls `visit` with each child of the label last marked, one per edge; `admit` (role, steps, months,
   * cost, certifications) may turn a child down first. Edges: all out-edges of the label's role, or
   * edges[from .. to).
   */
  expand(
    parent: Label,
    admit: (node: number, steps: number, months: number, cost: number, count: number) => boolean,
    visit: (child: Label) => void,
    edges: Int32Array | null = null,
    from = 0,
    to = 0,
  ): void {
    const ix = this.index;
    const s = this.s;
    const st = this.stamp;
    const { nodeMark, progMark } = s;
    const { maxSteps, maxMonths, maxCostCents, allowed } = this.limits;
    const { heldCert, anyHeld, doneProgram } = this.profile;
    const trackCerts = this.trackCerts;
    const steps = parent.steps + 1;
    if (steps > maxSteps) return;
    const added = this.added;
    const first = parent.parent === null;
    const parentFee = parent.costCents - parent.trainCents;
    const lo = edges === null ? ix.outOffsets[parent.node]! : from;
    const hi = edges === null ? ix.outOffsets[parent.node + 1]! : to;
    for (let i = lo; i < hi; i++) {
      const e = edges === null ? i : edges[i]!;
      const v = ix.edgeTo[e]!;
      if (nodeMark[v] === st) continue;
      if (allowed !== null && allowed[v] === 0) continue;
      let months =
        parent.months +
        (first ? experienceMonths(ix.edgeMinYears[e]!, this.profile.yearsInCurrentRole) : ix.edgeExpMonths[e]!);
      let train = 0;
      let trainMonths = 0;
      let reuseMonths = parent.reuseMonths;
      let reuseCents = parent.reuseCents;
      let addProgs: number[] | null = null;
      for (let j = ix.edgeProgramOffsets[e]!, pEnd = ix.edgeProgramOffsets[e + 1]!; j < pEnd; j++) {
        const p = ix.edgePrograms[j]!;
        if (doneProgram[p] === 1 || progMark[p] === st) continue;
        trainMonths += ix.programMinMonths[p]!;
        train += ix.programCostCents[p]!;
        if (ix.programOncePerPath[p] === 0) {
          reuseMonths += ix.programMinMonths[p]!;
          reuseCents += ix.programCostCents[p]!;
        }
        (addProgs ??= []).push(p);
      }
      months += trainMonths;
      if (months > maxMonths) continue;
      const trainCents = parent.trainCents + train;
      if (trainCents + parentFee > maxCostCents) continue;
      let classes = parent.classes;
      let plan = parent.plan;
      let fee = parentFee;
      let count = parent.count;
      if (trackCerts) {
        // The step's classes the profile does not meet and the path has not met yet.
        added.length = 0;
        let unhit = false;
        for (let g = ix.edgeGroupOffsets[e]!, gEnd = ix.edgeGroupOffsets[e + 1]!; g < gEnd; g++) {
          const cls = ix.groupClass[g]!;
          if (anyHeld && classHeld(ix, heldCert, cls)) continue;
          if (holds(classes, cls) || added.includes(cls)) continue;
          added.push(cls);
          if (!unhit) {
            let hit = false;
            for (let j = ix.classOptionOffsets[cls]!, oEnd = ix.classOptionOffsets[cls + 1]!; j < oEnd && !hit; j++)
              if (Expander.inPlan(plan, ix.classOptions[j]!)) hit = true;
            if (!hit) unhit = true;
          }
        }
        if (added.length > 0) {
          const merged = mergeSorted(classes, added);
          // The parent's plan meets the new classes too: still the best (more classes never make it better).
          if (unhit) {
            const forced = this.independentAdditions(classes, added, plan);
            if (forced !== null) {
              // Classes sharing no certification with the rest: the best plan is the parent's plus them.
              const next = Array.from(plan);
              for (let f = 0; f < forced.length; f++) {
                const c = forced[f]!;
                next.push(c);
                fee += ix.certFeeCents[c]!;
              }
              plan = next;
              count += forced.length;
            } else {
              const solved = solveCertPlan(ix, merged, this.countFirst, maxCostCents - trainCents, this.meter);
              if (solved === null) continue;
              plan = solved.chosen;
              fee = solved.feeCents;
              count = solved.count;
            }
          }
          classes = merged;
        }
        if (this.countFirst && trainCents + fee > maxCostCents) {
          // Fewest certifications first: a plan with more of them may still fit what is left under the cap.
          const solved = solveCertPlan(ix, classes, true, maxCostCents - trainCents, this.meter);
          if (solved === null) continue;
          plan = solved.chosen;
          fee = solved.feeCents;
          count = solved.count;
        }
      }
      const cost = trainCents + fee;
      if (cost > maxCostCents) continue;
      if (!admit(v, steps, months, cost, count)) continue;
      visit(
        new Label(
          parent,
          e,
          v,
          steps,
          months,
          trainCents,
          reuseMonths,
          reuseCents,
          cost,
          count,
          addProgs,
          classes,
          plan,
        ),
      );
    }
    this.meter.add(hi - lo + 1);
  }

  /**
   * When every new class in `added` that `plan` misses shares no certification with any other class on
   * the path, a certification for each of them: its cheapest option. Any plan for the path then holds
   * one option of each such class, and the rest of it must still meet the earlier classes, so the
   * parent's best plan plus these is the best (ties between equal options do not change fees or
   * counts). Otherwise null: the plan must be solved again.
   */
  private independentAdditions(
    classes: readonly number[],
    added: readonly number[],
    plan: ArrayLike<number>,
  ): number[] | null {
    const ix = this.index;
    const { classOptionOffsets: off, classOptions: opt } = ix;
    let picks: number[] | null = null;
    for (let a = 0; a < added.length; a++) {
      const cls = added[a]!;
      let hit = false;
      for (let j = off[cls]!, end = off[cls + 1]!; j < end && !hit; j++) if (Expander.inPlan(plan, opt[j]!)) hit = true;
      if (hit) continue;
      for (let j = off[cls]!, end = off[cls + 1]!; j < end; j++) {
        const o = opt[j]!;
        for (let c = 0; c < classes.length; c++) if (offers(off, opt, classes[c]!, o)) return null;
        for (let c = 0; c < added.length; c++) if (c !== a && offers(off, opt, added[c]!, o)) return null;
      }
      // Options are in fee order: the first is a cheapest one.
      const best = opt[off[cls]!]!;
      (picks ??= []).push(best);
    }
    return picks;
  }

  /**
   * Whether every hitting set of b's classes also hits a's: each class of a is one of b's, or has an
   * option that b's path requires outright (a single-option class of b). Then, whatever a continuation
   * adds, a's best plan is no worse than b's.
   */
  private classesImplied(a: Label, b: Label): boolean {
    const ac = a.classes;
    if (ac.length === 0) return true;
    const bc = b.classes;
    const C = this.index.certCount;
    const { classOptionOffsets, classOptions } = this.index;
    for (let i = 0; i < ac.length; i++) {
      const cls = ac[i]!;
      if (holds(bc, cls)) continue;
      if (cls < C) return false; // a single certification b's path does not require outright
      let hit = false;
      for (let j = classOptionOffsets[cls]!, end = classOptionOffsets[cls + 1]!; j < end && !hit; j++)
        if (holds(bc, classOptions[j]!)) hit = true;
      if (!hit) return false;
    }
    return true;
  }

  /**
   * Whether every continuation of `b` (the label last marked, at the same role) is beaten by the same
   * continuation of `a` (looplessness aside: the caller's business). Continuing, `a` needs at most what
   * `b` needs plus the programs `b` has done and `a` has not, and — when every hitting set of b's classes
   * hits a's — its best plan is no worse than b's. So against `b`, `a` ends at least `gap` sooner and
   * cheaper, where gap = b's figure − (a's figure + those programs) for training, with no more
   * certifications when the fees tie, and with exactly `b.steps − a.steps` fewer steps. `a` wins if the
   * gaps, in the ranking's order, are lexicographically positive (all zero: a transition sequence no
   * greater), and no gap on a limited figure (maxMonths, maxCostUsd, maxSteps) is negative.
   */
  dominates(a: Label, b: Label): boolean {
    const limits = this.limits;
    // Costs and certifications compare only when a's plan cannot be worse (months and steps do not
    // depend on certifications).
    let implied = -1;
    if (limits.maxCostCents !== Infinity) {
      if (this.trackCerts && !this.classesImplied(a, b)) return false;
      implied = 1;
    }
    // Quick decisions from bounds of the gaps: 0 <= shared training <= b's and a's.
    const order = this.order;
    for (let n = 0; n < order.length; n++) {
      const i = order[n]!;
      if ((i === 1 || i === 2) && implied < 0) {
        implied = !this.trackCerts || this.classesImplied(a, b) ? 1 : 0;
        if (implied === 0) return false;
      }
      let lo: number;
      let hi: number;
      if (i === 0) {
        lo = b.months - a.months - b.reuseMonths;
        hi = lo + Math.min(a.reuseMonths, b.reuseMonths);
      } else if (i === 1) {
        lo = b.trainCents - a.trainCents - b.reuseCents;
        hi = lo + Math.min(a.reuseCents, b.reuseCents);
      } else if (i === 2) hi = lo = 0;
      else hi = lo = b.steps - a.steps;
      if (hi < 0) return false;
      if (lo > 0) {
        if (limits.maxMonths === Infinity && limits.maxSteps === Infinity && limits.maxCostCents === Infinity)
          return true;
        break;
      }
      if (hi !== 0 || lo !== 0) break;
    }
    return this.dominatesExactly(a, b);
  }

  private dominatesExactly(a: Label, b: Label): boolean {
    const ix = this.index;
    const s = this.s;
    const st = this.stamp;
    let sharedMonths = 0;
    let sharedCost = 0;
    if (b.reuseMonths > 0 || b.reuseCents > 0)
      for (let x: Label | null = a; x !== null; x = x.parent) {
        const progs: readonly number[] | null = x.addProgs;
        if (progs === null) continue;
        for (let j = 0; j < progs.length; j++) {
          const p = progs[j]!;
          if (s.progMark[p] === st && ix.programOncePerPath[p] === 0) {
            sharedMonths += ix.programMinMonths[p]!;
            sharedCost += ix.programCostCents[p]!;
          }
        }
      }
    // A continuation may need b's reusable programs that a has not done: a's extras. gap = b - (a + extras).
    const gapMonths = b.months - a.months - (b.reuseMonths - sharedMonths);
    const gapCost = b.trainCents - a.trainCents - (b.reuseCents - sharedCost); // plus the plans' gap, >= 0
    const gapSteps = b.steps - a.steps;
    const limits = this.limits;
    if (gapMonths < 0 && limits.maxMonths !== Infinity) return false;
    if (gapSteps < 0 && limits.maxSteps !== Infinity) return false;
    if (gapCost < 0 && limits.maxCostCents !== Infinity) return false;
    const order = this.order;
    for (let n = 0; n < order.length; n++) {
      const i = order[n]!;
      if ((i === 1 || i === 2) && this.trackCerts && !this.classesImplied(a, b)) return false;
      // Certifications: when the costs tie, so do the fees, and then a's plan has no more of them.
      const gap = i === 0 ? gapMonths : i === 1 ? gapCost : i === 2 ? 0 : gapSteps;
      if (gap > 0) return true;
      if (gap < 0) return false;
    }
    return compareSeq(a, b) <= 0;
  }
}

/**
 * Fewest moves from each role to one of the targets, by an incremental breadth-first search over
 * in-edges, at most `depth` deep, skipping roles the constraints forbid (the start is exempt). It runs
 * in steps, interleaved with the forward search; `bound(r)` is exact for a role it has reached and a
 * lower bound (the depth it has completed, plus one) for any other.
 */
class HopSearch {
  work = 0;
  done = false;
  private head = 0;
  private tail = 0;
  private readonly stamp: number;

  constructor(
    private readonly index: GraphIndex,
    private readonly s: Scratch,
    targets: readonly number[],
    private readonly allowed: Uint8Array | null,
    private readonly src: number,
    private readonly depth: number,
    private readonly meter: Meter,
  ) {
    this.stamp = nextStamp(s);
    for (const t of targets) {
      s.hopMark[t] = this.stamp;
      s.hopDist[t] = 0;
      s.hopQueue[this.tail++] = t;
    }
  }

  /** Scans the in-edges of the next role in line. */
  step(): void {
    const { hopDist: dist, hopMark: mark, hopQueue: queue } = this.s;
    if (this.head === this.tail) {
      this.done = true;
      return;
    }
    const v = queue[this.head]!;
    const d = dist[v]! + 1;
    if (d > this.depth) {
      this.done = true; // breadth-first: every role left in line is as far
      return;
    }
    this.head++;
    const ix = this.index;
    const lo = ix.inOffsets[v]!;
    const hi = ix.inOffsets[v + 1]!;
    const st = this.stamp;
    for (let j = lo; j < hi; j++) {
      const u = ix.edgeFrom[ix.inEdges[j]!]!;
      if (mark[u] === st) continue;
      if (this.allowed !== null && this.allowed[u] === 0 && u !== this.src) continue;
      mark[u] = st;
      dist[u] = d;
      queue[this.tail++] = u;
    }
    const units = 1 + hi - lo;
    this.work += units;
    this.meter.add(units);
  }

  /** A lower bound of the moves from role r to a target (Infinity: none within `depth`). */
  bound(r: number): number {
    const s = this.s;
    if (s.hopMark[r] === this.stamp) return s.hopDist[r]!;
    if (this.done) return Infinity;
    // Every role as near as the next in line is marked already.
    return s.hopDist[s.hopQueue[this.head]!]! + 1;
  }
}

/** Which lower bounds the reverse search computes, in lexicographic order. */
const BOUND_MONTHS = 0; // (months, training cost, hops)
const BOUND_COST = 1; // (training cost, months, hops)
const BOUND_HOPS = 2; // (hops, months, training cost)

/**
 * Lower bounds of the rest of the way from an incremental, lexicographic reverse Dijkstra from the
 * targets over three weights per step: a lower bound of its months (experience from a standing start plus
 * the training that no loopless path can need twice — GraphIndex.programOncePerPath — and the profile has
 * not done), of its cost (that training's cost) and 1 (hops), in the ranking's order. Roles not settled
 * yet are bounded by the current radius. The second and third parts are valid lexicographically: each
 * bounds the rest whenever the rest is minimal in the parts before it.
 */
class ReverseSearch {
  work = 0;
  settled = 0;
  done = false;
  /** Results of the last h() call. */
  lastExact = false;
  lastA = 0;
  lastB = 0;
  lastC = 0;
  private readonly stamp: number;

  constructor(
    private readonly index: GraphIndex,
    private readonly s: Scratch,
    targets: readonly number[],
    private readonly allowed: Uint8Array | null,
    private readonly src: number,
    private readonly mode: number,
    private readonly profile: ResolvedProfile,
    private readonly meter: Meter,
  ) {
    this.stamp = nextStamp(s);
    s.revHeap.clear();
    for (const t of targets) {
      s.revDist1[t] = 0;
      s.revDist2[t] = 0;
      s.revDist3[t] = 0;
      s.revDistMark[t] = this.stamp;
      s.revHeap.push(0, 0, 0, t);
    }
  }

  /** Lower bound of the months of edge e (profile-adjusted). */
  boundMonths(e: number): number {
    const ix = this.index;
    if (!this.profile.anyDone) return ix.edgeBoundMonths[e]!;
    let months = ix.edgeExpMonths[e]!;
    for (let j = ix.edgeProgramOffsets[e]!; j < ix.edgeProgramOffsets[e + 1]!; j++) {
      const p = ix.edgePrograms[j]!;
      if (ix.programOncePerPath[p] === 1 && this.profile.doneProgram[p] === 0) months += ix.programMinMonths[p]!;
    }
    return months;
  }

  /** Lower bound of the cost of edge e (profile-adjusted). */
  boundCost(e: number): number {
    const ix = this.index;
    if (!this.profile.anyDone) return ix.edgeBoundCostCents[e]!;
    let cost = 0;
    for (let j = ix.edgeProgramOffsets[e]!; j < ix.edgeProgramOffsets[e + 1]!; j++) {
      const p = ix.edgePrograms[j]!;
      if (ix.programOncePerPath[p] === 1 && this.profile.doneProgram[p] === 0) cost += ix.programCostCents[p]!;
    }
    return cost;
  }

  private skipStale(): void {
    const { revHeap: heap, revSettled, revDist1, revDist2, revDist3 } = this.s;
    while (heap.size > 0) {
      const v = heap.topValue();
      const a = heap.topKey1();
      const b = heap.topKey2();
      if (
        revSettled[v] === this.stamp ||
        a > revDist1[v]! ||
        (a === revDist1[v] && (b > revDist2[v]! || (b === revDist2[v] && heap.topKey3() > revDist3[v]!)))
      )
        heap.pop();
      else break;
    }
  }

  /** Settles one role. */
  step(): void {
    this.skipStale();
    const s = this.s;
    const heap = s.revHeap;
    if (heap.size === 0) {
      this.done = true;
      return;
    }
    const v = heap.topValue();
    const k1 = heap.topKey1();
    const k2 = heap.topKey2();
    const k3 = heap.topKey3();
    heap.pop();
    const st = this.stamp;
    s.revSettled[v] = st;
    this.settled++;
    const ix = this.index;
    const lo = ix.inOffsets[v]!;
    const hi = ix.inOffsets[v + 1]!;
    const mode = this.mode;
    for (let j = lo; j < hi; j++) {
      const e = ix.inEdges[j]!;
      const u = ix.edgeFrom[e]!;
      if (s.revSettled[u] === st) continue;
      if (this.allowed !== null && this.allowed[u] === 0 && u !== this.src) continue;
      const months = this.boundMonths(e);
      const cost = this.boundCost(e);
      let n1: number;
      let n2: number;
      let n3: number;
      if (mode === BOUND_MONTHS) {
        n1 = k1 + months;
        n2 = k2 + cost;
        n3 = k3 + 1;
      } else if (mode === BOUND_COST) {
        n1 = k1 + cost;
        n2 = k2 + months;
        n3 = k3 + 1;
      } else {
        n1 = k1 + 1;
        n2 = k2 + months;
        n3 = k3 + cost;
      }
      if (
        s.revDistMark[u] !== st ||
        n1 < s.revDist1[u]! ||
        (n1 === s.revDist1[u] && (n2 < s.revDist2[u]! || (n2 === s.revDist2[u] && n3 < s.revDist3[u]!)))
      ) {
        s.revDist1[u] = n1;
        s.revDist2[u] = n2;
        s.revDist3[u] = n3;
        s.revDistMark[u] = st;
        heap.push(n1, n2, n3, u);
      }
    }
    const units = 1 + hi - lo;
    this.work += units;
    this.meter.add(units);
  }

  /** Lower bound (lastA, lastB, lastC) for role v; lastExact when final; false when v cannot reach a target. */
  h(v: number): boolean {
    const s = this.s;
    if (s.revSettled[v] === this.stamp) {
      this.lastExact = true;
      this.lastA = s.revDist1[v]!;
      this.lastB = s.revDist2[v]!;
      this.lastC = s.revDist3[v]!;
      return true;
    }
    this.skipStale();
    if (s.revHeap.size === 0) return false;
    this.lastExact = false;
    this.lastA = s.revHeap.topKey1();
    this.lastB = s.revHeap.topKey2();
    this.lastC = s.revHeap.topKey3();
    return true;
  }
}

function labelEdges(label: Label): number[] {
  const edges: number[] = [];
  for (let x: Label | null = label; x !== null && x.parent !== null; x = x.parent) edges.push(x.edge);
  return edges.reverse();
}

/**
 * The k best loopless pathways from `from` to `to` (or into track `toTrack`), ranked by `rankBy`, with
 * full tie-breaking (docs/decisions/003-pathway-search.md). An empty list when there is none.
 */
export function findPathways(index: GraphIndex, query: PathwayQuery): Pathway[] {
  const { k, rankBy } = query;
  if (!Number.isInteger(k) || k < 1 || k > MAX_K)
    throw new InvalidQueryError(`k must be an integer from 1 to ${MAX_K}`);
  if (!RANK_BY_VALUES.includes(rankBy)) throw new InvalidQueryError(`unknown rankBy ${String(rankBy)}`);
  const rank = RANK_CODE[rankBy];
  const src = roleIndex(index, query.from, 'from');
  if ((query.to === undefined) === (query.toTrack === undefined))
    throw new InvalidQueryError('give exactly one of to and toTrack');
  const s = scratchFor(index);
  const profile = resolveProfile(index, query.profile);
  const limits = resolveLimits(index, s, query.constraints);
  const meter = new Meter(resolveBudget(query.workBudget));
  beginQuery(s, meter.budget);

  let dst = -1;
  let dstTrack = -1;
  const targets: number[] = [];
  if (query.to !== undefined) {
    dst = roleIndex(index, query.to, 'to');
    if (dst === src) throw new InvalidQueryError('to must differ from from');
    if (limits.allowed === null || limits.allowed[dst] === 1) targets.push(dst);
  } else {
    const t = index.trackIndexById.get(query.toTrack!);
    if (t === undefined) return []; // a track without roles
    dstTrack = t;
    for (let j = index.trackRoleOffsets[t]!; j < index.trackRoleOffsets[t + 1]!; j++) {
      const r = index.trackRoles[j]!;
      if (r !== src && (limits.allowed === null || limits.allowed[r] === 1)) targets.push(r);
    }
  }
  if (targets.length === 0) return [];
  const isTarget = dst >= 0 ? (v: number) => v === dst : (v: number) => v !== src && index.roleTrack[v] === dstTrack;

  const countFirst = rank === FEWEST_NEW;
  const mode = rank === FEWEST_STEPS ? BOUND_HOPS : rank === CHEAPEST ? BOUND_COST : BOUND_MONTHS;
  const rev = new ReverseSearch(index, s, targets, limits.allowed, src, mode, profile, meter);
  const x = new Expander(index, s, profile, limits, meter, true, RANK_ORDER[rank]!, rank === FEWEST_NEW);
  const { maxSteps, maxMonths, maxCostCents } = limits;

  // The priority of a candidate: the ranking's key of the label plus the bound (a, b, c) of the rest,
  // component by component (see ReverseSearch); false when the candidate cannot meet the limits.
  let f0 = 0;
  let f1 = 0;
  let f2 = 0;
  let f3 = 0;
  const prioritize = (
    node: number,
    steps: number,
    months: number,
    cost: number,
    count: number,
    a: number,
    b: number,
    c: number,
  ): boolean => {
    const stepsLeft = isTarget(node) ? 0 : 1;
    switch (rank) {
      case FASTEST:
        f0 = months + a;
        f1 = cost + b;
        f2 = count;
        f3 = steps + c;
        return f0 <= maxMonths && cost <= maxCostCents && steps + stepsLeft <= maxSteps;
      case CHEAPEST:
        f0 = cost + a;
        f1 = months + b;
        f2 = count;
        f3 = steps + c;
        return f0 <= maxCostCents && months <= maxMonths && steps + stepsLeft <= maxSteps;
      case FEWEST_NEW:
        f0 = count;
        f1 = months + a;
        f2 = cost + b;
        f3 = steps + c;
        return f1 <= maxMonths && cost <= maxCostCents && steps + stepsLeft <= maxSteps;
      default:
        f0 = steps + a;
        f1 = months + b;
        f2 = cost + c;
        f3 = count;
        return f0 <= maxSteps && months <= maxMonths && cost <= maxCostCents;
    }
  };
  const setPriority = (L: Label): boolean => {
    if (!prioritize(L.node, L.steps, L.months, L.costCents, L.count, L.hA, L.hB, L.hC)) return false;
    L.f0 = f0;
    L.f1 = f1;
    L.f2 = f2;
    L.f3 = f3;
    return true;
  };

  // The best complete pathways generated so far (distinct paths, at most k, in order): once there are k,
  // a candidate whose priority is above the k-th's cannot be among the k best.
  const bound: Label[] = [];
  const addToBound = (L: Label): void => {
    const same = bound.findIndex((B) => samePath(B, L));
    if (same >= 0) {
      if (compareLabels(L, bound[same]!) >= 0) return;
      bound.splice(same, 1);
    }
    let i = bound.length;
    while (i > 0 && compareLabels(L, bound[i - 1]!) < 0) i--;
    if (i >= k) return;
    bound.splice(i, 0, L);
    if (bound.length > k) bound.pop();
  };
  const aboveBound = (): boolean => {
    if (bound.length < k) return false;
    const B = bound[k - 1]!;
    return (f0 - B.f0 || f1 - B.f1 || f2 - B.f2 || f3 - B.f3) > 0;
  };

  const heap = new Heap<Label>(compareLabels);
  const root = x.root(src);
  heap.push(root);
  const results: Label[] = [];
  const expanded = new Map<number, Label[]>();
  const st: SearchStats = (stats = { popped: 0, expanded: 0, created: 0, settled: 0, work: 0 });
  let hA = 0;
  let hB = 0;
  let hC = 0;
  let hExact = true;
  // Landmark bounds bound the months to a single target; they count where months come first.
  const lm = dst >= 0 && (rank === FASTEST || rank === FEWEST_NEW) ? index.landmarks : null;
  const altStamp = s.stamp;
  /** Sets (hA, hB, hC, hExact) for a role that is not a target; false when it cannot reach one. */
  const lowerBound = (node: number): boolean => {
    if (!rev.h(node)) return false;
    hA = rev.lastA;
    hB = rev.lastB;
    hC = rev.lastC;
    hExact = rev.lastExact;
    if (lm !== null && !hExact) {
      let alt: number;
      if (s.altMark[node] === altStamp) alt = s.alt[node]!;
      else {
        alt = landmarkBound(lm, index.roleCount, node, dst);
        s.alt[node] = alt;
        s.altMark[node] = altStamp;
      }
      if (alt === Infinity) return false;
      if (alt > hA) {
        // (alt, 0, 0) is a lower bound too, and lexicographically the larger one.
        hA = alt;
        hB = 0;
        hC = 0;
      }
    }
    return true;
  };
  // With maxSteps, the fewest moves from each role to a target (a breadth-first search backwards, as
  // deep as maxSteps allows, run alongside like the reverse search): a role that cannot reach a target
  // in the moves left is a dead end.
  const hops = Number.isFinite(limits.maxSteps)
    ? new HopSearch(index, s, targets, limits.allowed, src, limits.maxSteps, meter)
    : null;
  const admit = (node: number, steps: number, months: number, cost: number, count: number): boolean => {
    if (hops !== null && !isTarget(node) && steps + hops.bound(node) > limits.maxSteps) return false;
    if (isTarget(node)) {
      hA = hB = hC = 0;
      hExact = true;
    } else if (!lowerBound(node)) return false;
    return prioritize(node, steps, months, cost, count, hA, hB, hC) && !aboveBound();
  };
  const visit = (child: Label): void => {
    st.created++;
    child.hA = hA;
    child.hB = hB;
    child.hC = hC;
    child.hExact = hExact;
    child.f0 = f0;
    child.f1 = f1;
    child.f2 = f2;
    child.f3 = f3;
    heap.push(child);
    if (hExact && isTarget(child.node)) addToBound(child);
  };

  // Partial expansion (as in PEA*): a label's children are made only when the search reaches them. Each
  // role's out-edges are sorted by a lower bound of the primary figure they add (the edge's bound plus
  // the bound from its end); an expanded label makes the children whose bound is within its own
  // priority, then waits in the queue at the next child's bound, ahead of all its unmade children.
  const partial = rank !== FEWEST_NEW;
  const sortStamp = s.stamp;
  const { sortedEdges, sortedKeys, sortedMark } = s;
  let permScratch: number[] = [];
  /** Sorts role u's out-edges into sortedEdges/sortedKeys[outOffsets[u] .. outOffsets[u + 1]) once per query. */
  const sortOut = (u: number): void => {
    if (sortedMark[u] === sortStamp) return;
    sortedMark[u] = sortStamp;
    const lo = index.outOffsets[u]!;
    const hi = index.outOffsets[u + 1]!;
    const n = hi - lo;
    for (let e = lo; e < hi; e++) {
      const v = index.edgeTo[e]!;
      let h = 0;
      if (!isTarget(v)) h = lowerBound(v) ? hA : Infinity;
      const key = (rank === FASTEST ? rev.boundMonths(e) : rank === CHEAPEST ? rev.boundCost(e) : 1) + h;
      if (n <= 64) {
        // Insertion sort, stable: by key, then edge order.
        let j = e;
        while (j > lo && sortedKeys[j - 1]! > key) {
          sortedKeys[j] = sortedKeys[j - 1]!;
          sortedEdges[j] = sortedEdges[j - 1]!;
          j--;
        }
        sortedKeys[j] = key;
        sortedEdges[j] = e;
      } else sortedKeys[e] = key;
    }
    if (n > 64) {
      const perm = permScratch;
      perm.length = n;
      for (let i = 0; i < n; i++) perm[i] = lo + i;
      perm.sort((a, b) => sortedKeys[a]! - sortedKeys[b]! || a - b);
      const keys = perm.map((e) => sortedKeys[e]!);
      for (let i = 0; i < n; i++) {
        sortedEdges[lo + i] = perm[i]!;
        sortedKeys[lo + i] = keys[i]!;
      }
      permScratch = perm;
    }
    meter.add(n);
  };
  const primary = (L: Label): number => (rank === FASTEST ? L.months : rank === CHEAPEST ? L.costCents : L.steps);
  /** Makes L's next children whose bound is at most `upTo`; queues L again for the rest. */
  const expandPartly = (L: Label, upTo: number): void => {
    const u = L.node;
    sortOut(u);
    const end = index.outOffsets[u + 1]!;
    const base = primary(L);
    const from = L.cursor < 0 ? index.outOffsets[u]! : L.cursor;
    let to = from;
    while (to < end && base + sortedKeys[to]! <= upTo) to++;
    if (to > from) x.expand(L, admit, visit, sortedEdges, from, to);
    L.cursor = to;
    if (to === end || sortedKeys[to] === Infinity) return;
    const next = base + sortedKeys[to]!;
    if (bound.length >= k && next > bound[k - 1]!.f0) return; // every child left is out of the running
    L.f0 = next;
    L.f1 = L.f2 = L.f3 = 0;
    heap.push(L);
  };

  /**
   * Whether L (marked) is dropped because labels at its role on k distinct paths dominate it, so that
   * every continuation C of L is beaten by k distinct loopless pathways; if not, L joins the expanded
   * labels. For k = 1 any dominator A will do: if A + C loops, cutting the loop out gives a loopless
   * pathway that is better still. For k > 1 the roles of each dominator off L's path must be disjoint
   * from those of the others: A + C is then loopless and passes L's role, or C meets A's path at an
   * extra role x last and A's prefix to x followed by C's rest is loopless and avoids L's role — the
   * disjointness keeps these pathways distinct (docs/decisions/003-pathway-search.md).
   */
  const prunedByDominance = (L: Label): boolean => {
    const list = expanded.get(L.node);
    if (list === undefined) {
      expanded.set(L.node, [L]);
      return false;
    }
    if (k === 1) {
      meter.add(list.length);
      for (const A of list) if (x.dominates(A, L)) return true;
    } else {
      // Only the first labels expanded here, the likeliest dominators, are tried: a long list rarely
      // holds k with disjoint extra roles, and checking it all would cost more than it saves.
      const n = Math.min(list.length, 4 * k);
      meter.add(n);
      const { nodeMark, extraMark } = s;
      const onPath = x.markStamp;
      let extra = 0;
      let found = 0;
      for (let i = 0; i < n; i++) {
        const A = list[i]!;
        if (!x.dominates(A, L)) continue;
        if (extra === 0) extra = nextStamp(s);
        let disjoint = true;
        for (let y = A.parent; y !== null && disjoint; y = y.parent)
          if (nodeMark[y.node] !== onPath && extraMark[y.node] === extra) disjoint = false;
        if (!disjoint) continue;
        for (let y = A.parent; y !== null; y = y.parent) if (nodeMark[y.node] !== onPath) extraMark[y.node] = extra;
        if (++found >= k) return true;
      }
    }
    list.push(L);
    return false;
  };

  function search(): void {
    while (heap.size > 0) {
      // The reverse search gets as much work as the forward one (a bidirectional balance).
      while (!rev.done && 2 * rev.work <= meter.used) rev.step();
      // The moves-left search likewise, up to a third of the work.
      if (hops !== null) while (!hops.done && 3 * hops.work <= meter.used) hops.step();
      const L = heap.pop()!;
      st.popped++;
      meter.add(1);
      if (L.cursor >= 0) {
        x.mark(L);
        expandPartly(L, L.f0);
        continue;
      }
      if (!L.hExact) {
        if (!lowerBound(L.node)) continue;
        L.hExact = hExact;
        if (hA !== L.hA || hB !== L.hB || hC !== L.hC) {
          L.hA = hA;
          L.hB = hB;
          L.hC = hC;
          if (!setPriority(L)) continue;
          const next = heap.peek();
          if (next !== undefined && compareLabels(L, next) > 0) {
            heap.push(L); // its bound rose past another label: back in line
            continue;
          }
        }
      }
      if (L !== root && isTarget(L.node)) {
        // The first label of a path to come out carries the path's best certification choice.
        if (results.some((r) => samePath(r, L))) continue;
        results.push(L);
        if (results.length >= k) break;
        continue;
      }
      x.mark(L);
      if (L !== root && prunedByDominance(L)) continue;
      st.expanded++;
      if (partial && L !== root) {
        L.cursor = -1;
        expandPartly(L, L.f0);
      } else x.expand(L, admit, visit);
    }
  }
  try {
    search();
  } finally {
    st.settled = rev.settled;
    st.work = meter.used;
  }
  return results.map((L) => {
    const edges = labelEdges(L);
    const cap = countFirst ? limits.maxCostCents - L.trainCents : Infinity;
    const plan = solveCertPlan(index, pathFamily(index, edges, profile), countFirst, cap, meter);
    if (plan === null || plan.count !== L.count || plan.feeCents !== L.costCents - L.trainCents)
      throw new Error('internal: certification plan disagrees with the search');
    return buildPathway(index, edges, plan.chosen, profile);
  });
}

/**
 * Every role reachable from `from` within `withinMonths`, with the earliest month it can be reached and
 * the pathway reaching it then (fewest steps among those, then smallest transition ids). Sorted by
 * month, then steps, then role id. The start role is not listed.
 */
export function reachableRoles(index: GraphIndex, query: ReachableQuery): ReachableRole[] {
  const src = roleIndex(index, query.from, 'from');
  const within = query.withinMonths;
  if (typeof within !== 'number' || Number.isNaN(within)) throw new InvalidQueryError('withinMonths must be a number');
  const s = scratchFor(index);
  const profile = resolveProfile(index, query.profile);
  const limits = resolveLimits(index, s, query.constraints);
  limits.maxMonths = Math.min(limits.maxMonths, within);
  const meter = new Meter(resolveBudget(query.workBudget));
  beginQuery(s, meter.budget);
  const trackCerts = limits.maxCostCents !== Infinity;
  const x = new Expander(index, s, profile, limits, meter, trackCerts, [0, 3]);

  const heap = new Heap<Label>(compareLabels);
  const root = x.root(src);
  heap.push(root);
  const best = new Map<number, Label>();
  const expanded = new Map<number, Label[]>();
  const st: SearchStats = (stats = { popped: 0, expanded: 0, created: 0, settled: 0, work: 0 });
  const visit = (child: Label): void => {
    st.created++;
    child.f0 = child.months;
    child.f1 = child.steps;
    heap.push(child);
  };
  const admit = (): boolean => true;
  while (heap.size > 0) {
    const L = heap.pop()!;
    st.popped++;
    st.work = meter.used;
    meter.add(1);
    x.mark(L);
    if (L !== root) {
      if (!best.has(L.node)) best.set(L.node, L);
      const list = expanded.get(L.node);
      if (list === undefined) expanded.set(L.node, [L]);
      else {
        let dominated = false;
        meter.add(list.length);
        for (const A of list)
          if (x.dominates(A, L)) {
            dominated = true;
            break;
          }
        if (dominated) continue;
        list.push(L);
      }
    }
    st.expanded++;
    x.expand(L, admit, visit);
  }
  st.work = meter.used;
  const out = [...best.values()].sort(
    (a, b) => a.months - b.months || a.steps - b.steps || index.roleIds[a.node]! - index.roleIds[b.node]!,
  );
  return out.map((L) => {
    const edges = labelEdges(L);
    let cached: Pathway | undefined;
    return {
      roleId: index.roleIds[L.node]!,
      earliestMonth: L.months,
      stepCount: L.steps,
      transitionIds: edges.map((e) => index.edgeTransitionId[e]!),
      pathway(): Pathway {
        if (cached === undefined) {
          const plan = solveCertPlan(index, pathFamily(index, edges, profile), false, Infinity, { add() {} });
          cached = buildPathway(index, edges, plan!.chosen, profile);
        }
        return cached;
      },
    };
  });
}
