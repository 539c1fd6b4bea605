/**
 * Every role within reach: a label-setting Dijkstra on (months, parts of unknown length, steps,
 * transition ids) over the same labels and dominance as the k-best search, without bounds
 * (docs/decisions/003-pathway-search.md).
 */
import type { GraphIndex } from './build.js';
import { usdToCents } from './cost.js';
import { InvalidQueryError } from './errors.js';
import { bestChoices, buildPathway } from './evaluate.js';
import { Expander } from './expand.js';
import { Heap } from './heap.js';
import { type Label, labelEdges, labelOrder, rootLabel } from './label.js';
import { beginQuery, Meter, resolveBudget, resolveLimits, roleIndex, scratchFor } from './scratch.js';
import { newStats } from './search.js';
import { queryContext } from './step.js';
import type { Pathway, ReachableQuery, ReachableRole } from './types.js';

/**
 * Whether a move has a part of unknown length: the index's flag (GraphIndex.edgeUntimed: the
 * input's untimed transitions, or a program whose length no source gives, an estimated move's entry
 * program counted as 0 months), or the query's `untimed` transition ids. A program the learner
 * completed before is not taken: counted all the same, as the tie-break it only is.
 */
function untimedEdge(index: GraphIndex, e: number, untimed: ReachableQuery['untimedTransitions']): boolean {
  return index.edgeUntimed[e] === 1 || (untimed?.has(index.edgeTransitionId[e]!) ?? false);
}

/**
 * Every role reachable from `from` within `withinMonths`, with the earliest month it can be reached and
 * the pathway reaching it then (fewest parts of unknown length among those, then fewest steps, then
 * smallest transition ids). Sorted by month, then steps, then role id. The start role is not listed.
 */
export function reachableRoles(index: GraphIndex, query: ReachableQuery): ReachableRole[] {
  const src = roleIndex(index, query.from, 'from');
  const within = query.withinMonths;
  if (typeof within !== 'number' || Number.isNaN(within)) throw new InvalidQueryError('withinMonths must be a number');
  const s = scratchFor(index);
  const cx = queryContext(index, src, query.profile, query.includeEstimated ?? false, query.openEntries ?? false);
  const limits = resolveLimits(index, s, query.constraints);
  limits.maxMonths = Math.min(limits.maxMonths, within);
  // Without a cost limit only months and steps matter (step.ts, QueryContext.monthsOnly).
  cx.monthsOnly = limits.maxCostCents === Infinity;
  const meter = new Meter(resolveBudget(query.workBudget));
  beginQuery(s, meter.budget);
  const x = new Expander(index, s, cx, limits, meter, [0, 3]);

  const heap = new Heap<Label>(labelOrder(index));
  const root = rootLabel(src, cx.start);
  heap.push(root);
  const best = new Map<number, Label>();
  const expanded = new Map<number, Label[]>();
  const st = newStats();
  // The queue's order: months, then parts of unknown length on the path, then steps. Labels taken
  // first at the same months are the ones with fewer such parts, so the first label at a role is
  // its fully timed pathway where one is as fast. A label dominates another only with no more such
  // parts (below): one ahead by months alone, with more of them, could end as fast with more.
  const visit = (child: Label): void => {
    st.created++;
    child.f0 = child.months;
    child.f1 = child.parent!.f1 + (untimedEdge(index, child.edge, query.untimedTransitions) ? 1 : 0);
    child.f2 = child.steps;
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
          if (list.some((A) => A.f1 <= L.f1 && x.dominates(A, L))) continue;
          list.push(L);
        }
      }
      st.expanded++;
      x.expand(L, admit, visit);
    }
  } finally {
    st.work = meter.used;
  }
  const out = [...best.values()].sort(
    (a, b) => a.months - b.months || a.steps - b.steps || index.roleIds[a.node]! - index.roleIds[b.node]!,
  );
  const maxCost = query.constraints?.maxCostUsd;
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
          // Reported as FASTEST would: every choice counts again, not only months.
          const full = { ...cx, monthsOnly: false };
          const choices = bestChoices(
            full,
            edges,
            'FASTEST',
            limits.maxMonths,
            maxCost === undefined ? Infinity : usdToCents(maxCost),
          );
          if (choices === null) throw new Error('internal: a reachable pathway has no feasible choices');
          cached = buildPathway(full, edges, choices);
        }
        return cached;
      },
    };
  });
}
