/**
 * O*NET occupations with what BLS publishes for them (prisma/data/official): `occupation(code:)`
 * and `occupations(search:, jobZone:, majorGroup:)`.
 */
import {
  EducationLevel as EducationLevels,
  WorkExperience as WorkExperiences,
  OnTheJobTraining as OnTheJobTrainings,
  RelatedTier as RelatedTiers,
  TaskType as TaskTypes,
} from '../generated/prisma/enums.js';
import { GraphQLError } from 'graphql';
import type { Prisma } from '../generated/prisma/client.js';
import type { PrismaClient } from '../db/client.js';
import { SOC_MAJOR_GROUPS, socMajorGroupName } from '../db/soc-major-groups.js';
import { builder } from './builder.js';
import { LIST_SIZES, listOf } from './cost.js';
import { CareerNode } from './career-node.js';
import { PAGE, badInput, connectionOf, filterCheck, oncePerArgs } from './errors.js';
import { OccupationProjection, OccupationWages } from './occupation-data.js';
import { type PageQuery, rowsOfPage } from './paging.js';

/** The credit line the O*NET licence (CC BY 4.0) asks for. */
const ONET_CREDIT =
  'O*NET 29.3 Database by the U.S. Department of Labor, Employment and Training Administration (USDOL/ETA). Used under the CC BY 4.0 license (https://creativecommons.org/licenses/by/4.0/)';

const EducationLevel = builder.enumType(EducationLevels, {
  name: 'EducationLevel',
  description: 'BLS Employment Projections: the typical education needed to enter an occupation.',
  values: {
    DOCTORAL_OR_PROFESSIONAL_DEGREE: { description: 'Doctoral or professional degree.' },
    MASTERS_DEGREE: { description: 'Master’s degree.' },
    BACHELORS_DEGREE: { description: 'Bachelor’s degree.' },
    ASSOCIATES_DEGREE: { description: 'Associate’s degree.' },
    POSTSECONDARY_NONDEGREE_AWARD: { description: 'Postsecondary nondegree award (a certificate or diploma).' },
    SOME_COLLEGE_NO_DEGREE: { description: 'Some college, no degree.' },
    HIGH_SCHOOL_DIPLOMA_OR_EQUIVALENT: { description: 'High school diploma or equivalent.' },
    NO_FORMAL_EDUCATIONAL_CREDENTIAL: { description: 'No formal educational credential.' },
  } as const,
});

const WorkExperience = builder.enumType(WorkExperiences, {
  name: 'WorkExperience',
  description: 'BLS Employment Projections: work experience in a related occupation typically needed to enter.',
  values: {
    FIVE_YEARS_OR_MORE: { description: '5 years or more.' },
    LESS_THAN_FIVE_YEARS: { description: 'Less than 5 years.' },
    NONE: { description: 'None.' },
  } as const,
});

const OnTheJobTraining = builder.enumType(OnTheJobTrainings, {
  name: 'OnTheJobTraining',
  description: 'BLS Employment Projections: typical on-the-job training needed to become competent.',
  values: {
    INTERNSHIP_OR_RESIDENCY: { description: 'Internship or residency.' },
    APPRENTICESHIP: { description: 'Apprenticeship.' },
    LONG_TERM: { description: 'Long-term on-the-job training (more than 12 months).' },
    MODERATE_TERM: { description: 'Moderate-term on-the-job training (1 to 12 months).' },
    SHORT_TERM: { description: 'Short-term on-the-job training (a month or less).' },
    NONE: { description: 'None.' },
  } as const,
});

const RelatedTier = builder.enumType(RelatedTiers, {
  name: 'RelatedTier',
  description: 'How closely O*NET relates two occupations, closest first.',
  values: {
    PRIMARY_SHORT: { description: 'Among the closest few (O*NET "Primary-Short").' },
    PRIMARY_LONG: { description: 'Closely related (O*NET "Primary-Long").' },
    SUPPLEMENTAL: { description: 'Related, less closely (O*NET "Supplemental").' },
  } as const,
});

const TaskType = builder.enumType(TaskTypes, {
  name: 'TaskType',
  description: 'O*NET’s task types.',
  values: {
    CORE: { description: 'Core: critical to the occupation.' },
    SUPPLEMENTAL: { description: 'Supplemental: less relevant or less important.' },
  } as const,
});

builder.prismaObject('JobZone', {
  description:
    'O*NET’s job zones: how much preparation an occupation needs, from 1 (little or none) to 5 (extensive), with O*NET’s description.',
  fields: (t) => ({
    number: t.exposeInt('id', { description: 'The zone, 1 to 5.' }),
    name: t.exposeString('name', { description: 'E.g. "Job Zone Three: Medium Preparation Needed".' }),
    experience: t.exposeString('experience', { description: 'The experience it usually takes.' }),
    education: t.exposeString('education', { description: 'The education it usually takes.' }),
    training: t.exposeString('training', { description: 'The job training it usually takes.' }),
    examples: t.exposeString('examples', { description: 'Example occupations.' }),
    svpRange: t.exposeString('svpRange', {
      description: 'The Specific Vocational Preparation range, e.g. "(6.0 to < 7.0)".',
    }),
  }),
});

builder.prismaObject('OccupationTask', {
  description: 'One of the tasks O*NET lists for an occupation.',
  fields: (t) => ({
    statement: t.exposeString('statement', { description: 'The task.' }),
    type: t.expose('type', {
      type: TaskType,
      nullable: true,
      description: 'Core or supplemental; null when O*NET does not say.',
    }),
    taskId: t.exposeInt('taskId', { description: 'O*NET’s task ID.' }),
  }),
});

builder.prismaObject('OccupationSkill', {
  description: 'An O*NET skill with its ratings for the occupation.',
  fields: (t) => ({
    name: t.exposeString('name', { description: 'E.g. "Active Listening".' }),
    elementId: t.exposeString('elementId', { description: 'O*NET’s element ID, e.g. "2.A.1.b".' }),
    importance: t.float({
      nullable: true,
      description: 'How important the skill is, 1 (not) to 5 (extremely); null where O*NET suppresses the rating.',
      resolve: (s) => s.importance?.toNumber() ?? null,
    }),
    level: t.float({
      nullable: true,
      description: 'The level needed, 0 to 7; null where O*NET rates it not relevant or suppresses it.',
      resolve: (s) => s.level?.toNumber() ?? null,
    }),
  }),
});

builder.prismaObject('RelatedOccupation', {
  description: 'An occupation O*NET relates to another, with how closely.',
  fields: (t) => ({
    occupation: t.relation('related', { description: 'The related occupation.' }),
    tier: t.expose('tier', { type: RelatedTier, description: 'How closely it is related.' }),
    index: t.exposeInt('position', { description: 'O*NET’s order, 1 being the most closely related.' }),
  }),
});

const titleQuery = { orderBy: [{ title: 'asc' }, { id: 'asc' }], select: { kind: true, title: true } } as const;
/** The distinct titles of one kind, in order. */
const titlesOf = (titles: { kind: string; title: string }[], kind: string) => [
  ...new Set(titles.filter((t) => t.kind === kind).map((t) => t.title)),
];

export const Occupation = builder.prismaNode('Occupation', {
  // node(id:) answers null for an ID whose object no longer exists.
  nullable: true,
  description: `An occupation of the O*NET 29.3 taxonomy, with its tasks, skills and related occupations, and what BLS publishes for it: OEWS wages (May 2022-2024) and Employment Projections (2024-34). Includes information from the ${ONET_CREDIT}. O*NET® is a trademark of USDOL/ETA. Career Lattice has modified all or some of this information. USDOL/ETA has not approved, endorsed, or tested these modifications.`,
  id: { field: 'id' },
  interfaces: [CareerNode],
  fields: (t) => ({
    code: t.exposeString('code', { description: 'O*NET-SOC code, e.g. "29-1141.00".' }),
    socCode: t.exposeString('socCode', { description: 'The 2018 SOC code it belongs to, e.g. "29-1141".' }),
    majorGroup: t.exposeString('majorGroup', {
      description: 'SOC major group, e.g. "29" (healthcare practitioners and technical occupations).',
    }),
    majorGroupName: t.string({
      nullable: true,
      description:
        'The SOC major group’s name as BLS gives it, e.g. "Healthcare practitioners and technical" (https://www.bls.gov/soc/2018/major_groups.htm).',
      select: { majorGroup: true },
      resolve: (o) => socMajorGroupName(o.majorGroup),
    }),
    title: t.exposeString('title', { description: 'O*NET’s title.' }),
    description: t.exposeString('description', { description: 'O*NET’s description.' }),
    jobZone: t.relation('zone', {
      nullable: true,
      description: 'How much preparation it needs; null for occupations O*NET does not rate.',
    }),
    alternateTitles: t.stringList({
      description:
        'O*NET’s alternate titles (searched by `occupations(search:)`, with their short forms such as "RN").',
      select: { titles: titleQuery },
      resolve: (o) => titlesOf(o.titles, 'ALTERNATE'),
    }),
    reportedTitles: t.stringList({
      description: 'Job titles workers in the occupation reported to O*NET (a sample).',
      select: { titles: titleQuery },
      resolve: (o) => titlesOf(o.titles, 'REPORTED'),
    }),
    tasks: t.relation('tasks', {
      description: 'What workers do, core tasks first.',
      complexity: listOf(LIST_SIZES.tasks),
      query: { orderBy: [{ type: { sort: 'asc', nulls: 'last' } }, { taskId: 'asc' }] },
    }),
    skills: t.relation('skills', {
      description: 'O*NET’s 35 skills with their importance and level, most important first.',
      complexity: listOf(LIST_SIZES.skills),
      query: { orderBy: [{ importance: { sort: 'desc', nulls: 'last' } }, { name: 'asc' }] },
    }),
    typicalEducation: t.expose('typicalEducation', {
      type: EducationLevel,
      nullable: true,
      description:
        'BLS’s typical education for entry (Employment Projections 2024-34; for the BLS occupation in `projection`).',
    }),
    workExperience: t.expose('workExperience', {
      type: WorkExperience,
      nullable: true,
      description: 'BLS’s typical related work experience for entry (same source).',
    }),
    onTheJobTraining: t.expose('onTheJobTraining', {
      type: OnTheJobTraining,
      nullable: true,
      description: 'BLS’s typical on-the-job training to competency (same source).',
    }),
    wages: t.relation('wages', {
      type: OccupationWages,
      description: 'OEWS national wages per release, newest first; empty where BLS publishes none.',
      query: { orderBy: { year: 'desc' } },
    }),
    projection: t.relation('projection', {
      type: OccupationProjection,
      nullable: true,
      description: 'BLS Employment Projections 2024-34; null where BLS publishes none.',
    }),
    relatedOccupations: t.relation('related', {
      description: 'O*NET’s related occupations, closest first.',
      // O*NET 29.3 relates each occupation it relates to exactly 20: priced at 1 item, three levels
      // of them under 100 occupations asked 702 points, returned 65 MB and held the service 10 s.
      complexity: listOf(LIST_SIZES.relatedOccupations),
      query: { orderBy: { position: 'asc' } },
    }),
    roles: t.relation('roles', {
      description: 'The curated roles inside this occupation (see `Role.occupationFit`).',
      query: { orderBy: { title: 'asc' } },
    }),
  }),
});

/** The O*NET-SOC code a key names ("29-1141" is the SOC-level "29-1141.00"); undefined when it is not a code. */
export function codeOf(key: string): string | undefined {
  const m = /^(\d{2}-\d{4})(\.\d{2})?$/.exec(key.trim());
  return m ? `${m[1]}${m[2] ?? '.00'}` : undefined;
}

/** NOT_FOUND for a code no occupation has. */
export function unknownOccupation(codes: string | readonly string[], argument: string): GraphQLError {
  const all = [...new Set(typeof codes === 'string' ? [codes] : codes)];
  const named = all.map((c) => `"${c}"`);
  const noun = all.length === 1 ? `the code ${named[0]}` : `the codes ${named.join(', ')}`;
  // As an unknown slug's: `slug` is the first one named.
  return new GraphQLError(`No O*NET occupation has ${noun} (argument "${argument}").`, {
    extensions: { code: 'NOT_FOUND', argument, slug: all[0] },
  });
}

/** "29-1141" or "29-1141.00": the O*NET-SOC code it names. */
function occupationCode(code: string): string {
  const named = codeOf(code);
  if (named === undefined)
    throw badInput('code', `"${code}" is not an O*NET-SOC code such as "29-1141.00" or a SOC code such as "29-1141".`);
  return named;
}

type OccupationArgs = {
  search?: string | null;
  jobZone?: number | null;
  majorGroup?: string | null;
  first?: number | null;
  last?: number | null;
};

/** The filters other than search, checked. */
function occupationWhere(args: OccupationArgs): Prisma.OccupationWhereInput {
  const where: Prisma.OccupationWhereInput = {};
  if (args.jobZone != null) {
    if (!Number.isInteger(args.jobZone) || args.jobZone < 1 || args.jobZone > 5)
      throw badInput('jobZone', `must be 1 to 5 (got ${args.jobZone}).`);
    where.jobZone = args.jobZone;
  }
  if (args.majorGroup != null) {
    const m = /^(\d{2})(-0000)?$/.exec(args.majorGroup.trim());
    if (!m) throw badInput('majorGroup', `"${args.majorGroup}" is not a SOC major group such as "29" or "29-0000".`);
    if (socMajorGroupName(m[1]!) === null)
      throw badInput(
        'majorGroup',
        `"${args.majorGroup}" is not one of the SOC 2018 major groups (${Object.keys(SOC_MAJOR_GROUPS).join(', ')}).`,
      );
    where.majorGroup = m[1];
  }
  return where;
}

/**
 * The words of a search as a prefix query: every word must begin a word of one title ("medical
 * coder" -> 'medical:* & coder:*'). Letters and digits only, so the query needs no escaping.
 */
function prefixQuery(search: string): string {
  const words = search.toLowerCase().match(/[\p{L}\p{N}]+/gu);
  if (!words) throw badInput('search', 'must contain a letter or a digit.');
  return words.map((w) => `${w}:*`).join(' & ');
}

/**
 * The words of a search as whole words, each or its plural ("nurse" -> '(nurse | nurses)'): a title
 * with them ranks before one where a word only begins a longer word ("Nursery").
 */
function wordQuery(search: string): string {
  const words = search.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  return words.map((w) => `(${w} | ${w}s | ${w}es)`).join(' & ');
}

/**
 * The IDs of the occupations a search matches, best first: an exact title, then an exact
 * alternate, short or reported title, then the occupation's own title with the search's whole words
 * (or their plurals), then its own title matching, then any title, more titles with the whole
 * words first (medical records specialists, many of whose titles say "health information", came
 * after computer user support specialists, which one reported title names so);
 * among equals a SOC-level occupation (".00") before O*NET's specialties, then by title. Uses the
 * GIN index on to_tsvector('simple', title).
 */
const searchIds = oncePerArgs(readSearchIds);
// A search is read (and refused) where the list is, whatever is selected below it.
filterCheck<OccupationArgs>('Query.occupations', async (args, { prisma }) =>
  args.search != null ? searchIds(prisma, args) : occupationWhere(args),
);

async function readSearchIds(prisma: PrismaClient, args: OccupationArgs): Promise<number[]> {
  const where = occupationWhere(args);
  // A code, as a search box is given one ("29-1126.00" found nothing, silently): that occupation,
  // or for a SOC code ("29-1126") the SOC's occupations, by code.
  const code = args.search!.trim();
  if (/^\d{2}-\d{4}(\.\d{2})?$/.test(code))
    return (
      await prisma.occupation.findMany({
        where: { ...where, code: code.includes('.') ? code : { startsWith: `${code}.` } },
        orderBy: { code: 'asc' },
        select: { id: true },
      })
    ).map((r) => r.id);
  const rows = await prisma.$queryRaw<{ id: number }[]>`
    WITH hits AS (
      SELECT t.occupation_id AS id,
             min(CASE WHEN lower(t.title) = ${args.search!.trim().toLowerCase()}
                      THEN (CASE WHEN t.kind = 'TITLE' THEN 0 ELSE 1 END) ELSE 2 END) AS exact,
             bool_or(t.kind = 'TITLE') AS in_title,
             bool_or(t.kind = 'TITLE' AND to_tsvector('simple'::regconfig, t.title)
                     @@ to_tsquery('simple'::regconfig, ${wordQuery(args.search!)})) AS words_in_title,
             count(*) FILTER (WHERE to_tsvector('simple'::regconfig, t.title)
                     @@ to_tsquery('simple'::regconfig, ${wordQuery(args.search!)})) AS word_titles
      FROM occupation_title t
      WHERE to_tsvector('simple'::regconfig, t.title) @@ to_tsquery('simple'::regconfig, ${prefixQuery(args.search!)})
      GROUP BY t.occupation_id)
    SELECT o.id FROM hits JOIN occupation o ON o.id = hits.id
    WHERE (${where.jobZone ?? null}::int IS NULL OR o.job_zone = ${where.jobZone ?? null}::int)
      AND (${(where.majorGroup as string | undefined) ?? null}::text IS NULL OR o.major_group = ${(where.majorGroup as string | undefined) ?? null}::text)
    ORDER BY hits.exact, NOT hits.words_in_title, NOT hits.in_title, hits.word_titles DESC, o.code NOT LIKE '%.00', o.title, o.code`;
  return rows.map((r) => r.id);
}

builder.queryFields((t) => ({
  occupation: t.prismaField({
    type: 'Occupation',
    nullable: true,
    description:
      'The O*NET occupation with this code ("29-1141" means "29-1141.00"); NOT_FOUND when no occupation has it, as `skillGap` and `pathways` answer.',
    args: {
      code: t.arg.string({ required: true, description: 'O*NET-SOC code ("29-1141.00") or SOC code ("29-1141").' }),
    },
    resolve: async (query, _root, { code }, { prisma }) => {
      const named = occupationCode(code);
      const found = await prisma.occupation.findUnique({ ...query, where: { code: named } });
      if (found === null) throw unknownOccupation(named, 'code');
      return found;
    },
  }),
  occupations: t.prismaConnection(
    {
      type: 'Occupation',
      nullable: true,
      cursor: 'id',
      defaultSize: PAGE.default,
      maxSize: PAGE.max,
      description:
        'O*NET occupations, by code; with `search`, the ones whose title, alternate titles or reported titles contain every word of it as the start of a word, ignoring case ("RN", "phlebotomist", "medical coder"), best matches first, or the one a code names ("29-1126.00"; "29-1141" names the SOC’s occupations, by code).',
      args: {
        search: t.arg.string({
          description: 'Words to find in titles, e.g. "medical coder", or an O*NET-SOC or SOC code.',
        }),
        jobZone: t.arg.int({ description: 'Only occupations in this job zone (1-5).' }),
        majorGroup: t.arg.string({ description: 'Only occupations in this SOC major group, e.g. "29" or "29-0000".' }),
      },
      totalCount: async (_parent, args, { prisma }) => {
        return args.search != null
          ? (await searchIds(prisma, args)).length
          : prisma.occupation.count({ where: occupationWhere(args) });
      },
      resolve: async (query, _root, args, { prisma }) => {
        if (args.search == null)
          return prisma.occupation.findMany({ ...query, where: occupationWhere(args), orderBy: [{ code: 'asc' }] });
        return rowsOfPage(await searchIds(prisma, args), query as PageQuery, (ids) =>
          prisma.occupation.findMany({
            ...query,
            cursor: undefined,
            skip: undefined,
            take: undefined,
            where: { id: { in: ids } },
          }),
        );
      },
    },
    ...connectionOf('Occupation', 'occupations'),
  ),
}));
