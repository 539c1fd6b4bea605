/**
 * GET /ready: 200 when this replica can serve — the database answers a `SELECT 1` within the
 * timeout and the pathway index is built — otherwise 503. The JSON body says which part is not
 * ready. (GET /health, yoga's own, only says the process is up.)
 */
import type { Plugin } from 'graphql-yoga';
import type { PrismaClient } from '../db/client.js';
import { probeDatabase } from './database-probe.js';
import type { GraphStore } from './graph-store.js';

export type ReadinessOptions = {
  prisma: PrismaClient;
  graph: GraphStore;
  /** How long to wait for the database. */
  timeoutMs: number;
  /** Whether the change listener is connected, when there is one (reported, not required). */
  listening?: () => boolean;
};

/** Serves /ready from a database probe and the pathway index's state. */
export function useReadiness({ prisma, graph, timeoutMs, listening }: ReadinessOptions): Plugin {
  async function check(): Promise<{ ready: boolean; body: string }> {
    const database = await probeDatabase(prisma, timeoutMs);
    // A replica whose index failed to build (say, during an outage) tries again here.
    if (database.ok && !graph.loaded()) {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        graph.current().catch(() => {}),
        new Promise((resolve) => (timer = setTimeout(resolve, timeoutMs))),
      ]);
      clearTimeout(timer);
    }
    const build = graph.lastBuild();
    const ready = database.ok && graph.loaded();
    const body = {
      status: ready ? 'ready' : 'not ready',
      database: database.ok ? 'ok' : database.reason,
      pathwayIndex: graph.loaded() ? 'loaded' : build ? 'failed to build' : 'not built yet',
      ...(listening && { changeListener: listening() ? 'connected' : 'reconnecting' }),
    };
    return { ready, body: JSON.stringify(body) };
  }

  // Not yoga's useReadinessCheck, which tests every request's URL against a URLPattern: a
  // measurable share of a small query's CPU time, where comparing the path is enough.
  return {
    onRequest({ url, fetchAPI, endResponse }) {
      if (url.pathname !== '/ready') return;
      return check().then(
        ({ ready, body }) =>
          endResponse(
            new fetchAPI.Response(body, {
              status: ready ? 200 : 503,
              headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
            }),
          ),
        // Not the error's message: /ready is public (see database-probe.ts).
        () =>
          endResponse(
            new fetchAPI.Response(JSON.stringify({ status: 'not ready' }), {
              status: 503,
              headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
            }),
          ),
      );
    },
  };
}
