/**
 * What a single request may ask for: the document's shape (depth, aliases, directives, tokens —
 * graphql-armor), its cost (reported in extensions.cost, refused above MAX_QUERY_COST) and the
 * body size (413). A refused request runs nothing.
 */
import { request as httpRequest } from 'node:http';
import { getIntrospectionQuery, parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PrismaClient } from '../../src/db/client.js';
import { schema } from '../../src/schema/index.js';
import { type App, createApp } from '../../src/server/app.js';
import { type Listening, listen } from '../../src/server/http.js';
import { actualCost, requestedCost } from '../../src/server/query-cost.js';
import { testDatabase } from '../support/database.js';
import { codes, post } from '../support/graphql.js';

let prisma: PrismaClient;
let recording: PrismaClient;
let app: App;
const calls: string[] = [];

beforeAll(async () => {
  ({ prisma } = await testDatabase('seeded'));
  recording = prisma.$extends({
    query: {
      async $allOperations({ model, operation, args, query }) {
        calls.push(`${model ?? '$raw'}.${operation}`);
        return query(args);
      },
    },
  }) as unknown as PrismaClient;
  app = createApp({ prisma: recording });
});

const NESTED_READ = '{ roles(first: 50) { edges { node { nextSteps { to { nextSteps { to { slug } } } } } } } }';

describe('shape limits', () => {
  it('lets the nested Relay read and GraphiQL’s introspection query through', async () => {
    const nested = await post(app, { query: NESTED_READ });
    expect(nested.body.errors).toBeUndefined();
    expect(nested.body.data.roles.edges.length).toBeGreaterThan(20);
    const introspection = await post(app, {
      query: getIntrospectionQuery({
        descriptions: true,
        specifiedByUrl: true,
        directiveIsRepeatable: true,
        schemaDescription: true,
        inputValueDeprecation: true,
        oneOf: true,
      }),
    });
    expect(introspection.body.errors).toBeUndefined();
    expect(introspection.body.data.__schema.queryType.name).toBe('Query');
  });

  it('refuses a query nested deeper than 12 levels with 400 QUERY_TOO_COMPLEX, before running it', async () => {
    calls.length = 0;
    const deep = await post(app, {
      query:
        '{ roles { edges { node { nextSteps { to { nextSteps { to { nextSteps { to { nextSteps { to { track { slug } } } } } } } } } } } } }',
    });
    expect(deep.status).toBe(400);
    expect(codes(deep)).toEqual(['QUERY_TOO_COMPLEX']);
    expect(deep.body.errors![0]!.message).toMatch(/depth limit of 12 exceeded/);
    expect(calls).toEqual([]);
  });

  it('refuses too many aliases, directives or tokens', async () => {
    const aliases = Array.from({ length: 16 }, (_, i) => `a${i}: tracks { slug }`).join(' ');
    const manyAliases = await post(app, { query: `{ ${aliases} }` });
    expect(manyAliases.status).toBe(400);
    expect(codes(manyAliases)).toEqual(['QUERY_TOO_COMPLEX']);
    expect(manyAliases.body.errors![0]!.message).toMatch(/Aliases limit of 15 exceeded/);

    const manyDirectives = await post(app, { query: `{ tracks { ${'slug @include(if: true) '.repeat(51)} } }` });
    expect(codes(manyDirectives)).toEqual(['QUERY_TOO_COMPLEX']);
    expect(manyDirectives.body.errors![0]!.message).toMatch(/Directives limit of 50 exceeded/);

    const tokens = await post(app, { query: `{ tracks { ${'slug '.repeat(2100)} } }` });
    expect(tokens.status).toBe(400);
    expect(codes(tokens)).toEqual(['QUERY_TOO_COMPLEX']);
    expect(tokens.body.errors![0]!.message).toMatch(/Token limit of 2000 exceeded/);
  });

  it('gives a repeated document the same verdict every time (validation results are cached per document)', async () => {
    const closed = createApp({ prisma, config: { introspection: false } });
    const deep =
      '{ roles { edges { node { nextSteps { to { nextSteps { to { nextSteps { to { nextSteps { to { track { slug } } } } } } } } } } } } }';
    for (let i = 0; i < 3; i++) {
      const tooDeep = await post(app, { query: deep });
      expect(tooDeep.status).toBe(400);
      expect(codes(tooDeep)).toEqual(['QUERY_TOO_COMPLEX']);
      const unknown = await post(app, { query: '{ tracks { nope } }' });
      expect(unknown.status).toBe(400);
      expect(codes(unknown)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
      const good = await post(app, { query: '{ tracks { slug } }' });
      expect(good.body.data.tracks).toHaveLength(3);
      // The same introspection document, allowed by one server and refused by another.
      const query = '{ __schema { queryType { name } } }';
      expect((await post(app, { query })).body.data.__schema.queryType.name).toBe('Query');
      const refused = await post(closed, { query });
      expect(refused.status).toBe(400);
      expect(refused.body.errors![0]!.message).toMatch(/introspection has been disabled/);
    }
  });
});

describe('query cost', () => {
  it('reports the requested and actual cost, Shopify style', async () => {
    const reply = await post(app, { query: '{ roles(first: 5) { edges { node { slug track { slug } } } } }' });
    // A connection is 2 plus, per item, the node (1) and its track (1).
    expect(reply.body.extensions.cost).toEqual({
      requestedQueryCost: 2 + 5 * 2,
      actualQueryCost: 2 + 5 * 2,
      throttleStatus: { maximumAvailable: 10_000, currentlyAvailable: expect.any(Number), restoreRate: 500 },
    });
  });

  it('counts connections at their page size up front and at what came back afterwards', () => {
    const document = parse('query ($n: Int) { roles(first: $n) { totalCount edges { cursor node { slug } } } }');
    expect(requestedCost(schema, document, undefined, { n: 40 })).toBe(2 + 40);
    expect(requestedCost(schema, document)).toBe(2 + 20); // the default page size
    const data = {
      roles: {
        totalCount: 23,
        edges: [
          { cursor: 'a', node: { slug: 'x' } },
          { cursor: 'b', node: { slug: 'y' } },
        ],
      },
    };
    expect(actualCost(schema, document, undefined, data, { n: 40 })).toBe(2 + 2);
  });

  it('works each document out once, yet follows the variables and the data of every request', () => {
    // The same parsed document is what yoga's parser cache hands every request with this text.
    const sized = parse(
      'query ($n: Int, $slug: String!) { roles(first: $n) { edges { node { slug } } } role(slug: $slug) { title } }',
    );
    expect(requestedCost(schema, sized, undefined, { n: 40, slug: 'a' })).toBe(2 + 40 + 1);
    expect(requestedCost(schema, sized, undefined, { n: 5, slug: 'a' })).toBe(2 + 5 + 1);
    expect(requestedCost(schema, sized, undefined, { slug: 'b' })).toBe(2 + 20 + 1);
    expect(requestedCost(schema, sized, undefined, { n: 40, slug: 'a' })).toBe(2 + 40 + 1);

    const fixed = parse('query ($slug: String!) { role(slug: $slug) { title nextSteps { to { slug } } } }');
    expect(requestedCost(schema, fixed, undefined, { slug: 'a' })).toBe(3);
    expect(requestedCost(schema, fixed, undefined, { slug: 'b' })).toBe(3);
    const steps = (n: number) => ({
      role: { title: 't', nextSteps: Array.from({ length: n }, () => ({ to: { slug: 's' } })) },
    });
    expect(actualCost(schema, fixed, undefined, steps(3))).toBe(1 + 3 * 2);
    expect(actualCost(schema, fixed, undefined, steps(0))).toBe(1);
    expect(actualCost(schema, fixed, undefined, { role: null })).toBe(0);

    const two = parse('query A { tracks { slug } } query B { roles(first: 3) { edges { node { slug } } } }');
    expect(requestedCost(schema, two, 'A')).toBe(1);
    expect(requestedCost(schema, two, 'B')).toBe(2 + 3);
    expect(requestedCost(schema, two, 'A')).toBe(1);
    expect(requestedCost(schema, two, 'C')).toBe(0);
  });

  it('costs pathway searches far above row reads', () => {
    const pathways = requestedCost(
      schema,
      parse('{ pathways(from: "medical-assistant", to: "lead-medical-assistant", first: 2) { totalMonths } }'),
    );
    const reachable = requestedCost(
      schema,
      parse('{ reachableRoles(from: "medical-assistant", withinMonths: 24) { earliestMonth } }'),
    );
    const role = requestedCost(
      schema,
      parse('{ role(slug: "medical-assistant") { title nextSteps { to { slug } } } }'),
    );
    expect(pathways).toBe(100 + 2 * 1);
    expect(reachable).toBe(250 + 1);
    expect(role).toBe(3);
  });

  it('refuses a query over MAX_QUERY_COST with 400 MAX_COST_EXCEEDED, before running it', async () => {
    const costly = createApp({ prisma, config: { maxQueryCost: 100 } });
    const reply = await post(costly, { query: '{ roles(first: 60) { edges { node { slug track { slug } } } } }' });
    expect(reply.status).toBe(400);
    expect(codes(reply)).toEqual(['MAX_COST_EXCEEDED']);
    expect(reply.body.errors![0]!.message).toMatch(/cost 122 points, over the limit of 100/);
    expect(reply.body.data).toBeUndefined();
    expect(reply.body.extensions.cost).toEqual({ requestedQueryCost: 122 });
  });
});

describe('request body size', () => {
  let server: Listening;
  beforeAll(async () => {
    server = await listen(createApp({ prisma: recording, config: { maxBodyBytes: 2_000 } }), 0, '127.0.0.1');
  });
  afterAll(() => server?.close());

  const big = JSON.stringify({ query: `{ tracks { slug } } # ${'x'.repeat(3_000)}` });

  it('refuses a body over MAX_BODY_BYTES with 413 and a message naming the limit', async () => {
    calls.length = 0;
    const response = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: big,
    });
    expect(response.status).toBe(413);
    const body = (await response.json()) as { errors: { message: string; extensions: { code: string } }[] };
    expect(body.errors[0]!.message).toMatch(/must not exceed 2000 bytes/);
    expect(body.errors[0]!.extensions.code).toBe('PAYLOAD_TOO_LARGE');
    expect(calls).toEqual([]);
  });

  it('refuses a chunked body once it grows past the limit', async () => {
    calls.length = 0;
    const status = await new Promise<number>((resolve, reject) => {
      const request = httpRequest(
        server.url,
        { method: 'POST', headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' } },
        (response) => {
          response.resume();
          resolve(response.statusCode!);
        },
      );
      request.on('error', reject);
      for (let i = 0; i < big.length; i += 500) request.write(big.slice(i, i + 500));
      request.end();
    });
    expect(status).toBe(413);
    expect(calls).toEqual([]);
  });

  it('accepts a chunked body within the limit, and reads it whole', async () => {
    const small = JSON.stringify({ query: `{ tracks { slug } } # ${'y'.repeat(1_000)}` });
    const reply = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const request = httpRequest(
        server.url,
        { method: 'POST', headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' } },
        (response) => {
          let body = '';
          response.on('data', (chunk: Buffer) => (body += chunk.toString()));
          response.on('end', () => resolve({ status: response.statusCode!, body }));
        },
      );
      request.on('error', reject);
      for (let i = 0; i < small.length; i += 100) request.write(small.slice(i, i + 100));
      request.end();
    });
    expect(reply.status).toBe(200);
    expect(JSON.parse(reply.body).data.tracks.length).toBeGreaterThan(0);
  });

  it('refuses a Content-Length that is not a byte count with 400', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const request = httpRequest(
        server.url,
        { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': '10, 10' } },
        (response) => {
          response.resume();
          resolve(response.statusCode!);
        },
      );
      request.on('error', reject);
      request.end('{"query":1}');
    });
    expect(status).toBe(400);
  });

  it('accepts a body within the limit', async () => {
    const response = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ tracks { slug } }' }),
    });
    expect(response.status).toBe(200);
  });
});
