/**
 * A deliberately simple reference for the pathway engine, written from the cost model
 * (docs/cost-model.md) and sharing no code with src/graph except `experienceMonths`: enumerate every
 * loopless path and every way of meeting each step's requirements (option and eligibility route),
 * evaluate, filter, sort. Exponential; for small graphs only.
 */
import { experienceMonths } from '../../src/graph/cost.js';
import type {
  CertificationInput,
  GraphInput,
  Pathway,
  PathwayQuery,
  PathwayStep,
  Profile,
  ProgramInput,
  ProgramTaken,
  RankBy,
  ReachableQuery,
  RequirementChoice,
  RouteUse,
  TransitionInput,
  UnknownCost,
} from '../../src/graph/types.js';

const cents = (usd: number | null | undefined) => (usd == null ? 0 : Math.round(usd * 100));

interface World {
  input: GraphInput;
  certs: Map<number, CertificationInput>;
  programs: Map<number, ProgramInput>;
  /** Certification ids in option order: counted fee, known fee first, slug, id. */
  rank: Map<number, number>;
  bridging: Set<number>;
}

function world(input: GraphInput): World {
  const certs = new Map(input.certifications.map((c) => [c.id, c]));
  const fee = (c: CertificationInput) => cents(c.examFeeUsd ?? c.feeEstimateUsd);
  const sorted = [...input.certifications].sort(
    (a, b) =>
      fee(a) - fee(b) ||
      Number(b.examFeeUsd != null) - Number(a.examFeeUsd != null) ||
      (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0) ||
      a.id - b.id,
  );
  return {
    input,
    certs,
    programs: new Map(input.programs.map((p) => [p.id, p])),
    rank: new Map(sorted.map((c, i) => [c.id, i])),
    bridging: new Set((input.tracks ?? []).filter((t) => t.bridging).map((t) => t.id)),
  };
}

/** Program p with its prerequisites first, depth first, each once. */
function takeOrder(w: World, p: number, out: number[] = []): number[] {
  if (out.includes(p)) return out;
  for (const q of w.programs.get(p)!.prerequisites ?? []) takeOrder(w, q, out);
  if (!out.includes(p)) out.push(p);
  return out;
}

/** Every program a certification's routes may take, transitively through the certifications they ask. */
function certPrograms(w: World, c: number, seen = new Set<number>(), out = new Set<number>()): Set<number> {
  if (seen.has(c)) return out;
  seen.add(c);
  for (const r of routesOf(w.certs.get(c)!)) {
    if (r.program !== undefined) for (const q of takeOrder(w, r.program)) out.add(q);
    if (r.certification !== undefined) certPrograms(w, r.certification, seen, out);
  }
  return out;
}

/**
 * The group whose options program p of move t trains for, if a learner holding one of them need not
 * take p: p is a route of an option of exactly one group, no other program of the move takes it
 * first, and no other group's options may take it on their way.
 */
function waiverGroup(w: World, t: TransitionInput, p: number): number[] | undefined {
  const offering = t.requirementGroups.filter((g) =>
    g.some((c) => routesOf(w.certs.get(c)!).some((r) => r.program === p)),
  );
  if (offering.length !== 1) return undefined;
  const group = [...new Set(offering[0]!)].sort((a, b) => w.rank.get(a)! - w.rank.get(b)!);
  if (t.training.some((q) => q !== p && takeOrder(w, q).includes(p))) return undefined;
  const same = (g: readonly number[]) => {
    const u = [...new Set(g)];
    return u.length === group.length && u.every((c) => group.includes(c));
  };
  if (t.requirementGroups.some((g) => !same(g) && g.some((c) => certPrograms(w, c).has(p)))) return undefined;
  return group;
}

interface Learner {
  months: number;
  cents: number;
  count: number;
  work: number;
  held: Set<number>;
  done: Set<number>;
}

interface Detail {
  /** Months worked and programs completed before the step. */
  workBefore: number;
  doneBefore: ReadonlySet<number>;
  experience: number;
  /** Experience the move asks that the learner's years in their role cover. */
  counted: number;
  training: number;
  wait: number;
  programs: ProgramTaken[];
  /** The move's training skipped: it leads to a certification of a group the learner holds one of. */
  notNeeded: { programId: number; heldCertificationId: number; anyOf: number[] }[];
  /** The move's training taken, which an option of its group held at the start would have spared. */
  sparable: { programId: number; anyOf: number[] }[];
  /** The move's training completed before the step. */
  alreadyDone: number[];
  earned: { cert: number; route: RouteUse }[];
  /** Unknown costs in the order they arise. */
  unknown: UnknownCost[];
}

type Choice = { cert: number; route: number };

function startOf(w: World, from: number, profile: Profile): Learner {
  const role = w.input.roles.find((r) => r.id === from)!;
  const done = new Set<number>();
  const implied = profile.startRoleTrainingCompleted === false ? [] : (role.impliedPrograms ?? []);
  for (const p of [...(profile.completedPrograms ?? []), ...implied]) for (const q of takeOrder(w, p)) done.add(q);
  return {
    months: 0,
    cents: 0,
    count: 0,
    work: Math.floor((profile.yearsInCurrentRole ?? 0) * 12 + 1e-9),
    held: new Set([...(profile.heldCertifications ?? []), ...(role.impliedCertifications ?? [])]),
    done,
  };
}

const copy = (l: Learner): Learner => ({ ...l, held: new Set(l.held), done: new Set(l.done) });

/**
 * Whether move t's undescribed training (GraphInput.unknownTrainingTransitions) is asked of a learner
 * who started holding `held`: not on a move that asks certifications, every one of them held.
 */
const asksUndescribed = (input: GraphInput, t: TransitionInput, held: ReadonlySet<number>): boolean =>
  (input.unknownTrainingTransitions ?? []).includes(t.id) &&
  !(t.requirementGroups.length > 0 && t.requirementGroups.every((g) => g.some((c) => held.has(c))));

/** Whether move t has a part of no known length for a learner who started holding `held`. */
const untimedFor = (w: World, t: TransitionInput, held: ReadonlySet<number>): boolean =>
  (w.input.untimedTransitions ?? []).includes(t.id) ||
  asksUndescribed(w.input, t, held) ||
  t.training.some((p) => p < 0 && w.programs.get(p)!.minMonths === 0);

function programMonths(w: World, p: number, partTime: boolean): number {
  const m = w.programs.get(p)!.minMonths;
  return partTime ? Math.ceil(m * 2 - 1e-9) : m;
}

function take(w: World, l: Learner, d: Detail, p: number, reason: ProgramTaken['reason'], partTime: boolean) {
  for (const q of takeOrder(w, p)) {
    if (l.done.has(q)) continue;
    const prog = w.programs.get(q)!;
    const m = programMonths(w, q, partTime);
    const c = cents(prog.typicalCostUsd ?? prog.costEstimateUsd);
    l.months += m;
    d.training += m;
    l.cents += c;
    l.done.add(q);
    if (prog.typicalCostUsd === null)
      d.unknown.push({ kind: 'PROGRAM', id: q, estimateUsd: prog.costEstimateUsd ?? null });
    d.programs.push({
      programId: q,
      reason: q === p ? reason : 'PREREQUISITE',
      months: m,
      costUsd: c / 100,
      costKnown: prog.typicalCostUsd !== null,
    });
  }
}

/** Routes of a certification; none means one open route. */
function routesOf(c: CertificationInput) {
  return c.routes && c.routes.length ? c.routes : [{}];
}

function routeMet(l: Learner, r: ReturnType<typeof routesOf>[number]): boolean {
  if (r.program !== undefined) return l.done.has(r.program);
  if (r.minMonthsExperience !== undefined) return l.work >= Math.ceil(r.minMonthsExperience - 1e-9);
  if (r.certification !== undefined) return l.held.has(r.certification);
  return true;
}

/**
 * Every way to earn certification c: a route already met, or each route: a program, a wait, or
 * holding another certification earned first the same way (not one already on the chain, and not
 * an option of the group itself).
 */
function earnWays(
  w: World,
  cur: Learner,
  det: Detail,
  c: number,
  chain: number[],
  groupOptions: number[],
  partTime: boolean,
): { l: Learner; d: Detail; choices: Choice[] }[] {
  const cert = w.certs.get(c)!;
  const routes = routesOf(cert);
  const met = routes.findIndex((r) => routeMet(cur, r));
  const out: { l: Learner; d: Detail; choices: Choice[] }[] = [];
  const finish = (n: Learner, nd: Detail, ri: number, use: RouteUse, before: Choice[]) => {
    n.cents += cents(cert.examFeeUsd ?? cert.feeEstimateUsd);
    if (cert.examFeeUsd === null) nd.unknown.push({ kind: 'EXAM', id: c, estimateUsd: cert.feeEstimateUsd ?? null });
    n.count++;
    n.held.add(c);
    nd.earned.push({ cert: c, route: use });
    out.push({ l: n, d: nd, choices: [...before, { cert: c, route: ri }] });
  };
  const fork = (l: Learner, d: Detail) => ({
    n: copy(l),
    nd: { ...d, programs: [...d.programs], earned: [...d.earned], unknown: [...d.unknown] },
  });
  const tries = met >= 0 ? [met] : routes.map((_, i) => i);
  for (const ri of tries) {
    const r = routes[ri]!;
    if (r.certification !== undefined) {
      if (met >= 0) {
        const { n, nd } = fork(cur, det);
        finish(n, nd, ri, { kind: 'CERTIFICATION', certificationId: r.certification }, []);
        continue;
      }
      const x = r.certification;
      if (x === c || chain.includes(x) || groupOptions.includes(x)) continue;
      for (const way of earnWays(w, cur, det, x, [...chain, c], groupOptions, partTime)) {
        const { n, nd } = fork(way.l, way.d);
        finish(n, nd, ri, { kind: 'CERTIFICATION', certificationId: x }, way.choices);
      }
      continue;
    }
    const { n, nd } = fork(cur, det);
    let use: RouteUse;
    if (r.program !== undefined) {
      if (met < 0) take(w, n, nd, r.program, 'ELIGIBILITY', partTime);
      use = { kind: 'PROGRAM', programId: r.program, alreadyMet: met >= 0 && det.doneBefore.has(r.program) };
    } else if (r.minMonthsExperience !== undefined) {
      const need = Math.ceil(r.minMonthsExperience - 1e-9);
      const wait = met >= 0 ? 0 : need - n.work;
      n.months += wait;
      nd.wait += wait;
      n.work += wait;
      use = { kind: 'EXPERIENCE', months: need, alreadyMet: met >= 0 && det.workBefore >= need, waitMonths: wait };
    } else use = { kind: 'OPEN' };
    finish(n, nd, ri, use, []);
  }
  return out;
}

/** Every way to take move t from learner `l`: [state after, choices, details]. */
function stepWays(
  w: World,
  l0: Learner,
  t: TransitionInput,
  first: boolean,
  profile: Profile,
  /** What the learner held at the start of the pathway. */
  startHeld: ReadonlySet<number>,
): { l: Learner; choices: Choice[]; d: Detail }[] {
  const partTime = profile.studyLoad === 'PART_TIME';
  const l = copy(l0);
  const d: Detail = {
    workBefore: l.work,
    doneBefore: new Set(l.done),
    experience: 0,
    counted: 0,
    training: 0,
    wait: 0,
    programs: [],
    notNeeded: [],
    sparable: [],
    alreadyDone: [],
    earned: [],
    unknown: [],
  };
  d.experience = experienceMonths(t.minYearsExperience, first ? (profile.yearsInCurrentRole ?? 0) : 0);
  d.counted = experienceMonths(t.minYearsExperience) - d.experience;
  l.months += d.experience;
  l.work += d.experience;
  for (const p of [...new Set(t.training)].sort((a, b) => a - b)) {
    // A program that is an eligibility route of an option of the move's first group offering one is
    // not needed by a learner who held any option of that group at the start of the pathway.
    if (d.doneBefore.has(p)) d.alreadyDone.push(p);
    const group = waiverGroup(w, t, p);
    const holding = group?.find((c) => startHeld.has(c));
    if (holding !== undefined && !l.done.has(p))
      d.notNeeded.push({ programId: p, heldCertificationId: holding, anyOf: group! });
    else {
      if (group !== undefined && !l.done.has(p)) d.sparable.push({ programId: p, anyOf: group });
      take(w, l, d, p, 'TRAINING', partTime);
    }
  }
  const out: { l: Learner; choices: Choice[]; d: Detail }[] = [];
  const groups = (gi: number, cur: Learner, det: Detail, choices: Choice[]) => {
    while (gi < t.requirementGroups.length && t.requirementGroups[gi]!.some((c) => cur.held.has(c))) gi++;
    if (gi === t.requirementGroups.length) {
      out.push({ l: cur, choices, d: det });
      return;
    }
    const options = [...new Set(t.requirementGroups[gi]!)].sort((a, b) => w.rank.get(a)! - w.rank.get(b)!);
    for (const c of options)
      for (const way of earnWays(w, cur, det, c, [], options, partTime))
        groups(gi + 1, way.l, way.d, [...choices, ...way.choices]);
  };
  groups(0, l, d, []);
  return out;
}

/** Every loopless path from `from` (as transitions), ending where `isEnd` says; `allowed` filters later roles. */
function simplePaths(
  input: GraphInput,
  from: number,
  isEnd: (role: number) => boolean,
  allowed: (t: TransitionInput) => boolean,
  keepPrefixes: boolean,
): TransitionInput[][] {
  const out: TransitionInput[][] = [];
  const path: TransitionInput[] = [];
  const visited = new Set<number>([from]);
  const walk = (at: number) => {
    for (const t of input.transitions) {
      if (t.from !== at || visited.has(t.to) || !allowed(t)) continue;
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

interface Evaluated {
  months: number;
  cents: number;
  count: number;
  steps: number;
  ids: number[];
  seq: number[];
  report: () => Pathway;
}

function compareArrays(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < a.length && i < b.length; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}

function metricOrder(rankBy: RankBy, e: Evaluated, untimed = 0): number[] {
  switch (rankBy) {
    case 'FASTEST':
      // Fewer moves with a part of no known length right after months (GraphInput.untimedTransitions).
      return [e.months, untimed, e.cents, e.count, e.steps];
    case 'CHEAPEST':
      return [e.cents, e.months, e.count, e.steps];
    case 'FEWEST_NEW_CERTIFICATIONS':
      return [e.count, e.months, e.cents, e.steps];
    case 'FEWEST_STEPS':
      return [e.steps, e.months, e.cents, e.count];
  }
}

/** The best way along `path` under the ranking and limits (null: none fits). */
function evaluate(
  w: World,
  from: number,
  path: TransitionInput[],
  profile: Profile,
  rankBy: RankBy,
  maxMonths: number,
  maxCents: number,
): Evaluated | null {
  let best: Evaluated | null = null;
  const rec = (
    i: number,
    l: Learner,
    trail: { l: Learner; choices: Choice[]; d: Detail; before: Learner }[],
    first: boolean,
  ) => {
    if (i === path.length) {
      const seq = trail.flatMap((x) => x.choices.flatMap((c) => [w.rank.get(c.cert)!, c.route]));
      const e: Evaluated = {
        months: l.months,
        cents: l.cents,
        count: l.count,
        steps: path.length,
        ids: path.map((t) => t.id),
        seq,
        report: () => report(w, from, path, trail, profile),
      };
      if (
        best === null ||
        compareArrays(metricOrder(rankBy, e), metricOrder(rankBy, best)) < 0 ||
        (compareArrays(metricOrder(rankBy, e), metricOrder(rankBy, best)) === 0 && compareArrays(seq, best.seq) < 0)
      )
        best = e;
      return;
    }
    const t = path[i]!;
    for (const way of stepWays(w, l, t, first, profile, start.held)) {
      if (way.l.months > maxMonths || way.l.cents > maxCents) continue;
      // The years in the start role still count after a curated move asking no experience and no
      // program that took no time (the same work under another title).
      const keeps =
        first &&
        (profile.yearsInCurrentRole ?? 0) > 0 &&
        t.estimated !== true &&
        !untimedFor(w, t, start.held) &&
        experienceMonths(t.minYearsExperience) === 0 &&
        t.training.length === 0 &&
        way.l.months === l.months;
      rec(i + 1, way.l, [...trail, { ...way, before: l }], keeps);
    }
  };
  const start = startOf(w, from, profile);
  rec(0, start, [], true);
  return best;
}

function report(
  w: World,
  from: number,
  path: TransitionInput[],
  trail: { l: Learner; choices: Choice[]; d: Detail; before: Learner }[],
  profile: Profile,
): Pathway {
  const roles = new Map(w.input.roles.map((r) => [r.id, r]));
  const start = startOf(w, from, profile);
  const steps: PathwayStep[] = path.map((t, i) => {
    const { l, d, before } = trail[i]!;
    let known = 0;
    let training = 0;
    for (const p of d.programs) {
      training += Math.round(p.costUsd * 100);
      if (p.costKnown) known += Math.round(p.costUsd * 100);
    }
    let exam = 0;
    for (const { cert } of d.earned) {
      const c = w.certs.get(cert)!;
      const fee = cents(c.examFeeUsd ?? c.feeEstimateUsd);
      exam += fee;
      if (c.examFeeUsd !== null) known += fee;
    }
    // The groups in order: satisfied by what was held before or earned earlier in the step, else earned.
    const choices: RequirementChoice[] = [];
    const earnedNow = new Set<number>();
    let next = 0;
    for (const g of t.requirementGroups) {
      const options = [...new Set(g)].sort((a, b) => w.rank.get(a)! - w.rank.get(b)!);
      const held = options.find((c) => before.held.has(c) || earnedNow.has(c));
      if (held !== undefined) {
        choices.push({
          anyOf: options,
          satisfiedBy: held,
          alreadyHeld: !earnedNow.has(held),
          heldAtStart: !earnedNow.has(held) && start.held.has(held),
          route: null,
        });
        continue;
      }
      let e = d.earned[next++]!;
      while (!options.includes(e.cert)) {
        earnedNow.add(e.cert);
        e = d.earned[next++]!;
      }
      earnedNow.add(e.cert);
      choices.push({ anyOf: options, satisfiedBy: e.cert, alreadyHeld: false, heldAtStart: false, route: e.route });
    }
    const a = roles.get(t.from)!.trackId;
    const b = roles.get(t.to)!.trackId;
    return {
      transitionId: t.id,
      fromRoleId: t.from,
      toRoleId: t.to,
      estimated: t.estimated === true,
      crossesTracks: a !== b && !w.bridging.has(a) && !w.bridging.has(b),
      experienceMonths: d.experience,
      experienceCountedMonths: d.counted,
      trainingMonths: d.training,
      eligibilityWaitMonths: d.wait,
      months: l.months - before.months,
      trainingCostUsd: training / 100,
      examFeesUsd: exam / 100,
      costUsd: (training + exam) / 100,
      knownCostUsd: known / 100,
      // An estimated move's certification and licence fees are unknown (docs/cost-model.md).
      unknownCosts: [
        ...d.unknown,
        ...(t.estimated === true && t.openEntry !== true
          ? [{ kind: 'LICENSING' as const, id: t.to, estimateUsd: null }]
          : []),
        ...(asksUndescribed(w.input, t, start.held)
          ? [{ kind: 'TRAINING' as const, id: t.id, estimateUsd: null }]
          : []),
      ],
      certificationsToEarn: d.earned.map((x) => x.cert),
      programs: d.programs,
      programsToComplete: d.programs.map((p) => p.programId),
      programsNotNeeded: d.notNeeded,
      programsSparable: d.sparable,
      workMonthsBefore: d.workBefore,
      programsAlreadyDone: d.alreadyDone,
      requirementChoices: choices,
      unknownTraining: asksUndescribed(w.input, t, start.held),
      startMonth: before.months,
      endMonth: l.months,
    };
  });
  const crossings: Pathway['crossings'] = [];
  let track: number | undefined;
  let via: number | undefined;
  for (const id of [from, ...path.map((t) => t.to)]) {
    const t = roles.get(id)!.trackId;
    if (w.bridging.has(t)) {
      if (track !== undefined) via = t;
      continue;
    }
    if (track !== undefined && t !== track)
      crossings.push({ fromTrackId: track, toTrackId: t, ...(via !== undefined ? { viaTrackId: via } : {}) });
    track = t;
    via = undefined;
  }
  const last = trail[trail.length - 1]!.l;
  const earned = steps.flatMap((s) => s.certificationsToEarn);
  const sum = (f: (s: PathwayStep) => number) =>
    Math.round(steps.reduce((x, s) => x + Math.round(f(s) * 100), 0)) / 100;
  return {
    roleIds: [from, ...path.map((t) => t.to)],
    transitionIds: path.map((t) => t.id),
    steps,
    totalMonths: last.months,
    totalCostUsd: sum((s) => s.costUsd),
    totalTrainingCostUsd: sum((s) => s.trainingCostUsd),
    totalExamFeesUsd: sum((s) => s.examFeesUsd),
    knownCostUsd: sum((s) => s.knownCostUsd),
    unknownCosts: steps.flatMap((s) => s.unknownCosts),
    certificationsToEarn: earned,
    newCertifications: earned.length,
    stepCount: path.length,
    estimatedSteps: steps.filter((s) => s.estimated).length,
    crossings,
    crossesTracks: crossings.length > 0,
    costIncludesUnknowns: steps.some((s) => s.unknownCosts.length > 0),
    studyLoad: profile.studyLoad ?? 'FULL_TIME',
  };
}

function allowedMove(
  input: GraphInput,
  from: number,
  q: { constraints?: PathwayQuery['constraints']; includeEstimated?: boolean; openEntries?: boolean },
) {
  const track = new Map(input.roles.map((r) => [r.id, r.trackId]));
  const c = q.constraints ?? {};
  const avoid = new Set(c.avoidRoles ?? []);
  const only = c.onlyTracks ? new Set(c.onlyTracks) : null;
  const role = (r: number) => r === from || (!avoid.has(r) && (only === null || only.has(track.get(r)!)));
  // An open entry (an estimated move into a curated role) only when asked for too, and only out of
  // the start; and then no move that leaves the curated roles.
  const usable = (t: TransitionInput) =>
    t.estimated !== true ||
    (q.includeEstimated === true &&
      (t.openEntry === true
        ? q.openEntries === true && t.from === from
        : t.leavesCurated !== true || q.openEntries !== true));
  return (t: TransitionInput) => usable(t) && role(t.to);
}

export function bruteFindPathways(input: GraphInput, q: PathwayQuery): Pathway[] {
  const w = world(input);
  const c = q.constraints ?? {};
  const track = new Map(input.roles.map((r) => [r.id, r.trackId]));
  const isEnd =
    q.to !== undefined ? (r: number) => r === q.to : (r: number) => r !== q.from && track.get(r) === q.toTrack;
  const maxCents = c.maxCostUsd === undefined ? Infinity : cents(c.maxCostUsd);
  const found: (Evaluated & { untimed: number })[] = [];
  // A move with a part of no known length: named so, or training in an estimated program of 0 months.
  const held = startOf(w, q.from, q.profile ?? {}).held;
  const untimed = (t: TransitionInput) => untimedFor(w, t, held);
  for (const path of simplePaths(input, q.from, isEnd, allowedMove(input, q.from, q), false)) {
    if (path.length > (c.maxSteps ?? Infinity)) continue;
    const e = evaluate(w, q.from, path, q.profile ?? {}, q.rankBy, c.maxMonths ?? Infinity, maxCents);
    if (e !== null) found.push({ ...e, untimed: path.filter(untimed).length });
  }
  found.sort(
    (a, b) =>
      compareArrays(metricOrder(q.rankBy, a, a.untimed), metricOrder(q.rankBy, b, b.untimed)) ||
      compareArrays(a.ids, b.ids),
  );
  return found.slice(0, q.k).map((e) => e.report());
}

export interface BruteReachable {
  roleId: number;
  earliestMonth: number;
  unknownLength: boolean;
  stepCount: number;
  transitionIds: number[];
  pathway: Pathway;
}

export function bruteReachableRoles(input: GraphInput, q: ReachableQuery): BruteReachable[] {
  const w = world(input);
  const c = q.constraints ?? {};
  const maxMonths = Math.min(q.withinMonths, c.maxMonths ?? Infinity);
  const maxCents = c.maxCostUsd === undefined ? Infinity : cents(c.maxCostUsd);
  const best = new Map<number, Evaluated & { untimed: number }>();
  // Moves with a part of unknown length: experience with no known least amount, or a training
  // program whose length no source gives (an entry program of 0 months, negative id).
  const held = startOf(w, q.from, q.profile ?? {}).held;
  const untimed = (t: TransitionInput) => untimedFor(w, t, held);
  for (const path of simplePaths(input, q.from, () => false, allowedMove(input, q.from, q), true)) {
    if (path.length > (c.maxSteps ?? Infinity)) continue;
    const e = evaluate(w, q.from, path, q.profile ?? {}, 'FASTEST', maxMonths, maxCents);
    if (e === null) continue;
    const to = path[path.length - 1]!.to;
    const known = best.get(to);
    const mine = { ...e, untimed: path.filter(untimed).length };
    // As FASTEST ranks: `pathways(first: 1)` gives the same pathway.
    const order =
      known === undefined
        ? -1
        : compareArrays(metricOrder('FASTEST', mine, mine.untimed), metricOrder('FASTEST', known, known.untimed));
    if (known === undefined || order < 0 || (order === 0 && compareArrays(e.ids, known.ids) < 0)) best.set(to, mine);
  }
  return [...best.entries()]
    .map(([roleId, e]) => ({
      roleId,
      earliestMonth: e.months,
      unknownLength: e.untimed > 0,
      stepCount: e.steps,
      transitionIds: e.ids,
      pathway: e.report(),
    }))
    .sort(
      (a, b) =>
        a.earliestMonth - b.earliestMonth ||
        Number(best.get(a.roleId)!.untimed > 0) - Number(best.get(b.roleId)!.untimed > 0) ||
        a.stepCount - b.stepCount ||
        a.roleId - b.roleId,
    );
}
