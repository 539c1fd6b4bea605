/**
 * The cost model's arithmetic, shared by the API and the pathway engine (docs/cost-model.md).
 */

/** Months of experience a move asks for, rounded up to whole months. */
export function experienceMonths(minYearsExperience: number, yearsAlreadyInRole = 0): number {
  return Math.max(0, Math.ceil((minYearsExperience - yearsAlreadyInRole) * 12 - 1e-9));
}

/**
 * Part-time study at half the full-time load: a program takes twice its full-time months
 * (docs/cost-model.md, "Study load").
 */
export const PART_TIME_FACTOR = 2;

/** Estimated months for a move from a standing start, full time: experience, then training. */
export function estimatedMonths(minYearsExperience: number, trainingMinMonths: readonly number[]): number {
  return experienceMonths(minYearsExperience) + trainingMinMonths.reduce((sum, m) => sum + m, 0);
}

/**
 * Money is summed in whole cents inside the engine, so sums do not depend on their order
 * (fractions of a cent in the input are rounded).
 */
export function usdToCents(usd: number | null | undefined): number {
  return usd == null ? 0 : Math.round(usd * 100);
}

export function centsToUsd(cents: number): number {
  return cents / 100;
}
