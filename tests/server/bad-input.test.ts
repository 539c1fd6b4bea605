/**
 * Bad input is refused as BAD_USER_INPUT, naming what was wrong, and never reaches PostgreSQL as
 * an unexpected error (issue #23): NUL characters, cursors and global IDs that decode to no row
 * number, numbers out of a column's range, and variables that do not fit their types.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from '../../src/db/api-keys.js';
import type { PrismaClient } from '../../src/db/client.js';
import { testDatabase } from '../support/database.js';
import { datasetFingerprint } from '../support/fingerprint.js';
import { type Client, codes, graphqlClient, post } from '../support/graphql.js';

let prisma: PrismaClient;
let admin: Client;
let headers: Record<string, string>;
let before: string;
beforeAll(async () => {
  ({ prisma } = await testDatabase('seeded'));
  headers = { authorization: `Bearer ${await createApiKey(prisma, 'ops', 'admin')}` };
  admin = graphqlClient(prisma, undefined, headers);
  before = await datasetFingerprint(prisma);
});

const b64 = (text: string) => Buffer.from(text).toString('base64');
const NUL = 'medical\u0000assistant';

/** Sends an operation as an admin; expects exactly one error, BAD_USER_INPUT, and no 500. */
async function refused(query: string, variables?: Record<string, unknown>) {
  const reply = await post(admin.app, { query, variables }, headers);
  expect(reply.status).not.toBe(500);
  const errors = reply.body.errors ?? [];
  expect(errors.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);
  return errors[0]!;
}

describe('a NUL character in any string argument', () => {
  it.each([
    ['a slug', 'query ($s: String!) { role(slug: $s) { id } }', { s: NUL }, 'slug'],
    ['a search', 'query ($s: String) { roles(search: $s) { totalCount nodes { slug } } }', { s: NUL }, 'search'],
    ['a literal', '{ occupations(search: "nurse\\u0000") { totalCount } }', {}, 'search'],
    [
      'a pathway argument',
      'query ($s: [String!]) { pathways(from: "medical-assistant", to: "medical-office-manager", constraints: { avoidRoles: $s }) { totalMonths } }',
      { s: ['lead-medical-assistant', NUL] },
      'constraints',
    ],
    [
      'a mutation input',
      'mutation ($t: String!) { updateRole(input: { slug: "medical-assistant", expectedVersion: 1, title: $t }) { userErrors { message } } }',
      { t: NUL },
      'input',
    ],
    [
      'an import',
      'mutation ($d: JSON!) { importDataset(dataset: $d) { userErrors { message } } }',
      { d: { format: 'career-lattice-dataset', version: 2, tracks: [{ slug: 'x', name: NUL, description: 'd' }] } },
      'dataset',
    ],
  ])('in %s is BAD_USER_INPUT naming the argument', async (_what, query, variables, argument) => {
    const error = await refused(query, variables);
    expect(error.extensions?.argument).toBe(argument);
    expect(error.message).toMatch(/NUL/);
  });
});

describe('cursors', () => {
  it.each([
    'GPC:N:abc',
    'GPC:N:1e400',
    'GPC:N:1.5',
    'GPC:N:99999999999',
    'GPC:S:medical',
    'GPC:N:',
    'GPC:N:01',
    'nonsense',
  ])('"%s" is not a cursor of a connection', async (cursor) => {
    for (const field of ['roles', 'certifications', 'sources', 'trainingPrograms', 'occupations']) {
      const error = await refused(`query ($a: String) { ${field}(first: 2, after: $a) { edges { cursor } } }`, {
        a: b64(cursor),
      });
      expect(error.message).toMatch(/not a cursor of this list/);
    }
    await refused('query ($b: String) { roles(last: 2, before: $b) { edges { cursor } } }', { b: b64(cursor) });
  });

  it('a cursor the connection returned still pages', async () => {
    const first = await admin.query('{ roles(first: 2) { pageInfo { endCursor } nodes { slug } } }');
    const next = await admin.query('query ($a: String) { roles(first: 2, after: $a) { nodes { slug } } }', {
      a: first.data.roles.pageInfo.endCursor,
    });
    expect(next.errors).toBeUndefined();
    expect(next.data.roles.nodes).toHaveLength(2);
    expect(next.data.roles.nodes[0].slug).not.toBe(first.data.roles.nodes[0].slug);
  });
});

describe('global IDs', () => {
  it.each(['Role:abc', 'Role:99999999999', 'Role:1.5', 'Role:1e3', 'Role: 1', 'Role:01', 'Role:-1', 'Role:0x1'])(
    '"%s" is refused, not read as a Role',
    async (id) => {
      const error = await refused('query ($id: ID!) { node(id: $id) { id } }', { id: b64(id) });
      expect(error.message).toMatch(/is not a Role number/);
      await refused('query ($ids: [ID!]!) { nodes(ids: $ids) { id } }', { ids: [b64('Role:1'), b64(id)] });
    },
  );

  it('nulls only the field that asked for it, with its error (decision 028)', async () => {
    // It was refused while the request was priced: 400 and no data, the request's other fields lost.
    for (const [field, query] of [
      ['node', `{ node(id: "${b64('Role:abc')}") { id } role(slug: "medical-assistant") { slug } }`],
      ['nodes', `{ nodes(ids: ["zzz"]) { id } role(slug: "medical-assistant") { slug } }`],
    ] as const) {
      const reply = await post(admin.app, { query }, headers);
      expect(reply.status).toBe(200);
      expect(reply.body.data).toEqual({ [field]: null, role: { slug: 'medical-assistant' } });
      expect(codes(reply)).toEqual(['BAD_USER_INPUT']);
      expect(reply.body.errors![0]!.path).toEqual([field]);
      expect(reply.body.errors![0]!.extensions).not.toHaveProperty('http');
    }
  });

  it('an ID of a type without IDs has a code and says so', async () => {
    for (const type of ['Foo', 'AuditEvent', 'Query']) {
      const error = await refused('query ($id: ID!) { node(id: $id) { id } }', { id: b64(`${type}:1`) });
      expect(error.message).toContain(`no type "${type}" has global IDs`);
    }
  });

  it('a global ID in a mutation input is checked the same way', async () => {
    await refused(
      'mutation ($id: ID!) { deleteLaborFigure(input: { id: $id, expectedVersion: 1 }) { userErrors { message } } }',
      { id: b64('LaborFigure:1.5') },
    );
  });

  it('Role:1 is still Role 1', async () => {
    const { data, errors } = await admin.query('query ($id: ID!) { node(id: $id) { ... on Role { slug } } }', {
      id: b64('Role:1'),
    });
    expect(errors).toBeUndefined();
    expect(data.node).not.toBeNull();
  });
});

describe('numbers out of a column’s range in an import', () => {
  it('typicalCost.usd of 99999999999 is a user error naming the field', async () => {
    const { data } = await admin.query(
      'mutation ($d: JSON!) { importDataset(dataset: $d) { userErrors { field message code } } }',
      { d: await programWithCost(99_999_999_999) },
    );
    expect(data.importDataset.userErrors).toEqual([
      expect.objectContaining({ code: 'INVALID', field: expect.arrayContaining(['typicalCost.usd']) }),
    ]);
    expect(data.importDataset.userErrors[0].message).toMatch(/typicalCost\.usd/);
  });
});

async function programWithCost(usd: number) {
  const { data } = await admin.query('{ exportDataset }');
  const program = data.exportDataset['training-programs'].find((p: any) => p.typicalCost);
  return {
    format: 'career-lattice-dataset',
    version: 2,
    'training-programs': [{ ...program, typicalCost: { ...program.typicalCost, usd } }],
  };
}

describe('variables that do not fit their types', () => {
  it('are BAD_USER_INPUT, with long values clipped', async () => {
    const error = await refused('query ($f: Int) { roles(first: $f) { totalCount } }', { f: 'x'.repeat(60_000) });
    expect(error.message).toMatch(/^Variable "\$f" got invalid value/);
    expect(error.message.length).toBeLessThan(600);
  });

  it.each([
    ['a required variable left out', 'query ($s: String!) { role(slug: $s) { id } }', {}],
    ['null for a required variable', 'query ($s: String!) { role(slug: $s) { id } }', { s: null }],
    ['an unknown enum value', 'query ($l: RoleLevel) { roles(level: $l) { totalCount } }', { l: 'GOD' }],
    ['a list for a string', 'query ($s: String!) { role(slug: $s) { id } }', { s: ['a'] }],
    ['a float for an Int', 'query ($f: Int) { roles(first: $f) { totalCount } }', { f: 1.5 }],
    ['a huge Int', 'query ($f: Int) { roles(first: $f) { totalCount } }', { f: 1e20 }],
  ])('%s is BAD_USER_INPUT', async (_what, query, variables) => {
    await refused(query, variables);
  });
});

it('none of the above changed the data', async () => {
  expect(await datasetFingerprint(prisma)).toBe(before);
});
