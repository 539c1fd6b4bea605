/**
 * Transitions as columns (src/graph/columns.ts): the same index as from objects, whatever the
 * order, the same errors, and the bench's columnar generator makes the same graph as its object one.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateL, generateLColumns } from '../../bench/generators.js';
import { buildIndex } from '../../src/graph/index.js';
import { transitionColumns, transitionObjects } from '../../src/graph/columns.js';
import type { GraphInput } from '../../src/graph/types.js';
import { scenarioArb } from './arbitraries.js';

const byId = <T extends { id: number }>(list: readonly T[]) => [...list].sort((a, b) => a.id - b.id);

/** An object transition as columns give it back: `estimated` only when true. */
const normalized = (input: GraphInput) =>
  input.transitions.map(({ estimated, ...t }) => ({
    ...t,
    requirementGroups: t.requirementGroups.map((g) => [...g]),
    training: [...t.training],
    ...(estimated ? { estimated } : {}),
  }));

describe('transitions as columns', () => {
  it('build the same index as the same transitions as objects, in any order', () => {
    fc.assert(
      fc.property(scenarioArb({ maxRoles: 10, maxTransitions: 30 }), ({ input }) => {
        const fromObjects = buildIndex(input);
        expect(buildIndex({ ...input, transitions: transitionColumns(input.transitions) })).toStrictEqual(fromObjects);
        expect(buildIndex({ ...input, transitions: transitionColumns(byId(input.transitions)) })).toStrictEqual(
          fromObjects,
        );
      }),
      { numRuns: 300 },
    );
  });

  it('turn back into the same objects', () => {
    fc.assert(
      fc.property(scenarioArb({ maxRoles: 8, maxTransitions: 20 }), ({ input }) => {
        expect(transitionObjects(transitionColumns(input.transitions))).toStrictEqual(normalized(input));
      }),
      { numRuns: 100 },
    );
  });

  it('are refused for the same reasons as objects', () => {
    const base: GraphInput = {
      roles: [
        { id: 1, slug: 'a', trackId: 1, trackSlug: 't' },
        { id: 2, slug: 'b', trackId: 1, trackSlug: 't' },
      ],
      certifications: [{ id: 5, slug: 'c', examFeeUsd: 10 }],
      programs: [{ id: 7, slug: 'p', minMonths: 3, typicalCostUsd: 100 }],
      transitions: [],
    };
    const t = { id: 1, from: 1, to: 2, minYearsExperience: 1, requirementGroups: [[5]], training: [7] };
    const bad = [
      { ...t, to: 99 },
      { ...t, from: 99 },
      { ...t, to: 1 },
      { ...t, minYearsExperience: -1 },
      { ...t, requirementGroups: [[]] },
      { ...t, requirementGroups: [[6]] },
      { ...t, training: [8] },
    ];
    for (const move of bad) {
      const objects = { ...base, transitions: [move] };
      expect(() => buildIndex(objects)).toThrow();
      const message = (() => {
        try {
          buildIndex(objects);
        } catch (e) {
          return (e as Error).message;
        }
      })();
      expect(() => buildIndex({ ...base, transitions: transitionColumns([move]) })).toThrow(message);
    }
    expect(() => buildIndex({ ...base, transitions: transitionColumns([t, t]) })).toThrow(/duplicate transition/);
  });

  it('come out of the bench generator as they would from its objects', () => {
    const opts = { roleCount: 2_000, transitionCount: 20_000, trackCount: 5 };
    const columns = generateLColumns(4, opts);
    const objects = generateL(4, opts);
    expect({ ...columns.transitions }).toStrictEqual({ ...transitionColumns(objects.transitions) });
    expect(columns.roles).toStrictEqual(objects.roles);
  });
});
