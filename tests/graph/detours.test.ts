/** Which pathways skipDetours leaves out (src/graph/detours.ts), on hand-made pathways. */
import { describe, expect, it } from 'vitest';
import { type Pathway, type PathwayStep, withoutDetours } from '../../src/graph/index.js';

/**
 * A pathway through `roles`, each move taking its `months`, at `cost` dollars with `certs` new
 * certifications; `programs` and `earns` give the programs completed and certifications earned on
 * some steps (by step index).
 */
function pathway(
  roles: number[],
  months: number[],
  cost: number,
  certs = 0,
  programs: Record<number, number[]> = {},
  earns: Record<number, number[]> = {},
): Pathway {
  return {
    roleIds: roles,
    steps: months.map((m, i) => ({
      fromRoleId: roles[i]!,
      toRoleId: roles[i + 1]!,
      months: m,
      transitionId: roles[i]! * 100 + roles[i + 1]!, // one id per move
      experienceMonths: m > 0 && !(programs[i] ?? []).length ? m : 0,
      programs: (programs[i] ?? []).map((program) => ({ program })),
      programsToComplete: programs[i] ?? [],
      certificationsToEarn: earns[i] ?? [],
    })),
    stepCount: months.length,
    totalMonths: months.reduce((s, m) => s + m, 0),
    totalCostUsd: cost,
    newCertifications: certs,
  } as unknown as Pathway;
}

// 1 medical assistant, 2 clinical MA, 3 LPN, 4 RN, 5 EKG technician; programs 10 practical
// nursing, 11 the LPN-to-RN bridge, 13 the nursing degree.
const viaLpn = pathway([1, 3, 4], [12, 12], 36_000, 2, { 0: [10], 1: [11] });
const direct = pathway([1, 4], [24], 39_000, 1, { 0: [13] });

describe('withoutDetours', () => {
  it('leaves out a route padded with a 0-month move through another role that only adds an exam', () => {
    const padded = pathway([1, 2, 3, 4], [0, 12, 12], 36_250, 3, { 1: [10], 2: [11] });
    expect(withoutDetours([viaLpn, padded, direct], 2)).toEqual([viaLpn, direct]);
  });

  it('keeps a 0-month stop at the same months where the student then works', () => {
    // Medical assistant → administrative MA (a title, 0 months) → department supervisor after three
    // years' work as an administrative MA, beside three years as a medical assistant: another job.
    const asMa = pathway([1, 6], [36], 0);
    const asAdmin = pathway([1, 7, 6], [0, 36], 0);
    expect(withoutDetours([asMa, asAdmin], 2)).toEqual([asMa, asAdmin]);
    // With no work at the stop (a program after it), it is padding.
    const programAfter = pathway([1, 6], [36], 0, 0, { 0: [14] });
    const stopThenProgram = pathway([1, 7, 6], [0, 36], 0, 0, { 1: [14] });
    expect(withoutDetours([programAfter, stopThenProgram], 2)).toEqual([programAfter]);
  });

  it('keeps a route that works a year in another role, even at the same total months as the direct one', () => {
    // The LPN route after the direct degree: same 24 months and dearer, but the student is an LPN on the way.
    const dearerViaLpn = pathway([1, 3, 4], [12, 12], 40_000, 2);
    expect(withoutDetours([direct, dearerViaLpn], 2)).toEqual([direct, dearerViaLpn]);
  });

  it('keeps a padded-looking route that is cheaper, or earns fewer certifications, or takes less time', () => {
    const cheaper = pathway([1, 2, 3, 4], [0, 12, 12], 35_000, 3, { 1: [10], 2: [11] });
    const fewerCerts = pathway([1, 2, 3, 4], [0, 12, 12], 36_250, 1, { 1: [10], 2: [11] });
    const faster = pathway([1, 2, 3, 4], [0, 6, 12], 36_250, 3, { 1: [10], 2: [11] });
    for (const other of [cheaper, fewerCerts, faster])
      expect(withoutDetours([viaLpn, other], 2)).toEqual([viaLpn, other]);
  });

  it('keeps a slower route through another role; a 0-month move added anywhere on the way is padding', () => {
    // Via EKG: a year's work as an EKG technician before the practical nursing program.
    const viaEkg = pathway([1, 5, 3, 4], [1, 12, 12], 53_000, 3, { 0: [12], 2: [11] });
    const lateDetour = pathway([1, 3, 2, 4], [12, 0, 12], 36_250, 3, { 0: [10], 2: [11] });
    expect(withoutDetours([viaLpn, viaEkg, lateDetour], 3)).toEqual([viaLpn, viaEkg]);
  });

  it('leaves out a route that asks what a better one asks, in the same role, and otherwise hops through roles asking nothing', () => {
    // Over O*NET's related occupations: 1 medical assistant → 6 physical therapist aides → 9
    // radiologic technologists (the associate's degree, program 100), then a route that hops through
    // 7 tellers and 8 gambling cage workers asking nothing and takes the same degree into 9.
    const viaAides = pathway([1, 6, 9], [0, 24], 39_000, 0, { 1: [100] });
    const hops = pathway([1, 7, 8, 9], [0, 0, 24], 39_000, 0, { 2: [100] });
    expect(withoutDetours([viaAides, hops], 2)).toEqual([viaAides]);
    // As many hops, through another job: nursing assistant → occupational therapy aides → respiratory
    // therapists after the same through physical therapist aides, "not needed" either way.
    const otherAides = pathway([1, 7, 9], [0, 24], 39_000, 0, { 1: [100] });
    expect(withoutDetours([viaAides, otherAides], 2)).toEqual([viaAides]);
    // Not with fewer moves (the better one is kept whatever its rank), nor where the move on asks
    // work of unknown length at the hop (BLS's "less than 5 years", counted as 0 months): years
    // as occupational therapy aides are not years as physical therapist aides.
    expect(withoutDetours([hops, viaAides], 2)).toEqual([hops, viaAides]);
    const intoNine = (s: PathwayStep) => s.toRoleId === 9;
    expect(withoutDetours([viaAides, otherAides], 2, intoNine)).toEqual([viaAides, otherAides]);
    // Nor one of known length after one of unknown length.
    const unknownViaAides = (s: PathwayStep) => s.transitionId === 609; // 6 → 9
    expect(withoutDetours([viaAides, otherAides], 2, unknownViaAides)).toEqual([viaAides, otherAides]);
    // Not when the route spends time elsewhere, takes another program, earns a certification on a
    // hop, or ends elsewhere (toTrack).
    const worksFirst = pathway([1, 7, 8, 9], [24, 0, 0], 39_000, 0, {}, {});
    const otherProgram = pathway([1, 7, 8, 9], [0, 0, 24], 39_000, 0, { 2: [101] });
    const earnsOnTheWay = pathway([1, 7, 8, 9], [0, 0, 24], 39_000, 1, { 2: [100] }, { 0: [50] });
    const elsewhere = pathway([1, 7, 8, 10], [0, 0, 24], 39_000, 0, { 2: [100] });
    for (const other of [worksFirst, otherProgram, earnsOnTheWay, elsewhere])
      expect(withoutDetours([viaAides, other], 2)).toEqual([viaAides, other]);
  });

  it('keeps a route whose years of experience are spent in another job, and one beside a hop of unknown length', () => {
    // Five years' experience as 6 before 9, then five years as 8 before 9: years elsewhere.
    const asSix = pathway([1, 6, 9], [0, 60], 0);
    const asEight = pathway([1, 7, 8, 9], [0, 0, 60], 0);
    expect(withoutDetours([asSix, asEight], 2)).toEqual([asSix, asEight]);
    // The better route's first move asks experience of no known length (counted as 0 months): the
    // second, whose hops truly ask nothing, is not its padding.
    const hops = pathway([1, 7, 8, 9], [0, 0, 24], 39_000, 0, { 2: [100] });
    const viaAides = pathway([1, 6, 9], [0, 24], 39_000, 0, { 1: [100] });
    const unknownFirst = (s: PathwayStep) => s.transitionId === 106; // 1 → 6
    expect(withoutDetours([viaAides, hops], 2, unknownFirst)).toEqual([viaAides, hops]);
    expect(withoutDetours([viaAides, hops], 2)).toEqual([viaAides]);
    // The other way round, the hop of unknown length on the padding route is one more hop.
    const hopsFirst = pathway([1, 6, 9], [0, 24], 39_000, 0, { 1: [100] });
    const unknownHops = pathway([1, 7, 8, 9], [0, 0, 24], 39_000, 0, { 2: [100] });
    expect(withoutDetours([hopsFirst, unknownHops], 2, (s) => s.transitionId === 107)).toEqual([hopsFirst]); // 1 → 7
  });

  it('leaves out a slower route that only adds a stop nothing after it uses, where the student does not work', () => {
    // Medical assistant → licensed practical nurse (the practical nursing program 10 and the LPN
    // licence 20) → registered nurse (the bridge 11, the RN licence 21), and the same with an EKG
    // course (program 12, the CET 22) first: the same program and licence into LPN after it.
    const viaLpn = pathway([1, 3, 4], [12, 12], 36_000, 2, { 0: [10], 1: [11] }, { 0: [20], 1: [21] });
    const viaEkg = pathway(
      [1, 5, 3, 4],
      [1, 12, 12],
      37_000,
      3,
      { 0: [12], 1: [10], 2: [11] },
      { 0: [22], 1: [20], 2: [21] },
    );
    const direct = pathway([1, 4], [24], 39_000, 1, { 0: [13] }, { 0: [21] });
    expect(withoutDetours([viaLpn, viaEkg, direct], 2)).toEqual([viaLpn, direct]);
    // The stop is kept when the student works there (the move on asks experience, known or not),
    // when what it earned counts later (the move on asks less), or when the route is cheaper.
    const worksAsEkg = pathway(
      [1, 5, 3, 4],
      [1, 12, 12],
      37_000,
      3,
      { 0: [12], 2: [11] },
      { 0: [22], 1: [20], 2: [21] },
    );
    const ekgCounts = pathway(
      [1, 5, 3, 4],
      [1, 11, 12],
      37_000,
      3,
      { 0: [12], 1: [10], 2: [11] },
      { 0: [22], 1: [20], 2: [21] },
    );
    const cheaper = pathway(
      [1, 5, 3, 4],
      [1, 12, 12],
      35_000,
      3,
      { 0: [12], 1: [10], 2: [11] },
      { 0: [22], 1: [20], 2: [21] },
    );
    for (const other of [worksAsEkg, ekgCounts, cheaper])
      expect(withoutDetours([viaLpn, other], 2)).toEqual([viaLpn, other]);
    const unknownWork = (s: PathwayStep) => s.transitionId === 503; // 5 → 3
    expect(withoutDetours([viaLpn, viaEkg], 2, unknownWork)).toEqual([viaLpn, viaEkg]);
    // The LPN route after the direct degree is no stop added to it: the bridge into RN is not the degree.
    const dearerViaLpn = pathway([1, 3, 4], [12, 12], 40_000, 2, { 0: [10], 1: [11] }, { 0: [20], 1: [21] });
    expect(withoutDetours([direct, dearerViaLpn], 2)).toEqual([direct, dearerViaLpn]);
  });

  it('never takes a fully timed route for padding of one with a part of unknown length, and sees through the destination’s own unknown time', () => {
    // Into 9 (an occupation asking experience of unknown length): directly from 1 (transition 109,
    // unknown), or after 36 known months as 8, whose move into 9 (809) is timed: kept.
    const unknown = new Set([109, 709]);
    const isUnknown = (s: PathwayStep) => unknown.has(s.transitionId);
    const direct = pathway([1, 9], [0], 0);
    const viaTimed = pathway([1, 8, 9], [36, 0], 0);
    expect(withoutDetours([direct, viaTimed], 2, isUnknown)).toEqual([direct, viaTimed]);
    // A 24-month program as 7 first, then the same unknown experience into 9 (709) as the direct move
    // asks: the stop adds a program and nothing 9 needs; the unknown time is 9's, not work at 7.
    const viaProgram = pathway([1, 7, 9], [24, 0], 39_000, 0, { 0: [100] });
    expect(withoutDetours([direct, viaProgram], 2, isUnknown)).toEqual([direct]);
  });

  it('stops at k, in rank order', () => {
    const padded = pathway([1, 2, 3, 4], [0, 12, 12], 36_250, 3, { 1: [10], 2: [11] });
    expect(withoutDetours([viaLpn, padded, direct, pathway([1, 5, 4], [1, 24], 50_000)], 2)).toEqual([viaLpn, direct]);
    expect(withoutDetours([], 3)).toEqual([]);
  });
});
