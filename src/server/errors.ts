/**
 * Which errors reach the client. Errors raised on purpose are GraphQLErrors with a code and pass
 * through; Pothos' own validation errors at request time (a malformed global ID or cursor, an
 * unsupported mix of paging arguments) are the client's doing, so they become BAD_USER_INPUT;
 * a database that cannot be reached becomes DATABASE_UNAVAILABLE (HTTP 503, worth retrying);
 * everything else is masked by yoga as an unexpected error.
 */
import { PothosValidationError } from '@pothos/core';
import { GraphQLError } from 'graphql';
import { maskError, type YogaServerOptions } from 'graphql-yoga';
import { coercionError } from './input-errors.js';

type MaskError = NonNullable<
  Exclude<YogaServerOptions<object, object>['maskedErrors'], boolean | undefined>['maskError']
>;

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

/** Seconds a client should wait before retrying while the database is away. */
const RETRY_AFTER_SECONDS = 5;

/** The error a client sees while the database cannot be reached. */
function databaseUnavailable(error?: GraphQLError): GraphQLError {
  return new GraphQLError('The database is unavailable at the moment; please retry shortly.', {
    nodes: error?.nodes,
    path: error?.path,
    extensions: {
      code: 'DATABASE_UNAVAILABLE',
      http: { status: 503, headers: { 'retry-after': String(RETRY_AFTER_SECONDS) } },
    },
  });
}

/** yoga's `maskError`: keeps deliberate errors, maps the client's and the database's, masks the rest. */
export const maskUnexpectedErrors: MaskError = (error, message, isDev) => {
  const coercion = coercionError(error);
  if (coercion) return coercion;
  const original = error instanceof GraphQLError ? error.originalError : undefined;
  // Thrown in a resolver (then wrapped) or while pricing the query (use-query-cost.ts).
  const pothos = error instanceof PothosValidationError ? error : original;
  if (error instanceof GraphQLError && pothos instanceof PothosValidationError) {
    return new GraphQLError(pothos.message, {
      nodes: error.nodes,
      path: error.path,
      extensions: { code: 'BAD_USER_INPUT' },
    });
  }
  // Errors raised on purpose keep their code even if a database error is their cause.
  const deliberate = error instanceof GraphQLError && !original && error.extensions?.code;
  if (!deliberate && isDatabaseUnavailable(error)) {
    return databaseUnavailable(error instanceof GraphQLError ? error : undefined);
  }
  return maskError(error, message, isDev);
};
