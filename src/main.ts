/**
 * `npm start`: opens the database (embedded by default), then serves GraphQL with GraphiQL.
 * SIGINT or SIGTERM lets requests in flight finish, then stops the change listener, the
 * connection pool and the embedded PostgreSQL, in that order (src/server/shutdown.ts).
 */
import { readConfig } from './config.js';
import { openDatabase } from './db/database.js';
import { createApp } from './server/app.js';
import { GraphStore } from './server/graph-store.js';
import { listen } from './server/http.js';
import { createLogger } from './server/logger.js';
import { shutDown, takeSignalsFromEmbeddedPostgres } from './server/shutdown.js';

const logger = createLogger();

async function main(): Promise<void> {
  const config = readConfig();
  logger.level = config.logLevel;
  takeSignalsFromEmbeddedPostgres();
  const database = await openDatabase(config, (message) => logger.info(message));
  const graph = new GraphStore(database.prisma, { databaseUrl: database.url, logger });
  // Build the pathway index now, so that the first request and /ready need not wait for it (a
  // failure is logged by the store, and the first request tries again).
  await graph.current().catch(() => {});
  const app = createApp({ prisma: database.prisma, graph, config, logger, listenUrl: database.url });
  const http = await listen(app, config.port, config.host);
  logger.info(
    `${config.graphiql ? 'GraphQL and GraphiQL' : 'GraphQL'} ready at ${http.url} (health: /health, readiness: /ready, metrics: /metrics)`,
  );

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return logger.info({ signal }, 'Already shutting down.');
    stopping = true;
    shutDown(signal, {
      http,
      app,
      database,
      embeddedDir: config.embeddedDir,
      drainMs: config.shutdownTimeoutMs,
      logger,
    }).then(
      () => {
        logger.info('Stopped.');
        process.exit(0);
      },
      (error: unknown) => {
        logger.error({ err: error }, 'Shutdown failed.');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

// A stray rejected promise is a bug to log, not a reason to drop every request in flight.
process.on('unhandledRejection', (reason) => logger.error({ err: reason }, 'Unhandled promise rejection.'));

main().catch((error: unknown) => {
  logger.fatal(`Failed to start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
