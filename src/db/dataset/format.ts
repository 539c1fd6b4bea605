/**
 * The curated dataset's file format. Each file under prisma/data/ is a YAML list of records of
 * one kind; records refer to each other by slug. docs/dataset-format.md describes it for curators.
 */
import { z } from 'zod';

const slug = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be lowercase words joined by hyphens, e.g. "medical-assistant"');
const text = z.string().trim().min(1, 'must not be empty');
const year = z.number().int().min(1900).max(2100);
const nonNegativeInt = z.number().int().nonnegative();
const sources = z.array(slug).min(1, 'must cite at least one source');

const trackRecord = z.strictObject({
  slug,
  name: text,
  description: text,
});

const organizationRecord = z.strictObject({
  slug,
  name: text,
  acronym: text.optional(),
  kind: z.enum(['CERTIFYING_BODY', 'GOVERNMENT_AGENCY', 'PUBLISHER', 'EMPLOYER', 'ACCREDITOR']),
  url: z.url().optional(),
});

const sourceRecord = z.strictObject({
  slug,
  title: text,
  publisher: slug,
  url: z.url().optional(),
  year,
  official: z.boolean(),
  note: text.optional(),
});

const trainingProgramRecord = z
  .strictObject({
    slug,
    name: text,
    credential: z.enum(['CERTIFICATE', 'DIPLOMA', 'ASSOCIATE', 'BACHELOR', 'MASTER']),
    months: z.strictObject({ min: nonNegativeInt, max: nonNegativeInt }),
    typicalCostUsd: nonNegativeInt.optional(),
    description: text,
    sources,
  })
  .refine((p) => p.months.max >= p.months.min, {
    message: 'months.max must be at least months.min',
    path: ['months', 'max'],
  });

const certificationRecord = z.strictObject({
  slug,
  acronym: text,
  name: text,
  kind: z.enum(['CERTIFICATION', 'LICENSE']),
  issuer: slug,
  exam: z
    .strictObject({
      questions: nonNegativeInt.optional(),
      minutes: nonNegativeInt.optional(),
      feeUsd: nonNegativeInt.optional(),
    })
    .default({}),
  renewal: z.strictObject({ months: nonNegativeInt.optional(), requirement: text.optional() }).default({}),
  eligibility: z
    .array(
      z.strictObject({
        description: text,
        program: slug.optional(),
        minMonthsExperience: nonNegativeInt.optional(),
      }),
    )
    .default([]),
  sources,
});

const roleRecord = z.strictObject({
  slug,
  title: text,
  alternateTitles: z.array(text).default([]),
  track: slug,
  level: z.enum(['ENTRY', 'INTERMEDIATE', 'ADVANCED', 'SUPERVISORY', 'MANAGEMENT', 'EXECUTIVE']),
  summary: text,
  duties: z.array(text).min(1),
  skills: z.array(text).min(1),
  workSettings: z.array(text).min(1),
  typicalEducation: text,
  socCode: z
    .string()
    .regex(/^\d{2}-\d{4}$/, 'must be a SOC code such as "31-9092"')
    .optional(),
  sources,
});

const transitionRecord = z.strictObject({
  from: slug,
  to: slug,
  kind: z.enum(['ADVANCEMENT', 'LATERAL', 'SPECIALIZATION', 'CROSS_TRACK']),
  minYearsExperience: z.number().nonnegative().multipleOf(0.1),
  /** Every group must be satisfied; any certification within a group satisfies it. */
  requires: z.array(z.array(slug).min(1, 'a requirement group needs at least one certification')).default([]),
  training: z.array(slug).default([]),
  rationale: text,
  sources,
});

const figureRecord = z
  .strictObject({
    role: slug,
    kind: z.enum(['MEDIAN_WAGE', 'MEAN_WAGE', 'WAGE_RANGE', 'EMPLOYMENT', 'PROJECTED_GROWTH', 'ANNUAL_OPENINGS']),
    unit: z.enum(['USD_PER_YEAR', 'USD_PER_HOUR', 'PERCENT', 'JOBS']),
    value: z.number().optional(),
    low: z.number().optional(),
    high: z.number().optional(),
    year,
    periodEndYear: year.optional(),
    geography: text.default('US'),
    /** The occupation as the source names it, which may be broader than the role. */
    occupation: text,
    note: text.optional(),
    source: slug,
  })
  .superRefine((f, ctx) => {
    if (f.kind === 'WAGE_RANGE') {
      if (f.low === undefined || f.high === undefined)
        ctx.addIssue({ code: 'custom', message: 'a WAGE_RANGE needs low and high', path: ['low'] });
      else if (f.high < f.low) ctx.addIssue({ code: 'custom', message: 'high must be at least low', path: ['high'] });
    } else if (f.value === undefined) {
      ctx.addIssue({ code: 'custom', message: `a ${f.kind} needs a value`, path: ['value'] });
    }
    if (f.periodEndYear !== undefined && f.periodEndYear < f.year)
      ctx.addIssue({ code: 'custom', message: 'periodEndYear must not be before year', path: ['periodEndYear'] });
  });

/** The files of a dataset, in load order: each may refer only to kinds loaded before it. */
export const datasetFiles = {
  tracks: trackRecord,
  organizations: organizationRecord,
  sources: sourceRecord,
  'training-programs': trainingProgramRecord,
  certifications: certificationRecord,
  roles: roleRecord,
  transitions: transitionRecord,
  figures: figureRecord,
} as const;

export type DatasetKind = keyof typeof datasetFiles;
export type Dataset = { [K in DatasetKind]: z.output<(typeof datasetFiles)[K]>[] };
