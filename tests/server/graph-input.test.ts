/**
 * readGraphInput's two forms of the transitions: as objects, and as columns read a chunk of ids at
 * a time (what the index build reads, decision 019). They must hold the same moves in the same order.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { PrismaClient } from '../../src/db/client.js';
import { transitionColumns } from '../../src/graph/columns.js';
import { buildIndex } from '../../src/graph/index.js';
import { readGraphInput } from '../../src/server/graph-input.js';
import { testDatabase } from '../support/database.js';

let prisma: PrismaClient;
beforeAll(async () => {
  ({ prisma } = await testDatabase('seeded'));
});

describe('readGraphInput with the transitions as columns', () => {
  it('reads the same transitions as the object form, in chunks of any size, and the same index', async () => {
    const { input } = await readGraphInput(prisma);
    const expected = { ...transitionColumns(input.transitions) };
    expect(input.transitions.some((t) => t.requirementGroups.length > 0)).toBe(true);
    expect(input.transitions.some((t) => t.training.length > 0)).toBe(true);
    for (const chunk of [1, 7, 100_000]) {
      const { input: columnar } = await readGraphInput(prisma, { columns: true, chunk });
      expect({ ...columnar.transitions }).toStrictEqual(expected);
      expect({ ...columnar, transitions: null }).toStrictEqual({ ...input, transitions: null });
    }
    const { input: columnar } = await readGraphInput(prisma, { columns: true });
    expect(buildIndex(columnar)).toStrictEqual(buildIndex(input));
  });
});
