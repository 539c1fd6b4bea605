/**
 * Holds the pathway engine's index of the current data, and how many records the data holds (the
 * price of an export). Built on first use; `invalidate()` (a data change, here or on another
 * replica) starts a rebuild at once, so the next request need not pay for it, and requests wait
 * for it rather than read stale pathways. Requests already running keep the index they started with.
 */
import type { PrismaClient } from '../db/client.js';
import { countRecords } from '../db/dataset/export.js';
import { readGraphInput } from './graph-input.js';
import { buildIndex, type GraphIndex } from '../graph/index.js';

/** How the latest completed build went. */
export type GraphBuild = { ok: boolean; seconds: number; at: Date };

/** The pathway index of the current data, shared by every request of a replica. */
export class GraphStore {
  #current: Promise<GraphIndex> | undefined;
  #generation = 0;
  #lastBuild: GraphBuild | undefined;
  #everBuilt = false;
  #records: number | undefined;

  constructor(private readonly prisma: PrismaClient) {}

  /** The index of the latest data (building it if needed). */
  current(): Promise<GraphIndex> {
    if (!this.#current) {
      const generation = ++this.#generation;
      const started = performance.now();
      const building = Promise.all([readGraphInput(this.prisma), countRecords(this.prisma)]).then(
        ([input, records]) => {
          if (this.#generation === generation) this.#records = records;
          return buildIndex(input);
        },
      );
      this.#current = building;
      const record = (ok: boolean) => {
        if (this.#generation !== generation) return;
        this.#lastBuild = { ok, seconds: (performance.now() - started) / 1000, at: new Date() };
        this.#everBuilt ||= ok;
        // A failed build is forgotten so that the next request tries again.
        if (!ok) this.#current = undefined;
      };
      building.then(
        () => record(true),
        () => record(false),
      );
    }
    return this.#current;
  }

  /** Marks the index stale and rebuilds it from the database straight away. */
  invalidate(): void {
    this.#current = undefined;
    // Built before means it is in use: rebuild now. Never built: the first request will.
    if (this.#everBuilt) this.current().catch(() => {});
  }

  /** Whether an index of the data is available: the latest build succeeded. */
  loaded(): boolean {
    return this.#lastBuild?.ok === true;
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
