/**
 * Pathways that only pad a better one. Among the k best pathways, the second and third are often
 * the first with a detour added: medical assistant → clinical medical assistant (0 months, and a
 * $250 exam) → ... → registered nurse, after the same route without it. Ranked exactly, they are
 * the next best; shown to a student beside the route they pad, they read as alternatives and hide
 * a different route (the direct nursing degree). `skipDetours` leaves them out (docs/cost-model.md).
 */
import type { Pathway } from './types.js';

/**
 * Whether `b` pads `a`: b visits a's roles in the same order, and every move of b into a role a
 * does not visit takes no time at all (0 months), and b is no cheaper (counted cost) and earns no
 * fewer new certifications: it only adds exams or fees on the way. A route through another role
 * that takes time there (a medical assistant working as an LPN for a year before the RN bridge) is
 * not padding, even at the same total months as a direct degree: the student works in that role.
 */
function pads(b: Pathway, a: Pathway): boolean {
  if (b.stepCount <= a.stepCount || b.totalMonths !== a.totalMonths) return false;
  if (b.totalCostUsd < a.totalCostUsd || b.newCertifications < a.newCertifications) return false;
  let i = 0;
  for (const role of b.roleIds) if (role === a.roleIds[i]) i++;
  if (i !== a.roleIds.length) return false;
  const onA = new Set(a.roleIds);
  return b.steps.every((step) => onA.has(step.toRoleId) || step.months === 0);
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

/** How many pathways to ask the engine for, to keep `k` once detours are left out (and again, once). */
export const DETOUR_SEARCH_FACTOR = 3;
