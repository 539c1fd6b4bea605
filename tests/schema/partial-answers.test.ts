/**
 * One refused field does not take the rest of a request with it (decision 028): an advising page
 * that asks for pathways to three goals in one request, under aliases, still shows two when the
 * third is over the work budget or names a role that does not exist. Every field that takes
 * arguments the service may refuse is nullable, so its error nulls only it (GraphQL nulls the
 * nearest nullable field above an error; a non-null root field nulled the whole `data`).
 */
import { isNonNullType } from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import { schema } from '../../src/schema/index.js';
import { testDatabase } from '../support/database.js';
import { type Client, graphqlClient } from '../support/graphql.js';
import { queryFields } from '../support/schema-fields.js';

let client: Client;
beforeAll(async () => {
  const { prisma } = await testDatabase('seeded');
  client = graphqlClient(prisma, undefined, {}, { rateLimitPoints: 0 });
});

/**
 * Fields with arguments that stay non-null: a pathway's `summary(costEstimates:)`, whose only argument is a switch; and an
 * occupation's `similarOccupations(first:)`, whose refusal nulls the nearest nullable field above
 * it (`occupation`, or the field answering the list that holds it), never the whole `data` (kept
 * non-null: the one field an occupation prices above a role's, which
 * tests/server/requested-cost.test.ts selects under one alias with a role's non-null list).
 */
const NON_NULL_BY_DESIGN = new Set(['Pathway.summary', 'Occupation.similarOccupations']);

describe('fields that may refuse their arguments', () => {
  it('are nullable, wherever they are in the schema', () => {
    const nonNull = queryFields()
      .filter(({ field }) => field.args.length > 0 && isNonNullType(field.type))
      .map(({ coordinate }) => coordinate)
      .filter((coordinate) => !NON_NULL_BY_DESIGN.has(coordinate));
    expect(nonNull).toEqual([]);
    // The exemptions still exist (a renamed field would otherwise leave a stale one behind).
    const fields = (type: string) => (schema.getType(type) as { getFields(): Record<string, unknown> }).getFields();
    expect(fields('Pathway').summary).toBeDefined();
    expect(fields('Occupation').similarOccupations).toBeDefined();
  });

  // Each: a request that answers and one that is refused, side by side under aliases.
  const cases: { field: string; ok: string; refused: string; code: string; argument?: string }[] = [
    {
      field: 'pathways',
      ok: 'pathways(from: "medical-assistant", to: "phlebotomy-technician") { totalMonths }',
      refused: 'pathways(from: "medical-assistant", to: "registerd-nurse") { totalMonths }',
      code: 'NOT_FOUND',
      argument: 'to',
    },
    {
      field: 'reachableRoles',
      ok: 'reachableRoles(from: "medical-assistant", withinMonths: 12) { earliestMonth }',
      refused: 'reachableRoles(from: "medical-assistant", withinMonths: 601) { earliestMonth }',
      code: 'BAD_USER_INPUT',
      argument: 'withinMonths',
    },
    {
      field: 'skillGap',
      ok: 'skillGap(from: "clinical-medical-assistant", to: "registered-nurse") { similarity }',
      refused: 'skillGap(from: "clinical-medical-assistant", to: "99-9999.00") { similarity }',
      code: 'NOT_FOUND',
      argument: 'to',
    },
    {
      field: 'compareRoles',
      ok: 'compareRoles(slugs: ["medical-assistant", "registered-nurse"]) { roles { slug } }',
      refused: 'compareRoles(slugs: ["medical-assistant"]) { roles { slug } }',
      code: 'BAD_USER_INPUT',
      argument: 'slugs',
    },
    {
      field: 'trackBridges',
      ok: 'trackBridges(fromTrack: "clinical", toTrack: "administrative") { fromTrack { slug } }',
      refused: 'trackBridges(fromTrack: "clinical", toTrack: "clinical") { fromTrack { slug } }',
      code: 'BAD_USER_INPUT',
    },
    {
      field: 'roles',
      ok: 'roles(first: 2) { totalCount }',
      refused: 'roles(first: 500) { totalCount }',
      code: 'BAD_USER_INPUT',
    },
    {
      // A malformed global ID was refused while the request was priced, taking every field with it.
      field: 'node',
      ok: 'role(slug: "medical-assistant") { title }',
      refused: 'node(id: "abc") { id }',
      code: 'BAD_USER_INPUT',
      argument: 'id',
    },
    {
      field: 'nodes',
      ok: 'nodes(ids: ["Um9sZTox"]) { id }',
      refused: 'nodes(ids: ["Um9sZTox", "zzz"]) { id }',
      code: 'BAD_USER_INPUT',
      argument: 'ids',
    },
  ];
  for (const c of cases)
    it(`${c.field}: the refused alias is null with its error, the other answers`, async () => {
      const { data, errors } = await client.query(`{ ok: ${c.ok} refused: ${c.refused} }`);
      expect(data).not.toBeNull();
      expect(data.ok).not.toBeNull();
      expect(data.refused).toBeNull();
      expect(errors).toHaveLength(1);
      expect(errors?.[0]?.path).toEqual(['refused']);
      expect(errors?.[0]?.extensions?.code).toBe(c.code);
      if (c.argument) expect(errors?.[0]?.extensions?.argument).toBe(c.argument);
    });

  it('a nested refusal nulls only its own field', async () => {
    const { data, errors } = await client.query(
      `{ tracks { slug }
         graphFacts { roleCount gatewayCertifications(first: 1000) { certification { slug } } }
         occupation(code: "31-9092.00") { title similarOccupations(first: 0) { similarity } } }`,
    );
    expect(data.tracks.length).toBeGreaterThan(0);
    expect(data.graphFacts.roleCount).toBeGreaterThan(0);
    expect(data.graphFacts.gatewayCertifications).toBeNull();
    expect(data.occupation).toBeNull();
    expect(errors?.map((e) => e.path?.join('.')).sort()).toEqual([
      'graphFacts.gatewayCertifications',
      'occupation.similarOccupations',
    ]);
    const other = await client.query('{ occupation(code: "31-9092.00") { title } }');
    expect(other.data.occupation.title).toBe('Medical Assistants');
    expect(errors?.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT', 'BAD_USER_INPUT']);
  });
});
