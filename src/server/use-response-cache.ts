/**
 * Caches responses to anonymous read queries (the bulk of an advising platform's traffic),
 * keyed by document and variables. Every data change clears the whole cache, on every replica,
 * through the same LISTEN/NOTIFY that refreshes the pathway index; the TTL bounds staleness if a
 * notification were ever missed. Callers with an API key always get fresh answers.
 */
import { type Cache, createInMemoryCache, useResponseCache } from '@graphql-yoga/plugin-response-cache';

/** An in-memory cache that can be emptied at once. */
export class ClearableCache implements Cache {
  #inner = createInMemoryCache({ max: 5_000 });
  get: Cache['get'] = (key) => this.#inner.get(key);
  set: Cache['set'] = (...args) => this.#inner.set(...args);
  invalidate: Cache['invalidate'] = (entities) => this.#inner.invalidate(entities);
  /** Drops every cached response. */
  clear(): void {
    this.#inner = createInMemoryCache({ max: 5_000 });
  }
}

export function useAnonymousResponseCache(options: { ttlMs: number; cache: ClearableCache }) {
  return useResponseCache({
    cache: options.cache,
    ttl: options.ttlMs,
    session: () => null,
    enabled: (request) => !request.headers.has('authorization'),
    includeExtensionMetadata: false,
  });
}
