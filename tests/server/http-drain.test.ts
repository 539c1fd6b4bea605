/**
 * Closing the HTTP server lets requests in flight finish, refuses new connections, and, after
 * the drain time, cuts off what is still open, so that a shutdown is both graceful and bounded.
 */
import { request as httpRequest, type Server } from 'node:http';
import { beforeAll, describe, expect, it } from 'vitest';
import type { PrismaClient } from '../../src/db/client.js';
import { createApp } from '../../src/server/app.js';
import { listen } from '../../src/server/http.js';
import { testDatabase } from '../support/database.js';

let prisma: PrismaClient;
beforeAll(async () => {
  ({ prisma } = await testDatabase('seeded'));
});

const BODY = JSON.stringify({ query: '{ role(slug: "medical-assistant") { title } }' });

/** Starts a POST and sends only the first part of its body. */
function halfSent(url: string) {
  let settle!: (value: { status?: number; body?: string; connection?: string; error?: string }) => void;
  const done = new Promise<{ status?: number; body?: string; connection?: string; error?: string }>(
    (r) => (settle = r),
  );
  const request = httpRequest(
    url,
    { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(BODY) } },
    (response) => {
      let body = '';
      response.on('data', (chunk: Buffer) => (body += chunk.toString()));
      response.on('end', () => settle({ status: response.statusCode, body, connection: response.headers.connection }));
    },
  );
  request.on('error', (error) => settle({ error: error.message }));
  request.write(BODY.slice(0, 10));
  return { finish: () => request.end(BODY.slice(10)), done };
}

/** Waits until the server has received the request (its headers, at least). */
const received = (server: Server) => new Promise((resolve) => server.once('request', resolve));

describe('closing the HTTP server', () => {
  it('lets a request in flight finish and refuses new connections meanwhile', async () => {
    const http = await listen(createApp({ prisma }), 0, '127.0.0.1');
    const arrived = received(http.server);
    const slow = halfSent(http.url);
    await arrived;
    const closed = http.close(10_000);
    await expect(fetch(http.url)).rejects.toThrow();
    slow.finish();
    const reply = await slow.done;
    expect(reply.status).toBe(200);
    expect(reply.connection).toBe('close');
    expect(JSON.parse(reply.body!).data.role.title).toBe('Medical Assistant');
    await closed;
  });

  it('cuts off a request still unfinished after the drain time', async () => {
    const http = await listen(createApp({ prisma }), 0, '127.0.0.1');
    const arrived = received(http.server);
    const stuck = halfSent(http.url);
    await arrived;
    await http.close(200);
    expect((await stuck.done).error).toMatch(/socket hang up|ECONNRESET/);
  });
});
