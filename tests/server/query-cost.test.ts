/**
 * What a query costs (src/schema/cost.ts, src/server/query-cost.ts), through the API: the
 * requested cost before it runs, the actual cost from what came back, both in `extensions.cost`;
 * a query over MAX_QUERY_COST refused before anything runs; and none of the ways issue #23 found
 * around the budget (aliased exports, thousands of IDs, introspection, batches, long list
 * arguments) left open.
 */
import { getIntrospectionQuery } from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from '../../src/db/api-keys.js';
import type { PrismaClient } from '../../src/db/client.js';
import type { Dataset } from '../../src/db/dataset/format.js';
import { readDataset } from '../../src/db/dataset/read.js';
import { ESTIMATED_SEARCH_COST, LIST_SIZES } from '../../src/schema/cost.js';
import { createApp } from '../../src/server/app.js';
import type { ServerConfig } from '../../src/config.js';
import { recording, testDatabase } from '../support/database.js';
import { codes, post, type Reply } from '../support/graphql.js';

let prisma: PrismaClient;
let files: Dataset;
/** The Prisma operations run since the last `calls.length = 0`. */
const calls: string[] = [];
let recorded: PrismaClient;

beforeAll(async () => {
  ({ prisma } = await testDatabase('seeded'));
  files = await readDataset();
  recorded = recording(prisma, calls);
});

const app = (config: Partial<ServerConfig> = {}) => createApp({ prisma: recorded, config });
const cost = (reply: Reply) => {
  const { requestedQueryCost, actualQueryCost } = reply.body.extensions.cost;
  return { requested: requestedQueryCost as number, actual: actualQueryCost as number };
};
/** Every object in a value: what the cost model charges a point for. */
const objects = (value: unknown): number =>
  Array.isArray(value)
    ? value.reduce<number>((n, v) => n + objects(v), 0)
    : typeof value === 'object' && value !== null
      ? 1 + Object.values(value).reduce<number>((n, v) => n + objects(v), 0)
      : 0;

describe('the cost of a query', () => {
  it('is reported requested and actual, Shopify style', async () => {
    const reply = await post(app(), { query: '{ roles(first: 5) { edges { node { slug track { slug } } } } }' });
    // A connection is 2 plus, per item, the node (1) and its track (1).
    expect(reply.body.extensions.cost).toEqual({
      requestedQueryCost: 2 + 5 * 2,
      actualQueryCost: 2 + 5 * 2,
      throttleStatus: { maximumAvailable: 10_000, currentlyAvailable: expect.any(Number), restoreRate: 500 },
    });
  });

  it('counts a connection at its page size up front and at what came back afterwards', async () => {
    const server = app();
    const query = 'query ($n: Int) { roles(first: $n) { totalCount edges { cursor node { slug } } } }';
    // The same document with other variables: each request is priced by its own.
    expect(cost(await post(server, { query, variables: { n: 40 } }))).toEqual({
      requested: 2 + 40,
      actual: 2 + files.roles.length,
    });
    expect(cost(await post(server, { query, variables: { n: 5 } }))).toEqual({ requested: 2 + 5, actual: 2 + 5 });
    expect(cost(await post(server, { query }))).toMatchObject({ requested: 2 + 20 }); // the default page
  });

  it('counts a list at its mean length up front (next steps: LIST_SIZES) and at every item afterwards', async () => {
    const moves = files.transitions.filter((t) => t.from === 'medical-assistant').length;
    expect(moves).toBeGreaterThan(1);
    const reply = await post(app(), {
      query: '{ role(slug: "medical-assistant") { title nextSteps { to { slug } } } }',
    });
    expect(cost(reply)).toEqual({ requested: 1 + LIST_SIZES.nextSteps * 2, actual: 1 + moves * 2 });
    const none = await post(app(), { query: '{ role(slug: "no-such-role") { title nextSteps { to { slug } } } }' });
    expect(cost(none)).toEqual({ requested: 1 + LIST_SIZES.nextSteps * 2, actual: 0 });
    // A list whose items hold no such lists, at one item up front.
    const sources = await post(app(), { query: '{ role(slug: "medical-assistant") { sources { title } } }' });
    expect(cost(sources).requested).toBe(1 + 1);
  });

  it('prices the operation that runs, of several in one document', async () => {
    const query = 'query A { tracks { slug } } query B { roles(first: 3) { edges { node { slug } } } }';
    expect(cost(await post(app(), { query, operationName: 'A' }))).toEqual({ requested: 1, actual: 3 });
    expect(cost(await post(app(), { query, operationName: 'B' }))).toEqual({ requested: 2 + 3, actual: 2 + 3 });
  });

  it('prices pathway searches far above row reads, and mutations above reads', async () => {
    const server = app();
    const pathways = await post(server, {
      query: '{ pathways(from: "medical-assistant", to: "lead-medical-assistant", first: 2) { totalMonths } }',
    });
    expect(cost(pathways).requested).toBe(100 + 2);
    const reachable = await post(server, {
      query: '{ reachableRoles(from: "medical-assistant", withinMonths: 24) { earliestMonth } }',
    });
    expect(cost(reachable).requested).toBe(250 + 1);
    expect(cost(reachable).actual).toBe(250 + reachable.body.data.reachableRoles.length);
    const key = await createApiKey(prisma, 'cost-editor', 'editor');
    const mutation = await post(
      server,
      { query: 'mutation { deleteRole(input: { slug: "no-such-role", expectedVersion: 1 }) { userErrors { code } } }' },
      { authorization: `Bearer ${key}` },
    );
    // Ten for the mutation, one for its payload, one for the user error it returned.
    expect(cost(mutation)).toEqual({ requested: 10 + 1 + 1, actual: 10 + 1 + 1 });
  });

  it('refuses a query over MAX_QUERY_COST with 400 MAX_COST_EXCEEDED, before running it', async () => {
    calls.length = 0;
    const reply = await post(app({ maxQueryCost: 100 }), {
      query: '{ roles(first: 60) { edges { node { slug track { slug } } } } }',
    });
    expect(reply.status).toBe(400);
    expect(codes(reply)).toEqual(['MAX_COST_EXCEEDED']);
    expect(reply.body.errors![0]!.message).toMatch(/cost 122 points, over the limit of 100/);
    expect(reply.body.data).toBeUndefined();
    expect(reply.body.extensions.cost).toEqual({ requestedQueryCost: 122 });
    expect(calls).toEqual([]);
  });
});

describe('no way around the budget', () => {
  it('prices lists nested in lists at their length, so a tree of them is refused before it runs', async () => {
    // Each list priced at one item, three levels of related occupations under 100 occupations asked
    // 702 points and returned 65 MB after 10 s; a role's previous steps' next steps, eight levels
    // deep, asked 902 and cost 151,721.
    const trees = [
      '{ occupations(first: 100) { nodes { relatedOccupations { occupation { relatedOccupations { occupation { relatedOccupations { occupation { code title } } } } } } } } }',
      '{ roles(first: 100) { nodes { previousSteps { from { nextSteps { to { previousSteps { from { nextSteps { to { slug } } } } } } } } } } }',
      '{ roles(first: 100) { nodes { nextSteps { to { nextSteps { to { slug } } } } } } }',
    ];
    for (const query of trees) {
      calls.length = 0;
      const reply = await post(app(), { query });
      expect(reply.status, query).toBe(400);
      expect(codes(reply)).toEqual(['MAX_COST_EXCEEDED']);
      expect(calls, 'nothing ran').toEqual([]);
    }
    // One occupation's related occupations' own: 1 + 20 × (2 + 20 × 2) points, within the limit.
    const one = await post(app(), {
      query:
        '{ occupation(code: "29-1141.00") { relatedOccupations { occupation { relatedOccupations { occupation { code } } } } } }',
    });
    expect(cost(one).requested).toBe(1 + 20 * (2 + 20 * 2));
    expect(one.body.errors).toBeUndefined();
  });

  it('sizes the lists that nest at their mean length in the data', async () => {
    const mean = async (sql: string) => Number(((await prisma.$queryRawUnsafe(sql)) as { mean: unknown }[])[0]!.mean);
    const means: Record<keyof typeof LIST_SIZES, number> = {
      relatedOccupations: await mean(
        'SELECT avg(n) AS mean FROM (SELECT count(*) AS n FROM related_occupation GROUP BY occupation_id) x',
      ),
      skills: await mean(
        'SELECT avg(n) AS mean FROM (SELECT count(*) AS n FROM occupation_skill GROUP BY occupation_id) x',
      ),
      tasks: await mean(
        'SELECT avg(n) AS mean FROM (SELECT count(*) AS n FROM occupation_task GROUP BY occupation_id) x',
      ),
      nextSteps: await mean('SELECT (SELECT count(*) FROM transition)::float / (SELECT count(*) FROM role) AS mean'),
      previousSteps: await mean(
        'SELECT (SELECT count(*) FROM transition)::float / (SELECT count(*) FROM role) AS mean',
      ),
      trackRoles: await mean('SELECT (SELECT count(*) FROM role)::float / (SELECT count(*) FROM track) AS mean'),
      unlocks: await mean(
        `SELECT avg(n) AS mean FROM (SELECT count(DISTINCT g.transition_id) AS n FROM certification c
           LEFT JOIN requirement_option o ON o.certification_id = c.id LEFT JOIN requirement_group g ON g.id = o.group_id
           GROUP BY c.id) x`,
      ),
      anyOf: await mean(
        'SELECT avg(n) AS mean FROM (SELECT count(*) AS n FROM requirement_option GROUP BY group_id) x',
      ),
    };
    for (const [name, size] of Object.entries(LIST_SIZES)) {
      const m = means[name as keyof typeof LIST_SIZES];
      expect(m, name).toBeGreaterThan(0);
      expect(size, name).toBe(Math.ceil(m));
    }
  });

  it('prices a list only a search can size again once it is sized, before reading its items', async () => {
    // reachableRoles is priced at a few items up front: an occupation's related occupations under
    // each of 1,000 occupations within reach asked 1,668 points and cost 39,854 (1.6 s).
    // Up front within 600; sized, within what a caller may spend at once (a full bucket, 1,000), or not.
    // (Refilled at once: this test is about the price, not the rate.)
    const server = app({ maxQueryCost: 600, rateLimitPoints: 1000, rateLimitRestorePerSecond: 1_000_000 });
    const reach = (months: number, below: string) =>
      `{ reachableRoles(from: "medical-assistant", withinMonths: ${months}) { earliestMonth ${below} } }`;
    const plain = await post(server, { query: reach(600, '') });
    const items = plain.body.data.reachableRoles.length as number;
    expect(items).toBeGreaterThan(10);
    // Each item: itself, its node, and its next steps up front with their role and its own: 42 points.
    const each = 1 + 1 + LIST_SIZES.nextSteps * (2 + LIST_SIZES.nextSteps * 2);
    const deep = '{ node { ... on Role { nextSteps { to { nextSteps { to { slug } } } } } } }'.slice(1, -1);
    const refused = await post(server, { query: reach(600, deep) });
    expect(cost(refused).requested).toBe(250 + each); // within 600 up front, as one item
    expect(codes(refused)).toEqual(['MAX_COST_EXCEEDED']);
    expect(refused.body.errors![0]!.message).toBe(
      `reachableRoles found ${items} items: with what this query asks of each, it would cost ${250 + items * each} points, more than the 1000 a caller may spend at once. Ask for fewer fields of each item, or narrow the question.`,
    );
    expect(refused.body.errors![0]!.extensions).toMatchObject({ maxCost: 1000, items });
    expect(refused.body.data).toEqual({ reachableRoles: null });
    // Fewer items, or less of each: answered.
    const near = await post(server, { query: reach(0, deep) });
    expect(near.body.errors).toBeUndefined();
    // Aliases count together: two, each within the ceiling alone, are not let through at twice it.
    const per = 1 + 1 + LIST_SIZES.nextSteps * 2; // itself, its node, the node's next steps and their roles
    const upFront = 2 * (250 + per);
    const oneSized = upFront + (items - 1) * per;
    const ceiling = app({ maxQueryCost: upFront, rateLimitPoints: oneSized, rateLimitRestorePerSecond: 1_000_000 });
    const below = '{ node { ... on Role { nextSteps { to { slug } } } } }'.slice(1, -1);
    const two = await post(ceiling, {
      query: `{ a: ${reach(600, below).slice(2, -2)} b: ${reach(600, below).slice(2, -2)} }`,
    });
    expect(cost(two).requested).toBe(upFront);
    expect(codes(two)).toEqual(['MAX_COST_EXCEEDED']);
    expect(two.body.errors![0]!.message).toContain(`it would cost ${oneSized + (items - 1) * per} points`);
    expect(two.body.data.a).toHaveLength(items); // the first, within the ceiling alone, answered
    expect(two.body.data.b).toBeNull();
    const light = await post(server, { query: reach(600, '{ node { ... on Role { slug } } }'.slice(1, -1)) });
    expect(light.body.errors).toBeUndefined();
    expect(light.body.data.reachableRoles).toHaveLength(items);
  });

  const records = () => Object.values(files).reduce((n, list) => n + (list as unknown[]).length, 0);

  it('prices a search over every O*NET occupation at ESTIMATED_SEARCH_COST: two fit in a request, three do not', async () => {
    const search = (alias: string, estimated: boolean) =>
      `${alias}: pathways(from: "medical-assistant", to: "registered-nurse", first: 1, includeEstimated: ${estimated}) { totalMonths }`;
    const curated = await post(app(), { query: `{ ${search('a', false)} }` });
    const estimated = await post(app(), { query: `{ ${search('a', true)} }` });
    expect(cost(estimated).requested - cost(curated).requested).toBe(ESTIMATED_SEARCH_COST - 100);
    const reach = await post(app(), {
      query:
        '{ reachableRoles(from: "medical-assistant", withinMonths: 12, includeEstimated: true) { earliestMonth } }',
    });
    expect(cost(reach).requested).toBeGreaterThanOrEqual(ESTIMATED_SEARCH_COST);
    const three = await post(app(), { query: `{ ${['a', 'b', 'c'].map((x) => search(x, true)).join(' ')} }` });
    expect(three.status).toBe(400);
    expect(codes(three)).toEqual(['MAX_COST_EXCEEDED']);
  });

  it('exportDataset needs an API key and costs a point per record', async () => {
    const server = app();
    await server.fetch('http://localhost/ready'); // the server counts the records when it builds its index
    const anonymous = await post(server, { query: '{ exportDataset }' });
    expect(codes(anonymous)).toEqual(['UNAUTHENTICATED']);
    expect(anonymous.body.data).toBeNull();

    const key = await createApiKey(prisma, 'cost-exporter', 'editor');
    const exported = await post(server, { query: '{ exportDataset }' }, { authorization: `Bearer ${key}` });
    expect(exported.body.errors).toBeUndefined();
    expect(cost(exported)).toEqual({ requested: records(), actual: records() });

    // A key whose bucket holds one and a half exports gets one.
    const small = app({ rateLimitPoints: Math.ceil(records() * 1.5), rateLimitRestorePerSecond: 1 });
    await small.fetch('http://localhost/ready');
    const again = [];
    for (let i = 0; i < 2; i++)
      again.push(await post(small, { query: '{ exportDataset }' }, { authorization: `Bearer ${key}` }));
    expect(again.map((r) => r.status)).toEqual([200, 429]);
    expect(codes(again[1]!)).toEqual(['RATE_LIMITED']);
  });

  it('refuses 15 aliased exports before running any, keyed or not', async () => {
    const server = app();
    await server.fetch('http://localhost/ready');
    const key = await createApiKey(prisma, 'cost-aliaser', 'editor');
    const query = `{ ${Array.from({ length: 15 }, (_, i) => `e${i}: exportDataset`).join(' ')} }`;
    for (const headers of [{}, { authorization: `Bearer ${key}` }] as Record<string, string>[]) {
      calls.length = 0;
      const reply = await post(server, { query }, headers);
      expect(codes(reply)).toEqual(['MAX_COST_EXCEEDED']);
      expect(reply.body.extensions.cost.requestedQueryCost).toBe(15 * records());
      expect(calls.filter((c) => !c.startsWith('ApiKey.'))).toEqual([]);
    }
  });

  it('prices nodes(ids:) by the IDs it is given, and refuses 6000 of them before running', async () => {
    const server = app();
    const { data } = (await post(server, { query: '{ roles(first: 3) { nodes { id } } }' })).body;
    const ids: string[] = data.roles.nodes.map((n: { id: string }) => n.id);
    const three = await post(server, { query: 'query ($ids: [ID!]!) { nodes(ids: $ids) { id } }', variables: { ids } });
    // A point per ID asked for, and an object per ID.
    expect(cost(three)).toEqual({ requested: 3 + 3, actual: 3 + 3 });

    calls.length = 0;
    const many = Array.from({ length: 6000 }, (_, i) => ids[i % 3]!);
    const reply = await post(server, {
      query: 'query ($ids: [ID!]!) { nodes(ids: $ids) { id } }',
      variables: { ids: many },
    });
    expect(reply.status).toBe(400);
    expect(codes(reply)).toEqual(['MAX_COST_EXCEEDED']);
    expect(reply.body.extensions.cost.requestedQueryCost).toBe(6000 + 6000);
    expect(calls).toEqual([]);
  });

  it('prices every item of a list argument', async () => {
    calls.length = 0;
    const slugs = Array.from({ length: 5000 }, (_, i) => `role-${i}`);
    const compare = await post(app(), {
      query: 'query ($slugs: [String!]!) { compareRoles(slugs: $slugs) { sharedSkills } }',
      variables: { slugs },
    });
    expect(codes(compare)).toEqual(['MAX_COST_EXCEEDED']);
    expect(compare.body.extensions.cost.requestedQueryCost).toBeGreaterThan(5000);
    const pathways = await post(app(), {
      query: `query ($held: [String!]) { pathways(from: "medical-assistant", to: "medical-office-manager",
                profile: { heldCertifications: $held }) { totalMonths } }`,
      variables: { held: Array.from({ length: 4000 }, () => 'cma') },
    });
    expect(codes(pathways)).toEqual(['MAX_COST_EXCEEDED']);
    expect(calls).toEqual([]);
  });

  it('prices introspection at the objects it returns, up front and after', async () => {
    const server = app();
    const whole = await post(server, { query: getIntrospectionQuery() });
    expect(whole.body.errors).toBeUndefined();
    const { requested, actual } = cost(whole);
    expect(actual).toBe(objects(whole.body.data.__schema));
    expect(actual).toBeGreaterThan(1000);
    // Up front its lists count at their average length in this schema: close to what comes back.
    expect(requested).toBeGreaterThan(actual * 0.7);
    expect(requested).toBeLessThan(Math.min(actual * 1.3, 3000));

    const twice = await post(server, { query: '{ a: __schema { types { name } } b: __schema { types { name } } }' });
    expect(cost(twice).requested).toBe(2 * (1 + whole.body.data.__schema.types.length));
    // Two full ones at once are over the limit, and refused before either runs.
    const full = getIntrospectionQuery();
    const fragments = full.slice(full.indexOf('fragment FullType'));
    const double = await post(server, {
      query: `{ a: __schema { types { ...FullType } } b: __schema { types { ...FullType } } } ${fragments}`,
    });
    expect(codes(double)).toEqual(['MAX_COST_EXCEEDED']);
    expect(double.body.extensions.cost.requestedQueryCost).toBeGreaterThan(2 * actual * 0.7);
    // Nesting type references to multiply them is refused before pricing, by graphql-js' own rule.
    const nested = await post(server, {
      query: '{ __schema { types { fields { type { fields { type { fields { type { name } } } } } } } } }',
    });
    expect(nested.body.errors?.[0]?.message).toMatch(/Maximum introspection depth exceeded/);
    const one = await post(server, { query: '{ __type(name: "Role") { name fields { name } } }' });
    expect(cost(one).actual).toBe(objects(one.body.data.__type));
  });

  it('drains an anonymous caller’s bucket with full introspections as with any read', async () => {
    // A bucket that holds two full introspections (whatever the schema's size) and refills slowly.
    const probe = await post(app(), { query: getIntrospectionQuery() });
    const price = (probe.body.extensions as { cost: { requestedQueryCost: number } }).cost.requestedQueryCost;
    expect(price).toBeGreaterThan(1_000);
    const server = app({ rateLimitPoints: Math.ceil(2.5 * price), rateLimitRestorePerSecond: 1 });
    const replies: Reply[] = [];
    for (let i = 0; i < 3; i++) replies.push(await post(server, { query: getIntrospectionQuery() }));
    expect(replies.map((r) => r.status)).toEqual([200, 200, 429]);
    expect(codes(replies[2]!)).toEqual(['RATE_LIMITED']);
  });

  it('does not take batches: an array of operations is refused as a whole', async () => {
    calls.length = 0;
    const reply = await post(app(), [{ query: '{ exportDataset }' }, { query: '{ tracks { slug } }' }]);
    expect(reply.status).toBe(400);
    expect(calls).toEqual([]);
  });
});
