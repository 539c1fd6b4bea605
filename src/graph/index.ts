/**
 * The pathway engine: an in-memory index of the career graph and exact search over it.
 * Pure TypeScript, no I/O. See docs/cost-model.md and docs/decisions/003-pathway-search.md.
 */
export { buildIndex, type BuildOptions, type GraphIndex } from './build.js';
export { centsToUsd, estimatedMonths, experienceMonths, PART_TIME_FACTOR, programMonths, usdToCents } from './cost.js';
export { GraphInputError, InvalidQueryError, SearchBudgetExceeded } from './errors.js';
export { evaluatePathway } from './evaluate.js';
export { reachableRoles } from './reachable.js';
export { DEFAULT_WORK_BUDGET } from './scratch.js';
export { findPathways, lastSearchStats, MAX_K, type SearchStats } from './search.js';
export * from './types.js';
