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

  it("sums every program's cost and every exam's fee counted (no path's bound costs more)", () => {
    // z and y cost $10 each, x has no fee; p costs $100.
    expect(ix.costCentsTotal).toBe(12_000);
  });

  it('computes landmarks on request', () => {
    expect(ix.landmarks).toBeNull();
    const withLandmarks = buildIndex(input, { landmarks: 2 });
    expect(withLandmarks.landmarks?.roles.length).toBe(2);
  });
  describe('edge bounds through eligibility routes and prerequisites', () => {
    // As in the curated data: the RN licence asks to hold the NCLEX-RN, which an ADN, a BSN or the
    // LPN bridge makes one eligible for; every move into rn offers the licence.
    const nurse = fixture({
      roles: { ma: 'clinical', lpn: 'clinical', rn: 'clinical', admin: 'admin', mgr: 'admin' },
      certs: {
        exam: { fee: 200, routes: ['adn', 'bridge', 'bsn'] },
        licence: { fee: 100, routes: [{ holds: 'exam' }] },
      },
      programs: { adn: [24, 30_000], bridge: [12, 20_000], bsn: [48, 80_000], ba: [48, 70_000] },
      transitions: [
        ['ma', 'rn', 0, [['licence']], ['adn']],
        ['lpn', 'rn', 0, [['licence']], ['bridge']],
        ['ma', 'lpn', 0],
        // The BSN is also the training of a move into another role, and so is the bachelor's degree.
        ['ma', 'admin', 0, [], ['bsn', 'ba']],
        ['lpn', 'mgr', 1, [], ['ba']],
      ],
    });
    const nx = buildIndex(nurse.input);
    const edge = (i: number) => nx.edgeIndexByTransitionId.get(nurse.transition(i))!;
    const program = (slug: string) => nx.programIndexById.get(nurse.program(slug))!;
    const cert = (slug: string) => nx.certIndexById.get(nurse.cert(slug))!;

    it('counts programs and certifications only moves into one role may need, routes included', () => {
      expect(nx.programOncePerPath[program('adn')]).toBe(1); // training and route, all on moves into rn
      expect(nx.programOncePerPath[program('bridge')]).toBe(1);
      expect(nx.programOncePerPath[program('bsn')]).toBe(0); // a route into rn, training into admin
      expect(nx.programOncePerPath[program('ba')]).toBe(0); // moves from ma into admin, from lpn into mgr
      expect(nx.certOncePerPath[cert('exam')]).toBe(1); // earned only on the way to the licence
      expect(nx.certOncePerPath[cert('licence')]).toBe(1);
    });

    it('marks once-per-path programs nothing asks for as completed (no route, no prerequisite) as inert', () => {
      // adn and bridge are once per path but routes of the exam: a step must record them as done.
      expect(nx.programInert[program('adn')]).toBe(0);
      expect(nx.programInert[program('bridge')]).toBe(0);
      expect(nx.programInert[program('bsn')]).toBe(0);
      const g = fixture({
        roles: { a: 'x', b: 'x', c: 'x' },
        programs: { entry: [6, 100], pre: [12, 200], post: [3, 50, { prerequisites: ['pre'] }] },
        transitions: [
          ['a', 'b', 0, [], ['entry']],
          ['b', 'c', 0, [], ['post']],
        ],
      });
      const ix = buildIndex(g.input);
      const p = (slug: string) => ix.programIndexById.get(g.program(slug))!;
      expect(ix.programOncePerPath[p('pre')]).toBe(1);
      expect(ix.programInert[p('entry')]).toBe(1); // only the training of moves into b
      expect(ix.programInert[p('post')]).toBe(1);
      expect(ix.programInert[p('pre')]).toBe(0); // another program's prerequisite
    });

    it('adds the training, the licence, and the route the licence needs beyond the training', () => {
      // ma -> rn: the ADN (24 months, $30,000) meets the exam's route; both certifications' fees.
      expect(nx.edgeBoundMonths[edge(0)]).toBe(24);
      expect(nx.edgeBoundCostCents[edge(0)]).toBe(3_000_000 + 20_000 + 10_000);
      expect(nx.edgeBoundCerts[edge(0)]).toBe(2);
      // lpn -> rn: the bridge, 12 months.
      expect(nx.edgeBoundMonths[edge(1)]).toBe(12);
      expect(nx.edgeBoundCostCents[edge(1)]).toBe(2_000_000 + 20_000 + 10_000);
      // A program other moves may need as well may have been taken before: it counts nothing.
      expect(nx.edgeBoundMonths[edge(4)]).toBe(12);
      expect(nx.edgeBoundCostCents[edge(4)]).toBe(0);
    });
  });
});
