/**
 * The pathway engine: an in-memory index of the career graph and exact search over it.
 * Pure TypeScript, no I/O. See docs/cost-model.md and docs/decisions/003-pathway-search.md.
 */
export { buildIndex, type BuildOptions, type GraphIndex } from './build.js';
export { centsToUsd, estimatedMonths, experienceMonths, usdToCents } from './cost.js';
export { GraphInputError, InvalidQueryError, SearchBudgetExceeded } from './errors.js';
export { evaluatePathway } from './evaluate.js';
export {
  DEFAULT_WORK_BUDGET,
  MAX_K,
  findPathways,
  lastSearchStats,
  reachableRoles,
  type SearchStats,
} from './search.js';
export * from './types.js';
