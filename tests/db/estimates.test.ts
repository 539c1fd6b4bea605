/**
 * The documented estimates of unknown program costs (src/db/estimates.ts, docs/cost-model.md,
 * "Unknown costs"): which rule applies, and that a stand-in says it is one.
 */
import { describe, expect, it } from 'vitest';
import { programCostEstimates } from '../../src/db/estimates.js';

const program = (id: number, credential: string, minMonths: number, typicalCostUsd: number | null = null) => ({
  id,
  credential,
  minMonths,
  typicalCostUsd,
});

describe('an unknown program cost', () => {
  it('is the median of its credential when at least three of them have a known cost', () => {
    const estimates = programCostEstimates([
      program(1, 'CERTIFICATE', 12, 12_000),
      program(2, 'CERTIFICATE', 6, 6_000),
      program(3, 'CERTIFICATE', 9, 9_000),
      program(4, 'CERTIFICATE', 1),
    ]);
    expect(estimates.get(4)).toMatchObject({ usd: 9_000, standIn: false });
    expect(estimates.get(4)!.basis).toMatch(/median known cost of 3 certificate programs/);
  });

  it('grows with its months when too few of its credential are known: a 1-month course is not priced as a year-long one', () => {
    // The curated data's case: one certificate (a year of practical nursing) and one diploma known.
    const rows = [
      program(1, 'CERTIFICATE', 12, 16_950),
      program(2, 'DIPLOMA', 9, 16_615),
      program(3, 'CERTIFICATE', 1),
    ];
    const perMonth = (16_950 / 12 + 16_615 / 9) / 2;
    const short = programCostEstimates(rows).get(3)!;
    expect(short.usd).toBe(Math.round(perMonth));
    expect(short.standIn).toBe(true);
    expect(short.basis).toMatch(/^1 month full time at the median known cost per month of 2 programs/);
    expect(short.basis).toMatch(/only 1 certificate program here has a known cost/);
    expect(short.basis).toMatch(/a stand-in from too few known figures/);
    // The rate said, times the months, is the figure counted ("$1,629 a month" for 12 months read
    // against a $19,552 stand-in).
    const year = programCostEstimates([...rows.slice(0, 2), program(3, 'CERTIFICATE', 12)]).get(3)!;
    const rate = Number(/\$([\d,.]+) a month/.exec(year.basis)![1]!.replace(/,/g, ''));
    expect(rate).toBeCloseTo(perMonth, 2);
    expect(year.usd).toBe(Math.round(rate * 12));
    // Without a length the months rule cannot apply: the credential's own figure stands in.
    const untimed = programCostEstimates([...rows.slice(0, 2), program(3, 'CERTIFICATE', 0)]).get(3)!;
    expect(untimed).toMatchObject({ usd: 16_950, standIn: true });
  });

  it('falls back to the months rule for a credential with no known cost, and has none with no cost known at all', () => {
    const rows = [program(1, 'CERTIFICATE', 12, 12_000), program(2, 'BACHELOR', 48)];
    expect(programCostEstimates(rows).get(2)).toMatchObject({ usd: 48_000, standIn: true });
    expect(programCostEstimates(rows).get(2)!.basis).toMatch(/no bachelor's degree here has a known cost/);
    expect(programCostEstimates([program(1, 'BACHELOR', 48)]).size).toBe(0);
  });
});
