/**
 * Pathways in words an advisor can read aloud to a student: what each step involves, how long and
 * what it costs, with unknown costs named as unknown and never added in as known dollars
 * (docs/cost-model.md). Pure functions of a pathway and the names it mentions.
 */
import { PART_TIME_FACTOR } from './cost.js';
import { trackCrossings } from './crossings.js';
import type {
  Pathway,
  PathwayStep,
  ProgramTaken,
  RequirementChoice,
  RouteUse,
  StudyLoad,
  UnknownCost,
} from './types.js';

/** "a" or "an" before a title ("an EKG Technician", "a Registered Nurse"). */
export const aOrAn = (title: string) => (/^[AEIOU]/.test(title) ? 'an' : 'a');

/** What explanations say of a certification. */
export interface CertificationNames {
  acronym: string;
  name: string;
  kind: string;
  issuer: string;
  feeUsd: number | null;
  /** A lower fee its fee page gives some candidates, and who they are ("AAMA members"); null or '' when none. */
  reducedFeeUsd?: number | null;
  reducedFeeFor?: string;
  /** Who publishes the fee and the year it describes ("AAMA, 2026"); '' when no fee is known. */
  feeSource?: string;
  /** The fewest months of work of a work-experience route to it (the CCMA's 12); null when none. */
  workMonths?: number | null;
  /**
   * 1 when a route lets anyone sit its exam, no prerequisite (the CPC), else 0: a number, as names
   * cross from the build's worker packed in columns.
   */
  openRoute?: number;
  /** What its program route asks beyond the program, completing "<acronym> asks that ..."; '' when nothing. */
  programCondition?: string;
  /** What its work route asks beyond the months, likewise ("the work be under ... an ophthalmologist"). */
  workCondition?: string;
}

/** The names a pathway's words need, by id. */
export interface Names {
  role(id: number): { title: string; track: string };
  /** A role's track id and whether the track bridges others (crossings between the jobs a pathway works in). */
  trackOf?(roleId: number): { trackId: number; bridging: boolean };
  /** A track's name. */
  track(id: number): string;
  certification(id: number): CertificationNames;
  /** maxMonths: the longest full-time length the program's sources give; the pathway counts its shortest. */
  program(id: number): {
    name: string;
    maxMonths?: number | null;
    credential?: string;
    costSource?: string;
    /** Which bound of its length no cited source gives: 'min', 'max', 'both', or ''/absent. */
    lengthEstimated?: string;
  };
  /**
   * How an unknown cost was estimated, when it was; `standIn` when from too few known figures to be
   * called an estimate (src/db/estimates.ts).
   */
  estimateBasis?(cost: UnknownCost): { basis: string; standIn: boolean } | undefined;
  /**
   * For an estimated move with parts of no known length (experience with no least amount, a graduate
   * degree past its least length, entry BLS publishes nothing for), those parts, in words.
   */
  untimedMove?(transitionId: number): readonly string[] | undefined;
  /**
   * For an estimated move, whether it may ask work of unknown length in the role it leaves (related
   * experience with no least amount): of its untimedMove parts, the ones that are work, not study.
   */
  asksUnknownWork?(transitionId: number): boolean;
  /**
   * For a curated move that may ask training no source describes, what it may ask, in words that
   * read after "the length of" and "the cost of" (GraphInput.unknownTrainingTransitions).
   */
  unknownTraining?(transitionId: number): string | undefined;
  /**
   * For an estimated move into an occupation whose workers typically train on the job once hired
   * (BLS), that training in words, and whether a summary names it (more than a month): not counted
   * in the move's months.
   */
  onTheJob?(transitionId: number): { words: string; named: boolean } | undefined;
  /** Whether a curated move's years of experience are the curators' estimate: no source states a length. */
  yearsEstimated?(transitionId: number): boolean;
  /** Why an estimated move asks what it asks (from O*NET and BLS), for estimated steps. */
  estimatedMoveNote?(transitionId: number): string | undefined;
  /** Whether a move is a curated role's into the wider O*NET occupation it is within. */
  withinMove?(transitionId: number): boolean;
  /**
   * Whether an estimated move enters a curated role by its open entry: it asks the role's curated
   * programs and licences, so none is unknown.
   */
  openEntry?(transitionId: number): boolean;
  /**
   * The months an estimated entry program of no known length counts for ranking and limits (a
   * stand-in, taken out of the answer's months), and how it is made.
   */
  lengthStandIn?(programId: number): number | undefined;
  lengthStandInBasis?: string;
}

/** "1 month", "11 months", "1 year", "2 years", "1 year and 3 months"; "less than a month" for a part of one. */
function duration(months: number): string {
  const m = Math.round(months);
  const unit = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  if (m === 0 && months > 0) return 'less than a month';
  if (m < 12) return unit(m, 'month');
  const years = Math.floor(m / 12);
  const rest = m % 12;
  return rest === 0 ? unit(years, 'year') : `${unit(years, 'year')} and ${unit(rest, 'month')}`;
}

const usd = (amount: number) => `$${Math.round(amount).toLocaleString('en-US')}`;

/**
 * The summary's sentence when no certification is earned, on a pathway of curated moves. What is
 * counted, not a promise that nothing is needed: "No new certifications or licences are needed" was
 * said of surgical technology, which some states certify, and of health information technicians,
 * whose employers BLS says often ask one. Where a move asks one the learner holds, it says which (and
 * keeps the hedge for moves that ask none): an LPN holding the RN licence was told an employer or a
 * state "may still ask for one" of the move that asks that licence.
 */
function heldAsked(pathway: Pathway, names: Names): string {
  const moves = pathway.stepCount === 1 ? 'this move' : 'these moves';
  const hedge = 'an employer or a state may still ask for one';
  const held = [
    ...new Set(
      pathway.steps.flatMap((s) =>
        s.requirementChoices.filter((r) => r.alreadyHeld).map((r) => names.certification(r.satisfiedBy).acronym),
      ),
    ),
  ];
  if (held.length === 0) return `No new certification or licence is counted on ${moves}: ${hedge}.`;
  const asking = pathway.steps.filter((s) => s.requirementChoices.length > 0).length;
  const who =
    pathway.stepCount === 1
      ? 'this move asks'
      : asking === pathway.stepCount
        ? 'they ask'
        : asking === 1
          ? 'one of them asks'
          : 'some of them ask';
  const is = held.length === 1 ? 'is' : 'are';
  return `No new certification or licence is counted on ${moves}: the ${list(held)}, which ${who}, ${is} already held${asking === pathway.stepCount ? '' : `, and for the rest ${hedge}`}.`;
}

/** "a", "a and b", "a, b and c". */
export function list(items: readonly string[], conjunction = 'and'): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} ${conjunction} ${items.at(-1)}`;
}

/** "the NCLEX-RN licence", but "the RN licence" for a licence whose acronym already says so. */
const licence = (acronym: string) => (/\blicen[cs]e$/i.test(acronym) ? acronym : `${acronym} licence`);

function certLabel(names: Names, id: number): string {
  const c = names.certification(id);
  if (c.kind === 'LICENSE') return `the ${licence(c.acronym)} from ${the(c.issuer)}`;
  return c.kind === 'EXAM' ? `the ${c.acronym} exam from ${the(c.issuer)}` : `the ${c.acronym}`;
}

/** What an unknown part is, in words: "the tuition of X", "the CMAA exam fee". */
export function unknownName(names: Names, cost: UnknownCost): string {
  if (cost.kind === 'PROGRAM') return `the tuition of ${the(names.program(cost.id).name)}`;
  if (cost.kind === 'LICENSING') return `any certification or licence fee for ${names.role(cost.id).title}`;
  if (cost.kind === 'TRAINING')
    return `the cost of ${names.unknownTraining?.(cost.id) ?? 'training no source describes'}`;
  const c = names.certification(cost.id);
  return c.kind === 'LICENSE' ? `the ${licence(c.acronym)} fee` : `the ${c.acronym} exam fee`;
}

const SMALL_WORDS = new Set(['a', 'an', 'and', 'for', 'in', 'of', 'or', 'the', 'to']);

/**
 * A name inside a sentence, with "the": "the associate degree in nursing (ADN)" for "Associate
 * degree in nursing (ADN)"; a proper name ("National Council of State Boards of Nursing", "LPN-to-RN
 * bridge program") keeps its capitals. What follows "for" names someone else ("Entry education for
 * Respiratory Therapists" is "the entry education for Respiratory Therapists").
 */
function the(name: string): string {
  const words = name.split(' ');
  const first = words[0] ?? '';
  const own = words.indexOf('for') > 0 ? words.slice(1, words.indexOf('for')) : words.slice(1);
  const proper =
    first.length > 1 && first[1] !== first[1]!.toLowerCase()
      ? true
      : own.some((w) => /^[A-Z][a-z]/.test(w) && !SMALL_WORDS.has(w.toLowerCase()));
  const inSentence = proper ? name : first.charAt(0).toLowerCase() + name.slice(1);
  return /^the /i.test(inSentence) ? inSentence : `the ${inSentence}`;
}

/**
 * The cost in words: "it costs about $X", "it costs nothing in tuition or fees", or, with unknown
 * parts, "known costs come to $X, and the tuition of Y is not known" — never a partial total as the
 * cost — and separately the estimates of the unknown parts, for comparison only.
 */
function costWords(
  known: number,
  unknown: readonly UnknownCost[],
  names: Names,
  /** Part of it is estimated: a licence or exam fee it may ask is not known, so "nothing" is not said. */
  estimated = false,
  /**
   * A known part is a program's tuition, a typical figure (IPEDS' median of schools' prices), said
   * "about" as each step says it: "known costs come to $17,150" read as the LPN's floor.
   */
  approximate = false,
): { clause: string; estimates: string[] } {
  // An estimated move's unknown certification and licence fees have a sentence of their own
  // (UNKNOWN_LICENCES); here only the tuition and fees that the data names. With those unknown,
  // the known costs are not the cost.
  const licensing = unknown.some((u) => u.kind === 'LICENSING');
  unknown = namedUnknowns(unknown);
  if (unknown.length === 0)
    return {
      clause:
        known > 0
          ? licensing
            ? `known costs come to ${approximate ? 'about ' : ''}${usd(known)}`
            : `it costs about ${usd(known)}`
          : estimated
            ? 'no tuition or fee is counted'
            : 'it costs nothing in tuition or fees',
      estimates: [],
    };
  const parts = unknown.map((u) => unknownName(names, u));
  const notKnown = `${list(parts)} ${parts.length === 1 ? 'is' : 'are'} not known`;
  const estimates = unknown.flatMap((u) => {
    const estimate = names.estimateBasis?.(u);
    // Counted as $0 for ranking and maxCostUsd (docs/cost-model.md): said, as the estimates are (a
    // limit of $17,150 admitted the LPN at $17,150 and its licence fee, and nothing said how).
    if (u.estimateUsd === null)
      return [`we count ${unknownName(names, u)} as nothing (no source gives or estimates it)`];
    if (!estimate) return [];
    // From too few figures it is not called an estimate (the basis says what it is for).
    return !estimate.standIn
      ? [`we estimate ${unknownName(names, u)} at about ${usd(u.estimateUsd)} (${estimate.basis})`]
      : [`we count ${unknownName(names, u)} as ${usd(u.estimateUsd)} (${estimate.basis})`];
  });
  return {
    clause: known > 0 ? `known costs come to ${approximate ? 'about ' : ''}${usd(known)}, and ${notKnown}` : notKnown,
    estimates,
  };
}

/** Whether the steps count a known tuition (a typical figure, said "about"). */
const tuitionCounted = (steps: readonly PathwayStep[]) =>
  steps.some((s) => s.programs.some((p) => p.costKnown && p.costUsd > 0));

/** The unknown costs the data names (a program's tuition, an exam's fee). */
const namedUnknowns = (unknown: readonly UnknownCost[]) => unknown.filter((u) => u.kind !== 'LICENSING');

const sentence = (clause: string) => `${clause[0]!.toUpperCase()}${clause.slice(1)}.`;

/** How a certification earned on a step is made eligible, as a clause; '' when there is nothing to say. */
function routeWords(names: Names, choice: RequirementChoice, step: PathwayStep): string {
  const route = choice.route;
  if (route === null) return '';
  const words = routeClause(names, route, step);
  // What the route asks beyond its program or months, which the engine does not check (an MA's
  // program "already completed" for the CMA, which asks an accredited one).
  const cert = names.certification(choice.satisfiedBy);
  const condition =
    route.kind === 'PROGRAM' ? cert.programCondition : route.kind === 'EXPERIENCE' ? cert.workCondition : '';
  return condition ? `${words}; the ${cert.acronym} asks that ${condition}` : words;
}

function routeClause(names: Names, route: NonNullable<RequirementChoice['route']>, step: PathwayStep): string {
  switch (route.kind) {
    case 'OPEN':
      return 'anyone may sit the exam';
    case 'PROGRAM':
      // A program of the step itself (the move's training) is completed on it, met or not before the exam.
      return routeMetBefore(route, step)
        ? `eligible through ${the(names.program(route.programId).name)}, already completed`
        : `eligible through ${the(names.program(route.programId).name)}, completed on this step`;
    case 'EXPERIENCE':
      return route.alreadyMet
        ? `eligible through ${duration(route.months)} of work experience, already gained`
        : route.waitMonths === 0
          ? `eligible through ${duration(route.months)} of work experience, reached during this step's work`
          : `eligible after ${duration(route.months)} of work experience, so ${duration(route.waitMonths)} more of work first`;
    case 'CERTIFICATION':
      // An exam is passed, not held ("eligible only holding the NCLEX-RN exam"); one passed before
      // the step is said to be ("eligible only after passing" read as still to do).
      if (routeMetBefore(route, step))
        return names.certification(route.certificationId).kind === 'EXAM'
          ? `eligible, as you have passed ${certLabel(names, route.certificationId)}`
          : `eligible, as you hold ${certLabel(names, route.certificationId)}`;
      return names.certification(route.certificationId).kind === 'EXAM'
        ? `eligible only after passing ${certLabel(names, route.certificationId)}`
        : `eligible only once holding ${certLabel(names, route.certificationId)}`;
  }
}

/** An exam is passed; a certification or licence is earned. */
const verb = (names: Names, certId: number) => (names.certification(certId).kind === 'EXAM' ? 'pass' : 'earn');

/** "The CMA exam fee is $250", "The NCLEX-RN licence fee is not known". */
function feeSentence(names: Names, certId: number, route: string): string {
  const c = names.certification(certId);
  const fee = c.kind === 'LICENSE' ? `${licence(c.acronym)} fee` : `${c.acronym} exam fee`;
  const reduced =
    c.feeUsd !== null && c.reducedFeeUsd != null && c.reducedFeeFor
      ? `, or ${usd(c.reducedFeeUsd)} for ${c.reducedFeeFor}`
      : '';
  // Every figure with its source and the year it describes.
  const cited = c.feeSource ? ` (${c.feeSource})` : '';
  const amount = c.feeUsd === null ? 'is not known' : `is ${usd(c.feeUsd)}${cited}${reduced}`;
  return sentence(`the ${fee} ${amount}${route ? `; ${route}` : ''}`);
}

/**
 * What a step involves, in words an advisor can read aloud: first what to do, then one sentence for
 * each program and certification (its length, tuition, fee and eligibility), then how long it takes
 * and what it costs. Details go in sentences of their own, not in brackets, since names carry
 * brackets of their own ("CMA (AAMA)").
 */
/**
 * Whether `step` only links related occupations: an estimated move that asks nothing the data
 * records (no time, no program, no certification, no experience of unknown length), followed by an
 * estimated move that asks no experience in the role it enters. An estimated move asks what its
 * target needs, whatever the role it leaves, so working in that role is not needed: it is on the
 * pathway because O*NET relates it to the jobs on either side (medical assistant → physical
 * therapist aides → respiratory therapists).
 */
export function passesThrough(step: PathwayStep, next: PathwayStep | undefined, names: Names): boolean {
  return (
    next !== undefined &&
    step.estimated &&
    next.estimated &&
    // An open entry makes the learner the curated role, whose moves on may need it (the registered
    // nurse before nurse practitioners).
    !names.openEntry?.(step.transitionId) &&
    // A curated role's move into the occupation it is within: its holder works there already.
    !names.withinMove?.(step.transitionId) &&
    step.months === 0 &&
    step.programs.length === 0 &&
    step.certificationsToEarn.length === 0 &&
    untimedParts(step, names).length === 0 &&
    next.experienceMonths === 0 &&
    // Work of unknown length in this role, not study: a doctoral degree past its least length on the
    // next move asks no work here (pharmacy technicians → opticians → pharmacists read as a job to hold).
    !(names.asksUnknownWork?.(next.transitionId) ?? false)
  );
}

/**
 * "as Medical Assistant"; an O*NET occupation (a negative id) has a plural title, so "in the
 * occupation Nursing Assistants" ("2 years as Nursing Assistants" read badly).
 */
function asRole(names: Names, id: number): string {
  const { title } = names.role(id);
  return id < 0 ? `in the occupation ${title}` : `as ${title}`;
}

const passThroughWords = (names: Names, ids: number[]) =>
  `Working ${
    ids.length > 1 && ids.every((id) => id < 0)
      ? `in the occupations ${list(
          ids.map((id) => names.role(id).title),
          'or',
        )}`
      : list(
          ids.map((id) => asRole(names, id)),
          'or',
        )
  } is not needed: the next move asks no experience there, and ${ids.length === 1 ? 'it is' : 'they are'} on the pathway only because O*NET relates ${ids.length === 1 ? 'it' : 'each'} to the jobs before and after.`;

/** A step in words; `next`, the step after it on its pathway, if any. */
export function explainStep(
  step: PathwayStep,
  names: Names,
  load: StudyLoad = 'FULL_TIME',
  next?: PathwayStep,
  /** The steps after this one on its pathway. */
  later: readonly PathwayStep[] = next ? [next] : [],
  /** The steps before this one on its pathway. */
  before: readonly PathwayStep[] = [],
): string {
  const from = names.role(step.fromRoleId);
  const to = names.role(step.toRoleId);
  // Into the occupation the role is within: nothing to do ("Any licence this move needs is not
  // known", "Working as Cardiovascular Technologists and Technicians is not needed" read as if an
  // EKG technician had to become one).
  if (names.withinMove?.(step.transitionId) && step.months === 0 && step.programs.length === 0)
    return `${from.title} is a role within ${to.title} (an O*NET occupation): this step asks nothing and takes no time; it links the role to its occupation, from which O*NET relates other occupations.`;
  const actions: string[] = [];
  const details: string[] = [];
  // Experience the learner's years in their role cover is said, not silently dropped ("work 5 years
  // as Administrative Medical Assistant" vanished from a medical assistant's second step).
  const counted = step.experienceCountedMonths;
  // Years no source states, which the curators estimated: "about", and said so.
  const guessed = names.yearsEstimated?.(step.transitionId) === true;
  if (step.experienceMonths > 0)
    actions.push(
      // "work about another 1 year" read badly: "work about 1 year more".
      `work ${guessed ? 'about ' : ''}${duration(step.experienceMonths)}${counted > 0 ? ' more' : ''} ${asRole(names, step.fromRoleId)}`,
    );
  const asked = duration(step.experienceMonths + counted);
  // "1 year ... is covered", "2 years ... are".
  const are = (d: string) => (/^1 (year|month)$/.test(d) ? 'is' : 'are');
  const estimate = guessed ? ` (no source states it: the curators' estimate)` : '';
  // After a move that kept them, whose years they were and why they count here: "5 years as
  // Administrative Medical Assistant ... covered by your years in your current role" was said of a
  // medical assistant's years, two steps after the start.
  const yours =
    before.length === 0 ? 'your years in your current role' : `your years ${asRole(names, before[0]!.fromRoleId)}`;
  // Only moves that kept the years lead here with them (keepsTenure in step.ts: a curated move asking
  // no experience and no program, taking no time), hence "the same work under another title".
  const kept =
    before.length === 0
      ? ''
      : ` (counted as years ${asRole(names, step.fromRoleId)} too: ${before.length === 1 ? 'the move' : 'each move'} before this one asked no experience or training and took no time, the same work under another title)`;
  if (counted > 0)
    details.push(
      sentence(
        step.experienceMonths > 0
          ? `the move asks ${guessed ? 'about ' : ''}${asked} ${asRole(names, step.fromRoleId)}${estimate}; ${yours} count for ${duration(counted)} of them${kept}`
          : guessed
            ? `the years ${asRole(names, step.fromRoleId)} it asks (about ${asked}, the curators' estimate: no source states them) are covered by ${yours}${kept}`
            : `the ${asked} ${asRole(names, step.fromRoleId)} it asks ${are(asked)} covered by ${yours}${kept}`,
      ),
    );
  else if (guessed && step.experienceMonths > 0)
    details.push(
      sentence(
        `no source states how many years ${asRole(names, step.fromRoleId)} the move asks: ${asked} is the curators' estimate`,
      ),
    );
  const studied = load === 'PART_TIME' ? 'part time' : 'full time';
  for (const p of step.programs) {
    const name = the(names.program(p.programId).name);
    actions.push(`complete ${name}`);
    const why =
      p.reason === 'PREREQUISITE'
        ? ', and is required first'
        : p.reason === 'ELIGIBILITY'
          ? ', and makes you eligible for an exam'
          : '';
    const costSource = names.program(p.programId).costSource;
    const tuition = p.costKnown
      ? `tuition about ${usd(p.costUsd)}${costSource ? ` (${costSource})` : ''}`
      : 'tuition not known';
    // The pathway counts a program's shortest length; where its sources give a longer one, both.
    const upTo = programUpTo(p, names, load);
    const ranged = !lengthUnknown(p, names) && upTo > p.months;
    const leastOnly = leastLengthOnly(p, names);
    const length = lengthUnknown(p, names)
      ? 'has no known length'
      : leastOnly
        ? `takes at least ${duration(p.months)} ${studied}`
        : ranged
          ? `takes ${duration(p.months)} to ${duration(upTo)} ${studied}`
          : `takes ${duration(p.months)} ${studied}`;
    const counted = ranged ? `; this pathway counts the shortest, ${duration(p.months)}` : '';
    // A bound no cited source gives is the curators' usual length for such programs: said, as the
    // curators' years are (a phlebotomy program's "1 month" read as a sourced figure).
    const bound = lengthUnknown(p, names) ? '' : (names.program(p.programId).lengthEstimated ?? '');
    // "rests on": at part time the figure is the curators' full-time length doubled.
    const guess =
      bound === 'both' || (bound !== '' && !ranged)
        ? ` (no cited source gives ${ranged ? 'these lengths' : 'this length'}: ${ranged ? 'they rest' : 'it rests'} on the curators' usual length for such programs)`
        : bound === 'min' || bound === 'max'
          ? ` (no cited source gives the ${bound === 'min' ? 'shortest' : 'longest'}: it rests on the curators' usual length for such programs)`
          : '';
    details.push(sentence(`${name} ${length}${guess}, ${tuition}${why}${counted}`));
  }
  // Training the move asks that is done already: said, not silently dropped (a nurse who had passed
  // the NCLEX-RN saw the associate degree vanish from the step).
  if (step.programsAlreadyDone.length)
    details.push(
      sentence(
        `${list(step.programsAlreadyDone.map((p) => the(names.program(p).name)))} this move asks ${step.programsAlreadyDone.length === 1 ? 'counts' : 'count'} as completed already`,
      ),
    );
  // Training the move usually takes, skipped: it is the way to a certification the learner holds.
  for (const skipped of step.programsNotNeeded) {
    const held = names.certification(skipped.heldCertificationId).acronym;
    const takenOn = later.findIndex((s) => s.programs.some((p) => p.programId === skipped.programId));
    const asked = list(
      skipped.anyOf.map((c) => names.certification(c).acronym),
      'or',
    );
    details.push(
      sentence(
        `${the(names.program(skipped.programId).name)} this move usually takes is not needed: it is a way to the certification the move asks (${asked}), and you already hold the ${held}` +
          // Taken later all the same (a CCMA holder spared it into clinical MA, then taking it for
          // the CMA the next move asks): said here, so "not needed" is not read for the pathway.
          (takenOn < 0
            ? ''
            : `; ${takenOn === 0 ? 'the next step' : 'a later step'} takes it all the same, for what that move asks`),
      ),
    );
  }
  // Certifications earned only because a route asks to hold them, before what they make possible:
  // "earn the RN licence and pass the NCLEX-RN exam first" read backwards.
  const meeting = new Set(step.requirementChoices.map((c) => c.satisfiedBy));
  for (const id of step.certificationsToEarn)
    if (!meeting.has(id)) {
      actions.push(`${verb(names, id)} ${certLabel(names, id)}`);
      details.push(feeSentence(names, id, ''));
    }
  for (const choice of step.requirementChoices) {
    if (choice.alreadyHeld) continue;
    const alternatives = choice.anyOf
      .filter((c) => c !== choice.satisfiedBy)
      .map((c) => names.certification(c).acronym);
    actions.push(
      `${verb(names, choice.satisfiedBy)} ${certLabel(names, choice.satisfiedBy)}${alternatives.length ? ` or instead the ${list(alternatives, 'or')}` : ''}`,
    );
    details.push(feeSentence(names, choice.satisfiedBy, routeWords(names, choice, step)));
    // Taking a program for the certification alone where another option is open after work: said, as
    // the ranking shows only the best way along a route (a medical assistant trained on the job saw
    // only the $16,865 program under FASTEST, not the CCMA after a year's work).
    if (choice.route?.kind === 'PROGRAM' && !choice.route.alreadyMet) {
      const { programId } = choice.route;
      const forRoute = step.programs.some((p) => p.programId === programId && p.reason === 'ELIGIBILITY');
      const others = choice.anyOf.filter((c) => c !== choice.satisfiedBy);
      const byWork = others.flatMap((c) => otherWay(names, c, false, step.workMonthsBefore));
      if (forRoute && byWork.length) {
        // Named: a step taking the move's own training too read "the program" as either.
        details.push(sentence(`without ${the(names.program(programId).name)}, ${list(byWork, 'or')} would do instead`));
        const conditions = workConditions(names, others, false);
        if (conditions) details.push(conditions);
      }
    }
  }
  // The move's own training that a certification held at the start spares: another certification
  // does not replace it on the step, so every option with another way in is named, the one chosen too
  // (an administrative MA with two years' work was told the CCMA "would do instead" of a program the
  // step still charged; a phlebotomy technician heard nothing of the CPC, which anyone may sit).
  for (const sparable of step.programsSparable) {
    const program = the(names.program(sparable.programId).name);
    // Earned on an earlier step, an option would spare it too; the pathway counts only one held at
    // the start ("a student who first earns the CEHRS" read beside "Earned on an earlier step: CEHRS").
    const earlier = step.requirementChoices.find(
      (c) => c.alreadyHeld && !c.heldAtStart && sparable.anyOf.includes(c.satisfiedBy),
    );
    if (earlier) {
      details.push(
        sentence(
          `this pathway counts ${program} all the same, though the ${names.certification(earlier.satisfiedBy).acronym} earned on an earlier step would spare it: it spares only for a certification held at the start`,
        ),
      );
      continue;
    }
    const ways = sparable.anyOf.flatMap((c) => otherWay(names, c, true, step.workMonthsBefore));
    if (!ways.length) continue;
    details.push(
      sentence(
        `a student who first earns ${list(ways, 'or')} does not need ${program} for this move; this pathway does not count that way unless the certification is entered as held`,
      ),
    );
    const conditions = workConditions(names, sparable.anyOf, true);
    if (conditions) details.push(conditions);
  }
  // Held from the start, or earned on an earlier step: "already held" read as the student's own.
  const held = step.requirementChoices
    .filter((c) => c.heldAtStart)
    .map((c) => names.certification(c.satisfiedBy).acronym);
  const earlier = step.requirementChoices
    .filter((c) => c.alreadyHeld && !c.heldAtStart)
    .map((c) => names.certification(c.satisfiedBy).acronym);
  // Training the move may ask that no source describes (a medical assistant's specialty): said as
  // part of what it asks, of unknown length and cost, never as "right away" and "nothing".
  const undescribed = undescribedTraining(step, names);
  if (undescribed) actions.push(`complete ${undescribed}`);
  // BLS's "less than 5 years" of related work experience is asked, only not timed.
  const untimedMove = step.estimated ? names.untimedMove?.(step.transitionId) : undefined;
  // An open entry asks what the curated moves into its role ask: in their words once all of it is held.
  const estimatedAsks = step.estimated && !names.openEntry?.(step.transitionId);
  const what = actions.length
    ? list(actions)
    : untimedMove
      ? `gain ${list([...untimedMove])}`
      : estimatedAsks
        ? 'nothing that O*NET and BLS record as required'
        : 'no further requirements';
  const untimed = untimedParts(step, names);
  // After a step of unknown length, the months counted so far are a floor: "months 0 to 24 of the
  // pathway" followed two supervisor jobs of unknown length.
  const span =
    `months ${Math.round(step.startMonth)} to ${Math.round(step.endMonth)} of the pathway` +
    (before.some((s) => untimedParts(s, names).length > 0)
      ? ' at the earliest (an earlier step’s length is not known in full)'
      : '');
  const upTo = stepMonthsUpTo(step, names, load);
  const timing = untimed.length
    ? step.months === 0
      ? `How long this takes is not known: ${lengthsNotKnown(untimed)}`
      : `This takes at least ${duration(step.months)}, ${span}, and ${lengthsNotKnown(untimed)}`
    : step.months === 0
      ? estimatedAsks
        ? 'No time is counted for it'
        : 'This can happen right away'
      : upTo > step.months
        ? // "12–24 months" on the step's line read "about 1 year" here: both figures.
          `This takes about ${duration(step.months)} to ${duration(upTo)}, ${span} with its programs at their shortest`
        : `This takes about ${duration(step.months)}, ${span}`;
  const cost = costWords(step.knownCostUsd, step.unknownCosts, names, estimatedAsks, tuitionCounted([step])).clause;
  // A job only passed through is not worked: no licence of its is asked (the API drops its fee too),
  // nor its training once hired.
  const through = passesThrough(step, next, names);
  const training = through ? undefined : names.onTheJob?.(step.transitionId);
  const estimated = step.estimated
    ? `${names.openEntry?.(step.transitionId) || through ? '' : ` ${UNKNOWN_LICENCES('this move')}`} This move is estimated, not curated: ${names.estimatedMoveNote?.(step.transitionId) ?? 'its requirements come from O*NET and BLS data about the target occupation'}` +
      `${training ? `; then ${training.words} in the new job (not counted)` : ''}.`
    : '';
  return (
    `To move from ${from.title} to ${to.title}: ${what}.` +
    details.map((d) => ` ${d}`).join('') +
    (held.length ? ` Already held: ${list(held)}.` : '') +
    (earlier.length ? ` Earned on an earlier step: ${list(earlier)}.` : '') +
    ` ${timing}; ${cost}.${estimated}` +
    (through ? ` ${passThroughWords(names, [step.toRoleId])} Nor is any certification or licence it may ask.` : '')
  );
}

/** The longest a program's sources give for it, at the study load; 0 when they give no range. */
function programUpTo(p: ProgramTaken, names: Names, load: StudyLoad): number {
  const longest = names.program(p.programId).maxMonths;
  return longest == null ? 0 : load === 'PART_TIME' ? Math.ceil(longest * PART_TIME_FACTOR - 1e-9) : longest;
}

/**
 * A step's months with each program at the longest length its sources give (the medical assisting
 * program, 9 to 24 months: 24): the pathway counts the shortest, so a range is `months` to this.
 */
export function stepMonthsUpTo(step: PathwayStep, names: Names, load: StudyLoad = 'FULL_TIME'): number {
  let extra = 0;
  for (const p of step.programs)
    if (!lengthUnknown(p, names)) extra += Math.max(0, programUpTo(p, names, load) - p.months);
  return step.months + extra;
}

/** The pathway's months with every program at its longest (stepMonthsUpTo, summed). */
export const pathwayMonthsUpTo = (pathway: Pathway, names: Names, load: StudyLoad = 'FULL_TIME'): number =>
  pathway.totalMonths + pathway.steps.reduce((sum, s) => sum + stepMonthsUpTo(s, names, load) - s.months, 0);

/**
 * What a step's months leave out because no source gives its length, in words: the programs of
 * unknown length (an estimated entry program, a postsecondary nondegree award:
 * src/server/estimated-moves.ts), and an estimated move's related work experience when BLS gives no
 * least amount. Each counts 0 months; such a step is never said to happen "right away".
 */
export function untimedParts(step: PathwayStep, names: Names): string[] {
  const parts = step.programs.filter((p) => lengthUnknown(p, names)).map((p) => the(names.program(p.programId).name));
  const move = step.estimated ? names.untimedMove?.(step.transitionId) : undefined;
  const undescribed = undescribedTraining(step, names);
  return [...parts, ...(move ?? []), ...(undescribed ? [undescribed] : [])];
}

/**
 * A way to certification c other than a program, in words: after its months of work ("the CBCS after
 * 1 year of work", "(months already worked)" where the months worked before the step meet them, "if the
 * work meets its condition" where the route asks more of the work), or, with
 * `open`, by its open route; none when it has neither.
 */
function otherWay(names: Names, c: number, open: boolean, workBefore: number): string[] {
  const cert = names.certification(c);
  if (open && cert.openRoute === 1) return [`the ${cert.acronym} (open to anyone: no prerequisite)`];
  if ((cert.workMonths ?? null) === null) return [];
  // Any job's months count toward the route; where it asks more of the work (its kind, supervision),
  // whether they meet it is not known ("months already worked" told a phlebotomist that work as a medical assistant
  // was done).
  const done =
    cert.workMonths! > workBefore
      ? ''
      : cert.workCondition
        ? ' (months already worked, if the work meets its condition)'
        : ' (months already worked)';
  return [`the ${cert.acronym} after ${duration(cert.workMonths!)} of work${done}`];
}

/**
 * What the work routes of `certs` ask beyond their months, in a sentence ("the CBCS asks that the work
 * be in the field"), of those otherWay offers by work (with `open`, not those it offers by an open route);
 * '' when nothing.
 */
function workConditions(names: Names, certs: readonly number[], open: boolean): string {
  const asked = certs.flatMap((c) => {
    const cert = names.certification(c);
    // As otherWay offers it: by its work route, not its open one.
    const byWork = (cert.workMonths ?? null) !== null && !(open && cert.openRoute === 1);
    return byWork && cert.workCondition ? [`the ${cert.acronym} asks that ${cert.workCondition}`] : [];
  });
  return asked.length ? sentence(`for the work, ${asked.join('; ')}`) : '';
}

/** The move's training no source describes, in words, where the step asks it (PathwayStep.unknownTraining). */
const undescribedTraining = (step: PathwayStep, names: Names): string | undefined =>
  step.unknownTraining ? names.unknownTraining?.(step.transitionId) : undefined;

/**
 * Whether no source gives the program's length: an estimated move's entry program (negative id,
 * src/server/estimated-moves.ts) counted as 0 months, its award having no least length. A curated
 * program of 0 months is a known length.
 */
export const lengthUnknown = (p: ProgramTaken, names: Names): boolean =>
  p.programId < 0 && (p.months === 0 || names.lengthStandIn?.(p.programId) !== undefined);

/**
 * An estimated graduate degree, counted at IPEDS's least length: all that is known of it, a floor
 * (src/server/estimated-moves.ts: untimedParts).
 */
export const leastLengthOnly = (p: ProgramTaken, names: Names): boolean =>
  p.programId < 0 && ['MASTER', 'DOCTORAL'].includes(names.program(p.programId).credential ?? '');

/**
 * Whether a certification's eligibility route was met before the step: not by the step's own
 * training, nor by a certification earned on it.
 */
export function routeMetBefore(route: RouteUse, step: PathwayStep): boolean {
  switch (route.kind) {
    case 'OPEN':
      return true;
    case 'CERTIFICATION':
      return !step.certificationsToEarn.includes(route.certificationId);
    case 'PROGRAM':
    case 'EXPERIENCE':
      return route.alreadyMet;
  }
}

/** untimedParts of every step of a pathway, each once: it takes at least `totalMonths` when any. */
export const pathwayUntimedParts = (pathway: Pathway, names: Names): string[] => [
  ...new Set(pathway.steps.flatMap((step) => untimedParts(step, names))),
];

/**
 * What an estimated move leaves out: the occupation data loaded has no licensing field, so a licence
 * or certification the target occupation needs (a state licence, say) is neither asked nor priced.
 */
const UNKNOWN_LICENCES = (what: string, plural = false) =>
  `Any certification or licence ${what} ${plural ? 'need' : 'needs'} is not known and not counted: the O*NET and BLS data loaded do not say.`;

/** "the length of X is not known", or "the lengths of X and Y are not known". */
const lengthsNotKnown = (parts: readonly string[]): string =>
  parts.length === 1 ? `the length of ${parts[0]} is not known` : `the lengths of ${list(parts)} are not known`;

/** The whole pathway in one paragraph. */
export function summarize(
  pathway: Pathway,
  names: Names,
  load: StudyLoad = 'FULL_TIME',
  /** False: without what unknown costs count as for ranking (a printed plan, where it read as a price). */
  costEstimates = true,
): string {
  const route = pathway.roleIds.map((id) => names.role(id).title).join(' → ');
  // The start is one of the occupation's jobs: nothing to do, and no move to take. It read "1 move
  // that can happen right away. It costs nothing", beside the whole occupation's pay (an EKG
  // technician "becoming" a cardiovascular technologist, whose jobs ask more, for free).
  const only = pathway.steps.length === 1 ? pathway.steps[0]! : undefined;
  if (only !== undefined && names.withinMove?.(only.transitionId)) {
    const role = names.role(only.fromRoleId).title;
    const occupation = names.role(only.toRoleId).title;
    return (
      `${route}: ${role} is one of the jobs of ${occupation}, an O*NET occupation, so there is no move to make: ` +
      `working as ${aOrAn(role)} ${role} is working in it. Its pay and outlook describe the whole occupation, not ${role} alone, ` +
      `and what its other jobs ask is not counted here: the O*NET and BLS data loaded do not say.`
    );
  }
  const moves = `${pathway.stepCount} move${pathway.stepCount === 1 ? '' : 's'}`;
  const untimed = pathwayUntimedParts(pathway, names);
  // A curated role's step into its own occupation asks nothing, licences included.
  // An open entry asks what the curated moves into its role ask, the licence included: its words are
  // theirs ("No new certification or licence is counted" when all of it is held).
  // Nor a job the pathway only passes through: it asks no licence (its step says so).
  const licensed = pathway.steps.filter(
    (s, i) =>
      s.estimated &&
      !names.withinMove?.(s.transitionId) &&
      !names.openEntry?.(s.transitionId) &&
      !passesThrough(s, pathway.steps[i + 1], names),
  ).length;
  const estimated = licensed > 0;
  // Programs whose sources give a range count at their shortest: the time is a range too.
  const upTo = pathwayMonthsUpTo(pathway, names, load);
  const time =
    pathway.totalMonths === 0
      ? untimed.length
        ? pathway.stepCount === 1
          ? 'whose time is not known'
          : // "2 moves whose time is not known" read as every one of them.
            '; how long some of them take is not known'
        : estimated
          ? 'with no time counted'
          : 'that can happen right away'
      : untimed.length
        ? `over at least ${duration(pathway.totalMonths)}`
        : upTo > pathway.totalMonths
          ? `over ${duration(pathway.totalMonths)} to ${duration(upTo)}, as its programs take their shortest or longest`
          : `over about ${duration(pathway.totalMonths)}`;
  const sentences = [`${route}: ${moves}${time.startsWith(';') ? '' : ' '}${time}.`];
  if (untimed.length) sentences.push(sentence(`${lengthsNotKnown(untimed)} and not counted`));
  // Ranked and limited at a stand-in, as an unknown tuition is (the engine's months; the answer's
  // leave it out): FASTEST ranked five pathways through such programs before a known 4-month one.
  const standIns = [
    ...new Set(
      pathway.steps.flatMap((s) => s.programs.filter((p) => names.lengthStandIn?.(p.programId) !== undefined)),
    ),
  ];
  if (standIns.length) {
    const months = names.lengthStandIn!(standIns[0]!.programId)!;
    sentences.push(
      sentence(
        `to rank pathways by time and to check limits of months, ${list(standIns.map((p) => the(names.program(p.programId).name)))} ` +
          `${standIns.length === 1 ? 'counts' : 'count each'} as ${duration(months)}${load === 'PART_TIME' ? ` full time, ${duration(2 * months)} part time` : ''} (${names.lengthStandInBasis}: a stand-in, not ${standIns.length === 1 ? 'its' : 'their'} length)`,
      ),
    );
  }
  // Training once hired, in the new job: "4 moves with no time counted" to a police officer read as
  // ready on the day; BLS's typical on-the-job training says otherwise (the step's words said it only).
  const trained = new Map<string, string[]>(); // the training's words -> the jobs asking it
  for (const [i, s] of pathway.steps.entries()) {
    const training = names.onTheJob?.(s.transitionId);
    const words = training?.named ? training.words : undefined;
    const next = pathway.steps[i + 1];
    // Not for a job the pathway only passes through (working there is not needed, nor its training),
    // nor for one whose years the next move counts: the training happens within them.
    if (
      words !== undefined &&
      !passesThrough(s, next, names) &&
      (next === undefined || next.experienceMonths + next.experienceCountedMonths === 0)
    )
      trained.set(words, [...(trained.get(words) ?? []), names.role(s.toRoleId).title]);
  }
  const jobs = [...trained.values()].flat().length;
  if (jobs)
    sentences.push(
      `BLS says the new ${jobs === 1 ? 'job typically trains its workers' : 'jobs typically train their workers'} once hired, which the months here do not count: ` +
        `${[...trained].map(([words, titles]) => `${words} for ${list(titles)}`).join('; ')}.`,
    );
  // Years no source states: the summary says so too (an integration may show only the summary).
  const guessed = pathway.steps.filter(
    (s) => names.yearsEstimated?.(s.transitionId) && s.experienceMonths + s.experienceCountedMonths > 0,
  );
  if (guessed.length)
    sentences.push(
      // Covered by the learner's years, the summary said only that they were a guess.
      `The years of work ${guessed.length === 1 ? 'one move asks are' : `${guessed.length} moves ask are`} the curators' estimate: no source states them${guessed.every((s) => s.experienceMonths === 0) ? '; the years you already have cover them' : ''}.`,
    );
  // Program lengths no cited source gives (the curators' usual length): the summary says so too.
  // The shortest is what the pathway counts; a longest only ends the range it shows.
  const lengthsGuessed = (which: 'min' | 'max') => [
    ...new Set(
      pathway.steps.flatMap((s) =>
        s.programs.flatMap((p) => {
          const bound = lengthUnknown(p, names) ? '' : (names.program(p.programId).lengthEstimated ?? '');
          const name = the(names.program(p.programId).name);
          if (which === 'min')
            return bound === 'min'
              ? [`the shortest length of ${name}`]
              : bound === 'both'
                ? [`the length of ${name}`]
                : [];
          return bound === 'max' ? [`the longest length of ${name}`] : [];
        }),
      ),
    ),
  ];
  const counted = lengthsGuessed('min');
  const rangeEnds = lengthsGuessed('max');
  if (counted.length)
    sentences.push(
      sentence(`no cited source gives ${list(counted)}: the curators' usual length for such programs is counted`),
    );
  if (rangeEnds.length)
    sentences.push(
      sentence(
        `no cited source gives ${list(rangeEnds)}: the longest the range shows rests on the curators' usual length for such programs`,
      ),
    );
  const cost = costWords(pathway.knownCostUsd, pathway.unknownCosts, names, estimated, tuitionCounted(pathway.steps));
  const named = namedUnknowns(pathway.unknownCosts);
  // Undescribed training may cost nothing: the full cost may be more, not "is".
  const more = named.some((u) => u.kind !== 'TRAINING') ? 'is more' : 'may be more';
  // With nothing known, no known costs to be more than ("the CET exam fee is not known, so the full
  // cost is more than the known costs" of a move that had none); with only training no source
  // describes, its clause says all there is ("so what it costs, if anything, is not known" repeated it).
  const so =
    named.length === 0
      ? ''
      : pathway.knownCostUsd > 0
        ? `, so the full cost ${more} than the known costs`
        : more === 'is more'
          ? ', so the full cost is not known'
          : ''; // training no source describes, alone: "is not known" says it
  sentences.push(sentence(`${cost.clause}${so}`));
  if (costEstimates && cost.estimates.length) sentences.push(`For comparison only, ${list(cost.estimates)}.`);
  const earn = pathway.certificationsToEarn.map((id) => names.certification(id).acronym);
  const undescribed = pathway.steps.some((s) => undescribedTraining(s, names));
  if (earn.length) sentences.push(`To earn: ${list(earn)}.`);
  else if (!estimated)
    sentences.push(
      undescribed
        ? // "needed" contradicted "any training or certification the specialty asks" just above.
          'No certification or licence a source names is counted; any the undescribed training asks is not known, and an employer or a state may still ask for one.'
        : heldAsked(pathway, names),
    );
  if (licensed > 0)
    sentences.push(
      licensed === 1 ? UNKNOWN_LICENCES('the estimated move') : UNKNOWN_LICENCES('the estimated moves', true),
    );
  // Only where a program is taken: said of a pathway of work alone, it named nothing it applied to.
  if (pathway.studyLoad === 'PART_TIME' && pathway.steps.some((s) => s.programs.length > 0))
    sentences.push('Programs are counted at part-time study, twice their full-time length.');
  // Through a bridging track no single move crosses (the map marks none): said, so the words and
  // the picture agree.
  // Through jobs only passed through, the tracks of the jobs worked: "from healthcare support to
  // transportation, from transportation to office support and from office support to protective
  // service" named two tracks a nursing assistant on the way to police work never works in.
  const worked = pathway.steps.filter((step, i) => !passesThrough(step, pathway.steps[i + 1], names));
  const crossed =
    worked.length === pathway.steps.length || !names.trackOf
      ? pathway.crossings
      : trackCrossings([pathway.steps[0]!.fromRoleId, ...worked.map((s) => s.toRoleId)], names.trackOf);
  const crossings = crossed.map(
    (c) =>
      `from ${the(names.track(c.fromTrackId))} track to ${the(names.track(c.toTrackId))} track` +
      (c.viaTrackId !== undefined ? ` by way of ${the(names.track(c.viaTrackId))} track, which bridges them` : ''),
  );
  if (crossings.length) sentences.push(`It crosses ${list(crossings)}.`);
  const n = pathway.estimatedSteps;
  if (n > 0) {
    const which =
      n === pathway.stepCount
        ? pathway.stepCount === 1
          ? 'This move is'
          : 'Every move is'
        : `${n} of the ${pathway.stepCount} moves ${n === 1 ? 'is' : 'are'}`;
    sentences.push(`${which} estimated from O*NET and BLS data, not curated.`);
    // An open entry is a move O*NET suggests, asking what the curated moves into its role ask.
    const open = pathway.steps.filter((s) => names.openEntry?.(s.transitionId));
    if (open.length)
      sentences.push(
        `${list(open.map((s) => `The move into ${names.role(s.toRoleId).title}`))} ${open.length === 1 ? 'asks' : 'ask'} what the curated moves into ${open.length === 1 ? 'it' : 'them'} from entry-level roles ask.`,
      );
    const through = pathway.steps.flatMap((step, i) =>
      passesThrough(step, pathway.steps[i + 1], names) ? [step.toRoleId] : [],
    );
    if (through.length) sentences.push(passThroughWords(names, through));
  }
  // Ending in the wider occupation a curated role is within: the learner works there as that role,
  // and the occupation's pay and outlook describe all of it (a cardiovascular technologist's pay
  // is not an EKG technician's).
  const last = pathway.steps.at(-1);
  if (last !== undefined && names.withinMove?.(last.transitionId)) {
    const role = names.role(last.fromRoleId).title;
    const occupation = names.role(last.toRoleId).title;
    sentences.push(
      `Reaching ${occupation} this way means working in it as ${aOrAn(role)} ${role}, one of its jobs: its pay and outlook describe the whole occupation, not ${role} alone.`,
    );
  }
  return sentences.join(' ');
}
