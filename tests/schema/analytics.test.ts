import { beforeAll, describe, expect, it } from 'vitest';
import type { Dataset } from '../../src/db/dataset/format.js';
import { readDataset } from '../../src/db/dataset/read.js';
import { testDatabase } from '../support/database.js';
import { type Client, graphqlClient } from '../support/graphql.js';

let client: Client;
let files: Dataset;
let trackOf: Map<string, string>;
beforeAll(async () => {
  const { prisma } = await testDatabase('seeded');
  client = graphqlClient(prisma);
  files = await readDataset();
  trackOf = new Map(files.roles.map((r) => [r.slug, r.track]));
  bridging = new Set(files.tracks.filter((t) => t.bridging).map((t) => t.slug));
});

let bridging: Set<string>;
/** A move crosses tracks when it leaves one track for another, neither of them the bridging (hybrid) one. */
const crosses = (t: { from: string; to: string }) => {
  const [a, b] = [trackOf.get(t.from)!, trackOf.get(t.to)!];
  return a !== b && !bridging.has(a) && !bridging.has(b);
};

describe('trackBridges', () => {
  it('lists every move from the clinical track into the administrative one, with its requirements', async () => {
    const { data, errors } = await client.query(`{
      trackBridges(fromTrack: "clinical", toTrack: "administrative") {
        fromTrack { slug } toTrack { slug }
        transitions { from { slug } to { slug } crossesTracks requirements { anyOf { slug } } training { slug } }
      }
    }`);
    expect(errors).toBeUndefined();
    const expected = files.transitions.filter(
      (t) => trackOf.get(t.from) === 'clinical' && trackOf.get(t.to) === 'administrative',
    );
    expect(expected.length).toBeGreaterThan(0);
    const got = data.trackBridges.transitions;
    expect(got.map((t: any) => `${t.from.slug}->${t.to.slug}`).sort()).toEqual(
      expected.map((t) => `${t.from}->${t.to}`).sort(),
    );
    expect(got.every((t: any) => t.crossesTracks)).toBe(true);
    for (const t of expected) {
      const g = got.find((x: any) => x.from.slug === t.from && x.to.slug === t.to);
      expect(g.requirements.map((r: any) => r.anyOf.map((c: any) => c.slug).sort())).toEqual(
        t.requires.map((r) => [...r].sort()),
      );
    }
  });

  it('names an unknown track and refuses a bridge from a track to itself', async () => {
    const unknown = await client.query(
      '{ trackBridges(fromTrack: "clinical", toTrack: "lunar") { transitions { id } } }',
    );
    expect(unknown.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', argument: 'toTrack' });
    const same = await client.query(
      '{ trackBridges(fromTrack: "clinical", toTrack: "clinical") { transitions { id } } }',
    );
    expect(same.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('refuses an O*NET major-group track, which has no curated bridges, as bad input', async () => {
    for (const [args, argument] of [
      ['fromTrack: "soc-29", toTrack: "clinical"', 'fromTrack'],
      ['fromTrack: "clinical", toTrack: "SOC-29"', 'toTrack'],
    ]) {
      const { data, errors } = await client.query(`{ trackBridges(${args}) { fromTrack { slug } toTrack { slug } } }`);
      expect(data).toEqual({ trackBridges: null });
      expect(errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument });
      expect(errors?.[0]?.message).toMatch(/O\*NET major-group track/);
    }
  });
});

describe('graphFacts', () => {
  it('counts roles, transitions and kinds per track', async () => {
    const { data, errors } = await client.query(`{ graphFacts {
      roleCount transitionCount certificationCount crossTrackTransitionCount
      tracks { track { slug } roles movesOut crossTrackMovesOut }
      transitionKinds { kind count }
    } }`);
    expect(errors).toBeUndefined();
    const f = data.graphFacts;
    expect(f.roleCount).toBe(files.roles.length);
    expect(f.transitionCount).toBe(files.transitions.length);
    expect(f.certificationCount).toBe(files.certifications.length);
    const cross = files.transitions.filter(crosses);
    expect(f.crossTrackTransitionCount).toBe(cross.length);
    for (const row of f.tracks) {
      const slug = row.track.slug;
      expect(row.roles).toBe(files.roles.filter((r) => r.track === slug).length);
      expect(row.movesOut).toBe(files.transitions.filter((t) => trackOf.get(t.from) === slug).length);
      expect(row.crossTrackMovesOut).toBe(cross.filter((t) => trackOf.get(t.from) === slug).length);
    }
    const kinds = Object.fromEntries(f.transitionKinds.map((k: any) => [k.kind, k.count]));
    for (const kind of new Set(files.transitions.map((t) => t.kind))) {
      expect(kinds[kind]).toBe(files.transitions.filter((t) => t.kind === kind).length);
    }
  });

  it('agree with each other and with the moves themselves', async () => {
    const { data, errors } = await client.query(`{
      graphFacts {
        roleCount transitionCount crossTrackTransitionCount
        tracks { roles movesOut crossTrackMovesOut }
        transitionKinds { count }
      }
      roles(first: 100) { totalCount nodes { nextSteps { crossesTracks } } }
    }`);
    expect(errors).toBeUndefined();
    const f = data.graphFacts;
    const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
    expect(sum(f.tracks.map((t: any) => t.roles))).toBe(f.roleCount);
    expect(sum(f.tracks.map((t: any) => t.movesOut))).toBe(f.transitionCount);
    expect(sum(f.transitionKinds.map((k: any) => k.count))).toBe(f.transitionCount);
    expect(sum(f.tracks.map((t: any) => t.crossTrackMovesOut))).toBe(f.crossTrackTransitionCount);
    // The same moves, read one by one: as many, and as many crossing tracks.
    expect(data.roles.totalCount).toBe(f.roleCount);
    const moves = data.roles.nodes.flatMap((r: any) => r.nextSteps);
    expect(moves).toHaveLength(f.transitionCount);
    expect(moves.filter((m: any) => m.crossesTracks)).toHaveLength(f.crossTrackTransitionCount);
    // The hybrid medical assistant's moves are no crossings.
    expect(f.crossTrackTransitionCount).toBeLessThan(
      files.transitions.filter((t) => trackOf.get(t.from) !== trackOf.get(t.to)).length,
    );
  });

  it('ranks gateway certifications by the transitions that require them', async () => {
    const { data } = await client.query(
      '{ graphFacts { gatewayCertifications(first: 100) { certification { slug acronym } transitionsRequiring destinations } } }',
    );
    const rows = data.graphFacts.gatewayCertifications;
    const counts = new Map<string, number>();
    for (const t of files.transitions)
      for (const c of new Set(t.requires.flat())) counts.set(c, (counts.get(c) ?? 0) + 1);
    expect(rows).toHaveLength(counts.size);
    for (const row of rows) expect(row.transitionsRequiring).toBe(counts.get(row.certification.slug));
    const order = rows.map((r: any) => r.transitionsRequiring);
    expect(order).toEqual([...order].sort((a: number, b: number) => b - a));
    const top = await client.query('{ graphFacts { gatewayCertifications(first: 3) { certification { slug } } } }');
    expect(top.data.graphFacts.gatewayCertifications).toHaveLength(Math.min(3, counts.size));
    const bad = await client.query('{ graphFacts { gatewayCertifications(first: 0) { transitionsRequiring } } }');
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});
