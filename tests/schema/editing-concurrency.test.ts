/**
 * Many mutations at once on one app instance: every change queues on the writers' lock holding
 * one pooled connection, so nothing may need a second connection while it waits (the pool has
 * ten; fifty callers would otherwise starve it and all get a false 503 after five seconds).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { PrismaClient } from '../../src/db/client.js';
import { testDatabase } from '../support/database.js';
import { type Client, keyedClient } from '../support/graphql.js';

let prisma: PrismaClient;
let editor: Client;
beforeAll(async () => {
  ({ prisma } = await testDatabase('seeded'));
  editor = await keyedClient(prisma, 'curator-many', 'editor');
});

const UPDATE = `mutation ($input: UpdateRoleInput!) { updateRole(input: $input) {
  role { slug title version } userErrors { field code } } }`;

describe('fifty concurrent mutations on one app', () => {
  it('all finish: one winner per record and version, the others told the version is stale', async () => {
    const roles = await prisma.role.findMany({ select: { slug: true, version: true }, orderBy: { slug: 'asc' } });
    // One record everyone races for, and others each raced for by a few callers.
    const targets = [...Array(20).fill(roles[0]!), ...roles.slice(1, 11).flatMap((r) => [r, r, r])];
    expect(targets).toHaveLength(50);
    const auditBefore = await prisma.auditEvent.count();

    const replies = await Promise.all(
      targets.map((r, i) =>
        editor.query(UPDATE, { input: { slug: r.slug, expectedVersion: r.version, title: `Title ${i}` } }),
      ),
    );

    // No request failed: a starved pool shows up as DATABASE_UNAVAILABLE errors here.
    expect(replies.flatMap((r) => r.errors ?? [])).toEqual([]);
    const distinct = [...new Map(targets.map((r) => [r.slug, r])).values()];
    for (const role of distinct) {
      const mine = replies.filter((_, i) => targets[i]!.slug === role.slug).map((r) => r.data.updateRole);
      const winners = mine.filter((p) => p.userErrors.length === 0);
      expect(winners, role.slug).toHaveLength(1);
      expect(winners[0].role).toMatchObject({ slug: role.slug, version: role.version + 1 });
      for (const loser of mine.filter((p) => p.userErrors.length > 0)) {
        expect(loser.role).toBeNull();
        expect(loser.userErrors).toEqual([{ field: ['input', 'expectedVersion'], code: 'STALE_VERSION' }]);
      }
      const stored = await prisma.role.findUniqueOrThrow({ where: { slug: role.slug } });
      expect(stored).toMatchObject({ version: role.version + 1, title: winners[0].role.title });
    }
    expect(await prisma.auditEvent.count()).toBe(auditBefore + distinct.length);
  });
});
