/**
 * The cost model of a single move, shared by the API and the pathway engine
 * (docs/cost-model.md): experience still to gain in the source role, then the required training
 * not yet completed, at its shortest typical length.
 */

/** Months of experience a move asks for, rounded up to whole months. */
export function experienceMonths(minYearsExperience: number, yearsAlreadyInRole = 0): number {
  return Math.max(0, Math.ceil((minYearsExperience - yearsAlreadyInRole) * 12 - 1e-9));
}

/** Estimated months for a move from a standing start: experience, then training. */
export function estimatedMonths(minYearsExperience: number, trainingMinMonths: readonly number[]): number {
  return experienceMonths(minYearsExperience) + trainingMinMonths.reduce((sum, m) => sum + m, 0);
}

/**
 * Money is summed in whole cents inside the engine, so sums do not depend on their order
 * (fractions of a cent in the input are rounded).
 */
export function usdToCents(usd: number | null): number {
  return usd === null ? 0 : Math.round(usd * 100);
}

export function centsToUsd(cents: number): number {
  return cents / 100;
}
