/**
 * Holds the pathway engine's index of the current data, and how many records the data holds (the
 * price of an export). Built on first use; after a data change (`invalidate()`, here or on another
 * replica) the next one is built in the background while requests keep the one they have, and it
 * replaces it in one step when it is ready: no request waits for a rebuild (docs/scaling.md).
 * Changes arriving during a build start one more build; a failed build keeps the previous index.
 *
 * Given the database's URL the store builds in a worker thread (graph-build.ts), so that a build of
 * a large graph (seconds) does not hold up the event loop; without one it builds in this thread
 * (tests and one-shot commands, where nothing else waits).
 *
 * It also keeps the rows pathway answers mention (src/db/row-cache.ts), dropped at once on `invalidate()`:
 * they are read again from the changed data, even while the next index is still being built.
 */
import { GraphQLError } from 'graphql';
import type { PrismaClient } from '../db/client.js';
import type { GraphSnapshot } from '../schema/snapshot.js';
import { isDatabaseUnavailable } from './database-unavailable.js';
import { BuildWorker, type BuiltSnapshot, buildSnapshot, WorkerUnavailable } from './graph-build.js';
import { RowCache } from '../db/row-cache.js';

/** How the latest completed build went. */
export type GraphBuild = { ok: boolean; seconds: number; at: Date };

/** The pathway index of the current data, shared by every request of a replica. */
export class GraphStore {
  #ready: GraphSnapshot | undefined;
  #first: Promise<GraphSnapshot> | undefined;
  #building: Promise<GraphSnapshot> | undefined;
  #stale = false;
  #lastBuild: GraphBuild | undefined;
  #records: number | undefined;
  #rows: RowCache;

  #worker: BuildWorker | undefined;
  readonly #logger: { warn: (object: object, message: string) => void } | undefined;

  constructor(
    private readonly prisma: PrismaClient,
    options: {
      /** Build in a worker thread that reads the data from this database (the one `prisma` uses). */
      databaseUrl?: string;
      /** The worker to build in (tests: one that cannot start); by default one for `databaseUrl`. */
      worker?: BuildWorker;
      /** Where a failed build and a worker that cannot run are reported (pino's signature). */
      logger?: { warn: (object: object, message: string) => void };
    } = {},
  ) {
    this.#logger = options.logger;
    this.#worker =
      options.worker ?? (options.databaseUrl === undefined ? undefined : new BuildWorker(options.databaseUrl));
    this.#rows = new RowCache(prisma);
  }

  /** The rows pathway answers mention, read once since the latest data change. */
  rows(): RowCache {
    return this.#rows;
  }

  /**
   * The latest index built; the first call waits for the first build (and retries a failed one).
   * Until one has been built, a failed build rejects with what the client is told: the database's
   * own error when it could not be reached (DATABASE_UNAVAILABLE, errors.ts), otherwise
   * PATHWAYS_UNAVAILABLE (503, worth retrying), never an unexpected error.
   */
  current(): Promise<GraphSnapshot> {
    if (this.#ready !== undefined) return Promise.resolve(this.#ready);
    this.#first ??= this.#build().catch((error: unknown) => {
      this.#first = undefined;
      throw isDatabaseUnavailable(error) ? error : pathwaysUnavailable();
    });
    return this.#first;
  }

  /** The data changed: build the next index in the background and swap it in when it is ready. */
  invalidate(): void {
    this.#rows = new RowCache(this.prisma);
    if (this.#ready === undefined) {
      // Nothing served yet: the next request builds from the data as it is then.
      if (this.#building === undefined) this.#first = undefined;
      else this.#stale = true;
      return;
    }
    if (this.#building !== undefined) {
      this.#stale = true;
      return;
    }
    this.#build().catch(() => {});
  }

  /** Resolves when no build is running or due (for tests and shutdown). */
  async settled(): Promise<void> {
    while (this.#building !== undefined) await this.#building.catch(() => {});
  }

  #build(): Promise<GraphSnapshot> {
    const started = performance.now();
    this.#stale = false;
    // A worker that cannot run at all (it failed to start twice) is no reason to serve no pathways:
    // this build and every later one run in this thread instead, holding up requests meanwhile.
    const worker = this.#worker;
    const building: Promise<BuiltSnapshot> =
      worker?.build().catch((error: unknown) => {
        if (!(error instanceof WorkerUnavailable)) throw error;
        this.#logger?.warn(
          { err: error },
          'The index build’s worker cannot run; building in the main thread from now on.',
        );
        if (this.#worker === worker) this.#worker = undefined;
        return buildSnapshot(this.prisma);
      }) ?? buildSnapshot(this.prisma);
    const snapshot = building.then((b) => b.snapshot);
    this.#building = snapshot;
    const record = (ok: boolean) => {
      this.#lastBuild = { ok, seconds: (performance.now() - started) / 1000, at: new Date() };
      this.#building = undefined;
      // A change arrived while building: build again from the newer data.
      if (this.#stale && this.#ready !== undefined) this.#build().catch(() => {});
    };
    building.then(
      (b) => {
        this.#ready = b.snapshot;
        this.#records = b.records;
        record(true);
      },
      (error: unknown) => {
        this.#logger?.warn({ err: error }, 'The pathway index did not build.');
        record(false);
      },
    );
    return snapshot;
  }

  /** Whether an index of the data is available. */
  loaded(): boolean {
    return this.#ready !== undefined;
  }

  /** How many records the data held at the latest build; undefined before the first. */
  records(): number | undefined {
    return this.#records;
  }

  /** The latest completed build, for /ready and /metrics. */
  lastBuild(): GraphBuild | undefined {
    return this.#lastBuild;
  }
}

/** Seconds a client should wait before asking again while no index could be built. */
const RETRY_AFTER_SECONDS = 5;

/**
 * What a client is told while no index of the data could be built (the build has logged why; the
 * cause is not attached as `originalError`, which would mark this error unexpected and mask it).
 */
const pathwaysUnavailable = (): GraphQLError =>
  new GraphQLError(
    'Pathways are unavailable at the moment: the index of the data could not be built; please retry shortly.',
    {
      extensions: {
        code: 'PATHWAYS_UNAVAILABLE',
        http: { status: 503, headers: { 'retry-after': String(RETRY_AFTER_SECONDS) } },
      },
    },
  );
