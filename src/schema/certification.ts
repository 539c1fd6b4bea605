import { CertificationKind as CertificationKinds } from '../generated/prisma/enums.js';
import type { PrismaClient } from '../db/client.js';
import type { Prisma } from '../generated/prisma/client.js';
import { builder } from './builder.js';
import { editingMutations, type InputFields, merge } from './editing.js';
import { PAGE, bySlug, connectionOf, filterCheck, oncePerArgs } from './errors.js';
import { Source } from './source.js';

const CertificationKind = builder.enumType(CertificationKinds, {
  name: 'CertificationKind',
  description: 'Whether a credential is a voluntary certification, a state licence, or the exam that leads to one.',
  values: {
    CERTIFICATION: { description: 'A certification from a certifying body.' },
    LICENSE: {
      description: 'A licence to practise from a state board, granted after a licensing exam such as the NCLEX.',
    },
    EXAM: {
      description:
        'An exam (the NCLEX from NCSBN, the PANCE from NCCPA) that leads to a licence or certification but is not one.',
    },
  },
});

builder.prismaObject('EligibilityRoute', {
  description: 'One way to qualify for a certification’s exam; any one route suffices.',
  fields: (t) => ({
    description: t.exposeString('description', { description: 'The route as the issuer states it.' }),
    program: t.relation('program', {
      nullable: true,
      description: 'The training program this route asks for, if any.',
    }),
    minMonthsExperience: t.exposeInt('minMonthsExperience', {
      nullable: true,
      description: 'Months of work experience this route asks for, if any.',
    }),
    condition: t.exposeString('condition', {
      nullable: true,
      description:
        'What the route asks beyond its program or months, completing "<acronym> asks that ..." ("the program be accredited by CAAHEP or ABHES"); pathways say it where they use the route. Null when nothing more.',
    }),
  }),
});

export const Certification = builder.prismaNode('Certification', {
  // node(id:) answers null for an ID whose object no longer exists.
  nullable: true,
  description: 'A certification or licence, with who issues it and how to qualify.',
  id: { field: 'id' },
  fields: (t) => ({
    version: t.exposeInt('version', {
      description: 'Increases with every change; send it back as `expectedVersion` when updating or deleting.',
    }),
    slug: t.exposeString('slug', { description: 'Stable identifier, the acronym in lower case, e.g. "cma".' }),
    acronym: t.exposeString('acronym', { description: 'The acronym holders put after their name, e.g. "CMA".' }),
    name: t.exposeString('name', { description: 'Full name.' }),
    kind: t.expose('kind', { type: CertificationKind, description: 'Certification or licence.' }),
    issuer: t.relation('issuer', { description: 'The body that issues it.' }),
    eligibilityRoutes: t.relation('eligibilityRoutes', {
      description: 'Ways to qualify for the exam; any one suffices.',
      query: { orderBy: { position: 'asc' } },
    }),
    examQuestions: t.exposeInt('examQuestions', { nullable: true, description: 'Questions on the exam.' }),
    examMinutes: t.exposeInt('examMinutes', { nullable: true, description: 'Length of the exam in minutes.' }),
    examFeeUsd: t.exposeInt('examFeeUsd', {
      nullable: true,
      description:
        'Exam fee in US dollars, from the certifying body’s own fee page, or where none can be cited from a secondary page (`examFeeSource`, whose `official` says which); null where no page could be cited.',
    }),
    examFeeSource: t.relation('examFeeSource', {
      nullable: true,
      description:
        'The page the fee comes from, with its URL and year: the certifying body’s own, or a secondary page (`official: false`) where none can be cited.',
    }),
    examReducedFeeUsd: t.exposeInt('examReducedFeeUsd', {
      nullable: true,
      description:
        'A lower exam fee the same fee page gives to some candidates (`examReducedFeeFor`), e.g. the CMA’s $125; pathways count `examFeeUsd` and name this one.',
    }),
    examReducedFeeFor: t.exposeString('examReducedFeeFor', {
      nullable: true,
      description: 'Who pays `examReducedFeeUsd`, as the fee page says.',
    }),
    renewalMonths: t.exposeInt('renewalMonths', {
      nullable: true,
      description: 'How often it must be renewed, in months.',
    }),
    renewalRequirement: t.exposeString('renewalRequirement', {
      nullable: true,
      description: 'What renewal takes (continuing education, re-examination...).',
    }),
    sources: t.field({
      type: [Source],
      description: 'Where the certification facts come from.',
      select: (_args, _ctx, nested) => ({ sources: { select: { source: nested(true) } } }),
      resolve: (c) => c.sources.map((s) => s.source),
    }),
  }),
});

const certificationWhere = oncePerArgs(readCertificationWhere);
filterCheck<CertificationFilter>('Query.certifications', (args, { prisma }) => certificationWhere(prisma, args));

type CertificationFilter = { issuer?: string | null; kind?: 'CERTIFICATION' | 'LICENSE' | 'EXAM' | null };

async function readCertificationWhere(
  prisma: PrismaClient,
  args: CertificationFilter,
): Promise<Prisma.CertificationWhereInput> {
  const where: Prisma.CertificationWhereInput = {};
  // An empty slug is an unknown one (NOT_FOUND), not the absence of a filter.
  if (args.issuer != null) {
    const issuer = await bySlug(prisma, 'organization', args.issuer, 'issuer', (slug) =>
      prisma.organization.findUnique({ where: { slug }, select: { id: true } }),
    );
    where.issuerId = issuer.id;
  }
  if (args.kind) where.kind = args.kind;
  return where;
}

builder.queryFields((t) => ({
  certification: t.prismaField({
    type: 'Certification',
    nullable: true,
    description:
      'The certification with this slug, whatever its case; NOT_FOUND, suggesting the nearest slugs, when there is none.',
    args: { slug: t.arg.string({ required: true, description: 'Certification slug, e.g. "ccma".' }) },
    resolve: (query, _root, args, { prisma }) =>
      bySlug(prisma, 'certification', args.slug, 'slug', (slug) =>
        prisma.certification.findUnique({ ...query, where: { slug } }),
      ),
  }),
  certifications: t.prismaConnection(
    {
      type: 'Certification',
      nullable: true,
      cursor: 'id',
      defaultSize: PAGE.default,
      maxSize: PAGE.max,
      description: 'Certifications and licences, by acronym.',
      args: {
        issuer: t.arg.string({ description: 'Only those issued by this organization (slug, e.g. "nha").' }),
        kind: t.arg({ type: CertificationKind, description: 'Only certifications, or only licences.' }),
      },
      totalCount: async (_parent, args, { prisma }) =>
        prisma.certification.count({ where: await certificationWhere(prisma, args) }),
      resolve: async (query, _root, args, { prisma }) => {
        return prisma.certification.findMany({
          ...query,
          where: await certificationWhere(prisma, args),
          orderBy: [{ acronym: 'asc' }, { id: 'asc' }],
        });
      },
    },
    ...connectionOf('Certification', 'certifications'),
  ),
}));

// ---- editing ---------------------------------------------------------------------------------

const EligibilityRouteInput = builder.inputType('EligibilityRouteInput', {
  description: 'One way to qualify for a certification’s exam.',
  fields: (t) => ({
    description: t.string({ required: true, description: 'The route as the issuer states it.' }),
    program: t.string({ description: 'Slug of the training program the route asks for, if any.' }),
    minMonthsExperience: t.int({ description: 'Months of work experience the route asks for, if any.' }),
    condition: t.string({
      description: 'What the route asks beyond its program or months, completing "<acronym> asks that ...".',
    }),
  }),
});

const certificationFields = (t: InputFields, required: boolean) => ({
  acronym: t.string({ required, description: 'The acronym, e.g. "CMA".' }),
  name: t.string({ required, description: 'Full name.' }),
  kind: t.field({ type: CertificationKind, required, description: 'Certification or licence.' }),
  issuer: t.string({ required, description: 'Slug of the issuing organization.' }),
  examQuestions: t.int({ description: 'Questions on the exam.' }),
  examMinutes: t.int({ description: 'Length of the exam in minutes.' }),
  examFeeUsd: t.int({ description: 'Exam fee in US dollars; needs examFeeSource.' }),
  examFeeSource: t.string({
    description:
      'Slug of the page the fee comes from, with a URL: the certifying body’s own (an official source of the issuer), or where none can be cited a secondary page.',
  }),
  examReducedFeeUsd: t.int({
    description: 'A lower fee the same page gives some candidates; needs examReducedFeeFor.',
  }),
  examReducedFeeFor: t.string({ description: 'Who pays examReducedFeeUsd.' }),
  renewalMonths: t.int({ description: 'Renewal period in months.' }),
  renewalRequirement: t.string({ description: 'What renewal takes.' }),
  eligibilityRoutes: t.field({
    type: [EligibilityRouteInput],
    description: 'Ways to qualify; replaces the current list when given.',
  }),
  sources: t.stringList({ required, description: 'Slugs of the sources (at least one).' }),
});

editingMutations({
  kind: 'certifications',
  name: 'Certification',
  field: 'certification',
  ref: Certification,
  identity: {
    create: (t) => ({
      slug: t.string({ required: true, description: 'Slug of the certification: the acronym in lower case.' }),
    }),
    existing: (t) => ({
      slug: t.string({ required: true, description: 'Slug of the certification: the acronym in lower case.' }),
    }),
  },
  fields: certificationFields,
  key: (input: { slug: string }) => input.slug,
  toRecord: (input, existing) => {
    const {
      examQuestions,
      examMinutes,
      examFeeUsd,
      examFeeSource,
      examReducedFeeUsd,
      examReducedFeeFor,
      renewalMonths,
      renewalRequirement,
      eligibilityRoutes,
      ...rest
    } = input;
    return {
      ...merge(existing, rest),
      exam: merge(existing?.exam, {
        questions: examQuestions,
        minutes: examMinutes,
        feeUsd: examFeeUsd,
        feeSource: examFeeSource,
        reducedFeeUsd: examReducedFeeUsd,
        reducedFeeFor: examReducedFeeFor,
      }),
      renewal: merge(existing?.renewal, { months: renewalMonths, requirement: renewalRequirement }),
      eligibility:
        eligibilityRoutes === undefined
          ? (existing?.eligibility ?? [])
          : (eligibilityRoutes ?? []).map((route: object) => merge(undefined, route)),
    };
  },
  names: {
    'exam.questions': 'examQuestions',
    'exam.minutes': 'examMinutes',
    'exam.feeUsd': 'examFeeUsd',
    'exam.feeSource': 'examFeeSource',
    'exam.reducedFeeUsd': 'examReducedFeeUsd',
    'exam.reducedFeeFor': 'examReducedFeeFor',
    'renewal.months': 'renewalMonths',
    'renewal.requirement': 'renewalRequirement',
    eligibility: 'eligibilityRoutes',
  },
  load: (ctx, slug) => ctx.prisma.certification.findUnique({ where: { slug } }),
  version: async (db, slug) =>
    (await db.certification.findUnique({ where: { slug }, select: { version: true } }))?.version ?? null,
  deleteDescription: 'Deletes a certification; refused while a move requires it.',
});
