import type { Prisma } from '../generated/prisma/client.js';
import { builder } from './builder.js';
import { editingMutations, type InputFields, merge } from './editing.js';
import { PAGE, bySlug, connectionOf, filterCheck, oncePerArgs } from './errors.js';

export const Source = builder.prismaNode('Source', {
  // node(id:) answers null for an ID whose object no longer exists.
  nullable: true,
  description:
    'Where a fact comes from. Official sources are agencies and certifying bodies; secondary sources are articles that may quote them.',
  id: { field: 'id' },
  fields: (t) => ({
    version: t.exposeInt('version', {
      description: 'Increases with every change; send it back as `expectedVersion` when updating or deleting.',
    }),
    slug: t.exposeString('slug', { description: 'Stable identifier.' }),
    title: t.exposeString('title', { description: 'Title as published.' }),
    publisher: t.relation('publisher', { description: 'Who published it.' }),
    url: t.exposeString('url', { nullable: true, description: 'Where it can be read, where known.' }),
    year: t.exposeInt('year', { description: 'Year of publication or of the data it reports.' }),
    official: t.exposeBoolean('official', {
      description: 'True for official sources (BLS, certifying bodies); false for secondary ones.',
    }),
    note: t.exposeString('note', { nullable: true, description: 'Curator’s note on how the source was used.' }),
  }),
});

builder.queryFields((t) => ({
  sources: t.prismaConnection(
    {
      type: 'Source',
      nullable: true,
      cursor: 'id',
      defaultSize: PAGE.default,
      maxSize: PAGE.max,
      description: 'Every source the dataset cites, newest first.',
      args: {
        official: t.arg.boolean({ description: 'Only official sources (true) or only secondary ones (false).' }),
        publisher: t.arg.string({ description: 'Only sources from this publisher (organization slug).' }),
      },
      totalCount: async (_parent, args, { prisma }) => prisma.source.count({ where: await sourceWhere(prisma, args) }),
      resolve: async (query, _root, args, { prisma }) => {
        return prisma.source.findMany({
          ...query,
          where: await sourceWhere(prisma, args),
          orderBy: [{ year: 'desc' }, { title: 'asc' }, { id: 'asc' }],
        });
      },
    },
    ...connectionOf('Source', 'sources'),
  ),
}));

type SourceFilter = { official?: boolean | null; publisher?: string | null };

const sourceWhere = oncePerArgs(readSourceWhere);
filterCheck<SourceFilter>('Query.sources', (args, { prisma }) => sourceWhere(prisma, args));

async function readSourceWhere(
  prisma: import('../db/client.js').PrismaClient,
  args: SourceFilter,
): Promise<Prisma.SourceWhereInput> {
  const where: Prisma.SourceWhereInput = {};
  if (args.official != null) where.official = args.official;
  // An empty slug is an unknown one (NOT_FOUND), not the absence of a filter.
  if (args.publisher != null) {
    const publisher = await bySlug(prisma, 'organization', args.publisher, 'publisher', (slug) =>
      prisma.organization.findUnique({ where: { slug }, select: { id: true } }),
    );
    where.publisherId = publisher.id;
  }
  return where;
}

// ---- editing ---------------------------------------------------------------------------------

const sourceFields = (t: InputFields, required: boolean) => ({
  title: t.string({ required, description: 'Title as published.' }),
  publisher: t.string({ required, description: 'Slug of the publishing organization.' }),
  url: t.string({ description: 'Where it can be read: an absolute http:// or https:// URL.' }),
  year: t.int({ required, description: 'Year of publication or of its data.' }),
  official: t.boolean({
    required,
    description: 'True for agencies and certifying bodies, false for secondary sources.',
  }),
  note: t.string({ description: 'Curator’s note.' }),
});

editingMutations({
  kind: 'sources',
  name: 'Source',
  field: 'source',
  ref: Source,
  identity: {
    create: (t) => ({ slug: t.string({ required: true, description: 'Slug of the source.' }) }),
    existing: (t) => ({ slug: t.string({ required: true, description: 'Slug of the source.' }) }),
  },
  fields: sourceFields,
  key: (input: { slug: string }) => input.slug,
  toRecord: (input, existing) => merge(existing, input),
  load: (ctx, slug) => ctx.prisma.source.findUnique({ where: { slug } }),
  version: async (db, slug) =>
    (await db.source.findUnique({ where: { slug }, select: { version: true } }))?.version ?? null,
  deleteDescription: 'Deletes a source; refused while anything still cites it.',
});
