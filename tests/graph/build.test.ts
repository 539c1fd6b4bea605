/** The index: dense, sorted, interned — whatever the order of the input. */
import { describe, expect, it } from 'vitest';
import { buildIndex } from '../../src/graph/index.js';
import { fixture } from './fixture.js';

describe('buildIndex', () => {
  const g = fixture({
    roles: { c: 'admin', a: 'clinical', b: 'clinical' },
    certs: { z: 10, y: 10, x: null },
    programs: { p: [3, 100] },
    transitions: [
      [
        'a',
        'c',
        1,
        [
          ['z', 'y'],
          ['y', 'z', 'y'],
        ],
        ['p', 'p'],
      ],
      ['a', 'b', 0.5, [['x']]],
      ['b', 'c', 2],
    ],
  });
  // Shuffle the input: the index must not depend on its order.
  const input = {
    ...g.input,
    roles: [...g.input.roles].reverse(),
    certifications: [...g.input.certifications].reverse(),
    transitions: [...g.input.transitions].reverse(),
  };
  const ix = buildIndex(input);

  it('indexes roles, certifications and programs densely in id order', () => {
    expect([...ix.roleIds]).toEqual([...g.input.roles.map((r) => r.id)].sort((a, b) => a - b));
    expect(ix.roleIndexById.get(g.role('a'))).toBe(1);
    expect(ix.trackCount).toBe(2);
    expect(ix.roleTrack[ix.roleIndexById.get(g.role('a'))!]).toBe(ix.roleTrack[ix.roleIndexById.get(g.role('b'))!]);
  });

  it('stores out-edges by source, in transition-id order, and in-edges by target', () => {
    const a = ix.roleIndexById.get(g.role('a'))!;
    const out = [...ix.edgeTransitionId.subarray(ix.outOffsets[a]!, ix.outOffsets[a + 1]!)];
    expect(out).toEqual([g.transition(0), g.transition(1)]);
    const c = ix.roleIndexById.get(g.role('c'))!;
    const into = [...ix.inEdges.subarray(ix.inOffsets[c]!, ix.inOffsets[c + 1]!)].map((e) => ix.edgeTransitionId[e]);
    expect(into.sort()).toEqual([g.transition(0), g.transition(2)].sort());
    expect(ix.edgeExpMonths[ix.outOffsets[a]!]).toBe(12);
  });

  it('ranks certifications by fee, then slug; interns option sets; dedupes programs', () => {
    const rank = (slug: string) => ix.certRank[ix.certIndexById.get(g.cert(slug))!];
    expect([rank('x'), rank('y'), rank('z')]).toEqual([0, 1, 2]); // null fee counts 0
    const a = ix.roleIndexById.get(g.role('a'))!;
    const e = ix.outOffsets[a]!; // a -> c
    const groups = [...ix.groupClass.subarray(ix.edgeGroupOffsets[e]!, ix.edgeGroupOffsets[e + 1]!)];
    expect(groups).toHaveLength(2);
    expect(groups[0]).toBe(groups[1]); // {z, y} and {y, z, y} are one class
    const cls = groups[0]!;
    const options = [...ix.classOptions.subarray(ix.classOptionOffsets[cls]!, ix.classOptionOffsets[cls + 1]!)];
    expect(options.map((o) => ix.certIds[o])).toEqual([g.cert('y'), g.cert('z')]);
    expect(ix.edgeProgramOffsets[e + 1]! - ix.edgeProgramOffsets[e]!).toBe(1);
  });

  it('marks programs that no loopless path can require twice, and counts them in the edge bounds', () => {
    expect(ix.programOncePerPath[0]).toBe(1); // only a -> c requires it
    const a = ix.roleIndexById.get(g.role('a'))!;
    expect(ix.edgeBoundMonths[ix.outOffsets[a]!]).toBe(12 + 3);
    // The program's $100, and the cheaper option of the groups {y, z} (which share options: counted once).
    expect(ix.edgeBoundCostCents[ix.outOffsets[a]!]).toBe(10_000 + 1_000);
    expect(ix.edgeBoundCerts[ix.outOffsets[a]!]).toBe(1);
  });

  it('computes landmarks on request', () => {
    expect(ix.landmarks).toBeNull();
    const withLandmarks = buildIndex(input, { landmarks: 2 });
    expect(withLandmarks.landmarks?.roles.length).toBe(2);
  });
});
