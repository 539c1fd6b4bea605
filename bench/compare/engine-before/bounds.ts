/**
 * Lower bounds of the rest of the way to a target, for A* (docs/decisions/003-pathway-search.md):
 * per-edge weights that no pathway can beat (build.ts, edgeBounds), an incremental lexicographic
 * reverse Dijkstra over them, and a backward breadth-first search counting the moves left.
 */
import { edgeBounds, type GraphIndex } from './build.js';
import { PART_TIME_FACTOR } from './cost.js';
import { nextStamp, type Meter, type Scratch } from './scratch.js';
import type { QueryContext } from './step.js';

/** Per-edge lower bounds (months, cost in cents, certifications) for this query's start state. */
export class EdgeWeights {
  private readonly cache: Scratch['edgeBound'];
  private readonly stamp: number;
  private readonly held: Uint8Array;
  private readonly done: Uint8Array;
  private readonly factor: number;
  constructor(
    private readonly index: GraphIndex,
    s: Scratch,
    cx: QueryContext,
  ) {
    this.factor = cx.load === 'PART_TIME' ? PART_TIME_FACTOR : 1;
    if (cx.start.held.length === 0 && cx.start.done.length === 0 && this.factor === 1) {
      this.cache = null;
      this.stamp = 0;
      this.held = this.done = new Uint8Array(0);
      return;
    }
    s.edgeBound ??= {
      months: new Float64Array(index.edgeCount),
      cents: new Float64Array(index.edgeCount),
      certs: new Float64Array(index.edgeCount),
      mark: new Int32Array(index.edgeCount),
    };
    this.cache = s.edgeBound;
    this.stamp = nextStamp(s);
    this.held = new Uint8Array(index.certCount);
    this.done = new Uint8Array(index.programCount);
    for (const c of cx.start.held) this.held[c] = 1;
    for (const p of cx.start.done) this.done[p] = 1;
  }

  private fill(e: number): void {
    const cache = this.cache!;
    if (cache.mark[e] === this.stamp) return;
    const b = edgeBounds(this.index, e, this.held, this.done, this.factor);
    cache.months[e] = b.months;
    cache.cents[e] = b.cents;
    cache.certs[e] = b.certs;
    cache.mark[e] = this.stamp;
  }

  months(e: number): number {
    if (this.cache === null) return this.index.edgeBoundMonths[e]!;
    this.fill(e);
    return this.cache.months[e]!;
  }

  cents(e: number): number {
    if (this.cache === null) return this.index.edgeBoundCostCents[e]!;
    this.fill(e);
    return this.cache.cents[e]!;
  }

  certs(e: number): number {
    if (this.cache === null) return this.index.edgeBoundCerts[e]!;
    this.fill(e);
    return this.cache.certs[e]!;
  }
}

/** Which lower bounds the reverse search computes, in lexicographic order. */
export const BOUND_MONTHS = 0; // (months, cost, hops)
export const BOUND_COST = 1; // (cost, months, hops)
export const BOUND_HOPS = 2; // (hops, months, cost)
export const BOUND_CERTS = 3; // (certifications, months, cost)

/** Whether edge e may be used by this query (estimated moves only when asked for). */
export function edgeUsable(index: GraphIndex, cx: QueryContext, e: number): boolean {
  return cx.includeEstimated || index.edgeEstimated[e] === 0;
}

/**
 * Lower bounds of the rest of the way from an incremental, lexicographic reverse Dijkstra from the
 * targets over three weights per step (EdgeWeights, and 1 per hop), in the ranking's order. Roles not
 * settled yet are bounded by the current radius. The second and third parts are valid
 * lexicographically: each bounds the rest whenever the rest is minimal in the parts before it.
 */
export class ReverseSearch {
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
    private readonly cx: QueryContext,
    readonly weights: EdgeWeights,
    targets: readonly number[],
    private readonly allowed: Uint8Array | null,
    private readonly src: number,
    private readonly mode: number,
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
    const w = this.weights;
    for (let j = lo; j < hi; j++) {
      const e = ix.inEdges[j]!;
      const u = ix.edgeFrom[e]!;
      if (s.revSettled[u] === st) continue;
      if (this.allowed !== null && this.allowed[u] === 0 && u !== this.src) continue;
      if (!edgeUsable(ix, this.cx, e)) continue;
      let n1: number;
      let n2: number;
      let n3: number;
      if (mode === BOUND_MONTHS) {
        n1 = k1 + w.months(e);
        n2 = k2 + w.cents(e);
        n3 = k3 + 1;
      } else if (mode === BOUND_COST) {
        n1 = k1 + w.cents(e);
        n2 = k2 + w.months(e);
        n3 = k3 + 1;
      } else if (mode === BOUND_HOPS) {
        n1 = k1 + 1;
        n2 = k2 + w.months(e);
        n3 = k3 + w.cents(e);
      } else {
        n1 = k1 + w.certs(e);
        n2 = k2 + w.months(e);
        n3 = k3 + w.cents(e);
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

/**
 * Fewest moves from each role to one of the targets, by an incremental breadth-first search over
 * in-edges, at most `depth` deep, skipping roles the constraints forbid (the start is exempt). It runs
 * in steps, interleaved with the forward search; `bound(r)` is exact for a role it has reached and a
 * lower bound (the depth it has completed, plus one) for any other.
 */
export class HopSearch {
  work = 0;
  done = false;
  private head = 0;
  private tail = 0;
  private readonly stamp: number;

  constructor(
    private readonly index: GraphIndex,
    private readonly s: Scratch,
    private readonly cx: QueryContext,
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
      const e = ix.inEdges[j]!;
      const u = ix.edgeFrom[e]!;
      if (mark[u] === st) continue;
      if (this.allowed !== null && this.allowed[u] === 0 && u !== this.src) continue;
      if (!edgeUsable(ix, this.cx, e)) continue;
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
