/**
 * The SQL behind plain reads: only the columns a request asks for (Role and Track are in Pothos'
 * select mode), one statement for a role with its track (joined), and Prisma's one-query-per-level
 * loading kept for pages of rows with nested lists (src/db/client.ts explains why).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from '../../src/db/api-keys.js';
import { createPrisma } from '../../src/db/client.js';
import { testDatabase } from '../support/database.js';
import { graphqlClient } from '../support/graphql.js';

const statements: string[] = [];
let query: ReturnType<typeof graphqlClient>['query'];

beforeAll(async () => {
  const { url } = await testDatabase('seeded');
  const prisma = createPrisma(url, { onQuery: (sql) => statements.push(sql) });
  query = graphqlClient(prisma).query;
});

async function sqlFor(document: string, variables?: Record<string, unknown>) {
  statements.length = 0;
  const result = await query(document, variables);
  expect(result.errors).toBeUndefined();
  return { data: result.data, sql: [...statements] };
}

const WIDE_COLUMNS = ['summary', 'duties', 'skills', 'work_settings', 'alternate_titles', 'typical_education'];

describe('SQL for plain reads', () => {
  it('reads a role and its track name in one statement, without the long columns', async () => {
    const { data, sql } = await sqlFor(`query ($slug: String!) { role(slug: $slug) { title track { name } } }`, {
      slug: 'medical-assistant',
    });
    expect(data.role).toEqual({ title: 'Medical Assistant', track: { name: expect.any(String) } });
    expect(sql).toHaveLength(1);
    expect(sql[0]).toMatch(/"track"/);
    for (const column of [...WIDE_COLUMNS, 'description']) expect(sql[0]).not.toContain(`"${column}"`);
  });

  it('reads a page of roles without the long columns, and still serves them when asked', async () => {
    const narrow = await sqlFor(`{ roles(first: 20) { edges { node { slug title } } } }`);
    expect(narrow.sql).toHaveLength(1);
    for (const column of WIDE_COLUMNS) expect(narrow.sql[0]).not.toContain(`"${column}"`);

    const wide = await sqlFor(`{ roles(first: 2) { edges { node { slug summary duties skills } } } }`);
    for (const column of ['summary', 'duties', 'skills']) expect(wide.sql.join('\n')).toContain(`"${column}"`);
    for (const { node } of wide.data.roles.edges) {
      expect(node.summary.length).toBeGreaterThan(0);
      expect(node.duties.length).toBeGreaterThan(0);
    }
  });

  it('loads nested lists under a page of roles with one query per level, not LATERAL joins', async () => {
    const { sql } = await sqlFor(`{ roles(first: 20) { edges { node { slug nextSteps { to { slug } } } } } }`);
    expect(sql.length).toBeGreaterThan(1);
    for (const statement of sql) expect(statement).not.toMatch(/LATERAL/i);
  });

  it('serves the same role through the joined lookup as through the list', async () => {
    const list = await sqlFor(`{ roles(first: 100) { edges { node { slug title track { name } } } } }`);
    for (const { node } of list.data.roles.edges.slice(0, 5)) {
      const one = await sqlFor(`query ($slug: String!) { role(slug: $slug) { slug title track { name } } }`, {
        slug: node.slug,
      });
      expect(one.data.role).toEqual(node);
    }
  });
});

describe("a mutation's statements under the writers' lock", () => {
  it('are few: the current dataset is read with one statement per kind', async () => {
    const { url } = await testDatabase('seeded');
    const statements: string[] = [];
    const prisma = createPrisma(url, { onQuery: (sql) => statements.push(sql) });
    const key = await createApiKey(prisma, 'statements', 'editor');
    const editor = graphqlClient(prisma, undefined, { authorization: `Bearer ${key}` });
    const before = await editor.query(
      `{ role(slug: "medical-assistant") { nextSteps { to { slug } version minYearsExperience } } }`,
    );
    const step = before.data.role.nextSteps.find(
      (s: { to: { slug: string } }) => s.to.slug === 'lead-medical-assistant',
    );
    const years = step.minYearsExperience === 2 ? 3 : 2;
    statements.length = 0;
    const reply = await editor.query(
      `mutation ($input: UpdateTransitionInput!) { updateTransition(input: $input) { userErrors { message } } }`,
      {
        input: {
          from: 'medical-assistant',
          to: 'lead-medical-assistant',
          expectedVersion: step.version,
          minYearsExperience: years,
        },
      },
    );
    expect(reply.data.updateTransition.userErrors).toEqual([]);
    // The key's last use is written on another connection meanwhile.
    const transaction = statements
      .slice(
        statements.findIndex((s) => s.includes('pg_advisory_xact_lock')),
        statements.indexOf('COMMIT') + 1,
      )
      .filter((s) => !s.includes('"api_key"'));
    // Each is a round trip, and in a replica busy with reads each waits for a turn of the event
    // loop (docs/scaling.md, "Replicas on one machine"): 66 statements took 0.8 to 1.3 s there; an edit of one transition now runs 18.
    expect(transaction.length).toBeLessThanOrEqual(18);
    // The lock, the version check, then the eight kinds of records, one statement each, then the
    // official facts.
    expect(transaction.findIndex((s) => s.startsWith('SELECT "public"."occupation".'))).toBe(2 + 8);
    await prisma.$disconnect();
  });
});
