/**
 * The requested cost (src/server/query-cost.ts) is the complexity plugin's own figure: it walks
 * the selection as the plugin's complexityFromQuery does, keeping what is the same in every request
 * with the document. Compared here with the plugin on documents of every shape, each priced twice
 * (the second time from what the first kept) and with different variables.
 */
import { complexityFromQuery } from '@pothos/plugin-complexity';
import { type DocumentNode, Kind, parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { schema } from '../../src/schema/index.js';
import { requestedCost } from '../../src/server/query-cost.js';

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
});
