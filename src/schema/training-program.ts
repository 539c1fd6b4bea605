import { Credential as Credentials } from '../generated/prisma/enums.js';
import { builder } from './builder.js';
import { defined, editingMutations, type InputFields, merge } from './editing.js';
import { PAGE, bySlug, connectionOf } from './errors.js';
import type { Source as SourceRow } from '../generated/prisma/client.js';
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

const CostSchools = builder.enumType('CostSchools', {
  description: 'Which schools an IPEDS cost median describes.',
  values: {
    ALL_PROGRAM_REPORTERS: {
      description:
        'All IPEDS program reporters (mostly vocational schools; public, non-profit and for-profit) whose largest program has the CIP code and that report a charge.',
    },
    PUBLIC_PROGRAM_REPORTERS: { description: 'The public ones among them.' },
  } as const,
});

type Cost = {
  usd: number;
  year: number;
  source: SourceRow;
  schools: 'ALL_PROGRAM_REPORTERS' | 'PUBLIC_PROGRAM_REPORTERS' | null;
  schoolCount: number | null;
  cipCode: string | null;
};

const ProgramCost = builder.objectRef<Cost>('ProgramCost').implement({
  description: 'A program’s typical cost with where it comes from.',
  fields: (t) => ({
    usd: t.int({
      description: 'US dollars: tuition and fees for the whole program (for IPEDS, a median).',
      resolve: (c) => c.usd,
    }),
    year: t.int({
      description: 'The year the cost describes (for IPEDS, the first of the academic year).',
      resolve: (c) => c.year,
    }),
    source: t.field({ type: Source, description: 'Where the cost comes from.', resolve: (c) => c.source }),
    schools: t.field({
      type: CostSchools,
      nullable: true,
      description: 'For an IPEDS median: which schools it describes.',
      resolve: (c) => c.schools,
    }),
    schoolCount: t.int({
      nullable: true,
      description: 'For an IPEDS median: how many schools.',
      resolve: (c) => c.schoolCount,
    }),
    description: t.string({
      description:
        'The figure in words, e.g. "Median tuition and fees of 230 IPEDS program reporters (all controls) whose largest program is CIP 51.0801, 2023-24."',
      resolve: (c) =>
        c.schools
          ? `Median tuition and fees of ${c.schoolCount} IPEDS ${c.schools === 'PUBLIC_PROGRAM_REPORTERS' ? 'public program reporters' : 'program reporters (public, non-profit and for-profit)'} whose largest program is CIP ${c.cipCode}, ${c.year}-${String((c.year + 1) % 100).padStart(2, '0')}.`
          : `Typical cost in ${c.year}, as ${c.source.title} gives it.`,
    }),
  }),
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
    minMonthsEstimated: t.exposeBoolean('minMonthsEstimated', {
      description:
        'True when no cited source gives minMonths: it is the curators’ usual length for such programs, and pathways say so.',
    }),
    maxMonthsEstimated: t.exposeBoolean('maxMonthsEstimated', {
      description: 'True when no cited source gives maxMonths (the curators’ usual length), as minMonthsEstimated.',
    }),
    typicalCostUsd: t.exposeInt('typicalCostUsd', {
      nullable: true,
      description:
        'Typical tuition and fees in US dollars (see `typicalCost` for its source); null where no source gives one.',
    }),
    typicalCost: t.field({
      type: ProgramCost,
      nullable: true,
      description:
        'The typical cost with its source, the year it describes and, for IPEDS, which schools; null where no source gives one.',
      select: { typicalCostSource: true },
      resolve: (p) =>
        p.typicalCostUsd === null || !p.typicalCostSource
          ? null
          : {
              usd: p.typicalCostUsd,
              year: p.typicalCostYear!,
              source: p.typicalCostSource,
              schools: p.typicalCostSchools,
              schoolCount: p.typicalCostSchoolCount,
              cipCode: p.cipCode,
            },
    }),
    cipCode: t.exposeString('cipCode', {
      nullable: true,
      description: 'Classification of Instructional Programs (CIP 2020) code, e.g. "51.0801" for medical assisting.',
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

builder.prismaObjectFields(TrainingProgram, (t) => ({
  prerequisites: t.field({
    type: [TrainingProgram],
    description:
      'Programs to complete before this one (the physician assistant master’s asks a bachelor’s degree first), in the dataset’s order; pathways count them where they are not done.',
    select: (_args, _ctx, nested) => ({
      prerequisites: { orderBy: { position: 'asc' }, select: { prerequisite: nested(true) } },
    }),
    resolve: (p) => p.prerequisites.map((x) => x.prerequisite),
  }),
}));

builder.queryFields((t) => ({
  trainingProgram: t.prismaField({
    type: 'TrainingProgram',
    nullable: true,
    description:
      'The training program with this slug, whatever its case; NOT_FOUND, suggesting the nearest slugs, when there is none.',
    args: { slug: t.arg.string({ required: true, description: 'Program slug.' }) },
    resolve: (query, _root, args, { prisma }) =>
      bySlug(prisma, 'training program', args.slug, 'slug', (slug) =>
        prisma.trainingProgram.findUnique({ ...query, where: { slug } }),
      ),
  }),
  trainingPrograms: t.prismaConnection(
    {
      type: 'TrainingProgram',
      nullable: true,
      cursor: 'id',
      defaultSize: PAGE.default,
      maxSize: PAGE.max,
      description: 'Training programs, shortest first.',
      args: { credential: t.arg({ type: Credential, description: 'Only programs awarding this credential.' }) },
      totalCount: (_parent, args, { prisma }) =>
        prisma.trainingProgram.count({ where: args.credential ? { credential: args.credential } : {} }),
      resolve: (query, _root, args, { prisma }) => {
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

const ProgramCostInput = builder.inputType('ProgramCostInput', {
  description: 'A typical cost with where it comes from.',
  fields: (t) => ({
    usd: t.int({ required: true, description: 'US dollars.' }),
    source: t.string({ required: true, description: 'Slug of the source.' }),
    year: t.int({ required: true, description: 'The year the cost describes.' }),
    schools: t.field({ type: CostSchools, description: 'For an IPEDS median: which schools.' }),
    schoolCount: t.int({ description: 'For an IPEDS median: how many schools.' }),
  }),
});

const programFields = (t: InputFields, required: boolean) => ({
  name: t.string({ required, description: 'Display name.' }),
  credential: t.field({ type: Credential, required, description: 'What completing it awards.' }),
  minMonths: t.int({ required, description: 'Shortest typical length, in months.' }),
  maxMonths: t.int({ required, description: 'Longest typical length, in months.' }),
  minMonthsEstimated: t.boolean({
    description:
      'True when no cited source gives minMonths: the curators’ usual length. Kept when minMonths alone changes (false clears it). @default false',
  }),
  maxMonthsEstimated: t.boolean({
    description:
      'True when no cited source gives maxMonths: the curators’ usual length. Kept when maxMonths alone changes (false clears it). @default false',
  }),
  cipCode: t.string({ description: 'CIP 2020 code, e.g. "51.0801".' }),
  typicalCost: t.field({
    type: ProgramCostInput,
    description: 'The typical cost with its source; null clears it. An IPEDS cost must be the IPEDS median it names.',
  }),
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
    const { minMonths, maxMonths, minMonthsEstimated, maxMonthsEstimated, typicalCost, ...rest } = input;
    return {
      ...merge(existing, { ...rest, typicalCost: typicalCost ? defined(typicalCost) : typicalCost }),
      months: merge(existing?.months, {
        min: minMonths,
        max: maxMonths,
        // false (or null) clears the flag: the record leaves it out.
        minEstimated: minMonthsEstimated === true ? true : minMonthsEstimated === undefined ? undefined : null,
        maxEstimated: maxMonthsEstimated === true ? true : maxMonthsEstimated === undefined ? undefined : null,
      }),
    };
  },
  names: { 'months.min': 'minMonths', 'months.max': 'maxMonths', months: 'minMonths' },
  load: (ctx, slug) => ctx.prisma.trainingProgram.findUnique({ where: { slug } }),
  version: async (db, slug) =>
    (await db.trainingProgram.findUnique({ where: { slug }, select: { version: true } }))?.version ?? null,
  deleteDescription: 'Deletes a training program; refused while moves or eligibility routes require it.',
});
