/**
 * A deliberately simple reference for the pathway engine, written from the cost model
 * (docs/cost-model.md) and sharing no code with src/graph except `experienceMonths`:
 * enumerate every loopless path, every way of earning certifications step by step, evaluate,
 * filter, sort. Exponential; for small graphs only.
 */
import { experienceMonths } from '../../src/graph/cost.js';
import type {
  GraphInput,
  Pathway,
  PathwayQuery,
  PathwayStep,
  Profile,
  RankBy,
  ReachableQuery,
  RequirementChoice,
  TransitionInput,
} from '../../src/graph/types.js';

interface Evaluated {
  pathway: Pathway;
  months: number;
  cost: number;
  count: number;
  steps: number;
  ids: number[];
}

function certRankOf(input: GraphInput): Map<number, number> {
  const sorted = [...input.certifications].sort(
    (a, b) =>
      (a.examFeeUsd ?? 0) - (b.examFeeUsd ?? 0) || (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0) || a.id - b.id,
  );
  return new Map(sorted.map((c, i) => [c.id, i]));
}

/** Every loopless path from `from` (as transitions), ending where `isEnd` says; `allowed` filters later roles. */
function simplePaths(
  input: GraphInput,
  from: number,
  isEnd: (role: number) => boolean,
  allowed: (role: number) => boolean,
  keepPrefixes: boolean,
): TransitionInput[][] {
  const out: TransitionInput[][] = [];
  const path: TransitionInput[] = [];
  const visited = new Set<number>([from]);
  const walk = (at: number) => {
    for (const t of input.transitions) {
      if (t.from !== at || visited.has(t.to) || !allowed(t.to)) continue;
      path.push(t);
      visited.add(t.to);
      if (isEnd(t.to)) out.push([...path]);
      else {
        if (keepPrefixes) out.push([...path]);
        walk(t.to);
      }
      visited.delete(t.to);
      path.pop();
    }
  };
  walk(from);
  return out;
}

/** Every set of certifications a learner may end up earning along the path, choosing an option per unmet group. */
function earningPlans(path: TransitionInput[], held: ReadonlySet<number>): Set<number>[] {
  const plans = new Map<string, Set<number>>();
  const rec = (step: number, group: number, have: Set<number>, earned: Set<number>): void => {
    if (step === path.length) {
      plans.set([...earned].sort((a, b) => a - b).join(','), earned);
      return;
    }
    const groups = path[step]!.requirementGroups;
    if (group === groups.length) return rec(step + 1, 0, have, earned);
    const g = groups[group]!;
    if (g.some((c) => have.has(c))) return rec(step, group + 1, have, earned);
    for (const c of new Set(g)) rec(step, group + 1, new Set([...have, c]), new Set([...earned, c]));
  };
  rec(0, 0, new Set(held), new Set());
  return [...plans.values()];
}

function evaluate(
  input: GraphInput,
  from: number,
  path: TransitionInput[],
  profile: Profile,
  countFirst: boolean,
  maxCost: number,
): Evaluated | null {
  const roles = new Map(input.roles.map((r) => [r.id, r]));
  const certs = new Map(input.certifications.map((c) => [c.id, c]));
  const programs = new Map(input.programs.map((p) => [p.id, p]));
  const rank = certRankOf(input);
  const held = new Set(profile.heldCertifications ?? []);

  // Training, independent of the certification plan.
  let trainingCost = 0;
  {
    const done = new Set(profile.completedPrograms ?? []);
    for (const t of path)
      for (const p of t.training)
        if (!done.has(p)) {
          done.add(p);
          trainingCost += programs.get(p)!.typicalCostUsd ?? 0;
        }
  }

  // Best plan under the ranking's objective, ties by sorted certification ranks.
  let best: { plan: Set<number>; fee: number; ranks: number[] } | null = null;
  for (const plan of earningPlans(path, held)) {
    const fee = [...plan].reduce((s, c) => s + (certs.get(c)!.examFeeUsd ?? 0), 0);
    if (countFirst && trainingCost + fee > maxCost) continue;
    const ranks = [...plan].map((c) => rank.get(c)!).sort((a, b) => a - b);
    if (best !== null) {
      const a = countFirst ? [plan.size, fee] : [fee, plan.size];
      const b = countFirst ? [best.plan.size, best.fee] : [best.fee, best.plan.size];
      const cmp = a[0]! - b[0]! || a[1]! - b[1]! || compareArrays(ranks, best.ranks);
      if (cmp >= 0) continue;
    }
    best = { plan, fee, ranks };
  }
  if (best === null) return null;

  // Walk the path and report.
  const have = new Set(held);
  const done = new Set(profile.completedPrograms ?? []);
  const steps: PathwayStep[] = [];
  let month = 0;
  let unknown = false;
  let exam = 0;
  for (const [i, t] of path.entries()) {
    const exp = experienceMonths(t.minYearsExperience, i === 0 ? (profile.yearsInCurrentRole ?? 0) : 0);
    let trainMonths = 0;
    let trainCost = 0;
    const completed: number[] = [];
    for (const p of [...new Set(t.training)].sort((a, b) => a - b)) {
      if (done.has(p)) continue;
      done.add(p);
      const prog = programs.get(p)!;
      trainMonths += prog.minMonths;
      trainCost += prog.typicalCostUsd ?? 0;
      if (prog.typicalCostUsd === null) unknown = true;
      completed.push(p);
    }
    const earned: number[] = [];
    const choices: RequirementChoice[] = [];
    let fees = 0;
    for (const g of t.requirementGroups) {
      const options = [...new Set(g)].sort((a, b) => rank.get(a)! - rank.get(b)!);
      let by = options.find((c) => have.has(c));
      let already = by !== undefined && !earned.includes(by);
      if (by === undefined) {
        by = options.find((c) => best.plan.has(c))!;
        have.add(by);
        earned.push(by);
        fees += certs.get(by)!.examFeeUsd ?? 0;
        if (certs.get(by)!.examFeeUsd === null) unknown = true;
        already = false;
      }
      choices.push({ anyOf: options, satisfiedBy: by, alreadyHeld: already });
    }
    exam += fees;
    const fromRole = roles.get(t.from)!;
    const toRole = roles.get(t.to)!;
    steps.push({
      transitionId: t.id,
      fromRoleId: t.from,
      toRoleId: t.to,
      crossesTracks: fromRole.trackId !== toRole.trackId,
      experienceMonths: exp,
      trainingMonths: trainMonths,
      trainingCostUsd: trainCost,
      examFeesUsd: fees,
      months: exp + trainMonths,
      costUsd: trainCost + fees,
      certificationsToEarn: earned,
      programsToComplete: completed,
      requirementChoices: choices,
      startMonth: month,
      endMonth: month + exp + trainMonths,
    });
    month += exp + trainMonths;
  }
  const earnedAll = steps.flatMap((s) => s.certificationsToEarn);
  const pathway: Pathway = {
    roleIds: [from, ...path.map((t) => t.to)],
    transitionIds: path.map((t) => t.id),
    steps,
    totalMonths: month,
    totalCostUsd: trainingCost + exam,
    totalTrainingCostUsd: trainingCost,
    totalExamFeesUsd: exam,
    certificationsToEarn: earnedAll,
    newCertifications: earnedAll.length,
    stepCount: path.length,
    crossesTracks: steps.some((s) => s.crossesTracks),
    costIncludesUnknowns: unknown,
  };
  return {
    pathway,
    months: month,
    cost: trainingCost + exam,
    count: earnedAll.length,
    steps: path.length,
    ids: pathway.transitionIds,
  };
}

function compareArrays(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < a.length && i < b.length; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}

function metricOrder(rankBy: RankBy, e: Evaluated): number[] {
  switch (rankBy) {
    case 'FASTEST':
      return [e.months, e.cost, e.count, e.steps];
    case 'CHEAPEST':
      return [e.cost, e.months, e.count, e.steps];
    case 'FEWEST_NEW_CERTIFICATIONS':
      return [e.count, e.months, e.cost, e.steps];
    case 'FEWEST_STEPS':
      return [e.steps, e.months, e.cost, e.count];
  }
}

function allowedRole(input: GraphInput, from: number, profileConstraints: PathwayQuery['constraints']) {
  const track = new Map(input.roles.map((r) => [r.id, r.trackId]));
  const avoid = new Set(profileConstraints?.avoidRoles ?? []);
  const only = profileConstraints?.onlyTracks ? new Set(profileConstraints.onlyTracks) : null;
  return (role: number) => role === from || (!avoid.has(role) && (only === null || only.has(track.get(role)!)));
}

export function bruteFindPathways(input: GraphInput, q: PathwayQuery): Pathway[] {
  const c = q.constraints ?? {};
  const track = new Map(input.roles.map((r) => [r.id, r.trackId]));
  const isEnd =
    q.to !== undefined ? (r: number) => r === q.to : (r: number) => r !== q.from && track.get(r) === q.toTrack;
  const maxCost = c.maxCostUsd ?? Infinity;
  const found: Evaluated[] = [];
  for (const path of simplePaths(input, q.from, isEnd, allowedRole(input, q.from, c), false)) {
    const e = evaluate(input, q.from, path, q.profile ?? {}, q.rankBy === 'FEWEST_NEW_CERTIFICATIONS', maxCost);
    if (e === null) continue;
    if (e.steps > (c.maxSteps ?? Infinity) || e.months > (c.maxMonths ?? Infinity) || e.cost > maxCost) continue;
    found.push(e);
  }
  found.sort(
    (a, b) => compareArrays(metricOrder(q.rankBy, a), metricOrder(q.rankBy, b)) || compareArrays(a.ids, b.ids),
  );
  return found.slice(0, q.k).map((e) => e.pathway);
}

export interface BruteReachable {
  roleId: number;
  earliestMonth: number;
  stepCount: number;
  transitionIds: number[];
  pathway: Pathway;
}

export function bruteReachableRoles(input: GraphInput, q: ReachableQuery): BruteReachable[] {
  const c = q.constraints ?? {};
  const maxMonths = Math.min(q.withinMonths, c.maxMonths ?? Infinity);
  const best = new Map<number, Evaluated>();
  for (const path of simplePaths(input, q.from, () => false, allowedRole(input, q.from, c), true)) {
    const e = evaluate(input, q.from, path, q.profile ?? {}, false, Infinity)!;
    if (e.steps > (c.maxSteps ?? Infinity) || e.months > maxMonths || e.cost > (c.maxCostUsd ?? Infinity)) continue;
    const to = path[path.length - 1]!.to;
    const known = best.get(to);
    if (
      known === undefined ||
      compareArrays([e.months, e.steps], [known.months, known.steps]) < 0 ||
      (e.months === known.months && e.steps === known.steps && compareArrays(e.ids, known.ids) < 0)
    )
      best.set(to, e);
  }
  return [...best.entries()]
    .map(([roleId, e]) => ({
      roleId,
      earliestMonth: e.months,
      stepCount: e.steps,
      transitionIds: e.ids,
      pathway: e.pathway,
    }))
    .sort((a, b) => a.earliestMonth - b.earliestMonth || a.stepCount - b.stepCount || a.roleId - b.roleId);
}
