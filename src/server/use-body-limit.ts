/**
 * Refuses request bodies over the limit with 413 before reading them. This catches every body
 * that declares its length; yoga's own `maxRequestBodySize`, set to the same limit, stops a
 * chunked body once it grows past it.
 */
import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';

/** The 413 a too-large body gets. */
export const bodyTooLarge = (limit: number, size?: number) =>
  new GraphQLError(
    `The request body${size === undefined ? '' : ` is ${size} bytes; it`} must not exceed ${limit} bytes. ` +
      'Send a smaller query or smaller variables.',
    { extensions: { code: 'PAYLOAD_TOO_LARGE', http: { status: 413 } } },
  );

/** Refuses a body whose Content-Length exceeds `limit` bytes. */
export function useBodyLimit(limit: number): Plugin {
  return {
    onRequestParse({ request }) {
      const declared = request.headers.get('content-length');
      if (declared !== null && /^\d+$/.test(declared) && Number(declared) > limit) {
        throw bodyTooLarge(limit, Number(declared));
      }
    },
  };
}
