/** src/spread.ts: the same object as the spread literal it stands in for. */
import { describe, expect, it } from 'vitest';
import { spread } from '../src/spread.js';

describe('spread', () => {
  it('builds what { ...base, ...extra } builds: same keys, same order, later values winning', () => {
    const base = { select: { id: true }, take: 21, where: { old: true }, skip: undefined };
    const extra = { where: { slug: 'x' }, orderBy: [{ title: 'asc' }] };
    const ours = spread(base, extra);
    expect(ours).toStrictEqual({ ...base, ...extra });
    expect(Object.keys(ours)).toEqual(Object.keys({ ...base, ...extra }));
    expect(JSON.stringify(ours)).toBe(
      '{"select":{"id":true},"take":21,"where":{"slug":"x"},"orderBy":[{"title":"asc"}]}',
    );
  });

  it('leaves both objects as they were, and shares their values rather than copying them', () => {
    const base = Object.freeze({ select: Object.freeze({ id: true }) });
    const extra = Object.freeze({ take: 1 });
    const ours = spread(base, extra);
    expect(ours.select).toBe(base.select);
    expect(base).toEqual({ select: { id: true } });
    expect(extra).toEqual({ take: 1 });
    expect(Object.isFrozen(ours)).toBe(false);
  });
});
