/**
 * What operators see: /health (the process is up), /ready (database and pathway index ready,
 * 503 otherwise), /metrics (Prometheus), one JSON log line per request carrying the request id,
 * and a database outage reported as DATABASE_UNAVAILABLE (503) rather than an internal error.
 */
import { pino } from 'pino';
import { beforeAll, describe, expect, it } from 'vitest';
import { createPrisma, type PrismaClient } from '../../src/db/client.js';
import { createApp } from '../../src/server/app.js';
import { GraphStore } from '../../src/server/graph-store.js';
import { freePort } from '../support/global-setup.js';
import { testDatabase } from '../support/database.js';
import { codes, post } from '../support/graphql.js';

let prisma: PrismaClient;
beforeAll(async () => {
  ({ prisma } = await testDatabase('seeded'));
});

/** A pino logger whose lines land in an array. */
function capturedLogs() {
  const lines: Record<string, any>[] = [];
  const logger = pino({ level: 'debug' }, { write: (line: string) => void lines.push(JSON.parse(line)) });
  return { logger, lines };
}

describe('health and readiness', () => {
  it('/health is 200 while the process runs; /ready is 200 with the database and index ready', async () => {
    const graph = new GraphStore(prisma);
    const app = createApp({ prisma, graph });
    expect((await app.fetch('http://localhost/health')).status).toBe(200);
    // Built before asking, so that a slow build on a busy machine cannot outlast the probe's timeout.
    await graph.current();
    const ready = await app.fetch('http://localhost/ready');
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready', database: 'ok', pathwayIndex: 'loaded' });
  });

  it('without a database: /ready is 503 and says why, queries fail with DATABASE_UNAVAILABLE', async () => {
    const unreachable = createPrisma(`postgresql://postgres@127.0.0.1:${await freePort()}/nowhere`);
    const app = createApp({ prisma: unreachable });
    expect((await app.fetch('http://localhost/health')).status).toBe(200);
    const ready = await app.fetch('http://localhost/ready');
    expect(ready.status).toBe(503);
    expect(await ready.json()).toMatchObject({
      status: 'not ready',
      database: 'database unavailable',
      pathwayIndex: expect.stringMatching(/not built yet|failed to build/),
    });
    const reply = await post(app, { query: '{ role(slug: "medical-assistant") { title } }' });
    expect(reply.status).toBe(503);
    expect(reply.headers.get('retry-after')).toBe('5');
    expect(codes(reply)).toEqual(['DATABASE_UNAVAILABLE']);
    expect(reply.body.errors![0]!.message).toBe('The database is unavailable at the moment; please retry shortly.');
    // Checking an API key needs the database too: 503, not 401.
    const keyed = await post(app, { query: '{ tracks { slug } }' }, { authorization: 'Bearer cl_any' });
    expect(keyed.status).toBe(503);
    expect(codes(keyed)).toEqual(['DATABASE_UNAVAILABLE']);
    await unreachable.$disconnect();
  });
});

describe('metrics', () => {
  it('serves request, operation, error, database and index metrics in Prometheus format', async () => {
    const app = createApp({ prisma });
    await post(app, { query: '{ tracks { slug } }' });
    await post(app, { query: '{ roles(track: "space") { totalCount } }' });
    await post(app, { query: '{ tracks { nope } }' });
    await post(app, { query: '{ tracks { slug } }' }, { authorization: 'Bearer cl_unknown' });
    await app.fetch('http://localhost/ready'); // builds the pathway index
    const response = await app.fetch('http://localhost/metrics');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await response.text();
    expect(text).toMatch(/^http_requests_total\{method="POST",route="\/graphql",status="200"\} 2$/m);
    expect(text).toMatch(/^http_requests_total\{method="POST",route="\/graphql",status="401"\} 1$/m);
    expect(text).toMatch(/^http_requests_total\{method="GET",route="\/ready",status="200"\} 1$/m);
    expect(text).toMatch(
      /^graphql_yoga_http_duration_bucket\{le="\+Inf",method="POST",statusCode="200",operationType="query"\} 2$/m,
    );
    expect(text).toMatch(/^graphql_operations_total\{operationType="query"\} 2$/m);
    expect(text).toMatch(/^graphql_errors_total\{code="NOT_FOUND"\} 1$/m);
    expect(text).toMatch(/^graphql_errors_total\{code="GRAPHQL_VALIDATION_FAILED"\} 1$/m);
    expect(text).toMatch(/^graphql_errors_total\{code="UNAUTHENTICATED"\} 1$/m);
    expect(text).toMatch(/^database_up 1$/m);
    expect(text).toMatch(/^graph_loaded 1$/m);
    expect(text).toMatch(/^graph_build_duration_seconds \d/m);
    expect(text).toMatch(/^process_cpu_user_seconds_total /m);
  });
});

describe('request logs', () => {
  it('logs one JSON line per request with the caller’s request id, and echoes it', async () => {
    const { logger, lines } = capturedLogs();
    const app = createApp({ prisma, logger });
    const reply = await post(app, { query: 'query Tracks { tracks { slug } }' }, { 'x-request-id': 'advisor-7f3a' });
    expect(reply.headers.get('x-request-id')).toBe('advisor-7f3a');
    const requestLines = lines.filter((l) => l.msg === 'request');
    expect(requestLines).toHaveLength(1);
    expect(requestLines[0]).toMatchObject({
      level: 30,
      requestId: 'advisor-7f3a',
      method: 'POST',
      path: '/graphql',
      status: 200,
      operationName: 'Tracks',
      operationType: 'query',
      durationMs: expect.any(Number),
      cost: 3, // three tracks
    });
  });

  it('names the error codes of a failed request', async () => {
    const { logger, lines } = capturedLogs();
    const app = createApp({ prisma, logger });
    await post(app, { query: '{ roles(track: "space") { totalCount } }' });
    expect(lines.find((l) => l.msg === 'request')).toMatchObject({ status: 200, errors: ['NOT_FOUND'] });
  });

  it('refuses an operationName that is not a string with 400, and logs the request (it once made a 500)', async () => {
    const { logger, lines } = capturedLogs();
    const app = createApp({ prisma, logger });
    for (const operationName of [5, { name: 'Tracks' }, ['Tracks'], true]) {
      lines.length = 0;
      const reply = await post(app, {
        query: 'query Tracks { tracks { slug } }',
        operationName: operationName as never,
      });
      expect(reply.status).toBe(400);
      expect(codes(reply)).toEqual(['BAD_REQUEST']);
      expect(reply.body.errors![0]!.message).toMatch(/^Expected "operationName" param to be empty or a string/);
      expect(lines.find((l) => l.msg === 'request')).toMatchObject({ status: 400 });
    }
    const named = await post(app, { query: 'query Tracks { tracks { slug } }', operationName: 'Tracks' });
    expect(named.status).toBe(200);
  });

  it('generates a request id when none (or a malformed one) is given', async () => {
    const { logger, lines } = capturedLogs();
    const app = createApp({ prisma, logger });
    const reply = await post(app, { query: '{ tracks { slug } }' }, { 'x-request-id': 'bad id with spaces' });
    const id = reply.headers.get('x-request-id');
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(lines.find((l) => l.msg === 'request')?.requestId).toBe(id);
  });

  it('writes no request line at a level that is off', async () => {
    const { logger, lines } = capturedLogs();
    logger.level = 'warn';
    const app = createApp({ prisma, logger });
    await post(app, { query: '{ tracks { slug } }' });
    expect(lines).toEqual([]);
  });

  it('logs probes at debug level, so that info-level logs carry only API traffic', async () => {
    const { logger, lines } = capturedLogs();
    const app = createApp({ prisma, logger });
    await app.fetch('http://localhost/health');
    expect(lines.find((l) => l.path === '/health')).toMatchObject({ level: 20, status: 200 });
  });
});
