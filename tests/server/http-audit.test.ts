/**
 * The server speaks GraphQL over HTTP as the spec's audit suite (graphql-http) expects. CSRF
 * prevention refuses GET requests without a header a browser would preflight, so the audit
 * client sends `x-graphql-csrf`, as any GET client of this server must (csrf-cors.test.ts).
 */
import { request } from 'node:http';
import { serverAudits } from 'graphql-http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/server/app.js';
import { type Listening, listen } from '../../src/server/http.js';
import { testDatabase } from '../support/database.js';

let server: Listening;
beforeAll(async () => {
  const { prisma } = await testDatabase('seeded');
  server = await listen(createApp({ prisma }), 0, '127.0.0.1');
});
afterAll(() => server?.close());

describe('GraphQL over HTTP audits', () => {
  const fetchFn: typeof fetch = (input, init = {}) =>
    fetch(input, { ...init, headers: { 'x-graphql-csrf': '1', ...(init.headers as Record<string, string>) } });
  for (const audit of serverAudits({ url: () => server.url, fetchFn })) {
    it(audit.name, async () => {
      const result = await audit.fn();
      // MUST and SHOULD audits pass; MAY audits are optional behaviour.
      if (result.status === 'error') throw new Error(result.reason);
      if (audit.name.startsWith('MUST') || audit.name.startsWith('SHOULD')) {
        expect({
          audit: audit.name,
          status: result.status,
          reason: 'reason' in result ? result.reason : '',
        }).toMatchObject({
          status: 'ok',
        });
      }
    });
  }

  it('serves GET and POST with application/graphql-response+json', async () => {
    const get = await fetch(`${server.url}?query=${encodeURIComponent('{ tracks { slug } }')}`, {
      headers: { accept: 'application/graphql-response+json', 'x-graphql-csrf': '1' },
    });
    expect(get.status).toBe(200);
    expect(get.headers.get('content-type')).toMatch(/application\/graphql-response\+json/);
    const post = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
      body: JSON.stringify({ query: '{ nope }' }),
    });
    expect(post.status).toBe(400);
  });

  it('refuses malformed JSON in URL or form parameters with 400 BAD_REQUEST naming the parameter, not a 500', async () => {
    const query = encodeURIComponent('{ tracks { slug } }');
    for (const name of ['variables', 'extensions']) {
      const response = await fetch(`${server.url}?query=${query}&${name}=${encodeURIComponent('{bad')}`, {
        headers: { accept: 'application/graphql-response+json', 'x-graphql-csrf': '1' },
      });
      expect(response.status).toBe(400);
      const body = (await response.json()) as { errors: { message: string; extensions: { code: string } }[] };
      expect(body.errors.map((e) => e.extensions.code)).toEqual(['BAD_REQUEST']);
      expect(body.errors[0]!.message).toContain(`"${name}" parameter is not valid JSON`);
    }
    const form = await fetch(server.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        accept: 'application/graphql-response+json',
        'x-graphql-csrf': '1',
      },
      body: `query=${query}&variables=${encodeURIComponent('{bad')}`,
    });
    expect(form.status).toBe(400);
    const body = (await form.json()) as { errors: { message: string; extensions: { code: string } }[] };
    expect(body.errors.map((e) => e.extensions.code)).toEqual(['BAD_REQUEST']);
    expect(body.errors[0]!.message).toMatch(/"variables" or "extensions" parameter is not valid JSON/);
    // application/graphql (the query as the body) is still read.
    const plain = await fetch(server.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/graphql',
        accept: 'application/graphql-response+json',
        'x-graphql-csrf': '1',
      },
      body: '{ tracks { slug } }',
    });
    expect(plain.status).toBe(200);
    // Read as yoga reads a GET: a "#" sent raw in the query string does not hide what follows it.
    // (fetch would drop the "#" and what follows: sent raw, as a client could.)
    const target = new URL(server.url);
    const hashed = await new Promise<number | undefined>((resolve, reject) =>
      request(
        {
          host: target.hostname,
          port: target.port,
          path: `${target.pathname}?query=${query}&x=#&variables=${encodeURIComponent('{bad')}`,
          headers: { accept: 'application/graphql-response+json', 'x-graphql-csrf': '1' },
        },
        (response) => {
          response.resume();
          resolve(response.statusCode);
        },
      )
        .on('error', reject)
        .end(),
    );
    expect(hashed).toBe(400);
    // No field takes a file: a multipart request, however malformed, is refused with a 4xx and a code.
    for (const [operations, map] of [
      ['{bad', '{}'],
      [JSON.stringify({ query: '{ tracks { slug } }' }), '{"0":5}'],
      ['null', '{}'],
    ]) {
      const multipart = new FormData();
      multipart.append('operations', operations!);
      multipart.append('map', map!);
      const response = await fetch(server.url, {
        method: 'POST',
        headers: { accept: 'application/graphql-response+json', 'x-graphql-csrf': '1' },
        body: multipart,
      });
      expect(response.status).toBe(415);
      const answer = (await response.json()) as { errors: { message: string; extensions: { code?: string } }[] };
      expect(answer.errors[0]!.extensions.code).toBe('UNSUPPORTED_MEDIA_TYPE');
      expect(answer.errors[0]!.message).toMatch(/content-type application\/json.*not "multipart\/form-data; boundary=/);
    }
    // Media types are case-insensitive (RFC 9110): a JSON body sent as Application/JSON is read as JSON,
    // and a form in other capitals as a form.
    for (const [type, body] of [
      ['Application/JSON; Charset=UTF-8', JSON.stringify({ query: '{ role(slug: "medical-assistant") { slug } }' })],
      [
        'APPLICATION/X-WWW-FORM-URLENCODED',
        `query=${encodeURIComponent('{ role(slug: "medical-assistant") { slug } }')}`,
      ],
    ] as const) {
      const response = await fetch(server.url, {
        method: 'POST',
        headers: { 'content-type': type, accept: 'application/graphql-response+json', 'x-graphql-csrf': '1' },
        body,
      });
      expect(response.status, type).toBe(200);
      expect(await response.json()).toMatchObject({ data: { role: { slug: 'medical-assistant' } } });
    }
    // Good JSON in the parameters still works.
    const good = await fetch(
      `${server.url}?query=${encodeURIComponent('query ($s: String!) { role(slug: $s) { slug } }')}&variables=${encodeURIComponent('{"s":"medical-assistant"}')}`,
      { headers: { accept: 'application/graphql-response+json', 'x-graphql-csrf': '1' } },
    );
    expect(good.status).toBe(200);
    expect(await good.json()).toMatchObject({ data: { role: { slug: 'medical-assistant' } } });
  });
});

describe('requests GraphQL cannot run', () => {
  const post = async (body: string) => {
    const response = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
      body,
    });
    return {
      status: response.status,
      body: (await response.json()) as { errors: { message: string; extensions?: Record<string, unknown> }[] },
    };
  };

  it('answer a subscription with a code, as every error a client causes has one', async () => {
    // "Schema is not configured to execute subscription operation." came with no code at all.
    const reply = await post(JSON.stringify({ query: 'subscription S { tracks { slug } }' }));
    expect(reply.body.errors.map((e) => e.extensions?.code)).toEqual(['OPERATION_NOT_SUPPORTED']);
    expect(reply.body.errors[0]!.message).toMatch(/subscription/);
    expect(reply.status).toBe(400);
  });
});
