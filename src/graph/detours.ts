/**
 * Pathways that only pad a better one. Among the k best pathways, the second and third are often
 * the first with a detour added: medical assistant → clinical medical assistant (0 months, and a
 * $250 exam) → ... → registered nurse, after the same route without it. Ranked exactly, they are
 * the next best; shown to a student beside the route they pad, they read as alternatives and hide
 * a different route (the direct nursing degree). `skipDetours` leaves them out (docs/cost-model.md).
 */
import type { Pathway } from './types.js';

/**
 * Whether `b` pads `a` (both to the same role, b no sooner, no cheaper, with no fewer new
 * certifications and no fewer moves): with more moves, at any months, b only adds stops that nothing
 * after them uses and where it works at none (stopsOnTheWay: a 0-month step through another role
 * that only adds an exam or a fee is one); or, at the same months, b asks what a asks, where a asks
 * it, and hops between roles asking nothing (hopsAround), as many hops as a's or more: from a nursing
 * assistant to respiratory therapists, three routes through physical therapist aides, occupational
 * therapy aides and orderlies, each "not needed", then the same degree, read as three choices. A
 * route through another role where the student works (a medical assistant working as an LPN for a
 * year before the RN bridge), or whose step there counts for a later one, is not padding, even at
 * the same total months as a direct degree.
 */
function pads(b: Pathway, a: Pathway, unknownTime: (step: Step) => boolean): boolean {
  if (b.stepCount < a.stepCount || b.totalMonths < a.totalMonths) return false;
  if (b.totalCostUsd < a.totalCostUsd || b.newCertifications < a.newCertifications) return false;
  if (b.stepCount === a.stepCount) return b.totalMonths === a.totalMonths && hopsAround(b, a, unknownTime);
  let i = 0;
  for (const role of b.roleIds) if (role === a.roleIds[i]) i++;
  // a's roles in order, with stops nothing after them uses and where b works at none. (A rule that
  // took any 0-month stop at the same months as padding went: it dropped medical assistant →
  // administrative MA → department supervisor, three years' work as an administrative MA, beside
  // the same three years as a medical assistant.)
  if (
    i === a.roleIds.length &&
    b.roleIds[0] === a.roleIds[0] &&
    b.roleIds.at(-1) === a.roleIds.at(-1) &&
    stopsOnTheWay(b, a, unknownTime)
  )
    return true;
  return b.totalMonths === a.totalMonths && hopsAround(b, a, unknownTime);
}

type Step = Pathway['steps'][number];

/**
 * Whether b's step asks at least what a's step into the same role asks: no fewer months, every
 * program and certification a's completes or earns, and time of unknown length where a's has it
 * (`unknownTime`). Where b's asks less in any of these, a stop before it counts for it.
 */
function asksNoLess(b: Step, a: Step, unknownTime: (step: Step) => boolean): boolean {
  return (
    b.months >= a.months &&
    a.programsToComplete.every((p) => b.programsToComplete.includes(p)) &&
    a.certificationsToEarn.every((c) => b.certificationsToEarn.includes(c)) &&
    (unknownTime(b) || !unknownTime(a))
  );
}

/**
 * Whether b is a (whose roles b visits in order) with stops added that nothing after them uses: b
 * moves into each of a's roles asking no less than a's move into it asks (asksNoLess: months,
 * programs, certifications, time of unknown length), so what b earned at a stop counts for none of
 * them, and b works at no stop: a move out of one asks no experience there, nor experience of
 * unknown length beyond what a's move into the same role asks (a route whose every part is timed is
 * never padding of one with a part of unknown length). Under CHEAPEST, medical
 * assistant → EKG technician → licensed practical nurse → registered nurse came after the same route
 * without the EKG course: a month and a certification more, the same practical nursing program
 * after it, and the direct nursing degree pushed off the list. The LPN route beside the direct
 * degree is no such stop: the bridge program into RN is not the degree a takes there.
 */
function stopsOnTheWay(b: Pathway, a: Pathway, unknownTime: (step: Step) => boolean): boolean {
  const onA = new Set(a.roleIds);
  const into = new Map(a.steps.map((step) => [step.toRoleId, step]));
  return b.steps.every((step) => {
    const theirs = into.get(step.toRoleId);
    if (theirs !== undefined && !asksNoLess(step, theirs, unknownTime)) return false;
    // Leaving a stop: no work there (time of unknown length a's move into the same role asks too is
    // the destination's, not the stop's).
    const unknownHere = unknownTime(step) && !(theirs !== undefined && unknownTime(theirs));
    return onA.has(step.fromRoleId) || (step.experienceMonths === 0 && !unknownHere);
  });
}

/**
 * Whether b spends its time and earns its programs and certifications exactly where a does (the same
 * steps into the same roles, in order, each with the same months and programs) and otherwise only
 * hops through roles asking nothing. Over O*NET's related occupations, a pathway to radiologic
 * technologists after one through physical therapist aides went through tellers and gambling cage
 * workers: six moves asking nothing, then the same associate's degree.
 */
function hopsAround(b: Pathway, a: Pathway, unknownTime: (step: Step) => boolean): boolean {
  if (b.roleIds.at(-1) !== a.roleIds.at(-1)) return false;
  // Asking nothing counted: no time, no program, no certification. Time of unknown length counts
  // against b, not for it: on a, such a step is one b does not match (b, asking nothing there, may
  // be the one whose time is known); on b, it is one more hop.
  const free = (step: Step) =>
    step.months === 0 && step.programs.length === 0 && step.certificationsToEarn.length === 0;
  // Experience is spent in the role a step starts from: years there are not years elsewhere, and
  // neither is work of unknown length (BLS's "less than 5 years", counted as 0 months) as physical
  // therapist aides beside the same as occupational therapy aides. A step of unknown length is not
  // the same as one of known length (a fully timed route never pads one with a part of unknown length).
  const key = (step: Step) => {
    const unknown = unknownTime(step);
    return (
      `${step.experienceMonths > 0 || unknown ? step.fromRoleId : ''}>${step.toRoleId}:${step.months}:` +
      `${step.programsToComplete.join(',')}:${step.certificationsToEarn.join(',')}:${unknown ? '?' : ''}`
    );
  };
  const aKeys = a.steps.filter((step) => !free(step) || unknownTime(step)).map(key);
  const bKeys = b.steps.filter((step) => !free(step)).map(key);
  return aKeys.length === bKeys.length && aKeys.every((k, j) => k === bKeys[j]);
}

/**
 * The first `k` of `ranked` (best first) that pad no pathway kept before them. `unknownTime` says
 * which steps ask for time of unknown length that counts as 0 months (experience BLS gives no least
 * amount for, training no source describes where the learner is asked it): such a step is not one
 * that asks nothing. (Padding is not transitive: b may pad a,
 * a detour of c, and still work somewhere c does not; comparing with every pathway ranked before,
 * kept or not, dropped such routes, and was undone.)
 */
export function withoutDetours(
  ranked: readonly Pathway[],
  k: number,
  unknownTime: (step: Step) => boolean = () => false,
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
