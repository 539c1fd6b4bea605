/**
 * Which certifications a pathway earns. Earning a certification costs its exam fee and no time, so
 * when it is earned does not matter: the cheapest plan for a whole pathway is a cheapest set U of
 * certifications that, with the ones already held, hits every requirement group on the pathway
 * (docs/cost-model.md). This is a small weighted hitting-set problem, solved exactly by branch and bound.
 */
import type { GraphIndex } from './build.js';

export interface CertPlan {
  /** The certifications to earn (dense indices), in certRank order. */
  readonly chosen: Int32Array;
  readonly feeCents: number;
  readonly count: number;
}

export const EMPTY_PLAN: CertPlan = { chosen: new Int32Array(0), feeCents: 0, count: 0 };

/** Counts work done; throws when over budget. */
export interface WorkMeter {
  add(units: number): void;
}

/**
 * Solves the hitting set for `classes` (requirement-group classes, none satisfied by the profile).
 * Objective: (fee, count) lexicographically, or (count, fee) when `countFirst`; a fee above `feeCap`
 * is infeasible (null). Ties: the set whose certRank values, sorted, are lexicographically smallest.
 */
export function solveCertPlan(
  index: GraphIndex,
  classes: ArrayLike<number>,
  countFirst: boolean,
  feeCap: number,
  meter: WorkMeter,
): CertPlan | null {
  const { certCount: C, classOptionOffsets: off, classOptions: opt, certFeeCents, certRank } = index;
  const n = classes.length;
  if (n === 0) return feeCap >= 0 ? EMPTY_PLAN : null;
  const inSet = marksFor(index);
  const chosen: number[] = [];

  try {
    // Forced certifications: single-option groups.
    let fee = 0;
    for (let i = 0; i < n; i++) {
      const cls = classes[i]!;
      if (cls < C && inSet[cls] === 0) {
        inSet[cls] = 1;
        chosen.push(cls);
        fee += certFeeCents[cls]!;
      }
    }
    const hit = (cls: number): boolean => {
      for (let j = off[cls]!, end = off[cls + 1]!; j < end; j++) if (inSet[opt[j]!] === 1) return true;
      return false;
    };
    // Remaining multi-option groups not hit by the forced ones, fewest options first (then in the given
    // order); a group whose options include another's is dropped: hitting that one hits it.
    const rest: number[] = [];
    for (let i = 0; i < n; i++) {
      const cls = classes[i]!;
      if (cls >= C && !hit(cls)) rest.push(cls);
    }
    const size = (cls: number) => off[cls + 1]! - off[cls]!;
    if (rest.length > 1) {
      // Insertion sort: stable, and these lists are short.
      for (let i = 1; i < rest.length; i++) {
        const g = rest[i]!;
        let j = i;
        while (j > 0 && size(rest[j - 1]!) > size(g)) {
          rest[j] = rest[j - 1]!;
          j--;
        }
        rest[j] = g;
      }
      const kept: number[] = [];
      for (let i = 0; i < rest.length; i++) {
        const g = rest[i]!;
        let covered = false;
        for (let j = 0; j < rest.length && !covered; j++) {
          if (j === i) continue;
          const h = rest[j]!;
          if (size(h) > size(g) || (size(h) === size(g) && j > i)) continue;
          if (optionsWithin(off, opt, h, g)) covered = true; // hitting h hits g
        }
        if (!covered) kept.push(g);
      }
      rest.length = 0;
      rest.push(...kept);
    }

    meter.add(1 + n);
    if (rest.length === 0) {
      if (fee > feeCap) return null;
      return { chosen: sortByRank(chosen, certRank), feeCents: fee, count: chosen.length };
    }

    // Branch and bound over the remaining groups.
    let bestFee = Infinity;
    let bestCount = Infinity;
    let bestRanks: number[] | null = null;
    let bestSet: number[] | null = null;
    const worse = (f: number, c: number): boolean =>
      countFirst ? c > bestCount || (c === bestCount && f > bestFee) : f > bestFee || (f === bestFee && c > bestCount);

    const search = (f: number): void => {
      meter.add(1);
      let group = -1;
      for (let i = 0; i < rest.length; i++)
        if (!hit(rest[i]!)) {
          group = rest[i]!;
          break;
        }
      if (group < 0) {
        const c = chosen.length;
        let take = bestRanks === null;
        let ranks: number[] | null = null;
        if (!take) {
          const cmp = countFirst ? c - bestCount || f - bestFee : f - bestFee || c - bestCount;
          if (cmp < 0) take = true;
          else if (cmp === 0) {
            ranks = chosen.map((x) => certRank[x]!).sort((a, b) => a - b);
            take = compareRanks(ranks, bestRanks!) < 0;
          }
        }
        if (!take) return;
        bestFee = f;
        bestCount = c;
        bestRanks = ranks ?? chosen.map((x) => certRank[x]!).sort((a, b) => a - b);
        bestSet = chosen.slice();
        return;
      }
      for (let j = off[group]!, end = off[group + 1]!; j < end; j++) {
        const o = opt[j]!;
        const nf = f + certFeeCents[o]!;
        if (nf > feeCap) continue;
        if (bestRanks !== null && worse(nf, chosen.length + 1)) continue;
        chosen.push(o);
        inSet[o] = 1;
        search(nf);
        inSet[o] = 0;
        chosen.pop();
      }
    };
    if (fee <= feeCap) search(fee);
    if (bestSet === null) return null;
    return { chosen: sortByRank(bestSet, certRank), feeCents: bestFee, count: bestCount };
  } finally {
    // Whatever is still marked is in `chosen`, even when the meter stopped the search.
    for (const c of chosen) inSet[c] = 0;
  }
}

/** A reusable per-index mark per certification, all 0 between calls. */
const marksByIndex = new WeakMap<GraphIndex, Uint8Array>();
function marksFor(index: GraphIndex): Uint8Array {
  let marks = marksByIndex.get(index);
  if (marks === undefined) {
    marks = new Uint8Array(index.certCount);
    marksByIndex.set(index, marks);
  }
  return marks;
}

/** Whether every option of class a is an option of class b. */
function optionsWithin(off: Int32Array, opt: Int32Array, a: number, b: number): boolean {
  for (let i = off[a]!; i < off[a + 1]!; i++) {
    let found = false;
    for (let j = off[b]!; j < off[b + 1]! && !found; j++) if (opt[j] === opt[i]) found = true;
    if (!found) return false;
  }
  return true;
}

function compareRanks(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < a.length && i < b.length; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}

function sortByRank(certs: readonly number[], certRank: Int32Array): Int32Array {
  return Int32Array.from(certs).sort((a, b) => certRank[a]! - certRank[b]!);
}
