/**
 * buildIndex takes shortcuts when the input comes in id order (as the database reads it): the
 * index must be the same whatever the order of the input's records.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildIndex } from '../../src/graph/index.js';
import type { GraphInput } from '../../src/graph/types.js';
import { scenarioArb } from './arbitraries.js';

const byId = <T extends { id: number }>(list: readonly T[]) => [...list].sort((a, b) => a.id - b.id);

describe('buildIndex and the order of its input', () => {
  it('builds the same index from records in id order and in any other order', () => {
    fc.assert(
      fc.property(scenarioArb({ maxRoles: 10, maxTransitions: 30 }), ({ input }) => {
        const sorted: GraphInput = {
          ...input,
          roles: byId(input.roles),
          certifications: byId(input.certifications),
          programs: byId(input.programs),
          transitions: byId(input.transitions),
        };
        expect(buildIndex(sorted)).toStrictEqual(buildIndex(input));
      }),
      { numRuns: 300 },
    );
  });
});
