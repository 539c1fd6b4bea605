/** The scale FEWEST_NEW_CERTIFICATIONS' bound packs cost and hops with (bounds.ts costHopsScale). */
import { describe, expect, it } from 'vitest';
import { costHopsScale } from '../../src/graph/bounds.js';

describe('costHopsScale', () => {
  it('is the least power of two above the number of roles, so that hops fit below it', () => {
    expect(costHopsScale(1, 0)).toBe(2);
    expect(costHopsScale(6, 500)).toBe(8);
    expect(costHopsScale(1023, 0)).toBe(1024);
    expect(costHopsScale(1024, 0)).toBe(2048);
    expect(costHopsScale(1034, 4e9)).toBe(2048); // the real graph, its $40M of costs included
    for (const roles of [1, 7, 100, 1034, 100_000, 1_000_000]) {
      const scale = costHopsScale(roles, 0);
      expect(scale).toBeGreaterThan(roles - 1); // a loopless pathway's hops
      expect(scale / 2).toBeLessThanOrEqual(roles);
    }
  });

  it('is 1 (cost alone) when the largest cost times the scale would not stay exact', () => {
    const roles = 100_000; // scale 2^17
    expect(costHopsScale(roles, 2 ** 35 - 1)).toBe(2 ** 17); // (2^35) × 2^17 = 2^52
    expect(costHopsScale(roles, 2 ** 35)).toBe(1);
    // Every packed value it allows is exact: the largest cost times the scale, plus the most hops.
    const scale = costHopsScale(roles, 2 ** 35 - 1);
    const largest = (2 ** 35 - 1) * scale + (roles - 1);
    expect(Number.isSafeInteger(largest)).toBe(true);
    expect(Math.floor(largest / scale)).toBe(2 ** 35 - 1);
    expect(largest - Math.floor(largest / scale) * scale).toBe(roles - 1);
  });
});
