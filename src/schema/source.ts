import type { Prisma } from '../generated/prisma/client.js';
import { builder } from './builder.js';
import { PAGE, checkPageSize, connectionOf, notFound } from './errors.js';

export const Source = builder.prismaNode('Source', {
  // node(id:) answers null for an ID whose object no longer exists.
  nullable: true,
  description:
    'Where a fact comes from. Official sources are agencies and certifying bodies; secondary sources are articles that may quote them.',
  id: { field: 'id' },
  fields: (t) => ({
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
        checkPageSize(args);
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

async function sourceWhere(
  prisma: import('../db/client.js').PrismaClient,
  args: { official?: boolean | null; publisher?: string | null },
): Promise<Prisma.SourceWhereInput> {
  const where: Prisma.SourceWhereInput = {};
  if (args.official != null) where.official = args.official;
  if (args.publisher) {
    const publisher = await prisma.organization.findUnique({ where: { slug: args.publisher }, select: { id: true } });
    if (!publisher) throw notFound('organization', args.publisher, 'publisher');
    where.publisherId = publisher.id;
  }
  return where;
}
