/**
 * Exact pathway search over a GraphIndex (docs/decisions/003-pathway-search.md).
 *
 * Best-first search over partial loopless paths ("labels"), each carrying its exact state: months,
 * training cost, programs completed, the requirement groups met so far and the cheapest certification
 * plan for them. The priority is the ranking's lexicographic key plus an admissible lower bound of the
 * rest of the way (an incremental reverse Dijkstra over experience months and hops), then the sequence
 * of transition ids. Keys never decrease along a path, so complete pathways come out in exact order.
 * A label is dropped only when k others at the same role are at least as good in every respect
 * (dominance), which keeps the search exact.
 */
import type { GraphIndex } from './build.js';
import { solveCertPlan, type WorkMeter } from './certs.js';
import { experienceMonths, usdToCents } from './cost.js';
import { InvalidQueryError, SearchBudgetExceeded } from './errors.js';
import { buildPathway, classHeld, pathFamily, resolveProfile, type ResolvedProfile } from './evaluate.js';
import { Heap, PairHeap } from './heap.js';
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

/** Default work budget of a search: about a second of work on an ordinary machine. */
export const DEFAULT_WORK_BUDGET = 3_000_000;
/** Most pathways one query may ask for. */
export const MAX_K = 100;

// Ranking codes.
const FASTEST = 0;
const CHEAPEST = 1;
const FEWEST_NEW = 2;
const FEWEST_STEPS = 3;
const RANK_CODE: Record<RankBy, number> = {
  FASTEST,
  CHEAPEST,
  FEWEST_NEW_CERTIFICATIONS: FEWEST_NEW,
  FEWEST_STEPS,
};

/**
 * A partial pathway: a path from the start to `node` together with the certifications chosen so far
 * (one label per path and choice of options), with its exact state.
 */
class Label {
  /** Lower bound of the rest of the way (see ReverseSearch), and whether it is final. */
  hA = 0;
  hB = 0;
  hExact = true;
  f0 = 0;
  f1 = 0;
  f2 = 0;
  f3 = 0;
  constructor(
    readonly parent: Label | null,
    /** Edge from the parent (-1 for the start). */
    readonly edge: number,
    readonly node: number,
    readonly steps: number,
    readonly months: number,
    readonly trainCents: number,
    /** Training plus exam fees so far. */
    readonly costCents: number,
    /** Certifications earned so far. */
    readonly count: number,
    /** Programs completed so far (not counting the profile's). */
    readonly progCount: number,
    /** Programs completed on the last step (null: none). */
    readonly addProgs: readonly number[] | null,
    /** Certifications earned on the last step (null: none). */
    readonly addCerts: readonly number[] | null,
  ) {}
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
  certMark: Int32Array;
  classMark: Int32Array;
  progMark: Int32Array;
  revDist1: Float64Array;
  revDist2: Float64Array;
  revDistMark: Int32Array;
  revSettled: Int32Array;
  revHeap: PairHeap;
  allowed: Uint8Array;
  /** Minimal ways of meeting one requirement class, and several (query-independent). */
  choiceCache: { single: (number[][] | undefined)[]; multi: Map<string, number[][]> };
}

const scratchByIndex = new WeakMap<GraphIndex, Scratch>();

function scratchFor(index: GraphIndex): Scratch {
  let s = scratchByIndex.get(index);
  if (s === undefined) {
    s = {
      stamp: 0,
      nodeMark: new Int32Array(index.roleCount),
      certMark: new Int32Array(index.certCount),
      classMark: new Int32Array(index.classCount),
      progMark: new Int32Array(index.programCount),
      revDist1: new Float64Array(index.roleCount),
      revDist2: new Float64Array(index.roleCount),
      revDistMark: new Int32Array(index.roleCount),
      revSettled: new Int32Array(index.roleCount),
      revHeap: new PairHeap(),
      allowed: new Uint8Array(index.roleCount),
      choiceCache: { single: [], multi: new Map() },
    };
    scratchByIndex.set(index, s);
  }
  return s;
}

function nextStamp(s: Scratch): number {
  if (s.stamp >= 0x7ffffff0) {
    for (const a of [s.nodeMark, s.certMark, s.classMark, s.progMark, s.revDistMark, s.revSettled]) a.fill(0);
    s.stamp = 0;
  }
  return ++s.stamp;
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
  if (!(workBudget > 0)) throw new InvalidQueryError('workBudget must be positive');
  return workBudget;
}

function roleIndex(index: GraphIndex, id: number, what: string): number {
  const r = index.roleIndexById.get(id);
  if (r === undefined) throw new InvalidQueryError(`${what}: unknown role ${id}`);
  return r;
}

/** Every inclusion-minimal set of certifications hitting all the given requirement classes, each sorted. */
function minimalHittingSets(index: GraphIndex, unmet: readonly number[]): number[][] {
  const { certCount: C, classOptionOffsets, classOptions } = index;
  const forced: number[] = [];
  for (const cls of unmet) if (cls < C && !forced.includes(cls)) forced.push(cls);
  const rest: Int32Array[] = [];
  for (const cls of unmet) {
    if (cls < C) continue;
    const opts = classOptions.subarray(classOptionOffsets[cls]!, classOptionOffsets[cls + 1]!);
    if (!opts.some((o) => forced.includes(o))) rest.push(opts);
  }
  if (rest.length === 0) return [forced.sort((a, b) => a - b)];
  const sets: number[][] = [];
  const current = forced.slice();
  const rec = (): void => {
    const g = rest.find((opts) => !opts.some((o) => current.includes(o)));
    if (g === undefined) {
      sets.push(current.slice().sort((a, b) => a - b));
      return;
    }
    for (const o of g) {
      current.push(o);
      rec();
      current.pop();
    }
  };
  rec();
  // Keep the inclusion-minimal sets, once each.
  const unique = new Map<string, number[]>();
  for (const set of sets) unique.set(set.join(','), set);
  const distinct = [...unique.values()];
  return distinct.filter((a) => !distinct.some((b) => b.length < a.length && b.every((x) => a.includes(x))));
}

/** Label creation, state bookkeeping and dominance, shared by both searches. */
class Expander {
  private stamp = 0;
  private unmet: number[] = [];

  constructor(
    private readonly index: GraphIndex,
    private readonly s: Scratch,
    private readonly profile: ResolvedProfile,
    private readonly limits: Limits,
    private readonly meter: Meter,
    /** Whether certifications (and so costs) are tracked; reachableRoles without a cost limit does not need them. */
    readonly trackCerts: boolean,
    /** Whether the number of certifications earned matters (it is part of every ranking). */
    private readonly useCount: boolean,
  ) {}

  root(src: number): Label {
    return new Label(null, -1, src, 0, 0, 0, 0, 0, 0, null, null);
  }

  /** Marks the label's roles, programs and earned certifications in the scratch arrays. */
  mark(label: Label): void {
    const s = this.s;
    const st = nextStamp(s);
    this.stamp = st;
    for (let x: Label | null = label; x !== null; x = x.parent) {
      s.nodeMark[x.node] = st;
      if (x.addProgs !== null) for (const p of x.addProgs) s.progMark[p] = st;
      if (x.addCerts !== null) for (const c of x.addCerts) s.certMark[c] = st;
    }
  }

  /**
   * The ways of meeting the unmet requirement classes of a step: every inclusion-minimal set of
   * certifications hitting them all (earning more now is never better: a certification needed later can
   * be earned later for the same fee and no time).
   */
  private choices(unmet: readonly number[]): readonly (readonly number[])[] {
    const { classOptionOffsets, classOptions } = this.index;
    const cache = this.s.choiceCache;
    if (unmet.length === 1) {
      // One class: each of its options alone (shared, read-only arrays).
      const cls = unmet[0]!;
      let sets = cache.single[cls];
      if (sets === undefined) {
        sets = [];
        for (let j = classOptionOffsets[cls]!; j < classOptionOffsets[cls + 1]!; j++) sets.push([classOptions[j]!]);
        cache.single[cls] = sets;
      }
      return sets;
    }
    const key = unmet
      .slice()
      .sort((a, b) => a - b)
      .join(',');
    const known = cache.multi.get(key);
    if (known !== undefined) return known;
    if (cache.multi.size > 100_000) cache.multi.clear();
    const result = minimalHittingSets(this.index, unmet);
    this.meter.add(result.length);
    cache.multi.set(key, result);
    return result;
  }

  /** Calls `visit` with each child of the label last marked: per edge, one per way of meeting its requirements. */
  expand(parent: Label, visit: (child: Label) => void): void {
    const ix = this.index;
    const s = this.s;
    const st = this.stamp;
    const { nodeMark, progMark, certMark } = s;
    const { maxSteps, maxMonths, maxCostCents, allowed } = this.limits;
    const { heldCert, anyHeld, doneProgram } = this.profile;
    const trackCerts = this.trackCerts;
    const steps = parent.steps + 1;
    if (steps > maxSteps) return;
    const unmet = this.unmet;
    const first = parent.parent === null;
    const end = ix.outOffsets[parent.node + 1]!;
    let scanned = 0;
    for (let e = ix.outOffsets[parent.node]!; e < end; e++) {
      scanned++;
      const v = ix.edgeTo[e]!;
      if (nodeMark[v] === st) continue;
      if (allowed !== null && allowed[v] === 0) continue;
      let months =
        parent.months +
        (first ? experienceMonths(ix.edgeMinYears[e]!, this.profile.yearsInCurrentRole) : ix.edgeExpMonths[e]!);
      let train = 0;
      let addProgs: number[] | null = null;
      for (let j = ix.edgeProgramOffsets[e]!, pEnd = ix.edgeProgramOffsets[e + 1]!; j < pEnd; j++) {
        const p = ix.edgePrograms[j]!;
        if (doneProgram[p] === 1 || progMark[p] === st) continue;
        months += ix.programMinMonths[p]!;
        train += ix.programCostCents[p]!;
        (addProgs ??= []).push(p);
      }
      if (months > maxMonths) continue;
      const trainCents = parent.trainCents + train;
      const cost = parent.costCents + train;
      if (cost > maxCostCents) continue;
      const progCount = parent.progCount + (addProgs === null ? 0 : addProgs.length);
      unmet.length = 0;
      if (trackCerts) {
        for (let g = ix.edgeGroupOffsets[e]!, gEnd = ix.edgeGroupOffsets[e + 1]!; g < gEnd; g++) {
          const cls = ix.groupClass[g]!;
          if (anyHeld && classHeld(ix, heldCert, cls)) continue;
          let hit = false;
          for (let j = ix.classOptionOffsets[cls]!, oEnd = ix.classOptionOffsets[cls + 1]!; j < oEnd && !hit; j++)
            if (certMark[ix.classOptions[j]!] === st) hit = true;
          if (!hit && !unmet.includes(cls)) unmet.push(cls);
        }
      }
      if (unmet.length === 0) {
        visit(new Label(parent, e, v, steps, months, trainCents, cost, parent.count, progCount, addProgs, null));
        continue;
      }
      for (const set of this.choices(unmet)) {
        let fee = 0;
        for (const c of set) fee += ix.certFeeCents[c]!;
        if (cost + fee > maxCostCents) continue;
        visit(
          new Label(
            parent,
            e,
            v,
            steps,
            months,
            trainCents,
            cost + fee,
            parent.count + set.length,
            progCount,
            addProgs,
            set,
          ),
        );
      }
    }
    this.meter.add(scanned + 1);
  }

  /**
   * Whether `a` is at least as good as `b` (the label last marked, at the same role) for every
   * continuation: no later, no dearer, no more certifications earned, no more steps (or as many with a
   * transition sequence no greater), and holding every program and certification `b` holds — so any
   * continuation of `b` costs `a` no more. Looplessness is the caller's business.
   */
  dominates(a: Label, b: Label): boolean {
    if (a.months > b.months || a.steps > b.steps || a.progCount < b.progCount || a.count < b.count) return false;
    if (this.trackCerts && (a.costCents > b.costCents || (this.useCount && a.count > b.count))) return false;
    const s = this.s;
    const st = this.stamp;
    let progs = 0;
    let certs = 0;
    for (let x: Label | null = a; x !== null; x = x.parent) {
      if (x.addProgs !== null) for (const p of x.addProgs) if (s.progMark[p] === st) progs++;
      if (x.addCerts !== null) for (const c of x.addCerts) if (s.certMark[c] === st) certs++;
    }
    if (progs !== b.progCount || certs !== b.count) return false;
    if (a.steps === b.steps && compareSeq(a, b) > 0) return false;
    return true;
  }

  /** Whether every role on `a`'s path is on the path of the label last marked. */
  visitsOnlyMarked(a: Label): boolean {
    const s = this.s;
    for (let x: Label | null = a; x !== null; x = x.parent) if (s.nodeMark[x.node] !== this.stamp) return false;
    return true;
  }
}

/** Which lower bound the reverse search computes: (primary, secondary) per edge. */
const BOUND_MONTHS = 0; // (months, hops)
const BOUND_COST = 1; // (training cost, months)
const BOUND_HOPS = 2; // (hops, months)

/**
 * Lower bounds of the rest of the way from an incremental, lexicographic reverse Dijkstra from the
 * targets. Edge weights are lower bounds of a step's months — experience from a standing start plus the
 * training that no loopless path can need twice (GraphIndex.programOncePerPath) and the profile has not
 * done — or of its training cost, or 1 per step. Roles not settled yet are bounded by the current radius.
 * The secondary part is valid lexicographically: it bounds the rest whenever the rest is minimal in the
 * primary part.
 */
class ReverseSearch {
  work = 0;
  settled = 0;
  done = false;
  /** Results of the last h() call. */
  lastExact = false;
  lastA = 0;
  lastB = 0;
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
      s.revDistMark[t] = this.stamp;
      s.revHeap.push(0, 0, t);
    }
  }

  private boundMonths(e: number): number {
    const ix = this.index;
    if (!this.profile.anyDone) return ix.edgeBoundMonths[e]!;
    let months = ix.edgeExpMonths[e]!;
    for (let j = ix.edgeProgramOffsets[e]!; j < ix.edgeProgramOffsets[e + 1]!; j++) {
      const p = ix.edgePrograms[j]!;
      if (ix.programOncePerPath[p] === 1 && this.profile.doneProgram[p] === 0) months += ix.programMinMonths[p]!;
    }
    return months;
  }

  private boundCost(e: number): number {
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
    const { revHeap: heap, revSettled, revDist1, revDist2 } = this.s;
    while (heap.size > 0) {
      const v = heap.topValue();
      if (
        revSettled[v] === this.stamp ||
        heap.topKey1() > revDist1[v]! ||
        (heap.topKey1() === revDist1[v] && heap.topKey2() > revDist2[v]!)
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
    heap.pop();
    const st = this.stamp;
    s.revSettled[v] = st;
    this.settled++;
    const ix = this.index;
    const lo = ix.inOffsets[v]!;
    const hi = ix.inOffsets[v + 1]!;
    for (let j = lo; j < hi; j++) {
      const e = ix.inEdges[j]!;
      const u = ix.edgeFrom[e]!;
      if (s.revSettled[u] === st) continue;
      if (this.allowed !== null && this.allowed[u] === 0 && u !== this.src) continue;
      let n1: number;
      let n2: number;
      if (this.mode === BOUND_MONTHS) {
        n1 = k1 + this.boundMonths(e);
        n2 = k2 + 1;
      } else if (this.mode === BOUND_COST) {
        n1 = k1 + this.boundCost(e);
        n2 = k2 + this.boundMonths(e);
      } else {
        n1 = k1 + 1;
        n2 = k2 + this.boundMonths(e);
      }
      if (s.revDistMark[u] !== st || n1 < s.revDist1[u]! || (n1 === s.revDist1[u] && n2 < s.revDist2[u]!)) {
        s.revDist1[u] = n1;
        s.revDist2[u] = n2;
        s.revDistMark[u] = st;
        heap.push(n1, n2, u);
      }
    }
    const units = 1 + hi - lo;
    this.work += units;
    this.meter.add(units);
  }

  /** Lower bound (lastA, lastB) for role v; lastExact when final; false when v cannot reach a target. */
  h(v: number): boolean {
    const s = this.s;
    if (s.revSettled[v] === this.stamp) {
      this.lastExact = true;
      this.lastA = s.revDist1[v]!;
      this.lastB = s.revDist2[v]!;
      return true;
    }
    this.skipStale();
    if (s.revHeap.size === 0) return false;
    this.lastExact = false;
    this.lastA = s.revHeap.topKey1();
    this.lastB = s.revHeap.topKey2();
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
  const x = new Expander(index, s, profile, limits, meter, true, true);
  const { maxSteps, maxMonths, maxCostCents } = limits;

  /**
   * Sets the priority: the ranking's key of the label plus the bound of the rest, component by
   * component; false when the label cannot meet the limits.
   */
  const setPriority = (L: Label): boolean => {
    const a = L.hA;
    const b = L.hB;
    const stepsLeft = isTarget(L.node) ? 0 : 1;
    switch (rank) {
      case FASTEST:
        L.f0 = L.months + a;
        L.f1 = L.costCents;
        L.f2 = L.count;
        L.f3 = L.steps + b;
        return L.f0 <= maxMonths && L.steps + stepsLeft <= maxSteps;
      case CHEAPEST:
        L.f0 = L.costCents + a;
        L.f1 = L.months + b;
        L.f2 = L.count;
        L.f3 = L.steps + stepsLeft;
        return L.f0 <= maxCostCents && L.months <= maxMonths && L.steps + stepsLeft <= maxSteps;
      case FEWEST_NEW:
        L.f0 = L.count;
        L.f1 = L.months + a;
        L.f2 = L.costCents;
        L.f3 = L.steps + b;
        return L.f1 <= maxMonths && L.steps + stepsLeft <= maxSteps;
      default:
        L.f0 = L.steps + a;
        L.f1 = L.months + b;
        L.f2 = L.costCents;
        L.f3 = L.count;
        return L.f0 <= maxSteps && L.months <= maxMonths;
    }
  };

  const heap = new Heap<Label>(compareLabels);
  const root = x.root(src);
  heap.push(root);
  const results: Label[] = [];
  const expanded = new Map<number, Label[]>();
  let forwardWork = 0;
  const st: SearchStats = (stats = { popped: 0, expanded: 0, created: 0, settled: 0, work: 0 });
  const visit = (child: Label): void => {
    forwardWork++;
    st.created++;
    if (!isTarget(child.node)) {
      if (!rev.h(child.node)) return;
      child.hA = rev.lastA;
      child.hB = rev.lastB;
      child.hExact = rev.lastExact;
    }
    if (setPriority(child)) heap.push(child);
  };

  try {
    search();
  } finally {
    st.settled = rev.settled;
    st.work = meter.used;
  }
  function search(): void {
    while (heap.size > 0) {
      while (!rev.done && rev.work <= forwardWork) rev.step();
      const L = heap.pop()!;
      st.popped++;
      forwardWork++;
      meter.add(1);
      if (!L.hExact) {
        if (!rev.h(L.node)) continue;
        L.hExact = rev.lastExact;
        if (rev.lastA !== L.hA || rev.lastB !== L.hB) {
          L.hA = rev.lastA;
          L.hB = rev.lastB;
          if (setPriority(L)) heap.push(L); // its bound rose: back in line
          continue;
        }
      }
      if (L !== root && isTarget(L.node)) {
        // The first label of a path to come out carries the path's best certification choice.
        if (results.some((r) => compareSeq(r, L) === 0)) continue;
        results.push(L);
        if (results.length >= k) break;
        continue;
      }
      x.mark(L);
      if (L !== root) {
        const list = expanded.get(L.node);
        if (list === undefined) expanded.set(L.node, [L]);
        else {
          // Dropped when another choice of certifications on the same path, or (k = 1) any label, or k labels
          // whose roles are all on L's path, dominate it: each continuation of L is then beaten by as many
          // distinct loopless pathways. (Two dominators are never the same path: a dominator holds every
          // certification L holds and has earned no more, so both would hold exactly L's, and the second
          // would have been dropped as a duplicate of the first.)
          let pruned = false;
          let dominators = 0;
          for (const A of list) {
            if (!x.dominates(A, L)) continue;
            if (
              k === 1 ||
              (A.steps === L.steps && compareSeq(A, L) === 0) ||
              (x.visitsOnlyMarked(A) && ++dominators >= k)
            ) {
              pruned = true;
              break;
            }
          }
          if (pruned) continue;
          list.push(L);
        }
      }
      st.expanded++;
      x.expand(L, visit);
    }
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
  const trackCerts = limits.maxCostCents !== Infinity;
  const x = new Expander(index, s, profile, limits, meter, trackCerts, false);

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
    x.expand(L, visit);
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
