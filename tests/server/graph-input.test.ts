/**
 * readGraphInput's two forms of the transitions: as objects, and as columns read a chunk of ids at
 * a time (what the index build reads, decision 019). They must hold the same moves in the same order.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { PrismaClient } from '../../src/db/client.js';
import { transitionColumns } from '../../src/graph/columns.js';
import { buildIndex } from '../../src/graph/index.js';
import { openEntriesOf, readGraphInput } from '../../src/server/graph-input.js';
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

describe('readGraphInput after a change', () => {
  it('makes the estimated moves again when a curated role changes, and only reads them again otherwise', async () => {
    const [role] = await prisma.$queryRaw<{ id: number; code: string }[]>`
      SELECT r.id, o.code FROM role r JOIN occupation o ON o.id = r.occupation_id
      WHERE r.occupation_fit = 'EXACT' ORDER BY r.id LIMIT 1`;
    const before = await readGraphInput(prisma, { columns: true });
    // The role is its occupation's node: estimated moves start and end at it.
    expect(before.nodeByCode.get(role!.code)).toBe(role!.id);
    const again = await readGraphInput(prisma, { columns: true });
    expect(again.nodeByCode.get(role!.code)).toBe(role!.id);
    expect({ ...again.input.transitions }).toStrictEqual({ ...before.input.transitions });
    // Not made again: the same moves and explanations as the read before.
    expect(again.moveNotes).toBe(before.moveNotes);

    // No longer the occupation itself: the occupation becomes a node of its own.
    await prisma.$executeRaw`UPDATE role SET occupation_fit = 'SPECIALTY' WHERE id = ${role!.id}`;
    try {
      const after = await readGraphInput(prisma, { columns: true });
      const node = after.nodeByCode.get(role!.code)!;
      expect(node).not.toBe(role!.id);
      expect(after.occupationOfNode.has(node)).toBe(true);
      expect(after.input.roles.some((r) => r.id === node)).toBe(true);
      expect({ ...after.input.transitions }).not.toStrictEqual({ ...before.input.transitions });
    } finally {
      await prisma.$executeRaw`UPDATE role SET occupation_fit = 'EXACT' WHERE id = ${role!.id}`;
    }
    const restored = await readGraphInput(prisma, { columns: true });
    expect({ ...restored.input.transitions }).toStrictEqual({ ...before.input.transitions });
    expect(restored.moveNotes).not.toBe(before.moveNotes);
  });
});

describe('a curated role’s open entry (decision 024, revised)', () => {
  const move = (to: number, fromTitle: string, training: number[], groups: number[][] = [], years = 0) => ({
    to,
    fromTitle,
    years,
    training,
    groups,
  });
  it('is what every entry-level move into the role asks, where two or more agree and ask a program', () => {
    const entries = openEntriesOf([
      // Into 1 alike from three roles: the open entry.
      move(1, 'Medical Assistant', [10], [[5]]),
      move(1, 'Phlebotomy Technician', [10], [[5]]),
      move(1, 'EKG Technician', [10], [[5]]),
      // Into 2 from two roles asking different certifications: none.
      move(2, 'Medical Assistant', [11], [[6]]),
      move(2, 'Clinical Medical Assistant', [11], [[7]]),
      // Into 3 from one role only: none.
      move(3, 'Medical Assistant', [12]),
      // Into 4 asking no program (a step within the entry roles' own work): none.
      move(4, 'Medical Assistant', [], [[8]]),
      move(4, 'Clinical Medical Assistant', [], [[8]]),
      // Into 5 alike, but one way asks two years of work in its role: none.
      move(5, 'Medical Assistant', [13]),
      move(5, 'Clinical Medical Assistant', [13]),
      move(5, 'Phlebotomy Technician', [13], [], 2),
    ]);
    expect([...entries.keys()]).toEqual([1]);
    expect(entries.get(1)).toEqual({
      training: [10],
      requirementGroups: [[5]],
      from: ['Medical Assistant', 'Phlebotomy Technician', 'EKG Technician'],
    });
  });
});
