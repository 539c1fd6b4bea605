/**
 * Refuses request bodies over the limit with 413. A body that declares its length is judged by
 * its Content-Length before it is read: node's HTTP parser delivers exactly that many bytes, no
 * more. A body without one (chunked) is counted as it is read, and refused once it grows past
 * the limit.
 *
 * This replaces yoga's own `maxRequestBodySize`, which pipes every body through a counting
 * TransformStream, whether or not it declared its length; for a small query that stream (and the
 * AbortController node's stream pipeline creates and aborts each time) cost a measurable share
 * of the request's CPU time.
 */
import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';

/**
 * The 413 a too-large body gets. Without a size (a chunked body, refused part-way) it also closes
 * the connection, so that the rest of the body is not read only to be discarded.
 */
const bodyTooLarge = (limit: number, size?: number) =>
  new GraphQLError(
    `The request body${size === undefined ? '' : ` is ${size} bytes; it`} must not exceed ${limit} bytes. ` +
      'Send a smaller query or smaller variables.',
    {
      extensions: {
        code: 'PAYLOAD_TOO_LARGE',
        http: { status: 413, ...(size === undefined && { headers: { connection: 'close' } }) },
      },
    },
  );

const badContentLength = () =>
  new GraphQLError('The Content-Length header is not a byte count.', {
    extensions: { code: 'BAD_REQUEST', http: { status: 400 } },
  });

/** Reads `request`'s body up to `limit` bytes, throwing 413 beyond it, into an equivalent request. */
async function readLimited(request: Request, limit: number, fetchAPI: { Request: typeof Request }) {
  const chunks: Uint8Array[] = [];
  let size = 0;
  // A reader, not for-await: leaving a for-await loop cancels the stream, which destroys the
  // socket before the 413 can be sent. The 413 closes the connection instead.
  const reader = request.body!.getReader();
  try {
    for (let next = await reader.read(); !next.done; next = await reader.read()) {
      size += next.value.byteLength;
      if (size > limit) throw bodyTooLarge(limit);
      chunks.push(next.value);
    }
  } finally {
    reader.releaseLock();
  }
  return new fetchAPI.Request(request.url, {
    method: request.method,
    headers: request.headers,
    signal: request.signal,
    body: Buffer.concat(chunks),
  });
}

/** A larger limit for some callers: `allows` says whether a request is from one of them. */
export type LargerLimit = { limit: number; allows: (request: Request) => Promise<boolean> };

/**
 * Refuses a body over `limit` bytes: by its Content-Length, or while reading a chunked one. A
 * request `larger.allows` (one with a valid admin key) may send up to `larger.limit`; the key is
 * checked only for a body over `limit`, or one of unknown size, that carries an Authorization header.
 */
export function useBodyLimit(limit: number, larger?: LargerLimit): Plugin {
  const keyed = (request: Request) => !!larger && request.headers.has('authorization');
  const allowed = async (request: Request) =>
    keyed(request) && (await larger!.allows(request)) ? larger!.limit : limit;
  return {
    // Synchronous unless a key has to be looked up: most requests are small and need none.
    onRequestParse({ request, requestParser, setRequestParser, fetchAPI }) {
      const declared = request.headers.get('content-length');
      if (declared !== null) {
        // A single non-negative integer; anything else (a list, as in request smuggling) is refused.
        if (!/^\d+$/.test(declared)) throw badContentLength();
        const size = Number(declared);
        if (size <= limit) return;
        if (!keyed(request) || size > larger!.limit) throw bodyTooLarge(limit, size);
        return allowed(request).then((max) => {
          if (size > max) throw bodyTooLarge(limit, size);
        });
      }
      if (!requestParser || !request.body) return;
      if (!keyed(request)) {
        setRequestParser(async (req) => requestParser(await readLimited(req, limit, fetchAPI)));
        return;
      }
      return allowed(request).then((max) =>
        setRequestParser(async (req) => requestParser(await readLimited(req, max, fetchAPI))),
      );
    },
  };
}
