/**
 * Browser-facing protections: CORS only for the configured origins (none by default), CSRF
 * prevention for requests a browser would send without a preflight, and GraphiQL and
 * introspection that can be turned off.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { PrismaClient } from '../../src/db/client.js';
import { createApp } from '../../src/server/app.js';
import { testDatabase } from '../support/database.js';
import { codes, post } from '../support/graphql.js';

let prisma: PrismaClient;
beforeAll(async () => {
  ({ prisma } = await testDatabase('seeded'));
});

const TRACKS = encodeURIComponent('{ tracks { slug } }');
const preflight = (origin: string) => ({
  method: 'OPTIONS',
  headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
});

describe('CORS', () => {
  it('allows no other origin by default', async () => {
    const app = createApp({ prisma });
    const reply = await post(app, { query: '{ tracks { slug } }' }, { origin: 'https://elsewhere.example' });
    expect(reply.status).toBe(200);
    expect(reply.headers.get('access-control-allow-origin')).toBeNull();
    const options = await app.fetch('http://localhost/graphql', preflight('https://elsewhere.example'));
    expect(options.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('allows the listed origins, and only those', async () => {
    const app = createApp({ prisma, config: { corsOrigins: ['https://advisor.example', 'https://school.example'] } });
    const allowed = await app.fetch('http://localhost/graphql', preflight('https://school.example'));
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://school.example');
    expect(allowed.headers.get('access-control-allow-headers')).toMatch(/authorization/);
    expect(allowed.headers.get('access-control-allow-credentials')).toBeNull();
    const reply = await post(app, { query: '{ tracks { slug } }' }, { origin: 'https://advisor.example' });
    expect(reply.headers.get('access-control-allow-origin')).toBe('https://advisor.example');
    expect(reply.headers.get('access-control-expose-headers')).toMatch(/x-request-id/);
    const other = await app.fetch('http://localhost/graphql', preflight('https://elsewhere.example'));
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('allows any origin with *', async () => {
    const app = createApp({ prisma, config: { corsOrigins: '*' } });
    const reply = await post(app, { query: '{ tracks { slug } }' }, { origin: 'https://anyone.example' });
    expect(reply.headers.get('access-control-allow-origin')).toBe('https://anyone.example');
  });
});

describe('CSRF prevention', () => {
  it('refuses a GET without a preflighted header, and serves it with one', async () => {
    const app = createApp({ prisma });
    const bare = await app.fetch(`http://localhost/graphql?query=${TRACKS}`, {
      headers: { accept: 'application/json' },
    });
    expect(bare.status).toBe(403);
    // With a stable code, and words that say which header to send.
    const refused = (await bare.json()) as { errors: { message: string; extensions: { code: string } }[] };
    expect(refused.errors[0]!.extensions.code).toBe('CSRF_HEADER_REQUIRED');
    expect(refused.errors[0]!.message).toMatch(/x-graphql-csrf: 1/);
    const marked = await app.fetch(`http://localhost/graphql?query=${TRACKS}`, {
      headers: { accept: 'application/json', 'x-graphql-csrf': '1' },
    });
    expect(marked.status).toBe(200);
  });

  it('refuses a form-like POST (text/plain) but not a JSON one', async () => {
    const app = createApp({ prisma });
    const form = await app.fetch('http://localhost/graphql', {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: JSON.stringify({ query: '{ tracks { slug } }' }),
    });
    expect(form.status).toBe(403);
    const [error] = ((await form.json()) as { errors: { message: string; extensions: { code: string } }[] }).errors;
    expect(error!.extensions.code).toBe('CSRF_HEADER_REQUIRED');
    // The words name what is refused: they said any POST not of application/json, yet one of
    // application/graphql (which a browser preflights) was served.
    expect(error!.message).toMatch(/text\/plain, application\/x-www-form-urlencoded or multipart\/form-data/);
    expect((await post(app, { query: '{ tracks { slug } }' })).status).toBe(200);
    const graphql = await app.fetch('http://localhost/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/graphql', accept: 'application/json' },
      body: '{ tracks { slug } }',
    });
    expect(graphql.status).not.toBe(403);
  });

  it('still serves GraphiQL to a browser', async () => {
    const page = await createApp({ prisma }).fetch('http://localhost/graphql', { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    expect(await page.text()).toMatch(/graphiql/i);
  });
});

describe('GraphiQL and introspection turned off', () => {
  const app = () => createApp({ prisma, config: { graphiql: false, introspection: false } });

  it('answers a browser with 406 instead of GraphiQL', async () => {
    const page = await app().fetch('http://localhost/graphql', { headers: { accept: 'text/html' } });
    expect(page.status).toBe(406);
    expect(await page.text()).toMatch(/GraphiQL is turned off/);
  });

  it('refuses introspection as a validation error, and still runs ordinary queries', async () => {
    const instance = app();
    const introspection = await post(instance, { query: '{ __schema { queryType { name } } }' });
    expect(introspection.status).toBe(400);
    expect(introspection.body.errors![0]!.message).toMatch(/introspection has been disabled/);
    expect(new Set(codes(introspection))).toEqual(new Set(['GRAPHQL_VALIDATION_FAILED']));
    const ordinary = await post(instance, { query: '{ tracks { slug __typename } }' });
    expect(ordinary.body.data.tracks).toHaveLength(3);
  });

  it('keeps "did you mean" hints only while introspection is on', async () => {
    const hidden = await post(app(), { query: '{ trakcs { slug } }' });
    expect(hidden.body.errors![0]!.message).not.toMatch(/Did you mean/);
    const open = await post(createApp({ prisma }), { query: '{ trakcs { slug } }' });
    expect(open.body.errors![0]!.message).toMatch(/Did you mean "tracks"/);
  });
});
