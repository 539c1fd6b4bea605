import type { Prisma } from '../generated/prisma/client.js';
import { builder, type Context } from './builder.js';
import { editingMutations, type InputFields, merge } from './editing.js';
import { PAGE, badInput, checkPageSize, connectionOf, notFound } from './errors.js';
import { Certification } from './certification.js';
import { isWage, LaborFigure, latestMedianWage } from './figure.js';
import { Source } from './source.js';

export const RoleLevel = builder.enumType('RoleLevel', {
  description: 'How senior a role is, from entry level to executive.',
  values: {
    ENTRY: { description: 'Entry level: no prior experience in the field required.' },
    INTERMEDIATE: { description: 'Needs some experience or an extra credential.' },
    ADVANCED: { description: 'A licensed or degree-level professional role.' },
    SUPERVISORY: { description: 'Leads or coordinates others.' },
    MANAGEMENT: { description: 'Manages an office, practice or department.' },
    EXECUTIVE: { description: 'Runs an organisation or a large part of one.' },
  } as const,
});

const figureQuery = {
  orderBy: [{ year: 'desc' }, { id: 'asc' }],
  include: { source: true },
} satisfies Prisma.Role$figuresArgs;

export const Role = builder.prismaNode('Role', {
  // node(id:) answers null for an ID whose object no longer exists.
  nullable: true,
  // Select mode: a query loads these narrow columns plus what the request's fields need, not every
  // column. The long text and text[] columns (summary, duties, skills...) are most of a row's bytes
  // and of the time spent reading and converting it, and most requests do not ask for them.
  // Code that works with role rows itself (pathway summaries) may rely on these four.
  select: { id: true, slug: true, title: true, trackId: true },
  description: 'A job in healthcare support, with its duties, pay, outlook and the moves into and out of it.',
  id: { field: 'id' },
  fields: (t) => ({
    version: t.exposeInt('version', {
      description: 'Increases with every change; send it back as `expectedVersion` when updating or deleting.',
    }),
    // Read straight off the row: these columns are in the type's base selection, so always loaded,
    // and an exposed field in select mode costs per-row bookkeeping to check that it was.
    slug: t.string({ description: 'Stable identifier, e.g. "clinical-medical-assistant".', resolve: (r) => r.slug }),
    title: t.string({ description: 'Usual job title.', resolve: (r) => r.title }),
    alternateTitles: t.exposeStringList('alternateTitles', {
      description: 'Other titles employers use for the role (e.g. MAA, MOA).',
    }),
    track: t.relation('track', { description: 'The track the role belongs to.' }),
    level: t.expose('level', { type: RoleLevel, description: 'How senior the role is.' }),
    summary: t.exposeString('summary', { description: 'The role in a sentence or two.' }),
    duties: t.exposeStringList('duties', { description: 'What the job involves day to day.' }),
    skills: t.exposeStringList('skills', { description: 'Skills the job calls for.' }),
    workSettings: t.exposeStringList('workSettings', { description: 'Where people in this role work.' }),
    typicalEducation: t.exposeString('typicalEducation', { description: 'The usual education for entry.' }),
    socCode: t.exposeString('socCode', {
      nullable: true,
      description: 'Standard Occupational Classification code, where one applies (e.g. 31-9092).',
    }),
    wages: t.field({
      type: [LaborFigure],
      description: 'Every wage figure for the role, newest first, each with its source.',
      select: (_args, _ctx, nested) => ({ figures: nested(figureQuery) }),
      resolve: (role) => role.figures.filter(isWage),
    }),
    outlook: t.field({
      type: [LaborFigure],
      description: 'Every employment and growth figure for the role, newest first, each with its source.',
      select: (_args, _ctx, nested) => ({ figures: nested(figureQuery) }),
      resolve: (role) => role.figures.filter((f) => !isWage(f)),
    }),
    latestMedianWage: t.field({
      type: LaborFigure,
      nullable: true,
      description:
        'The most recent national median annual wage, official sources first when years tie; null when there is none.',
      select: (_args, _ctx, nested) => ({ figures: nested(figureQuery) }),
      resolve: (role) => latestMedianWage(role.figures),
    }),
    nextSteps: t.relation('outgoing', {
      description: 'Moves out of this role.',
      query: { orderBy: { id: 'asc' } },
    }),
    previousSteps: t.relation('incoming', {
      description: 'Moves into this role.',
      query: { orderBy: { id: 'asc' } },
    }),
    entryCertifications: t.field({
      type: [Certification],
      description: 'The certifications that the moves into this role ask for, by acronym.',
      select: (_args, _ctx, nested) => ({
        incoming: {
          select: {
            requirementGroups: { select: { options: { select: { certification: nested(true) } } } },
          },
        },
      }),
      resolve: (role) => {
        const all = role.incoming.flatMap((tr) =>
          tr.requirementGroups.flatMap((g) => g.options.map((o) => o.certification)),
        );
        return [...new Map(all.map((c) => [c.id, c])).values()].sort((a, b) => a.acronym.localeCompare(b.acronym));
      },
    }),
    sources: t.field({
      type: [Source],
      description: 'The sources the role’s description rests on.',
      select: (_args, _ctx, nested) => ({ sources: { select: { source: nested(true) } } }),
      resolve: (role) => role.sources.map((s) => s.source),
    }),
  }),
});

export const RoleOrderField = builder.enumType('RoleOrderField', {
  description: 'What to sort roles by.',
  values: {
    TITLE: { description: 'Job title, alphabetically.' },
    LEVEL: { description: 'Seniority, entry level first; title breaks ties.' },
    MEDIAN_WAGE: { description: 'Latest national median annual wage; roles without one come last.' },
    GROWTH: { description: 'Latest national projected growth; roles without one come last.' },
  } as const,
});

export const OrderDirection = builder.enumType('OrderDirection', {
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
const filtered = (args: RoleFilter) => !!(args.track || args.level || args.search != null || args.certification);

/** Turns the filter arguments into a Prisma `where`, resolving slugs (unknown ones are NOT_FOUND). */
async function roleWhere(
  prisma: Parameters<typeof resolveRoleIds>[0],
  args: RoleFilter,
): Promise<Prisma.RoleWhereInput> {
  if (!filtered(args)) return {};
  const and: Prisma.RoleWhereInput[] = [];
  if (args.track) {
    const track = await prisma.track.findUnique({ where: { slug: args.track }, select: { id: true } });
    if (!track) throw notFound('track', args.track, 'track');
    and.push({ trackId: track.id });
  }
  if (args.level) and.push({ level: args.level as Prisma.RoleWhereInput['level'] });
  if (args.certification) {
    const cert = await prisma.certification.findUnique({ where: { slug: args.certification }, select: { id: true } });
    if (!cert) throw notFound('certification', args.certification, 'certification');
    and.push({
      incoming: { some: { requirementGroups: { some: { options: { some: { certificationId: cert.id } } } } } },
    });
  }
  if (args.search != null) {
    const term = args.search.trim();
    if (term.length === 0) throw badInput('search', 'must not be blank.');
    // Alternate titles are a text[]; matching inside it case-insensitively needs SQL.
    const pattern = `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const rows = await prisma.$queryRaw<{ id: number }[]>`
      SELECT id FROM role
      WHERE title ILIKE ${pattern} OR EXISTS (SELECT 1 FROM unnest(alternate_titles) AS alt WHERE alt ILIKE ${pattern})`;
    and.push({ id: { in: rows.map((r) => r.id) } });
  }
  return { AND: and };
}

type Db = import('../db/client.js').PrismaClient;

/** Role IDs matching `where`, sorted by a figure (latest national median wage or growth). */
async function resolveRoleIds(
  prisma: Db,
  where: Prisma.RoleWhereInput,
  field: 'MEDIAN_WAGE' | 'GROWTH',
  desc: boolean,
) {
  const kind = field === 'MEDIAN_WAGE' ? 'MEDIAN_WAGE' : 'PROJECTED_GROWTH';
  const unit = field === 'MEDIAN_WAGE' ? 'USD_PER_YEAR' : 'PERCENT';
  const roles = await prisma.role.findMany({
    where,
    select: {
      id: true,
      title: true,
      figures: {
        where: { kind, unit, geography: 'US' },
        orderBy: [{ year: 'desc' }, { id: 'asc' }],
        include: { source: { select: { official: true } } },
      },
    },
  });
  const keyed = roles.map((r) => {
    const latest = [...r.figures].sort(
      (a, b) => b.year - a.year || Number(b.source.official) - Number(a.source.official) || a.id - b.id,
    )[0];
    return { id: r.id, title: r.title, key: latest?.value?.toNumber() ?? null };
  });
  keyed.sort((a, b) => {
    if (a.key === null || b.key === null)
      return a.key === b.key ? a.title.localeCompare(b.title) : a.key === null ? 1 : -1;
    return (desc ? b.key - a.key : a.key - b.key) || a.title.localeCompare(b.title) || a.id - b.id;
  });
  return keyed.map((r) => r.id);
}

/** Applies Prisma's cursor semantics (cursor, skip, signed take) to an ordered list of IDs. */
function pageOf(ids: number[], query: { cursor?: { id: number }; skip?: number; take?: number }): number[] {
  const take = query.take ?? ids.length;
  const skip = query.skip ?? 0;
  let start = 0;
  if (query.cursor) {
    start = ids.indexOf(query.cursor.id);
    if (start < 0) return [];
  } else if (take < 0) start = ids.length - 1;
  if (take >= 0) return ids.slice(start + skip, start + skip + take);
  const end = start - skip + 1;
  return ids.slice(Math.max(0, end + take), Math.max(0, end));
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
  checkPageSize(args);
  return readRolePage(prisma, query, await roleWhere(prisma, args), args);
}

type RolePageRow = Awaited<ReturnType<Db['role']['findMany']>>[number];

function readRolePage(prisma: Db, query: object, where: Prisma.RoleWhereInput, args: RoleArgs): Promise<RolePageRow[]> {
  const field = args.orderBy?.field ?? 'TITLE';
  const dir = args.orderBy?.direction === 'DESC' ? 'desc' : 'asc';
  if (field === 'TITLE' || field === 'LEVEL') {
    return prisma.role.findMany({ ...query, where, orderBy: ROLE_ORDERS[field][dir] });
  }
  return readRolePageByFigure(prisma, query, where, field, dir === 'desc');
}

/** A page of roles sorted by a figure: the order is worked out first, then the page's rows read. */
async function readRolePageByFigure(
  prisma: Db,
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

/** How `roles` pages: by id cursors, 20 rows unless asked, at most 100. */
const ROLE_PAGING = { cursor: 'id', defaultSize: PAGE.default, maxSize: PAGE.max } as const;

builder.queryFields((t) => ({
  role: t.prismaField({
    type: 'Role',
    nullable: true,
    description: 'The role with this slug, or null.',
    args: { slug: t.arg.string({ required: true, description: 'Role slug, e.g. "medical-assistant".' }) },
    // One row: its to-one relations (track) and short lists cost one SQL query joined, not one per
    // relation. findFirst on the unique slug is the same SQL as findUnique without findUnique's
    // batching machinery, which only ever batches calls made in the same tick (never two requests).
    resolve: (query, _root, { slug }, { prisma }) =>
      prisma.role.findFirst({ ...query, where: { slug }, relationLoadStrategy: 'join' }),
  }),
  roles: t.prismaConnection(
    {
      type: 'Role',
      ...ROLE_PAGING,
      description: 'Roles, filtered and sorted; by title unless `orderBy` says otherwise.',
      args: {
        track: t.arg.string({ description: 'Only roles on this track (slug).' }),
        level: t.arg({ type: RoleLevel, description: 'Only roles at this level.' }),
        search: t.arg.string({
          description: 'Only roles whose title or an alternate title contains this text, ignoring case.',
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

// ---- editing ---------------------------------------------------------------------------------

const roleInputFields = (t: InputFields, required: boolean) => ({
  title: t.string({ required, description: 'Usual job title.' }),
  alternateTitles: t.stringList({ description: 'Other titles employers use.' }),
  track: t.string({ required, description: 'Slug of the track.' }),
  level: t.field({ type: RoleLevel, required, description: 'How senior the role is.' }),
  summary: t.string({ required, description: 'The role in a sentence or two.' }),
  duties: t.stringList({ required, description: 'What the job involves (at least one).' }),
  skills: t.stringList({ required, description: 'Skills it calls for (at least one).' }),
  workSettings: t.stringList({ required, description: 'Where people in the role work (at least one).' }),
  typicalEducation: t.string({ required, description: 'The usual education for entry.' }),
  socCode: t.string({ description: 'SOC code such as 31-9092, where one applies.' }),
  sources: t.stringList({ required, description: 'Slugs of the sources the description rests on (at least one).' }),
});

editingMutations({
  kind: 'roles',
  name: 'Role',
  field: 'role',
  ref: Role,
  identity: {
    create: (t) => ({
      slug: t.string({ required: true, description: 'Slug of the role, e.g. "surgical-technologist".' }),
    }),
    existing: (t) => ({
      slug: t.string({ required: true, description: 'Slug of the role, e.g. "surgical-technologist".' }),
    }),
  },
  fields: roleInputFields,
  key: (input: { slug: string }) => input.slug,
  toRecord: (input, existing) => merge(existing, input),
  load: (ctx, slug) => ctx.prisma.role.findUnique({ where: { slug } }),
  version: async (ctx, slug) =>
    (await ctx.prisma.role.findUnique({ where: { slug }, select: { version: true } }))?.version ?? null,
  cascade: [{ kind: 'figures', belongs: (figure: { role: string }, slug) => figure.role === slug }],
  deleteDescription: 'Deletes a role with its figures; refused while transitions lead to or from it.',
});
