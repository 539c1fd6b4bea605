/**
 * Whether an error says the database is out of reach (errors.ts answers DATABASE_UNAVAILABLE for
 * it). On its own, without the GraphQL stack, so that the index build's worker thread
 * (graph-build.ts) can tell its parent why a build failed.
 */
/** Prisma's codes for "can't reach / lost the server / timed out waiting for a connection". */
const PRISMA_CODES = new Set(['P1001', 'P1002', 'P1008', 'P1017', 'P2024']);
/** The driver adapter's error kinds for the same. */
const ADAPTER_KINDS = new Set(['DatabaseNotReachable', 'ConnectionClosed', 'SocketTimeout', 'TooManyConnections']);
const SOCKET_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'EAI_AGAIN',
]);
/** SQLSTATEs: connection exceptions (08...), shutting down / starting up (57P01-57P03), too many connections. */
const SQLSTATE = /^(08\d{3}|57P0[123]|53300)$/;
const MESSAGES =
  /Can't reach database server|Connection terminated|connection timeout|Timed out fetching a new connection|timeout exceeded when trying to connect|terminating connection|the database system is (starting up|shutting down)|Server has closed the connection|is not currently accepting connections|Client has encountered a connection error/i;

/** Whether an error (or anything in its cause chain) says the database is out of reach. */
export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== 'object' || depth > 6) return false;
  const e = error as {
    code?: unknown;
    message?: unknown;
    cause?: unknown;
    originalError?: unknown;
    meta?: { driverAdapterError?: { cause?: { kind?: string; code?: string } } };
  };
  const code = typeof e.code === 'string' ? e.code : undefined;
  if (code && (PRISMA_CODES.has(code) || SOCKET_CODES.has(code) || SQLSTATE.test(code))) return true;
  const adapter = e.meta?.driverAdapterError?.cause;
  if (adapter?.kind && ADAPTER_KINDS.has(adapter.kind)) return true;
  if (adapter?.kind === 'postgres' && adapter.code && SQLSTATE.test(adapter.code)) return true;
  if (typeof e.message === 'string' && MESSAGES.test(e.message)) return true;
  return isDatabaseUnavailable(e.originalError, depth + 1) || isDatabaseUnavailable(e.cause, depth + 1);
}
