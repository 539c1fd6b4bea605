import { builder } from './builder.js';
import { PAGE, checkPageSize, connectionOf } from './errors.js';
import { Source } from './source.js';

export const Credential = builder.enumType('Credential', {
  description: 'What a training program awards.',
  values: {
    CERTIFICATE: { description: 'A certificate of completion.' },
    DIPLOMA: { description: 'A diploma.' },
    ASSOCIATE: { description: 'An associate degree.' },
    BACHELOR: { description: 'A bachelor’s degree.' },
    MASTER: { description: 'A master’s degree.' },
  } as const,
});

export const TrainingProgram = builder.prismaNode('TrainingProgram', {
  // node(id:) answers null for an ID whose object no longer exists.
  nullable: true,
  description: 'A kind of training a move can require, with its typical length and cost.',
  id: { field: 'id' },
  fields: (t) => ({
    slug: t.exposeString('slug', { description: 'Stable identifier, e.g. "practical-nursing-program".' }),
    name: t.exposeString('name', { description: 'Display name.' }),
    credential: t.expose('credential', { type: Credential, description: 'What completing it awards.' }),
    minMonths: t.exposeInt('minMonths', { description: 'Shortest typical length, in months.' }),
    maxMonths: t.exposeInt('maxMonths', { description: 'Longest typical length, in months.' }),
    typicalCostUsd: t.exposeInt('typicalCostUsd', {
      nullable: true,
      description: 'Typical tuition in US dollars; null where no source gives one.',
    }),
    description: t.exposeString('description', { description: 'What the program covers.' }),
    sources: t.field({
      type: [Source],
      description: 'Where the program facts come from.',
      select: (_args, _ctx, nested) => ({ sources: { select: { source: nested(true) } } }),
      resolve: (p) => p.sources.map((s) => s.source),
    }),
  }),
});

builder.queryFields((t) => ({
  trainingProgram: t.prismaField({
    type: 'TrainingProgram',
    nullable: true,
    description: 'The training program with this slug, or null.',
    args: { slug: t.arg.string({ required: true, description: 'Program slug.' }) },
    resolve: (query, _root, { slug }, { prisma }) => prisma.trainingProgram.findUnique({ ...query, where: { slug } }),
  }),
  trainingPrograms: t.prismaConnection(
    {
      type: 'TrainingProgram',
      cursor: 'id',
      defaultSize: PAGE.default,
      maxSize: PAGE.max,
      description: 'Training programs, shortest first.',
      args: { credential: t.arg({ type: Credential, description: 'Only programs awarding this credential.' }) },
      totalCount: (_parent, args, { prisma }) =>
        prisma.trainingProgram.count({ where: args.credential ? { credential: args.credential } : {} }),
      resolve: (query, _root, args, { prisma }) => {
        checkPageSize(args);
        return prisma.trainingProgram.findMany({
          ...query,
          where: args.credential ? { credential: args.credential } : {},
          orderBy: [{ minMonths: 'asc' }, { name: 'asc' }, { id: 'asc' }],
        });
      },
    },
    ...connectionOf('TrainingProgram', 'training programs'),
  ),
}));
