/** How the map writes numbers: months, dollars (never an unknown as $0), figures with units. */
import type { Figure, Money } from './api.js';

const dollars = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', maximumFractionDigits: 0 });

export const usd = (value: number) => dollars.format(value);

export const months = (n: number) => (n === 1 ? '1 month' : `${n} months`);

/**
 * "as Medical Assistant"; an O*NET occupation is named by its workers, in the plural ("2 years as
 * Nursing Assistants" read badly): "in the occupation Nursing Assistants".
 */
export const asRole = (role: { title: string; occupation?: true }) =>
  role.occupation ? `in the occupation ${role.title}` : `as ${role.title}`;

/** "1 year", "2 years", "6 months" for a part of a year. */
export const years = (n: number) => (n < 1 ? months(Math.round(n * 12)) : n === 1 ? '1 year' : `${n} years`);

/** "24 months", or "24–36 months" where programs' lengths are ranges (`upTo`: each at its longest). */
export const monthsRange = (n: number, upTo = n) => (upTo > n ? `${n}–${months(upTo)}` : months(n));

/**
 * How long, never an unknown length as 0: "24 months", "24–36 months" (`upTo`: the months with each
 * program at the longest its sources give), "at least 24 months (length unknown: ...)", or "length
 * unknown (...)" when nothing of it is known. `untimed`: the programs no source gives a length for,
 * counted as 0 months in `n`.
 */
export function duration(n: number, untimed: readonly string[], upTo = n): string {
  if (untimed.length === 0) return monthsRange(n, upTo);
  const parts = untimed.join(', ');
  return n > 0 ? `at least ${months(n)} (length unknown: ${parts})` : `length unknown (${parts})`;
}

/** What `stepStart` reads of a step. */
type Timed = { startMonth: number; months: number; monthsUpTo: number; untimed: readonly string[] };

/**
 * When step i starts, as the step list and the handout say it. `startMonth` counts every earlier step
 * at its shortest and a part of unknown length as 0: after "9–24 months" the next step read "Months
 * 9–10", after "length unknown" one read "months 0–12". So: "between month 9 and month 24" after
 * ranges (each earlier step at its longest gives the latest), "month 9 at the earliest (step 1's
 * length is not known)" after a part of unknown length; otherwise `null`, and the month is exact.
 */
export function stepStart(steps: readonly Timed[], i: number): string | null {
  const earlier = steps.slice(0, i);
  const unknown = earlier.findIndex((s) => s.untimed.length > 0);
  const s = steps[i]!;
  if (unknown >= 0) return `month ${s.startMonth} at the earliest (step ${unknown + 1}’s length is not known)`;
  const latest = s.startMonth + earlier.reduce((sum, p) => sum + Math.max(0, p.monthsUpTo - p.months), 0);
  return latest > s.startMonth ? `between month ${s.startMonth} and month ${latest}` : null;
}

/** A median wage a year as the API chose it: "$44,200 a year", "at least $239,200 a year". */
export const yearlyMedian = (wage: { value: number; atLeast: boolean }) =>
  `${wage.atLeast ? 'at least ' : ''}${usd(wage.value)} a year`;

/**
 * "$1,250", "about $16,615" (a median tuition), "at least $125 (cost partly unknown: CPC exam fee)",
 * "about $17,150 plus what is not known (LPN licence fee)", or "cost unknown (...)". Where a
 * program's tuition is unknown the known part leads nowhere near the whole ("at least $550" to become
 * a physician assistant, two degrees' tuition unknown), so the unknown comes first: "cost not known:
 * no source gives the tuition of ...; the rest comes to $550".
 */
/** "the tuition of the ADN or the RN licence fee": what no source gives, any of it. */
const anyOf = new Intl.ListFormat('en', { type: 'disjunction' });

export function money(cost: Money): string {
  // A median of schools' tuition is no school's price: "about", and never a floor.
  const about = cost.approximate ? 'about ' : '';
  if (cost.usd !== null) return `${about}${usd(cost.usd)}`;
  const parts = cost.unknownParts.join(', ');
  if (cost.knownUsd === 0) return `cost unknown (${parts})`;
  return cost.tuitionUnknown
    ? `cost not known: no source gives ${anyOf.format(cost.unknownParts)}; the rest comes to ${about}${usd(cost.knownUsd)}`
    : cost.approximate
      ? `about ${usd(cost.knownUsd)} plus what is not known (${parts})`
      : `at least ${usd(cost.knownUsd)} (cost partly unknown: ${parts})`;
}

/**
 * A wage or outlook figure as its source gives it: "$44,200 a year", "$16.40–$23.10 an hour", "12%";
 * a floor as one: "at least 650,000 jobs", "$48,000–$55,000 or more a year".
 */
export function figure(f: Figure): string {
  const one = (v: number) =>
    f.unit === 'USD_PER_YEAR'
      ? usd(v)
      : f.unit === 'USD_PER_HOUR'
        ? `$${v.toFixed(2)}`
        : f.unit === 'PERCENT'
          ? `${v}%`
          : v.toLocaleString('en-US');
  const floor = f.bound === 'AT_LEAST';
  // A range wherever the source gives one, though a value (its low end) is stored beside it: "12%–15%", not "12%".
  const value =
    f.low !== null && f.high !== null
      ? `${one(f.low)}–${one(f.high)}${floor ? ' or more' : ''}`
      : f.value !== null
        ? `${floor ? 'at least ' : ''}${one(f.value)}`
        : '—';
  const unit =
    f.unit === 'USD_PER_YEAR' ? ' a year' : f.unit === 'USD_PER_HOUR' ? ' an hour' : f.unit === 'JOBS' ? ' jobs' : '';
  return value + unit;
}

/**
 * What a figure is, in words: its kind, the source's label for it, its year, and, for one about an
 * occupation or a wider group (scope OCCUPATION), whose it is ("for Medical records specialists
 * (29-2072)"): a coordinator's panel showed clinical MAs' pay as the role's. Said, not judged: the
 * group is the role's own occupation for some roles (registered nurses), another for others.
 */
export function figureWhat(f: Figure): string {
  return (
    `${FIGURE_KINDS[f.kind] ?? f.kind}${f.label ? `, ${f.label}` : ''}, ${f.period ?? 'year not given'}` +
    (f.geography !== 'US' ? ` (${f.geography})` : '') +
    (f.scope !== 'ROLE' && f.occupation ? `, for ${f.occupation}` : '')
  );
}

const FIGURE_KINDS: Record<string, string> = {
  MEDIAN_WAGE: 'Median wage',
  MEAN_WAGE: 'Mean wage',
  WAGE_RANGE: 'Wage range',
  EMPLOYMENT: 'Employment',
  PROJECTED_GROWTH: 'Projected growth',
  ANNUAL_OPENINGS: 'Openings a year',
  WORKFORCE_SHARE: 'Share of workers',
  EXAM_PASS_RATE: 'Exam pass rate',
  TIME_SHARE: 'Share of the day',
  WAGE_PREMIUM: 'Above the national median',
  TOP_EARNERS_WAGE: 'Top earners',
  ENTRY_WAGE: 'Entry-level pay',
};

export const MOVE_KINDS: Record<string, string> = {
  ADVANCEMENT: 'advancement',
  LATERAL: 'lateral move',
  SPECIALIZATION: 'specialization',
  CROSS_TRACK: 'move to another track',
  ESTIMATED: 'estimated move',
};

/** What a step into a job the student need not take is, in the step list and the handout. */
export const PASS_THROUGH = 'not needed: on the way only because O*NET relates the jobs before and after';

/** A curated role's step into the O*NET occupation it is within, in words: nothing to do. */
export const withinWords = (role: string, occupation: string) =>
  `${role} is within ${occupation}: nothing to do on this step.`;
