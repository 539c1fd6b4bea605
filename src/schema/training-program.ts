import { Credential as Credentials } from '../generated/prisma/enums.js';
import { builder } from './builder.js';
import { editingMutations, type InputFields, merge } from './editing.js';
import { PAGE, checkPageSize, connectionOf } from './errors.js';
import { Source } from './source.js';

const Credential = builder.enumType(Credentials, {
  name: 'Credential',
  description: 'What a training program awards.',
  values: {
    CERTIFICATE: { description: 'A certificate of completion.' },
    DIPLOMA: { description: 'A diploma.' },
    ASSOCIATE: { description: 'An associate degree.' },
    BACHELOR: { description: 'A bachelor’s degree.' },
    MASTER: { description: 'A master’s degree.' },
  },
});

export const TrainingProgram = builder.prismaNode('TrainingProgram', {
  // node(id:) answers null for an ID whose object no longer exists.
  nullable: true,
  description: 'A kind of training a move can require, with its typical length and cost.',
  id: { field: 'id' },
  fields: (t) => ({
    version: t.exposeInt('version', {
      description: 'Increases with every change; send it back as `expectedVersion` when updating or deleting.',
    }),
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

// ---- editing ---------------------------------------------------------------------------------

const programFields = (t: InputFields, required: boolean) => ({
  name: t.string({ required, description: 'Display name.' }),
  credential: t.field({ type: Credential, required, description: 'What completing it awards.' }),
  minMonths: t.int({ required, description: 'Shortest typical length, in months.' }),
  maxMonths: t.int({ required, description: 'Longest typical length, in months.' }),
  typicalCostUsd: t.int({ description: 'Typical tuition in US dollars, where a source gives one.' }),
  description: t.string({ required, description: 'What the program covers and what its figures rest on.' }),
  sources: t.stringList({ required, description: 'Slugs of the sources (at least one).' }),
});

editingMutations({
  kind: 'training-programs',
  name: 'TrainingProgram',
  field: 'trainingProgram',
  ref: TrainingProgram,
  identity: {
    create: (t) => ({ slug: t.string({ required: true, description: 'Slug of the program.' }) }),
    existing: (t) => ({ slug: t.string({ required: true, description: 'Slug of the program.' }) }),
  },
  fields: programFields,
  key: (input: { slug: string }) => input.slug,
  toRecord: (input, existing) => {
    const { minMonths, maxMonths, ...rest } = input;
    return { ...merge(existing, rest), months: merge(existing?.months, { min: minMonths, max: maxMonths }) };
  },
  names: { 'months.min': 'minMonths', 'months.max': 'maxMonths', months: 'minMonths' },
  load: (ctx, slug) => ctx.prisma.trainingProgram.findUnique({ where: { slug } }),
  version: async (ctx, slug) =>
    (await ctx.prisma.trainingProgram.findUnique({ where: { slug }, select: { version: true } }))?.version ?? null,
  deleteDescription: 'Deletes a training program; refused while moves or eligibility routes require it.',
});
