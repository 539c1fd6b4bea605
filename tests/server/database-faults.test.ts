/**
 * Database faults, one app against the real PostgreSQL: the database refusing connections, its
 * backends terminated, and the server out of reach (a TCP proxy in front of it, stopped). Every
 * answer is either HTTP 503 with DATABASE_UNAVAILABLE and Retry-After, or — for the pathway
 * searches, which need only the in-memory index — the correct answer; never a 500. /ready says
 * "database unavailable" without the driver's message; everything recovers by itself.
 */
import net from 'node:net';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createApiKey } from '../../src/db/api-keys.js';
import { createPrisma, type PrismaClient } from '../../src/db/client.js';
import type { App } from '../../src/server/app.js';
import { createApp } from '../../src/server/app.js';
import { testDatabase } from '../support/database.js';
import { post, type Reply } from '../support/graphql.js';

const ROLE = '{ role(slug: "medical-assistant") { title } }';
const FROM_MEMORY = {
  pathways: '{ pathways(from: "medical-assistant", to: "medical-office-manager", first: 2) { totalMonths stepCount } }',
  reachableRoles: '{ reachableRoles(from: "medical-assistant", withinMonths: 36) { earliestMonth stepCount } }',
  trackBridges: `{ trackBridges(fromTrack: "clinical", toTrack: "administrative") {
    pathways(from: "clinical-medical-assistant", first: 2) { totalMonths stepCount } } }`,
};
const MUTATION = `mutation { updateRole(input: { slug: "medical-assistant", expectedVersion: 1, title: "X" }) {
  userErrors { code } } }`;

/** A TCP proxy in front of PostgreSQL that can be stopped (connections cut, port closed) and started again. */
class Proxy {
  #server: net.Server | undefined;
  running = false;
  readonly #sockets = new Set<net.Socket>();
  port = 0;
  constructor(
    private readonly host: string,
    private readonly targetPort: number,
  ) {}
  async start(): Promise<void> {
    this.#server = net.createServer((client) => {
      const upstream = net.connect(this.targetPort, this.host);
      for (const s of [client, upstream]) {
        this.#sockets.add(s);
        s.on('close', () => this.#sockets.delete(s));
        s.on('error', () => {});
      }
      client.pipe(upstream).pipe(client);
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
    });
    await new Promise<void>((resolve, reject) => {
      this.#server!.once('error', reject);
      this.#server!.listen(this.port, '127.0.0.1', resolve);
    });
    this.port = (this.#server.address() as net.AddressInfo).port;
    this.running = true;
  }
  async stop(): Promise<void> {
    const closed = new Promise((resolve) => this.#server?.close(resolve));
    for (const s of this.#sockets) s.destroy();
    await closed;
    this.running = false;
  }
}

let name: string;
let adminUrl: string;
let proxy: Proxy;
let prisma: PrismaClient;
let app: App;
let key: string;
const expected: Record<string, unknown> = {};

async function admin(sql: string, values: unknown[] = []) {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await client.query(sql, values);
  } finally {
    await client.end();
  }
}

const terminateBackends = () =>
  admin('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [
    name,
  ]);

beforeAll(async () => {
  const db = await testDatabase('seeded');
  name = db.name;
  const url = new URL(db.url);
  adminUrl = inject('adminUrl');
  proxy = new Proxy(url.hostname, Number(url.port || 5432));
  await proxy.start();
  url.host = `127.0.0.1:${proxy.port}`;
  prisma = createPrisma(url.toString());
  app = createApp({ prisma, config: { rateLimitPoints: 0, readyTimeoutMs: 2000 } });
  key = await createApiKey(db.prisma, 'faults-editor', 'editor');
  for (const [field, query] of Object.entries(FROM_MEMORY)) {
    const reply = await post(app, { query });
    expect(reply.status).toBe(200);
    expect(reply.body.errors).toBeUndefined();
    expected[field] = reply.body.data;
  }
  expect(JSON.stringify(expected.pathways)).toMatch(/totalMonths/);
});

afterAll(async () => {
  await admin(`ALTER DATABASE ${name} ALLOW_CONNECTIONS true`).catch(() => {});
  if (proxy && !proxy.running) await proxy.start();
  await prisma?.$disconnect();
});

/** A 503 with DATABASE_UNAVAILABLE and Retry-After, or a 200 without errors. */
function expectUnavailableOrAnswered(reply: Reply, what: string) {
  if (reply.status === 200 && !reply.body.errors) return;
  expect({ what, status: reply.status, codes: reply.body.errors?.map((e) => e.extensions?.code) }).toEqual({
    what,
    status: 503,
    codes: (reply.body.errors ?? []).map(() => 'DATABASE_UNAVAILABLE'),
  });
  expect(reply.body.errors?.length).toBeGreaterThan(0);
  expect(reply.headers.get('retry-after')).toMatch(/^\d+$/);
}

/** While the database is away: what needs it is 503; what the index answers is answered from memory. */
async function expectOutageAnswers() {
  const role = await post(app, { query: ROLE });
  expect(role.status).toBe(503);
  expectUnavailableOrAnswered(role, 'role');
  // A key this replica has not verified yet: the check needs the database.
  const keyed = await post(app, { query: ROLE }, { authorization: `Bearer ${key}` });
  expect(keyed.status).toBe(503);
  expectUnavailableOrAnswered(keyed, 'keyed');
  const mutation = await post(app, { query: MUTATION }, { authorization: `Bearer ${key}` });
  expect(mutation.status).toBe(503);
  expectUnavailableOrAnswered(mutation, 'mutation');
  for (const [field, query] of Object.entries(FROM_MEMORY)) {
    const reply = await post(app, { query });
    expect({ field, status: reply.status, errors: reply.body.errors, data: reply.body.data }).toEqual({
      field,
      status: 200,
      errors: undefined,
      data: expected[field],
    });
  }
  const ready = await app.fetch('http://localhost/ready');
  expect(ready.status).toBe(503);
  const body = (await ready.json()) as Record<string, string>;
  expect(body.database).toMatch(/^database unavailable/);
  expect(JSON.stringify(body)).not.toContain(name);
}

/** Polls until plain reads and /ready succeed again. */
async function expectRecovery() {
  const until = Date.now() + 20_000;
  for (;;) {
    const reply = await post(app, { query: ROLE });
    expectUnavailableOrAnswered(reply, 'recovering');
    const ready = await app.fetch('http://localhost/ready');
    if (reply.status === 200 && ready.status === 200) break;
    if (Date.now() > until) throw new Error(`not recovered: ${reply.status}, /ready ${ready.status}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  const keyed = await post(app, { query: MUTATION }, { authorization: `Bearer ${key}` });
  expect(keyed.status).toBe(200);
}

describe('database faults', () => {
  it('the database refusing connections (ALLOW_CONNECTIONS false)', async () => {
    await admin(`ALTER DATABASE ${name} ALLOW_CONNECTIONS false`);
    try {
      // The pool's open connections would still work: end them so that it must connect anew.
      await terminateBackends();
      await expectOutageAnswers();
    } finally {
      await admin(`ALTER DATABASE ${name} ALLOW_CONNECTIONS true`);
    }
    await expectRecovery();
  });

  it('backends terminated while requests are running (pg_terminate_backend)', async () => {
    const replies: Promise<Reply>[] = [];
    for (let round = 0; round < 5; round++) {
      for (let i = 0; i < 10; i++) {
        replies.push(post(app, { query: ROLE }));
        replies.push(post(app, { query: MUTATION }, { authorization: `Bearer ${key}` }));
      }
      await terminateBackends();
      await new Promise((r) => setTimeout(r, 20));
    }
    for (const [i, reply] of (await Promise.all(replies)).entries()) expectUnavailableOrAnswered(reply, `request ${i}`);
    await expectRecovery();
  });

  it('the database out of reach (connections cut, port closed)', async () => {
    await proxy.stop();
    try {
      await expectOutageAnswers();
    } finally {
      await proxy.start();
    }
    await expectRecovery();
  });
});
