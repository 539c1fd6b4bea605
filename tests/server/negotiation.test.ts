/**
 * Requests whose form, not whose query, is wrong: what they may accept back, a preflight to a
 * server that allows no other origin, a body that is not JSON, a content-type that is not a file.
 * Each is answered with a status, a stable code and words naming what was wrong, and changes
 * nothing.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from '../../src/db/api-keys.js';
import type { PrismaClient } from '../../src/db/client.js';
import { createApp, type App } from '../../src/server/app.js';
import { testDatabase } from '../support/database.js';

let prisma: PrismaClient;
let app: App;
let key: string;
beforeAll(async () => {
  ({ prisma } = await testDatabase('seeded'));
  app = createApp({ prisma, config: { rateLimitPoints: 0 } });
  key = await createApiKey(prisma, 'negotiation editor', 'editor');
});

type Errors = { errors: { message: string; extensions: Record<string, unknown> }[] };

const send = (body: string, headers: Record<string, string>) =>
  app.fetch('http://localhost/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
  });

const roleTitle = async () =>
  (
    await prisma.role.findUniqueOrThrow({
      where: { slug: 'medical-assistant' },
      select: { title: true, version: true },
    })
  ).title;

describe('what a client accepts back', () => {
  it('refuses a request that accepts none of the answer formats before it runs, with a code and the formats', async () => {
    const before = await roleTitle();
    const { version } = await prisma.role.findUniqueOrThrow({ where: { slug: 'medical-assistant' } });
    const mutation = JSON.stringify({
      query: `mutation { updateRole(input: { slug: "medical-assistant", expectedVersion: ${version}, title: "Renamed by an XML client" }) { userErrors { message } } }`,
    });
    const reply = await send(mutation, { accept: 'application/xml', authorization: `Bearer ${key}` });
    expect(reply.status).toBe(406);
    expect(reply.headers.get('content-type')).toMatch(/^application\/json/);
    const { errors } = (await reply.json()) as Errors;
    expect(errors).toHaveLength(1);
    expect(errors[0]!.extensions.code).toBe('NOT_ACCEPTABLE');
    expect(errors[0]!.message).toMatch(/"application\/xml"/);
    expect(errors[0]!.message).toMatch(/application\/json/);
    // It changed nothing: yoga ran the operation and only then found no format to answer in.
    expect(await roleTitle()).toBe(before);
    // Nor with a charset yoga does not answer in, nor at /graphql/, which yoga serves too.
    for (const [path, accept] of [
      ['/graphql', 'application/json; charset=iso-8859-1'],
      ['/graphql', 'application/json;charset="utf-8"'],
      ['/graphql/', 'application/xml'],
    ] as const) {
      const again = await app.fetch(`http://localhost${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept, authorization: `Bearer ${key}` },
        body: mutation,
      });
      expect(again.status, `${path} ${accept}`).toBe(406);
      expect(((await again.json()) as Errors).errors[0]!.extensions.code).toBe('NOT_ACCEPTABLE');
      expect(await roleTitle(), `${path} ${accept}`).toBe(before);
    }
    // A GET is refused the same way.
    const get = await app.fetch(`http://localhost/graphql?query=${encodeURIComponent('{ __typename }')}`, {
      headers: { accept: 'text/csv', 'x-graphql-csrf': '1' },
    });
    expect(get.status).toBe(406);
    expect(((await get.json()) as Errors).errors[0]!.extensions.code).toBe('NOT_ACCEPTABLE');
    // With GraphiQL off, a browser's page request that carries a query is no page: it is refused too.
    const noGraphiql = createApp({ prisma, config: { rateLimitPoints: 0, graphiql: false } });
    const page = await noGraphiql.fetch(`http://localhost/graphql?query=${encodeURIComponent('{ __typename }')}`, {
      headers: { accept: 'text/html', 'x-graphql-csrf': '1' },
    });
    expect(page.status).toBe(406);
    expect(((await page.json()) as Errors).errors[0]!.extensions.code).toBe('NOT_ACCEPTABLE');
  });

  it('answers whatever a client accepts among them, wildcards and weights included', async () => {
    for (const accept of [
      '*/*',
      'application/*',
      'application/json',
      'application/graphql-response+json',
      'application/xml, application/json;q=0.5',
      'text/html, */*;q=0.1',
      'Application/JSON',
    ]) {
      const reply = await send(JSON.stringify({ query: '{ __typename }' }), { accept });
      expect(reply.status, accept).toBe(200);
      expect(await reply.json(), accept).toMatchObject({ data: { __typename: 'Query' } });
    }
    // No accept header at all is anything.
    const bare = await send(JSON.stringify({ query: '{ __typename }' }), {});
    expect(bare.status).toBe(200);
    // q=0 says "not this": with nothing else accepted, nothing is; beside another, the other is used.
    const zero = await send(JSON.stringify({ query: '{ __typename }' }), { accept: 'application/json;q=0' });
    expect(zero.status).toBe(406);
    const other = await send(JSON.stringify({ query: '{ __typename }' }), {
      accept: 'application/json;q=0, application/graphql-response+json',
    });
    expect(other.status).toBe(200);
    expect(other.headers.get('content-type')).toMatch(/^application\/graphql-response\+json/);
    // An empty header is anything, as no header is.
    expect((await send(JSON.stringify({ query: '{ __typename }' }), { accept: '' })).status).toBe(200);
    // A content-type in other capitals is read at /graphql/ too.
    const slash = await app.fetch('http://localhost/graphql/', {
      method: 'POST',
      headers: { 'content-type': 'Application/JSON', accept: 'application/json' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(slash.status).toBe(200);
  });
});

describe('a preflight to a server that allows no other origin', () => {
  it('is answered without CORS headers, not refused as a request missing a CSRF header', async () => {
    const reply = await app.fetch('http://localhost/graphql', {
      method: 'OPTIONS',
      headers: {
        origin: 'https://advisor.example',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type',
      },
    });
    expect(reply.status).toBe(204);
    expect(reply.headers.get('access-control-allow-origin')).toBeNull();
    expect(reply.headers.get('allow')).toBe('GET, POST, OPTIONS');
    expect(await reply.text()).toBe('');
    const slash = await app.fetch('http://localhost/graphql/', {
      method: 'OPTIONS',
      headers: { origin: 'https://advisor.example', 'access-control-request-method': 'POST' },
    });
    expect(slash.status).toBe(204);
  });
});

describe('a body that cannot be read', () => {
  it('is a 400 BAD_REQUEST saying the body is not JSON, without the parser’s internals', async () => {
    for (const body of ['{"query":', 'not json', '']) {
      const reply = await send(body, { accept: 'application/graphql-response+json' });
      expect(reply.status, body).toBe(400);
      const { errors } = (await reply.json()) as Errors;
      expect(errors[0]!.extensions.code, body).toBe('BAD_REQUEST');
      expect(errors[0]!.message, body).toMatch(/body is not valid JSON/);
      expect(errors[0]!.message, body).toMatch(/\{"query": "\{ __typename \}"\}/);
      expect(errors[0]!.extensions, body).not.toHaveProperty('originalError');
      // The parser's words, not the body quoted back.
      expect(errors[0]!.message, body).not.toContain(`"${body}"`);
    }
  });

  it('in a format no parser takes is told what to send; only a multipart body is told the API takes no files', async () => {
    const plain = await app.fetch('http://localhost/graphql', {
      method: 'POST',
      headers: { 'content-type': 'text/plain', 'x-graphql-csrf': '1', accept: 'application/json' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(plain.status).toBe(415);
    const [error] = ((await plain.json()) as Errors).errors;
    expect(error!.extensions.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    expect(error!.message).toMatch(/not "text\/plain"/);
    expect(error!.message).not.toMatch(/files/);
    const form = new FormData();
    form.append('operations', JSON.stringify({ query: '{ __typename }' }));
    const multipart = await app.fetch('http://localhost/graphql', {
      method: 'POST',
      headers: { 'x-graphql-csrf': '1', accept: 'application/json' },
      body: form,
    });
    expect(multipart.status).toBe(415);
    expect(((await multipart.json()) as Errors).errors[0]!.message).toMatch(/takes no files/);
  });
});
