/**
 * Huge input gets a short answer and short log lines (issue #23): a client's error is logged once,
 * at info, with its code and the start of its message, never its whole input; messages name at
 * most a few unknown slugs, once each, and cut long values short.
 */
import { pino } from 'pino';
import { beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from '../../src/db/api-keys.js';
import type { PrismaClient } from '../../src/db/client.js';
import { createApp } from '../../src/server/app.js';
import { testDatabase } from '../support/database.js';
import { post } from '../support/graphql.js';

let prisma: PrismaClient;
let headers: Record<string, string>;
beforeAll(async () => {
  ({ prisma } = await testDatabase('seeded'));
  headers = { authorization: `Bearer ${await createApiKey(prisma, 'ops', 'admin')}` };
});

const BIG = 60_000;
const big = (char = 'x') => char.repeat(BIG);
const b64 = (text: string) => Buffer.from(text).toString('base64');
/** Longest log line and answer a huge input may cause, in bytes. */
const LINE_LIMIT = 2_000;
const ANSWER_LIMIT = 4_000;

/** Sends a request to an app logging at info into an array; returns the reply and the raw lines. */
async function send(payload: { query: string; variables?: Record<string, unknown>; operationName?: string }) {
  const lines: string[] = [];
  const logger = pino({ level: 'info' }, { write: (line: string) => void lines.push(line) });
  const app = createApp({ prisma, logger, config: { maxBodyBytes: 1_000_000, rateLimitPoints: 0 } });
  const reply = await post(app, payload, headers);
  await new Promise((r) => setImmediate(r));
  return { reply, lines, answer: JSON.stringify(reply.body) };
}

const cases: [string, { query: string; variables?: Record<string, unknown>; operationName?: string }, string][] = [
  [
    'a 60 KB cursor',
    { query: 'query ($a: String) { roles(after: $a) { totalCount } }', variables: { a: big() } },
    'BAD_USER_INPUT',
  ],
  [
    'a 60 KB cursor that decodes',
    { query: 'query ($a: String) { roles(after: $a) { totalCount } }', variables: { a: b64(`GPC:N:${big('9')}`) } },
    'BAD_USER_INPUT',
  ],
  [
    'a 60 KB global ID',
    { query: 'query ($id: ID!) { node(id: $id) { id } }', variables: { id: b64(`Role:${big('1')}`) } },
    'BAD_USER_INPUT',
  ],
  [
    'a 60 KB slug',
    { query: 'query ($t: String) { roles(track: $t) { totalCount } }', variables: { t: big('a') } },
    'NOT_FOUND',
  ],
  [
    'a 60 KB slug among the compared roles',
    {
      query: 'query ($s: [String!]!) { compareRoles(slugs: $s) { sharedSkills } }',
      variables: { s: ['medical-assistant', big('a')] },
    },
    'NOT_FOUND',
  ],
  [
    '2,500 unknown roles to avoid (100 KB, most of them the same)',
    {
      query:
        'query ($a: [String!]) { pathways(from: "medical-assistant", to: "medical-office-manager", constraints: { avoidRoles: $a }) { totalMonths } }',
      variables: { a: Array.from({ length: 2_500 }, (_, i) => `no-such-role-${i % 7}-${'z'.repeat(20)}`) },
    },
    'NOT_FOUND',
  ],
  [
    'a 60 KB string for an Int',
    { query: 'query ($f: Int) { roles(first: $f) { totalCount } }', variables: { f: big() } },
    'BAD_USER_INPUT',
  ],
  [
    'a 60 KB cursor with an unsupported mix of paging arguments',
    { query: 'query ($a: String) { roles(after: $a, before: $a) { totalCount } }', variables: { a: b64('GPC:N:1') } },
    'BAD_USER_INPUT',
  ],
  [
    'a 60 KB slug in an import',
    {
      query: 'mutation ($d: JSON!) { importDataset(dataset: $d, dryRun: true) { userErrors { message } } }',
      variables: {
        d: {
          format: 'career-lattice-dataset',
          version: 2,
          tracks: [
            { slug: big('a'), name: 'n', description: 'd' },
            { slug: 'ok', name: 'n', description: 'd', bridging: false },
          ],
          roles: [],
        },
      },
    },
    'NONE',
  ],
];

describe('huge input', () => {
  it.each(cases)('%s: a short answer, short log lines, no error-level line', async (_what, payload, code) => {
    const { reply, lines, answer } = await send({ ...payload, operationName: undefined });
    expect(reply.status).not.toBe(500);
    expect((reply.body.errors ?? []).map((e) => e.extensions?.code ?? 'NONE')).toEqual(code === 'NONE' ? [] : [code]);
    expect(answer.length).toBeLessThan(ANSWER_LIMIT);
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) {
      expect(line.length).toBeLessThan(LINE_LIMIT);
      expect(JSON.parse(line).level).toBeLessThan(40);
    }
  });

  it('a NOT_FOUND message names each unknown slug once, at most five, and counts the rest', async () => {
    const unknown = Array.from({ length: 300 }, (_, i) => `no-such-role-${i % 12}`);
    const { reply } = await send({
      query:
        'query ($a: [String!]) { pathways(from: "medical-assistant", to: "medical-office-manager", constraints: { avoidRoles: $a }) { totalMonths } }',
      variables: { a: unknown },
    });
    const message = reply.body.errors![0]!.message;
    expect(message.match(/no-such-role-\d+/g)).toHaveLength(5);
    expect(message).toContain('and 7 more');
  });

  it('an import with thousands of bad records lists fifty problems and counts the rest', async () => {
    const tracks = Array.from({ length: 1_500 }, (_, i) => ({ slug: `Bad Slug ${i}`, name: 'n', description: 'd' }));
    const { reply, answer } = await send({
      query: 'mutation ($d: JSON!) { importDataset(dataset: $d, dryRun: true) { userErrors { message } } }',
      variables: { d: { format: 'career-lattice-dataset', version: 2, tracks } },
    });
    const userErrors = reply.body.data.importDataset.userErrors;
    expect(userErrors).toHaveLength(51);
    expect(userErrors.at(-1).message).toBe('and 1450 more problems like these');
    expect(answer.length).toBeLessThan(20_000);
  });

  it('a 60 KB operation name is cut short in the request line', async () => {
    const name = `Op${big('o')}`;
    const { lines } = await send({ query: `query ${name} { tracks { slug } }`, operationName: name });
    const request = lines.map((l) => JSON.parse(l)).find((l) => l.msg === 'request');
    expect(request.operationName.length).toBeLessThan(200);
    for (const line of lines) expect(line.length).toBeLessThan(LINE_LIMIT);
  });

  it('an unexpected error is still logged at error level, with its stack cut short', async () => {
    const { yogaLogger } = await import('../../src/server/use-logging.js');
    const lines: string[] = [];
    const log = yogaLogger(pino({ level: 'info' }, { write: (line: string) => void lines.push(line) }));
    log.error(new Error(`boom ${big()}`));
    expect(lines).toHaveLength(1);
    const line = JSON.parse(lines[0]!);
    expect(line.level).toBe(50);
    expect(line.err.stack).toMatch(/^Error: boom x+/);
    expect(lines[0]!.length).toBeLessThan(6_000);
  });
});
