/**
 * What the plugins learn about one HTTP request as it passes through them (who is calling, what
 * the query costs, which operation ran), kept beside the request rather than in the GraphQL
 * context so that plugins running before the context exists can share it.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Plugin } from 'graphql-yoga';
import type { ApiKeyIdentity } from '../db/api-keys.js';
import type { ThrottleStatus } from './leaky-bucket.js';

export type RequestState = {
  /** From the caller's `x-request-id` when it is sensible, otherwise generated; echoed back. */
  id: string;
  /** `performance.now()` when the request arrived. */
  startedAt: number;
  /** The caller's address (the socket's, or X-Forwarded-For's when TRUST_PROXY is on). */
  clientIp: string;
  /** The URL's path, e.g. "/graphql" (read once, for the log line and the metrics' route). */
  path: string;
  /** The verified API key, or null for anonymous callers. */
  apiKey: ApiKeyIdentity | null;
  operationName?: string;
  operationType?: string;
  cost?: { requested: number; actual?: number };
  throttle?: ThrottleStatus;
  /** The `extensions.code` of each error in the response. */
  errorCodes?: string[];
};

const states = new WeakMap<Request, RequestState>();
const REQUEST_ID = /^[\w.:@/+=-]{1,128}$/;

/** The state of this request, created on first use. */
export function requestState(request: Request): RequestState {
  let state = states.get(request);
  if (!state) {
    const given = request.headers.get('x-request-id');
    state = {
      id: given && REQUEST_ID.test(given) ? given : randomUUID(),
      startedAt: performance.now(),
      clientIp: 'unknown',
      path: '',
      apiKey: null,
    };
    states.set(request, state);
  }
  return state;
}

/** The request's URL path, parsed at most once per request. */
export function requestPath(request: Request): string {
  const state = requestState(request);
  // Empty when yoga answered before useRequestState saw the request (/health, CORS preflight).
  if (!state.path) state.path = new URL(request.url).pathname;
  return state.path;
}

/** What node:http hands yoga with each request (absent when called through `app.fetch`). */
export type ServerContext = { req?: IncomingMessage; res?: ServerResponse };

/**
 * Starts each request's state as it arrives, with the caller's address: the socket's, or with
 * `trustProxy` the last X-Forwarded-For entry (the address the nearest proxy saw).
 */
export function useRequestState({ trustProxy }: { trustProxy: boolean }): Plugin<object, ServerContext> {
  return {
    onRequest({ request, serverContext, url }) {
      const forwarded = trustProxy ? request.headers.get('x-forwarded-for')?.split(',').at(-1)?.trim() : undefined;
      const state = requestState(request);
      state.clientIp = forwarded || serverContext?.req?.socket?.remoteAddress || 'unknown';
      state.path = url.pathname;
    },
  };
}
