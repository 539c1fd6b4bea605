/**
 * The pathway engine: an in-memory index of the career graph and exact search over it.
 * Pure TypeScript, no I/O. See docs/cost-model.md and docs/decisions/003-pathway-search.md.
 */
export { buildIndex, type GraphIndex, ROUTE_CERTIFICATION, ROUTE_PROGRAM } from './build.js';
export { experienceMonths } from './cost.js';
export { GraphInputError, InvalidQueryError, SearchBudgetExceeded } from './errors.js';
export { DETOUR_SEARCH_FACTOR, withoutDetours } from './detours.js';
export { evaluatePathway } from './evaluate.js';
export { reachableRoles } from './reachable.js';
export { findPathways, lastSearchStats, MAX_K } from './search.js';
export * from './types.js';
