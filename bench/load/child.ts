/**
 * The child side of the protocol between run.ts and the servers it starts (serve-*.ts).
 *
 * Children talk over Node's IPC channel: they send `{ type: 'listening', url }` once ready (and
 * print `LISTENING <url>` on stdout for humans), answer `{ type: 'stats' }` with their resident
 * set size and CPU time so far (used where /proc is unavailable), and exit on `{ type: 'stop' }`.
 * When the channel closes (run.ts exited, even by SIGKILL) they exit too, so no server outlives
 * the run.
 */

/** Connection-pool size for both servers (node-postgres' default, which ours does not override). */
export const POOL_SIZE = 10;

export type ToChild = { type: 'stats' } | { type: 'stop' };
/** `rss` in bytes; `cpu` is user + system CPU time in seconds since the process started. */
export type ProcessStats = { rss: number; cpu: number };
export type FromChild = { type: 'listening'; url: string } | ({ type: 'stats' } & ProcessStats);

export function databaseUrlFromEnv(): string {
  const url = process.env.BENCH_DATABASE_URL;
  if (!url) throw new Error('BENCH_DATABASE_URL is not set; this file is started by bench/load/run.ts.');
  return url;
}

function send(message: FromChild): void {
  process.send?.(message);
}

/**
 * Reports `url` to the parent and wires up the stats query and shutdown.
 *
 * Shutdown is a plain exit, not a graceful close: when a run ends, requests the load generator
 * abandoned may still be queued for the pool, and closing the pool under them only prints errors.
 * Exiting closes the sockets, and run.ts drops the database WITH (FORCE) anyway.
 */
export function announce(url: string): void {
  process.on('message', (message: ToChild) => {
    if (message.type === 'stats') {
      const { user, system } = process.cpuUsage();
      send({ type: 'stats', rss: process.memoryUsage().rss, cpu: (user + system) / 1e6 });
    } else if (message.type === 'stop') process.exit(0);
  });
  process.on('disconnect', () => process.exit(0));
  process.on('SIGTERM', () => process.exit(0));
  process.on('SIGINT', () => process.exit(0));
  console.log(`LISTENING ${url}`);
  send({ type: 'listening', url });
}
