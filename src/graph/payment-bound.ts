/**
 * The bound by the payment every way must make, for CHEAPEST (in cents) and FEWEST_NEW_CERTIFICATIONS
 * (in certifications earned): docs/decisions/030-bounded-by-the-payment-every-way-must-make.md.
 *
 * The reverse search's bound (bounds.ts) counts no item several moves may ask for: the learner may
 * have paid for it, or earned it, earlier on the way. A learner who has paid nothing (or earned
 * nothing) has only what the start had and what costs nothing (or is no certification). The rest
 * of its way either takes only moves such a learner makes without paying (free moves), or makes a
 * last move that is not free and then only free ones: that move's requirements, all of them, are
 * paid for on it or before it, on this way. So the way pays at least what that move asks in full,
 * plus the edge bounds of the moves before it. A label that has paid for items more than one move may
 * ask for takes that off; the rest it holds no later move asks for (once-per-path items).
 */
import type { EdgeWeights } from './bounds.js';
import { edgeUsable } from './bounds.js';
import { ROUTE_CERTIFICATION, ROUTE_PROGRAM, type GraphIndex } from './build.js';
import { nextStamp, type Meter, type Scratch } from './scratch.js';
import { classSatisfied, has, type IdSet, type QueryContext } from './step.js';

/**
 * What moves cost a learner who has paid nothing. Such a learner has done the start's programs and
 * any that cost nothing (step.ts counts a program's cost, an unknown one as $0, whenever it is
 * taken), and holds the start's certifications and any whose fee and one route cost nothing: a
 * wait, an open route, a program that costs nothing, or another such certification.
 */
export class CostFreeMoves {
  /**
   * Per certification: the least it costs such a learner to hold it, 0 when free (Infinity: no route
   * reaches it). The least over routes, a certification route counting the least for the one it asks
   * to hold: earnWays (step.ts) allows fewer chains, so this is never more than what it costs.
   */
  private readonly certCost: Float64Array;
  private readonly training: number[] = [];

  constructor(
    private readonly index: GraphIndex,
    private readonly cx: QueryContext,
  ) {
    const ix = index;
    const cost = (this.certCost = new Float64Array(ix.certCount));
    // Routes without another certification first; then those, pass after pass, until none lowers a
    // cost (each pass makes the chains one longer; costs never go below 0, so it ends).
    for (let c = 0; c < ix.certCount; c++) {
      if (has(cx.start.held, c)) continue;
      let route = Infinity;
      for (let r = ix.certRouteOffsets[c]!, end = ix.certRouteOffsets[c + 1]!; r < end && route > 0; r++) {
        const kind = ix.routeKind[r]!;
        if (kind === ROUTE_PROGRAM) route = Math.min(route, this.programCost(ix.routeValue[r]!));
        else if (kind !== ROUTE_CERTIFICATION) route = 0; // a wait, or an open route
      }
      cost[c] = ix.certFeeCents[c]! + route;
    }
    for (let changed = true; changed;) {
      changed = false;
      for (let c = 0; c < ix.certCount; c++)
        for (let r = ix.certRouteOffsets[c]!, end = ix.certRouteOffsets[c + 1]!; r < end; r++) {
          if (ix.routeKind[r] !== ROUTE_CERTIFICATION) continue;
          const through = ix.certFeeCents[c]! + cost[ix.routeValue[r]!]!;
          if (through < cost[c]!) {
            cost[c] = through;
            changed = true;
          }
        }
    }
  }

  /** What program p costs with its prerequisites, but for those done at the start. */
  private programCost(p: number): number {
    const ix = this.index;
    let cents = 0;
    for (let k = ix.programTakeOffsets[p]!, end = ix.programTakeOffsets[p + 1]!; k < end; k++) {
      const q = ix.programTake[k]!;
      if (!has(this.cx.start.done, q)) cents += ix.programCostCents[q]!;
    }
    return cents;
  }

  /** Whether the last fullCents' move is free: such a learner makes it for nothing (every move of a pathway still at $0 is one). */
  lastFree = false;

  /**
   * A lower bound of what such a learner pays, on move e or before it, to meet e's requirements:
   * the larger of its training's programs (each once, prerequisites included) and its dearest
   * group's cheapest option (the two may share a program). Sets lastFree: nothing to pay, and an
   * option of every group within reach.
   */
  fullCents(e: number): number {
    const ix = this.index;
    const held = this.cx.start.held;
    const training = this.training;
    training.length = 0;
    let programs = 0;
    for (let j = ix.edgeProgramOffsets[e]!, end = ix.edgeProgramOffsets[e + 1]!; j < end; j++) {
      const cls = ix.edgeProgramWaiver[j]!;
      if (cls !== -1 && classSatisfied(ix, held, cls)) continue; // spared (step.ts, beginStep)
      const p = ix.edgePrograms[j]!;
      for (let k = ix.programTakeOffsets[p]!, end2 = ix.programTakeOffsets[p + 1]!; k < end2; k++) {
        const q = ix.programTake[k]!;
        if (has(this.cx.start.done, q) || training.includes(q)) continue;
        training.push(q);
        programs += ix.programCostCents[q]!;
      }
    }
    let groups = 0;
    let free = programs === 0;
    for (let g = ix.edgeGroupOffsets[e]!, end = ix.edgeGroupOffsets[e + 1]!; g < end; g++) {
      const cls = ix.groupClass[g]!;
      let least = Infinity;
      for (let j = ix.classOptionOffsets[cls]!, end2 = ix.classOptionOffsets[cls + 1]!; j < end2 && least > 0; j++)
        least = Math.min(least, this.certCost[ix.classOptions[j]!]!);
      if (least !== 0) free = false;
      // No option within reach: the move cannot be made (its bound is what else it asks, as edgeBounds').
      if (least !== Infinity) groups = Math.max(groups, least);
    }
    this.lastFree = free;
    return Math.max(programs, groups);
  }
}

/**
 * The least (payment, months), lexicographically, from each role to a target for a learner who has
 * paid nothing: over free moves only (payment 0), or ending with a move that is not free (at least a
 * cent or one certification, and at least what it asks in full: CostFreeMoves.fullCents, or the edge
 * bound's certifications) followed by free moves only, the moves before it counted by their edge
 * bounds (EdgeWeights). One incremental Dijkstra over two layers (free ways, and ways that pay) run
 * alongside the forward search: every free way's entry (payment 0) comes out before any paying way's,
 * so a role settled as paying has no free way. Its months hold for the ways of the least payment.
 */
export class PaymentSearch {
  work = 0;
  done = false;
  /** Results of the last bound() call. */
  lastA = 0;
  lastB = 0;
  lastExact = false;
  private readonly stamp: number;
  /** CHEAPEST's (null when counting certifications). */
  private readonly moves: CostFreeMoves | null;
  private readonly payCost: Float64Array;
  private readonly payMonths: Float64Array;
  private readonly payMark: Int32Array;

  constructor(
    private readonly index: GraphIndex,
    private readonly s: Scratch,
    private readonly cx: QueryContext,
    private readonly weights: EdgeWeights,
    targets: readonly number[],
    private readonly allowed: Uint8Array | null,
    private readonly src: number,
    private readonly meter: Meter,
    /** Payments counted in certifications earned (FEWEST_NEW_CERTIFICATIONS), not cents (CHEAPEST). */
    private readonly certs = false,
  ) {
    this.stamp = nextStamp(s);
    this.moves = certs ? null : new CostFreeMoves(index, cx);
    const R = index.roleCount;
    s.pay ??= { cost: new Float64Array(R), months: new Float64Array(R), mark: new Int32Array(R) };
    this.payCost = s.pay.cost;
    this.payMonths = s.pay.months;
    this.payMark = s.pay.mark;
    s.freeHeap.clear();
    for (const t of targets) {
      s.freeDist[t] = 0;
      s.freeMark[t] = this.stamp;
      s.freeHeap.push(0, 0, 0, t);
    }
  }

  /** Drops queued entries a better one, or the role's settling, made stale (key 3: 0 free, 1 paying). */
  private skipStale(): void {
    const { freeHeap: heap, freeDist, freeMark } = this.s;
    const st = this.stamp;
    while (heap.size > 0) {
      const v = heap.topValue();
      const stale =
        heap.topKey3() === 0
          ? freeMark[v] === -st || heap.topKey2() > freeDist[v]!
          : this.payMark[v] === -st ||
            heap.topKey1() > this.payCost[v]! ||
            (heap.topKey1() === this.payCost[v] && heap.topKey2() > this.payMonths[v]!);
      if (stale) heap.pop();
      else break;
    }
  }

  /** Settles one role in one layer. */
  step(): void {
    this.skipStale();
    const s = this.s;
    const heap = s.freeHeap;
    if (heap.size === 0) {
      this.done = true;
      return;
    }
    const v = heap.topValue();
    const cost = heap.topKey1();
    const months = heap.topKey2();
    const free = heap.topKey3() === 0;
    heap.pop();
    const st = this.stamp;
    if (free) s.freeMark[v] = -st;
    else this.payMark[v] = -st;
    // No pathway comes back to its start: the ways into it bound nothing (as ReverseSearch).
    if (v === this.src) return;
    const ix = this.index;
    const lo = ix.inOffsets[v]!;
    const hi = ix.inOffsets[v + 1]!;
    const w = this.weights;
    for (let j = lo; j < hi; j++) {
      const u = ix.inFrom[j]!;
      if (this.allowed !== null && this.allowed[u] === 0 && u !== this.src) continue;
      const e = ix.inEdges[j]!;
      if (!edgeUsable(ix, this.cx, e)) continue;
      const m = months + w.inMonths(j, e);
      if (!free) {
        this.relaxPaying(u, cost + (this.certs ? w.inCerts(j, e) : w.inCents(j, e)), m);
        continue;
      }
      const pay = this.paidOn(j, e);
      if (pay > 0) this.relaxPaying(u, pay, m);
      else if (s.freeMark[u] !== -st && (s.freeMark[u] !== st || m < s.freeDist[u]!)) {
        s.freeDist[u] = m;
        s.freeMark[u] = st;
        heap.push(0, m, 0, u);
      }
    }
    const units = 1 + hi - lo;
    this.work += units;
    this.meter.add(units);
  }

  /**
   * What a learner who has paid nothing pays at least for move e (in-edge j), on it or before it: 0
   * for a free move; else at least a cent (CostFreeMoves.fullCents, or the edge bound where larger),
   * or one certification (the edge bound's where more) when a group is not met by what the start
   * holds (decision 027's free moves).
   */
  private paidOn(j: number, e: number): number {
    const ix = this.index;
    const w = this.weights;
    if (this.moves !== null) {
      const full = this.moves.fullCents(e);
      return this.moves.lastFree ? 0 : Math.max(1, full, w.inCents(j, e));
    }
    for (let g = ix.edgeGroupOffsets[e]!, end = ix.edgeGroupOffsets[e + 1]!; g < end; g++)
      if (!classSatisfied(ix, this.cx.start.held, ix.groupClass[g]!)) return Math.max(1, w.inCerts(j, e));
    return 0;
  }

  private relaxPaying(u: number, cost: number, months: number): void {
    const st = this.stamp;
    const mark = this.payMark[u]!;
    if (mark === -st) return;
    if (mark === st && (cost > this.payCost[u]! || (cost === this.payCost[u] && months >= this.payMonths[u]!))) return;
    this.payCost[u] = cost;
    this.payMonths[u] = months;
    this.payMark[u] = st;
    this.s.freeHeap.push(cost, months, 1, u);
  }

  /**
   * What a learner holding `held` and `done` paid at most for what it did not start with and more than
   * one move of a pathway may ask for (certifications and programs not once per path; in
   * certifications, those certifications): the most that what it holds can take off a bound() for a
   * learner who has paid nothing. The rest it holds, once-per-path items, the moves on its way so far
   * asked for, and no move after them can.
   */
  sharedPaid(held: IdSet, done: IdSet): number {
    const ix = this.index;
    const start = this.cx.start;
    let cents = 0;
    for (let i = 0; i < held.length; i++) {
      const c = held[i]!;
      if (ix.certOncePerPath[c] === 0 && !has(start.held, c)) cents += this.certs ? 1 : ix.certFeeCents[c]!;
    }
    if (this.certs) return cents;
    for (let i = 0; i < done.length; i++) {
      const p = done[i]!;
      if (ix.programOncePerPath[p] === 0 && !has(start.done, p)) cents += ix.programCostCents[p]!;
    }
    return cents;
  }

  /**
   * Sets (lastA, lastB): a lower bound of (payment, months) from role r for a learner who has paid
   * nothing, and lastExact; false when no way from r reaches a target.
   */
  bound(r: number): boolean {
    const s = this.s;
    const st = this.stamp;
    if (s.freeMark[r] === -st) {
      this.lastA = 0;
      this.lastB = s.freeDist[r]!;
      this.lastExact = true;
      return true;
    }
    if (this.payMark[r] === -st) {
      this.lastA = this.payCost[r]!;
      this.lastB = this.payMonths[r]!;
      this.lastExact = true;
      return true;
    }
    this.skipStale();
    if (s.freeHeap.size === 0) {
      this.done = true;
      this.lastExact = true;
      return false;
    }
    // Every role as near as the next in line is settled already.
    this.lastA = s.freeHeap.topKey1();
    this.lastB = s.freeHeap.topKey2();
    this.lastExact = false;
    return true;
  }
}
