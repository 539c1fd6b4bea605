/**
 * The k best pathways (docs/decisions/003-pathway-search.md).
 *
 * A* over labels: a label is a loopless path from the start with one way of meeting its requirements
 * and the learner's exact state after it (step.ts). The priority is the ranking's lexicographic key
 * plus a lexicographic lower bound of the rest of the way (bounds.ts), then the transition-id
 * sequence, then the choices. Keys never decrease along a path, so complete pathways come out in
 * exact order. A label is dropped only when others at the same role beat each of its continuations
 * (dominance, expand.ts), or when k complete pathways already beat it. Children are made lazily
 * (partial expansion), and all work is metered against a budget.
 */
import type { GraphIndex } from './build.js';
import { BOUND_CERTS, BOUND_COST, BOUND_HOPS, BOUND_MONTHS, EdgeWeights, HopSearch, ReverseSearch } from './bounds.js';
import { InvalidQueryError } from './errors.js';
import { buildPathway } from './evaluate.js';
import { Expander, type Figure } from './expand.js';
import { Heap } from './heap.js';
import { Label, labelChoices, labelEdges, labelOrder, rootLabel, samePath } from './label.js';
import { landmarkBound } from './landmarks.js';
import { beginQuery, Meter, resolveBudget, resolveLimits, roleIndex, scratchFor } from './scratch.js';
import { queryContext } from './step.js';
import { RANK_BY_VALUES, type Pathway, type PathwayQuery, type RankBy } from './types.js';

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

/** Most pathways one query may ask for. */
export const MAX_K = 100;

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
  const cx = queryContext(index, src, query.profile, query.includeEstimated ?? false);
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
  const { maxSteps, maxMonths, maxCostCents } = limits;

  // The priority of a candidate: the ranking's key of the label plus the bound (a, b, c) of the rest,
  // component by component (see ReverseSearch); false when the candidate cannot meet the limits (only
  // the first component's bound holds on its own; the others hold lexicographically).
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
        f0 = count + a;
        f1 = months + b;
        f2 = cost + c;
        f3 = steps + stepsLeft;
        return months <= maxMonths && cost <= maxCostCents && steps + stepsLeft <= maxSteps;
      default:
        f0 = steps + a;
        f1 = months + b;
        f2 = cost + c;
        f3 = count;
        return f0 <= maxSteps && months <= maxMonths && cost <= maxCostCents;
    }
  };
  const setPriority = (L: Label): boolean => {
    if (!prioritize(L.node, L.steps, L.months, L.cents, L.count, L.hA, L.hB, L.hC)) return false;
    L.f0 = f0;
    L.f1 = f1;
    L.f2 = f2;
    L.f3 = f3;
    return true;
  };

  const order = labelOrder(index);
  // The best complete pathways generated so far (distinct paths, at most k, in order): once there are k,
  // a candidate whose priority is above the k-th's cannot be among the k best.
  const bound: Label[] = [];
  const addToBound = (L: Label): void => {
    const same = bound.findIndex((B) => samePath(B, L));
    if (same >= 0) {
      if (order(L, bound[same]!) >= 0) return;
      bound.splice(same, 1);
    }
    let i = bound.length;
    while (i > 0 && order(L, bound[i - 1]!) < 0) i--;
    if (i >= k) return;
    bound.splice(i, 0, L);
    if (bound.length > k) bound.pop();
  };
  const aboveBound = (): boolean => {
    if (bound.length < k) return false;
    const B = bound[k - 1]!;
    return (f0 - B.f0 || f1 - B.f1 || f2 - B.f2 || f3 - B.f3) > 0;
  };

  const heap = new Heap<Label>(order);
  const root = rootLabel(src, cx.start);
  heap.push(root);
  const results: Label[] = [];
  const expanded = new Map<number, Label[]>();
  const st = newStats();
  let hA = 0;
  let hB = 0;
  let hC = 0;
  let hExact = true;
  // Landmark bounds bound the months to a single target; they count where months come first.
  const lm = dst >= 0 && rank === FASTEST ? index.landmarks : null;
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
    ? new HopSearch(index, s, cx, targets, limits.allowed, src, limits.maxSteps, meter)
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
      const key = (rank === FASTEST ? weights.months(e) : rank === CHEAPEST ? weights.cents(e) : 1) + h;
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
  const primary = (L: Label): number => (rank === FASTEST ? L.months : rank === CHEAPEST ? L.cents : L.steps);
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
   * Whether L (marked) is dropped because labels at its role dominate it, so that every continuation C
   * of L is beaten by k distinct loopless pathways (dominators on distinct paths), or by the same path
   * with better choices; if not, L
   * joins the expanded labels. A dominator on L's own path suffices at once. For k = 1 any dominator
   * will do: if A + C loops, cutting the loop out gives a loopless pathway that is better still. For
   * k > 1 the roles of each dominator off L's path must be disjoint from those of the others: A + C is
   * then loopless and passes L's role, or C meets A's path at an extra role x last and A's prefix to x
   * followed by C's rest is loopless and avoids L's role — the disjointness keeps these pathways
   * distinct (docs/decisions/003-pathway-search.md).
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
      const counted: Label[] = [];
      for (let i = 0; i < n; i++) {
        const A = list[i]!;
        if (!x.dominates(A, L)) continue;
        if (samePath(A, L)) return true;
        // Dominators must be distinct pathways: another way through a counted path does not count.
        if (counted.some((B) => samePath(A, B))) continue;
        if (extra === 0) extra = ++s.stamp;
        let disjoint = true;
        for (let y = A.parent; y !== null && disjoint; y = y.parent)
          if (nodeMark[y.node] !== onPath && extraMark[y.node] === extra) disjoint = false;
        if (!disjoint) continue;
        for (let y = A.parent; y !== null; y = y.parent) if (nodeMark[y.node] !== onPath) extraMark[y.node] = extra;
        counted.push(A);
        if (counted.length >= k) return true;
      }
    }
    list.push(L);
    return false;
  };

  function search(): void {
    while (heap.size > 0) {
      // The reverse search gets its share of the work (a bidirectional balance, bounds.ts).
      rev.keepUp(meter.used, k);
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
          if (next !== undefined && order(L, next) > 0) {
            heap.push(L); // its bound rose past another label: back in line
            continue;
          }
        }
      }
      if (L !== root && isTarget(L.node)) {
        // The first label of a path to come out carries the path's best choices.
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
    const pathway = buildPathway(cx, labelEdges(L), labelChoices(L));
    if (pathway.totalMonths !== L.months || pathway.newCertifications !== L.count)
      throw new Error('internal: the replayed pathway disagrees with the search');
    return pathway;
  });
}
