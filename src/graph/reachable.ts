/**
 * Every role within reach: a label-setting Dijkstra in FASTEST's order (months, moves with a part of
 * unknown length, cost, certifications to earn, steps, then the moves themselves) over the same
 * labels and dominance as the k-best search, without bounds (docs/decisions/003-pathway-search.md):
 * the first label taken at a role is the pathway `pathways(first: 1)` gives for it.
 */
import type { GraphIndex } from './build.js';
import { usdToCents } from './cost.js';
import { InvalidQueryError } from './errors.js';
import { bestChoices, buildPathway } from './evaluate.js';
import { Expander } from './expand.js';
import { Heap } from './heap.js';
import { type Label, labelEdges, labelOrder, rootLabel } from './label.js';
import { beginQuery, Meter, resolveBudget, resolveLimits, roleIndex, scratchFor } from './scratch.js';
import { newStats, UNTIMED_SCALE, untimedExact } from './search.js';
import { queryContext } from './step.js';
import type { Pathway, ReachableQuery, ReachableRole } from './types.js';

/**
 * Every role reachable from `from` within `withinMonths`, with the earliest month it can be reached and
 * the pathway reaching it then: FASTEST's best (fewest moves with a part of unknown length among
 * those as fast, then the cheapest, the fewest certifications to earn, the fewest steps). Sorted by
 * month, then those of known length first, then steps, then role id. The start role is not listed.
 */
export function reachableRoles(index: GraphIndex, query: ReachableQuery): ReachableRole[] {
  const src = roleIndex(index, query.from, 'from');
  const within = query.withinMonths;
  if (typeof within !== 'number' || Number.isNaN(within)) throw new InvalidQueryError('withinMonths must be a number');
  const s = scratchFor(index);
  const cx = queryContext(index, src, query.profile, query.includeEstimated ?? false, query.openEntries ?? false);
  const limits = resolveLimits(index, s, query.constraints);
  limits.maxMonths = Math.min(limits.maxMonths, within);
  const meter = new Meter(resolveBudget(query.workBudget));
  beginQuery(s, meter.budget);
  // FASTEST's order, so that a role's pathway here is the one `pathways` ranks first: the walk found
  // a $39,103 degree here where pathways gave the $0 way through a certification the student held.
  const x = new Expander(index, s, cx, limits, meter, [0, 1, 2, 3]);
  const scale = index.anyUntimed && untimedExact(index) ? UNTIMED_SCALE : 0;
  x.untimedAfterMonths = scale > 0;

  const heap = new Heap<Label>(labelOrder(index));
  const root = rootLabel(src, cx.start);
  heap.push(root);
  const best = new Map<number, Label>();
  const expanded = new Map<number, Label[]>();
  const st = newStats();
  // The queue's order: months, then moves with a part of unknown length (Label.untimed: the query's
  // QueryContext.untimed, which a program the learner completed before still counts, as the
  // tie-break it only is),
  // then cost, certifications to earn and steps, as FASTEST ranks. Labels taken first at the same
  // months are the ones with fewer such moves, so the first label at a role is its fully timed
  // pathway where one is as fast. A label dominates another only with no more such moves (below):
  // one ahead by months alone, with more of them, could end as fast with more.
  const visit = (child: Label): void => {
    st.created++;
    child.f0 = child.months;
    child.f1 = scale > 0 ? child.untimed * scale + child.cents : child.cents;
    child.f2 = child.count;
    child.f3 = child.steps;
    heap.push(child);
  };
  const admit = (): boolean => true;
  try {
    while (heap.size > 0) {
      const L = heap.pop()!;
      st.popped++;
      meter.add(1);
      x.mark(L);
      if (L !== root) {
        if (!best.has(L.node)) best.set(L.node, L);
        const list = expanded.get(L.node);
        if (list === undefined) expanded.set(L.node, [L]);
        else {
          meter.add(list.length);
          if (list.some((A) => A.untimed <= L.untimed && x.dominates(A, L))) continue;
          list.push(L);
        }
      }
      st.expanded++;
      x.expand(L, admit, visit);
    }
  } finally {
    st.work = meter.used;
  }
  // At the same month a role of known length first: "Surgical Assistants: now" (an unknown length
  // counted as 0) was listed above the clinical medical assistant's certain 0.
  const out = [...best.values()].sort(
    (a, b) =>
      a.months - b.months ||
      Number(a.untimed > 0) - Number(b.untimed > 0) ||
      a.steps - b.steps ||
      index.roleIds[a.node]! - index.roleIds[b.node]!,
  );
  const maxCost = query.constraints?.maxCostUsd;
  return out.map((L) => {
    const edges = labelEdges(L);
    let cached: Pathway | undefined;
    return {
      roleId: index.roleIds[L.node]!,
      earliestMonth: L.months,
      unknownLength: L.untimed > 0,
      stepCount: L.steps,
      transitionIds: edges.map((e) => index.edgeTransitionId[e]!),
      pathway(): Pathway {
        if (cached === undefined) {
          const choices = bestChoices(
            cx,
            edges,
            'FASTEST',
            limits.maxMonths,
            maxCost === undefined ? Infinity : usdToCents(maxCost),
          );
          if (choices === null) throw new Error('internal: a reachable pathway has no feasible choices');
          cached = buildPathway(cx, edges, choices);
        }
        return cached;
      },
    };
  });
}
