/**
 * A role's labour-market figures: its wages and outlook with their sources, and the order of roles
 * by a figure that `roles` sorts with (its latest median wage is in role-occupation.ts, beside the
 * occupation it may come from).
 */
import type { Prisma } from '../generated/prisma/client.js';
import type { PrismaClient } from '../db/client.js';
import { builder } from './builder.js';
import { FIGURE_ORDER, isOutlook, isWage, LaborFigure } from './figure.js';
import { Role } from './role.js';
import { chooseMedianWage, medianWageEvidence, type WageEvidence } from './role-occupation.js';

const figureQuery = {
  orderBy: [...FIGURE_ORDER],
  include: { source: true },
} satisfies Prisma.Role$figuresArgs;

builder.prismaObjectFields(Role, (t) => ({
  wages: t.field({
    type: [LaborFigure],
    description: 'Every wage figure for the role, newest first, each with its source.',
    select: (_args, _ctx, nested) => ({ figures: nested(figureQuery) }),
    resolve: (role) => role.figures.filter(isWage),
  }),
  outlook: t.field({
    type: [LaborFigure],
    // An API walk read the phlebotomist's 8% (BLS's handbook, 2023–33) here beside the 5.6% (2024–34)
    // roles(orderBy: GROWTH) ranked it by: that one is its occupation's projection.
    description:
      'Every employment and growth figure the dataset records for the role, newest first, each with its source. BLS’s Employment Projections for its O*NET occupation are `occupation.projection` (which `roles(orderBy: GROWTH)` ranks by where the role is that occupation and the projection is newer).',
    select: (_args, _ctx, nested) => ({ figures: nested(figureQuery) }),
    resolve: (role) => role.figures.filter(isOutlook),
  }),
  workforce: t.field({
    type: [LaborFigure],
    description:
      'Where the role’s workers work (WORKFORCE_SHARE), how they spend the day (TIME_SHARE) and how many pass its certification exams (EXAM_PASS_RATE), newest first, each with its source.',
    select: (_args, _ctx, nested) => ({ figures: nested(figureQuery) }),
    resolve: (role) => role.figures.filter((f) => !isWage(f) && !isOutlook(f)),
  }),
}));

type GrowthEvidence = {
  figures: {
    id: number;
    dataYear: number | null;
    value: { toNumber(): number } | null;
    source: { official: boolean };
  }[];
  occupationFit: string | null;
  occupation: {
    projection: { changePercent: { toNumber(): number } | null; baseYear: number; coverage: string } | null;
  } | null;
};

/**
 * Role IDs matching `where`, sorted by a figure: the median wage latestMedianWage shows when it
 * describes the role (a stand-in, another occupation's pay, never ranks a role: such roles sort with
 * those that have none), or the latest national projected growth of the role itself (BLS's for its
 * occupation when it is that occupation, or its own figures; never another group's).
 */
export async function resolveRoleIds(
  prisma: PrismaClient,
  where: Prisma.RoleWhereInput,
  field: 'MEDIAN_WAGE' | 'GROWTH',
  desc: boolean,
) {
  const roles = await prisma.role.findMany({
    where,
    select: {
      id: true,
      title: true,
      ...(field === 'MEDIAN_WAGE'
        ? medianWageEvidence
        : {
            // The role's own figures only: one of scope OCCUPATION (clinical medical assistants'
            // 12% on the EKG technician) is another group's, as a stand-in median is.
            figures: {
              where: { kind: 'PROJECTED_GROWTH', unit: 'PERCENT', geography: 'US', scope: 'ROLE' },
              orderBy: [...FIGURE_ORDER],
              include: { source: { select: { official: true } } },
            },
            occupationFit: true,
            occupation: { select: { projection: { select: { changePercent: true, baseYear: true, coverage: true } } } },
          }),
    },
  });
  const keyed = roles.map((r) => {
    if (field === 'MEDIAN_WAGE') {
      const wage = chooseMedianWage(r as unknown as WageEvidence);
      return { id: r.id, title: r.title, key: wage && !wage.standIn ? wage.value : null };
    }
    const g = r as unknown as GrowthEvidence;
    // BLS's projection of the role's occupation counts when the role is that occupation (EXACT)
    // and BLS publishes its own row for it: official, as the role's figures of the same year are not.
    const projection = g.occupationFit === 'EXACT' ? g.occupation?.projection : null;
    const candidates = [
      ...g.figures.map((f) => ({
        year: f.dataYear,
        official: f.source.official,
        id: f.id,
        value: f.value?.toNumber(),
      })),
      ...(projection && projection.coverage === 'SAME' && projection.changePercent !== null
        ? [{ year: projection.baseYear, official: true, id: -1, value: projection.changePercent.toNumber() }]
        : []),
    ].filter((c) => c.value !== undefined && c.value !== null);
    const latest = candidates.sort(
      (a, b) => (b.year ?? -Infinity) - (a.year ?? -Infinity) || Number(b.official) - Number(a.official) || a.id - b.id,
    )[0];
    return { id: r.id, title: r.title, key: latest?.value ?? null };
  });
  keyed.sort((a, b) => {
    if (a.key === null || b.key === null)
      return a.key === b.key ? a.title.localeCompare(b.title) : a.key === null ? 1 : -1;
    return (desc ? b.key - a.key : a.key - b.key) || a.title.localeCompare(b.title) || a.id - b.id;
  });
  return keyed.map((r) => r.id);
}
