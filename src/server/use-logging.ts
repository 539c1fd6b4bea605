/**
 * Structured JSON logs (pino): one line per request — method, path, status, duration, operation,
 * request id, caller and cost — and yoga's own messages. The request id comes from the caller's
 * `x-request-id` when it sends a sensible one, otherwise it is generated; either way it is echoed
 * in the response's `x-request-id`.
 */
import { type ExecutionResult, GraphQLError, getOperationAST } from 'graphql';
import type { Plugin, YogaInitialContext, YogaLogger } from 'graphql-yoga';
import type { Logger } from 'pino';
import { clip } from '../schema/errors.js';
import { isDatabaseUnavailable } from './database-unavailable.js';
import { maskUnexpectedErrors } from './errors.js';
import { requestPath, requestState } from './request-state.js';

/** Logs each request once answered (API traffic at info, probes at debug, 5xx at warn). */
export function useLogging(logger: Logger, endpoint: string): Plugin {
  return {
    onParams({ request, params }) {
      const name: unknown = params.operationName;
      // As yoga words its own checks of "query", "variables" and "extensions": yoga lets any JSON
      // through here, and would only fail to find an operation named 5.
      if (name != null && typeof name !== 'string')
        throw new GraphQLError(
          `Expected "operationName" param to be empty or a string, but given ${Array.isArray(name) ? 'array' : typeof name}.`,
          { extensions: { code: 'BAD_REQUEST', http: { status: 400 } } },
        );
      requestState(request).operationName ??= name ?? undefined;
    },
    onExecute({ args }) {
      const operation = getOperationAST(args.document, args.operationName);
      const state = requestState((args.contextValue as YogaInitialContext).request);
      state.operationType = operation?.operation;
      state.operationName = operation?.name?.value ?? args.operationName ?? undefined;
    },
    onResultProcess({ request, result }) {
      if (!Array.isArray(result) && !(result as ExecutionResult | undefined)?.errors?.length) return;
      const errors = [result].flat().flatMap((r) => (r as ExecutionResult | undefined)?.errors ?? []);
      if (errors.length) requestState(request).errorCodes = errors.map((e) => String(e.extensions?.code ?? 'NONE'));
    },
    onResponse({ request, response }) {
      const state = requestState(request);
      response.headers.set('x-request-id', state.id);
      const path = requestPath(request);
      const status = response.status;
      // Probes and scrapes arrive every few seconds from every load balancer and Prometheus.
      const level = status >= 500 ? 'warn' : path === endpoint ? 'info' : 'debug';
      if (!logger.isLevelEnabled(level)) return;
      logger[level](
        {
          requestId: state.id,
          method: request.method,
          path,
          status,
          durationMs: Math.round((performance.now() - state.startedAt) * 10) / 10,
          operationName: state.operationName && clip(state.operationName, OPERATION_NAME_LOGGED),
          operationType: state.operationType,
          apiKey: state.apiKey?.name,
          clientIp: state.clientIp,
          cost: state.cost?.actual ?? state.cost?.requested,
          errors: state.errorCodes,
        },
        'request',
      );
    },
  };
}

/** How much of a client's operation name a request line repeats. */
const OPERATION_NAME_LOGGED = 100;
/** How much of an error's message and stack a line repeats: they may quote a client's input. */
const MESSAGE_LOGGED = 500;
const STACK_LOGGED = 4000;

/** The code a client sees for an error yoga logs, when it is the client's doing (not unexpected, not an outage). */
function clientCode(error: Error): string | undefined {
  const code = (maskUnexpectedErrors(error, 'Unexpected error.', false) as GraphQLError).extensions?.code;
  return typeof code === 'string' && code !== 'INTERNAL_SERVER_ERROR' && code !== 'DATABASE_UNAVAILABLE'
    ? code
    : undefined;
}

/**
 * yoga's logger, writing through pino. yoga logs every error it maps to another: one the client
 * caused (a bad cursor, a variable of the wrong type) is logged at info with its code and the
 * start of its message, since the request's own line already lists its code; an unexpected error
 * with its stack, both cut to a length that cannot carry a whole request; a lost database only at
 * debug level, since the request's own line (status 503, its error codes) already says so.
 */
export function yogaLogger(logger: Logger): YogaLogger {
  const forward =
    (level: 'debug' | 'info' | 'warn' | 'error') =>
    (...args: unknown[]) => {
      // yoga logs several debug lines per request; with debug off they cost nothing here. (What is
      // logged goes out at this level or, for a lost database or a client's error, a lower one.)
      if (!logger.isLevelEnabled(level)) return;
      const [first, ...rest] = args;
      if (first instanceof Error) {
        const code = level === 'error' ? clientCode(first) : undefined;
        if (isDatabaseUnavailable(first))
          logger.debug({ reason: first.message.trim().split('\n').at(-1) }, 'database unavailable');
        else if (code) logger.info({ code, reason: clip(first.message, MESSAGE_LOGGED) }, 'client error');
        else
          logger[level](
            {
              err: {
                type: first.name,
                message: clip(first.message, MESSAGE_LOGGED),
                stack: first.stack && clip(first.stack, STACK_LOGGED),
              },
            },
            clip(first.message, MESSAGE_LOGGED),
          );
      } else {
        logger[level](rest.length ? { details: rest } : {}, String(first));
      }
    };
  return { debug: forward('debug'), info: forward('info'), warn: forward('warn'), error: forward('error') };
}
