/**
 * A deeply nested request costs a small, fixed number of database calls whatever the number of
 * rows: Pothos plans nested selections into the parent's query instead of one query per row.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { PrismaClient } from '../../src/db/client.js';
import { recording, testDatabase } from '../support/database.js';
import { GraphStore } from '../../src/server/graph-store.js';
import { graphqlClient } from '../support/graphql.js';

let prisma: PrismaClient;
const calls: string[] = [];

beforeAll(async () => {
  ({ prisma } = await testDatabase('seeded'));
});

const NESTED = `query ($first: Int) {
  roles(first: $first) {
    edges { node {
      slug
      track { slug }
      nextSteps {
        kind
        to {
          slug
          nextSteps {
            requirements { anyOf { acronym issuer { acronym } } }
            training { slug sources { title } }
            to { slug wages { value source { title } } entryCertifications { acronym } }
          }
        }
      }
    } }
  }
}`;

async function callsFor(query: string, variables: Record<string, unknown>, graph?: GraphStore) {
  // NESTED asks next steps of next steps of 50 roles, priced at their mean length (LIST_SIZES) over
  // MAX_QUERY_COST's default, as it should be: this is about how it is planned, not what it costs.
  const client = graphqlClient(recording(prisma, calls), graph, {}, { maxQueryCost: 100_000, rateLimitPoints: 0 });
  calls.length = 0;
  const result = await client.query(query, variables);
  expect(result.errors).toBeUndefined();
  return { count: calls.length, calls: [...calls], data: result.data };
}

describe('N+1', () => {
  it('50 roles -> nextSteps -> to -> nextSteps -> to -> requirements is one planned query', async () => {
    const many = await callsFor(NESTED, { first: 50 });
    const few = await callsFor(NESTED, { first: 2 });
    const roles = many.data.roles.edges.length;
    const nested = many.data.roles.edges.flatMap((e: any) => e.node.nextSteps.flatMap((s: any) => s.to.nextSteps));
    expect(roles).toBeGreaterThan(20);
    expect(nested.length).toBeGreaterThan(roles);
    expect(many.calls).toEqual(['Role.findMany']);
    expect(few.count).toBe(many.count);
  });

  it('a comparison of two or four roles is one planned query too', async () => {
    const compare = `query ($slugs: [String!]!) { compareRoles(slugs: $slugs) {
      entries { role { slug nextSteps { to { slug } } } wageRanges { figures { source { title } } } certifications { acronym } }
    } }`;
    const two = await callsFor(compare, { slugs: ['medical-assistant', 'clinical-medical-assistant'] });
    const four = await callsFor(compare, {
      slugs: [
        'medical-assistant',
        'clinical-medical-assistant',
        'administrative-medical-assistant',
        'registered-nurse',
      ],
    });
    expect(four.calls).toEqual(two.calls);
    expect(two.calls).toEqual(['Role.findMany']);
  });

  it('pathways cost the same few calls for one pathway or ten', async () => {
    const query = `query ($first: Int) { pathways(from: "medical-assistant", to: "healthcare-administrator", first: $first) {
      roles { slug track { slug } }
      steps { transition { rationale sources { title } } to { wages { value source { title } } } requirements { anyOf { issuer { acronym } } } training { sources { title } } }
      certificationsToEarn { issuer { name } }
    } }`;
    // The index is built once per replica, not per request: build it first.
    const graph = new GraphStore(prisma);
    await graph.current();
    const one = await callsFor(query, { first: 1 }, graph);
    const ten = await callsFor(query, { first: 10 }, graph);
    expect(ten.data.pathways.length).toBeGreaterThan(one.data.pathways.length);
    expect(ten.calls).toEqual(one.calls);
    // Slugs resolve from the index; then one read per table whose rows the request selects.
    expect(ten.calls).toEqual([
      'Role.findMany',
      'Transition.findMany',
      'Certification.findMany',
      'TrainingProgram.findMany',
    ]);
    const numbersOnly = await callsFor(
      `{ pathways(from: "medical-assistant", to: "healthcare-administrator", first: 10) { totalMonths knownCostUsd summary steps { explanation } } }`,
      {},
      graph,
    );
    expect(numbersOnly.calls).toEqual([]);
  });

  it('a relation a variable turns on below pathways is read in the same planned query, after a request without it', async () => {
    // Some of what a request reads below the field is kept per document (src/schema/pathway.ts);
    // what rows it plans must follow the variables.
    const query = `query ($wages: Boolean!) { pathways(from: "medical-assistant", to: "healthcare-administrator", first: 3) {
      steps { to { slug wages @include(if: $wages) { value } } }
    } }`;
    const graph = new GraphStore(prisma);
    await graph.current();
    // One server for all three: the same document each time, as its parser cache hands it out.
    const client = graphqlClient(recording(prisma, calls), graph);
    const ask = async (wages: boolean) => {
      calls.length = 0;
      const result = await client.query(query, { wages });
      expect(result.errors).toBeUndefined();
      return { calls: [...calls], data: result.data };
    };
    expect((await ask(false)).calls).toEqual([]);
    const withWages = await ask(true);
    expect(withWages.calls).toEqual(['Role.findMany']);
    const wages = withWages.data.pathways.flatMap((p: any) => p.steps.flatMap((s: any) => s.to.wages));
    expect(wages.length).toBeGreaterThan(0);
    expect((await ask(false)).calls).toEqual([]);
  });

  it('reads what a fragment spread again and again asks for once per place', async () => {
    // Each fragment spreads the next 150 times, three levels deep (as deep as the depth limit
    // lets fragments go): 3.4 million walks of the last one if every spread were followed anew.
    const levels = 3;
    const spreads = (i: number) => Array.from({ length: 150 }, () => `...F${i}`).join(' ');
    const fragments = Array.from({ length: levels }, (_, i) => `fragment F${i} on Pathway { ${spreads(i + 1)} }`);
    const query = `{ pathways(from: "medical-assistant", to: "registered-nurse", first: 1) { ...F0 } }
      ${fragments.join('\n')}
      fragment F${levels} on Pathway { totalMonths stepCount }`;
    const { data } = await callsFor(query, {});
    expect(data.pathways[0].totalMonths).toBeGreaterThan(0);
    expect(data.pathways[0].stepCount).toBeGreaterThan(0);
  });
});
