import { GraphQLError } from 'graphql';
import { socMajorGroupName } from '../db/soc-major-groups.js';
import { builder } from './builder.js';
import { LIST_SIZES, listOf } from './cost.js';
import { bySlug, clip, slugKey } from './errors.js';

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
      complexity: listOf(LIST_SIZES.trackRoles),
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
    resolve: (query, _root, args, { prisma }) => {
      // An O*NET occupation's track ("soc-29"), which toTrack and onlyTracks take with estimated
      // moves, has no record: "No track has the slug" beside an error naming it read as a contradiction.
      const soc = /^soc-(\d{2})$/.exec(slugKey(args.slug));
      const group = soc ? socMajorGroupName(soc[1]!) : null;
      if (soc && group)
        throw new GraphQLError(
          `"${clip(args.slug)}" is the track of the O*NET occupations of SOC major group ${soc[1]}-0000 (${group}), which pathways' toTrack and onlyTracks take with includeEstimated: true; it has no track record here. Its occupations: occupations(majorGroup: "${soc[1]}").`,
          { extensions: { code: 'NOT_FOUND', argument: 'slug', slug: slugKey(args.slug) } },
        );
      return bySlug(prisma, 'track', args.slug, 'slug', (slug) =>
        prisma.track.findUnique({ ...query, where: { slug } }),
      );
    },
  }),
  tracks: t.prismaField({
    type: ['Track'],
    description: 'Every track, by name.',
    resolve: (query, _root, _args, { prisma }) => prisma.track.findMany({ ...query, orderBy: { name: 'asc' } }),
  }),
}));
