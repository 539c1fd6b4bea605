/**
 * Making a label's children, and dropping labels others beat (dominance), shared by both searches
 * (docs/decisions/003-pathway-search.md).
 */
import type { GraphIndex } from './build.js';
import { edgeUsable } from './bounds.js';
import { compareChoices, compareSeq, Label } from './label.js';
import { nextStamp, type Limits, type Meter, type Scratch } from './scratch.js';
import { ROUTE_EXPERIENCE, ROUTE_OPEN, ROUTE_PROGRAM } from './build.js';
import {
  type Choices,
  classSatisfied,
  expandStep,
  keepsTenure,
  has,
  type IdSet,
  programMonthsAt,
  type QueryContext,
  type State,
} from './step.js';

/** Whether a child at `node` with these figures and this state may be made (Expander.expand). */
export type Admit = (
  node: number,
  steps: number,
  months: number,
  cost: number,
  count: number,
  held: IdSet,
  done: IdSet,
  work: number,
  /** Moves with a part of no known length on the path (Label.untimed). */
  untimed: number,
) => boolean;

/** Index into (months, cost, certifications, steps) for a ranking's order. */
export type Figure = 0 | 1 | 2 | 3;

export class Expander {
  private stamp = 0;
  /** Moves a label `bannedDepth` moves from the start may not take (a part of the k-best search). */
  banned: number[] | null = null;
  bannedDepth = -1;
  /**
   * FASTEST: among equal months, fewer moves with a part of no known length first (Label.untimed),
   * before cost: "24 months" before "at least 24 months".
   */
  untimedAfterMonths = false;

  constructor(
    private readonly index: GraphIndex,
    private readonly s: Scratch,
    private readonly cx: QueryContext,
    private readonly limits: Limits,
    private readonly meter: Meter,
    /** The ranking's order of (months, cost, certifications, steps), e.g. [0, 1, 2, 3] for FASTEST. */
    private readonly order: readonly Figure[],
  ) {}

  /** The stamp of the label last marked. */
  get markStamp(): number {
    return this.stamp;
  }

  /** Marks the roles on the label's path in the scratch arrays. */
  mark(label: Label): void {
    const st = nextStamp(this.s);
    this.stamp = st;
    for (let x: Label | null = label; x !== null; x = x.parent) this.s.nodeMark[x.node] = st;
  }

  /**
   * Calls `visit` with each child of the label last marked: per usable edge to a role off its path,
   * one per way of meeting the move's requirements (step.ts) within the limits; `admit` (role, steps,
   * months, cost, certifications, held, done, work) may turn a child down first. Edges: all out-edges of the label's
   * role, or edges[from .. to).
   */
  expand(
    parent: Label,
    admit: Admit,
    visit: (child: Label) => void,
    edges: Int32Array | null = null,
    from = 0,
    to = 0,
  ): void {
    const ix = this.index;
    const { nodeMark } = this.s;
    const st = this.stamp;
    const { maxSteps, maxMonths, maxCostCents, allowed } = this.limits;
    const steps = parent.steps + 1;
    if (steps > maxSteps) return;
    // The learner's years in the start role count on a move out of the start, and out of a role a
    // move keeping them led to (keepsTenure).
    const first = parent.parent === null || parent.carry;
    const tenure = first && this.cx.yearsInCurrentRole > 0;
    const lo = edges === null ? ix.outOffsets[parent.node]! : from;
    const hi = edges === null ? ix.outOffsets[parent.node + 1]! : to;
    let made = 0;
    const banned = this.banned !== null && parent.steps === this.bannedDepth ? this.banned : null;
    // One callback for every move (made once per call, not once per move: most of what a search
    // allocated was these), reading the move it is called for from e and v.
    let e = -1;
    let v = -1;
    const emit = (c: State, choices: Choices | null): void => {
      made++;
      if (c.months > maxMonths || c.cents > maxCostCents) return;
      const untimed = parent.untimed + this.cx.untimed[e]!;
      if (!admit(v, steps, c.months, c.cents, c.count, c.held, c.done, c.work, untimed)) return;
      const child = new Label(parent, e, v, steps, c.months, c.cents, c.count, c.work, c.held, c.done, choices);
      child.untimed = untimed;
      if (tenure && keepsTenure(this.cx, e, parent.months, c.months)) child.carry = true;
      visit(child);
    };
    for (let i = lo; i < hi; i++) {
      e = edges === null ? i : edges[i]!;
      v = ix.edgeTo[e]!;
      if (nodeMark[v] === st) continue;
      if (banned !== null && banned.includes(e)) continue;
      if (allowed !== null && allowed[v] === 0) continue;
      if (!edgeUsable(ix, this.cx, e)) continue;
      expandStep(this.cx, parent, e, first, emit);
    }
    this.meter.add(hi - lo + 1 + made);
  }

  /** What a learner in a's state needs to earn a certification b holds (heldExtra). */
  private extraMonths = 0;
  private extraCents = 0;
  private extraCount = 0;
  /** Programs the extras already take (a program route), not to be counted again for b's programs. */
  private readonly extraPrograms: number[] = [];

  /**
   * Whether a can do whatever b's certifications let b do: for each certification x that b holds and
   * a does not, either a's certifications meet every requirement class x meets, or a can earn x
   * itself when a continuation first needs it, through a route it can take now (open, a program, or
   * work it will have by then: work only grows), which adds at most that route's months and cost,
   * x's fee and one certification (extraMonths, extraCents, extraCount). A certification some route
   * asks to hold is never replaced this way.
   */
  private heldCovers(a: Label, b: Label): boolean {
    const ix = this.index;
    const bh = b.held;
    const ah = a.held;
    this.extraMonths = this.extraCents = this.extraCount = 0;
    this.extraPrograms.length = 0;
    if (bh === ah) return true;
    for (let i = 0; i < bh.length; i++) {
      const x = bh[i]!;
      if (has(ah, x)) continue;
      if (ix.certIsRoutePrereq[x] === 1) return false;
      let covered = true;
      for (let j = ix.certClassOffsets[x]!, end = ix.certClassOffsets[x + 1]!; j < end && covered; j++) {
        const cls = ix.certClasses[j]!;
        if (!classSatisfied(ix, ah, cls)) covered = false;
      }
      if (!covered && !this.earnLater(a, x)) return false;
    }
    return true;
  }

  /** Adds to the extras what a needs to earn x through its best route it can take; false if none. */
  private earnLater(a: Label, x: number): boolean {
    const ix = this.index;
    let bestMonths = Infinity;
    let bestCents = Infinity;
    let bestProgram = -1;
    const costFirst = this.order[0] === 1;
    for (let r = ix.certRouteOffsets[x]!, end = ix.certRouteOffsets[x + 1]!; r < end; r++) {
      const kind = ix.routeKind[r]!;
      const value = ix.routeValue[r]!;
      let months = 0;
      let cents = 0;
      if (kind === ROUTE_PROGRAM) {
        for (let j = ix.programTakeOffsets[value]!, e2 = ix.programTakeOffsets[value + 1]!; j < e2; j++) {
          const q = ix.programTake[j]!;
          if (has(a.done, q)) continue;
          months += programMonthsAt(this.cx, q);
          cents += ix.programCostCents[q]!;
        }
      } else if (kind === ROUTE_EXPERIENCE) months = Math.max(0, value - a.work);
      else if (kind !== ROUTE_OPEN) continue; // holding another certification: not here
      if (
        costFirst
          ? cents < bestCents || (cents === bestCents && months < bestMonths)
          : months < bestMonths || (months === bestMonths && cents < bestCents)
      ) {
        bestMonths = months;
        bestCents = cents;
        bestProgram = kind === ROUTE_PROGRAM ? value : -1;
      }
    }
    if (bestMonths === Infinity) return false;
    this.extraMonths += bestMonths;
    this.extraCents += bestCents + ix.certFeeCents[x]!;
    this.extraCount += 1;
    if (bestProgram >= 0)
      for (let j = ix.programTakeOffsets[bestProgram]!, e2 = ix.programTakeOffsets[bestProgram + 1]!; j < e2; j++)
        this.extraPrograms.push(ix.programTake[j]!);
    return true;
  }

  /**
   * Whether every continuation of `b` (the label last marked, at the same role) is beaten by the same
   * continuation of `a` (looplessness aside: the caller's business). When a's certifications cover
   * b's, a continuing like b needs at most what b needs plus: the programs b has completed and a has
   * not (except those no loopless continuation can need again: GraphIndex.programOncePerPath), and
   * the months of work b has and a has not (up to the largest experience route), waited once. So
   * against b, a ends at least `gap` sooner and cheaper, where gap = b's figure − (a's figure + those
   * extras), with b.count − a.count fewer certifications and b.steps − a.steps fewer steps. a wins if
   * the gaps, in the ranking's order, are lexicographically positive (all zero: a transition sequence
   * no greater, and on the same path choices no greater), and no gap on a limited figure (maxMonths,
   * maxCostUsd, maxSteps) is negative.
   */
  dominates(a: Label, b: Label): boolean {
    // b's years in the start role still count toward what comes next; a's do not.
    if (b.carry && !a.carry) return false;
    if (!this.heldCovers(a, b)) return false;
    const ix = this.index;
    let extraMonths = this.extraMonths;
    let extraCents = this.extraCents;
    if (b.done !== a.done)
      for (let i = 0; i < b.done.length; i++) {
        const p = b.done[i]!;
        if (ix.programOncePerPath[p] === 1 || has(a.done, p) || this.extraPrograms.includes(p)) continue;
        extraMonths += programMonthsAt(this.cx, p);
        extraCents += ix.programCostCents[p]!;
      }
    const W = ix.maxExperienceRouteMonths;
    const deficit = Math.max(0, Math.min(b.work, W) - Math.min(a.work, W));
    const gapMonths = b.months - a.months - extraMonths - deficit;
    const gapCost = b.cents - a.cents - extraCents;
    const gapCount = b.count - a.count - this.extraCount;
    const gapSteps = b.steps - a.steps;
    // FASTEST: fewer moves of no known length right after months (a continuation adds as many to both).
    const gapUntimed = this.untimedAfterMonths ? b.untimed - a.untimed : 0;
    const limits = this.limits;
    if (gapMonths < 0 && limits.maxMonths !== Infinity) return false;
    if (gapSteps < 0 && limits.maxSteps !== Infinity) return false;
    if (gapCost < 0 && limits.maxCostCents !== Infinity) return false;
    for (const i of this.order) {
      if (i === 1 && gapUntimed !== 0) return gapUntimed > 0;
      const gap = i === 0 ? gapMonths : i === 1 ? gapCost : i === 2 ? gapCount : gapSteps;
      if (gap > 0) return true;
      if (gap < 0) return false;
    }
    // All gaps zero: a's continuation may tie b's, and then the earlier path, or on the same path the
    // earlier choices, come first.
    const seq = compareSeq(a, b);
    return seq < 0 || (seq === 0 && compareChoices(ix, a, b) <= 0);
  }
}
