/**
 * `roles` is planned once per document when its selection plans the same every time
 * (src/schema/planned-once.ts): later requests take a shortcut past Pothos' planning, and must
 * answer exactly as the planned path does, page for page, error for error, behind the same checks.
 */
import { getNamedType, type GraphQLObjectType, parse, type FieldNode, type OperationDefinitionNode } from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import type { PrismaClient } from '../../src/db/client.js';
import type { Dataset } from '../../src/db/dataset/format.js';
import { readDataset } from '../../src/db/dataset/read.js';
import { schema } from '../../src/schema/index.js';
import { plansStatically } from '../../src/schema/planned-once.js';
import { rolePlans } from '../../src/schema/role.js';
import { createApiKey } from '../../src/db/api-keys.js';
import { createApp } from '../../src/server/app.js';
import { testDatabase } from '../support/database.js';
import { type Client, graphqlClient } from '../support/graphql.js';
import { codes, post } from '../server/request.js';

let prisma: PrismaClient;
let files: Dataset;
beforeAll(async () => {
  ({ prisma } = await testDatabase('seeded'));
  files = await readDataset();
});

/** Whether `roles { <selection> }` plans statically, as the shortcut decides it. */
function statically(selection: string): boolean {
  const document = parse(`{ roles ${selection} }`);
  const field = (document.definitions[0] as OperationDefinitionNode).selectionSet.selections[0] as FieldNode;
  const roles = schema.getQueryType()!.getFields().roles!;
  return plansStatically(getNamedType(roles.type) as GraphQLObjectType, field.selectionSet);
}

describe('which selections plan the same every time', () => {
  it('plain fields of the rows and the connection around them do', () => {
    expect(statically('{ nodes { slug title } }')).toBe(true);
    expect(
      statically('{ totalCount edges { cursor node { id slug __typename } } pageInfo { hasNextPage endCursor } }'),
    ).toBe(true);
  });

  it('fields that select columns or relations of their own, fragments and directives do not', () => {
    // In select mode an exposed column is loaded only when asked for, so it is planned.
    expect(statically('{ nodes { slug level } }')).toBe(false);
    expect(statically('{ nodes { slug track { slug } } }')).toBe(false);
    expect(statically('{ nodes { slug wages { value } } }')).toBe(false);
    expect(statically('{ nodes { ... on Role { slug } } }')).toBe(false);
    expect(statically('{ nodes { slug @include(if: true) } }')).toBe(false);
    expect(statically('{ edges { node { slug } } pageInfo { hasNextPage @skip(if: false) } }')).toBe(false);
  });
});

const PAGE = `query Page($first: Int, $after: String, $last: Int, $before: String, $orderBy: RoleOrder) {
  roles(first: $first, after: $after, last: $last, before: $before, orderBy: $orderBy) {
    totalCount
    edges { cursor node { slug title } }
    nodes { slug }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  }
}`;
/** The same page with a planned column added, so that it never takes the shortcut. */
const PLANNED_PAGE = PAGE.replace('node { slug title }', 'node { slug title level }');

type Page = {
  totalCount: number;
  edges: { cursor: string; node: { slug: string; title: string; level?: string } }[];
  nodes: { slug: string }[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
};

async function page(client: Client, query: string, variables: Record<string, unknown>): Promise<Page> {
  const { data, errors } = await client.query<{ roles: Page }>(query, variables);
  expect(errors).toBeUndefined();
  const roles = data!.roles;
  for (const edge of roles.edges) delete edge.node.level;
  return roles;
}

describe('the shortcut', () => {
  it('is taken from the second request of a document on, with the same answer as planning gives', async () => {
    const client = graphqlClient(prisma);
    const query = '{ roles(first: 5) { nodes { slug title } } }';
    const before = rolePlans.shortcuts;
    const answers = [await client.query(query), await client.query(query), await client.query(query)];
    expect(rolePlans.shortcuts - before).toBe(2);
    expect(answers[0]!.errors).toBeUndefined();
    // The data, not the whole response: `extensions.cost` reports the rate limit left, which falls.
    expect(answers[1]!.data).toEqual(answers[0]!.data);
    expect(answers[2]!.data).toEqual(answers[0]!.data);
    expect(answers.map((a) => a.errors)).toEqual([undefined, undefined, undefined]);
    const titles = files.roles.map((r) => r.title).sort((a, b) => a.localeCompare(b));
    expect(answers[0]!.data.roles.nodes.map((n: { title: string }) => n.title)).toEqual(titles.slice(0, 5));
  });

  it('is not taken for a selection that must be planned', async () => {
    const client = graphqlClient(prisma);
    const before = rolePlans.shortcuts;
    for (let i = 0; i < 3; i++) await page(client, PLANNED_PAGE, { first: 3 });
    expect(rolePlans.shortcuts).toBe(before);
  });

  it('pages forwards and backwards exactly as the planned path does, in every order, totals and cursors included', async () => {
    const client = graphqlClient(prisma);
    const before = rolePlans.shortcuts;
    const walk = async (query: string, direction: 'forward' | 'backward', orderBy: object | null) => {
      const pages: Page[] = [];
      let cursor: string | null = null;
      do {
        const paging = direction === 'forward' ? { first: 7, after: cursor } : { last: 7, before: cursor };
        const current: Page = await page(client, query, { ...paging, orderBy });
        pages.push(current);
        const more = direction === 'forward' ? current.pageInfo.hasNextPage : current.pageInfo.hasPreviousPage;
        cursor = more ? (direction === 'forward' ? current.pageInfo.endCursor : current.pageInfo.startCursor) : null;
      } while (cursor !== null);
      return pages;
    };
    const orders = [null, { field: 'LEVEL', direction: 'DESC' }, { field: 'MEDIAN_WAGE', direction: 'DESC' }];
    for (const orderBy of orders) {
      for (const direction of ['forward', 'backward'] as const) {
        const shortcut = await walk(PAGE, direction, orderBy);
        const planned = await walk(PLANNED_PAGE, direction, orderBy);
        expect(shortcut).toEqual(planned);
        expect(shortcut.length).toBeGreaterThan(2);
        const slugs = shortcut.flatMap((p) => p.edges.map((e) => e.node.slug));
        expect(new Set(slugs).size).toBe(files.roles.length);
        for (const p of shortcut) expect(p.nodes).toEqual(p.edges.map((e) => ({ slug: e.node.slug })));
      }
    }
    // Every page but the first request of the document.
    expect(rolePlans.shortcuts - before).toBeGreaterThan(20);
  });

  it('refuses bad arguments as the planned path does, and lets nothing past scope checks', async () => {
    const client = graphqlClient(prisma);
    await page(client, PAGE, { first: 1 });
    const before = rolePlans.shortcuts;
    for (const [variables, code] of [
      [{ first: 101 }, 'BAD_USER_INPUT'],
      [{ first: -1 }, 'BAD_USER_INPUT'],
      [{ first: 2, after: 'not a cursor' }, undefined],
    ] as const) {
      const shortcut = await client.query(PAGE, variables);
      const planned = await client.query(PLANNED_PAGE, variables);
      expect(shortcut.data).toBeNull();
      expect(shortcut.errors?.map((e) => [e.message, e.extensions?.code])).toEqual(
        planned.errors?.map((e) => [e.message, e.extensions?.code]),
      );
      if (code) expect(shortcut.errors?.[0]?.extensions?.code).toBe(code);
    }
    expect(rolePlans.shortcuts - before).toBe(3);

    // On a server that requires a key for reading, a document planned (and then shortcut) for a
    // caller with a key is still refused to a caller without one.
    const key = await createApiKey(prisma, 'planned-once-reader', 'editor');
    const closed = createApp({ prisma, config: { readRequiresKey: true } });
    const request = { query: PAGE, variables: { first: 2 } };
    const shortcutsBefore = rolePlans.shortcuts;
    for (let i = 0; i < 2; i++) {
      const keyed = await post(closed, request, { authorization: `Bearer ${key}` });
      expect(keyed.body.errors).toBeUndefined();
      expect(keyed.body.data.roles.edges).toHaveLength(2);
    }
    expect(rolePlans.shortcuts - shortcutsBefore).toBe(1);
    const anonymous = await post(closed, request);
    expect(codes(anonymous)).toEqual(['UNAUTHENTICATED']);
    expect(rolePlans.shortcuts - shortcutsBefore).toBe(1);
  });
});
