/**
 * The curated dataset's file format. Each file under prisma/data/ is a YAML list of records of
 * one kind; records refer to each other by slug. docs/dataset-format.md describes it for curators.
 */
import { z } from 'zod';

const slug = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be lowercase words joined by hyphens, e.g. "medical-assistant"');
const text = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .refine((s) => !s.includes('\0'), 'must not contain a NUL character (\\u0000)');
/**
 * A web address the career map links to: absolute, http or https only. `javascript:`, `data:` and
 * the like would run in a reader's browser.
 */
const webUrl = z.url({ protocol: /^https?$/, error: 'must be an absolute http:// or https:// URL' });
const year = z.number().int().min(1900).max(2100);
/** The largest value of PostgreSQL's `integer`, the type of every whole-number column. */
const INT4_MAX = 2_147_483_647;
const nonNegativeInt = z.number().int().nonnegative().max(INT4_MAX);
/** A figure, stored as numeric(12, 2). */
const amount = z.number().min(-9_999_999_999.99).max(9_999_999_999.99);
/** A list of slugs naming each record once: each becomes a row keyed by it. */
const slugs = z.array(slug).superRefine((list, ctx) => {
  const seen = new Set<string>();
  for (const [i, s] of list.entries()) {
    if (seen.has(s)) ctx.addIssue({ code: 'custom', message: `names "${s}" more than once`, path: [i] });
    seen.add(s);
  }
});
const sources = slugs.min(1, 'must cite at least one source');
/** An O*NET-SOC code, e.g. "31-9092.00". */
const onetCode = z.string().regex(/^\d{2}-\d{4}\.\d{2}$/, 'must be an O*NET-SOC code such as "31-9092.00"');
/** A Classification of Instructional Programs code, e.g. "51.0801". */
const cipCode = z.string().regex(/^\d{2}\.\d{4}$/, 'must be a CIP code such as "51.0801"');

const trackRecord = z.strictObject({
  slug,
  name: text,
  description: text,
  /** A track spanning the others (the hybrid medical assistant): moves into or out of it cross no track. */
  bridging: z.boolean().default(false),
});

const organizationRecord = z.strictObject({
  slug,
  name: text,
  acronym: text.optional(),
  kind: z.enum(['CERTIFYING_BODY', 'GOVERNMENT_AGENCY', 'PUBLISHER', 'EMPLOYER', 'ACCREDITOR']),
  url: webUrl.optional(),
});

const sourceRecord = z.strictObject({
  slug,
  title: text,
  publisher: slug,
  url: webUrl.optional(),
  year,
  official: z.boolean(),
  note: text.optional(),
});

const trainingProgramRecord = z
  .strictObject({
    slug,
    name: text,
    credential: z.enum(['CERTIFICATE', 'DIPLOMA', 'ASSOCIATE', 'BACHELOR', 'MASTER']),
    /**
     * Shortest and longest full-time length; minEstimated / maxEstimated: true where no cited source
     * gives that bound and it is the curators' usual length for such programs (said as such).
     */
    months: z.strictObject({
      // A program takes time: at 0 months a pathway would call a required program "right away".
      min: z.number().int().min(1, 'a program takes at least a month').max(INT4_MAX),
      max: nonNegativeInt,
      minEstimated: z.literal(true).optional(),
      maxEstimated: z.literal(true).optional(),
    }),
    cipCode: cipCode.optional(),
    /** A typical cost only with where it comes from: the source, the year it describes, and for IPEDS the schools. */
    typicalCost: z
      .strictObject({
        usd: nonNegativeInt,
        source: slug,
        year,
        schools: z.enum(['ALL_PROGRAM_REPORTERS', 'PUBLIC_PROGRAM_REPORTERS']).optional(),
        schoolCount: z.number().int().positive().max(INT4_MAX).optional(),
      })
      .refine((c) => (c.schools === undefined) === (c.schoolCount === undefined), {
        message: 'schools and schoolCount go together',
        path: ['schoolCount'],
      })
      .optional(),
    description: text,
    /** Programs to complete first (a master's needs a bachelor's), all of them. */
    prerequisites: slugs.default([]),
    sources,
  })
  .refine((p) => p.months.max >= p.months.min, {
    message: 'months.max must be at least months.min',
    path: ['months', 'max'],
  })
  .refine((p) => !p.prerequisites.includes(p.slug), {
    message: 'a program cannot be its own prerequisite',
    path: ['prerequisites'],
  });

const certificationRecord = z.strictObject({
  slug,
  acronym: text,
  name: text,
  /** CERTIFICATION or LICENSE, the credential held; EXAM, an exam (NCLEX, PANCE) that leads to one. */
  kind: z.enum(['CERTIFICATION', 'LICENSE', 'EXAM']),
  issuer: slug,
  exam: z
    .strictObject({
      questions: nonNegativeInt.optional(),
      minutes: nonNegativeInt.optional(),
      feeUsd: nonNegativeInt.optional(),
      /**
       * The certifying body's own fee page (an official source with a URL), or where none can be
       * cited a secondary page with a URL, which answers name as such; required with feeUsd.
       */
      feeSource: slug.optional(),
      /**
       * A lower fee the same page gives to some candidates (the CMA's $125 for completing students,
       * recent graduates and AAMA members), with who they are in `reducedFeeFor`. Pathways count
       * feeUsd, the fee anyone pays, and their explanations name the lower one.
       */
      reducedFeeUsd: nonNegativeInt.optional(),
      reducedFeeFor: text.optional(),
    })
    .refine((e) => (e.feeUsd === undefined) === (e.feeSource === undefined), {
      message: 'feeUsd and feeSource go together: a fee needs the page it comes from',
      path: ['feeSource'],
    })
    .refine((e) => (e.reducedFeeUsd === undefined) === (e.reducedFeeFor === undefined), {
      message: 'reducedFeeUsd and reducedFeeFor go together: a lower fee says who pays it',
      path: ['reducedFeeFor'],
    })
    .refine((e) => e.reducedFeeUsd === undefined || (e.feeUsd !== undefined && e.reducedFeeUsd < e.feeUsd), {
      message: 'reducedFeeUsd must be below feeUsd, from the same fee page',
      path: ['reducedFeeUsd'],
    })
    .default({}),
  renewal: z.strictObject({ months: nonNegativeInt.optional(), requirement: text.optional() }).default({}),
  /**
   * Ways to become eligible for the exam; any one suffices. A route names at most one condition: a
   * program to complete, months of work, a certification to hold, or none (`open: true`: no
   * prerequisite). A route with only a description is recorded but not modelled.
   */
  eligibility: z
    .array(
      z
        .strictObject({
          description: text,
          program: slug.optional(),
          minMonthsExperience: nonNegativeInt.optional(),
          certification: slug.optional(),
          open: z.literal(true).optional(),
          /**
           * What the route asks beyond its program or months, as the description states it, in words
           * completing "<acronym> asks that ...": "the program be accredited by CAAHEP or ABHES".
           */
          condition: text.optional(),
        })
        .refine(
          (e) => [e.program, e.minMonthsExperience, e.certification, e.open].filter((v) => v !== undefined).length <= 1,
          { message: 'a route has at most one of program, minMonthsExperience, certification and open' },
        ),
    )
    .default([]),
  sources,
});

const roleRecord = z
  .strictObject({
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
    /** What anyone in this role has completed or holds, so a pathway from it never charges for them again. */
    implies: z
      .strictObject({ programs: slugs.default([]), certifications: slugs.default([]) })
      .default({ programs: [], certifications: [] }),
    socCode: z
      .string()
      .regex(/^\d{2}-\d{4}$/, 'must be a SOC code such as "31-9092"')
      .optional(),
    /** The O*NET occupation the role belongs to (docs/official-data.md explains each choice). */
    occupation: onetCode.optional(),
    /** EXACT: the role is the occupation; SPECIALTY: a narrower role inside it; BROADER: wider than it. */
    occupationFit: z.enum(['EXACT', 'SPECIALTY', 'BROADER']).optional(),
    sources,
  })
  .refine((r) => (r.occupation === undefined) === (r.occupationFit === undefined), {
    message: 'occupation and occupationFit go together',
    path: ['occupationFit'],
  });

const transitionRecord = z.strictObject({
  from: slug,
  to: slug,
  kind: z.enum(['ADVANCEMENT', 'LATERAL', 'SPECIALIZATION', 'CROSS_TRACK']),
  /** Stored as numeric(4, 1). */
  minYearsExperience: z.number().nonnegative().max(999.9).multipleOf(0.1),
  /** minYearsExperience is the curators' estimate: no source states a length (left out: a source's). */
  yearsEstimated: z.literal(true).optional(),
  /**
   * Every group must be satisfied; any certification within a group satisfies it. A group holding
   * every certification of another is met whenever that one is: refused, as the same group twice
   * is (pathways would ask for the one certification twice).
   */
  requires: z
    .array(slugs.min(1, 'a requirement group needs at least one certification'))
    .default([])
    .superRefine((groups, ctx) => {
      for (const [j, group] of groups.entries())
        for (const [i, other] of groups.entries())
          if (i !== j && other.every((c) => group.includes(c)) && (other.length < group.length || i < j)) {
            const message =
              other.length === group.length
                ? `requirement group ${j + 1} names the same certifications as requirement group ${i + 1}`
                : `requirement group ${j + 1} (${group.join(', ')}) is met whenever requirement group ${i + 1} ` +
                  `(${other.join(', ')}) is: leave it out`;
            ctx.addIssue({ code: 'custom', message, path: [j] });
            break;
          }
    }),
  training: slugs.default([]),
  /**
   * What the move may ask that no source describes, in words that read after "the length of" and
   * "the cost of" ("any training or certification the specialty asks…"): the move's length and
   * cost are then unknown, never counted as none.
   */
  unknownTraining: text.optional(),
  rationale: text,
  sources,
});

const figureRecord = z
  .strictObject({
    /** The role the figure describes; left out exactly when `scope` is SECTOR. */
    role: slug.optional(),
    kind: z.enum([
      'MEDIAN_WAGE',
      'MEAN_WAGE',
      'WAGE_RANGE',
      'EMPLOYMENT',
      'PROJECTED_GROWTH',
      'ANNUAL_OPENINGS',
      'WORKFORCE_SHARE',
      'EXAM_PASS_RATE',
      'TIME_SHARE',
      'WAGE_PREMIUM',
      'TOP_EARNERS_WAGE',
      'ENTRY_WAGE',
      'EMPLOYER_SHARE',
      'WORKER_COUNT',
    ]),
    unit: z.enum(['USD_PER_YEAR', 'USD_PER_HOUR', 'PERCENT', 'JOBS', 'PEOPLE_PER_MONTH']),
    /**
     * ROLE: the figure describes the role itself; OCCUPATION: an occupation, named in `occupation`;
     * SECTOR: a whole sector or its employers, no role (what was measured is in `occupation`).
     */
    scope: z.enum(['ROLE', 'OCCUPATION', 'SECTOR']),
    value: amount.optional(),
    low: amount.optional(),
    high: amount.optional(),
    /**
     * AT_LEAST when the source gives the value (for a WAGE_RANGE, its high end) as a floor: "over
     * 650,000", "$45,000 or more". EXACT (the default) otherwise.
     */
    bound: z.enum(['EXACT', 'AT_LEAST']).default('EXACT'),
    /** The year the numbers describe, where the source states one (never its edition year). */
    dataYear: year.optional(),
    periodEndYear: year.optional(),
    geography: text.default('US'),
    /**
     * What tells the figure from another of the same role, kind, unit, source, data year and geography:
     * a part of the workforce ("experienced or certified"), a setting or a passage ("key points").
     */
    label: z
      .string()
      .trim()
      .regex(/^[^|]*$/, 'must not contain "|"')
      .default(''),
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
    if (f.bound === 'AT_LEAST' && f.value !== undefined && (f.low !== undefined || f.high !== undefined))
      ctx.addIssue({
        code: 'custom',
        message: 'a floor (AT_LEAST) is a value or a range’s high end: give value alone, or low and high',
        path: ['bound'],
      });
    if (f.scope === 'SECTOR' && f.role !== undefined)
      ctx.addIssue({ code: 'custom', message: 'a SECTOR figure describes no role: leave role out', path: ['role'] });
    if (f.scope !== 'SECTOR' && f.role === undefined)
      ctx.addIssue({ code: 'custom', message: `a ${f.scope} figure needs a role`, path: ['role'] });
    if (f.periodEndYear !== undefined && f.dataYear !== undefined && f.periodEndYear < f.dataYear)
      ctx.addIssue({ code: 'custom', message: 'periodEndYear must not be before dataYear', path: ['periodEndYear'] });
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
