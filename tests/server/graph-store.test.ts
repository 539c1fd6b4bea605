/**
 * The pathway index built in a worker thread (src/server/graph-build.ts): the same index as one
 * built in this thread, swapped in only when complete, and a failed build keeps the previous one.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type { PrismaClient } from '../../src/db/client.js';
import {
  BuildDatabaseUnavailable,
  BuildWorker,
  buildSnapshot,
  WORKER_READY,
  WorkerUnavailable,
} from '../../src/server/graph-build.js';
import { createApp } from '../../src/server/app.js';
import { isDatabaseUnavailable } from '../../src/server/database-unavailable.js';
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

/** A worker entry that says it is ready, then runs `onBuild` on every build message. */
async function fakeWorker(onBuild: string): Promise<URL> {
  const entry = path.join(await mkdtemp(path.join(tmpdir(), 'worker-')), 'worker.mjs');
  await writeFile(
    entry,
    `import { parentPort } from 'node:worker_threads';
     parentPort.on('message', () => { ${onBuild} });
     parentPort.postMessage(${JSON.stringify(WORKER_READY)});`,
  );
  return pathToFileURL(entry);
}

/** The error a build through `worker` fails with: the build's own, not WorkerUnavailable. */
async function buildError(worker: BuildWorker): Promise<Error> {
  const error: unknown = await worker.build().then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(Error);
  expect(error).not.toBeInstanceOf(WorkerUnavailable);
  return error as Error;
}

describe('when no index can be built', () => {
  /** Two programs each the other's prerequisite: data the engine refuses. */
  const withCycle = async (run: () => Promise<void>) => {
    const [a, b] = await prisma.trainingProgram.findMany({ select: { id: true }, orderBy: { id: 'asc' }, take: 2 });
    await prisma.$executeRaw`INSERT INTO program_prerequisite (program_id, prerequisite_id, position)
      VALUES (${a!.id}, ${b!.id}, 98), (${b!.id}, ${a!.id}, 98)`;
    try {
      await run();
    } finally {
      await prisma.$executeRaw`DELETE FROM program_prerequisite WHERE position = 98`;
    }
  };

  it('answers PATHWAYS_UNAVAILABLE (503, retry-after), not an unexpected error, and builds when asked again', async () => {
    const graph = new GraphStore(prisma, { databaseUrl: url });
    const app = createApp({ prisma, graph });
    const ask = () =>
      app.fetch('http://localhost/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
        body: JSON.stringify({ query: MONTHS }),
      });
    await withCycle(async () => {
      const response = await ask();
      expect(response.status).toBe(503);
      expect(response.headers.get('retry-after')).toBe('5');
      const body = (await response.json()) as { errors: { message: string; extensions: { code: string } }[] };
      expect(body.errors.map((e) => e.extensions.code)).toEqual(['PATHWAYS_UNAVAILABLE']);
      expect(body.errors[0]!.message).toMatch(/could not be built; please retry/);
      expect(graph.lastBuild()?.ok).toBe(false);
    });
    const response = await ask();
    expect(response.status).toBe(200);
    expect(((await response.json()) as { data: { pathways: unknown[] } }).data.pathways).toHaveLength(1);
  });

  it('builds in this thread when the worker cannot start, says so once, and starts no more workers', async () => {
    const broken = new BuildWorker(url, new URL('./no-such-worker.js', import.meta.url));
    await expect(broken.build()).rejects.toBeInstanceOf(WorkerUnavailable);
    const warnings: string[] = [];
    const graph = new GraphStore(prisma, { worker: broken, logger: { warn: (_o, message) => warnings.push(message) } });
    const { data, errors } = await graphqlClient(prisma, graph).query(MONTHS);
    expect(errors).toBeUndefined();
    const inThread = await graphqlClient(prisma, new GraphStore(prisma)).query(MONTHS);
    expect(data.pathways).toEqual(inThread.data.pathways);
    expect(graph.lastBuild()?.ok).toBe(true);
    graph.invalidate();
    await graph.settled();
    expect(graph.lastBuild()?.ok).toBe(true);
    expect(warnings).toEqual(['The index build’s worker cannot run; building in the main thread from now on.']);
  });

  it('fails the build, not the thread, when the worker stops while building', async () => {
    // A worker whose modules load (it says it is ready) and that then exits on the build message.
    const dying = new BuildWorker(url, await fakeWorker('process.exit(3);'));
    expect((await buildError(dying)).message).toMatch(/exit code 3/);
    const warnings: string[] = [];
    const graph = new GraphStore(prisma, { worker: dying, logger: { warn: (_o, message) => warnings.push(message) } });
    const response = await graphqlClient(prisma, graph).query(MONTHS);
    expect(response.errors?.map((e: { extensions?: { code?: string } }) => e.extensions?.code)).toEqual([
      'PATHWAYS_UNAVAILABLE',
    ]);
    expect(warnings).toEqual(['The pathway index did not build.']);
  });

  it('fails the build, not the thread, when a ready worker throws', async () => {
    // Its error and its ready message come over different ports: the verdict waits for 'exit'.
    const throwing = new BuildWorker(url, await fakeWorker("throw new Error('the build blew up');"));
    expect((await buildError(throwing)).message).toMatch(/failed: the build blew up/);
  });

  it('runs a failing build once: a ready worker that dies is not asked again', async () => {
    const log = path.join(await mkdtemp(path.join(tmpdir(), 'builds-')), 'builds.log');
    const dying = new BuildWorker(
      url,
      await fakeWorker(
        `process.getBuiltinModule('node:fs').appendFileSync(${JSON.stringify(log)}, 'build\\n'); process.exit(4);`,
      ),
    );
    try {
      expect((await buildError(dying)).message).toMatch(/exit code 4/);
      expect((await readFile(log, 'utf8')).split('\n').filter(Boolean)).toHaveLength(1);
    } finally {
      await rm(path.dirname(log), { recursive: true, force: true });
    }
  });

  it('asks a new worker once when a kept one dies: it may have died idle, before this build', async () => {
    // Answers its first build and dies on the second, as a worker that died while idle does when
    // its exit has not arrived before the next build is asked of it: a new worker answers instead.
    const worker = new BuildWorker(
      url,
      await fakeWorker(`globalThis.builds = (globalThis.builds ?? 0) + 1;
         if (globalThis.builds > 1) process.exit(5);
         parentPort.postMessage({ ok: false, message: 'answered', databaseUnavailable: false });`),
    );
    try {
      await expect(worker.build()).rejects.toThrow('answered');
      await expect(worker.build()).rejects.toThrow('answered');
    } finally {
      await worker.stop();
    }
  });

  it('says the database was out of reach when the worker could not read it', async () => {
    const worker = new BuildWorker('postgresql://postgres@127.0.0.1:1/nowhere');
    try {
      const error: unknown = await worker.build().then(
        () => undefined,
        (e: unknown) => e,
      );
      // Marked as such by the worker, not only recognisable by its message.
      expect(error).toBeInstanceOf(BuildDatabaseUnavailable);
      expect(isDatabaseUnavailable(error)).toBe(true);
    } finally {
      await worker.stop();
    }
  });

  it('drops a kept worker that fails between builds, without failing this thread, and starts another', async () => {
    // A worker that answers every build with a failure, then throws while idle.
    const worker = new BuildWorker(
      url,
      await fakeWorker(`parentPort.postMessage({ ok: false, message: 'no data here', databaseUnavailable: false });
         setTimeout(() => { throw new Error('idle failure'); }, 20);`),
    );
    await expect(worker.build()).rejects.toThrow('no data here');
    await new Promise((resolve) => setTimeout(resolve, 200)); // the worker has thrown and stopped
    // The next build is answered (by a new worker), not left waiting on the dead one.
    const next = Promise.race([
      worker.build().then(
        () => 'built',
        (e: Error) => e.message,
      ),
      new Promise((resolve) => setTimeout(() => resolve('no answer'), 5_000)),
    ]);
    expect(await next).toBe('no data here');
    await worker.stop();
  });
});
