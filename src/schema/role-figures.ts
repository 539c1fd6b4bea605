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
    description: 'Every employment and growth figure for the role, newest first, each with its source.',
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

/**
 * Role IDs matching `where`, sorted by a figure: the median wage latestMedianWage shows when it
 * describes the role (a stand-in, another occupation's pay, never ranks a role: such roles sort with
 * those that have none), or the latest national projected growth.
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
            figures: {
              where: { kind: 'PROJECTED_GROWTH', unit: 'PERCENT', geography: 'US' },
              orderBy: [...FIGURE_ORDER],
              include: { source: { select: { official: true } } },
            },
          }),
    },
  });
  const keyed = roles.map((r) => {
    if (field === 'MEDIAN_WAGE') {
      const wage = chooseMedianWage(r as unknown as WageEvidence);
      return { id: r.id, title: r.title, key: wage && !wage.standIn ? wage.value : null };
    }
    const latest = [...r.figures].sort(
      (a, b) =>
        (b.dataYear ?? -Infinity) - (a.dataYear ?? -Infinity) ||
        Number(b.source.official) - Number(a.source.official) ||
        a.id - b.id,
    )[0];
    return { id: r.id, title: r.title, key: latest?.value?.toNumber() ?? null };
  });
  keyed.sort((a, b) => {
    if (a.key === null || b.key === null)
      return a.key === b.key ? a.title.localeCompare(b.title) : a.key === null ? 1 : -1;
    return (desc ? b.key - a.key : a.key - b.key) || a.title.localeCompare(b.title) || a.id - b.id;
  });
  return keyed.map((r) => r.id);
}
