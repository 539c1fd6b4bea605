/**
 * What every search needs besides the index: reusable scratch arrays (marked with stamps, so nothing
 * needs clearing), the work meter and the resolved limits.
 */
import type { GraphIndex } from './build.js';
import { usdToCents } from './cost.js';
import { InvalidQueryError, SearchBudgetExceeded } from './errors.js';
import { TripleHeap } from './heap.js';
import type { Constraints } from './types.js';

/** Default work budget of a search: a few tenths of a second on the benchmark machine (docs/benchmarks.md). */
const DEFAULT_WORK_BUDGET = 2_000_000;

/** Reusable per-index scratch arrays; marks are compared with a stamp so nothing needs clearing. */
export interface Scratch {
  stamp: number;
  nodeMark: Int32Array;
  /**
   * The reverse search's state of each role r, together so that a relaxation touches one place:
   * revState[4r .. 4r+2] its distance (three keys), revState[4r+3] the query's stamp when the
   * distance is set, minus the stamp when the role is settled (bounds.ts).
   */
  revState: Float64Array;
  revHeap: TripleHeap;
  allowed: Uint8Array;
  /** Per query, each role's out-edges sorted for partial expansion, in the role's CSR range (sortedMark === stamp). */
  sortedEdges: Int32Array;
  sortedKeys: Float64Array;
  /** The second figure's bound of each, the tie-break of the sort. */
  sortedKeys2: Float64Array;
  sortedMark: Int32Array;
  /** Fewest moves to a target (HopSearch), valid where hopMark is the query's stamp. */
  hopDist: Int32Array;
  hopMark: Int32Array;
  hopQueue: Int32Array;
  /** Months to a target over free moves (PaymentSearch, payment-bound.ts), and its stamps (negative: settled); its heap holds both layers. */
  freeDist: Float64Array;
  freeMark: Int32Array;
  freeHeap: TripleHeap;
  /** Landmark bounds towards the current target, cached per query (altMark === stamp). */
  alt: Float64Array;
  altMark: Int32Array;
  /** Edge bounds for the query's start state, when it differs from a standing start (bounds.ts). */
  edgeBound: { months: Float64Array; cents: Float64Array; certs: Float64Array; mark: Int32Array } | null;
  /** Roles the learner's years in the start role may still count at (tenureMark === stamp; bounds.ts). */
  tenureMark: Int32Array | null;
  /** PaymentSearch's paying ways: payment and months per role, and stamps (negative: settled). */
  pay: { cost: Float64Array; months: Float64Array; mark: Int32Array } | null;
  /** Stores of the k-best parts' own reverse searches not in use (search.ts, partBound), each with its own stamps. */
  partStores: PartStore[];
  /** The stores of the searches of the months and the cost left (search.ts, limitsLeftBound; decision 032), made on first use. */
  limitStores: [PartStore | null, PartStore | null];
}

/** A k-best part's own reverse search's store, and the roles it may pass (search.ts, partBound). */
export interface PartStore {
  revState: Float64Array;
  revHeap: TripleHeap;
  stamp: number;
  allowed: Uint8Array;
}

const newStore = (roleCount: number): PartStore => ({
  revState: new Float64Array(4 * roleCount),
  revHeap: new TripleHeap(),
  stamp: 0,
  allowed: new Uint8Array(roleCount),
});

/** A part store from the pool, or a new one; its stamps cannot run out. */
export function takePartStore(s: Scratch, roleCount: number): PartStore {
  return fresh(s.partStores.pop() ?? newStore(roleCount));
}

/**
 * The store of the search of the months (0) or the cost (1) left: one each per scratch, apart from the
 * parts' pool (whose size and bytes are the parts' to count), kept once made; one query at a time
 * uses a scratch.
 */
export function takeLimitStore(s: Scratch, which: 0 | 1, roleCount: number): PartStore {
  return fresh((s.limitStores[which] ??= newStore(roleCount)));
}

function fresh(store: PartStore): PartStore {
  if (store.stamp > 0x7ffffff0) {
    store.revState.fill(0);
    store.stamp = 0;
  }
  return store;
}

const scratchByIndex = new WeakMap<GraphIndex, Scratch>();

export function scratchFor(index: GraphIndex): Scratch {
  let s = scratchByIndex.get(index);
  if (s === undefined) {
    const R = index.roleCount;
    s = {
      stamp: 0,
      partStores: [],
      limitStores: [null, null],
      nodeMark: new Int32Array(R),
      revState: new Float64Array(4 * R),
      revHeap: new TripleHeap(),
      allowed: new Uint8Array(R),
      sortedEdges: new Int32Array(index.edgeCount),
      sortedKeys: new Float64Array(index.edgeCount),
      sortedKeys2: new Float64Array(index.edgeCount),
      sortedMark: new Int32Array(R),
      hopDist: new Int32Array(R),
      hopMark: new Int32Array(R),
      hopQueue: new Int32Array(R),
      freeDist: new Float64Array(R),
      freeMark: new Int32Array(R),
      freeHeap: new TripleHeap(),
      alt: new Float64Array(R),
      altMark: new Int32Array(R),
      edgeBound: null,
      tenureMark: null,
      pay: null,
    };
    scratchByIndex.set(index, s);
  }
  return s;
}

export function nextStamp(s: { stamp: number }): number {
  return ++s.stamp;
}

/** At the start of a query: makes sure its stamps cannot run out (a query takes at most one per work unit). */
export function beginQuery(s: Scratch, budget: number): void {
  if (s.stamp + Math.min(budget, 0x3fffffff) + 16 < 0x7fffffff) return;
  for (const a of [
    s.nodeMark,
    s.revState,
    s.altMark,
    s.sortedMark,
    s.hopMark,
    s.freeMark,
    s.edgeBound?.mark,
    s.tenureMark,
    s.pay?.mark,
  ])
    a?.fill(0);
  s.stamp = 0;
}

/** Counts work; throws SearchBudgetExceeded past the budget. */
export class Meter {
  used = 0;
  constructor(readonly budget: number) {}
  add(units: number): void {
    this.used += units;
    if (this.used > this.budget) throw new SearchBudgetExceeded(this.budget, this.used);
  }
}

export function resolveBudget(workBudget: number | undefined): number {
  if (workBudget === undefined) return DEFAULT_WORK_BUDGET;
  if (!(workBudget > 0) || !Number.isFinite(workBudget))
    throw new InvalidQueryError('workBudget must be a positive finite number');
  return workBudget;
}

export interface Limits {
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

export function resolveLimits(index: GraphIndex, s: Scratch, c: Constraints | undefined): Limits {
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

export function roleIndex(index: GraphIndex, id: number, what: string): number {
  const r = index.roleIndexById.get(id);
  if (r === undefined) throw new InvalidQueryError(`${what}: unknown role ${id}`);
  return r;
}
