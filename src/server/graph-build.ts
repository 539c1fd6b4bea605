/**
 * Building the pathway index of the data in the database: in this thread (`buildSnapshot`), or in
 * a worker thread (`BuildWorker`), which reads the data and builds the index there and hands it
 * back without copying it (the index's typed arrays transferred, src/graph/transfer.ts; the names
 * packed into a few buffers, packed-names.ts), so that the event loop keeps answering requests
 * meanwhile. The worker's entry is graph-worker.ts, run through tsx from src/ and as plain
 * JavaScript from dist/.
 */
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { PrismaClient } from '../db/client.js';
import { countRecords } from '../db/dataset/export.js';
import { buildIndex } from '../graph/index.js';
import { indexBuffers, reviveIndex } from '../graph/transfer.js';
import type { GraphSnapshot } from '../schema/snapshot.js';
import { isDatabaseUnavailable } from './database-unavailable.js';
import { readGraphInput } from './graph-input.js';
import { type Packed, PackedNames, packedBuffers, packNames } from './packed-names.js';

/** An index of the data, and how many records the data held (the price of an export). */
export type BuiltSnapshot = { snapshot: GraphSnapshot; records: number };

type Names = GraphSnapshot['names'];
/** A snapshot as it crosses between threads: names packed into columns (packed-names.ts). */
type PackedSnapshot = Omit<GraphSnapshot, 'names'> & { names: Record<keyof Names, Packed> };

/** What the worker answers. */
type WorkerAnswer =
  | { ok: true; snapshot: PackedSnapshot; records: number }
  | { ok: false; message: string; databaseUnavailable: boolean };

/** What the worker posts once its modules have loaded, before any build. */
export const WORKER_READY = 'ready';

const NAME_KINDS = ['roles', 'tracks', 'certifications', 'programs'] as const;

/** The answer to post for a built snapshot, and the buffers to transfer with it (graph-worker.ts). */
export function workerAnswer({ snapshot, records }: BuiltSnapshot): { answer: WorkerAnswer; transfer: ArrayBuffer[] } {
  const names = Object.fromEntries(
    NAME_KINDS.map((kind) => [kind, packNames(snapshot.names[kind] as ReadonlyMap<number, Record<string, never>>)]),
  ) as Record<keyof Names, Packed>;
  const transfer = [...indexBuffers(snapshot.index), ...Object.values(names).flatMap(packedBuffers)];
  return { answer: { ok: true, snapshot: { ...snapshot, names }, records }, transfer };
}

/** The answer to post when the build failed. */
export const workerFailure = (error: unknown): WorkerAnswer => ({
  ok: false,
  message: error instanceof Error ? error.message : String(error),
  databaseUnavailable: isDatabaseUnavailable(error),
});

/** The build failed in the worker because the database could not be reached (errors.ts maps it). */
export class BuildDatabaseUnavailable extends Error {
  readonly code = 'P1001'; // Prisma's "can't reach database server": what isDatabaseUnavailable knows
}

/**
 * The worker thread could not be started, twice in a row: it stopped before its modules had loaded
 * (under tsx the TypeScript loader was seen not yet in place in a new thread). The build itself
 * never ran, so it may run elsewhere. A worker that stops while building fails the build instead.
 */
export class WorkerUnavailable extends Error {}

/** Reads the data and builds its index in this thread. */
export async function buildSnapshot(prisma: PrismaClient): Promise<BuiltSnapshot> {
  const [{ input, ...rest }, records] = await Promise.all([
    readGraphInput(prisma, { columns: true }),
    countRecords(prisma),
  ]);
  return { snapshot: { index: buildIndex(input), ...rest }, records };
}

const fromSource = import.meta.url.endsWith('.ts');
const workerEntry = new URL(fromSource ? './graph-worker.ts' : './graph-worker.js', import.meta.url);
// From src/ the worker loads TypeScript through tsx, as `npm start` does; options the service runs
// with (src/node-flags.ts) are V8's, which a worker does not take.
const workerExecArgv = fromSource
  ? ['--import', pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href]
  : [];

/**
 * A worker thread that reads the data at `url` and builds its index whenever asked. It is kept
 * between builds, since starting one (loading the modules, connecting) costs more than building
 * the index of a small graph; it does not keep the process alive while idle. If it dies it is
 * started again at the next build.
 */
export class BuildWorker {
  #worker: Worker | undefined;

  constructor(
    private readonly url: string,
    /** The worker's entry; another only in tests (one that cannot start). */
    private readonly entry: URL = workerEntry,
  ) {}

  /**
   * The index of the data as it is now; rejects when the build fails. A worker that dies before
   * it is ready (it failed to start: under tsx this was seen once, with the TypeScript loader not
   * yet in place in the new thread) is replaced and asked once more, as is a kept one that dies
   * after answering earlier builds; one started for this build that dies while building fails it,
   * and the build runs once.
   */
  build(retry = true): Promise<BuiltSnapshot> {
    let worker: Worker;
    // A kept worker that has died since (its exit not yet seen) would only fail this build.
    if (this.#worker !== undefined && this.#worker.threadId < 0) this.#worker = undefined;
    try {
      worker = this.#worker ??= this.#start();
    } catch (error) {
      // `new Worker` itself refused (e.g. its options): no thread to retry with.
      return Promise.reject(
        new WorkerUnavailable(`The index build's worker could not be created: ${String(error)}`, { cause: error }),
      );
    }
    worker.ref();
    return new Promise<BuiltSnapshot>((resolve, reject) => {
      const done = () => {
        worker.off('message', onMessage).off('error', onError).off('exit', onExit);
        worker.unref();
      };
      const onMessage = (answer: WorkerAnswer | typeof WORKER_READY) => {
        if (answer === WORKER_READY) return;
        done();
        this.#answered.add(worker);
        if (!answer.ok)
          return reject(
            answer.databaseUnavailable ? new BuildDatabaseUnavailable(answer.message) : new Error(answer.message),
          );
        const { snapshot, records } = answer;
        const names = Object.fromEntries(
          NAME_KINDS.map((kind) => [kind, new PackedNames(snapshot.names[kind])]),
        ) as unknown as Names;
        resolve({ snapshot: { ...snapshot, index: reviveIndex(snapshot.index), names }, records });
      };
      const failed = (why: string, cause?: Error) => {
        done();
        this.#worker = undefined;
        const message = `The index build's worker ${why}`;
        // Replaced and asked once more: a worker that never started, or a kept one that answered
        // an earlier build (it may have died idle, its exit not yet seen when this build began).
        // One that started for this build and died in it failed in the build, which would fail again.
        if (retry && (!this.#ready.has(worker) || this.#answered.has(worker))) return resolve(this.build(false));
        reject(this.#ready.has(worker) ? new Error(message, { cause }) : new WorkerUnavailable(message, { cause }));
      };
      // An error is followed by 'exit', by which time Node has delivered every message the worker
      // posted: whether it had said it was ready is known only then (its error can come first).
      let thrown: Error | undefined;
      const onError = (error: Error) => {
        thrown ??= error;
        void worker.terminate();
      };
      const onExit = (code: number) =>
        thrown ? failed(`failed: ${thrown.message}`, thrown) : failed(`stopped (exit code ${code}) before answering`);
      worker.on('message', onMessage).on('error', onError).on('exit', onExit);
      worker.postMessage('build');
    });
  }

  /** Workers whose modules have loaded (they posted WORKER_READY). */
  readonly #ready = new WeakSet<Worker>();
  /** Workers that have answered a build. */
  readonly #answered = new WeakSet<Worker>();

  #start(): Worker {
    const worker = new Worker(this.entry, { workerData: { url: this.url }, execArgv: workerExecArgv });
    const onReady = (message: unknown) => {
      if (message !== WORKER_READY) return;
      this.#ready.add(worker);
      worker.off('message', onReady);
    };
    worker.on('message', onReady);
    // A kept worker may also fail between builds: an 'error' nobody listens to would throw in this
    // thread, and a dead worker kept would never answer the next build. Either way it is dropped
    // (a build in flight has listeners of its own), and the next build starts another.
    const drop = () => {
      if (this.#worker === worker) this.#worker = undefined;
    };
    worker.on('error', drop).on('exit', drop);
    return worker;
  }

  /** Stops the worker (the next build starts another). */
  async stop(): Promise<void> {
    const worker = this.#worker;
    this.#worker = undefined;
    await worker?.terminate();
  }
}
