/**
 * The requested cost (src/server/query-cost.ts) is the complexity plugin's own figure: it walks
 * the selection as the plugin's complexityFromQuery does, keeping what is the same in every request
 * with the document. Compared here with the plugin on documents of every shape, each priced twice
 * (the second time from what the first kept) and with different variables.
 */
import { complexityFromQuery } from '@pothos/plugin-complexity';
import { buildSchema, type DocumentNode, Kind, parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { schema } from '../../src/schema/index.js';
import { priceRequest, requestedCost } from '../../src/server/query-cost.js';

const context = {};
/** The plugin's figure for one operation of a document (it measures a document's first operation). */
const plugin = (document: DocumentNode, name: string | undefined, variables: Record<string, unknown> = {}) => {
  const alone = {
    ...document,
    definitions: document.definitions.filter((d) => d.kind !== Kind.OPERATION_DEFINITION || d.name?.value === name),
  };
  return Math.ceil(complexityFromQuery(alone, { schema, ctx: context, variables }).complexity);
};

const CASES: [string, Record<string, unknown>[]][] = [
  ['{ __typename }', [{}]],
  ['{ roles { edges { node { slug title } } } }', [{}]],
  ['{ roles(first: 3) { edges { node { slug nextSteps { to { slug } } } } } }', [{}]],
  [
    'query ($n: Int) { roles(first: $n) { edges { cursor node { slug } } pageInfo { hasNextPage } } }',
    [{ n: 1 }, { n: 40 }, {}],
  ],
  [
    `query ($years: Float) { pathways(from: "medical-assistant", to: "registered-nurse", first: 5,
       profile: { yearsInCurrentRole: $years }) { totalMonths steps { basis toNode { key } } } }`,
    [{ years: 1 }, { years: 2 }],
  ],
  [
    `query ($first: Int!) { a: pathways(from: "medical-assistant", to: "registered-nurse", first: $first) { totalMonths }
       b: pathways(from: "medical-assistant", to: "registered-nurse", first: 2, includeEstimated: true) { totalMonths } }`,
    [{ first: 1 }, { first: 7 }],
  ],
  [
    `fragment R on Role { slug nextSteps { to { ...S } } }
     fragment S on Role { slug title }
     { roles { edges { node { ...R ... on Role { id } } } } node(id: "Um9sZTox") { id ... on Role { ...S } } }`,
    [{}],
  ],
  [
    `query ($skip: Boolean!) { tracks { slug roles @skip(if: $skip) { slug } } certifications { edges { node { slug } } } }`,
    [{ skip: true }, { skip: false }],
  ],
  ['query Two { tracks { slug } } query One { sources { edges { node { id } } } }', [{}]],
];

describe('the requested cost', () => {
  it.each(CASES)('is the plugin’s for %s', (query, variableSets) => {
    const document = parse(query);
    expect(validate(schema, document)).toEqual([]);
    const names = document.definitions.flatMap((d) => (d.kind === 'OperationDefinition' ? [d.name?.value] : []));
    for (const variables of variableSets)
      for (const name of names) {
        const expected = plugin(document, name, variables);
        expect(expected).toBeGreaterThan(0);
        for (let round = 0; round < 2; round++)
          expect(requestedCost(schema, document, name ?? null, variables, context)).toBe(expected);
      }
  });

  it('refuses variables it cannot read, as the plugin does', () => {
    const query = 'query ($n: Int) { roles(first: $n) { edges { node { slug } } } }';
    expect(() => plugin(parse(query), undefined, { n: 'many' })).toThrow(/Int cannot represent/);
    expect(() => requestedCost(schema, parse(query), null, { n: 'many' }, context)).toThrow(/Int cannot represent/);
  });

  it('prices a field that reads the context with the context of each request, never from what it kept', () => {
    const document = parse('{ exportDataset roles(first: 2) { edges { node { slug } } } }');
    for (const records of [10, 5000, 10]) {
      const ctx = { graph: { records: () => records } };
      const expected = Math.ceil(complexityFromQuery(document, { schema, ctx, variables: {} }).complexity);
      expect(requestedCost(schema, document, null, {}, ctx)).toBe(expected);
    }
    // The actual cost asks the context again once the request has run (the first index build counts the records).
    let records = 10;
    const pricing = priceRequest(schema, document, null, {}, { graph: { records: () => records } });
    records = 5000;
    expect(pricing.actual({ exportDataset: {}, roles: { edges: [] } })).toBeGreaterThan(pricing.requested);
  });

  it('prices a key that names different fields on different types as the dearest of them', () => {
    // Validation lets one alias name a field of each type (an object is only one of them); the answer
    // does not say which type it was, so the key must not be priced as whichever came first.
    const role = '... on Role { x: nextSteps { __typename } }';
    const occupation = '... on Occupation { x: similarOccupations(first: 50) { __typename } }';
    const actual = (fragments: string) => {
      const document = parse(`query ($id: ID!) { node(id: $id) { ${fragments} } }`);
      expect(validate(schema, document)).toEqual([]);
      const x = Array.from({ length: 50 }, () => ({ __typename: 'SimilarOccupation' }));
      return priceRequest(
        schema,
        document,
        null,
        { id: Buffer.from('Occupation:1').toString('base64') },
        context,
      ).actual({ node: { x } });
    };
    const dearest = actual(occupation);
    expect(dearest).toBeGreaterThan(actual(role));
    expect(actual(`${role} ${occupation}`)).toBe(dearest);
    expect(actual(`${occupation} ${role}`)).toBe(dearest);
  });

  it('prices what an interface selects with what its object types select, not as another choice', () => {
    const abstract = buildSchema(`
      interface I { f: [T!]! }
      type A implements I { f: [T!]! }
      type B implements I { f: [T!]! }
      type T { c: U d: U }
      type U { a: Int }
      type Query { i: I }`);
    const actual = (query: string) => {
      const document = parse(query);
      expect(validate(abstract, document)).toEqual([]);
      const f = Array.from({ length: 10 }, () => ({ c: { a: 1 }, d: { a: 1 } }));
      return priceRequest(abstract, document, null, {}, context).actual({ i: { f } });
    };
    const merged = actual('{ i { ... on A { f { c { a } d { a } } } } }');
    expect(actual('{ i { ... on I { f { c { a } } } ... on A { f { d { a } } } } }')).toBe(merged);
    expect(actual('{ i { ... on A { f { d { a } } } ... on I { f { c { a } } } } }')).toBe(merged);
    // __typename on one type and a field on another: the dearer (the point of __typename), in either order.
    const typename = (fragments: string) => {
      const document = parse(`query ($id: ID!) { node(id: $id) { ${fragments} } }`);
      expect(validate(schema, document)).toEqual([]);
      const variables = { id: Buffer.from('Occupation:1').toString('base64') };
      return priceRequest(schema, document, null, variables, context).actual({ node: { x: 'Occupation' } });
    };
    const point = typename('... on Occupation { x: __typename }');
    expect(point).toBeGreaterThan(typename('... on Role { x: title }'));
    expect(typename('... on Role { x: title } ... on Occupation { x: __typename }')).toBe(point);
    expect(typename('... on Occupation { x: __typename } ... on Role { x: title }')).toBe(point);
  });

  it('walks a fragment spread again and again once per request, as the plugin does', () => {
    // 40 spreads of each fragment in the one above it, five levels: 40^5 (a hundred million) walks if
    // each spread were walked anew, or its fields collected anew, which would not finish in the
    // test's time. A variable in the innermost fragment keeps its price from being kept across requests.
    const spreads = (name: string) => Array.from({ length: 40 }, () => `...${name}`).join(' ');
    const query = `query ($code: String!, $n: Int) { occupation(code: $code) { ...O5 } }
      fragment O5 on Occupation { ${spreads('O4')} }
      fragment O4 on Occupation { ${spreads('O3')} }
      fragment O3 on Occupation { ${spreads('O2')} }
      fragment O2 on Occupation { ${spreads('O1')} }
      fragment O1 on Occupation { ${spreads('O0')} }
      fragment O0 on Occupation { code similarOccupations(first: $n) { occupation { code } } }`;
    const document = parse(query);
    const variables = { code: '31-9092.00', n: 2 };
    const pricing = priceRequest(schema, document, null, variables, context);
    expect(pricing.requested).toBe(plugin(document, undefined, variables));
    // The actual cost collects each selection's fields once, not once per spread.
    const data = { occupation: { code: '31-9092.00', similarOccupations: [{ occupation: { code: '29-1141.00' } }] } };
    expect(pricing.actual(data)).toBeGreaterThan(0);
  });
});
