/**
 * The words on a move's own training that a certification would spare (PathwayStep.programsSparable):
 * true of what the engine counts, on hand-made graphs where the certification is held at the start,
 * earned on an earlier step, or within reach after months already worked.
 */
import { describe, expect, it } from 'vitest';
import { buildIndex, findPathways } from '../../src/graph/index.js';
import { explainStep, type Names } from '../../src/graph/explain.js';
import { fixture } from './fixture.js';

// X: by the course, or after a year of work. The move a -> b asks X (earned there, by the year of work
// a learner with a year in a has); b -> c asks X again and trains for it with the course.
const f = fixture({
  roles: { a: 't', b: 't', c: 't' },
  certs: { x: { fee: 100, routes: ['course', { months: 12 }] } },
  programs: { course: [6, 1000] },
  transitions: [
    ['a', 'b', 0, [['x']], []],
    ['b', 'c', 0, [['x']], ['course']],
    ['a', 'c', 0, [['x']], ['course']],
  ],
});
const names: Names = {
  role: (id) => ({ title: `Role ${f.slugs([id])[0]!.toUpperCase()}`, track: 't' }),
  track: () => 'T',
  certification: () => ({
    acronym: 'X',
    name: 'X certificate',
    kind: 'CERTIFICATION',
    issuer: 'I',
    feeUsd: 100,
    workMonths: 12,
    openRoute: 0,
  }),
  program: () => ({ name: 'course' }),
};
const index = buildIndex(f.input);
const stepInto = (to: string, via: string[], years: number) => {
  const [p] = findPathways(index, {
    from: f.role('a'),
    to: f.role(to),
    k: 5,
    rankBy: 'FASTEST',
    profile: { yearsInCurrentRole: years },
  }).filter((x) => JSON.stringify(f.slugs(x.roleIds)) === JSON.stringify(['a', ...via, to]));
  expect(p, `a pathway through ${via.join(', ')}`).toBeDefined();
  return { step: p!.steps.at(-1)!, all: p!.steps };
};

describe('a program a certification would spare', () => {
  it('earned on an earlier step: counted all the same, and said so, never "a student who first earns"', () => {
    const { step, all } = stepInto('c', ['b'], 1);
    expect(step.programs.map((x) => x.programId)).toEqual([f.program('course')]);
    const words = explainStep(step, names, 'FULL_TIME', undefined, [], all.slice(0, -1));
    expect(words).toMatch(/counts the course all the same, though the X earned on an earlier step would spare it/);
    expect(words).not.toMatch(/first earns/);
  });

  it('within reach after months already worked, or not yet', () => {
    for (const [years, already] of [
      [1, true],
      [0, false],
    ] as const) {
      const { step } = stepInto('c', [], years);
      // The course is the move's own training: taken, whatever was worked, unless X is held at the start.
      expect(step.programs.map((x) => x.programId)).toEqual([f.program('course')]);
      const words = explainStep(step, names);
      expect(words).toMatch(/a student who first earns the X after 1 year of work/i);
      // X asks no more of the work than its months: said plainly.
      expect(/\(months already worked\)/.test(words)).toBe(already);
    }
  });

  it('held at the start: not taken, and no sentence offers it', () => {
    const [p] = findPathways(index, {
      from: f.role('a'),
      to: f.role('c'),
      k: 1,
      rankBy: 'FASTEST',
      profile: { heldCertifications: [f.cert('x')] },
    });
    const step = p!.steps.at(-1)!;
    expect(step.programs).toEqual([]);
    expect(step.programsSparable).toEqual([]);
    expect(explainStep(step, names)).not.toMatch(/first earns|all the same/);
  });
});
