/**
 * Pathway searches answered from memory when asked again on the same version of the data: the
 * engine's answer to a query is a function of the index and the query alone (its budget counts
 * work units, not time). Each snapshot has its own cache, held weakly: a data change builds a new
 * snapshot (src/server/graph-store.ts), which starts empty, and the old cache goes with the old
 * snapshot. Searches that fail (over the work budget, bad input) are not kept. An LRU bounds the
 * answers kept by the steps they hold (docs/decisions/020-pathway-answers-from-memory.md).
 *
 * An answer is kept the second time its search is asked for, not the first, and from the third on
 * it comes from memory: most searches are asked once (each learner's profile makes its own), and
 * keeping one costs more than the search (freezing it, then the garbage collector copying and
 * marking it for as long as it is kept: about 0.3 ms a request over HTTP on the real graph, against
 * 0.1 to 0.3 ms for the search). The keys asked for once are remembered in a second LRU, of keys
 * only, bounded by their length. A query whose key is longer than MAX_KEY_CHARS (thousands of
 * held certifications or avoided roles) is searched every time, never kept.
 */
import { LRUCache } from 'lru-cache';
import { findPathways, type Pathway, type PathwayQuery } from '../graph/index.js';
import type { GraphSnapshot } from './snapshot.js';

/** Steps (plus one per pathway) kept per snapshot: about 1,000 answers of five two-step pathways. */
const MAX_CACHED_STEPS = 15_000;

/**
 * Characters of the keys of searches asked for once, remembered per snapshot to keep their answer
 * if asked again: about 20,000 keys of the usual 200 to 300 characters.
 */
const MAX_SEEN_KEY_CHARS = 5_000_000;

/** Longest key a search is cached under; a typical query's is 200 to 300 characters. */
const MAX_KEY_CHARS = 2_000;

type Cache = { answers: LRUCache<string, readonly Pathway[]>; seen: LRUCache<string, true> };

const caches = new WeakMap<GraphSnapshot, Cache>();

function cacheOf(snapshot: GraphSnapshot): Cache {
  let cache = caches.get(snapshot);
  if (cache === undefined) {
    cache = {
      answers: new LRUCache<string, readonly Pathway[]>({
        maxSize: MAX_CACHED_STEPS,
        sizeCalculation: (pathways) => pathways.reduce((n, p) => n + 1 + p.steps.length, 1),
      }),
      seen: new LRUCache<string, true>({ maxSize: MAX_SEEN_KEY_CHARS, sizeCalculation: (_v, key) => key.length }),
    };
    caches.set(snapshot, cache);
  }
  return cache;
}

/**
 * The whole query as JSON, object keys sorted: equal keys are equal queries, whatever fields the
 * engine's query gains later. Only plain objects, arrays and scalars can be keyed so; anything else
 * (a Map, a Set, a typed array would all print as `{}`) is refused rather than keyed wrongly.
 * Written out by hand: JSON.stringify with a replacer that sorts made a new object per object,
 * a hundredth of a millisecond per request.
 */
function keyOf(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) out += (i > 0 ? ',' : '') + keyOf(value[i]);
    return `${out}]`;
  }
  if (Object.getPrototypeOf(value) !== Object.prototype)
    throw new Error(`internal: a pathway query holds a ${value.constructor.name}, which the search cache cannot key`);
  const record = value as Record<string, unknown>;
  let out = '{';
  for (const key of Object.keys(record).sort()) {
    const item = record[key];
    if (item === undefined) continue;
    out += `${out.length > 1 ? ',' : ''}${JSON.stringify(key)}:${keyOf(item)}`;
  }
  return `${out}}`;
}

/** Freezes an answer all later requests share, so that no resolver can change it for the next. */
function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const item of Object.values(value)) deepFreeze(item);
  }
  return value;
}

/**
 * findPathways on the snapshot's index, answered from memory when the same search ran on it at
 * least twice before; the second time, its answer is kept.
 */
export function cachedFindPathways(snapshot: GraphSnapshot, query: PathwayQuery): readonly Pathway[] {
  const key = keyOf(query);
  if (key.length > MAX_KEY_CHARS) return findPathways(snapshot.index, query);
  const { answers, seen } = cacheOf(snapshot);
  let found = answers.get(key);
  if (found === undefined) {
    found = findPathways(snapshot.index, query);
    if (seen.has(key)) {
      seen.delete(key);
      answers.set(key, deepFreeze(found));
    } else seen.set(key, true);
  }
  return found;
}
