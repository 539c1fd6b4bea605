/**
 * Lower bounds of the rest of the way to a target, for A* (docs/decisions/003-pathway-search.md):
 * per-edge weights that no pathway can beat (build.ts, edgeBounds), an incremental lexicographic
 * reverse Dijkstra over them, and a backward breadth-first search counting the moves left.
 */
import { edgeBounds, edgeTouches, edgeWaives, type GraphIndex } from './build.js';
import { PART_TIME_FACTOR } from './cost.js';
import { nextStamp, type Meter, type Scratch } from './scratch.js';
import type { TripleHeap } from './heap.js';
import type { QueryContext } from './step.js';

/**
 * Per-edge lower bounds (months, cost in cents, certifications) for this query's start state. They
 * differ from the index's (a standing start) only on edges asking for a once-per-path program done
 * or offering a once-per-path certification held at the start (edgeBounds reads nothing else), or
 * under part-time study: those edges' bounds are computed when first asked for and kept for the query.
 */
export class EdgeWeights {
  private readonly cache: Scratch['edgeBound'];
  private readonly stamp: number;
  private readonly held: Uint8Array;
  private readonly done: Uint8Array;
  private readonly factor: number;
  /** The start's certifications when one of them may spare a move's program (edgeProgramWaiver), else empty. */
  private readonly startHeld: readonly number[];
  /**
   * Roles a label may reach with the learner's years in the start role still counting (moves that
   * may keep them: step.ts, keepsTenure), marked with tenureStamp; null when the years are 0 or no
   * such move leaves the start. Their out-edges' months are bounded with those years taken off the experience.
   */
  private readonly tenure: Int32Array | null = null;
  private readonly tenureStamp: number = 0;
  /** The learner's years in the start role in whole months, rounded up (the most they take off). */
  private readonly tenureMonths: number = 0;
  constructor(
    private readonly index: GraphIndex,
    s: Scratch,
    cx: QueryContext,
  ) {
    this.factor = cx.load === 'PART_TIME' ? PART_TIME_FACTOR : 1;
    if (cx.yearsInCurrentRole > 0) {
      const mark = (s.tenureMark ??= new Int32Array(index.roleCount));
      const stamp = nextStamp(s);
      if (markTenureRoles(index, cx.from, mark, stamp)) {
        this.tenure = mark;
        this.tenureStamp = stamp;
        this.tenureMonths = Math.ceil(cx.yearsInCurrentRole * 12 - 1e-9);
      }
    }
    // Held certifications and done programs that are not once-per-path change no bound, but for a
    // certification that spares a move's program (edgeProgramWaiver).
    const held = cx.start.held.filter((c) => index.certOncePerPath[c] === 1);
    const done = cx.start.done.filter((p) => index.programOncePerPath[p] === 1);
    this.startHeld = cx.start.held.some((c) => index.certWaives[c] === 1) ? cx.start.held : [];
    if (held.length === 0 && done.length === 0 && this.factor === 1 && this.startHeld.length === 0) {
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
    for (const c of held) this.held[c] = 1;
    for (const p of done) this.done[p] = 1;
  }

  /** Whether edge e's bounds differ from the index's; when they do, they are in the cache. */
  private own(e: number): boolean {
    const cache = this.cache!;
    if (cache.mark[e] === this.stamp) return true;
    if (cache.mark[e] === -this.stamp) return false;
    if (
      this.factor === 1 &&
      !edgeTouches(this.index, e, this.held, this.done) &&
      (this.startHeld.length === 0 || !edgeWaives(this.index, e, this.startHeld))
    ) {
      cache.mark[e] = -this.stamp;
      return false;
    }
    cache.mark[e] = this.stamp;
    const b = edgeBounds(this.index, e, this.held, this.done, this.factor, false, this.startHeld);
    cache.months[e] = b.months;
    cache.cents[e] = b.cents;
    cache.certs[e] = b.certs;
    return true;
  }

  /** Whether the learner's years in the start role may shorten moves beyond the start (landmarks then do not bound). */
  get tenureBeyondStart(): boolean {
    return this.tenure !== null;
  }

  months(e: number): number {
    const m = this.cache !== null && this.own(e) ? this.cache.months[e]! : this.index.edgeBoundMonths[e]!;
    return this.tenure === null ? m : this.lessTenure(e, m);
  }

  /** Bound m of edge e, less the experience the learner's years in the start role may cover. */
  private lessTenure(e: number, m: number): number {
    const ix = this.index;
    if (this.tenure![ix.edgeFrom[e]!] !== this.tenureStamp) return m;
    return Math.max(0, m - Math.min(ix.edgeExpMonths[e]!, this.tenureMonths));
  }

  cents(e: number): number {
    return this.cache !== null && this.own(e) ? this.cache.cents[e]! : this.index.edgeBoundCostCents[e]!;
  }

  /** months(e) for in-edge j (e = inEdges[j]), read in in-edge order where the start changes nothing. */
  inMonths(j: number, e: number): number {
    const m = this.inMonthsInFull(j, e);
    return this.tenure === null ? m : this.lessTenure(e, m);
  }

  /** inMonths less the move's experience, all of it (never below 0). */
  inMonthsLessExperience(j: number, e: number): number {
    return Math.max(0, this.inMonthsInFull(j, e) - this.index.edgeExpMonths[e]!);
  }

  /** inMonths before the learner's years in the start role are taken off. */
  private inMonthsInFull(j: number, e: number): number {
    return this.cache !== null && this.index.inStartDependent[j] === 1 && this.own(e)
      ? this.cache.months[e]!
      : this.index.inBoundMonths[j]!;
  }

  /** cents(e) for in-edge j likewise. */
  inCents(j: number, e: number): number {
    return this.cache !== null && this.index.inStartDependent[j] === 1 && this.own(e)
      ? this.cache.cents[e]!
      : this.index.inBoundCostCents[j]!;
  }

  /** certs(e) for in-edge j likewise. */
  inCerts(j: number, e: number): number {
    return this.cache !== null && this.index.inStartDependent[j] === 1 && this.own(e)
      ? this.cache.certs[e]!
      : this.index.inBoundCerts[j]!;
  }

  certs(e: number): number {
    return this.cache !== null && this.own(e) ? this.cache.certs[e]! : this.index.edgeBoundCerts[e]!;
  }
}

/**
 * Marks in `mark` with `stamp` the roles reachable from `from` by moves that may keep the learner's
 * years in their role (curated, asking no experience and no program: step.ts, keepsTenure, whose last
 * condition, taking no time, only a search can tell), `from` included; false when there is no such
 * move out of `from` (nothing marked).
 */
function markTenureRoles(index: GraphIndex, from: number, mark: Int32Array, stamp: number): boolean {
  const mayKeep = (e: number) =>
    index.edgeEstimated[e] === 0 &&
    index.edgeExpMonths[e] === 0 &&
    index.edgeProgramOffsets[e] === index.edgeProgramOffsets[e + 1];
  let any = false;
  for (let e = index.outOffsets[from]!; e < index.outOffsets[from + 1]!; e++) any ||= mayKeep(e);
  if (!any) return false;
  mark[from] = stamp;
  const queue = [from];
  while (queue.length > 0) {
    const u = queue.pop()!;
    for (let e = index.outOffsets[u]!; e < index.outOffsets[u + 1]!; e++) {
      const v = index.edgeTo[e]!;
      if (mark[v] !== stamp && mayKeep(e)) {
        mark[v] = stamp;
        queue.push(v);
      }
    }
  }
  return true;
}

/** Which lower bounds the reverse search computes, in lexicographic order. */
export const BOUND_MONTHS = 0; // (months, cost, certifications and hops)
export const BOUND_COST = 1; // (cost, months, certifications and hops)
export const BOUND_HOPS = 2; // (hops, months, cost)
export const BOUND_CERTS = 3; // (certifications, months, cost)

/**
 * Under BOUND_MONTHS and BOUND_COST the third part packs two: certifications × HOPS_SCALE + hops, so
 * that certifications come before hops (a pathway has fewer than HOPS_SCALE moves: it visits each
 * role once, and buildIndex refuses that many roles).
 */
export const HOPS_SCALE = 2 ** 24;

/**
 * Whether edge e may be used by this query: estimated moves only when asked for; estimated moves into
 * curated roles (2, open entries) only when asked for as well and only out of the start, and then not
 * those out of a curated role into the occupations (3): a pathway from an occupation enters the
 * curated roles on its first move or not at all, and once in them stays.
 */
export function edgeUsable(index: GraphIndex, cx: QueryContext, e: number): boolean {
  const kind = index.edgeEstimated[e]!;
  return (
    kind === 0 ||
    (kind === 2
      ? cx.openEntries && index.edgeFrom[e] === cx.from
      : cx.includeEstimated && (kind === 1 || !cx.openEntries))
  );
}

/**
 * The scale that packs cost and hops into one exact number, cost × scale + hops (BOUND_CERTS' third
 * part), or 1 when it cannot: hops stay below the number of roles (a loopless pathway), so the scale
 * need only exceed that; every cost is at most `costCentsTotal`, and the packed number must stay
 * below 2^52 (room to spare under 2^53 for a bound that adds a shared item's cost to its edges').
 * With 2^24 as the scale, the real graph's costs (its estimated degrees' tuition stand-ins included,
 * $40M over all programs) could not be packed, and FEWEST_NEW_CERTIFICATIONS lost its hop bound:
 * p99 about 4 → 28 ms (docs/benchmarks.md).
 */
export function costHopsScale(roleCount: number, costCentsTotal: number): number {
  const scale = 2 ** Math.ceil(Math.log2(roleCount + 1));
  return (costCentsTotal + 1) * scale <= 2 ** 52 ? scale : 1;
}

/**
 * The reverse search's share of the work: it runs until its work is `ratio` times the forward
 * search's (1: a plain bidirectional balance). Since its relaxations got cheaper (inFrom, one record
 * per role), a fastest single pathway is found sooner with the reverse search three times ahead:
 * on XL's random pairs the p99 fell by about 40% against a ratio of 1 in the same run (decision
 * 019). Other rankings and k > 1 keep 1: there the larger share cost up to half as much work again
 * for mixed gains (L, k = 5). Settable for benchmarks (bench/fastest-k1.ts).
 */
export const reverseBalance = { fastestSingle: 3, other: 1 };

/**
 * Where a reverse search keeps its distances and its queue, and the stamps that tell this query's
 * from earlier ones': the query's scratch (one search a query), or a part's own (search.ts).
 */
export interface ReverseStore {
  revState: Float64Array;
  revHeap: TripleHeap;
  stamp: number;
}

/**
 * Lower bounds of the rest of the way from an incremental, lexicographic reverse Dijkstra from the
 * targets over three weights per step (EdgeWeights, and 1 per hop), in the ranking's order. Roles not
 * settled yet are bounded by the current radius. The second and third parts are valid
 * lexicographically: each bounds the rest whenever the rest is minimal in the parts before it. Where
 * months or cost come first, the third is certifications then hops, packed in one number (HOPS_SCALE).
 */
export class ReverseSearch {
  /**
   * Under BOUND_CERTS, the third part is cost × centsScale + hops, centsScale the least power of two
   * above the number of roles, when no path's cost (GraphIndex.costCentsTotal) can make that
   * exceed 2^52, so that it stays exact: steps are then bounded along the
   * way that is least in the first three figures, as under FASTEST. Otherwise 1: cost alone.
   */
  readonly centsScale: number;
  work = 0;
  settled = 0;
  done = false;
  /**
   * Under BOUND_MONTHS (FASTEST), the second part counts the moves with a part of no known length
   * too, as search.ts's priority does (UNTIMED_SCALE × such moves + cents); 0: cents alone.
   */
  untimedScale = 0;
  /** Results of the last h() call. */
  lastExact = false;
  lastA = 0;
  lastB = 0;
  lastC = 0;
  private readonly stamp: number;

  constructor(
    private readonly index: GraphIndex,
    private readonly s: ReverseStore,
    private readonly cx: QueryContext,
    readonly weights: EdgeWeights,
    targets: readonly number[],
    private readonly allowed: Uint8Array | null,
    private readonly src: number,
    private readonly mode: number,
    private readonly meter: Meter,
  ) {
    this.centsScale = mode === BOUND_CERTS ? costHopsScale(index.roleCount, index.costCentsTotal) : 1;
    this.stamp = nextStamp(s);
    s.revHeap.clear();
    for (const t of targets) {
      s.revState[4 * t] = 0;
      s.revState[4 * t + 1] = 0;
      s.revState[4 * t + 2] = 0;
      s.revState[4 * t + 3] = this.stamp;
      s.revHeap.push(0, 0, 0, t);
    }
  }

  private skipStale(): void {
    const { revHeap: heap, revState: r } = this.s;
    while (heap.size > 0) {
      const v = 4 * heap.topValue();
      const a = heap.topKey1();
      const b = heap.topKey2();
      if (
        r[v + 3] === -this.stamp ||
        a > r[v]! ||
        (a === r[v] && (b > r[v + 1]! || (b === r[v + 1] && heap.topKey3() > r[v + 2]!)))
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
    const r = s.revState;
    r[4 * v + 3] = -st;
    this.settled++;
    // No pathway comes back to its start (they are loopless): the ways into it bound nothing. From an
    // occupation whose open entry leads to the target, every occupation reached it through the start,
    // and the search for a second pathway went through all of them (decision 024).
    if (v === this.src) return;
    const ix = this.index;
    const lo = ix.inOffsets[v]!;
    const hi = ix.inOffsets[v + 1]!;
    const mode = this.mode;
    const w = this.weights;
    // Every move, or (with kinds 2 and 3) each looked at here, inline: a call per relaxation doubled
    // the search's time on the real graph. The same rule as edgeUsable, whose callers' answers the
    // property tests check (a rule more permissive here would only weaken the bounds).
    const incl = this.cx.includeEstimated;
    const open = this.cx.openEntries;
    const allUsable = !ix.anyEstimated || (incl && !ix.anyMoveKinds);
    const est = ix.edgeEstimated;
    const { inEdges, inFrom } = ix;
    for (let j = lo; j < hi; j++) {
      const u = inFrom[j]!;
      const m = 4 * u;
      const mark = r[m + 3]!;
      if (mark === -st) continue;
      if (this.allowed !== null && this.allowed[u] === 0 && u !== this.src) continue;
      const e = inEdges[j]!;
      if (!allUsable) {
        const kind = est[e]!;
        if (kind !== 0 && (kind === 1 ? !incl : kind === 2 ? !open || u !== this.src : !incl || open)) continue;
      }
      // The first key first: most relaxations stop at it, without reading the others' weights.
      const n1 =
        mode === BOUND_MONTHS
          ? k1 + w.inMonths(j, e)
          : mode === BOUND_COST
            ? k1 + w.inCents(j, e)
            : mode === BOUND_HOPS
              ? k1 + 1
              : k1 + w.inCerts(j, e);
      if (mark === st && n1 > r[m]!) continue;
      let n2: number;
      let n3: number;
      if (mode === BOUND_MONTHS) {
        n2 = k2 + w.inCents(j, e) + (this.untimedScale === 0 ? 0 : this.untimedScale * this.cx.untimed[e]!);
        n3 = k3 + w.inCerts(j, e) * HOPS_SCALE + 1;
      } else if (mode === BOUND_COST) {
        n2 = k2 + w.inMonths(j, e);
        n3 = k3 + w.inCerts(j, e) * HOPS_SCALE + 1;
      } else if (mode === BOUND_CERTS) {
        n2 = k2 + w.inMonths(j, e);
        n3 = this.centsScale === 1 ? k3 + w.inCents(j, e) : k3 + w.inCents(j, e) * this.centsScale + 1;
      } else {
        n2 = k2 + w.inMonths(j, e);
        n3 = k3 + w.inCents(j, e);
      }
      if (mark !== st || n1 < r[m]! || (n1 === r[m] && (n2 < r[m + 1]! || (n2 === r[m + 1] && n3 < r[m + 2]!)))) {
        r[m] = n1;
        r[m + 1] = n2;
        r[m + 2] = n3;
        r[m + 3] = st;
        heap.push(n1, n2, n3, u);
      }
    }
    const units = 1 + hi - lo;
    this.work += units;
    this.meter.add(units);
  }

  /** Settles roles until the reverse search has its share (reverseBalance) of `used` (the work it is balanced against: all so far but the other bound searches'), for k pathways. */
  keepUp(used: number, k: number): void {
    const r = k === 1 && this.mode === BOUND_MONTHS ? reverseBalance.fastestSingle : reverseBalance.other;
    while (!this.done && (1 + r) * this.work <= r * used) this.step();
  }

  /** Lower bound (lastA, lastB, lastC) for role v; lastExact when final; false when v cannot reach a target. */
  h(v: number): boolean {
    const s = this.s;
    const r = s.revState;
    if (r[4 * v + 3] === -this.stamp) {
      this.lastExact = true;
      this.lastA = r[4 * v]!;
      this.lastB = r[4 * v + 1]!;
      this.lastC = r[4 * v + 2]!;
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
      const u = ix.inFrom[j]!;
      if (mark[u] === st) continue;
      if (this.allowed !== null && this.allowed[u] === 0 && u !== this.src) continue;
      if (!edgeUsable(ix, this.cx, ix.inEdges[j]!)) continue;
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
