/** The graph input is inconsistent (unknown id, duplicate id, empty requirement group...). */
export class GraphInputError extends Error {
  override name = 'GraphInputError';
}

/** A query names an unknown id or has an invalid argument. */
export class InvalidQueryError extends Error {
  override name = 'InvalidQueryError';
}

/** A search needed more work than its budget allows. */
export class SearchBudgetExceeded extends Error {
  override name = 'SearchBudgetExceeded';
  constructor(
    readonly workBudget: number,
    readonly workDone: number,
  ) {
    super(
      `Pathway search stopped after ${workDone} work units, over its budget of ${workBudget}: ` +
        'the query is too open. Narrow it with constraints (maxSteps, maxMonths, maxCostUsd, onlyTracks, ' +
        'avoidRoles).',
    );
  }
}
