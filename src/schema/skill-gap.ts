/**
 * Skill gaps and similar occupations from O*NET's Skills ratings (importance 1-5, level 0-7):
 * `skillGap(from:, to:)` and `Occupation.similarOccupations(first:)`. The method is in
 * docs/skill-gap.md; the similarity is computed in SQL over the 35 skills of every occupation.
 */
import type { Occupation as OccupationRow } from '../generated/prisma/client.js';
import type { PrismaClient } from '../db/client.js';
import { builder } from './builder.js';
import { costs } from './cost.js';
import { badInput, bySlug, eachArgument } from './errors.js';
import { codeOf, Occupation, unknownOccupation } from './occupation.js';

/** One skill's ratings for the two occupations compared (null: not rated, or suppressed by O*NET). */
type SkillPair = {
  elementId: string;
  name: string;
  fromLevel: number | null;
  toLevel: number | null;
  fromImportance: number | null;
  toImportance: number | null;
};
type Gap = SkillPair & { gap: number; weight: number };
type SkillGapResult = {
  from: OccupationRow;
  to: OccupationRow;
  /** The occupations compared that O*NET rates no skill level for (then nothing below is known). */
  unrated: OccupationRow[];
  /** True when from and to are two roles O*NET rates as one occupation (then nothing below is known). */
  sameOccupation: boolean;
  similarity: number | null;
  gaps: Gap[] | null;
  transferable: SkillPair[] | null;
};

const level = (v: number | null) => v ?? 0;

/**
 * Cosine similarity of two occupations' skill-level vectors (a level O*NET does not rate counts as
 * 0). Levels are never negative, so it is in [0, 1]; 0 when either occupation has no rated skill.
 */
function skillSimilarity(pairs: readonly SkillPair[]): number {
  let dot = 0;
  let a = 0;
  let b = 0;
  for (const p of pairs) {
    dot += level(p.fromLevel) * level(p.toLevel);
    a += level(p.fromLevel) ** 2;
    b += level(p.toLevel) ** 2;
  }
  return a === 0 || b === 0 ? 0 : Math.min(1, dot / Math.sqrt(a * b));
}

/**
 * The skills whose level in the target exceeds the source's (the target's importance times the
 * difference, largest first), and the ones that transfer: rated in the target and met by the
 * source's level, most important to the target first. Directional: from A to B is not from B to A.
 */
function compareSkills(pairs: readonly SkillPair[]): { similarity: number; gaps: Gap[]; transferable: SkillPair[] } {
  const gaps: Gap[] = [];
  const transferable: SkillPair[] = [];
  for (const p of pairs) {
    if (p.toLevel === null || p.toLevel === 0) continue;
    const gap = p.toLevel - level(p.fromLevel);
    if (gap > 0) gaps.push({ ...p, gap, weight: (p.toImportance ?? 0) * gap });
    else transferable.push(p);
  }
  const byName = (x: SkillPair, y: SkillPair) => x.name.localeCompare(y.name);
  gaps.sort((x, y) => y.weight - x.weight || byName(x, y));
  transferable.sort((x, y) => (y.toImportance ?? 0) - (x.toImportance ?? 0) || byName(x, y));
  return { similarity: skillSimilarity(pairs), gaps, transferable };
}

/** "29-1141.00" (or "29-1141"), or a role slug: the occupation it names. */
/** The occupation a role slug (its occupation) or an O*NET-SOC code names, and the role's slug if a role was named. */
async function occupationOf(
  prisma: PrismaClient,
  key: string,
  argument: string,
): Promise<OccupationRow & { roleSlug?: string }> {
  const trimmed = key.trim();
  const code = codeOf(trimmed);
  if (code !== undefined) {
    const occupation = await prisma.occupation.findUnique({ where: { code } });
    if (!occupation) throw unknownOccupation(code, argument);
    return occupation;
  }
  if (trimmed === '') throw badInput(argument, 'give a role slug or an O*NET-SOC code such as "29-1141.00".');
  const role = await bySlug(prisma, 'role', trimmed, argument, (slug) =>
    prisma.role.findUnique({ where: { slug }, include: { occupation: true } }),
  );
  if (!role.occupation)
    throw badInput(argument, `the role "${trimmed}" has no O*NET occupation, so it has no skill ratings.`);
  return { ...role.occupation, roleSlug: role.slug };
}

/** Both occupations' ratings, skill by skill, in O*NET's element order. */
async function skillPairs(prisma: PrismaClient, from: number, to: number): Promise<SkillPair[]> {
  const rows = await prisma.occupationSkill.findMany({
    where: { occupationId: { in: [from, to] } },
    orderBy: { elementId: 'asc' },
  });
  const pairs = new Map<string, SkillPair>();
  for (const r of rows) {
    let p = pairs.get(r.elementId);
    if (!p) {
      p = {
        elementId: r.elementId,
        name: r.name,
        fromLevel: null,
        toLevel: null,
        fromImportance: null,
        toImportance: null,
      };
      pairs.set(r.elementId, p);
    }
    const lv = r.level?.toNumber() ?? null;
    const im = r.importance?.toNumber() ?? null;
    // The same occupation on both sides: both sides take its ratings.
    if (r.occupationId === from) {
      p.fromLevel = lv;
      p.fromImportance = im;
    }
    if (r.occupationId === to) {
      p.toLevel = lv;
      p.toImportance = im;
    }
  }
  return [...pairs.values()];
}

const SkillComparison = builder.objectRef<SkillPair>('SkillComparison').implement({
  description: 'One O*NET skill rated for both occupations compared.',
  fields: (t) => ({
    name: t.string({ description: 'The skill, e.g. "Critical Thinking".', resolve: (s) => s.name }),
    elementId: t.string({ description: 'O*NET’s element ID, e.g. "2.A.2.a".', resolve: (s) => s.elementId }),
    fromLevel: t.float({
      nullable: true,
      description:
        'The level (0-7) in the occupation moved from; null where O*NET rates it not relevant or suppresses it.',
      resolve: (s) => s.fromLevel,
    }),
    toLevel: t.float({
      nullable: true,
      description:
        'The level (0-7) in the occupation moved to; null where O*NET rates it not relevant or suppresses it.',
      resolve: (s) => s.toLevel,
    }),
    fromImportance: t.float({
      nullable: true,
      description: 'How important (1-5) the skill is in the occupation moved from; null where suppressed.',
      resolve: (s) => s.fromImportance,
    }),
    toImportance: t.float({
      nullable: true,
      description: 'How important (1-5) the skill is in the occupation moved to; null where suppressed.',
      resolve: (s) => s.toImportance,
    }),
  }),
});

const SkillGapItem = builder.objectRef<Gap>('SkillGapItem').implement({
  description: 'A skill the target occupation needs at a higher level than the source has.',
  fields: (t) => ({
    skill: t.field({ type: SkillComparison, description: 'The skill with both ratings.', resolve: (g) => g }),
    gap: t.float({
      description: 'The target’s level minus the source’s (an unrated source level counts as 0).',
      resolve: (g) => Math.round(g.gap * 100) / 100,
    }),
    weight: t.float({
      description: 'The target’s importance times the gap: what the gaps are ordered by, largest first.',
      resolve: (g) => Math.round(g.weight * 100) / 100,
    }),
  }),
});

const SkillGapRef = builder.objectRef<SkillGapResult>('SkillGap').implement({
  description:
    'What moving from one occupation to another asks of a worker’s skills, from O*NET’s Skills ratings (docs/skill-gap.md). Directional: the gap from A to B is not the gap from B to A.',
  fields: (t) => ({
    from: t.field({ type: Occupation, description: 'The occupation moved from.', resolve: (r) => r.from }),
    to: t.field({ type: Occupation, description: 'The occupation moved to.', resolve: (r) => r.to }),
    unrated: t.field({
      type: [Occupation],
      description:
        'The occupations compared that O*NET 29.3 rates no skill level for (e.g. 29-2072.00, Medical Records Specialists, the occupation of the billing and coding, EHR and health information roles). With any, `similarity`, `gaps` and `transferable` are null: not known, rather than measured from 0.',
      resolve: (r) => r.unrated,
    }),
    sameOccupation: t.boolean({
      description:
        'True when `from` and `to` are two roles that O*NET rates as one occupation (a medical assistant and a lead medical assistant, both 31-9092.00): O*NET has no ratings that tell them apart, so `similarity`, `gaps` and `transferable` are null: not known, rather than "nothing to learn".',
      resolve: (r) => r.sameOccupation,
    }),
    similarity: t.float({
      nullable: true,
      description:
        'How alike the two occupations’ skill levels are, 0 to 1: the cosine of their 35 skill levels (symmetric; docs/skill-gap.md). It runs high: over every pair of rated occupations the median is 0.934 and 90% lie between 0.82 and 0.98, so read it as an order, not a percentage alike (docs/skill-gap.md). Null when O*NET rates either occupation’s skills not at all (`unrated`), or rates both as one occupation (`sameOccupation`).',
      resolve: (r) => (r.similarity === null ? null : Math.round(r.similarity * 10000) / 10000),
    }),
    gaps: t.field({
      type: [SkillGapItem],
      nullable: true,
      description:
        'The skills whose level in the target exceeds the source’s, by importance times gap, largest first. Null when either occupation is `unrated`, or both are one (`sameOccupation`).',
      resolve: (r) => r.gaps,
    }),
    transferable: t.field({
      type: [SkillComparison],
      nullable: true,
      description:
        'The skills the target rates whose level the source already meets or exceeds, most important to the target first. Null when either occupation is `unrated`, or both are one (`sameOccupation`).',
      resolve: (r) => r.transferable,
    }),
  }),
});

type Similar = { occupationId: number; similarity: number };
const SimilarOccupationRef = builder.objectRef<Similar>('SimilarOccupation').implement({
  description: 'An occupation whose skill levels are close to another’s (docs/skill-gap.md).',
  fields: (t) => ({
    occupation: t.prismaField({
      type: 'Occupation',
      description: 'The similar occupation.',
      resolve: (query, s, _args, { prisma }) =>
        prisma.occupation.findUniqueOrThrow({ ...query, where: { id: s.occupationId } }),
    }),
    similarity: t.float({
      description: 'The cosine of the two occupations’ skill levels, 0 to 1. It runs high: over every pair of rated occupations the median is 0.934 and 90% lie between 0.82 and 0.98, so read it as an order, not a percentage alike (docs/skill-gap.md).',
      resolve: (s) => Math.round(s.similarity * 10000) / 10000,
    }),
  }),
});

/** The occupations nearest to one by skill-level cosine, nearest first, then by code. */
async function similarTo(prisma: PrismaClient, occupationId: number, first: number): Promise<Similar[]> {
  return prisma.$queryRaw<Similar[]>`
    WITH norms AS (
      SELECT occupation_id, sqrt(sum(coalesce(level, 0)::float8 ^ 2)) AS n FROM occupation_skill GROUP BY occupation_id),
    mine AS (SELECT element_id, coalesce(level, 0)::float8 AS l FROM occupation_skill WHERE occupation_id = ${occupationId})
    SELECT s.occupation_id AS "occupationId",
           least(1, sum(mine.l * coalesce(s.level, 0)::float8) / (me.n * other.n)) AS similarity
    FROM occupation_skill s
    JOIN mine USING (element_id)
    JOIN norms other ON other.occupation_id = s.occupation_id
    JOIN norms me ON me.occupation_id = ${occupationId}
    JOIN occupation o ON o.id = s.occupation_id
    WHERE s.occupation_id <> ${occupationId} AND other.n > 0 AND me.n > 0
    GROUP BY s.occupation_id, o.code, me.n, other.n
    ORDER BY similarity DESC, o.code
    LIMIT ${first}`;
}

builder.prismaObjectField('Occupation', 'similarOccupations', (t) =>
  t.field({
    type: [SimilarOccupationRef],
    description:
      'The occupations whose O*NET skill levels are nearest to this one’s (cosine similarity, docs/skill-gap.md), nearest first. Computed here, beside O*NET’s own `relatedOccupations`, which stay as O*NET published them. Empty when O*NET rates none of this occupation’s skills (its `skills` list is empty, as for 29-2072.00): nothing can be compared with it, which says nothing of how alike it is to others.',
    args: {
      first: t.arg.int({ required: true, defaultValue: 10, description: 'How many, 1 to 100. @default 10' }),
    },
    complexity: costs(20), // compares the occupation with every other one (about 31,000 ratings)
    select: { id: true },
    resolve: (o, { first }, { prisma }) => {
      if (first < 1 || first > 100) throw badInput('first', `must be between 1 and 100 (got ${first}).`);
      return similarTo(prisma, o.id, first);
    },
  }),
);

builder.queryField('skillGap', (t) =>
  t.field({
    type: SkillGapRef,
    nullable: true,
    description:
      'The skill gap from one occupation (or curated role: its occupation) to another, from O*NET’s Skills ratings: the skills to raise, ordered by importance times gap, the skills that transfer, and a similarity score. The gaps are directional (from A to B is not from B to A); the similarity is symmetric.',
    args: {
      from: t.arg.string({
        required: true,
        description:
          'A role slug (its O*NET occupation is used) or an O*NET-SOC code, e.g. "clinical-medical-assistant".',
      }),
      to: t.arg.string({ required: true, description: 'A role slug or an O*NET-SOC code, e.g. "29-1141.00".' }),
    },
    complexity: costs(5), // two occupations' 35 ratings each
    resolve: async (_root, args, { prisma }) => {
      const [from, to] = await eachArgument(
        () => occupationOf(prisma, args.from, 'from'),
        () => occupationOf(prisma, args.to, 'to'),
      );
      // As pathways refuses it: a gap from a role or occupation to itself is no question, however it
      // is named (a slug, another of its names, its O*NET-SOC code). Two roles of one occupation are
      // two questions, which O*NET's ratings cannot tell apart (sameOccupation, below).
      const same =
        from.roleSlug !== undefined && to.roleSlug !== undefined ? from.roleSlug === to.roleSlug : from.id === to.id;
      if (same)
        throw badInput(
          'to',
          from.roleSlug === to.roleSlug
            ? `must differ from "from" (both name ${from.roleSlug ?? from.code}).`
            : `must differ from "from": ${from.code} ${from.title} is ${from.roleSlug ?? to.roleSlug}’s O*NET occupation, whose skill ratings are the role’s.`,
        );
      const pairs = await skillPairs(prisma, from.id, to.id);
      const rated = (side: 'fromLevel' | 'toLevel') => pairs.some((p) => (p[side] ?? 0) > 0);
      const unrated = [...(rated('fromLevel') ? [] : [from]), ...(rated('toLevel') || to.id === from.id ? [] : [to])];
      // Two roles of one occupation: O*NET rates them alike by construction, which says nothing of
      // what the move asks (similarity 1 and no gaps read as "nothing to learn").
      const sameOccupation = from.id === to.id;
      if (unrated.length > 0 || sameOccupation)
        return { from, to, unrated, sameOccupation, similarity: null, gaps: null, transferable: null };
      return { from, to, unrated, sameOccupation, ...compareSkills(pairs) };
    },
  }),
);
