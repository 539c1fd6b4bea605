/**
 * `npm start`: opens the database (embedded by default), then serves GraphQL with GraphiQL.
 * Ctrl-C or SIGTERM stops the HTTP server, the connection pool and the embedded PostgreSQL.
 */
import { readConfig } from './config.js';
import { openDatabase } from './db/database.js';
import { createApp } from './server/app.js';
import { listen } from './server/http.js';

const log = (message: string) => console.log(`[career-lattice] ${message}`);

async function main(): Promise<void> {
  const config = readConfig();
  const database = await openDatabase(config, log);
  const app = createApp({ prisma: database.prisma });
  const http = await listen(app, config.port, config.host);
  log(`GraphQL and GraphiQL ready at ${http.url}`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`${signal} received; shutting down...`);
    await http.close().catch(() => {});
    await database.close();
    log('Stopped.');
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error(`[career-lattice] Failed to start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
