/**
 * Pathways that only pad a better one. Among the k best pathways, the second and third are often
 * the first with a detour added: medical assistant → clinical medical assistant (0 months, and a
 * $250 exam) → ... → registered nurse, after the same route without it. Ranked exactly, they are
 * the next best; shown to a student beside the route they pad, they read as alternatives and hide
 * a different route (the direct nursing degree). `skipDetours` leaves them out (docs/cost-model.md).
 */
import type { Pathway } from './types.js';

/**
 * Whether `b` pads `a`: b visits a's roles in the same order with more moves between them that take
 * no time at all (the same total months: no role on the way is held for a month), and is no cheaper
 * (counted cost) and earns no fewer new certifications — nothing to choose it for. A longer route
 * through another role (a medical assistant becoming an RN, then a physician assistant) is not
 * padding, however much slower: the student works in that role on the way.
 */
function pads(b: Pathway, a: Pathway): boolean {
  if (b.stepCount <= a.stepCount || b.totalMonths !== a.totalMonths) return false;
  if (b.totalCostUsd < a.totalCostUsd || b.newCertifications < a.newCertifications) return false;
  let i = 0;
  for (const role of b.roleIds) if (role === a.roleIds[i]) i++;
  return i === a.roleIds.length;
}

/** The first `k` of `ranked` (best first) that pad no pathway kept before them. */
export function withoutDetours(ranked: readonly Pathway[], k: number): Pathway[] {
  const kept: Pathway[] = [];
  for (const p of ranked) {
    if (kept.length === k) break;
    if (!kept.some((a) => pads(p, a))) kept.push(p);
  }
  return kept;
}

/** How many pathways to ask the engine for, to keep `k` once detours are left out. */
export const DETOUR_SEARCH_FACTOR = 3;
