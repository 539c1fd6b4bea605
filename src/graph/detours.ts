/**
 * Pathways that only pad a better one. Among the k best pathways, the second and third are often
 * the first with a detour added: medical assistant → clinical medical assistant (0 months, and a
 * $250 exam) → ... → registered nurse, after the same route without it. Ranked exactly, they are
 * the next best; shown to a student beside the route they pad, they read as alternatives and hide
 * a different route (the direct nursing degree). `skipDetours` leaves them out (docs/cost-model.md).
 */
import type { Pathway } from './types.js';

/**
 * Whether `b` pads `a` (both to the same role, b no cheaper, with no fewer new certifications and
 * more moves at the same months): b visits a's roles in the same order, and every move of b into a
 * role a does not visit takes no time at all (0 months): it only adds exams or fees on the way; or
 * b asks what a asks, where a asks it, and hops between roles asking nothing (hopsAround). A route through another role
 * that takes time there (a medical assistant working as an LPN for a year before the RN bridge) is
 * not padding, even at the same total months as a direct degree: the student works in that role.
 */
function pads(b: Pathway, a: Pathway, unknownTime: (transitionId: number) => boolean): boolean {
  if (b.stepCount <= a.stepCount || b.totalMonths !== a.totalMonths) return false;
  if (b.totalCostUsd < a.totalCostUsd || b.newCertifications < a.newCertifications) return false;
  let i = 0;
  for (const role of b.roleIds) if (role === a.roleIds[i]) i++;
  if (i === a.roleIds.length) {
    const onA = new Set(a.roleIds);
    if (b.steps.every((step) => onA.has(step.toRoleId) || step.months === 0)) return true;
  }
  return hopsAround(b, a, unknownTime);
}

type Step = Pathway['steps'][number];

/**
 * Whether b spends its time and earns its programs and certifications exactly where a does (the same
 * steps into the same roles, in order, each with the same months and programs) and otherwise only
 * hops through roles asking nothing. Over O*NET's related occupations, a pathway to radiologic
 * technologists after one through physical therapist aides went through tellers and gambling cage
 * workers: six moves asking nothing, then the same associate's degree.
 */
function hopsAround(b: Pathway, a: Pathway, unknownTime: (transitionId: number) => boolean): boolean {
  if (b.roleIds.at(-1) !== a.roleIds.at(-1)) return false;
  // Asking nothing counted: no time, no program, no certification. Time of unknown length counts
  // against b, not for it: on a, such a step is one b does not match (b, asking nothing there, may
  // be the one whose time is known); on b, it is one more hop.
  const free = (step: Step) =>
    step.months === 0 && step.programs.length === 0 && step.certificationsToEarn.length === 0;
  // Experience is spent in the role a step starts from: years there are not years elsewhere.
  const key = (step: Step) =>
    `${step.experienceMonths > 0 ? step.fromRoleId : ''}>${step.toRoleId}:${step.months}:` +
    `${step.programsToComplete.join(',')}:${step.certificationsToEarn.join(',')}`;
  const aKeys = a.steps.filter((step) => !free(step) || unknownTime(step.transitionId)).map(key);
  const bKeys = b.steps.filter((step) => !free(step)).map(key);
  return aKeys.length === bKeys.length && aKeys.every((k, j) => k === bKeys[j]);
}

/**
 * The first `k` of `ranked` (best first) that pad no pathway kept before them. `unknownTime` says
 * which moves ask for time of unknown length that counts as 0 months (experience BLS gives no least
 * amount for): such a move is not one that asks nothing.
 */
export function withoutDetours(
  ranked: readonly Pathway[],
  k: number,
  unknownTime: (transitionId: number) => boolean = () => false,
): Pathway[] {
  const kept: Pathway[] = [];
  for (const p of ranked) {
    if (kept.length === k) break;
    if (!kept.some((a) => pads(p, a, unknownTime))) kept.push(p);
  }
  return kept;
}

/** How many pathways to ask the engine for, to keep `k` once detours are left out (and again, once). */
export const DETOUR_SEARCH_FACTOR = 3;
