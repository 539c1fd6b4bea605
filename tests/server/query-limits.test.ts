/**
 * What a single request may ask for: the document's shape (depth, aliases, directives, tokens —
 * graphql-armor) and the body size (413). A refused request runs nothing. Its cost has a file of
 * its own (query-cost.test.ts).
 */
import { request as httpRequest } from 'node:http';
import { getIntrospectionQuery } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PrismaClient } from '../../src/db/client.js';
import { type App, createApp } from '../../src/server/app.js';
import { type Listening, listen } from '../../src/server/http.js';
import { recording, testDatabase } from '../support/database.js';
import { codes, post } from '../support/graphql.js';

let prisma: PrismaClient;
let recorded: PrismaClient;
let app: App;
const calls: string[] = [];

beforeAll(async () => {
  ({ prisma } = await testDatabase('seeded'));
  recorded = recording(prisma, calls);
  app = createApp({ prisma: recorded });
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

describe('request body size', () => {
  let server: Listening;
  beforeAll(async () => {
    server = await listen(createApp({ prisma: recorded, config: { maxBodyBytes: 2_000 } }), 0, '127.0.0.1');
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
