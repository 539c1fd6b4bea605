/**
 * The k best pathways (docs/decisions/003-pathway-search.md).
 *
 * A* over labels: a label is a loopless path from the start with one way of meeting its requirements
 * and the learner's exact state after it (step.ts). The priority is the ranking's lexicographic key
 * plus a lexicographic lower bound of the rest of the way (bounds.ts), then the transition-id
 * sequence, then the choices. Keys never decrease along a path, so complete pathways come out in
 * exact order. Each search finds one best pathway; the k best come from a partition of the pathways
 * into parts searched side by side (Lawler's form of Yen's method). A label is dropped only when a
 * label of its part, or labels of as many other parts as pathways are still wanted, beat each of its
 * continuations (dominance, expand.ts), or when a complete pathway of its part already beats it.
 * Children are made lazily (partial expansion), and all work is metered against a budget.
 */
import type { GraphIndex } from './build.js';
import {
  BOUND_CERTS,
  BOUND_COST,
  BOUND_HOPS,
  BOUND_MONTHS,
  EdgeWeights,
  HOPS_SCALE,
  HopSearch,
  ReverseSearch,
} from './bounds.js';
import { InvalidQueryError } from './errors.js';
import { buildPathway } from './evaluate.js';
import { type Admit, Expander, type Figure } from './expand.js';
import { PaymentSearch } from './payment-bound.js';
import { Heap } from './heap.js';
import { Label, labelChoices, labelEdges, labelOrder, rootLabel } from './label.js';
import { landmarkBound } from './landmarks.js';
import {
  beginQuery,
  Meter,
  type PartStore,
  resolveBudget,
  resolveLimits,
  roleIndex,
  scratchFor,
  takeLimitStore,
  takePartStore,
} from './scratch.js';
import { SharedItemBounds, itemBoundsCost } from './shared-items.js';
import { type IdSet, queryContext } from './step.js';
import { RANK_BY_VALUES, type Pathway, type PathwayQuery, type RankBy } from './types.js';

/** The label on L's path after `steps` moves. */
function ancestorAt(L: Label, steps: number): Label {
  let y = L;
  while (y.steps > steps) y = y.parent!;
  return y;
}

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

export function newStats(): SearchStats {
  stats = { popped: 0, expanded: 0, created: 0, settled: 0, work: 0 };
  return stats;
}

/** The hop search's share of the work for FEWEST_NEW_CERTIFICATIONS without maxSteps (1 / share; decision 022). */
const HOP_SHARE_FEWEST_NEW = 100;
/**
 * The bounds on what is left within a limit (decision 032): the months left with maxMonths outside
 * FASTEST, the cost left with maxCostUsd outside CHEAPEST. Whether they run, and each one's share
 * (1 / share of the forward search's work). Settable for benchmarks.
 */
export const limitsLeftBound = { on: true, share: 3 };
/**
 * CHEAPEST's and FEWEST_NEW_CERTIFICATIONS' bound by the payment every way must make (PaymentSearch,
 * decisions 027 and 030): whether it runs, its work as a multiple of the forward search's at most,
 * and the least share of moves asking for a certification for which it runs (the real graph's
 * estimated moves ask for none, 0.2% of its moves ask for one: there it raised no bound and cost a
 * third to a half more work). Settable for benchmarks and tests.
 */
export const paymentBound = { on: true, share: 1, minShare: 0.05 };

const certMoveShares = new WeakMap<GraphIndex, number>();
/** The share of an index's moves that ask for a certification (have a requirement group). */
function certMoveShare(index: GraphIndex): number {
  let share = certMoveShares.get(index);
  if (share === undefined) {
    let n = 0;
    for (let e = 0; e < index.edgeCount; e++) if (index.edgeGroupOffsets[e + 1]! > index.edgeGroupOffsets[e]!) n++;
    share = index.edgeCount === 0 ? 0 : n / index.edgeCount;
    certMoveShares.set(index, share);
  }
  return share;
}

/**
 * Bounds that pay once for a shared item (shared-items.ts) are computed once the search has taken
 * `flat` labels in a row on one level (the same first three figures: a plateau the bounds cannot
 * see past) and `share` times the work spent reaches what they cost, and only when they cost at
 * most half the budget (so never on L). Not under FEWEST_STEPS. Measured on the real graph and on
 * M (decision 023). Settable for tests (share Infinity, flat 0: from the second label on).
 */
export const itemBounds = { share: 32, flat: 100 };

/**
 * A k-best part's own reverse search (decision 031): the plain reverse search's bounds hold for every
 * part, but a part's pathways avoid the roles of its prefix, and where the best ways to the target
 * all pass them (the first pathway's last move banned, and the target entered by few moves) the
 * part's search met labels on every level up to its best, on L over a gap of 24 to 120 months. Once a
 * part has done `after` work units, a reverse search from the targets over the roles off its prefix
 * bounds its labels past the spur, run alongside with `share` times the part's other work at most:
 * where the prefix holds the best ways, the roles left near the target are few, and a small share
 * settles them. At most `most` parts at once, and as many as PART_BOUND_BYTES hold (each part's
 * search keeps four numbers per role). Settable for benchmarks and tests.
 */
export const partBound = { on: true, after: 500, share: 0.01, most: 8 };
/** The memory the parts' own reverse searches of one query may hold together (about 33 bytes per role each). */
const PART_BOUND_BYTES = 64 * 2 ** 20;

/** How many of a role's expanded labels a new child is checked against before it is queued. */
const EARLY_DOMINATORS = 2;

/**
 * FASTEST's second figure is cost, after the moves with a part of no known length on the path, as
 * untimed × UNTIMED_SCALE + cents, in the priority and in the reverse search's bound alike (the
 * fewest such moves to a target): no pathway's cost reaches 2^40 cents, and a path of fewer than 2^12
 * moves keeps the sum exact. Only on an index with such moves (GraphIndex.anyUntimed).
 */
export const UNTIMED_SCALE = 2 ** 40;

/**
 * Whether untimed × UNTIMED_SCALE + cents stays exact and in order on this index: every item's cost
 * together (programs and fees, GraphIndex.costCentsTotal) far below the scale, and as many untimed
 * moves as there are roles still below 2^53. Otherwise FASTEST orders as before, by cost.
 */
export const untimedExact = (index: GraphIndex): boolean =>
  index.costCentsTotal < UNTIMED_SCALE / 4 && index.roleCount * UNTIMED_SCALE <= 2 ** 53;

/** Most pathways one query may ask for. */
export const MAX_K = 100;
const NO_EDGES = new Int32Array(0);

const FASTEST = 0;
const CHEAPEST = 1;
const FEWEST_NEW = 2;
const FEWEST_STEPS = 3;
/** Each ranking's order of (months, cost, certifications, steps). */
const RANK_ORDER: readonly (readonly Figure[])[] = [
  [0, 1, 2, 3],
  [1, 0, 2, 3],
  [2, 0, 1, 3],
  [3, 0, 1, 2],
];
const RANK_CODE: Record<RankBy, number> = { FASTEST, CHEAPEST, FEWEST_NEW_CERTIFICATIONS: FEWEST_NEW, FEWEST_STEPS };
const BOUND_MODE = [BOUND_MONTHS, BOUND_COST, BOUND_CERTS, BOUND_HOPS];

/**
 * The k best loopless pathways from `from` to `to` (or into track `toTrack`), ranked by `rankBy`, with
 * full tie-breaking (docs/cost-model.md). An empty list when there is none.
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
  const cx = queryContext(index, src, query.profile, query.includeEstimated ?? false, query.openEntries ?? false);
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

  const weights = new EdgeWeights(index, s, cx);
  const rev = new ReverseSearch(index, s, cx, weights, targets, limits.allowed, src, BOUND_MODE[rank]!, meter);
  const x = new Expander(index, s, cx, limits, meter, RANK_ORDER[rank]!);
  // FASTEST: "24 months" before "at least 24 months" (a certain length first, as reachableRoles), in
  // the search itself: the API's reordering of what it found lost the certain one past 100 ties.
  const untimedScale = rank === FASTEST && index.anyUntimed && untimedExact(index) ? UNTIMED_SCALE : 0;
  x.untimedAfterMonths = untimedScale > 0;
  rev.untimedScale = untimedScale;
  const { centsScale } = rev;
  const { maxSteps, maxMonths, maxCostCents } = limits;

  // The priority of a candidate: the ranking's key of the label plus the bound (a, b, c) of the rest,
  // component by component (see ReverseSearch; where months or cost come first, c holds the bounds of
  // certifications and of steps); false when the candidate cannot meet the limits (only the first
  // component's bound holds on its own; the others hold lexicographically).
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
    untimed: number,
  ): boolean => {
    const stepsLeft = isTarget(node) ? 0 : 1;
    switch (rank) {
      case FASTEST: {
        const certs = Math.floor(c / HOPS_SCALE);
        f0 = months + a;
        f1 = untimed * untimedScale + cost + b;
        f2 = count + certs;
        f3 = steps + c - certs * HOPS_SCALE;
        return f0 <= maxMonths && cost <= maxCostCents && steps + stepsLeft <= maxSteps;
      }
      case CHEAPEST: {
        const certs = Math.floor(c / HOPS_SCALE);
        f0 = cost + a;
        f1 = months + b;
        f2 = count + certs;
        f3 = steps + c - certs * HOPS_SCALE;
        return f0 <= maxCostCents && months <= maxMonths && steps + stepsLeft <= maxSteps;
      }
      case FEWEST_NEW: {
        // c is cost × centsScale + hops where that stays exact (ReverseSearch.centsScale); either
        // steps bound holds for the last figure, so the larger does.
        const cents = centsScale === 1 ? c : Math.floor(c / centsScale);
        f0 = count + a;
        f1 = months + b;
        f2 = cost + cents;
        f3 = steps + (stepsLeft === 0 ? 0 : Math.max(hops!.bound(node), c - cents * centsScale));
        return months <= maxMonths && cost <= maxCostCents && steps + stepsLeft <= maxSteps;
      }
      default:
        f0 = steps + a;
        f1 = months + b;
        f2 = cost + c;
        f3 = count;
        return f0 <= maxSteps && months <= maxMonths && cost <= maxCostCents;
    }
  };
  const setPriority = (L: Label): boolean => {
    if (!prioritize(L.node, L.steps, L.months, L.cents, L.count, L.hA, L.hB, L.hC, L.untimed)) return false;
    L.f0 = f0;
    L.f1 = f1;
    L.f2 = f2;
    L.f3 = f3;
    return true;
  };

  const order = labelOrder(index);
  // A part of the k-best search (below): its key orders no later than any pathway in it.
  interface Part {
    /** The part's best once solved; before, its next label, or the pathway it was split from. */
    key: Label;
    solved: boolean;
    depth: number;
    banned: number[];
    /** Its search, once started (null when solved). */
    state: { heap: Heap<Label>; expanded: Map<number, Label[]>; best: Label | null } | null;
    /** The pathway whose first `depth` moves the part follows (null: the first part). */
    source: Label | null;
    /** The roles of those moves' path, the start included. */
    prefix: number[];
    /** The source pathway's moves (edges), of which the part follows the first `depth`. */
    edges: Int32Array | null;
    /** The roles where it has a label for other parts (prunedByDominance). */
    roles: Set<number>;
    /** The work done in its search so far, its own reverse search's included. */
    work: number;
    /** Its own reverse search over the roles off its prefix, once started (partBound), and its store. */
    bound: ReverseSearch | null;
    store: PartStore | null;
    /** Whether it gave up its store: then it starts no other (stores taken in turn ran searches over and over). */
    evicted: boolean;
  }
  // Order of parts: by key; on the same key an unsolved part first, as it may still hold a tie.
  const partOrder = (a: Part, b: Part): number =>
    order(a.key, b.key) || (a.solved === b.solved ? 0 : a.solved ? 1 : -1);
  // The best complete pathway generated so far in the current search (with an exact bound): a
  // candidate whose priority is above it cannot be the answer.
  let best: Label | null = null;
  const addToBound = (L: Label): void => {
    if (best === null || order(L, best) < 0) best = L;
  };
  const above = (B: Label | null): boolean => B !== null && (f0 - B.f0 || f1 - B.f1 || f2 - B.f2 || f3 - B.f3) > 0;
  const aboveBound = (): boolean => above(best);

  const root = rootLabel(src, cx.start);
  // The current part's prefix: the moves its labels must take up to its spur role (k-best, below).
  let forced: Int32Array = NO_EDGES;
  let forcedDepth = 0;
  let heap = new Heap<Label>(order);
  let expanded = new Map<number, Label[]>();
  // The labels expanded at each role by every part, and their parts (k > 1).
  const shared = new Map<number, Label[]>();
  const partOf = new Map<Label, Part>();
  let current: Part | null = null;
  const results: Label[] = [];
  const st = newStats();
  let hA = 0;
  let hB = 0;
  let hC = 0;
  let hExact = true;
  // Landmark bounds bound the months to a single target; they count where months come first.
  // Not where the learner's years in the start role may shorten moves beyond it (EdgeWeights' tenure):
  // landmarks count every move's experience in full.
  const lm = dst >= 0 && rank === FASTEST && !weights.tenureBeyondStart ? index.landmarks : null;
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
  // FEWEST_NEW_CERTIFICATIONS uses it for its last figure too (steps plus the fewest moves left),
  // as deep as the graph goes when there is no maxSteps.
  const hops =
    Number.isFinite(limits.maxSteps) || rank === FEWEST_NEW
      ? new HopSearch(
          index,
          s,
          cx,
          targets,
          limits.allowed,
          src,
          Number.isFinite(limits.maxSteps) ? limits.maxSteps : index.roleCount,
          meter,
        )
      : null;
  // Its share of the work: up to a third with maxSteps (where it prunes); a hundredth when it only
  // sharpens FEWEST_NEW_CERTIFICATIONS' last figure (decision 022: a larger share saved more work
  // on the real graph but cost more than it saved on L).
  const hopShare = Number.isFinite(limits.maxSteps) ? 3 : HOP_SHARE_FEWEST_NEW;
  // With maxMonths under every ranking but FASTEST, and maxCostUsd under every ranking but CHEAPEST:
  // the fewest months, or the least cost, from each role to a target (a reverse search in that
  // figure, as FASTEST's or CHEAPEST's own, over a store of its own), run alongside like the
  // moves-left search: a label whose months (cost) and that bound pass the limit is a dead end. A
  // ranking's own reverse search bounds its later figures only among ways tied on the first: CHEAPEST
  // to respiratory therapists within 12 months, which no way meets (24 months at least), ran over the
  // work budget instead of answering none.
  const limitSearch = (which: 0 | 1, applies: boolean, mode: number): ReverseSearch | null =>
    limitsLeftBound.on && applies
      ? new ReverseSearch(
          index,
          takeLimitStore(s, which, index.roleCount),
          cx,
          weights,
          targets,
          limits.allowed,
          src,
          mode,
          meter,
        )
      : null;
  const monthsLeft = limitSearch(0, rank !== FASTEST && Number.isFinite(maxMonths), BOUND_MONTHS);
  const costLeft = limitSearch(1, rank !== CHEAPEST && Number.isFinite(maxCostCents), BOUND_COST);
  // Bounds that pay once for a shared item, once computed (null before; see run()).
  let items: SharedItemBounds | null = null;
  let itemEpoch = 0;
  const itemCost = rank !== FEWEST_STEPS ? itemBoundsCost(index) : Infinity;
  /** Raises (hA, hB, hC) at a role that is not a target by the items a learner with held/done lacks. */
  const raiseByItems = (node: number, held: IdSet, done: IdSet, work: number): void => {
    if (items !== null && items.raise(node, held, done, work, hA, hB, hC)) {
      hA = items.lastA;
      hB = items.lastB;
      hC = items.lastC;
    }
  };
  // CHEAPEST and FEWEST_NEW_CERTIFICATIONS: the least (cost or certifications, then months) the rest of
  // the way takes a learner who has paid nothing or earned nothing (PaymentSearch), less what a label
  // paid for, or earned of, items more than one move may ask for; run alongside with its share of the
  // work, where enough moves ask for a certification to make it differ from the reverse search's.
  const payment =
    (rank === CHEAPEST || rank === FEWEST_NEW) && paymentBound.on && certMoveShare(index) >= paymentBound.minShare
      ? new PaymentSearch(index, s, cx, weights, targets, limits.allowed, src, meter, rank === FEWEST_NEW)
      : null;
  /**
   * Raises (hA, hB, hC) at a role that is not a target for a label holding `held` and `done` that has
   * paid `cents` and earned `count` certifications; false when it cannot reach one.
   */
  const raiseByPayment = (node: number, cents: number, count: number, held: IdSet, done: IdSet): boolean => {
    if (payment === null) return true;
    if (!payment.bound(node)) return false;
    if (!payment.lastExact) hExact = false;
    const paid = rank === FEWEST_NEW ? count : cents;
    const a = payment.lastA - (paid === 0 ? 0 : Math.min(paid, payment.sharedPaid(held, done)));
    const b = payment.lastB;
    if (a > hA || (a === hA && b > hB)) {
      // The third part held for the ways least in the first two; these may be others: 0.
      hA = a;
      hB = b;
      hC = 0;
    }
    return true;
  };
  // The current part's own reverse search (partBound), bounding its labels past the spur role.
  let partRev: ReverseSearch | null = null;
  /** Raises (hA, hB, hC) at a non-target role for a label of `steps` moves by partRev; false if it cannot reach one. */
  const raiseByPart = (node: number, steps: number): boolean => {
    if (partRev === null || steps <= forcedDepth) return true;
    if (!partRev.h(node)) return false;
    if (!partRev.lastExact) hExact = false;
    const a = partRev.lastA;
    const b = partRev.lastB;
    const c = partRev.lastC;
    if (a > hA || (a === hA && (b > hB || (b === hB && c > hC)))) {
      hA = a;
      hB = b;
      hC = c;
    }
    return true;
  };
  /** Whether a label at `node` after `months` and `cents` cannot reach a target within the limits (limitSearch). */
  const pastLimits = (node: number, months: number, cents: number): boolean =>
    !isTarget(node) &&
    ((monthsLeft !== null && (!monthsLeft.h(node) || months + monthsLeft.lastA > maxMonths)) ||
      (costLeft !== null && (!costLeft.h(node) || cents + costLeft.lastA > maxCostCents)));
  const admit: Admit = (node, steps, months, cost, count, held, done, work, untimed) => {
    if (hops !== null && !isTarget(node) && steps + hops.bound(node) > limits.maxSteps) return false;
    if (pastLimits(node, months, cost)) return false;
    if (isTarget(node)) {
      hA = hB = hC = 0;
      hExact = true;
    } else if (!lowerBound(node) || !raiseByPart(node, steps)) return false;
    else {
      raiseByItems(node, held, done, work);
      if (!raiseByPayment(node, cost, count, held, done)) return false;
    }
    return prioritize(node, steps, months, cost, count, hA, hB, hC, untimed) && !aboveBound();
  };
  const visit = (child: Label): void => {
    st.created++;
    // A child the first labels expanded at its role beat is dropped now, not after a turn in the
    // queue (the same rule as prunedByDominance, which still checks them all at its turn).
    if (!isTarget(child.node)) {
      const list = expanded.get(child.node);
      if (list !== undefined) {
        const n = Math.min(list.length, EARLY_DOMINATORS);
        meter.add(n);
        for (let i = 0; i < n; i++) if (x.dominates(list[i]!, child)) return;
      }
    }
    child.hA = hA;
    child.hB = hB;
    child.hC = hC;
    child.hExact = hExact;
    child.itemEpoch = itemEpoch;
    child.f0 = f0;
    child.f1 = f1;
    child.f2 = f2;
    child.f3 = f3;
    heap.push(child);
    if (hExact && isTarget(child.node)) addToBound(child);
  };

  // Partial expansion (as in PEA*), under every ranking: a label's children are made only when the
  // search reaches them. Each role's out-edges are sorted by a lower bound of the first two figures
  // they add (the edge's bound plus the bound from its end, lexicographically); an expanded label
  // makes the children whose bound is within its own priority, then waits in the queue at the next
  // child's bound, ahead of all its unmade children. (FEWEST_NEW_CERTIFICATIONS made every child at
  // once until its children were sorted by months as well: its certifications' bound is 0 on most
  // moves, so by certifications alone nearly every child tied its parent.)
  const sortStamp = s.stamp;
  const { sortedEdges, sortedKeys, sortedKeys2, sortedMark } = s;
  let permScratch: number[] = [];
  /** Sorts role u's out-edges into sortedEdges/sortedKeys[outOffsets[u] .. outOffsets[u + 1]) once per query. */
  const sortOut = (u: number): void => {
    if (sortedMark[u] === sortStamp) return;
    sortedMark[u] = sortStamp;
    const lo = index.outOffsets[u]!;
    const hi = index.outOffsets[u + 1]!;
    const n = hi - lo;
    // Out of the start, the edge bounds' months do not hold (the first move's experience counts the
    // learner's years in the current role): its moves' months count as 0 here, a bound all the same.
    const first = u === src;
    for (let e = lo; e < hi; e++) {
      const v = index.edgeTo[e]!;
      let h = 0;
      let h2 = 0;
      if (!isTarget(v)) {
        if (lowerBound(v)) {
          h = hA;
          h2 = hB;
        } else h = Infinity;
      }
      const key =
        (rank === FASTEST
          ? first
            ? 0
            : weights.months(e)
          : rank === CHEAPEST
            ? weights.cents(e)
            : rank === FEWEST_NEW
              ? weights.certs(e)
              : 1) + h;
      const key2 =
        (rank === FASTEST ? cx.untimed[e]! * untimedScale + weights.cents(e) : first ? 0 : weights.months(e)) + h2;
      if (n <= 64) {
        // Insertion sort, stable: by key, then edge order.
        let j = e;
        while (j > lo && (sortedKeys[j - 1]! > key || (sortedKeys[j - 1] === key && sortedKeys2[j - 1]! > key2))) {
          sortedKeys[j] = sortedKeys[j - 1]!;
          sortedKeys2[j] = sortedKeys2[j - 1]!;
          sortedEdges[j] = sortedEdges[j - 1]!;
          j--;
        }
        sortedKeys[j] = key;
        sortedKeys2[j] = key2;
        sortedEdges[j] = e;
      } else {
        sortedKeys[e] = key;
        sortedKeys2[e] = key2;
      }
    }
    if (n > 64) {
      const perm = permScratch;
      perm.length = n;
      for (let i = 0; i < n; i++) perm[i] = lo + i;
      perm.sort((a, b) => sortedKeys[a]! - sortedKeys[b]! || sortedKeys2[a]! - sortedKeys2[b]! || a - b);
      const keys = perm.map((e) => sortedKeys[e]!);
      const keys2 = perm.map((e) => sortedKeys2[e]!);
      for (let i = 0; i < n; i++) {
        sortedEdges[lo + i] = perm[i]!;
        sortedKeys[lo + i] = keys[i]!;
        sortedKeys2[lo + i] = keys2[i]!;
      }
      permScratch = perm;
    }
    meter.add(n);
  };
  const primary = (L: Label): number =>
    rank === FASTEST ? L.months : rank === CHEAPEST ? L.cents : rank === FEWEST_NEW ? L.count : L.steps;
  const secondary = (L: Label): number => (rank === FASTEST ? L.untimed * untimedScale + L.cents : L.months);
  /**
   * Makes L's next children whose bound is at most (upTo, upTo2) in the ranking's first two figures;
   * queues L again for the rest, at the next child's bound.
   */
  const expandPartly = (L: Label, upTo: number, upTo2: number): void => {
    const u = L.node;
    sortOut(u);
    const end = index.outOffsets[u + 1]!;
    const base = primary(L);
    const base2 = secondary(L);
    const from = L.cursor < 0 ? index.outOffsets[u]! : L.cursor;
    let to = from;
    for (; to < end; to++) {
      const f = base + sortedKeys[to]!;
      if (f > upTo || (f === upTo && base2 + sortedKeys2[to]! > upTo2)) break;
    }
    if (to > from) x.expand(L, admit, visit, sortedEdges, from, to);
    L.cursor = to;
    if (to === end || sortedKeys[to] === Infinity) return;
    const next = base + sortedKeys[to]!;
    // Every child left is out of the running.
    if (best !== null && next > best.f0) return;
    L.f0 = next;
    L.f1 = base2 + sortedKeys2[to]!;
    L.f2 = L.f3 = 0;
    heap.push(L);
  };

  /**
   * Whether L (marked) is dropped because a label expanded at its role dominates it; if not, L joins
   * the expanded labels. Any dominator will do: every continuation C of L is beaten by A + C, and if
   * A + C loops, cutting the loop out gives a loopless pathway, in the same subproblem (the cut, at the
   * role of A's path nearest the start that C visits, keeps A's prefix and first deviation), that is better
   * still (docs/decisions/003-pathway-search.md).
   */
  const prunedByDominance = (L: Label): boolean => {
    const list = expanded.get(L.node);
    if (list !== undefined) {
      meter.add(list.length);
      for (const A of list) if (x.dominates(A, L)) return true;
    }
    if (prunedAcrossParts(L)) return true;
    if (list === undefined) expanded.set(L.node, [L]);
    else list.push(L);
    // For other parts, each part's first label at a role off its spur (the likeliest dominator).
    const part = current!;
    if (k > 1 && L.steps > part.depth && !part.roles.has(L.node)) {
      part.roles.add(L.node);
      const all = shared.get(L.node);
      if (all === undefined) shared.set(L.node, [L]);
      else all.push(L);
      partOf.set(L, part);
    }
    return false;
  };

  /**
   * Whether labels of other parts drop L: when as many parts as pathways are still wanted each hold a
   * label that dominates L, every continuation of L is beaten by that many distinct pathways still to
   * come, so none is among them. A part's label A (its first at the role) counts only if it has left
   * the part's spur role and L's path passes all the part's prefix: then the continuation C cannot meet that prefix, and A + C,
   * or the loop cut out of it, keeps A's prefix and first move, so it lies in A's part
   * (docs/decisions/003-pathway-search.md).
   */
  const prunedAcrossParts = (L: Label): boolean => {
    const all = k > 1 ? shared.get(L.node) : undefined;
    if (all === undefined) return false;
    const need = k - results.length;
    const { nodeMark } = s;
    const onPath = x.markStamp;
    const counted: Part[] = [];
    meter.add(all.length);
    for (const A of all) {
      const part = partOf.get(A)!;
      if (part === current) continue;
      let covered = true;
      for (const r of part.prefix)
        if (nodeMark[r] !== onPath) {
          covered = false;
          break;
        }
      if (!covered || !x.dominates(A, L)) continue;
      counted.push(part);
      if (counted.length >= need) return true;
    }
    return false;
  };

  // Labels taken in a row on one level (flat), and that level (see run()).
  let flat = 0;
  let flatA = NaN;
  let flatB = NaN;
  let flatC = NaN;
  /**
   * Computes the item bounds (shared-items.ts) from the items on the plain bound's way from the
   * start and from L, when they cost at most half the budget left; tried once per query.
   */
  const startItems = (L: Label): void => {
    itemEpoch = -1;
    if (meter.used + itemCost > meter.budget / 2) return;
    while (!rev.done) rev.step();
    const found = new SharedItemBounds(index, cx, weights, rev, BOUND_MODE[rank]!, limits.allowed, src, meter);
    found.collect(src, isTarget, cx.start.held, cx.start.done);
    found.collect(L.node, isTarget, L.held, L.done);
    if (found.count === 0) return;
    found.compute(targets);
    items = found;
    itemEpoch = 1;
  };

  // The parts holding a store, whose stores go back to the scratch's pool when the query ends.
  const holders: Part[] = [];
  const mostPartBounds = Math.min(partBound.most, Math.max(1, Math.floor(PART_BOUND_BYTES / (33 * index.roleCount))));
  // The work of the parts' own reverse searches, which the plain one's share leaves out.
  let partRevWork = 0;
  // The meter's reading when the current part's search last resumed, less its work before.
  let partWorkFrom = 0;
  /**
   * Starts part P's own reverse search once its work reaches partBound.after (with a store free, or
   * one a holder that has done less gives up), and gives it its share of the part's work. On
   * starting, the part's queued labels past the spur have their bounds checked again as they come out.
   */
  const keepPartBound = (P: Part): void => {
    const work = meter.used - partWorkFrom;
    if (partRev === null) {
      if (work < partBound.after || P.evicted) return;
      // All in use: the holder that has done the least work, if less than this part, gives its store
      // up for good (its queued labels keep their bounds). The part longest paused gave it up on L's
      // near pair 7544 → 88793 with four stores, the part the answer needed among them (1,124,598
      // units against 413,727).
      if (holders.length >= mostPartBounds) {
        const victim = holders.reduce((a, b) => (b.work < a.work ? b : a));
        if (victim.work >= work) return;
        releasePartBound(victim);
        victim.evicted = true;
      }
      const store = takePartStore(s, index.roleCount);
      holders.push(P);
      const { allowed } = store;
      if (limits.allowed === null) allowed.fill(1);
      else allowed.set(limits.allowed);
      for (const r of P.prefix) allowed[r] = 0;
      // From no start (-1): past the spur role no label is at the start, and the start is off limits.
      partRev = new ReverseSearch(index, store, cx, weights, targets, allowed, -1, BOUND_MODE[rank]!, meter);
      partRev.untimedScale = untimedScale;
      P.bound = partRev;
      P.store = store;
      // Its queued labels past the spur: their bounds checked again as they come out (the others'
      // are not its to raise, and the start's root has none to check: its first moves' months
      // count the learner's years in the role, which the bounds do not). Not a target's (nothing
      // to raise) nor a partly expanded label's (queued at its next child's bound, not its own).
      for (const L of heap.drain()) {
        if (L.steps > forcedDepth && L.cursor < 0 && !isTarget(L.node)) L.hExact = false;
        heap.push(L);
      }
    }
    const before = partRev.work;
    while (!partRev.done && (1 + partBound.share) * partRev.work <= partBound.share * work) partRev.step();
    partRevWork += partRev.work - before;
  };

  /**
   * Runs the current part's search (A* over labels with dominance) while its next label orders no
   * later than `rival` (null: no limit): the first complete label to come out is the part's best, and
   * carries its path's best choices; null when the part has none; undefined when it stopped at the rival.
   */
  function run(rival: Part | null): Label | null | undefined {
    while (heap.size > 0) {
      // The reverse search gets its share of the work (a bidirectional balance, bounds.ts), and the
      // moves-left and payment searches likewise (hopShare, paymentBound.share), each of the work but
      // the others': counting each other's, the first two raised each other's shares, to five sixths
      // of all with maxSteps.
      const hopWork = hops === null ? 0 : hops.work;
      const payWork = payment === null ? 0 : payment.work;
      const limitWork = (monthsLeft === null ? 0 : monthsLeft.work) + (costLeft === null ? 0 : costLeft.work);
      rev.keepUp(meter.used - hopWork - payWork - partRevWork - limitWork, k);
      if (hops !== null)
        while (!hops.done && hopShare * hops.work <= meter.used - rev.work - payWork - partRevWork - limitWork)
          hops.step();
      if (payment !== null)
        while (
          !payment.done &&
          payment.work <=
            paymentBound.share * (meter.used - rev.work - hopWork - payment.work - partRevWork - limitWork)
        )
          payment.step();
      // The limits' searches, each to its share of the forward search's work.
      const forward = meter.used - rev.work - hopWork - payWork - partRevWork - limitWork;
      for (const left of [monthsLeft, costLeft])
        if (left !== null) while (!left.done && limitsLeftBound.share * left.work <= forward) left.step();
      if (current!.source !== null && partBound.on) keepPartBound(current!);
      if (rival !== null && order(heap.peek()!, rival.key) > 0) return undefined;
      const L = heap.pop()!;
      st.popped++;
      meter.add(1);
      // Queued before a limit's search's radius reached the limit: dropped now if it has since.
      if (L.parent !== null && pastLimits(L.node, L.months, L.cents)) continue;
      if (L.cursor >= 0) {
        x.mark(L);
        expandPartly(L, L.f0, L.f1);
        continue;
      }
      if (!L.hExact) {
        if (!lowerBound(L.node) || !raiseByPart(L.node, L.steps)) continue;
        // As admit raises it (the items' epoch is the label's, or the block below raises it).
        if (L.itemEpoch === itemEpoch) raiseByItems(L.node, L.held, L.done, L.work);
        if (!raiseByPayment(L.node, L.cents, L.count, L.held, L.done)) continue;
        L.hExact = hExact;
        if (hA !== L.hA || hB !== L.hB || hC !== L.hC) {
          L.hA = hA;
          L.hB = hB;
          L.hC = hC;
          if (!setPriority(L)) continue;
          const next = heap.peek();
          if (next !== undefined && order(L, next) > 0) {
            heap.push(L); // its bound rose past another label: back in line
            continue;
          }
        }
      }
      if (items === null && itemEpoch === 0) {
        // How long the search has been on one level: labels taken in a row whose first three
        // figures (the bound included) are the same.
        if (L.f0 === flatA && L.f1 === flatB && L.f2 === flatC) flat++;
        else {
          flatA = L.f0;
          flatB = L.f1;
          flatC = L.f2;
          flat = 0;
        }
        if (flat >= itemBounds.flat && itemBounds.share * meter.used >= itemCost) startItems(L);
      }
      // Bounds computed after the label was queued may raise its own.
      if (items !== null && L.itemEpoch !== itemEpoch && L.parent !== null && !isTarget(L.node)) {
        L.itemEpoch = itemEpoch;
        if (items.raise(L.node, L.held, L.done, L.work, L.hA, L.hB, L.hC)) {
          L.hA = items.lastA;
          L.hB = items.lastB;
          L.hC = items.lastC;
          if (!setPriority(L)) continue;
          const next = heap.peek();
          if (next !== undefined && order(L, next) > 0) {
            heap.push(L);
            continue;
          }
        }
      }
      if (L.parent !== null && isTarget(L.node)) return L;
      x.mark(L);
      if (L !== root && prunedByDominance(L)) continue;
      st.expanded++;
      // On the part's prefix, the source pathway's next move only.
      if (L.steps < forcedDepth) x.expand(L, admit, visit, forced, L.steps, L.steps + 1);
      else {
        L.cursor = -1;
        expandPartly(L, L.f0, L.f1);
      }
    }
    return null;
  }

  // The k best distinct paths by Lawler's partition of Yen's k-shortest-paths method. A part is
  // "pathways that follow P's first `depth` moves and then leave P's role by none of the moves
  // `banned`"; the first part is every pathway. Parts are searched lazily and side by side: the part
  // whose next label orders first runs until another part's next label, or a best already found,
  // orders before it; a part's best found while no other part can order before it is the next
  // pathway, and the part splits into the parts of the rest (docs/decisions/003-pathway-search.md).
  const parts = new Heap<Part>(partOrder);
  parts.push({
    key: root,
    solved: false,
    depth: 0,
    banned: [],
    state: null,
    source: null,
    prefix: [src],
    edges: null,
    roles: new Set(),
    work: 0,
    bound: null,
    store: null,
    evicted: false,
  });
  /** Part P's store goes back to the pool: its search is over, or it gives the store up. */
  function releasePartBound(P: Part): void {
    if (P.store === null) return;
    holders.splice(holders.indexOf(P), 1);
    s.partStores.push(P.store);
    P.store = null;
    P.bound = null;
  }
  const split = (P: Label, depth: number, banned: number[]): void => {
    const edges = Int32Array.from(labelEdges(P));
    for (let d = depth; d < P.steps; d++) {
      const next = ancestorAt(P, d + 1).edge;
      const ban = d === depth ? [...banned, next] : [next];
      const prefix: number[] = [];
      for (let y: Label | null = ancestorAt(P, d); y !== null; y = y.parent) prefix.push(y.node);
      parts.push({
        key: P,
        solved: false,
        depth: d,
        banned: ban,
        state: null,
        source: P,
        prefix,
        edges,
        roles: new Set(),
        work: 0,
        bound: null,
        store: null,
        evicted: false,
      });
    }
  };
  try {
    while (results.length < k && parts.size > 0) {
      const part = parts.pop()!;
      if (part.solved) {
        results.push(part.key);
        // Its labels no longer count for others: out of the shared lists, so no check pays for them.
        for (const r of part.roles) {
          const all = shared.get(r)!;
          const i = all.findIndex((A) => partOf.get(A) === part);
          if (i >= 0) all.splice(i, 1);
        }
        if (results.length < k) split(part.key, part.depth, part.banned);
        continue;
      }
      if (part.state === null) {
        // Every part starts at the start and follows its prefix (forced, below) to its spur role:
        // the ways of meeting the prefix's requirements are labels of its own search, made as the
        // search reaches them and pruned by dominance like any other, not all made up front (on L
        // they reached 1,728 at one role, and comparing them pairwise took 19 million checks).
        part.state = { heap: new Heap<Label>(order), expanded: new Map(), best: null };
        part.state.heap.push(part.source === null ? root : rootLabel(src, cx.start));
      }
      current = part;
      forced = part.edges ?? NO_EDGES;
      forcedDepth = part.source === null ? 0 : part.depth;
      heap = part.state.heap;
      expanded = part.state.expanded;
      best = part.state.best;
      x.banned = part.source === null ? null : part.banned;
      x.bannedDepth = part.depth;
      partRev = part.bound;
      partWorkFrom = meter.used - part.work;
      let got: Label | null | undefined;
      try {
        got = run(parts.peek() ?? null);
      } finally {
        x.banned = null;
        part.state.best = best;
        part.work = meter.used - partWorkFrom;
      }
      if (got !== undefined) releasePartBound(part); // solved or none: its search is over
      if (got === null) continue;
      if (got === undefined) {
        part.key = heap.peek()!;
        parts.push(part);
        continue;
      }
      part.key = got;
      part.solved = true;
      part.state = null;
      parts.push(part);
    }
  } finally {
    st.settled = rev.settled;
    st.work = meter.used;
    for (const P of holders) s.partStores.push(P.store!);
    // Kept for the next query, as many as one may use: allocated anew, they cost L's queries up to 18% more time.
    s.partStores.length = Math.min(s.partStores.length, mostPartBounds);
  }
  return results.map((L) => {
    const pathway = buildPathway(cx, labelEdges(L), labelChoices(L));
    if (pathway.totalMonths !== L.months || pathway.newCertifications !== L.count)
      throw new Error('internal: the replayed pathway disagrees with the search');
    return pathway;
  });
}
