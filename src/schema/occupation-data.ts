/**
 * What BLS publishes for an occupation: OEWS wages per release and the Employment Projections,
 * each with its source. OEWS's special values are never numbers: an Estimate says "not
 * available" or "at least" explicitly.
 */
import { EstimateQualifier as EstimateQualifiers, BlsCoverage as BlsCoverages } from '../generated/prisma/enums.js';
import type { OccupationWage as WageRow } from '../generated/prisma/client.js';
import { builder } from './builder.js';

export const EstimateQualifier = builder.enumType(EstimateQualifiers, {
  name: 'EstimateQualifier',
  description: 'How to read a published estimate.',
  values: {
    EXACT: { description: 'The value as published.' },
    AT_LEAST: {
      description:
        'At or above the top of the published range (OEWS "#"): `value` is that top where known (May 2024: $115.00 an hour, $239,200 a year), else null.',
    },
    NOT_AVAILABLE: { description: 'Not published (OEWS "*" for a wage, "**" for employment); `value` is null.' },
  } as const,
});

const BlsCoverage = builder.enumType(BlsCoverages, {
  name: 'BlsCoverage',
  description: 'Whether a BLS figure is for the occupation itself or for a broader BLS occupation containing it.',
  values: {
    SAME: { description: 'BLS publishes it for this very occupation.' },
    BROADER: {
      description:
        'BLS publishes it for the broader occupation this one belongs to (the SOC occupation of an O*NET specialty, or a combination BLS reports instead): see `blsCode` and `blsTitle`.',
    },
  } as const,
});

type Qualifier = 'EXACT' | 'AT_LEAST' | 'NOT_AVAILABLE';
type Format = 'jobs' | 'hourly' | 'annual';
/** A published estimate, with how to show it. */
export type EstimateShape = { value: number | null; qualifier: Qualifier; format: Format };

const formats: Record<Format, Intl.NumberFormat> = {
  jobs: new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 }),
  hourly: new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', minimumFractionDigits: 2 }),
  annual: new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', maximumFractionDigits: 0 }),
};

/** "$44,200", "at least $239,200", "at or above the top of the published range", "not available". */
function display({ value, qualifier, format }: EstimateShape): string {
  if (qualifier === 'NOT_AVAILABLE') return 'not available';
  if (value === null) return 'at or above the top of the published range';
  const shown = formats[format].format(value);
  return qualifier === 'AT_LEAST' ? `at least ${shown}` : shown;
}

const Estimate = builder.objectRef<EstimateShape>('Estimate').implement({
  description: 'One published estimate: a value, or a lower bound, or nothing, said explicitly.',
  fields: (t) => ({
    value: t.float({
      nullable: true,
      description: 'The value (a lower bound when AT_LEAST); null when not available.',
      resolve: (e) => e.value,
    }),
    qualifier: t.field({ type: EstimateQualifier, description: 'How to read `value`.', resolve: (e) => e.qualifier }),
    display: t.string({
      description: 'As an advisor would say it: "$44,200", "at least $239,200", "not available".',
      resolve: display,
    }),
  }),
});

const STATS = ['mean', 'p10', 'p25', 'median', 'p75', 'p90'] as const;
type Stat = (typeof STATS)[number];
const statLabels: Record<Stat, string> = {
  mean: 'Mean (average)',
  p10: '10th percentile: 10% earn less',
  p25: '25th percentile',
  median: 'Median: half earn more, half less',
  p75: '75th percentile',
  p90: '90th percentile: 10% earn more',
};
const columnSuffix: Record<Stat, string> = {
  mean: 'Mean',
  p10: 'P10',
  p25: 'P25',
  median: 'Median',
  p75: 'P75',
  p90: 'P90',
};

/** An estimate from a wage row's value and qualifier columns (e.g. annualMedian, annualMedianQ). */
export function wageEstimate(row: WageRow, unit: 'hourly' | 'annual', stat: Stat): EstimateShape {
  const column = `${unit}${columnSuffix[stat]}`;
  const value = row[column as keyof WageRow] as { toNumber(): number } | null;
  return {
    value: value === null ? null : value.toNumber(),
    qualifier: row[`${column}Q` as keyof WageRow] as Qualifier,
    format: unit,
  };
}

type Distribution = { row: WageRow; unit: 'hourly' | 'annual' };
const WageDistribution = builder.objectRef<Distribution>('WageDistribution').implement({
  description: 'A wage distribution in one unit (hourly or annual), as OEWS publishes it.',
  fields: (t) =>
    Object.fromEntries(
      STATS.map((stat) => [
        stat,
        t.field({
          type: Estimate,
          description: `${statLabels[stat]}.`,
          resolve: (d) => wageEstimate(d.row, d.unit, stat),
        }),
      ]),
    ) as Record<Stat, ReturnType<typeof t.field>>,
});

export const OccupationWages = builder.prismaObject('OccupationWage', {
  name: 'OccupationWages',
  description:
    'One OEWS release’s national estimates for the occupation (May of `year`), exactly as BLS publishes them, with the source. Wage and salary workers only: the self-employed are not included.',
  fields: (t) => ({
    year: t.exposeInt('year', { description: 'The survey’s reference year: the estimates are for May of it.' }),
    period: t.string({ description: 'As BLS names the release, e.g. "May 2024".', resolve: (w) => `May ${w.year}` }),
    blsCode: t.exposeString('blsCode', { description: 'The SOC code of the row BLS publishes, e.g. "31-9092".' }),
    blsTitle: t.exposeString('blsTitle', { description: 'That row’s title as BLS gives it.' }),
    coverage: t.expose('coverage', {
      type: BlsCoverage,
      description: 'Whether the row is this occupation or a broader one.',
    }),
    employment: t.field({
      type: Estimate,
      description: 'Employment (jobs), rounded by BLS.',
      resolve: (w) => ({ value: w.employment, qualifier: w.employmentQ, format: 'jobs' as const }),
    }),
    hourly: t.field({
      type: WageDistribution,
      description: 'Hourly wages, US dollars.',
      resolve: (row) => ({ row, unit: 'hourly' as const }),
    }),
    annual: t.field({
      type: WageDistribution,
      description: 'Annual wages, US dollars.',
      resolve: (row) => ({ row, unit: 'annual' as const }),
    }),
    source: t.relation('source', { description: 'The OEWS release.' }),
  }),
});

export const OccupationProjection = builder.prismaObject('OccupationProjection', {
  description:
    'BLS Employment Projections for the occupation: employment in the base year and ten years on, the change, and the average openings a year (new jobs plus replacements), with the source.',
  fields: (t) => ({
    baseYear: t.exposeInt('baseYear', { description: 'First year of the projection, e.g. 2024.' }),
    projectedYear: t.exposeInt('projectedYear', { description: 'Last year of the projection, e.g. 2034.' }),
    period: t.string({ description: 'E.g. "2024-2034".', resolve: (p) => `${p.baseYear}-${p.projectedYear}` }),
    employmentBase: t.exposeInt('employmentBase', {
      nullable: true,
      description:
        'Employment in the base year, in jobs, to the nearest hundred (BLS publishes thousands with one decimal).',
    }),
    employmentProjected: t.exposeInt('employmentProjected', {
      nullable: true,
      description: 'Projected employment in the last year, in jobs, to the nearest hundred as BLS publishes it.',
    }),
    employmentChange: t.exposeInt('employmentChange', {
      nullable: true,
      description:
        'Projected change in jobs, to the nearest hundred as BLS publishes it (thousands with one decimal): 0 is a change of fewer than 50 jobs either way, not none.',
    }),
    changePercent: t.float({
      nullable: true,
      description: 'Projected change in percent, as BLS rounds it (one decimal).',
      resolve: (p) => p.changePercent?.toNumber() ?? null,
    }),
    annualOpenings: t.exposeInt('annualOpenings', {
      nullable: true,
      description:
        'Average openings a year over the period, from growth and from workers leaving the occupation or the labour force, to the nearest hundred as BLS publishes it (thousands with one decimal): 0 is fewer than 50 a year (prosthodontists, pediatric surgeons), not none.',
    }),
    blsCode: t.exposeString('blsCode', { description: 'The National Employment Matrix code BLS publishes it under.' }),
    blsTitle: t.exposeString('blsTitle', { description: 'That row’s title as BLS gives it.' }),
    coverage: t.expose('coverage', {
      type: BlsCoverage,
      description: 'Whether the row is this occupation or a broader one.',
    }),
    source: t.relation('source', { description: 'The Employment Projections release.' }),
  }),
});
