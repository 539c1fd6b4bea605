/** Global IDs: every node type can be fetched back through `node` and `nodes`. */
import { beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../support/database.js';
import { type Client, graphqlClient } from '../support/graphql.js';

let client: Client;
beforeAll(async () => {
  const { prisma } = await testDatabase('seeded');
  client = graphqlClient(prisma);
});

describe('Relay global IDs', () => {
  it('round-trip through node() for every node type', async () => {
    const { data, errors } = await client.query(`{
      role(slug: "medical-assistant") {
        id __typename
        track { id __typename }
        nextSteps { id __typename training { id __typename } }
        wages { id __typename source { id __typename publisher { id __typename } } }
      }
      certification(slug: "cma") { id __typename }
    }`);
    expect(errors).toBeUndefined();
    const objects = [
      data.role,
      data.role.track,
      data.role.nextSteps[0],
      data.role.nextSteps.flatMap((s: any) => s.training)[0],
      data.role.wages[0],
      data.role.wages[0].source,
      data.role.wages[0].source.publisher,
      data.certification,
    ];
    expect(new Set(objects.map((o) => o.__typename))).toEqual(
      new Set([
        'Role',
        'Track',
        'Transition',
        'TrainingProgram',
        'LaborFigure',
        'Source',
        'Organization',
        'Certification',
      ]),
    );
    for (const object of objects) {
      const found = await client.query('query ($id: ID!) { node(id: $id) { id __typename } }', { id: object.id });
      expect(found.data.node).toEqual({ id: object.id, __typename: object.__typename });
    }
    const many = await client.query('query ($ids: [ID!]!) { nodes(ids: $ids) { id } }', {
      ids: [...objects.map((o) => o.id)].reverse(),
    });
    expect(many.data.nodes.map((n: any) => n.id)).toEqual([...objects.map((o) => o.id)].reverse());
  });

  it('IDs are opaque and differ between types sharing a database id', async () => {
    const { data } = await client.query('{ tracks { id } roles(first: 3) { edges { node { id } } } }');
    const ids = [...data.tracks.map((t: any) => t.id), ...data.roles.edges.map((e: any) => e.node.id)];
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).not.toMatch(/^\d+$/);
  });

  it('returns null for a well-formed ID of an object that does not exist', async () => {
    const { data: known } = await client.query('{ role(slug: "medical-assistant") { id } }');
    const missing = Buffer.from('Role:999999').toString('base64');
    expect(Buffer.from(known.role.id, 'base64').toString()).toMatch(/^Role:\d+$/);
    const { data, errors } = await client.query('query ($id: ID!) { node(id: $id) { id } }', { id: missing });
    expect(errors).toBeUndefined();
    expect(data.node).toBeNull();
  });

  it('refuses a malformed ID as bad input, naming it', async () => {
    const { errors } = await client.query('{ node(id: "not-a-global-id") { id } }');
    expect(errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(errors?.[0]?.message).toMatch(/not-a-global-id/);
  });

  it('answers null with a NOT_FOUND error naming the argument for an unknown slug in a lookup', async () => {
    const { data, errors } = await client.query(`{
      role(slug: "astronaut") { id } certification(slug: "xyz") { id }
      track(slug: "nowhere") { id } trainingProgram(slug: "none") { id }
    }`);
    expect(data).toEqual({ role: null, certification: null, track: null, trainingProgram: null });
    const named = errors?.map((e) => [e.path?.[0], e.extensions?.code, e.extensions?.argument]);
    expect(named?.sort()).toEqual([
      ['certification', 'NOT_FOUND', 'slug'],
      ['role', 'NOT_FOUND', 'slug'],
      ['track', 'NOT_FOUND', 'slug'],
      ['trainingProgram', 'NOT_FOUND', 'slug'],
    ]);
  });
});
