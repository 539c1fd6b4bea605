/**
 * A role's labour-market figures: its wages and outlook with their sources, its latest median
 * wage, and the order of roles by a figure that `roles` sorts with. Moved here from role.ts as
 * they were (issue #17 reworks the figure model).
 */
import type { Prisma } from '../generated/prisma/client.js';
import type { PrismaClient } from '../db/client.js';
import { builder } from './builder.js';
import { isWage, LaborFigure, latestMedianWage } from './figure.js';
import { Role } from './role.js';

const figureQuery = {
  orderBy: [{ year: 'desc' }, { id: 'asc' }],
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
    resolve: (role) => role.figures.filter((f) => !isWage(f)),
  }),
  latestMedianWage: t.field({
    type: LaborFigure,
    nullable: true,
    description:
      'The most recent national median annual wage, official sources first when years tie; null when there is none.',
    select: (_args, _ctx, nested) => ({ figures: nested(figureQuery) }),
    resolve: (role) => latestMedianWage(role.figures),
  }),
}));

/** Role IDs matching `where`, sorted by a figure (latest national median wage or growth). */
export async function resolveRoleIds(
  prisma: PrismaClient,
  where: Prisma.RoleWhereInput,
  field: 'MEDIAN_WAGE' | 'GROWTH',
  desc: boolean,
) {
  const kind = field === 'MEDIAN_WAGE' ? 'MEDIAN_WAGE' : 'PROJECTED_GROWTH';
  const unit = field === 'MEDIAN_WAGE' ? 'USD_PER_YEAR' : 'PERCENT';
  const roles = await prisma.role.findMany({
    where,
    select: {
      id: true,
      title: true,
      figures: {
        where: { kind, unit, geography: 'US' },
        orderBy: [{ year: 'desc' }, { id: 'asc' }],
        include: { source: { select: { official: true } } },
      },
    },
  });
  const keyed = roles.map((r) => {
    const latest = [...r.figures].sort(
      (a, b) => b.year - a.year || Number(b.source.official) - Number(a.source.official) || a.id - b.id,
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
