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
import { PlanMemo, plansStatically } from '../../src/schema/planned-once.js';
import { directReads } from '../../src/db/client.js';
import { rolePlans } from '../../src/schema/role.js';
import { createApiKey } from '../../src/db/api-keys.js';
import { createApp } from '../../src/server/app.js';
import { testDatabase } from '../support/database.js';
import { type Client, type GraphQLResponse, graphqlClient } from '../support/graphql.js';
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

const PAGE = `query Page(
  $first: Int, $after: String, $last: Int, $before: String, $orderBy: RoleOrder,
  $track: String, $level: RoleLevel, $search: String, $certification: String
) {
  roles(
    first: $first, after: $after, last: $last, before: $before, orderBy: $orderBy,
    track: $track, level: $level, search: $search, certification: $certification
  ) {
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

describe('the kept columns', () => {
  it('stand in for the connection helper’s select only when both select the same columns', () => {
    const memo = new PlanMemo();
    const kept = Object.freeze({ id: true, slug: true, title: true });
    expect(memo.columnsFor(kept, { id: true, slug: true })).toBeUndefined();
    expect(memo.columnsFor(kept, { id: true, slug: true, title: true, level: true })).toBeUndefined();
    expect(memo.columnsFor(kept, { id: true, slug: true, title: { select: { x: true } } })).toBeUndefined();
    expect(memo.columnsFor(kept, undefined)).toBeUndefined();
    expect(memo.columnsFor(kept, { title: true, id: true, slug: true })).toBe(kept);
  });
});

describe('the shortcut', () => {
  it('is taken from the second request of a document on, with the same answer as planning gives', async () => {
    const client = graphqlClient(prisma);
    const query = '{ roles(first: 5) { nodes { slug title } } }';
    const before = rolePlans.shortcuts;
    const reader = directReads(prisma)!;
    const foundBefore = reader.foundByIdentity;
    const answers: GraphQLResponse[] = [];
    for (let i = 0; i < 4; i++) answers.push(await client.query(query));
    expect(rolePlans.shortcuts - before).toBe(3);
    // The shortcut hands the direct read the same frozen columns every time (and `roles` a constant
    // filter and order): from the second shortcut on, its statement is found by identity.
    expect(reader.foundByIdentity - foundBefore).toBe(2);
    expect(answers[0]!.errors).toBeUndefined();
    // The data, not the whole response: `extensions.cost` reports the rate limit left, which falls.
    for (const answer of answers.slice(1)) expect(answer.data).toEqual(answers[0]!.data);
    expect(answers.map((a) => a.errors)).toEqual([undefined, undefined, undefined, undefined]);
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

  it('answers every argument, and refuses every bad one, as the planned path does', async () => {
    const client = graphqlClient(prisma);
    await page(client, PAGE, { first: 1 });
    /** The response without the planned page's extra column; errors as message, code and path. */
    const comparable = (response: GraphQLResponse) => {
      for (const edge of response.data?.roles?.edges ?? []) delete edge.node.level;
      return { data: response.data, errors: response.errors?.map((e) => [e.message, e.extensions?.code, e.path]) };
    };
    const cases: [Record<string, unknown>, string | undefined][] = [
      [{}, undefined],
      [{ first: 100 }, undefined],
      [{ first: 0 }, undefined],
      [{ last: 0 }, undefined],
      [{ track: 'administrative' }, undefined],
      [{ level: 'ENTRY', first: 3 }, undefined],
      [{ search: 'assistant', last: 2 }, undefined],
      [{ certification: 'cmaa' }, undefined],
      [{ orderBy: { field: 'GROWTH' }, first: 4 }, undefined],
      [{ first: 101 }, 'BAD_USER_INPUT'],
      [{ first: -1 }, 'BAD_USER_INPUT'],
      [{ search: '  ' }, 'BAD_USER_INPUT'],
      [{ track: 'no-such-track' }, 'NOT_FOUND'],
      [{ certification: 'no-such-certification' }, 'NOT_FOUND'],
      [{ first: 2, after: 'not a cursor' }, undefined],
      [{ first: 2, last: 2 }, undefined],
    ];
    const before = rolePlans.shortcuts;
    for (const [variables, code] of cases) {
      const shortcut = comparable(await client.query(PAGE, variables));
      const planned = comparable(await client.query(PLANNED_PAGE, variables));
      expect({ variables, ...shortcut }).toEqual({ variables, ...planned });
      if (code) expect(shortcut.errors?.[0]?.[1]).toBe(code);
    }
    expect(rolePlans.shortcuts - before).toBe(cases.length);
  });

  it('serves each of several aliased connections on its own, and leaves a count alone to Pothos', async () => {
    const client = graphqlClient(prisma);
    const twice = `query ($first: Int) {
      some: roles(first: $first) { nodes { slug } }
      more: roles(first: 5, level: ENTRY) { nodes { slug } }
    }`;
    const plannedTwice = twice.replaceAll('nodes { slug }', 'nodes { slug level }');
    const strip = (r: GraphQLResponse) =>
      JSON.parse(JSON.stringify({ data: r.data, errors: r.errors?.map((e) => [e.message, e.path]) }), (k, v) =>
        k === 'level' ? undefined : v,
      );
    await client.query(twice, { first: 2 });
    const before = rolePlans.shortcuts;
    for (const first of [3, 101]) {
      expect(strip(await client.query(twice, { first }))).toEqual(strip(await client.query(plannedTwice, { first })));
    }
    expect(rolePlans.shortcuts - before).toBe(4);

    const count = '{ roles(level: ENTRY) { totalCount } }';
    const entry = files.roles.filter((r) => r.level === 'ENTRY').length;
    const countBefore = rolePlans.shortcuts;
    for (let i = 0; i < 3; i++) expect((await client.query(count)).data.roles.totalCount).toBe(entry);
    expect(rolePlans.shortcuts).toBe(countBefore);
  });

  it('lets nothing past scope checks', async () => {
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
