/** Filtering, ordering and paging of the list connections, checked against the dataset files. */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Dataset } from '../../src/db/dataset/format.js';
import { readDataset } from '../../src/db/dataset/read.js';
import { testDatabase } from '../support/database.js';
import { type Client, graphqlClient } from '../support/graphql.js';

let client: Client;
let files: Dataset;
beforeAll(async () => {
  const { prisma } = await testDatabase('seeded');
  client = graphqlClient(prisma);
  files = await readDataset();
});

async function allRoleSlugs(args: string): Promise<string[]> {
  const { data, errors } = await client.query(`{ roles(first: 100${args}) { totalCount edges { node { slug } } } }`);
  expect(errors).toBeUndefined();
  expect(data.roles.totalCount).toBe(data.roles.edges.length);
  return data.roles.edges.map((e: any) => e.node.slug);
}

const byTitle = (slugs: string[]) => {
  const title = new Map(files.roles.map((r) => [r.slug, r.title]));
  return [...slugs].sort((a, b) => title.get(a)!.localeCompare(title.get(b)!));
};

describe('roles', () => {
  it('are ordered by title by default and filtered by track and level', async () => {
    expect(await allRoleSlugs('')).toEqual(byTitle(files.roles.map((r) => r.slug)));
    expect(await allRoleSlugs(', track: "administrative"')).toEqual(
      byTitle(files.roles.filter((r) => r.track === 'administrative').map((r) => r.slug)),
    );
    expect(await allRoleSlugs(', level: ENTRY')).toEqual(
      byTitle(files.roles.filter((r) => r.level === 'ENTRY').map((r) => r.slug)),
    );
  });

  it('are found by free text in titles and alternate titles, ignoring case', async () => {
    const alternate = files.roles.flatMap((r) => r.alternateTitles)[0]!;
    for (const term of ['ASSISTANT', 'nurse', alternate.toLowerCase(), alternate.slice(1, 4).toUpperCase()]) {
      const expected = files.roles
        .filter((r) => [r.title, ...r.alternateTitles].some((t) => t.toLowerCase().includes(term.toLowerCase())))
        .map((r) => r.slug);
      expect(expected.length).toBeGreaterThan(0);
      expect(await allRoleSlugs(`, search: ${JSON.stringify(term)}`)).toEqual(byTitle(expected));
    }
    // Spaces typed twice are one.
    expect(await allRoleSlugs(', search: " medical \t assistant "')).toEqual(
      byTitle(
        files.roles
          .filter((r) => [r.title, ...r.alternateTitles].some((t) => t.toLowerCase().includes('medical assistant')))
          .map((r) => r.slug),
      ),
    );
    // "%" and "_" are the text, not LIKE's wildcards ("%a" matched every title with an "a").
    expect(await allRoleSlugs(', search: "%a"')).toEqual([]);
    expect(await allRoleSlugs(', search: "a_s"')).toEqual([]);
  });

  it('refuse a search with no letter or digit, as occupations do', async () => {
    for (const field of ['roles', 'occupations']) {
      const reply = await client.query(`{ ${field}(search: "%") { nodes { __typename } } }`);
      expect(reply.errors?.map((e) => [e.extensions?.code, e.message])).toEqual([
        ['BAD_USER_INPUT', expect.stringMatching(/search.*must contain a letter or a digit/)],
      ]);
    }
  });

  it('are filtered by a certification that a move into them requires', async () => {
    const expected = new Set(files.transitions.filter((t) => t.requires.flat().includes('cmaa')).map((t) => t.to));
    expect(expected.size).toBeGreaterThan(0);
    expect(await allRoleSlugs(', certification: "cmaa"')).toEqual(byTitle([...expected]));
  });

  it('are ordered by level, then title', async () => {
    const levels = ['ENTRY', 'INTERMEDIATE', 'ADVANCED', 'SUPERVISORY', 'MANAGEMENT', 'EXECUTIVE'];
    const expected = [...files.roles]
      .sort((a, b) => levels.indexOf(a.level) - levels.indexOf(b.level) || a.title.localeCompare(b.title))
      .map((r) => r.slug);
    expect(await allRoleSlugs(', orderBy: { field: LEVEL }')).toEqual(expected);
  });

  it('are ordered by the median wage latestMedianWage shows, roles without one (or with a stand-in) last', async () => {
    const { data, errors } = await client.query(
      '{ roles(first: 100, orderBy: { field: MEDIAN_WAGE, direction: DESC }) { nodes { slug latestMedianWage { value standIn } } } }',
    );
    expect(errors).toBeUndefined();
    const own = (r: any) => (r.latestMedianWage && !r.latestMedianWage.standIn ? r.latestMedianWage.value : null);
    const values = data.roles.nodes.map(own);
    expect(values).toHaveLength(files.roles.length);
    const withWage = values.filter((v: number | null) => v !== null) as number[];
    expect(withWage.length).toBeGreaterThan(5);
    expect(withWage).toEqual([...withWage].sort((a, b) => b - a));
    expect(values.slice(withWage.length).every((v: number | null) => v === null)).toBe(true);
  });

  it('are ordered by the role’s own projected growth: BLS’s when the role is its occupation, never another group’s', async () => {
    const { data, errors } = await client.query(`{ roles(first: 100, orderBy: { field: GROWTH, direction: DESC }) {
      nodes { slug occupationFit occupation { projection { changePercent baseYear coverage } }
              outlook { kind scope value dataYear unit geography source { official } } } } }`);
    expect(errors).toBeUndefined();
    // What the order must follow, worked out from the fields: the newest of the role's own growth
    // figures (scope ROLE) and, for a role that is its occupation, BLS's projection of it.
    const own = (r: any): number | null => {
      const p = r.occupationFit === 'EXACT' && r.occupation?.projection;
      const candidates = [
        ...r.outlook
          .filter(
            (f: any) =>
              f.kind === 'PROJECTED_GROWTH' && f.scope === 'ROLE' && f.unit === 'PERCENT' && f.geography === 'US',
          )
          .map((f: any) => ({ year: f.dataYear ?? -Infinity, official: f.source.official, value: f.value })),
        ...(p && p.coverage === 'SAME' && p.changePercent !== null
          ? [{ year: p.baseYear, official: true, value: p.changePercent }]
          : []),
      ].sort((a, b) => b.year - a.year || Number(b.official) - Number(a.official));
      return candidates[0]?.value ?? null;
    };
    const nodes = data.roles.nodes;
    const keys = nodes.map(own);
    const ranked = keys.filter((k: number | null) => k !== null) as number[];
    expect(ranked.length).toBeGreaterThan(5);
    expect(ranked).toEqual([...ranked].sort((a, b) => b - a));
    expect(keys.slice(ranked.length).every((k: number | null) => k === null)).toBe(true);
    // The EKG technician's 12% is clinical medical assistants' (scope OCCUPATION): it ranked the
    // role above registered nurses; BLS projects registered nurses at its 2024-34 figure.
    const at = (slug: string) => nodes.findIndex((n: any) => n.slug === slug);
    expect(own(nodes[at('ekg-technician')])).toBeNull();
    expect(at('ekg-technician')).toBeGreaterThan(at('registered-nurse'));
    expect(own(nodes[at('registered-nurse')])).toBe(nodes[at('registered-nurse')].occupation.projection.changePercent);
  });

  it('page forwards and backwards with cursors, under every ordering, totals included', async () => {
    const query = `query ($first: Int, $after: String, $last: Int, $before: String, $orderBy: RoleOrder) {
      roles(first: $first, after: $after, last: $last, before: $before, orderBy: $orderBy) {
        totalCount
        pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
        edges { cursor node { slug } }
        nodes { slug }
      } }`;
    const orders = [null, { field: 'LEVEL', direction: 'DESC' }, { field: 'GROWTH', direction: 'DESC' }];
    for (const orderBy of orders) {
      const order = orderBy ? `, orderBy: { field: ${orderBy.field}, direction: ${orderBy.direction} }` : '';
      const everything = await allRoleSlugs(order);
      for (const direction of ['forward', 'backward'] as const) {
        const seen: string[][] = [];
        let cursor: string | null = null;
        for (;;) {
          const paging = direction === 'forward' ? { first: 7, after: cursor } : { last: 7, before: cursor };
          const { data, errors }: any = await client.query(query, { ...paging, orderBy });
          expect(errors).toBeUndefined();
          const roles = data.roles;
          expect(roles.totalCount).toBe(files.roles.length);
          expect(roles.nodes).toEqual(roles.edges.map((e: any) => e.node));
          seen.push(roles.edges.map((e: any) => e.node.slug));
          const more = direction === 'forward' ? roles.pageInfo.hasNextPage : roles.pageInfo.hasPreviousPage;
          if (!more) break;
          cursor = direction === 'forward' ? roles.pageInfo.endCursor : roles.pageInfo.startCursor;
        }
        expect(seen.length).toBeGreaterThan(2);
        const slugs = direction === 'forward' ? seen.flat() : seen.reverse().flat();
        expect({ orderBy, direction, slugs }).toEqual({ orderBy, direction, slugs: everything });
      }
    }
  });

  it('answer empty pages and a cursor that is not one as Relay says, and refuse first with last', async () => {
    for (const paging of ['first: 0', 'last: 0']) {
      const { data, errors } = await client.query(`{ roles(${paging}) { totalCount nodes { slug } } }`);
      expect(errors).toBeUndefined();
      expect(data.roles).toEqual({ totalCount: files.roles.length, nodes: [] });
    }
    // Both at once is refused: the connection answered first: 5, last: 2 with the list's last five.
    for (const paging of ['first: 2, last: 2', 'first: 5, last: 2', 'first: 0, last: 0']) {
      const both = await client.query(`{ roles(${paging}) { totalCount nodes { slug } } }`);
      expect(both.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'last' });
      expect(both.errors?.[0]?.message).toMatch(/first or last, not both/);
    }
  });

  it('refuse a page larger than 100 rather than cutting it, and unknown slugs by name', async () => {
    const big = await client.query('{ roles(first: 101) { edges { node { slug } } } }');
    expect(big.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(big.errors?.[0]?.message).toMatch(/"first".*at most 100/);
    const unknown = await client.query('{ roles(track: "space") { totalCount } }');
    expect(unknown.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(unknown.errors?.[0]?.message).toMatch(/"space"/);
    const cursor = await client.query('{ roles(first: 2, after: "garbage") { totalCount } }');
    expect(cursor.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('refuse a bad filter at the list, whatever is selected below it', async () => {
    // The error was at `roles.totalCount` with only the count asked, and none came with only
    // `__typename`: Pothos reads the filters where the rows or the count are.
    for (const [field, args, code] of [
      ['roles', 'track: "space"', 'NOT_FOUND'],
      ['roles', 'certification: "nope"', 'NOT_FOUND'],
      ['roles', 'search: "%"', 'BAD_USER_INPUT'],
      ['occupations', 'search: "%"', 'BAD_USER_INPUT'],
      ['occupations', 'majorGroup: "99"', 'BAD_USER_INPUT'],
      ['certifications', 'issuer: "nope"', 'NOT_FOUND'],
      ['sources', 'publisher: "nope"', 'NOT_FOUND'],
    ] as const) {
      for (const selection of ['totalCount', '__typename', 'nodes { __typename }']) {
        const reply = await client.query(`{ ${field}(${args}) { ${selection} } }`);
        expect(
          reply.errors?.map((e) => [e.extensions?.code, e.path]),
          `${field}(${args}) { ${selection} }`,
        ).toEqual([[code, [field]]]);
        expect(reply.data).toEqual({ [field]: null });
      }
    }
    // A good filter, counted and listed: one reading serves both.
    const both = await client.query('{ roles(track: "clinical") { totalCount nodes { slug } } }');
    expect(both.errors).toBeUndefined();
    expect(both.data.roles.nodes.length).toBe(Math.min(20, both.data.roles.totalCount));
  });

  it('name the argument of a paging mix they refuse', async () => {
    const { data } = await client.query('{ roles(first: 2) { pageInfo { endCursor } } }');
    const cursor = JSON.stringify(data.roles.pageInfo.endCursor);
    for (const [args, argument] of [
      [`after: ${cursor}, before: ${cursor}`, 'before'],
      [`after: ${cursor}, last: 2`, 'last'],
      [`before: ${cursor}, first: 2`, 'first'],
    ] as const) {
      const reply = await client.query(`{ roles(${args}) { totalCount } }`);
      expect(
        reply.errors?.map((e) => [e.extensions?.code, e.extensions?.argument]),
        args,
      ).toEqual([['BAD_USER_INPUT', argument]]);
      expect(reply.errors?.[0]?.message).toMatch(new RegExp(`"${argument}"`));
    }
  });

  it('default to 20 per page', async () => {
    const { data } = await client.query('{ roles { edges { node { slug } } pageInfo { hasNextPage } } }');
    expect(data.roles.edges).toHaveLength(Math.min(20, files.roles.length));
    expect(data.roles.pageInfo.hasNextPage).toBe(files.roles.length > 20);
  });

  it('list a page as nodes too, the same items as edges, costed the same', async () => {
    const page = '(first: 7, orderBy: { field: LEVEL, direction: DESC }, after: null)';
    const edges = await client.query(`{ roles${page} { edges { node { slug title track { slug } } } } }`);
    const nodes = await client.query(`{ roles${page} { nodes { slug title track { slug } } } }`);
    expect(edges.errors).toBeUndefined();
    expect(nodes.errors).toBeUndefined();
    expect(nodes.data.roles.nodes).toHaveLength(7);
    expect(nodes.data.roles.nodes).toEqual(edges.data.roles.edges.map((e: any) => e.node));
    const cost = (r: typeof edges) => {
      const { requestedQueryCost, actualQueryCost } = r.extensions?.cost as Record<string, number>;
      return { requestedQueryCost, actualQueryCost };
    };
    expect(cost(nodes)).toEqual(cost(edges));
    expect(cost(nodes).actualQueryCost).toBeGreaterThan(7);
  });
});

describe('certifications, training programs and sources', () => {
  it('filter certifications by issuer and kind', async () => {
    const { data } = await client.query(`{
      nha: certifications(issuer: "nha", first: 100) { totalCount edges { node { slug } } }
      licences: certifications(kind: LICENSE, first: 100) { edges { node { slug } } }
    }`);
    expect(data.nha.edges.map((e: any) => e.node.slug).sort()).toEqual(
      files.certifications
        .filter((c) => c.issuer === 'nha')
        .map((c) => c.slug)
        .sort(),
    );
    expect(data.nha.totalCount).toBe(data.nha.edges.length);
    expect(data.licences.edges.map((e: any) => e.node.slug).sort()).toEqual(
      files.certifications
        .filter((c) => c.kind === 'LICENSE')
        .map((c) => c.slug)
        .sort(),
    );
    const unknown = await client.query('{ certifications(issuer: "nobody") { totalCount } }');
    expect(unknown.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('list training programs shortest first and sources by officialness', async () => {
    const { data } = await client.query(`{
      trainingPrograms(first: 100) { totalCount edges { node { slug minMonths } } }
      official: sources(official: true, first: 100) { totalCount edges { node { slug official } } }
    }`);
    const months = data.trainingPrograms.edges.map((e: any) => e.node.minMonths);
    expect(months).toEqual([...months].sort((a: number, b: number) => a - b));
    expect(data.trainingPrograms.totalCount).toBe(files['training-programs'].length);
    expect(data.official.totalCount).toBe(files.sources.filter((s) => s.official).length);
    expect(data.official.edges.every((e: any) => e.node.official)).toBe(true);
  });
});
