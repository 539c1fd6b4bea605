/**
 * Who is calling: `Authorization: Bearer <key>` is verified before anything else happens. No
 * header means an anonymous caller; a header with an unknown or revoked key is refused with 401,
 * so a client with a mistyped key learns it at once instead of silently being anonymous.
 */
import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { type ApiKeyIdentity, hashKey, verifyApiKey } from '../db/api-keys.js';
import type { PrismaClient } from '../db/client.js';
import { requestState } from './request-state.js';

const MAX_CACHED = 10_000;

/**
 * Verifies keys, remembering each answer (yes or no) for `ttlSeconds`: a revoked key keeps
 * working on a replica for at most that long, unless a change notification clears the cache.
 */
export class ApiKeyVerifier {
  readonly #cache = new Map<string, { identity: ApiKeyIdentity | null; until: number }>();

  constructor(
    private readonly prisma: PrismaClient,
    /** How long an answer is remembered. @default 30 */
    private readonly ttlSeconds = 30,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** The identity behind `key`, or null when it is unknown or revoked. */
  async verify(key: string): Promise<ApiKeyIdentity | null> {
    const hash = hashKey(key);
    const cached = this.#cache.get(hash);
    if (cached && cached.until > this.now()) return cached.identity;
    const identity = await verifyApiKey(this.prisma, key);
    if (this.ttlSeconds > 0) {
      this.#cache.delete(hash);
      if (this.#cache.size >= MAX_CACHED) this.#cache.delete(this.#cache.keys().next().value!);
      this.#cache.set(hash, { identity, until: this.now() + this.ttlSeconds * 1000 });
    }
    return identity;
  }

  /** Forgets every answer (after a data change, which may be a revocation). */
  clear(): void {
    this.#cache.clear();
  }
}

const unauthenticated = (message: string) =>
  new GraphQLError(message, {
    extensions: {
      code: 'UNAUTHENTICATED',
      http: { status: 401, headers: { 'www-authenticate': 'Bearer realm="career-lattice"' } },
    },
  });

/**
 * The caller's identity: null without an Authorization header; a GraphQLError (401) for a header
 * that is not a bearer key, or whose key is unknown or revoked.
 */
export async function identifyCaller(request: Request, keys: ApiKeyVerifier): Promise<ApiKeyIdentity | null> {
  const header = request.headers.get('authorization');
  if (header === null) return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match) throw unauthenticated('Send the API key as "Authorization: Bearer <key>".');
  const identity = await keys.verify(match[1]!);
  if (!identity) throw unauthenticated('The API key is unknown or has been revoked.');
  return identity;
}

/** Resolves the caller's key into the request state, refusing bad keys with 401. */
export function useAuth(keys: ApiKeyVerifier): Plugin {
  return {
    async onRequestParse({ request }) {
      const identity = await identifyCaller(request, keys);
      if (identity) requestState(request).apiKey = identity;
    },
  };
}
