/**
 * The prerequisites the engine models (docs/cost-model.md): eligibility routes, program prerequisites,
 * what the start role implies, study load, unknown costs and their estimates, bridging tracks and
 * estimated moves — each on a hand-made graph, checked against hand-computed figures and brute force.
 */
import { describe, expect, it } from 'vitest';
import { buildIndex, evaluatePathway, findPathways, reachableRoles, type PathwayQuery } from '../../src/graph/index.js';
import { bruteFindPathways } from './brute-force.js';
import { fixture } from './fixture.js';

const g = fixture({
  roles: {
    ma: { track: 'hybrid', programs: ['ma-program'] },
    admin: { track: 'admin', programs: ['admin-course'] },
    clinical: 'clinical',
    lpn: { track: 'clinical', programs: ['pn-program'], certs: ['nclex-pn'] },
    rn: 'clinical',
    pa: 'clinical',
    manager: 'admin',
  },
  bridging: ['hybrid'],
  certs: {
    ccma: { fee: 125, routes: ['ma-program', { months: 12 }] },
    cmaa: { fee: 125, routes: ['admin-course', { months: 12 }] },
    'nclex-pn': { fee: 200, routes: ['pn-program'] },
    'nclex-rn': { fee: 200, routes: ['adn'] },
    'rn-licence': { fee: null, estimate: 100, routes: [{ holds: 'nclex-rn' }] },
    pance: { fee: 550, routes: ['pa-master'] },
  },
  programs: {
    'ma-program': [9, 16615],
    'admin-course': [6, null, { estimate: 4000 }],
    'pn-program': [12, 16950],
    adn: [24, null, { estimate: 8000 }],
    bachelor: [48, null, { estimate: 40000 }],
    'pa-master': [27, 90000, { prerequisites: ['bachelor'] }],
  },
  transitions: [
    ['ma', 'clinical', 0, [['ccma']]], // 0
    ['admin', 'clinical', 0, [['ccma']]], // 1
    ['clinical', 'rn', 0, [['nclex-rn'], ['rn-licence']]], // 2
    ['lpn', 'rn', 0, [['rn-licence'], ['nclex-rn']]], // 3: licence group before its exam: cannot be met
    ['ma', 'pa', 0, [['pance']], ['pa-master']], // 4
    ['clinical', 'manager', 2, [['cmaa']]], // 5
    ['ma', 'manager', 0, [], [], true], // 6: estimated
  ],
});
const index = buildIndex(g.input);
const { role, cert, program } = g;
const best = (q: Partial<PathwayQuery> & { from: number; to: number }) =>
  findPathways(index, { k: 1, rankBy: 'FASTEST', ...q } as PathwayQuery)[0];

describe('eligibility routes', () => {
  it('a route the start role already meets costs only the exam', () => {
    // A medical assistant has finished an MA program (implied by the role): the CCMA's program route is met.
    const p = best({ from: role('ma'), to: role('clinical') })!;
    expect([p.totalMonths, p.totalCostUsd]).toEqual([0, 125]);
    expect(p.steps[0]!.requirementChoices[0]!.route).toEqual({
      kind: 'PROGRAM',
      programId: program('ma-program'),
      alreadyMet: true,
    });
  });

  it('an unmet certification takes its fastest or cheapest route, with its time and cost', () => {
    const from = role('admin');
    const to = role('clinical');
    const fast = best({ from, to })!;
    expect([fast.totalMonths, fast.totalCostUsd]).toEqual([9, 16615 + 125]);
    expect(fast.steps[0]!.programs).toEqual([
      { programId: program('ma-program'), reason: 'ELIGIBILITY', months: 9, costUsd: 16615, costKnown: true },
    ]);
    const cheap = best({ from, to, rankBy: 'CHEAPEST' })!;
    expect([cheap.totalMonths, cheap.totalCostUsd]).toEqual([12, 125]);
    expect(cheap.steps[0]!.eligibilityWaitMonths).toBe(12);
    expect(cheap.steps[0]!.requirementChoices[0]!.route).toEqual({
      kind: 'EXPERIENCE',
      months: 12,
      alreadyMet: false,
      waitMonths: 12,
    });
    // A year in the role meets the experience route; a held CCMA skips it all.
    expect(best({ from, to, profile: { yearsInCurrentRole: 1 } })!.totalMonths).toBe(0);
    const held = best({ from, to, profile: { heldCertifications: [cert('ccma')] } })!;
    expect([held.totalMonths, held.totalCostUsd, held.newCertifications]).toEqual([0, 0, 0]);
  });

  it('work done on earlier steps counts toward an experience route', () => {
    // clinical -> manager asks for 2 years as clinical MA: by then the CMAA's one-year route is met.
    const p = best({ from: role('ma'), to: role('manager'), constraints: { avoidRoles: [] } })!;
    const viaClinical = findPathways(index, {
      from: role('ma'),
      to: role('manager'),
      k: 5,
      rankBy: 'FASTEST',
    }).find((x) => x.stepCount === 2)!;
    expect(viaClinical.steps[1]!.experienceMonths).toBe(24);
    expect(viaClinical.steps[1]!.eligibilityWaitMonths).toBe(0);
    // Met by the step's own two years, not before it.
    expect(viaClinical.steps[1]!.requirementChoices[0]!.route).toMatchObject({
      kind: 'EXPERIENCE',
      alreadyMet: false,
      waitMonths: 0,
    });
    expect(p.totalMonths).toBe(24);
    // Three years already in the role meet it before the move.
    const experienced = best({ from: role('clinical'), to: role('manager'), profile: { yearsInCurrentRole: 3 } })!;
    expect(experienced.steps[0]!.requirementChoices[0]!.route).toMatchObject({ kind: 'EXPERIENCE', alreadyMet: true });
    expect(experienced.totalMonths).toBe(0);
  });

  it('a licence that needs its exam passed is earned after the exam, which is earned first if need be', () => {
    const p = best({ from: role('clinical'), to: role('rn') })!;
    expect(p.certificationsToEarn).toEqual([cert('nclex-rn'), cert('rn-licence')]);
    expect(p.steps[0]!.requirementChoices[1]!.route).toEqual({
      kind: 'CERTIFICATION',
      certificationId: cert('nclex-rn'),
    });
    // The ADN (24 months, tuition unknown) is the NCLEX-RN's route.
    expect(p.totalMonths).toBe(24);
    // On lpn -> rn the licence's group comes first: the exam it asks for is earned on the way, and
    // then meets the exam's own group.
    const lpn = best({ from: role('lpn'), to: role('rn') })!;
    expect(lpn.certificationsToEarn).toEqual([cert('nclex-rn'), cert('rn-licence')]);
    expect(lpn.steps[0]!.requirementChoices.map((c) => [c.satisfiedBy, c.alreadyHeld])).toEqual([
      [cert('rn-licence'), false],
      [cert('nclex-rn'), false],
    ]);
    expect(lpn.totalMonths).toBe(24);
  });
});

describe('programs, their prerequisites and study load', () => {
  it('a program takes its prerequisites first', () => {
    const p = best({ from: role('ma'), to: role('pa') })!;
    expect(p.steps[0]!.programs.map((x) => [x.programId, x.reason, x.months])).toEqual([
      [program('bachelor'), 'PREREQUISITE', 48],
      [program('pa-master'), 'TRAINING', 27],
    ]);
    expect(p.totalMonths).toBe(75);
    // The PANCE's route (the master's) is met by then, by the step's own training: not before it.
    expect(p.steps[0]!.requirementChoices[0]!.route).toMatchObject({ kind: 'PROGRAM', alreadyMet: false });
    // A completed master's implies the bachelor's.
    const done = best({ from: role('ma'), to: role('pa'), profile: { completedPrograms: [program('pa-master')] } })!;
    expect(done.totalMonths).toBe(0);
  });

  it('part-time study doubles program months, and says so', () => {
    const p = best({ from: role('ma'), to: role('pa'), profile: { studyLoad: 'PART_TIME' } })!;
    expect(p.totalMonths).toBe(150);
    expect(p.studyLoad).toBe('PART_TIME');
    expect(best({ from: role('ma'), to: role('pa') })!.studyLoad).toBe('FULL_TIME');
  });
});

describe('unknown costs', () => {
  it('are never known dollars: the pathway lists them with their estimates', () => {
    const p = best({ from: role('ma'), to: role('pa') })!;
    expect(p.unknownCosts).toEqual([{ kind: 'PROGRAM', id: program('bachelor'), estimateUsd: 40000 }]);
    expect(p.knownCostUsd).toBe(90000 + 550);
    expect(p.totalCostUsd).toBe(90000 + 550 + 40000);
    expect(p.costIncludesUnknowns).toBe(true);
    expect(p.steps[0]!.knownCostUsd).toBe(p.knownCostUsd);
  });

  it('CHEAPEST ranks an unknown cost at its estimate, not at zero', () => {
    const h = fixture({
      roles: { a: 't', b: 't', c: 't', d: 't' },
      programs: { unknown: [6, null, { estimate: 20000 }], known: [6, 5000], free: [6, null] },
      transitions: [
        ['a', 'd', 0, [], ['unknown']], // 0
        ['a', 'b', 0, [], ['known']], // 1
        ['b', 'd', 0], // 2
        ['a', 'c', 0, [], ['free']], // 3: unknown without an estimate: counted as 0
        ['c', 'd', 0], // 4
      ],
    });
    const ix = buildIndex(h.input);
    const q: PathwayQuery = { from: h.role('a'), to: h.role('d'), k: 3, rankBy: 'CHEAPEST' };
    const got = findPathways(ix, q);
    expect(got.map((p) => p.transitionIds)).toEqual([
      [h.transition(3), h.transition(4)],
      [h.transition(1), h.transition(2)],
      [h.transition(0)],
    ]);
    expect(got[0]!.unknownCosts).toEqual([{ kind: 'PROGRAM', id: h.program('free'), estimateUsd: null }]);
    expect(got).toEqual(bruteFindPathways(h.input, q));
  });
});

describe('tracks and estimated moves', () => {
  it('a move out of a bridging track crosses no track', () => {
    expect(best({ from: role('ma'), to: role('clinical') })!.crossesTracks).toBe(false);
    expect(best({ from: role('admin'), to: role('clinical') })!.crossesTracks).toBe(true);
  });

  it('estimated moves are used only when asked for, and are marked', () => {
    const q = { from: role('ma'), to: role('manager'), k: 5, rankBy: 'FASTEST' } as const;
    expect(findPathways(index, q).every((p) => p.estimatedSteps === 0)).toBe(true);
    const [first] = findPathways(index, { ...q, includeEstimated: true });
    expect(first!.transitionIds).toEqual([g.transition(6)]);
    expect(first!.steps[0]!.estimated).toBe(true);
    expect(first!.estimatedSteps).toBe(1);
    const reach = (includeEstimated: boolean) =>
      reachableRoles(index, { from: role('ma'), withinMonths: 0, includeEstimated }).map((r) => r.roleId);
    expect(reach(false)).not.toContain(role('manager'));
    expect(reach(true)).toContain(role('manager'));
  });
});

describe('dominance with work experience', () => {
  it('a faster start with less work does not hide the pathway that meets an experience route', () => {
    // Into v by a 6-month course (no work) or by a year's work; then x needs 12 months of work.
    const h = fixture({
      roles: { a: 't', m1: 't', m2: 't', v: 't', t: 't' },
      certs: { x: { fee: 0, routes: [{ months: 12 }] } },
      programs: { course: [6, 0] },
      transitions: [
        ['a', 'm1', 0, [], ['course']],
        ['m1', 'v', 0],
        ['a', 'm2', 1],
        ['m2', 'v', 0],
        ['v', 't', 0, [['x']]],
      ],
    });
    const ix = buildIndex(h.input);
    for (const rankBy of ['FASTEST', 'CHEAPEST', 'FEWEST_NEW_CERTIFICATIONS', 'FEWEST_STEPS'] as const)
      for (const k of [1, 2]) {
        const q: PathwayQuery = { from: h.role('a'), to: h.role('t'), k, rankBy };
        expect(findPathways(ix, q)).toEqual(bruteFindPathways(h.input, q));
      }
    const fastest = findPathways(ix, { from: h.role('a'), to: h.role('t'), k: 2, rankBy: 'FASTEST' });
    expect(fastest.map((p) => [h.slugs(p.roleIds)[1], p.totalMonths])).toEqual([
      ['m2', 12],
      ['m1', 18],
    ]);
    expect(evaluatePathway(ix, [h.transition(0), h.transition(1), h.transition(4)]).totalMonths).toBe(18);
  });
});
