/**
 * Labels: partial pathways with the learner's exact state, and the total order the search pops them
 * in (docs/decisions/003-pathway-search.md).
 */
import type { GraphIndex } from './build.js';
import type { Choices, IdSet, State } from './step.js';

/** A partial pathway: a path from the start to `node`, with one way of meeting its requirements. */
export class Label implements State {
  /** Partial expansion: the position in the sorted out-edges of the next edge to expand (-1: none yet). */
  cursor = -1;
  /** Lower bound of the rest of the way (see bounds.ts), and whether it is final. */
  hA = 0;
  hB = 0;
  hC = 0;
  hExact = true;
  /** The search's item-bound epoch this label's bound was last raised for (shared-items.ts; 0: none). */
  itemEpoch = 0;
  /**
   * Whether the learner's years in the start role still count here: every move since the start kept
   * them (step.ts, keepsTenure), and they are more than 0.
   */
  carry = false;
  /** Moves on the path with a part of no known length (QueryContext.untimed). */
  untimed = 0;
  /** The priority: the ranking's key plus the bound, component by component. */
  f0 = 0;
  f1 = 0;
  f2 = 0;
  f3 = 0;
  constructor(
    readonly parent: Label | null,
    /** Edge from the parent (-1 for the start). */
    readonly edge: number,
    readonly node: number,
    readonly steps: number,
    readonly months: number,
    readonly cents: number,
    readonly count: number,
    readonly work: number,
    readonly held: IdSet,
    readonly done: IdSet,
    /** (certification, route) per group earned on the last step (step.ts); null when none. */
    readonly choices: Choices | null,
  ) {}
}

/** The start label of a query. */
export function rootLabel(node: number, s: State): Label {
  return new Label(null, -1, node, 0, s.months, s.cents, s.count, s.work, s.held, s.done, null);
}

/**
 * Transition-id order of two paths from the same start: at the first position where they differ,
 * the smaller transition id first; a path before its extensions. 0 for the same path.
 */
export function compareSeq(a: Label, b: Label): number {
  if (a === b) return 0;
  let x = a;
  let y = b;
  while (x.steps > y.steps) x = x.parent!;
  while (y.steps > x.steps) y = y.parent!;
  // Walking up, the last difference seen is the first one from the start. At that position both paths
  // leave the same role, whose edges are sorted by transition id.
  let diff = 0;
  while (x !== y) {
    if (x.edge !== y.edge) diff = x.edge - y.edge;
    x = x.parent!;
    y = y.parent!;
  }
  return diff !== 0 ? diff : a.steps - b.steps;
}

/**
 * Order of two ways of meeting the requirements of the same path: the sequence of (option rank,
 * route) pairs from the start, compared lexicographically — the order expandStep makes them in.
 */
export function compareChoices(index: GraphIndex, a: Label, b: Label): number {
  const seqA = choiceSequence(index, a);
  const seqB = choiceSequence(index, b);
  for (let i = 0; i < seqA.length && i < seqB.length; i++) if (seqA[i] !== seqB[i]) return seqA[i]! - seqB[i]!;
  return seqA.length - seqB.length;
}

function choiceSequence(index: GraphIndex, label: Label): number[] {
  const parts: Choices[] = [];
  for (let x: Label | null = label; x !== null; x = x.parent) if (x.choices !== null) parts.push(x.choices);
  const out: number[] = [];
  for (let i = parts.length - 1; i >= 0; i--) {
    const c = parts[i]!;
    for (let j = 0; j < c.length; j += 2) {
      const code = c[j + 1]!;
      out.push(index.certRank[c[j]!]!, code < 0 ? -code - 2 : code);
    }
  }
  return out;
}

/** The order labels leave the queue in: priority, then path, then choices. */
export function labelOrder(index: GraphIndex): (a: Label, b: Label) => number {
  return (a, b) => {
    const d = a.f0 - b.f0 || a.f1 - b.f1 || a.f2 - b.f2 || a.f3 - b.f3;
    if (d !== 0) return d;
    const s = compareSeq(a, b);
    return s !== 0 || a === b ? s : compareChoices(index, a, b);
  };
}

/** The edges of a label's path, from the start. */
export function labelEdges(label: Label): number[] {
  const edges: number[] = [];
  for (let x: Label | null = label; x !== null && x.parent !== null; x = x.parent) edges.push(x.edge);
  return edges.reverse();
}

/** The choices of each step of a label's path, from the start. */
export function labelChoices(label: Label): (Choices | null)[] {
  const out: (Choices | null)[] = [];
  for (let x: Label | null = label; x !== null && x.parent !== null; x = x.parent) out.push(x.choices);
  return out.reverse();
}
