import { builder } from './builder.js';
import { bySlug } from './errors.js';

export const Track = builder.prismaNode('Track', {
  // node(id:) answers null for an ID whose object no longer exists.
  nullable: true,
  // Select mode, as for Role: only the columns a request asks for, beyond these narrow ones.
  select: { id: true, slug: true, name: true },
  description: 'A family of roles: clinical, administrative, or hybrid (both sides of the practice).',
  id: { field: 'id' },
  fields: (t) => ({
    version: t.exposeInt('version', {
      description: 'Increases with every change; send it back as `expectedVersion` when updating or deleting.',
    }),
    // In the base selection, so read straight off the row (see Role).
    slug: t.string({ description: 'Stable identifier, e.g. "clinical".', resolve: (r) => r.slug }),
    name: t.string({ description: 'Display name.', resolve: (r) => r.name }),
    description: t.exposeString('description', { description: 'What the roles of this track have in common.' }),
    roles: t.relation('roles', {
      description: 'The roles on this track, by title.',
      query: { orderBy: { title: 'asc' } },
    }),
  }),
});

builder.queryFields((t) => ({
  track: t.prismaField({
    type: 'Track',
    nullable: true,
    description:
      'The track with this slug, whatever its case; NOT_FOUND, suggesting the nearest slugs, when there is none.',
    args: { slug: t.arg.string({ required: true, description: 'Track slug, e.g. "administrative".' }) },
    resolve: (query, _root, args, { prisma }) =>
      bySlug(prisma, 'track', args.slug, 'slug', (slug) => prisma.track.findUnique({ ...query, where: { slug } })),
  }),
  tracks: t.prismaField({
    type: ['Track'],
    description: 'Every track, by name.',
    resolve: (query, _root, _args, { prisma }) => prisma.track.findMany({ ...query, orderBy: { name: 'asc' } }),
  }),
}));
