import type { LaborFigure as FigureRow } from '../generated/prisma/client.js';
import { builder, type Context } from './builder.js';
import { editingMutations, type InputFields, merge } from './editing.js';

export const FigureKind = builder.enumType('FigureKind', {
  description: 'What a labour-market figure measures.',
  values: {
    MEDIAN_WAGE: { description: 'Median pay.' },
    MEAN_WAGE: { description: 'Mean (average) pay.' },
    WAGE_RANGE: { description: 'A range of pay (see `low` and `high`).' },
    EMPLOYMENT: { description: 'Number of people employed.' },
    PROJECTED_GROWTH: { description: 'Projected change in employment over the period, in percent.' },
    ANNUAL_OPENINGS: { description: 'Projected openings per year.' },
  } as const,
});

export const FigureUnit = builder.enumType('FigureUnit', {
  description: 'The unit of a figure’s values.',
  values: {
    USD_PER_YEAR: { description: 'US dollars per year.' },
    USD_PER_HOUR: { description: 'US dollars per hour.' },
    PERCENT: { description: 'Percent.' },
    JOBS: { description: 'Jobs or people.' },
  } as const,
});

export const WAGE_KINDS = ['MEDIAN_WAGE', 'MEAN_WAGE', 'WAGE_RANGE'] as const;
export const OUTLOOK_KINDS = ['EMPLOYMENT', 'PROJECTED_GROWTH', 'ANNUAL_OPENINGS'] as const;
export const isWage = (f: Pick<FigureRow, 'kind'>) => (WAGE_KINDS as readonly string[]).includes(f.kind);

/** The most recent national median annual wage, ties broken by official sources first. */
export function latestMedianWage<T extends FigureRow & { source: { official: boolean } }>(figures: T[]): T | null {
  const candidates = figures.filter(
    (f) => f.kind === 'MEDIAN_WAGE' && f.unit === 'USD_PER_YEAR' && f.geography === 'US',
  );
  candidates.sort((a, b) => b.year - a.year || Number(b.source.official) - Number(a.source.official) || a.id - b.id);
  return candidates[0] ?? null;
}

const decimal = (v: { toNumber(): number } | null) => (v === null ? null : v.toNumber());

export const LaborFigure = builder.prismaNode('LaborFigure', {
  // node(id:) answers null for an ID whose object no longer exists.
  nullable: true,
  description:
    'One wage, employment or outlook figure exactly as one source gives it. Sources disagree, so a role may have several figures of the same kind.',
  id: { field: 'id' },
  fields: (t) => ({
    version: t.exposeInt('version', {
      description: 'Increases with every change; send it back as `expectedVersion` when updating or deleting.',
    }),
    kind: t.expose('kind', { type: FigureKind, description: 'What the figure measures.' }),
    unit: t.expose('unit', { type: FigureUnit, description: 'Unit of `value`, `low` and `high`.' }),
    value: t.float({ nullable: true, description: 'The value; null for a range.', resolve: (f) => decimal(f.value) }),
    low: t.float({ nullable: true, description: 'Low end of a range.', resolve: (f) => decimal(f.low) }),
    high: t.float({ nullable: true, description: 'High end of a range.', resolve: (f) => decimal(f.high) }),
    year: t.exposeInt('year', { description: 'Year of the data; for a projection, its first year.' }),
    periodEndYear: t.exposeInt('periodEndYear', { nullable: true, description: 'Last year of a projection period.' }),
    period: t.string({
      description: 'The year or period as people write it, e.g. "2023" or "2024-2034".',
      resolve: (f) => (f.periodEndYear ? `${f.year}-${f.periodEndYear}` : String(f.year)),
    }),
    geography: t.exposeString('geography', { description: '"US" for national figures, otherwise the area.' }),
    occupation: t.exposeString('occupation', {
      description: 'The occupation as the source names it, which may be broader than the role.',
    }),
    note: t.exposeString('note', { nullable: true, description: 'Curator’s note.' }),
    source: t.relation('source', { description: 'Where the figure comes from.' }),
    role: t.relation('role', { description: 'The role the figure describes.' }),
  }),
});

// ---- editing ---------------------------------------------------------------------------------

/** What identifies a figure: at most one per role, kind, unit, source, year and geography. */
const figureIdentityFields = (t: InputFields) => ({
  role: t.string({ required: true, description: 'Slug of the role the figure describes.' }),
  kind: t.field({ type: FigureKind, required: true, description: 'What it measures.' }),
  unit: t.field({ type: FigureUnit, required: true, description: 'Unit of the values.' }),
  year: t.int({ required: true, description: 'Year of the data; for a projection, its first year.' }),
  geography: t.string({ description: 'Area; "US" (the default) for national figures.' }),
  source: t.string({ required: true, description: 'Slug of the source; every figure needs one.' }),
});
const figureValueFields = (t: InputFields, required: boolean) => ({
  value: t.float({ description: 'The value (not for a WAGE_RANGE).' }),
  low: t.float({ description: 'Low end of a WAGE_RANGE.' }),
  high: t.float({ description: 'High end of a WAGE_RANGE.' }),
  periodEndYear: t.int({ description: 'Last year of a projection period.' }),
  occupation: t.string({ required, description: 'The occupation as the source names it.' }),
  note: t.string({ description: 'Curator’s note.' }),
});

/** A figure's natural key, from its global ID. */
async function figureKeyById(ctx: Context, id: string | number): Promise<string | null> {
  const row = await ctx.prisma.laborFigure.findUnique({
    where: { id: Number(id) },
    include: { role: { select: { slug: true } }, source: { select: { slug: true } } },
  });
  return row ? [row.role.slug, row.kind, row.unit, row.source.slug, row.year, row.geography].join('|') : null;
}
function whereKey(key: string) {
  const [role, kind, unit, source, year, geography] = key.split('|');
  return {
    role: { slug: role },
    source: { slug: source },
    kind: kind as FigureRow['kind'],
    unit: unit as FigureRow['unit'],
    year: Number(year),
    geography,
  };
}

editingMutations({
  kind: 'figures',
  name: 'LaborFigure',
  field: 'figure',
  ref: LaborFigure,
  identity: {
    create: figureIdentityFields,
    existing: (t) => ({ id: t.globalID({ required: true, description: 'Global ID of the figure.' }) }),
  },
  fields: figureValueFields,
  key: async (input: { id?: { typename: string; id: string } } & Record<string, unknown>, ctx) => {
    if (!input.id) {
      const f = input as Record<string, unknown>;
      return [f.role, f.kind, f.unit, f.source, f.year, f.geography ?? 'US'].join('|');
    }
    return input.id.typename === 'LaborFigure' ? figureKeyById(ctx, input.id.id) : null;
  },
  toRecord: (input, existing) => {
    const { id: _id, ...rest } = input;
    return merge(existing, rest);
  },
  load: (ctx, key) => ctx.prisma.laborFigure.findFirst({ where: whereKey(key) }),
  version: async (ctx, key) =>
    (await ctx.prisma.laborFigure.findFirst({ where: whereKey(key), select: { version: true } }))?.version ?? null,
  deleteDescription: 'Deletes a figure.',
});
