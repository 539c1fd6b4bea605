/**
 * The pathway index built in a worker thread (src/server/graph-build.ts): the same index as one
 * built in this thread, swapped in only when complete, and a failed build keeps the previous one.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { PrismaClient } from '../../src/db/client.js';
import { BuildWorker, buildSnapshot } from '../../src/server/graph-build.js';
import { GraphStore } from '../../src/server/graph-store.js';
import { testDatabase } from '../support/database.js';
import { graphqlClient } from '../support/graphql.js';

let prisma: PrismaClient;
let url: string;
beforeAll(async () => {
  ({ prisma, url } = await testDatabase('seeded'));
});

const MONTHS = `query { pathways(from: "medical-assistant", to: "lead-medical-assistant", first: 1,
  constraints: { maxSteps: 1 }) { totalMonths } }`;

const MOVE = { fromRole: { slug: 'medical-assistant' }, toRole: { slug: 'lead-medical-assistant' } };
const setMinYears = (years: number) =>
  prisma.transition.updateMany({ where: MOVE, data: { minYearsExperience: years } });
/** The move's years as the seeded data has them. */
let seededYears: number;
beforeAll(async () => {
  seededYears = Number((await prisma.transition.findFirstOrThrow({ where: MOVE })).minYearsExperience);
});

describe('the pathway index built in a worker thread', () => {
  it('is the index this thread builds, lookups included', async () => {
    const worker = new BuildWorker(url);
    const [inWorker, here] = await Promise.all([worker.build(), buildSnapshot(prisma)]);
    await worker.stop();
    const { names, ...rest } = inWorker.snapshot;
    const { names: hereNames, ...hereRest } = here.snapshot;
    expect(rest).toStrictEqual(hereRest);
    expect(inWorker.records).toBe(here.records);
    // Names arrive packed in columns: the same record for every id, and none for an unknown one.
    for (const kind of ['roles', 'tracks', 'certifications', 'programs'] as const) {
      const map = hereNames[kind] as ReadonlyMap<number, unknown>;
      expect(map.size).toBeGreaterThan(0);
      for (const [id, record] of map) expect(names[kind].get(id)).toStrictEqual(record);
      expect(names[kind].get(2 ** 31 - 1)).toBeUndefined();
    }
    const { index } = inWorker.snapshot;
    const role = index.roleBySlug.get('medical-assistant')!;
    expect(role).toBeGreaterThanOrEqual(0);
    expect(index.roleIndexById.get(index.roleIds[role]!)).toBe(role);
    const edge = index.outOffsets[role]!;
    expect(index.edgeIndexByTransitionId.get(index.edgeTransitionId[edge]!)).toBe(edge);
  });

  it('answers from the old index while the next builds, then from the new one', async () => {
    const graph = new GraphStore(prisma, { databaseUrl: url });
    const client = graphqlClient(prisma, graph);
    const months = async () => {
      const { data, errors } = await client.query(MONTHS);
      expect(errors).toBeUndefined();
      return data.pathways[0].totalMonths as number;
    };
    const before = await months();
    const first = graph.lastBuild();
    expect(first?.ok).toBe(true);
    await setMinYears(4.5);
    try {
      graph.invalidate();
      // Answered while the worker builds: no build has completed since, and the answer is the old one.
      expect(await months()).toBe(before);
      expect(graph.lastBuild()).toBe(first);
      await graph.settled();
      expect(graph.lastBuild()).not.toBe(first);
      expect(graph.lastBuild()?.ok).toBe(true);
      expect(await months()).toBe(54);
    } finally {
      await setMinYears(seededYears);
    }
  });

  it('keeps the previous index when a build fails, and takes the next good one', async () => {
    const graph = new GraphStore(prisma, { databaseUrl: url });
    const client = graphqlClient(prisma, graph);
    const months = async () => (await client.query(MONTHS)).data.pathways[0].totalMonths as number;
    const before = await months();
    // Two programs each the other's prerequisite: data the engine refuses (changeDataset would too).
    const [a, b] = await prisma.trainingProgram.findMany({ select: { id: true }, orderBy: { id: 'asc' }, take: 2 });
    const cycle = async (on: boolean) =>
      on
        ? prisma.$executeRaw`INSERT INTO program_prerequisite (program_id, prerequisite_id, position)
            VALUES (${a!.id}, ${b!.id}, 99), (${b!.id}, ${a!.id}, 99)`
        : prisma.$executeRaw`DELETE FROM program_prerequisite WHERE position = 99
            AND (program_id, prerequisite_id) IN ((${a!.id}, ${b!.id}), (${b!.id}, ${a!.id}))`;
    await cycle(true);
    await setMinYears(4.5);
    try {
      graph.invalidate();
      await graph.settled();
      expect(graph.lastBuild()?.ok).toBe(false);
      expect(await months()).toBe(before);
      await cycle(false);
      graph.invalidate();
      await graph.settled();
      expect(graph.lastBuild()?.ok).toBe(true);
      expect(await months()).toBe(54);
    } finally {
      await cycle(false);
      await setMinYears(seededYears);
    }
  });
});
