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
  const { certCount: C, classOptionOffsets, classOptions, certFeeCents, certRank } = index;
  const n = classes.length;
  if (n === 0) return feeCap >= 0 ? EMPTY_PLAN : null;

  // Forced certifications: single-option groups.
  const forced: number[] = [];
  for (let i = 0; i < n; i++) {
    const cls = classes[i]!;
    if (cls < C && !forced.includes(cls)) forced.push(cls);
  }
  const inSet = new Set<number>(forced);
  // Remaining multi-option groups not hit by the forced ones; drop a group whose options include another's.
  let rest: Int32Array[] = [];
  for (let i = 0; i < n; i++) {
    const cls = classes[i]!;
    if (cls < C) continue;
    const opts = classOptions.subarray(classOptionOffsets[cls]!, classOptionOffsets[cls + 1]!);
    let hit = false;
    for (let j = 0; j < opts.length && !hit; j++) if (inSet.has(opts[j]!)) hit = true;
    if (!hit) rest.push(opts);
  }
  rest.sort((a, b) => a.length - b.length);
  rest = rest.filter((g, i) => {
    for (let j = 0; j < rest.length; j++) {
      if (j === i) continue;
      const h = rest[j]!;
      if (h.length > g.length || (h.length === g.length && j > i)) continue;
      if (isSubset(h, g)) return false; // hitting h hits g
    }
    return true;
  });

  let fee = 0;
  for (const c of forced) fee += certFeeCents[c]!;
  meter.add(1 + n);
  if (rest.length === 0) {
    if (fee > feeCap) return null;
    return { chosen: sortByRank(forced, certRank), feeCents: fee, count: forced.length };
  }

  // Branch and bound over the remaining groups.
  const chosen = forced.slice();
  let bestFee = Infinity;
  let bestCount = Infinity;
  let bestRanks: number[] | null = null;
  let bestSet: number[] | null = null;
  const worse = (f: number, c: number): boolean =>
    countFirst ? c > bestCount || (c === bestCount && f > bestFee) : f > bestFee || (f === bestFee && c > bestCount);

  const search = (f: number): void => {
    meter.add(1);
    let group: Int32Array | undefined;
    for (const g of rest) {
      let hit = false;
      for (let j = 0; j < g.length && !hit; j++) if (inSet.has(g[j]!)) hit = true;
      if (!hit) {
        group = g;
        break;
      }
    }
    if (group === undefined) {
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
    for (let j = 0; j < group.length; j++) {
      const o = group[j]!;
      const nf = f + certFeeCents[o]!;
      if (nf > feeCap) continue;
      if (bestRanks !== null && worse(nf, chosen.length + 1)) continue;
      chosen.push(o);
      inSet.add(o);
      search(nf);
      inSet.delete(o);
      chosen.pop();
    }
  };
  if (fee <= feeCap) search(fee);
  if (bestSet === null) return null;
  return { chosen: sortByRank(bestSet, certRank), feeCents: bestFee, count: bestCount };
}

function isSubset(small: Int32Array, big: Int32Array): boolean {
  for (let i = 0; i < small.length; i++) if (!big.includes(small[i]!)) return false;
  return true;
}

function compareRanks(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < a.length && i < b.length; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}

function sortByRank(certs: readonly number[], certRank: Int32Array): Int32Array {
  return Int32Array.from(certs).sort((a, b) => certRank[a]! - certRank[b]!);
}
