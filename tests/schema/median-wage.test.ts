/** chooseMedianWage's order of preference, on rows shaped as Prisma returns them. */
import { describe, expect, it } from 'vitest';
import { Prisma } from '../../src/generated/prisma/client.js';
import { chooseMedianWage, type WageEvidence } from '../../src/schema/role-occupation.js';

const source = (slug: string, official: boolean) => ({ slug, official }) as WageEvidence['figures'][number]['source'];
let id = 0;
const figure = (value: number, dataYear: number | null, scope: 'ROLE' | 'OCCUPATION', official: boolean) =>
  ({
    id: ++id,
    kind: 'MEDIAN_WAGE',
    unit: 'USD_PER_YEAR',
    geography: 'US',
    scope,
    value: new Prisma.Decimal(value),
    dataYear,
    occupation: 'x',
    source: source(official ? 'official' : 'article', official),
  }) as unknown as WageEvidence['figures'][number];
const wages = (year: number, median: number | null) =>
  ({
    year,
    blsCode: '31-9092',
    blsTitle: 'Medical Assistants',
    coverage: 'SAME',
    annualMedian: median === null ? null : new Prisma.Decimal(median),
    annualMedianQ: median === null ? 'NOT_AVAILABLE' : 'EXACT',
    source: source(`oews-${year}`, true),
  }) as unknown as NonNullable<WageEvidence['occupation']>['wages'][number];
const occupation = (...releases: ReturnType<typeof wages>[]) => ({
  code: '31-9092.00',
  title: 'Medical Assistants',
  wages: releases,
});

describe('chooseMedianWage', () => {
  it('takes the newest OEWS median that is published, skipping "not available"', () => {
    const chosen = chooseMedianWage({
      figures: [],
      occupation: occupation(wages(2024, null), wages(2023, 42000)),
      occupationFit: 'EXACT',
    });
    expect(chosen).toMatchObject({
      value: 42000,
      dataYear: 2023,
      scope: 'OCCUPATION',
      occupation: 'Medical Assistants (31-9092)',
      standIn: false,
    });
  });

  it('marks an occupation the role only sits inside as a stand-in', () => {
    const chosen = chooseMedianWage({
      figures: [],
      occupation: occupation(wages(2023, 42000)),
      occupationFit: 'SPECIALTY',
    });
    expect(chosen).toMatchObject({ value: 42000, scope: 'OCCUPATION', standIn: true });
  });

  it('falls back to the newest secondary figure for the role itself, undated ones last', () => {
    const figures = [
      figure(30000, null, 'ROLE', false),
      figure(35000, 2021, 'ROLE', false),
      figure(50000, 2026, 'OCCUPATION', false),
    ];
    expect(
      chooseMedianWage({ figures, occupation: occupation(wages(2024, null)), occupationFit: 'EXACT' }),
    ).toMatchObject({
      value: 35000,
      scope: 'ROLE',
      dataYear: 2021,
    });
    expect(chooseMedianWage({ figures: [figures[2]!], occupation: null, occupationFit: null })).toBeNull();
  });
});
