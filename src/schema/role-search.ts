/**
 * `roles`: roles filtered by track, level, free text or a certification a move into them
 * requires, sorted by title, level or a figure, in Relay pages.
 */
import type { PrismaClient } from '../db/client.js';
import type { Prisma } from '../generated/prisma/client.js';
import { builder, type Context } from './builder.js';
import { PAGE, badInput, bySlug, connectionOf, filterCheck, oncePerArgs } from './errors.js';
import { RoleLevel } from './role.js';
import { pageOf } from './paging.js';
import { resolveRoleIds } from './role-figures.js';

const RoleOrderField = builder.enumType('RoleOrderField', {
  description: 'What to sort roles by.',
  values: {
    TITLE: { description: 'Job title, alphabetically.' },
    LEVEL: { description: 'Seniority, entry level first; title breaks ties.' },
    MEDIAN_WAGE: { description: 'Latest national median annual wage; roles without one come last.' },
    GROWTH: {
      description:
        'Latest national projected growth of the role itself: BLS’s projection for its O*NET occupation when the role is that occupation (fit EXACT), or the newest figure a source gives for the role (official first in the same year). A figure about another group (scope OCCUPATION) never ranks a role; roles without one come last.',
    },
  } as const,
});

const OrderDirection = builder.enumType('OrderDirection', {
  description: 'Sort direction.',
  values: { ASC: { description: 'Ascending.' }, DESC: { description: 'Descending.' } } as const,
});

const RoleOrder = builder.inputType('RoleOrder', {
  description: 'How to sort roles.',
  fields: (t) => ({
    field: t.field({ type: RoleOrderField, required: true, description: 'What to sort by.' }),
    direction: t.field({ type: OrderDirection, defaultValue: 'ASC', description: 'Which way. @default ASC' }),
  }),
});

type RoleFilter = {
  track?: string | null;
  level?: string | null;
  search?: string | null;
  certification?: string | null;
};

/** Whether any filter argument is given. */
const filtered = (args: RoleFilter) =>
  args.track != null || args.level != null || args.search != null || args.certification != null;

/** Turns the filter arguments into a Prisma `where`, resolving slugs (unknown ones are NOT_FOUND). */
const roleWhere = oncePerArgs(readRoleWhere);
filterCheck<RoleFilter>('Query.roles', (args, { prisma }) => roleWhere(prisma, args));

async function readRoleWhere(prisma: PrismaClient, args: RoleFilter): Promise<Prisma.RoleWhereInput> {
  if (!filtered(args)) return {};
  const and: Prisma.RoleWhereInput[] = [];
  if (args.track != null) {
    const track = await bySlug(prisma, 'track', args.track, 'track', (slug) =>
      prisma.track.findUnique({ where: { slug }, select: { id: true } }),
    );
    and.push({ trackId: track.id });
  }
  if (args.level != null) and.push({ level: args.level as Prisma.RoleWhereInput['level'] });
  if (args.certification != null) {
    const cert = await bySlug(prisma, 'certification', args.certification, 'certification', (slug) =>
      prisma.certification.findUnique({ where: { slug }, select: { id: true } }),
    );
    and.push({
      incoming: { some: { requirementGroups: { some: { options: { some: { certificationId: cert.id } } } } } },
    });
  }
  if (args.search != null) {
    // Runs of spaces as one: "medical  assistant" found nothing.
    const term = args.search.trim().replace(/\s+/g, ' ');
    if (term.length === 0) throw badInput('search', 'must not be blank.');
    // As occupations' search: "%" or "-" alone answered no roles, read as none there being any.
    if (!/[\p{L}\p{N}]/u.test(term)) throw badInput('search', 'must contain a letter or a digit.');
    // Alternate titles are a text[]; matching inside it case-insensitively needs SQL.
    const pattern = `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const rows = await prisma.$queryRaw<{ id: number }[]>`
      SELECT id FROM role
      WHERE title ILIKE ${pattern} OR EXISTS (SELECT 1 FROM unnest(alternate_titles) AS alt WHERE alt ILIKE ${pattern})`;
    and.push({ id: { in: rows.map((r) => r.id) } });
  }
  return { AND: and };
}

/** The arguments of `roles`: its filters, its order and Relay paging. */
type RoleArgs = RoleFilter & {
  orderBy?: { field: 'TITLE' | 'LEVEL' | 'MEDIAN_WAGE' | 'GROWTH'; direction?: 'ASC' | 'DESC' | null } | null;
  first?: number | null;
  last?: number | null;
};

/** How many roles match the filters of `roles`, across all pages. */
async function countRoles(args: RoleArgs, { prisma }: Context): Promise<number> {
  return prisma.role.count({ where: await roleWhere(prisma, args) });
}

/** The orders `roles` reads pages in, each ending with the id so that cursors are stable. */
const ROLE_ORDERS = {
  TITLE: {
    asc: [{ title: 'asc' }, { id: 'asc' }],
    desc: [{ title: 'desc' }, { id: 'desc' }],
  },
  LEVEL: {
    asc: [{ level: 'asc' }, { title: 'asc' }, { id: 'asc' }],
    desc: [{ level: 'desc' }, { title: 'desc' }, { id: 'desc' }],
  },
} satisfies Record<string, Record<'asc' | 'desc', Prisma.RoleOrderByWithRelationInput[]>>;

/** One page of `roles`: `query` is Pothos' (columns, relations, and the cursor, skip and take). */
async function loadRolePage(query: object, args: RoleArgs, { prisma }: Context): Promise<RolePageRow[]> {
  return readRolePage(prisma, query, await roleWhere(prisma, args), args);
}

type RolePageRow = Awaited<ReturnType<PrismaClient['role']['findMany']>>[number];

function readRolePage(
  prisma: PrismaClient,
  query: object,
  where: Prisma.RoleWhereInput,
  args: RoleArgs,
): Promise<RolePageRow[]> {
  const field = args.orderBy?.field ?? 'TITLE';
  const dir = args.orderBy?.direction === 'DESC' ? 'desc' : 'asc';
  if (field === 'TITLE' || field === 'LEVEL') {
    return prisma.role.findMany({ ...query, where, orderBy: ROLE_ORDERS[field][dir] });
  }
  return readRolePageByFigure(prisma, query, where, field, dir === 'desc');
}

/** A page of roles sorted by a figure: the order is worked out first, then the page's rows read. */
async function readRolePageByFigure(
  prisma: PrismaClient,
  query: object,
  where: Prisma.RoleWhereInput,
  field: 'MEDIAN_WAGE' | 'GROWTH',
  desc: boolean,
): Promise<RolePageRow[]> {
  const ids = pageOf(await resolveRoleIds(prisma, where, field, desc), query as never);
  const rows = await prisma.role.findMany({
    ...query,
    cursor: undefined,
    skip: undefined,
    take: undefined,
    where: { id: { in: ids } },
  });
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

builder.queryFields((t) => ({
  roles: t.prismaConnection(
    {
      type: 'Role',
      nullable: true,
      // By id cursors, 20 rows unless asked, at most 100.
      cursor: 'id',
      defaultSize: PAGE.default,
      maxSize: PAGE.max,
      description: 'Roles, filtered and sorted; by title unless `orderBy` says otherwise.',
      args: {
        track: t.arg.string({ description: 'Only roles on this track (slug).' }),
        level: t.arg({ type: RoleLevel, description: 'Only roles at this level.' }),
        search: t.arg.string({
          description:
            'Only roles whose title or an alternate title contains this text, ignoring case (it must hold a letter or a digit).',
        }),
        certification: t.arg.string({
          description: 'Only roles that a move into requires this certification for (slug).',
        }),
        orderBy: t.arg({ type: RoleOrder, description: 'Sort order. @default {field: TITLE, direction: ASC}' }),
      },
      totalCount: (_parent, args, ctx) => countRoles(args, ctx),
      resolve: (query, _root, args, ctx) => loadRolePage(query, args, ctx),
    },
    ...connectionOf('Role', 'roles'),
  ),
}));
