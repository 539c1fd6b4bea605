/**
 * Direct reads (src/db/direct-read.ts) against Prisma on the same database: every model, every
 * argument form the compiler accepts, the same rows in the same order; and what it does not
 * accept is left to Prisma.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createPrisma, directReadSchema, directReads } from '../../src/db/client.js';
import pg from 'pg';
import { constantArgument, DirectReader, type ReadArgs } from '../../src/db/direct-read.js';
import { getDatamodel } from '../../src/generated/pothos-types.js';
import { projectRoot } from '../../src/paths.js';
import { testDatabase } from '../support/database.js';
import { graphqlClient } from '../support/graphql.js';

type Delegate = { findMany(args: unknown): Promise<unknown[]>; findFirst(args: unknown): Promise<unknown> };

let prisma: ReturnType<typeof createPrisma>;
let url: string;
let direct: DirectReader;
const statements: string[] = [];

beforeAll(async () => {
  ({ url } = await testDatabase('seeded'));
  prisma = createPrisma(url, { onQuery: (sql) => statements.push(sql) });
  direct = directReads(prisma)!;
});

const models = getDatamodel().datamodel.models;
const delegate = (model: string) =>
  (prisma as unknown as Record<string, Delegate>)[model[0]!.toLowerCase() + model.slice(1)]!;

/** Every column the direct reader can read: plain scalars and enums (not DateTime, Decimal, Json). */
function plainSelect(model: string): Record<string, true> {
  const select: Record<string, true> = {};
  for (const f of models[model]!.fields) {
    const plain =
      (f.kind === 'enum' && !f.isList) ||
      (f.kind === 'scalar' && (f.isList ? ['String', 'Int'] : ['String', 'Int', 'Boolean']).includes(f.type));
    if (plain) select[f.name] = true;
  }
  return select;
}

/** Plain columns plus every to-one relation's plain columns. */
function wideSelect(model: string): Record<string, unknown> {
  const select: Record<string, unknown> = plainSelect(model);
  for (const f of models[model]!.fields) {
    if (f.kind === 'object' && !f.isList && (f.relationFromFields ?? []).length === 1) {
      select[f.name] = { select: plainSelect(f.type) };
    }
  }
  return select;
}

async function same(model: string, kind: 'findMany' | 'findFirst', args: ReadArgs) {
  const ours = kind === 'findMany' ? direct.findMany(model, args) : direct.findFirst(model, args);
  expect(ours, `${model}.${kind} ${JSON.stringify(args)} is a direct read`).toBeDefined();
  const expected = await delegate(model)[kind](args);
  expect(await ours).toEqual(expected);
  return expected;
}

describe('direct reads', () => {
  // Models whose id is a plain Int (AuditEvent's BigInt id is left to Prisma).
  const withIds = Object.keys(models).filter((m) => models[m]!.fields.some((f) => f.isId && f.type === 'Int'));

  it('join only relations that reference the related id, as the compiler assumes', () => {
    const schema = readFileSync(path.join(projectRoot, 'prisma/schema.prisma'), 'utf8');
    const references = [...schema.matchAll(/references:\s*\[([^\]]*)\]/g)].map((m) => m[1]!.trim());
    expect(references.length).toBeGreaterThan(10);
    expect(references.filter((r) => r !== 'id')).toEqual([]);
  });

  it('read every row of every model with an id, with its to-one relations, as Prisma does', async () => {
    expect(withIds.length).toBeGreaterThan(8);
    for (const model of withIds) {
      const rows = (await same(model, 'findMany', {
        select: wideSelect(model),
        orderBy: [{ id: 'asc' }],
      })) as unknown[];
      if (model !== 'ApiKey') expect(rows.length, model).toBeGreaterThan(0);
    }
  });

  it('page roles the way Prisma does: cursors, skip, negative take, every order', async () => {
    const all = (await prisma.role.findMany({ select: { id: true }, orderBy: { title: 'asc' } })).map((r) => r.id);
    const orders = [
      [{ title: 'asc' }, { id: 'asc' }],
      [{ title: 'desc' }, { id: 'desc' }],
      [{ level: 'asc' }, { title: 'asc' }, { id: 'asc' }],
      [{ level: 'desc' }, { title: 'desc' }, { id: 'desc' }],
      [{ trackId: 'asc' }, { id: 'desc' }],
    ];
    const cursors = [undefined, all[0], all[7], all.at(-1), 999_999];
    // The roles connection always sends a where; a filter on one track also leaves out cursor rows.
    const track = await prisma.track.findFirstOrThrow({ where: { slug: 'clinical' } });
    const wheres = [undefined, { AND: [{ trackId: track.id }] }];
    let compared = 0;
    for (const where of wheres) {
      for (const orderBy of orders) {
        for (const cursor of cursors) {
          for (const take of [undefined, 5, -5, 1, -1, 40]) {
            for (const skip of [undefined, 0, 1, 3]) {
              await same('Role', 'findMany', {
                select: { id: true, slug: true, title: true, track: { select: { id: true, name: true } } },
                where,
                orderBy,
                take,
                skip,
                ...(cursor !== undefined && { cursor: { id: cursor } }),
              });
              compared++;
            }
          }
        }
      }
    }
    expect(compared).toBe(wheres.length * orders.length * cursors.length * 6 * 4);
    // The filter leaves out some of the cursor rows, so both kinds of cursor were compared.
    const inTrack = new Set(
      (await prisma.role.findMany({ select: { id: true }, where: { trackId: track.id } })).map((r) => r.id),
    );
    expect(cursors.some((c) => c !== undefined && c !== 999_999 && !inTrack.has(c))).toBe(true);
    expect(cursors.some((c) => c !== undefined && inTrack.has(c))).toBe(true);
  });

  it('filter on equality, lists, null and AND, as Prisma does', async () => {
    const track = await prisma.track.findFirstOrThrow({ where: { slug: 'clinical' } });
    const some = await prisma.role.findMany({ select: { id: true }, take: 4, orderBy: { id: 'desc' } });
    const select = { id: true, slug: true, level: true, socCode: true, alternateTitles: true };
    const wheres: unknown[] = [
      { slug: 'medical-assistant' },
      { slug: { equals: 'lead-medical-assistant' } },
      { slug: 'no-such-role' },
      { AND: [] },
      { AND: [{ trackId: track.id }, { level: 'ENTRY' }] },
      { AND: [{ trackId: track.id }] },
      { id: { in: some.map((r) => r.id) } },
      { id: { in: [] } },
      { socCode: null },
      { trackId: track.id, level: 'ADVANCED' },
    ];
    for (const where of wheres) {
      await same('Role', 'findMany', { select, where, orderBy: [{ title: 'asc' }, { id: 'asc' }] });
      await same('Role', 'findFirst', { select, where, orderBy: [{ id: 'asc' }] });
    }
    const found = await same('Role', 'findFirst', { select, where: { slug: 'medical-assistant' } });
    expect(found).not.toBeNull();
  });

  it('leave to Prisma what they do not compile, whatever was read before', async () => {
    // The same shape plain first: the cache must not answer the forms below with its plan.
    const plain = { select: { level: true }, where: { trackId: 1 }, orderBy: [{ level: 'asc' }, { id: 'asc' }] };
    await same('Role', 'findMany', plain);
    const unsupported: [string, ReadArgs][] = [
      ['Role', { select: { id: true, figures: true } }],
      ['Role', { select: { id: true, updatedAt: true } }],
      ['Role', { select: { id: true }, where: { title: { contains: 'Assistant' } } }],
      ['Role', { select: { id: true }, where: { OR: [{ id: 1 }] } }],
      ['Role', { select: { id: true }, orderBy: [{ socCode: 'asc' }, { id: 'asc' }], take: 3 }],
      ['Role', { select: { id: true }, orderBy: [{ title: 'asc' }], take: 3 }],
      ['Role', { include: { track: true } }],
      ['Role', { select: { id: true, _count: { select: { outgoing: true } } } }],
      ['Transition', { select: { id: true, minYearsExperience: true } }],
      ['AuditEvent', { select: { actor: true }, orderBy: [{ id: 'asc' }], take: 1 }],
      ['Role', { select: { id: true }, distinct: ['title'] }],
      ['NoSuchModel', { select: { id: true } }],
      ['Role', { ...plain, distinct: ['level'] }],
      ['Role', { ...plain, omit: { id: true } } as ReadArgs],
      ['Role', { ...plain, include: { track: true } }],
      // Values Prisma refuses with an error of its own.
      ['Role', { ...plain, where: { trackId: '1' } }],
      ['Role', { ...plain, where: { trackId: 1.5 } }],
      ['Role', { ...plain, where: { slug: null } }],
      ['Role', { ...plain, where: { level: 'NO_SUCH_LEVEL' } }],
      ['Role', { ...plain, where: { id: { in: [1, null] } } }],
      ['Role', { ...plain, cursor: { id: '5' }, take: 2 }],
      ['Role', { ...plain, cursor: { id: 1.5 }, take: 2 }],
      ['Role', { ...plain, cursor: null } as unknown as ReadArgs],
      ['Role', { ...plain, skip: null } as unknown as ReadArgs],
      ['Role', { ...plain, skip: -1 }],
      ['Role', { ...plain, orderBy: [null, { id: 'asc' }] }],
      ['Role', { select: {} }],
      ['Role', { select: { id: false } }],
      ['Role', { select: { id: true, track: { select: {} } } }],
    ];
    for (const [model, args] of unsupported) {
      expect(direct.findMany(model, args), JSON.stringify(args)).toBeUndefined();
    }
  });

  it('serve role(slug) and the first page of roles through one direct statement each', async () => {
    const { query } = graphqlClient(prisma);
    statements.length = 0;
    const one = await query(`{ role(slug: "medical-assistant") { title track { name } } }`);
    expect(one.errors).toBeUndefined();
    expect(one.data.role).toEqual({ title: 'Medical Assistant', track: { name: expect.any(String) } });
    expect(statements).toHaveLength(1);
    expect(statements[0]).toMatch(
      /^SELECT .* FROM "public"."role" t0 LEFT JOIN "public"."track" t1 ON .* WHERE t0\."slug" = \$1 LIMIT 1$/,
    );

    statements.length = 0;
    const page = await query(
      `{ roles(first: 3, orderBy: { field: TITLE, direction: DESC }) { edges { node { slug } } } }`,
    );
    expect(page.errors).toBeUndefined();
    const expected = await prisma.role.findMany({
      select: { slug: true },
      orderBy: [{ title: 'desc' }, { id: 'desc' }],
      take: 3,
    });
    expect(page.data.roles.edges.map((e: { node: unknown }) => e.node)).toEqual(expected);
    expect(statements[0]).toMatch(/^SELECT t0\./);
  });

  /** A reader of its own on a one-connection pool, so that prepared statements can be inspected. */
  async function ownReader<T>(task: (reader: DirectReader, pool: pg.Pool, index: number) => Promise<T>, readers = 1) {
    const pool = new pg.Pool({ connectionString: url, max: 1 });
    try {
      const made = Array.from({ length: readers }, () => new DirectReader(pool, directReadSchema(prisma)!));
      for (const [index, reader] of made.entries()) await task(reader, pool, index);
    } finally {
      await pool.end();
    }
  }

  it('name each statement after its text, so readers sharing connections never clash', async () => {
    // Two readers, one connection, each with its own first statement (different SQL): names that
    // depended on a reader's own count would collide, and node-postgres would refuse the second.
    const reads = [
      { select: { slug: true }, where: { slug: 'medical-assistant' } },
      { select: { title: true }, where: { slug: 'medical-assistant' } },
    ];
    await ownReader(async (reader, _pool, index) => {
      expect(await reader.findFirst('Role', reads[index]!)).toEqual(await prisma.role.findFirst(reads[index] as never));
    }, 2);
  });

  it('prepare at most 256 statements on a connection; later shapes still read right, unnamed', async () => {
    const { id } = await prisma.role.findFirstOrThrow({ select: { id: true } });
    await ownReader(async (reader, pool) => {
      for (let i = 0; i < 300; i++) {
        // 300 distinct shapes: AND lists of 1 to 150 conditions, in either order.
        const where = { AND: Array.from({ length: (i % 150) + 1 }, () => ({ id })) };
        const args = { select: { id: true }, where, orderBy: [{ id: i < 150 ? 'asc' : 'desc' }] };
        expect(await reader.findMany('Role', args as ReadArgs)).toEqual(await prisma.role.findMany(args as never));
      }
      const args = { select: { slug: true }, orderBy: [{ title: 'desc' }, { id: 'desc' }], take: 3 };
      expect(await reader.findMany('Role', args)).toEqual(await prisma.role.findMany(args as never));
      const prepared = await pool.query<{ statement: string }>('SELECT statement FROM pg_prepared_statements');
      expect(prepared.rows).toHaveLength(256);
      expect(prepared.rows.some((r) => r.statement.includes('ORDER BY t0."title" DESC'))).toBe(false);
    });
  });

  it('find the plan of frozen arguments by identity, with the rows Prisma reads', async () => {
    const all = (await prisma.role.findMany({ select: { id: true }, orderBy: { title: 'asc' } })).map((r) => r.id);
    const track = await prisma.track.findFirstOrThrow({ where: { slug: 'clinical' } });
    const select = constantArgument({ id: true, slug: true, track: { select: { id: true, name: true } } });
    const orders = [
      constantArgument([{ title: 'asc' }, { id: 'asc' }]),
      constantArgument([{ level: 'desc' }, { title: 'desc' }, { id: 'desc' }]),
    ];
    const wheres = [undefined, constantArgument({ trackId: track.id }), constantArgument({})];
    const reads: ['findMany' | 'findFirst', ReadArgs][] = [];
    for (const where of wheres) {
      for (const orderBy of orders) {
        reads.push(['findFirst', { select, where, orderBy }]);
        for (const cursor of [undefined, all[3]]) {
          for (const take of [undefined, 4, -4]) {
            for (const skip of [undefined, 1]) {
              const paging = { take, skip, ...(cursor !== undefined && { cursor: { id: cursor } }) };
              reads.push(['findMany', { select, where, orderBy, ...paging }]);
            }
          }
        }
      }
    }
    // Each read has a shape of its own: planned by its JSON key the first time, by identity after.
    for (const pass of [0, 1]) {
      const before = direct.foundByIdentity;
      for (const [kind, args] of reads) await same('Role', kind, args);
      expect(direct.foundByIdentity - before).toBe(pass === 0 ? 0 : reads.length);
    }
    // Other values of the same shape: the same plan, the rows for these values.
    const before = direct.foundByIdentity;
    for (const take of [2, 3, 7])
      await same('Role', 'findMany', { select, where: wheres[1], orderBy: orders[0], take });
    expect(direct.foundByIdentity - before).toBe(3);
  });

  it('never find a plan by identity for objects that can still change', async () => {
    const before = direct.foundByIdentity;
    // Mutable arguments, read twice.
    const open = { select: { id: true, slug: true }, orderBy: [{ id: 'asc' }], take: 2 } as ReadArgs;
    await same('Role', 'findMany', open);
    await same('Role', 'findMany', open);
    // Frozen on top, but with a nested selection that is not: changing it must change the read.
    const nested = { select: { id: true } as Record<string, boolean> };
    const select = Object.freeze({ slug: true, track: nested });
    const orderBy = constantArgument([{ id: 'asc' }]);
    await same('Role', 'findMany', { select, orderBy, take: 2 });
    nested.select = { id: true, name: true };
    const rows = (await same('Role', 'findMany', { select, orderBy, take: 2 })) as { track: { name?: string } }[];
    expect(rows[0]!.track.name).toEqual(expect.any(String));
    expect(direct.foundByIdentity).toBe(before);
  });

  it('never take a null where, or an empty cursor, for an absent one when finding by identity', async () => {
    const select = constantArgument({ id: true, slug: true });
    const orderBy = constantArgument([{ title: 'asc' }, { id: 'asc' }]);
    await same('Role', 'findMany', { select, orderBy, take: 2 });
    await same('Role', 'findMany', { select, orderBy, take: 2 });
    // Neither compiles (the compiler refuses both), so both are left to Prisma.
    expect(direct.findMany('Role', { select, where: null, orderBy, take: 2 } as ReadArgs)).toBeUndefined();
    expect(direct.findMany('Role', { select, orderBy, take: 2, cursor: {} })).toBeUndefined();
  });

  it('select columns in one order however the fields are ordered, so field order makes no new statement', async () => {
    statements.length = 0;
    const forward = { select: { id: true, slug: true, title: true, track: { select: { name: true, id: true } } } };
    const backward = { select: { track: { select: { id: true, name: true } }, title: true, slug: true, id: true } };
    for (const args of [forward, backward]) {
      await same('Role', 'findMany', { ...args, orderBy: [{ id: 'asc' }], take: 2 } as ReadArgs);
    }
    const direct = statements.filter((sql) => sql.includes('FROM "public"."role" t0'));
    expect(direct).toHaveLength(2);
    expect(direct[0]).toBe(direct[1]);
  });
});
