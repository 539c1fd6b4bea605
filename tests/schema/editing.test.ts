/** Editing through mutations: validation, optimistic locking, audit, and nothing changed on refusal. */
import { beforeAll, describe, expect, it } from 'vitest';
import type { PrismaClient } from '../../src/db/client.js';
import { testDatabase } from '../support/database.js';
import { type Client, graphqlClient, keyedClient } from '../support/graphql.js';

let prisma: PrismaClient;
let editor: Client;
let anonymous: Client;
beforeAll(async () => {
  ({ prisma } = await testDatabase('seeded'));
  editor = await keyedClient(prisma, 'curator-ann', 'editor');
  anonymous = graphqlClient(prisma);
});

const snapshot = async () => ({
  roles: await prisma.role.count(),
  figures: await prisma.laborFigure.count(),
  transitions: await prisma.transition.count(),
  audit: await prisma.auditEvent.count(),
  versions: await prisma.role.findMany({
    select: { slug: true, version: true, title: true },
    orderBy: { slug: 'asc' },
  }),
});

const newRole = {
  slug: 'sterile-processing-technician',
  title: 'Sterile Processing Technician',
  track: 'clinical',
  level: 'INTERMEDIATE',
  summary: 'Prepares operating rooms and assists surgeons.',
  duties: ['Prepare sterile instruments'],
  skills: ['Aseptic technique'],
  workSettings: ['Hospitals'],
  typicalEducation: 'Postsecondary certificate',
  sources: ['researchcom-clinical-vs-admin-ma'],
};

const CREATE = `mutation ($input: CreateRoleInput!) { createRole(input: $input) {
  role { slug title version track { slug } } userErrors { field message code } } }`;
const UPDATE = `mutation ($input: UpdateRoleInput!) { updateRole(input: $input) {
  role { slug title version } userErrors { field message code } } }`;
const DELETE = `mutation ($input: DeleteRoleInput!) { deleteRole(input: $input) {
  role { slug } userErrors { field message code } } }`;

describe('role mutations', () => {
  it('need an API key with the editor scope', async () => {
    const before = await snapshot();
    const { data, errors } = await anonymous.query(CREATE, { input: newRole });
    expect(errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(data?.createRole ?? null).toBeNull();
    expect(await snapshot()).toEqual(before);
  });

  it('create, update with the version read, and delete, each audited with who did it', async () => {
    const source = await prisma.source.findFirstOrThrow();
    const created = await editor.query(CREATE, { input: { ...newRole, sources: [source.slug] } });
    expect(created.errors).toBeUndefined();
    expect(created.data.createRole).toEqual({
      role: { slug: newRole.slug, title: newRole.title, version: 1, track: { slug: 'clinical' } },
      userErrors: [],
    });

    const updated = await editor.query(UPDATE, {
      input: { slug: newRole.slug, expectedVersion: 1, title: 'Sterile Processing Tech' },
    });
    expect(updated.data.updateRole).toEqual({
      role: { slug: newRole.slug, title: 'Sterile Processing Tech', version: 2 },
      userErrors: [],
    });

    const stale = await editor.query(UPDATE, {
      input: { slug: newRole.slug, expectedVersion: 1, title: 'Lost update' },
    });
    expect(stale.data.updateRole.role).toBeNull();
    expect(stale.data.updateRole.userErrors).toEqual([
      {
        field: ['input', 'expectedVersion'],
        code: 'STALE_VERSION',
        message: expect.stringMatching(/version 2, not 1: it changed since you read it/),
      },
    ]);
    // A version ahead of the record's was never read: said so, not "it changed since you read it".
    const ahead = await editor.query(UPDATE, {
      input: { slug: newRole.slug, expectedVersion: 5, title: 'From the future' },
    });
    expect(ahead.data.updateRole.userErrors).toEqual([
      {
        field: ['input', 'expectedVersion'],
        code: 'STALE_VERSION',
        message: expect.stringMatching(/version 2, not 5: no such version has been written/),
      },
    ]);
    expect((await prisma.role.findUniqueOrThrow({ where: { slug: newRole.slug } })).title).toBe(
      'Sterile Processing Tech',
    );

    const deleted = await editor.query(DELETE, { input: { slug: newRole.slug, expectedVersion: 2 } });
    expect(deleted.data.deleteRole).toEqual({ role: null, userErrors: [] });
    expect(await prisma.role.findUnique({ where: { slug: newRole.slug } })).toBeNull();

    const audit = await prisma.auditEvent.findMany({
      where: { entityType: 'Role', entityKey: newRole.slug },
      orderBy: { id: 'asc' },
    });
    expect(audit.map((a) => [a.action, a.actor])).toEqual([
      ['createRole', 'curator-ann'],
      ['updateRole', 'curator-ann'],
      ['deleteRole', 'curator-ann'],
    ]);
    expect(audit[1]!.before).toMatchObject({ title: 'Sterile Processing Technician' });
    expect(audit[1]!.after).toMatchObject({ title: 'Sterile Processing Tech' });
    expect(audit[2]!.after).toBeNull();
  });

  it('refuse bad input with a user error naming the field, and change nothing', async () => {
    const cases: [Record<string, unknown>, string, string][] = [
      [{ ...newRole, slug: 'Bad Slug!' }, 'slug', 'INVALID'],
      [{ ...newRole, track: 'lunar' }, 'track', 'NOT_FOUND'],
      [{ ...newRole, sources: [] }, 'sources', 'INVALID'],
      [{ ...newRole, sources: ['no-such-source'] }, 'sources', 'NOT_FOUND'],
      [{ ...newRole, duties: [] }, 'duties', 'INVALID'],
      [{ ...newRole, socCode: '319092' }, 'socCode', 'INVALID'],
      [{ ...newRole, slug: 'medical-assistant' }, 'input', 'TAKEN'],
    ];
    const before = await snapshot();
    for (const [input, field, code] of cases) {
      const { data, errors } = await editor.query(CREATE, { input });
      expect(errors).toBeUndefined();
      expect(data.createRole.role).toBeNull();
      expect(data.createRole.userErrors[0]).toMatchObject({
        field: field === 'input' ? ['input'] : ['input', field],
        code,
      });
    }
    expect(await snapshot()).toEqual(before);
  });

  it('refuse to delete a role that transitions still use, naming them', async () => {
    const before = await snapshot();
    const ma = await prisma.role.findUniqueOrThrow({ where: { slug: 'medical-assistant' } });
    const { data } = await editor.query(DELETE, { input: { slug: 'medical-assistant', expectedVersion: ma.version } });
    expect(data.deleteRole.role).toBeNull();
    expect(data.deleteRole.userErrors[0]).toMatchObject({
      code: 'IN_USE',
      message: expect.stringMatching(/medical-assistant ->/),
    });
    expect(await snapshot()).toEqual(before);
  });

  it('refuse an update of a role that does not exist', async () => {
    const { data } = await editor.query(UPDATE, { input: { slug: 'astronaut', expectedVersion: 1, title: 'x' } });
    expect(data.updateRole.userErrors[0]).toMatchObject({
      code: 'NOT_FOUND',
      message: expect.stringMatching(/"astronaut"/),
    });
  });
});
