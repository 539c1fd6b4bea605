/**
 * Pathway answers from memory (docs/decisions/020-pathway-answers-from-memory.md): the engine's
 * answer to a repeated search (src/schema/search-cache.ts) and the rows answers mention
 * (src/db/row-cache.ts) are kept per version of the data. The answers are those a server with
 * nothing kept gives; nothing is read from the database again for them; a data change is seen as
 * soon as it is announced.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PrismaClient } from '../../src/db/client.js';
import { findPathways, SearchBudgetExceeded } from '../../src/graph/index.js';
import { cachedFindPathways } from '../../src/schema/search-cache.js';
import { createApp, type App } from '../../src/server/app.js';
import { GraphStore } from '../../src/server/graph-store.js';
import { recording, testDatabase } from '../support/database.js';
import { graphqlClient, post } from '../support/graphql.js';

let prisma: PrismaClient;
let url: string;
beforeAll(async () => {
  ({ prisma, url } = await testDatabase('seeded'));
});

/** Every column-only selection loadRows answers from the row cache, and the words of the answer. */
const PATHWAYS = `query ($from: String!, $to: String, $toTrack: String, $first: Int, $rankBy: PathwayRanking,
                   $profile: LearnerProfileInput, $constraints: PathwayConstraintsInput, $includeEstimated: Boolean) {
  pathways(from: $from, to: $to, toTrack: $toTrack, first: $first, rankBy: $rankBy, profile: $profile,
           constraints: $constraints, includeEstimated: $includeEstimated) {
    totalMonths knownCostUsd totalCostUsd estimatedSteps summary
    nodes { __typename key title ... on Occupation { code description } ... on Role { slug summary } }
    roles { slug title level }
    certificationsToEarn { acronym name examFeeUsd renewalMonths }
    unknownCosts { description program { slug } certification { acronym } }
    steps {
      basis explanation months
      fromNode { key } toNode { key title }
      from { slug } to { title }
      transition { rationale minYearsExperience }
      training { slug name }
      programs { name months costUsd program { slug } }
      certificationsToEarn { acronym }
      requirements { anyOf { acronym } satisfiedBy { acronym } route { kind program { slug } certification { acronym } } }
    }
  }
}`;

const QUERIES: Record<string, unknown>[] = [
  { from: 'medical-assistant', to: '29-1126.00', first: 5, includeEstimated: true },
  { from: 'medical-assistant', to: '29-1126.00', first: 2, includeEstimated: true },
  { from: 'medical-assistant', to: '29-1126.00', first: 3, rankBy: 'CHEAPEST', includeEstimated: true },
  { from: 'medical-assistant', to: 'registered-nurse', first: 3 },
  { from: 'medical-assistant', to: 'registered-nurse', first: 3, profile: { heldCertifications: ['ccma'] } },
  { from: 'medical-assistant', to: 'registered-nurse', first: 3, profile: { studyLoad: 'PART_TIME' } },
  {
    from: 'medical-assistant',
    to: 'registered-nurse',
    first: 3,
    // A role the best three pass through (FASTEST lists the certain 24 months of the nursing degree,
    // through the clinical MA or not, before the LPN route's 24 to 36).
    constraints: { avoidRoles: ['clinical-medical-assistant'] },
  },
  { from: 'medical-assistant', to: 'registered-nurse', first: 3, rankBy: 'FEWEST_STEPS' },
  { from: 'medical-assistant', toTrack: 'administrative', first: 4 },
  { from: 'medical-assistant', toTrack: 'administrative', first: 4, constraints: { onlyTracks: ['administrative'] } },
];

/** A client whose every database call (the pathway index's build and the row cache's reads included) is recorded. */
function recordedClient() {
  const calls: string[] = [];
  const recorded = recording(prisma, calls);
  const graph = new GraphStore(recorded);
  const client = graphqlClient(recorded, graph, {}, { rateLimitPoints: 0 });
  const ask = async (query: string, variables: Record<string, unknown> = {}) => {
    const { data, errors } = await client.query(query, variables);
    expect(errors).toBeUndefined();
    return data;
  };
  return { calls, graph, ask };
}

describe('pathway answers from memory', () => {
  it('are the answers of a server with nothing kept, and read nothing from the database again', async () => {
    const warm = recordedClient();
    const first: any[] = [];
    for (const variables of QUERIES) first.push(await warm.ask(PATHWAYS, variables));
    expect(first.every((d) => d.pathways.length > 0)).toBe(true);
    // Different searches got different answers: no two queries share a cached answer by mistake.
    const same = first.flatMap((d, i) =>
      first.slice(i + 1).flatMap((e, j) => (JSON.stringify(d) === JSON.stringify(e) ? [[i, i + 1 + j]] : [])),
    );
    expect(same).toEqual([]);

    warm.calls.length = 0;
    for (const [i, variables] of QUERIES.entries()) expect(await warm.ask(PATHWAYS, variables)).toEqual(first[i]);
    expect(warm.calls).toEqual([]);

    // A new server (new index, nothing kept) for each query gives the same answers.
    for (const [i, variables] of QUERIES.entries()) {
      const fresh = graphqlClient(prisma, new GraphStore(prisma), {}, { rateLimitPoints: 0 });
      expect((await fresh.query(PATHWAYS, variables)).data).toEqual(first[i]);
    }
  });

  it('still read the rows a request selects relations of, one planned query per table', async () => {
    const { calls, ask } = recordedClient();
    const query = `{ pathways(from: "medical-assistant", to: "registered-nurse", first: 3) {
      roles { slug track { slug } } steps { transition { sources { title } } }
      nodes { key ... on Role { summary track { name } } } } }`;
    const first = await ask(query);
    expect(first.pathways[0].nodes[0]).toMatchObject({ key: 'medical-assistant', track: { name: expect.any(String) } });
    calls.length = 0;
    expect(await ask(query)).toEqual(first);
    // The places' roles, the pathways' roles, the moves: never a query per row.
    expect(calls).toEqual(['Role.findMany', 'Role.findMany', 'Transition.findMany']);
  });

  it('is the engine’s own answer, kept per index', async () => {
    const graph = new GraphStore(prisma);
    const snapshot = await graph.current();
    const { index } = snapshot;
    const [ma, rn, lpn, ccma] = [
      index.roleIds[index.roleBySlug.get('medical-assistant')!]!,
      index.roleIds[index.roleBySlug.get('registered-nurse')!]!,
      index.roleIds[index.roleBySlug.get('licensed-practical-nurse')!]!,
      index.certIds[index.certBySlug.get('ccma')!]!,
    ];
    const queries = [
      { from: ma, to: rn, k: 3, rankBy: 'FASTEST' as const },
      { from: ma, to: rn, k: 3, rankBy: 'FASTEST' as const, profile: { heldCertifications: [ccma] } },
      { from: ma, to: rn, k: 3, rankBy: 'FASTEST' as const, constraints: { avoidRoles: [lpn] } },
      { from: ma, to: rn, k: 3, rankBy: 'FASTEST' as const, constraints: { maxSteps: 1 } },
      {
        from: ma,
        to: snapshot.nodeByCode.get('29-1126.00')!,
        k: 5,
        rankBy: 'FASTEST' as const,
        includeEstimated: true,
      },
    ];
    // Asked once, a search is answered but not kept (most are asked once); asked again, its
    // answer is kept, and from then on answered from memory.
    const once = queries.map((q) => cachedFindPathways(snapshot, q));
    const kept = queries.map((q) => cachedFindPathways(snapshot, q));
    for (const [i, q] of queries.entries()) {
      expect(once[i]!.length).toBeGreaterThan(0);
      expect(once[i]).toEqual(findPathways(index, q));
      expect(Object.isFrozen(once[i]![0]?.steps ?? [])).toBe(false);
      expect(kept[i]).not.toBe(once[i]);
      expect(kept[i]).toEqual(once[i]);
      expect(cachedFindPathways(snapshot, q)).toBe(kept[i]); // the same answer, from memory
      expect(Object.isFrozen(kept[i]![0]?.steps ?? [])).toBe(true);
    }
    // The key is the whole query, whatever the order of its fields or an undefined one.
    const reordered = { rankBy: 'FASTEST' as const, k: 3, to: rn, from: ma, constraints: undefined };
    expect(cachedFindPathways(snapshot, reordered)).toBe(kept[0]);
    // A query holding what JSON cannot tell apart is refused, not keyed wrongly.
    const unkeyable = { ...queries[0]!, profile: { heldCertifications: new Set([ccma]) as never } };
    expect(() => cachedFindPathways(snapshot, unkeyable)).toThrow(/cannot key/);
    // A search that fails is not kept: it fails again, with the same error.
    const tooOpen = { from: ma, to: rn, k: 3, rankBy: 'CHEAPEST' as const, includeEstimated: true, workBudget: 50 };
    expect(() => findPathways(index, tooOpen)).toThrow(SearchBudgetExceeded);
    expect(() => cachedFindPathways(snapshot, tooOpen)).toThrow(SearchBudgetExceeded);
    expect(() => cachedFindPathways(snapshot, tooOpen)).toThrow(SearchBudgetExceeded);
    // The next index of the data keeps nothing of this one's.
    graph.invalidate();
    await graph.settled();
    const next = await graph.current();
    expect(next).not.toBe(snapshot);
    const again = [0, 1, 2].map(() => cachedFindPathways(next, queries[0]!));
    for (const answer of again) {
      expect(answer).not.toBe(kept[0]);
      expect(answer).toEqual(kept[0]);
    }
    expect(again[1]).not.toBe(again[0]);
    expect(again[2]).toBe(again[1]);
    // A query too long to key (here, a thousand roles to avoid) is searched every time, never kept.
    const long = { ...queries[0]!, constraints: { avoidRoles: Array.from({ length: 1000 }, (_, i) => 1e6 + i) } };
    const answers = [0, 1, 2].map(() => cachedFindPathways(next, long));
    expect(answers[0]).toEqual(findPathways(index, long));
    expect(answers[2]).not.toBe(answers[1]);
    expect(Object.isFrozen(answers[2])).toBe(false);
  });

  it('answer from the changed data as soon as the store hears of the change', async () => {
    const { graph, ask } = recordedClient();
    const query = `{ pathways(from: "medical-assistant", to: "29-1126.00", first: 1, includeEstimated: true) {
      totalMonths nodes { key title } steps { toNode { title } } } }`;
    const before = (await ask(query)).pathways[0];
    expect(before.nodes.at(-1)).toEqual({ key: '29-1126.00', title: 'Respiratory Therapists' });
    expect(before.nodes[0].title).toBe('Medical Assistant');
    await prisma.occupation.update({
      where: { code: '29-1126.00' },
      data: { title: 'Respiratory Therapists (renamed)' },
    });
    await prisma.role.update({ where: { slug: 'medical-assistant' }, data: { title: 'Medical Assistant (renamed)' } });
    // Not announced: the store keeps answering from the data as it was (as the index does).
    expect((await ask(query)).pathways[0]).toEqual(before);
    graph.invalidate();
    // The rows are read again at once, while the next index is still being built.
    const renamed = (await ask(query)).pathways[0];
    expect(renamed.nodes.at(-1).title).toBe('Respiratory Therapists (renamed)');
    expect(renamed.steps.at(-1).toNode.title).toBe('Respiratory Therapists (renamed)');
    expect(renamed.nodes[0].title).toBe('Medical Assistant (renamed)');
    await graph.settled();
    expect((await ask(query)).pathways[0]).toEqual(renamed);
    await prisma.occupation.update({ where: { code: '29-1126.00' }, data: { title: 'Respiratory Therapists' } });
    await prisma.role.update({ where: { slug: 'medical-assistant' }, data: { title: 'Medical Assistant' } });
    graph.invalidate();
    await graph.settled();
  });

  it('search the changed graph once the index is rebuilt, not the kept answer', async () => {
    const { graph, ask } = recordedClient();
    const query = `{ pathways(from: "medical-assistant", to: "lead-medical-assistant", first: 1,
      constraints: { maxSteps: 1 }) { totalMonths steps { transition { minYearsExperience } } } }`;
    const before = (await ask(query)).pathways[0];
    expect(before.totalMonths).not.toBe(54);
    await prisma.transition.updateMany({
      where: { fromRole: { slug: 'medical-assistant' }, toRole: { slug: 'lead-medical-assistant' } },
      data: { minYearsExperience: 4.5 },
    });
    graph.invalidate();
    await graph.settled();
    const after = (await ask(query)).pathways[0];
    expect(after.totalMonths).toBe(54);
    expect(after.steps[0].transition.minYearsExperience).toBe(4.5);
  });
});

describe('pathway answers from memory on a server that listens for changes', () => {
  let app: App;
  beforeAll(() => {
    app = createApp({ prisma, listenUrl: url, config: { rateLimitPoints: 0 } });
  });
  afterAll(() => app?.dispose());

  it('answer from the changed data once a change is notified', async () => {
    const query = `{ pathways(from: "medical-assistant", to: "29-2043.00", first: 1, includeEstimated: true) {
      nodes { key title } } }`;
    const title = async () => {
      const reply = await post(app, { query });
      expect(reply.body.errors).toBeUndefined();
      return reply.body.data.pathways[0].nodes.at(-1).title as string;
    };
    const original = await title();
    expect(await title()).toBe(original);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query('BEGIN');
      await client.query(`UPDATE occupation SET title = $1 WHERE code = '29-2043.00'`, ['Paramedics (renamed)']);
      await client.query(`SELECT pg_notify('career_lattice_data_changed', 'test')`);
      await client.query('COMMIT');
    } finally {
      await client.end();
    }
    const deadline = Date.now() + 5_000;
    let seen = await title();
    while (seen !== 'Paramedics (renamed)' && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 50));
      seen = await title();
    }
    expect(seen).toBe('Paramedics (renamed)');
  });
});
