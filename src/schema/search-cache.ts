/**
 * Pathway searches answered once per version of the data: the engine's answer to a query is a
 * function of the index and the query alone (its budget counts work units, not time), so a repeat
 * of the same search on the same snapshot is answered from memory. Each snapshot has its own cache,
 * held weakly: a data change builds a new snapshot (src/server/graph-store.ts), which starts empty,
 * and the old cache goes with the old snapshot. Searches that fail (over the work budget, bad
 * input) are not kept. An LRU bounds the cache by the steps it holds
 * (docs/decisions/020-pathway-answers-from-memory.md).
 */
import { LRUCache } from 'lru-cache';
import { findPathways, type Pathway, type PathwayQuery } from '../graph/index.js';
import type { GraphSnapshot } from './snapshot.js';

/** Steps (plus one per pathway) kept per snapshot: about 1,000 answers of five two-step pathways. */
const MAX_CACHED_STEPS = 15_000;

const caches = new WeakMap<GraphSnapshot, LRUCache<string, readonly Pathway[]>>();

function cacheOf(snapshot: GraphSnapshot): LRUCache<string, readonly Pathway[]> {
  let cache = caches.get(snapshot);
  if (cache === undefined) {
    cache = new LRUCache<string, readonly Pathway[]>({
      maxSize: MAX_CACHED_STEPS,
      sizeCalculation: (pathways) => pathways.reduce((n, p) => n + 1 + p.steps.length, 1),
    });
    caches.set(snapshot, cache);
  }
  return cache;
}

/** Every field of the query, in a fixed order: equal keys are equal queries. */
function keyOf(q: PathwayQuery): string {
  const p = q.profile;
  const c = q.constraints;
  return JSON.stringify([
    q.from,
    q.to ?? null,
    q.toTrack ?? null,
    q.k,
    q.rankBy,
    q.includeEstimated ?? false,
    q.workBudget ?? null,
    p
      ? [p.heldCertifications ?? null, p.completedPrograms ?? null, p.yearsInCurrentRole ?? null, p.studyLoad ?? null]
      : null,
    c
      ? [c.maxSteps ?? null, c.maxMonths ?? null, c.maxCostUsd ?? null, c.avoidRoles ?? null, c.onlyTracks ?? null]
      : null,
  ]);
}

/** Freezes an answer all later requests share, so that no resolver can change it for the next. */
function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const item of Object.values(value)) deepFreeze(item);
  }
  return value;
}

/** findPathways on the snapshot's index, answered from memory when the same search ran on it before. */
export function cachedFindPathways(snapshot: GraphSnapshot, query: PathwayQuery): readonly Pathway[] {
  const cache = cacheOf(snapshot);
  const key = keyOf(query);
  let found = cache.get(key);
  if (found === undefined) {
    found = deepFreeze(findPathways(snapshot.index, query));
    cache.set(key, found);
  }
  return found;
}
