/** The pathway engine on hand-made graphs: each rule of docs/cost-model.md and each query option. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildIndex,
  evaluatePathway,
  findPathways,
  GraphInputError,
  type GraphInput,
  InvalidQueryError,
  reachableRoles,
  SearchBudgetExceeded,
  type PathwayQuery,
} from '../../src/graph/index.js';
import { itemBounds } from '../../src/graph/search.js';
import { bruteFindPathways } from './brute-force.js';
import { fixture } from './fixture.js';

/**
 * Medical assistant -> lead MA needs a CMA or an RMA; lead MA -> clinic supervisor needs the CMA.
 * Alone, the RMA is the cheaper option of the first step, but the CMA serves both.
 */
const clinic = fixture({
  roles: { ma: 'clinical', lead: 'clinical', supervisor: 'clinical', coder: 'admin', billing: 'admin' },
  certs: { cma: 125, rma: 120, cpc: 399, cbcs: null },
  programs: { 'coding-certificate': [9, 3000], 'leadership-course': [2, null] },
  transitions: [
    ['ma', 'lead', 2, [['cma', 'rma']]], // 0
    ['lead', 'supervisor', 1, [['cma']], ['leadership-course']], // 1
    ['ma', 'coder', 0, [['cpc', 'cbcs']], ['coding-certificate']], // 2
    ['coder', 'billing', 1.5, [], ['leadership-course']], // 3
    ['billing', 'supervisor', 1, [['cma', 'cbcs']], ['leadership-course']], // 4
    ['lead', 'billing', 0.5], // 5
  ],
});
const index = buildIndex(clinic.input);
const { role, cert, program } = clinic;

const find = (q: Partial<PathwayQuery> & { from: number }) =>
  findPathways(index, { k: 5, rankBy: 'FASTEST', ...q } as PathwayQuery);

describe('cost model', () => {
  it('chooses the option that is best for the whole pathway, and names it', () => {
    const [p] = find({
      from: role('ma'),
      to: role('supervisor'),
      k: 1,
      constraints: { avoidRoles: [role('billing')] },
    });
    expect(clinic.slugs(p!.roleIds)).toEqual(['ma', 'lead', 'supervisor']);
    expect(p!.certificationsToEarn).toEqual([cert('cma')]); // not the RMA, $5 cheaper on its own
    expect(p!.totalExamFeesUsd).toBe(125);
    const [s1, s2] = p!.steps;
    expect(s1!.requirementChoices).toEqual([
      {
        anyOf: [cert('rma'), cert('cma')],
        satisfiedBy: cert('cma'),
        alreadyHeld: false,
        heldAtStart: false,
        route: { kind: 'OPEN' },
      },
    ]);
    expect(s1!.examFeesUsd).toBe(125);
    expect(s2!.requirementChoices).toEqual([
      // Earned on step 1: held before step 2, but not the learner's at the start.
      { anyOf: [cert('cma')], satisfiedBy: cert('cma'), alreadyHeld: true, heldAtStart: false, route: null },
    ]);
    expect(s2!.examFeesUsd).toBe(0);
    expect(s2!.certificationsToEarn).toEqual([]);
  });

  it('takes the cheaper option when nothing later needs the other', () => {
    const [p] = find({ from: role('ma'), to: role('lead'), k: 1 });
    expect(p!.certificationsToEarn).toEqual([cert('rma')]);
    expect(p!.totalCostUsd).toBe(120);
  });

  it('a held certification satisfies a later group', () => {
    const [p] = find({
      from: role('ma'),
      to: role('supervisor'),
      k: 1,
      profile: { heldCertifications: [cert('cma')] },
      constraints: { avoidRoles: [role('billing')] },
    });
    expect(p!.newCertifications).toBe(0);
    expect(p!.totalExamFeesUsd).toBe(0);
    expect(p!.steps.map((s) => s.requirementChoices[0]!.alreadyHeld)).toEqual([true, true]);
  });

  it('counts yearsInCurrentRole on the first step only', () => {
    const q = { from: role('ma'), to: role('supervisor'), k: 1, constraints: { avoidRoles: [role('billing')] } };
    const [fresh] = find(q);
    expect(fresh!.steps.map((s) => s.experienceMonths)).toEqual([24, 12]);
    const [p] = find({ ...q, profile: { yearsInCurrentRole: 1.5 } });
    expect(p!.steps.map((s) => s.experienceMonths)).toEqual([6, 12]);
    const [done] = find({ ...q, profile: { yearsInCurrentRole: 5 } });
    expect(done!.steps.map((s) => s.experienceMonths)).toEqual([0, 12]);
  });

  it('adds training after experience, counts a program once, and skips completed ones', () => {
    const [p] = find({ from: role('ma'), to: role('supervisor'), k: 1, constraints: { avoidRoles: [role('lead')] } });
    expect(clinic.slugs(p!.roleIds)).toEqual(['ma', 'coder', 'billing', 'supervisor']);
    const months = p!.steps.map((s) => [s.experienceMonths, s.trainingMonths, s.startMonth, s.endMonth]);
    // coding certificate 9 months; leadership course on steps 2 and 3, taken once.
    expect(months).toEqual([
      [0, 9, 0, 9],
      [18, 2, 9, 29],
      [12, 0, 29, 41],
    ]);
    expect(p!.steps.map((s) => s.programsToComplete)).toEqual([
      [program('coding-certificate')],
      [program('leadership-course')],
      [],
    ]);
    // CBCS (fee unknown, counted 0) satisfies both groups; the leadership course's cost is unknown too.
    expect(p!.certificationsToEarn).toEqual([cert('cbcs')]);
    expect(p!.totalCostUsd).toBe(3000);
    expect(p!.costIncludesUnknowns).toBe(true);
    expect(p!.crossesTracks).toBe(true);
    const [withProgram] = find({
      from: role('ma'),
      to: role('supervisor'),
      k: 1,
      profile: { completedPrograms: [program('coding-certificate')] },
      constraints: { avoidRoles: [role('lead')] },
    });
    expect(withProgram!.steps[0]!.trainingMonths).toBe(0);
    expect(withProgram!.totalMonths).toBe(p!.totalMonths - 9);
    expect(withProgram!.totalCostUsd).toBe(0);
  });

  it('step and total figures add up', () => {
    for (const p of find({ from: role('ma'), to: role('supervisor'), k: 5 })) {
      expect(p.totalMonths).toBe(p.steps.reduce((s, x) => s + x.months, 0));
      expect(p.totalCostUsd).toBe(p.steps.reduce((s, x) => s + x.costUsd, 0));
      for (const s of p.steps) {
        expect(s.months).toBe(s.experienceMonths + s.trainingMonths);
        expect(s.costUsd).toBe(s.trainingCostUsd + s.examFeesUsd);
      }
      expect(p.newCertifications).toBe(p.certificationsToEarn.length);
      expect(p.stepCount).toBe(p.transitionIds.length);
    }
  });

  it('FEWEST_NEW_CERTIFICATIONS may pay more for fewer certifications', () => {
    const g = fixture({
      roles: { a: 't', b: 't', c: 't' },
      certs: { x: 0, y: 0, both: 100 },
      transitions: [
        ['a', 'b', 0, [['x', 'both']]],
        ['b', 'c', 0, [['y', 'both']]],
      ],
    });
    const ix = buildIndex(g.input);
    const q = { from: g.role('a'), to: g.role('c'), k: 1 } as const;
    const [cheap] = findPathways(ix, { ...q, rankBy: 'FASTEST' });
    expect(cheap!.certificationsToEarn).toEqual([g.cert('x'), g.cert('y')]);
    expect(cheap!.totalCostUsd).toBe(0);
    const [few] = findPathways(ix, { ...q, rankBy: 'FEWEST_NEW_CERTIFICATIONS' });
    expect(few!.certificationsToEarn).toEqual([g.cert('both')]);
    expect(few!.totalCostUsd).toBe(100);
    // ... unless the budget rules it out.
    const [capped] = findPathways(ix, { ...q, rankBy: 'FEWEST_NEW_CERTIFICATIONS', constraints: { maxCostUsd: 50 } });
    expect(capped!.newCertifications).toBe(2);
  });

  describe('a training program that leads to a certification the learner holds', () => {
    const run = (spec: Parameters<typeof fixture>[0], held: string[]) => {
      const g = fixture(spec);
      const q = { from: g.role('a'), to: g.role('b'), k: 1, rankBy: 'FASTEST' as const };
      const [p] = findPathways(buildIndex(g.input), { ...q, profile: { heldCertifications: held.map(g.cert) } });
      return { g, step: p!.steps[0]!, months: p!.totalMonths };
    };

    it('is not needed when it is the way to the group the learner holds one of', () => {
      const spec = {
        roles: { a: 't', b: 't' },
        certs: { x: { fee: 10, routes: ['p', { months: 12 }] }, w: { fee: 10, routes: [{ months: 12 }] } },
        programs: { p: [9, 1000] },
        transitions: [['a', 'b', 0, [['x', 'w']], ['p']]],
      } as Parameters<typeof fixture>[0];
      const none = run(spec, []);
      expect(none.step.programsToComplete).toEqual([none.g.program('p')]);
      expect(none.months).toBe(9);
      // Holding W, another option of the group, spares it too: p is the way to the group.
      const held = run(spec, ['w']);
      expect(held.months).toBe(0);
      expect(held.step.programsToComplete).toEqual([]);
      expect(held.step.programsNotNeeded).toEqual([
        {
          programId: held.g.program('p'),
          heldCertificationId: held.g.cert('w'),
          anyOf: expect.arrayContaining([held.g.cert('x'), held.g.cert('w')]),
        },
      ]);
    });

    it('is still taken, and never said not needed, when something else on the move takes it', () => {
      // Another program of the move has it as a prerequisite.
      const prerequisite = run(
        {
          roles: { a: 't', b: 't' },
          certs: { x: { fee: 10, routes: ['p', { months: 12 }] } },
          programs: { p: [9, 1000], q: [3, 200, { prerequisites: ['p'] }] },
          transitions: [['a', 'b', 0, [['x']], ['p', 'q']]],
        } as Parameters<typeof fixture>[0],
        ['x'],
      );
      expect(prerequisite.step.programsToComplete).toContain(prerequisite.g.program('p'));
      expect(prerequisite.step.programsNotNeeded).toEqual([]);
      // Another group's option has it as its route.
      const otherGroup = run(
        {
          roles: { a: 't', b: 't' },
          certs: { x: { fee: 10, routes: ['p'] }, z: { fee: 10, routes: ['p'] }, w: { fee: 10, routes: ['p'] } },
          programs: { p: [9, 1000] },
          transitions: [['a', 'b', 0, [['x', 'w'], ['z']], ['p']]],
        } as Parameters<typeof fixture>[0],
        ['x'],
      );
      expect(otherGroup.step.programsToComplete).toEqual([otherGroup.g.program('p')]);
      expect(otherGroup.step.programsNotNeeded).toEqual([]);
    });
  });
});

describe('monotonicity', () => {
  it('under FEWEST_NEW_CERTIFICATIONS, a held certification may cost more for fewer certifications', () => {
    // docs/cost-model.md, "What the profile can and cannot change".
    const g = fixture({
      roles: { a: 't', b: 't' },
      certs: { h: 50, a: 0, b: 0, x: 100 },
      transitions: [
        [
          'a',
          'b',
          0,
          [
            ['h', 'a'],
            ['b', 'x'],
            ['a', 'x'],
          ],
        ],
      ],
    });
    const ix = buildIndex(g.input);
    const q = { from: g.role('a'), to: g.role('b'), k: 1, rankBy: 'FEWEST_NEW_CERTIFICATIONS' } as const;
    const [before] = findPathways(ix, q);
    expect([before!.newCertifications, before!.totalCostUsd]).toEqual([2, 0]);
    const [after] = findPathways(ix, { ...q, profile: { heldCertifications: [g.cert('h')] } });
    expect([after!.newCertifications, after!.totalCostUsd]).toEqual([1, 100]);
    // Under the other rankings, never dearer.
    const [cheap] = findPathways(ix, { ...q, rankBy: 'CHEAPEST', profile: { heldCertifications: [g.cert('h')] } });
    expect(cheap!.totalCostUsd).toBe(0);
  });

  it('what the learner has never makes a given pathway longer or dearer', () => {
    const ids = [clinic.transition(2), clinic.transition(3), clinic.transition(4)];
    const base = evaluatePathway(index, ids);
    for (const profile of [
      { heldCertifications: [cert('cbcs')] },
      { heldCertifications: [cert('cma'), cert('cpc')] },
      { completedPrograms: [program('leadership-course')] },
      { yearsInCurrentRole: 3 },
    ]) {
      const p = evaluatePathway(index, ids, { profile });
      expect(p.totalMonths).toBeLessThanOrEqual(base.totalMonths);
      expect(p.totalCostUsd).toBeLessThanOrEqual(base.totalCostUsd);
    }
  });
});

describe('ranking', () => {
  const g = fixture({
    roles: { a: 't', b: 't', c: 't', d: 't' },
    certs: { x: 300 },
    programs: { p: [3, 5000] },
    transitions: [
      ['a', 'd', 3], // 0: slow, free, 1 step
      ['a', 'b', 0.5, [['x']]], // 1
      ['b', 'd', 0.5], // 2: via b: 12 months, $300, 1 cert, 2 steps
      ['a', 'c', 0, [], ['p']], // 3
      ['c', 'd', 0.5], // 4: via c: 9 months, $5000, 0 certs, 2 steps
      ['a', 'd', 3], // 5: parallel to 0, larger id
    ],
  });
  const ix = buildIndex(g.input);
  const order = (rankBy: PathwayQuery['rankBy']) =>
    findPathways(ix, { from: g.role('a'), to: g.role('d'), k: 5, rankBy }).map((p) => p.transitionIds);
  const [t0, t1, t2, t3, t4, t5] = [0, 1, 2, 3, 4, 5].map(g.transition);

  it('orders by the primary figure, then months, cost, new certifications, steps, transition ids', () => {
    expect(order('FASTEST')).toEqual([[t3, t4], [t1, t2], [t0], [t5]]);
    expect(order('CHEAPEST')).toEqual([[t0], [t5], [t1, t2], [t3, t4]]);
    expect(order('FEWEST_NEW_CERTIFICATIONS')).toEqual([[t3, t4], [t0], [t5], [t1, t2]]);
    expect(order('FEWEST_STEPS')).toEqual([[t0], [t5], [t3, t4], [t1, t2]]);
  });

  it('k limits the list; k = 1 is the best', () => {
    expect(findPathways(ix, { from: g.role('a'), to: g.role('d'), k: 2, rankBy: 'CHEAPEST' })).toHaveLength(2);
    expect(findPathways(ix, { from: g.role('a'), to: g.role('d'), k: 1, rankBy: 'FASTEST' })[0]!.transitionIds).toEqual(
      [t3, t4],
    );
  });
});

describe('lower bounds', () => {
  // Two pathways tie on months and cost. Via b: two certifications that moves into c offer as well
  // (so the bound cannot count them); via a: one that only moves into t offer (counted). The
  // certifications' bound must order a's partial pathway before b's complete one, never after it.
  const g = fixture({
    roles: { s: 't', a: 't', b: 't', c: 't', t: 't' },
    certs: { x: 0, y: 0, z: 0 },
    transitions: [
      ['s', 'b', 0], // 0
      ['b', 't', 0, [['y'], ['z']]], // 1: 2 certifications
      ['s', 'c', 0, [['y'], ['z']]], // 2
      ['s', 'a', 0], // 3
      ['a', 't', 0, [['x']]], // 4: 1 certification
    ],
  });
  const ix = buildIndex(g.input);
  for (const rankBy of ['FASTEST', 'CHEAPEST'] as const)
    it(`${rankBy}: fewer certifications first on equal months and cost, as brute force has it`, () => {
      const query = { from: g.role('s'), to: g.role('t'), k: 3, rankBy };
      const got = findPathways(ix, query).map((p) => p.transitionIds);
      expect(got).toEqual(bruteFindPathways(g.input, query).map((p) => p.transitionIds));
      expect(got[0]).toEqual([g.transition(3), g.transition(4)]);
    });
});

describe('bounds that pay once for a shared item (decision 023)', () => {
  // g is earned on moves into t and into d, from a and from c: shared, so no edge bound counts it.
  // Its one route is 12 months of work. From v, the year's experience of v -> a meets it: the bound
  // must not count those 12 months twice (once as experience, once as the wait), or the direct
  // 15-month move would come first.
  const g = fixture({
    roles: { s: 't', v: 't', a: 't', t: 't', c: 't', d: 't' },
    certs: { g: { fee: 0, routes: [{ months: 12 }] } },
    programs: { long: [15, 0] },
    transitions: [
      ['s', 'v', 0], // 0
      ['v', 'a', 1], // 1: 12 months' experience
      ['a', 't', 0, [['g']]], // 2
      ['c', 'd', 0, [['g']]], // 3
      ['s', 't', 0, [], ['long']], // 4: 15 months
    ],
  });
  const ix = buildIndex(g.input);
  const { share, flat } = itemBounds;
  beforeAll(() => {
    [itemBounds.share, itemBounds.flat] = [Infinity, 0]; // from the second label on
  });
  afterAll(() => {
    [itemBounds.share, itemBounds.flat] = [share, flat];
  });
  it('a wait for a work-experience route counts only the months worked before it', () => {
    const query = { from: g.role('s'), to: g.role('t'), k: 2, rankBy: 'FASTEST' as const };
    const got = findPathways(ix, query).map((p) => p.transitionIds);
    expect(got).toEqual(bruteFindPathways(g.input, query).map((p) => p.transitionIds));
    expect(got).toEqual([[0, 1, 2].map(g.transition), [g.transition(4)]]);
  });
  it('a learner who has worked long enough waits for nothing', () => {
    // With two years in s, the direct move still takes 15 months; via v the route is met.
    const query = {
      from: g.role('s'),
      to: g.role('t'),
      k: 2,
      rankBy: 'CHEAPEST' as const,
      profile: { yearsInCurrentRole: 2 },
    };
    expect(findPathways(ix, query)).toEqual(bruteFindPathways(g.input, query));
  });
});

describe('lower bounds and what the learner starts with', () => {
  // s -> r asks for a licence whose one route is program p, which only moves into r need: the bound
  // counts p's 24 months, except for a learner who has completed p already.
  const g = fixture({
    roles: { q: 't', s: 't', r: 't', t: 't' },
    certs: { licence: { fee: 0, routes: ['p'] } },
    programs: { p: [24, 1000] },
    transitions: [
      ['q', 's', 0], // 0
      ['s', 'r', 0, [['licence']]], // 1
      ['r', 't', 0], // 2
      ['s', 't', 0.5], // 3
      ['q', 't', 0.25], // 4
    ],
  });
  const ix = buildIndex(g.input);
  it('a program done at the start counts nothing in the bounds of a route that needs it', () => {
    const query = {
      from: g.role('q'),
      to: g.role('t'),
      k: 3,
      rankBy: 'FASTEST' as const,
      profile: { completedPrograms: [g.program('p')] },
    };
    const got = findPathways(ix, query).map((p) => p.transitionIds);
    expect(got).toEqual(bruteFindPathways(g.input, query).map((p) => p.transitionIds));
    expect(got[0]).toEqual([0, 1, 2].map(g.transition));
    // Without p: 24 months that way, the direct move first.
    const without = findPathways(ix, { ...query, profile: undefined }).map((p) => p.transitionIds);
    expect(without[0]).toEqual([g.transition(4)]);
  });
});

describe('lower bounds where the training is also a route', () => {
  // The licence's one route is program p; s -> r asks for the licence alone, q -> r trains p and asks
  // for it too, so p counts once there (24 months), not once as training and once more as the
  // licence's route: that would put z -> q at 48 months and the direct z -> t (30) first.
  const g = fixture({
    roles: { s: 't', z: 't', q: 't', r: 't', t: 't' },
    certs: { licence: { fee: 0, routes: ['p'] } },
    programs: { p: [24, 1000] },
    transitions: [
      ['s', 'r', 0, [['licence']]], // 0
      ['q', 'r', 0, [['licence']], ['p']], // 1
      ['r', 't', 0], // 2
      ['z', 'q', 0], // 3
      ['z', 't', 2.5], // 4
    ],
  });
  const ix = buildIndex(g.input);
  it('the route program the training takes counts once in the bound', () => {
    const query = { from: g.role('z'), to: g.role('t'), k: 2, rankBy: 'FASTEST' as const };
    const got = findPathways(ix, query).map((p) => p.transitionIds);
    expect(got).toEqual(bruteFindPathways(g.input, query).map((p) => p.transitionIds));
    expect(got[0]).toEqual([3, 1, 2].map(g.transition));
  });
});

describe('constraints', () => {
  const to = role('supervisor');
  const all = () => find({ from: role('ma'), to, k: 10 });

  it('avoidRoles keeps those roles off the pathway', () => {
    const got = find({ from: role('ma'), to, k: 10, constraints: { avoidRoles: [role('lead')] } });
    expect(got.length).toBeGreaterThan(0);
    for (const p of got) expect(p.roleIds).not.toContain(role('lead'));
    expect(got.length).toBe(all().filter((p) => !p.roleIds.includes(role('lead'))).length);
  });

  it('onlyTracks keeps every role after the start on those tracks', () => {
    const got = find({ from: role('ma'), to, k: 10, constraints: { onlyTracks: [clinic.track('clinical')] } });
    expect(got.map((p) => clinic.slugs(p.roleIds))).toEqual([['ma', 'lead', 'supervisor']]);
    expect(find({ from: role('ma'), to, constraints: { onlyTracks: [clinic.track('admin')] } })).toEqual([]);
    // The start itself may be off the allowed tracks.
    const fromAdmin = find({
      from: role('coder'),
      to: role('billing'),
      constraints: { onlyTracks: [clinic.track('admin')] },
    });
    expect(fromAdmin).toHaveLength(1);
  });

  it('maxSteps, maxMonths and maxCostUsd filter pathways', () => {
    const every = all();
    expect(every.length).toBeGreaterThan(2);
    const check = (c: NonNullable<PathwayQuery['constraints']>, keep: (p: (typeof every)[number]) => boolean) => {
      const got = find({ from: role('ma'), to, k: 10, constraints: c });
      expect(got).toEqual(every.filter(keep));
    };
    check({ maxSteps: 2 }, (p) => p.stepCount <= 2);
    check({ maxMonths: 40 }, (p) => p.totalMonths <= 40);
    check({ maxCostUsd: 200 }, (p) => p.totalCostUsd <= 200);
    check({ maxSteps: 0 }, () => false);
  });

  it('an unreachable target gives an empty list', () => {
    expect(find({ from: role('supervisor'), to: role('ma') })).toEqual([]);
    expect(
      find({ from: role('ma'), to: role('supervisor'), constraints: { avoidRoles: [role('supervisor')] } }),
    ).toEqual([]);
  });
});

describe('toTrack', () => {
  it('ends at the first role of the track reached, never the start', () => {
    const got = find({ from: role('lead'), toTrack: clinic.track('admin') });
    expect(got.map((p) => clinic.slugs(p.roleIds))).toEqual([['lead', 'billing']]);
    const clinical = find({ from: role('ma'), toTrack: clinic.track('clinical'), k: 10 });
    expect(clinical.map((p) => clinic.slugs(p.roleIds))).toEqual([
      ['ma', 'lead'],
      ['ma', 'coder', 'billing', 'supervisor'],
    ]);
  });
});

describe('reachableRoles', () => {
  it('lists every role reachable in time, with the earliest month and its pathway', () => {
    const got = reachableRoles(index, { from: role('ma'), withinMonths: 30 });
    expect(got.map((r) => [clinic.slugs([r.roleId])[0], r.earliestMonth, r.stepCount])).toEqual([
      ['coder', 9, 1],
      ['lead', 24, 1],
      ['billing', 29, 2],
    ]);
    const billing = got.find((r) => r.roleId === role('billing'))!;
    expect(billing.transitionIds).toEqual([clinic.transition(2), clinic.transition(3)]);
    expect(billing.pathway().totalMonths).toBe(29);
    expect(billing.pathway().transitionIds).toEqual(billing.transitionIds);
  });

  it('is state-aware: a completed program shortens what follows', () => {
    const got = reachableRoles(index, {
      from: role('ma'),
      withinMonths: 100,
      profile: { completedPrograms: [program('leadership-course')] },
    });
    expect(got.find((r) => r.roleId === role('billing'))!.earliestMonth).toBe(27);
    expect(got.find((r) => r.roleId === role('supervisor'))!.earliestMonth).toBe(36);
  });

  it('respects constraints', () => {
    const got = reachableRoles(index, {
      from: role('ma'),
      withinMonths: 100,
      constraints: { avoidRoles: [role('coder')] },
    });
    expect(got.map((r) => clinic.slugs([r.roleId])[0])).toEqual(['lead', 'billing', 'supervisor']);
  });
});

describe('bounded work', () => {
  it('throws SearchBudgetExceeded past the budget, asking for tighter constraints', () => {
    // A complete graph on 9 roles: too many pathways for a tiny budget.
    const roles: Record<string, string> = {};
    for (let i = 0; i < 9; i++) roles[`r${i}`] = 't';
    const transitions: [string, string, number][] = [];
    for (let i = 0; i < 9; i++) for (let j = 0; j < 9; j++) if (i !== j) transitions.push([`r${i}`, `r${j}`, 1]);
    const g = fixture({ roles, transitions });
    const ix = buildIndex(g.input);
    const q: PathwayQuery = {
      from: g.role('r0'),
      to: g.role('r8'),
      k: 50,
      rankBy: 'FEWEST_NEW_CERTIFICATIONS',
      workBudget: 200,
    };
    expect(() => findPathways(ix, q)).toThrow(SearchBudgetExceeded);
    expect(() => findPathways(ix, q)).toThrow(/maxSteps/);
    expect(() => reachableRoles(ix, { from: g.role('r0'), withinMonths: 100, workBudget: 50 })).toThrow(
      SearchBudgetExceeded,
    );
    expect(findPathways(ix, { ...q, workBudget: undefined })).toHaveLength(50);
  });
});

describe('exactness corner cases', () => {
  it('the k best keep every pathway where paths share roles (found by property testing)', () => {
    // Found by property testing: 6 roles, k = 4.
    const edges = [
      [0, 4],
      [3, 4],
      [3, 1],
      [0, 3],
      [4, 3],
      [0, 1],
      [2, 1],
      [1, 4],
      [3, 5],
      [0, 2],
    ];
    const roles: Record<string, string> = {};
    for (let i = 0; i < 6; i++) roles[`r${i}`] = 't';
    const g = fixture({ roles, transitions: edges.map(([a, b]) => [`r${a}`, `r${b}`, 0] as [string, string, number]) });
    const q: PathwayQuery = { from: g.role('r0'), to: g.role('r5'), k: 4, rankBy: 'FASTEST' };
    expect(findPathways(buildIndex(g.input), q)).toEqual(bruteFindPathways(g.input, q));
  });

  it('a part of the k-best search expands its start in full: the years in the current role count there', () => {
    // Found by property testing. 201 -> 117 by 2108 asks for a year of experience, which the learner
    // has in the current role; the edge's bound (12 months) holds elsewhere, not at the start. The part
    // "not by 2003" must still find 2108-2087 (0 months) before 2276 (6 months).
    const P = (id: number, minMonths: number, cost: number | null, estimate: number | null = null) => ({
      id,
      slug: `program-${id}`,
      minMonths,
      typicalCostUsd: cost,
      costEstimateUsd: estimate,
      prerequisites: [],
    });
    const T = (id: number, from: number, to: number, minYearsExperience: number, training: number[]) => ({
      id,
      from,
      to,
      minYearsExperience,
      requirementGroups: [],
      training,
      estimated: false,
    });
    const role = (id: number, impliedPrograms: number[] = []) => ({
      id,
      slug: `role-${id}`,
      trackId: 20,
      trackSlug: 'track-20',
      impliedPrograms,
      impliedCertifications: [],
    });
    const input = {
      roles: [role(103, [903]), role(117), role(145, [952]), role(152), role(201)],
      tracks: [{ id: 20, slug: 'track-20', bridging: false }],
      certifications: [],
      programs: [P(931, 6, null, 100), P(903, 0, null), P(952, 6, 0)],
      transitions: [
        T(2388, 117, 152, 1, [931, 952]),
        T(2276, 201, 103, 0, [952]),
        T(2297, 201, 145, 1, []),
        T(2108, 201, 117, 1, [903]),
        T(2262, 103, 117, 0, [903, 931]),
        T(2031, 152, 117, 0, []),
        T(2143, 152, 103, 0, [931]),
        T(2003, 201, 117, 0, []),
        T(2087, 117, 103, 0, [903]),
        T(2367, 103, 145, 0, []),
        T(2157, 103, 145, 0, []),
      ],
    } as GraphInput;
    const q: PathwayQuery = { from: 201, to: 103, k: 3, rankBy: 'FASTEST', profile: { yearsInCurrentRole: 1 } };
    const got = findPathways(buildIndex(input), q);
    expect(got.map((p) => p.transitionIds)).toEqual([[2003, 2087], [2108, 2087], [2276]]);
    expect(got).toEqual(bruteFindPathways(input, q));
  });

  it('dominance across parts counts a part once, however many of its labels dominate', () => {
    // After 1-5, the part "not by 1" reaches role 3 by 3 in two ways neither beats under maxCostUsd:
    // xray (0 months, $100) and yankee (program 91: 6 months, $0). Both beat 1-2 at role 3 (6 months,
    // $100), but they are one path, so they give one pathway ahead of 1-2-4, not two: with two
    // pathways still wanted, 1-2-4 is the third. The bound at 3 leaves out program 92 (also a route),
    // so 1-2 comes out while that part is still open.
    const role = (id: number) => ({ id, slug: `r${id}`, trackId: 1, trackSlug: 't1' });
    const program = (id: number, minMonths: number, usd: number) => ({
      id,
      slug: `p${id}`,
      minMonths,
      typicalCostUsd: usd,
      costEstimateUsd: null,
    });
    const move = (id: number, from: number, to: number, years: number, groups: number[][], training: number[]) => ({
      id,
      from,
      to,
      minYearsExperience: years,
      requirementGroups: groups,
      training,
    });
    const input: GraphInput = {
      roles: [role(1), role(2), role(3), role(4)],
      certifications: [
        { id: 50, slug: 'xray', examFeeUsd: 100, feeEstimateUsd: null, routes: [{}] },
        { id: 51, slug: 'yankee', examFeeUsd: 0, feeEstimateUsd: null, routes: [{ program: 91 }] },
        { id: 52, slug: 'zulu', examFeeUsd: 0, feeEstimateUsd: null, routes: [{ program: 92 }] },
      ],
      programs: [program(90, 0, 100), program(91, 6, 0), program(92, 12, 0)],
      transitions: [
        move(1, 1, 2, 0, [], [90]),
        move(2, 2, 3, 0.5, [], []),
        move(3, 1, 3, 0, [[50, 51]], []),
        move(4, 3, 4, 0, [], [92]),
        move(5, 2, 4, 0, [], []),
      ],
    };
    const q: PathwayQuery = { from: 1, to: 4, k: 3, rankBy: 'FASTEST', constraints: { maxCostUsd: 1000 } };
    const got = findPathways(buildIndex(input, { landmarks: 0 }), q);
    expect(got.map((p) => p.transitionIds)).toEqual([
      [1, 5],
      [3, 4],
      [1, 2, 4],
    ]);
    expect(got).toEqual(bruteFindPathways(input, q));
  });

  it('maxSteps prunes by the fewest moves left, measured or (not reached yet) bounded', () => {
    // 30 middle roles lead to the target; 30 detour roles need two more moves, through a hub whose
    // in-edges the backward breadth-first search, running alongside the search, reaches last: the
    // detours are first bounded (by 2, exactly), later measured. Too large a bound changes the results.
    const roles: Record<string, string> = { src: 't', dst: 't' };
    const transitions: [string, string, number][] = [['src', 'dst', 5]];
    for (let i = 0; i < 30; i++) {
      roles[`m${i}`] = 't';
      roles[`d${i}`] = 't';
      transitions.push(['src', `m${i}`, (i % 4) * 0.5], [`m${i}`, 'dst', (i % 3) * 0.5]);
      transitions.push(['src', `d${i}`, 0], [`d${i}`, 'hub', 0]);
    }
    roles.hub = 't'; // last, so that the backward search reaches its in-edges last
    transitions.push(['hub', 'dst', 0]);
    const g = fixture({ roles, transitions });
    const ix = buildIndex(g.input);
    for (const maxSteps of [1, 2, 3]) {
      const q: PathwayQuery = {
        from: g.role('src'),
        to: g.role('dst'),
        k: 4,
        rankBy: 'FASTEST',
        constraints: { maxSteps },
      };
      expect(findPathways(ix, q)).toEqual(bruteFindPathways(g.input, q));
    }
  });

  it('a pathway better on the ranking does not hide one that alone meets a limit', () => {
    // Two ways into v: fast but 2 steps, or slow but 1 step and cheap. Then 2 more steps, needing a program.
    const g = fixture({
      roles: { s: 't', x: 't', v: 't', w: 't', t: 't' },
      programs: { course: [6, 200] },
      transitions: [
        ['s', 'x', 0, [], ['course']],
        ['x', 'v', 0],
        ['s', 'v', 1],
        ['v', 'w', 0],
        ['w', 't', 0, [], ['course']],
      ],
    });
    const ix = buildIndex(g.input);
    const path = (q: Omit<PathwayQuery, 'from' | 'to' | 'k'>) =>
      findPathways(ix, { from: g.role('s'), to: g.role('t'), k: 1, ...q }).map((p) => g.slugs(p.roleIds).join(' '));
    expect(path({ rankBy: 'FASTEST' })).toEqual(['s x v w t']);
    expect(path({ rankBy: 'FASTEST', constraints: { maxSteps: 3 } })).toEqual(['s v w t']);
    expect(path({ rankBy: 'FEWEST_STEPS' })).toEqual(['s v w t']);
    expect(path({ rankBy: 'FEWEST_STEPS', constraints: { maxMonths: 14 } })).toEqual(['s x v w t']);
    expect(path({ rankBy: 'FASTEST', constraints: { maxCostUsd: 100 } })).toEqual([]);
    expect(path({ rankBy: 'CHEAPEST', constraints: { maxMonths: 12 } })).toEqual(['s x v w t']);
  });

  it('landmark bounds do not change results', () => {
    for (const from of ['ma', 'lead', 'coder'])
      for (const to of ['supervisor', 'billing']) {
        const q: PathwayQuery = { from: role(from), to: role(to), k: 5, rankBy: 'FASTEST' };
        expect(findPathways(buildIndex(clinic.input, { landmarks: 3 }), q)).toEqual(findPathways(index, q));
      }
  });
});

describe('evaluatePathway', () => {
  it('evaluates given transitions with the best certification plan', () => {
    const p = evaluatePathway(index, [clinic.transition(0), clinic.transition(1)]);
    expect(p.certificationsToEarn).toEqual([cert('cma')]);
    expect(p.totalMonths).toBe(24 + 12 + 2);
    expect(() => evaluatePathway(index, [clinic.transition(0), clinic.transition(3)])).toThrow(InvalidQueryError);
  });
});

describe('input and query validation', () => {
  it('rejects inconsistent input', () => {
    const base = clinic.input;
    expect(() => buildIndex({ ...base, roles: [...base.roles, base.roles[0]!] })).toThrow(GraphInputError);
    const t = base.transitions[0]!;
    expect(() => buildIndex({ ...base, transitions: [{ ...t, requirementGroups: [[]] }] })).toThrow(
      /empty requirement group/,
    );
    expect(() => buildIndex({ ...base, transitions: [{ ...t, requirementGroups: [[999_999]] }] })).toThrow(
      /unknown certification 999999/,
    );
    expect(() => buildIndex({ ...base, transitions: [{ ...t, to: 999_999 }] })).toThrow(/unknown to role/);
    expect(() => buildIndex({ ...base, transitions: [t, t] })).toThrow(/duplicate transition/);
  });

  it('rejects invalid queries', () => {
    expect(() => find({ from: 999_999, to: role('lead') })).toThrow(InvalidQueryError);
    expect(() => find({ from: role('ma') })).toThrow(/exactly one of to and toTrack/);
    expect(() => find({ from: role('ma'), to: role('lead'), toTrack: 10 })).toThrow(/exactly one/);
    expect(() => find({ from: role('ma'), to: role('ma') })).toThrow(/differ/);
    expect(() => find({ from: role('ma'), to: role('lead'), k: 0 })).toThrow(/k must be/);
    expect(() => find({ from: role('ma'), to: role('lead'), profile: { heldCertifications: [1] } })).toThrow(
      /unknown certification/,
    );
    expect(() => find({ from: role('ma'), to: role('lead'), rankBy: 'SLOWEST' as never })).toThrow(/rankBy/);
  });

  it('treats unknown tracks and avoided roles as having no roles', () => {
    expect(find({ from: role('ma'), toTrack: 424242 })).toEqual([]);
    expect(find({ from: role('ma'), to: role('lead'), constraints: { avoidRoles: [424242] } })).toHaveLength(1);
  });
});
