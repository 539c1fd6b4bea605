/**
 * Who is calling: `Authorization: Bearer <key>` is verified before anything else happens. No
 * header means an anonymous caller; a header with an unknown or revoked key is refused with 401,
 * so a client with a mistyped key learns it at once instead of silently being anonymous.
 */
import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { type ApiKeyIdentity, hashKey, markApiKeysUsed, verifyApiKey } from '../db/api-keys.js';
import type { PrismaClient } from '../db/client.js';
import { requestState } from './request-state.js';

const MAX_CACHED = 10_000;
/** A key's `last_used_at` is written at most this often (per replica). */
const LAST_USED_EVERY_MS = 60_000;

/**
 * Verifies keys, remembering each answer (yes or no) for `ttlSeconds`: a revoked key keeps
 * working on a replica for at most that long, unless a revocation notice (`forget`) or a change
 * notification (`clear`) drops it first.
 *
 * It also records when each valid key was last used, at most once a minute per key, after the
 * request: the write is queued, batched with other keys' and never awaited by a request, so a
 * request never waits for it nor holds a second connection for it.
 */
export class ApiKeyVerifier {
  readonly #cache = new Map<string, { identity: ApiKeyIdentity | null; until: number }>();
  /** When each key's use was last written, by hash. */
  readonly #usedWritten = new Map<string, number>();
  readonly #usedPending = new Set<string>();
  #writing: Promise<void> | undefined;
  /** Counts `forget` and `clear` calls: a check that one overtook is not cached (it may predate a revocation). */
  #forgets = 0;

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
    if (cached && cached.until > this.now()) {
      if (cached.identity) this.#markUsed(hash);
      return cached.identity;
    }
    const forgets = this.#forgets;
    const identity = await verifyApiKey(this.prisma, key);
    if (this.ttlSeconds > 0 && forgets === this.#forgets)
      remember(this.#cache, hash, { identity, until: this.now() + this.ttlSeconds * 1000 });
    if (identity) this.#markUsed(hash);
    return identity;
  }

  /** Forgets every answer (after a data change, which may be a revocation). */
  clear(): void {
    this.#forgets++;
    this.#cache.clear();
  }

  /** Forgets the answer for one key, by its hash (a revocation notice from any replica). */
  forget(keyHash: string): void {
    this.#forgets++;
    this.#cache.delete(keyHash);
  }

  /** Resolves when the queued `last_used_at` writes are done (for tests). */
  async settled(): Promise<void> {
    while (this.#writing) await this.#writing;
  }

  #markUsed(hash: string): void {
    const written = this.#usedWritten.get(hash);
    if (written !== undefined && this.now() - written < LAST_USED_EVERY_MS) return;
    remember(this.#usedWritten, hash, this.now());
    this.#usedPending.add(hash);
    this.#writing ??= this.#writeUsed();
  }

  /** One write at a time, each for every key used since the last; a failed one is not retried. */
  async #writeUsed(): Promise<void> {
    // After the current request's own work has been queued.
    await new Promise((resolve) => setImmediate(resolve));
    while (this.#usedPending.size > 0) {
      const hashes = [...this.#usedPending];
      this.#usedPending.clear();
      await markApiKeysUsed(this.prisma, hashes).catch(() => {});
    }
    this.#writing = undefined;
  }
}

/** Sets `key` in a map bounded to MAX_CACHED entries, dropping the oldest when full. */
function remember<V>(map: Map<string, V>, key: string, value: V): void {
  map.delete(key);
  if (map.size >= MAX_CACHED) map.delete(map.keys().next().value!);
  map.set(key, value);
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
