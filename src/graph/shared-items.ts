/**
 * Bounds that pay once for an item other roles' moves share (decision 023).
 *
 * The edge bounds count only what a loopless path can need once (GraphIndex.programOncePerPath,
 * certOncePerPath): a bachelor's degree that moves into several roles ask for, or a certification
 * group offered on moves into several roles, counts nothing, since the learner may have earned it
 * earlier on the way. Where the cheapest way on from a role needs such an item, the bound is too
 * low, and the search explores every free wandering below it first (on the real graph, thousands of
 * labels for one query).
 *
 * For one such item I, a label that has not got it can be bounded by
 *   h_I(v) = the lexicographic least, over the ways from v to a target, of the edge bounds plus
 *            I's own least cost if the way crosses a move that needs I,
 * since a learner without I who takes such a move pays I once, on it or before, and no edge bound
 * counts it. It is one reverse Dijkstra: a move that needs I, (u -> x), offers u the exact bound of
 * x (the plain reverse search, finished first) plus the move's bound plus I; every other move offers
 * u h_I(x) plus its bound. Each h_I bounds every pathway on its own, so a label takes the
 * lexicographic largest of them over the items it lacks (and the plain bound).
 *
 * Which items: those on the moves the plain bound's own way takes, from the start and from the
 * label the search is at when it computes them; at most MAX_ITEMS. The search computes them only
 * on a plateau, once it has spent a share of the work they cost (search.ts), so quick queries never
 * pay for them.
 */
import { BOUND_COST, BOUND_MONTHS, type EdgeWeights, HOPS_SCALE, type ReverseSearch, edgeUsable } from './bounds.js';
import { type GraphIndex, ROUTE_EXPERIENCE, ROUTE_PROGRAM } from './build.js';
import { TripleHeap } from './heap.js';
import type { Meter } from './scratch.js';
import { classSatisfied, has, type IdSet, programMonthsAt, type QueryContext } from './step.js';

/** At most this many items per query. */
const MAX_ITEMS = 3;

const PROGRAM = 0;
const GROUP = 1;

/**
 * What the item bounds may cost in work units: finishing the plain reverse search, and per item a
 * scan for the moves that need it and up to three reverse searches, each over every move.
 */
export function itemBoundsCost(index: GraphIndex): number {
  return (1 + 4 * MAX_ITEMS) * (index.edgeCount + index.roleCount);
}

export class SharedItemBounds {
  /** PROGRAM or GROUP per item. */
  private readonly kinds: number[] = [];
  /** The program, or the requirement class, per item. */
  private readonly refs: number[] = [];
  /** Per item, its searches' (a, b, c) per role (compute()); a is Infinity where none reaches a target. */
  private readonly values: Float64Array[][] = [];
  /** Results of the last raise() call. */
  lastA = 0;
  lastB = 0;
  lastC = 0;

  constructor(
    private readonly index: GraphIndex,
    private readonly cx: QueryContext,
    private readonly weights: EdgeWeights,
    private readonly rev: ReverseSearch,
    private readonly mode: number,
    private readonly allowed: Uint8Array | null,
    private readonly src: number,
    private readonly meter: Meter,
  ) {}

  get count(): number {
    return this.kinds.length;
  }

  /**
   * Adds the items on the way the plain bound takes from role v for a learner holding `held` and
   * having done `done`, up to MAX_ITEMS in all. The reverse search must be finished.
   */
  collect(v: number, targets: (r: number) => boolean, held: IdSet, done: IdSet): void {
    const ix = this.index;
    const rev = this.rev;
    if (this.count >= MAX_ITEMS || targets(v) || !rev.h(v)) return;
    // Breadth-first over the moves on which the bound is tight (edge bound plus the bound at its end
    // equals the bound at its start), to the nearest target: moves that add nothing may form cycles.
    const via = new Map<number, number>([[v, -1]]);
    const queue = [v];
    let reached = -1;
    let work = 0;
    for (let head = 0; head < queue.length && reached < 0; head++) {
      const u = queue[head]!;
      rev.h(u);
      const a = rev.lastA;
      const b = rev.lastB;
      const c = rev.lastC;
      for (let e = ix.outOffsets[u]!; e < ix.outOffsets[u + 1]! && reached < 0; e++) {
        const w = ix.edgeTo[e]!;
        if (via.has(w) || !edgeUsable(ix, this.cx, e) || (this.allowed !== null && this.allowed[w] === 0)) continue;
        if (!rev.h(w)) continue;
        this.edgeKeys(e);
        if (rev.lastA + this.ka !== a || rev.lastB + this.kb !== b || rev.lastC + this.kc !== c) continue;
        via.set(w, e);
        if (targets(w)) reached = w;
        else queue.push(w);
      }
      work += 1 + ix.outOffsets[u + 1]! - ix.outOffsets[u]!;
    }
    this.meter.add(work);
    for (let x = reached; x >= 0 && via.get(x)! >= 0; x = ix.edgeFrom[via.get(x)!]!)
      this.itemsOf(via.get(x)!, held, done);
  }

  /** Adds the shared items move e needs that the learner lacks. */
  private itemsOf(e: number, held: IdSet, done: IdSet): void {
    const ix = this.index;
    for (let j = ix.edgeProgramOffsets[e]!; j < ix.edgeProgramOffsets[e + 1]!; j++) {
      if (this.spared(j)) continue;
      const p = ix.edgePrograms[j]!;
      for (let k = ix.programTakeOffsets[p]!; k < ix.programTakeOffsets[p + 1]!; k++) {
        const q = ix.programTake[k]!;
        if (ix.programOncePerPath[q] === 0 && !has(done, q) && !has(this.cx.start.done, q)) this.add(PROGRAM, q);
      }
    }
    for (let g = ix.edgeGroupOffsets[e]!; g < ix.edgeGroupOffsets[e + 1]!; g++) {
      const cls = ix.groupClass[g]!;
      if (classSatisfied(ix, held, cls) || classSatisfied(ix, this.cx.start.held, cls)) continue;
      let shared = true;
      for (let j = ix.classOptionOffsets[cls]!; j < ix.classOptionOffsets[cls + 1]! && shared; j++)
        shared = ix.certOncePerPath[ix.classOptions[j]!] === 0;
      if (shared) this.add(GROUP, cls);
    }
  }

  /** Whether the move's program at edgePrograms[j] is spared by what the learner started with (edgeProgramWaiver). */
  private spared(j: number): boolean {
    const cls = this.index.edgeProgramWaiver[j]!;
    return cls !== -1 && classSatisfied(this.index, this.cx.start.held, cls);
  }

  private add(kind: number, ref: number): void {
    if (this.count >= MAX_ITEMS) return;
    for (let i = 0; i < this.count; i++) if (this.kinds[i] === kind && this.refs[i] === ref) return;
    this.kinds.push(kind);
    this.refs.push(ref);
  }

  /**
   * Runs each item's reverse searches (after collect). A program: one, with its months and cost
   * paid on the first move that needs it. A group: three, since what earning it costs depends on
   * the label (raise()): without the moves that need it; through one of them, nothing paid; and the
   * same with every move's experience left out.
   */
  compute(targetList: readonly number[]): void {
    const ix = this.index;
    for (let i = 0; i < this.count; i++) {
      const needed = this.neededBy(i);
      if (this.kinds[i] === PROGRAM) {
        const p = this.refs[i]!;
        this.keys(programMonthsAt(this.cx, p), ix.programCostCents[p]!, 0);
        this.values.push([this.pass(needed, targetList, true, true, false)]);
      } else {
        this.keys(0, 0, 0);
        this.values.push([
          this.pass(needed, targetList, true, false, false),
          this.pass(needed, targetList, false, true, false),
          this.pass(needed, targetList, false, true, true),
        ]);
      }
    }
  }

  /** A move's bound (or an item's cost) in the ranking's key order, in (ka, kb, kc). */
  private ka = 0;
  private kb = 0;
  private kc = 0;
  /**
   * Puts (months, cents, certifications) in the ranking's key order as the reverse search adds
   * them, with `hops` (1 for a move, 0 for an item) in the third part wherever it counts hops.
   */
  private toKeys(months: number, cents: number, certs: number, hops: number): void {
    // Field by field: this runs for every move of every pass.
    if (this.mode === BOUND_MONTHS) {
      this.ka = months;
      this.kb = cents;
      this.kc = certs * HOPS_SCALE + hops;
    } else if (this.mode === BOUND_COST) {
      this.ka = cents;
      this.kb = months;
      this.kc = certs * HOPS_SCALE + hops;
    } else {
      const scale = this.rev.centsScale;
      this.ka = certs;
      this.kb = months;
      this.kc = scale === 1 ? cents : cents * scale + hops;
    }
  }

  /**
   * A move's cents as the reverse search counts them: under BOUND_MONTHS, with its part of no known
   * length (ReverseSearch.untimedScale), or no move through one would be tight and no item found.
   */
  private moveCents(e: number, cents: number): number {
    const scale = this.rev.untimedScale;
    return scale === 0 || this.mode !== BOUND_MONTHS ? cents : cents + scale * this.cx.untimed[e]!;
  }

  /** Move e's bound in key order. */
  private edgeKeys(e: number): void {
    const w = this.weights;
    this.toKeys(w.months(e), this.moveCents(e, w.cents(e)), w.certs(e), 1);
  }

  /** In-edge j's (move e's) bound in key order, read in in-edge order as the reverse search reads it. */
  private inKeys(j: number, e: number, nonExperience: boolean): void {
    const w = this.weights;
    const months = nonExperience ? w.inMonthsLessExperience(j, e) : w.inMonths(j, e);
    this.toKeys(months, this.moveCents(e, w.inCents(j, e)), w.inCerts(j, e), 1);
  }

  /** An item's cost in the ranking's key order, in (ia, ib, ic). */
  private ia = 0;
  private ib = 0;
  private ic = 0;
  private keys(months: number, cents: number, certs: number): void {
    this.toKeys(months, cents, certs, 0);
    this.ia = this.ka;
    this.ib = this.kb;
    this.ic = this.kc;
  }

  /** Whether move e needs item i: a program its training takes, or a group only the item's options meet. */
  private needs(i: number, e: number, subset: Map<number, boolean>): boolean {
    const ix = this.index;
    const ref = this.refs[i]!;
    if (this.kinds[i] === PROGRAM) {
      for (let j = ix.edgeProgramOffsets[e]!; j < ix.edgeProgramOffsets[e + 1]!; j++) {
        if (this.spared(j)) continue;
        const p = ix.edgePrograms[j]!;
        for (let k = ix.programTakeOffsets[p]!; k < ix.programTakeOffsets[p + 1]!; k++)
          if (ix.programTake[k] === ref) return true;
      }
      return false;
    }
    for (let g = ix.edgeGroupOffsets[e]!; g < ix.edgeGroupOffsets[e + 1]!; g++) {
      const cls = ix.groupClass[g]!;
      let inside = subset.get(cls);
      if (inside === undefined) {
        inside = true;
        for (let j = ix.classOptionOffsets[cls]!; j < ix.classOptionOffsets[cls + 1]! && inside; j++) {
          const c = ix.classOptions[j]!;
          let found = false;
          for (let k = ix.classOptionOffsets[ref]!; k < ix.classOptionOffsets[ref + 1]! && !found; k++)
            found = ix.classOptions[k] === c;
          inside = found;
        }
        subset.set(cls, inside);
      }
      if (inside) return true;
    }
    return false;
  }

  /**
   * One reverse Dijkstra for item i over the moves that do not need it: from the targets (at 0)
   * when `fromTargets`, and from each move that needs it (`needed`) at the plain bound of its end
   * plus the move's bound plus `charge` (ia, ib, ic, set by keys()) when `fromNeeded`. With
   * `nonExperience`, every move's months leave out its experience (see raise()).
   */
  private pass(
    { needed, seeds }: { needed: Uint8Array; seeds: readonly number[] },
    targetList: readonly number[],
    fromTargets: boolean,
    fromNeeded: boolean,
    nonExperience: boolean,
  ): Float64Array {
    const ix = this.index;
    const R = ix.roleCount;
    const val = new Float64Array(3 * R).fill(Infinity);
    const settled = new Uint8Array(R);
    const heap = new TripleHeap();
    const rev = this.rev;
    const { inOffsets, inEdges, inFrom } = ix;
    const [ia, ib, ic] = [this.ia, this.ib, this.ic];
    const offer = (u: number, a: number, b: number, c: number): void => {
      const m = 3 * u;
      if (a < val[m]! || (a === val[m] && (b < val[m + 1]! || (b === val[m + 1] && c < val[m + 2]!)))) {
        val[m] = a;
        val[m + 1] = b;
        val[m + 2] = c;
        heap.push(a, b, c, u);
      }
    };
    if (fromTargets) for (const t of targetList) offer(t, 0, 0, 0);
    if (fromNeeded) {
      for (const j of seeds) {
        const e = inEdges[j]!;
        if (!rev.h(ix.edgeTo[e]!)) continue;
        this.inKeys(j, e, nonExperience);
        offer(inFrom[j]!, rev.lastA + ia + this.ka, rev.lastB + ib + this.kb, rev.lastC + ic + this.kc);
      }
      this.meter.add(seeds.length);
    }
    let work = 0;
    while (heap.size > 0) {
      const x = heap.topValue();
      const a = heap.topKey1();
      const b = heap.topKey2();
      const c = heap.topKey3();
      heap.pop();
      if (settled[x] === 1 || a !== val[3 * x] || b !== val[3 * x + 1] || c !== val[3 * x + 2]) continue;
      settled[x] = 1;
      for (let j = inOffsets[x]!; j < inOffsets[x + 1]!; j++) {
        const e = inEdges[j]!;
        if (needed[e] !== 0) continue;
        this.inKeys(j, e, nonExperience);
        offer(inFrom[j]!, a + this.ka, b + this.kb, c + this.kc);
      }
      work += 1 + inOffsets[x + 1]! - inOffsets[x]!;
    }
    this.meter.add(work);
    return val;
  }

  /** Whether in-edge j (edge e) may be on a pathway: estimated moves when asked for, allowed roles. */
  private usable(j: number, e: number): boolean {
    const u = this.index.inFrom[j]!;
    return edgeUsable(this.index, this.cx, e) && (this.allowed === null || this.allowed[u] === 1 || u === this.src);
  }

  /**
   * The usable moves that need item i: marked 1 in `needed` (moves no pathway may take: 2), and
   * their in-edge positions in `seeds`.
   */
  private neededBy(i: number): { needed: Uint8Array; seeds: number[] } {
    const ix = this.index;
    const needed = new Uint8Array(ix.edgeCount);
    const seeds: number[] = [];
    const subset = new Map<number, boolean>();
    for (let j = 0; j < ix.inEdges.length; j++) {
      const e = ix.inEdges[j]!;
      if (!this.usable(j, e)) needed[e] = 2;
      else if (this.needs(i, e, subset)) {
        needed[e] = 1;
        seeds.push(j);
      }
    }
    this.meter.add(ix.edgeCount);
    return { needed, seeds };
  }

  /**
   * The lexicographic largest of (a, b, c) and the bound at role v of each item a learner lacks
   * (holding `held`, having done `done`, having worked `work` months), in (lastA, lastB, lastC);
   * true when that is above (a, b, c).
   *
   * A group's bound is the least of: the way without the moves that need it; and, per option and
   * route, the way through one of them with the option's fee and one certification paid, plus the
   * route's programs not done that no edge bound counts (shared ones), or for a work-experience
   * route of X months not yet met, X - work months. That last holds on the way with experience left
   * out: the months worked before the option is earned, and the wait, are at least X - work, and
   * they are months the way's other figures do not count then.
   */
  raise(v: number, held: IdSet, done: IdSet, work: number, a: number, b: number, c: number): boolean {
    const ix = this.index;
    let raised = false;
    for (let i = 0; i < this.count; i++) {
      const ref = this.refs[i]!;
      const vals = this.values[i]!;
      let x: number;
      let y: number;
      let z: number;
      if (this.kinds[i] === PROGRAM) {
        if (has(done, ref)) continue;
        x = vals[0]![3 * v]!;
        y = vals[0]![3 * v + 1]!;
        z = vals[0]![3 * v + 2]!;
      } else {
        if (classSatisfied(ix, held, ref)) continue;
        const [none, through, throughNonExp] = vals as [Float64Array, Float64Array, Float64Array];
        x = none[3 * v]!;
        y = none[3 * v + 1]!;
        z = none[3 * v + 2]!;
        const ta = through[3 * v]!;
        if (ta !== Infinity)
          for (let j = ix.classOptionOffsets[ref]!; j < ix.classOptionOffsets[ref + 1]!; j++) {
            const o = ix.classOptions[j]!;
            const fee = ix.certFeeCents[o]!;
            const r0 = ix.certRouteOffsets[o]!;
            const r1 = ix.certRouteOffsets[o + 1]!;
            for (let r = r0; r < Math.max(r1, r0 + 1); r++) {
              let months = 0;
              let cents = 0;
              let wait = 0;
              if (r < r1 && ix.routeKind[r] === ROUTE_PROGRAM) {
                const p = ix.routeValue[r]!;
                for (let k = ix.programTakeOffsets[p]!; k < ix.programTakeOffsets[p + 1]!; k++) {
                  const q = ix.programTake[k]!;
                  if (ix.programOncePerPath[q] === 1 || has(done, q)) continue;
                  months += programMonthsAt(this.cx, q);
                  cents += ix.programCostCents[q]!;
                }
              } else if (r < r1 && ix.routeKind[r] === ROUTE_EXPERIENCE) wait = Math.max(0, ix.routeValue[r]! - work);
              this.keys(months, fee + cents, 1);
              let ra = ta + this.ia;
              let rb = through[3 * v + 1]! + this.ib;
              let rc = through[3 * v + 2]! + this.ic;
              if (wait > 0) {
                this.keys(wait, fee, 1);
                const wa = throughNonExp[3 * v]! + this.ia;
                const wb = throughNonExp[3 * v + 1]! + this.ib;
                const wc = throughNonExp[3 * v + 2]! + this.ic;
                if (wa > ra || (wa === ra && (wb > rb || (wb === rb && wc > rc)))) {
                  ra = wa;
                  rb = wb;
                  rc = wc;
                }
              }
              if (ra < x || (ra === x && (rb < y || (rb === y && rc < z)))) {
                x = ra;
                y = rb;
                z = rc;
              }
            }
          }
      }
      if (x === Infinity) continue;
      if (x > a || (x === a && (y > b || (y === b && z > c)))) {
        a = x;
        b = y;
        c = z;
        raised = true;
      }
    }
    this.lastA = a;
    this.lastB = b;
    this.lastC = c;
    return raised;
  }
}
