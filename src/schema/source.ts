import { builder } from './builder.js';

export const Source = builder.prismaNode('Source', {
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
