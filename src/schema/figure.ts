import {
  FigureBound as FigureBounds,
  FigureKind as FigureKinds,
  FigureScope as FigureScopes,
  FigureUnit as FigureUnits,
} from '../generated/prisma/enums.js';
import type { LaborFigure as FigureRow } from '../generated/prisma/client.js';
import { figureKey } from '../db/dataset/export.js';
import { builder, type Context } from './builder.js';
import { editingMutations, type InputFields, merge } from './editing.js';

export const FigureKind = builder.enumType(FigureKinds, {
  name: 'FigureKind',
  description: 'What a labour-market figure measures.',
  values: {
    MEDIAN_WAGE: { description: 'Median pay.' },
    MEAN_WAGE: { description: 'Mean (average) pay.' },
    WAGE_RANGE: { description: 'A range of pay (see `low` and `high`).' },
    EMPLOYMENT: { description: 'Number of people employed.' },
    PROJECTED_GROWTH: { description: 'Projected change in employment over the period, in percent.' },
    ANNUAL_OPENINGS: { description: 'Projected openings per year.' },
    WORKFORCE_SHARE: { description: 'Percent of the workforce in one setting, which `label` names.' },
    EXAM_PASS_RATE: { description: 'Percent of candidates who pass the certification exam `label` names.' },
    TIME_SHARE: { description: 'Percent of the working day spent on the kind of task `label` names.' },
    WAGE_PREMIUM: {
      description: 'Percent by which the pay of the group `label` names sits above the national median (a range).',
    },
    TOP_EARNERS_WAGE: {
      description:
        'The wage the top share of earners `label` names reaches (“about $41,474”) or exceeds (“over $57,000”: `bound` AT_LEAST).',
    },
    ENTRY_WAGE: {
      description:
        'Pay at entry level, one point as the source gives it (“starting near”): never a median, so no ranking or chosen median uses it.',
    },
    EMPLOYER_SHARE: {
      description: 'Percent of employers doing what `label` names (a survey of employers; a SECTOR figure).',
    },
    WORKER_COUNT: {
      description: 'A number of workers doing what `label` names, e.g. resigning each month (see `unit`).',
    },
  } as const,
});

export const FigureUnit = builder.enumType(FigureUnits, {
  name: 'FigureUnit',
  description: 'The unit of a figure’s values.',
  values: {
    USD_PER_YEAR: { description: 'US dollars per year.' },
    USD_PER_HOUR: { description: 'US dollars per hour.' },
    PERCENT: { description: 'Percent.' },
    JOBS: { description: 'Jobs or people.' },
    PEOPLE_PER_MONTH: {
      description: 'People per month: a flow, such as workers resigning each month, not a head count.',
    },
  } as const,
});

export const FigureScope = builder.enumType(FigureScopes, {
  name: 'FigureScope',
  description: 'What a figure describes: the role itself, an occupation, or a whole sector (no role).',
  values: {
    ROLE: { description: 'The role itself, as the source names it (e.g. clinical or entry-level medical assistants).' },
    OCCUPATION: {
      description:
        'An occupation, or a wider pool than the role: the role’s own occupation, or another one standing in for it (see `occupation`).',
    },
    SECTOR: {
      description:
        'A whole sector or its employers, about no role (e.g. all healthcare workers); `occupation` says what was measured. See `sectorFigures`.',
    },
  } as const,
});

export const FigureBound = builder.enumType(FigureBounds, {
  name: 'FigureBound',
  description: 'Whether a figure is the number itself or a floor its source gives.',
  values: {
    EXACT: { description: 'The number (or range) as the source gives it.' },
    AT_LEAST: {
      description:
        'A floor: the source says "over" or "or more" ("over 650,000 employed", "$45,000 or more"). For a range, its high end is the floor ("$48,000 to $55,000 or more"). Show it as "at least", never as the number itself.',
    },
  } as const,
});

const WAGE_KINDS: readonly string[] = [
  'MEDIAN_WAGE',
  'MEAN_WAGE',
  'WAGE_RANGE',
  'ENTRY_WAGE',
  'TOP_EARNERS_WAGE',
  'WAGE_PREMIUM',
];
const OUTLOOK_KINDS: readonly string[] = ['EMPLOYMENT', 'PROJECTED_GROWTH', 'ANNUAL_OPENINGS'];
/**
 * Pay: wages in dollars, and how far a group's pay sits above the median. Only MEDIAN_WAGE ranks
 * roles or is chosen as a role's median (role-occupation.ts); the others are only listed.
 */
export const isWage = (f: Pick<FigureRow, 'kind'>) => WAGE_KINDS.includes(f.kind);
/** Employment, projected growth and openings. */
export const isOutlook = (f: Pick<FigureRow, 'kind'>) => OUTLOOK_KINDS.includes(f.kind);

/** Newest data year first, undated figures last, then by id: the order a role's figures are listed in. */
export const FIGURE_ORDER = [{ dataYear: { sort: 'desc', nulls: 'last' } }, { id: 'asc' }] as const;

const decimal = (v: { toNumber(): number } | null) => (v === null ? null : v.toNumber());

/** A data year or period as people write it: "2023", "2024-2034", "to 2031", or null. */
export function periodOf(dataYear: number | null, periodEndYear: number | null = null): string | null {
  if (periodEndYear !== null) return dataYear === null ? `to ${periodEndYear}` : `${dataYear}-${periodEndYear}`;
  return dataYear === null ? null : String(dataYear);
}

export const LaborFigure = builder.prismaNode('LaborFigure', {
  // node(id:) answers null for an ID whose object no longer exists.
  nullable: true,
  description:
    'One wage, employment or outlook figure exactly as one source gives it, about a role or (scope SECTOR) a whole sector. Sources disagree, so a role may have several figures of the same kind.',
  id: { field: 'id' },
  fields: (t) => ({
    version: t.exposeInt('version', {
      description: 'Increases with every change; send it back as `expectedVersion` when updating or deleting.',
    }),
    kind: t.expose('kind', { type: FigureKind, description: 'What the figure measures.' }),
    unit: t.expose('unit', { type: FigureUnit, description: 'Unit of `value`, `low` and `high`.' }),
    value: t.float({
      nullable: true,
      // "null for a range" beside a wage premium of 15 with its range 15 to 25 (an API walk).
      description:
        'The value. For a range (`low` and `high`), null, or its low end where one number is recorded to rank by (a growth of 12–15% as 12, a wage premium of 15–25% as 15; the note says so).',
      resolve: (f) => decimal(f.value),
    }),
    low: t.float({ nullable: true, description: 'Low end of a range.', resolve: (f) => decimal(f.low) }),
    high: t.float({ nullable: true, description: 'High end of a range.', resolve: (f) => decimal(f.high) }),
    bound: t.expose('bound', {
      type: FigureBound,
      description: 'AT_LEAST when the source gives `value` (for a range, `high`) as a floor: "over", "or more".',
    }),
    scope: t.expose('scope', {
      type: FigureScope,
      description: 'Whether the figure describes the role itself or an occupation.',
    }),
    dataYear: t.exposeInt('dataYear', {
      nullable: true,
      description:
        'The year the numbers describe; for a projection, its first year. Null when the source states none (its publication year is `source.year`).',
    }),
    year: t.exposeInt('dataYear', {
      nullable: true,
      description: 'The year the numbers describe.',
      deprecationReason: 'Use dataYear; the source’s publication year is source.year.',
    }),
    periodEndYear: t.exposeInt('periodEndYear', { nullable: true, description: 'Last year of a projection period.' }),
    period: t.string({
      nullable: true,
      description: 'The year or period as people write it, e.g. "2023", "2024-2034" or "to 2031"; null when undated.',
      resolve: (f) => periodOf(f.dataYear, f.periodEndYear),
    }),
    geography: t.exposeString('geography', { description: '"US" for national figures, otherwise the area.' }),
    label: t.exposeString('label', {
      description:
        'What tells the figure from others of the same role, kind, unit, source, year and geography: a part of the workforce ("experienced or certified"), a setting ("Physicians’ offices") or the passage that gives it ("key points"); empty when the source gives only this one.',
    }),
    occupation: t.exposeString('occupation', {
      description: 'The occupation as the source names it, which may be broader than the role.',
    }),
    note: t.exposeString('note', { nullable: true, description: 'Curator’s note.' }),
    source: t.relation('source', { description: 'Where the figure comes from.' }),
    role: t.relation('role', {
      nullable: true,
      description: 'The role the figure describes; null for a SECTOR figure, which describes no role.',
    }),
  }),
});

builder.queryFields((t) => ({
  sectorFigures: t.prismaField({
    type: [LaborFigure],
    description:
      'Figures about a whole sector rather than a role (scope SECTOR): employers’ benefits, healthcare workers resigning each month. Newest data year first, undated last, each with its source.',
    resolve: (query, _root, _args, { prisma }) =>
      prisma.laborFigure.findMany({ ...query, where: { roleId: null }, orderBy: [...FIGURE_ORDER] }),
  }),
}));

// ---- editing ---------------------------------------------------------------------------------

/** What identifies a figure: at most one per role, kind, unit, source, data year (or none), geography and label. */
const figureIdentityFields = (t: InputFields) => ({
  role: t.string({
    description: 'Slug of the role the figure describes; leave out for a SECTOR figure (and only for one).',
  }),
  kind: t.field({ type: FigureKind, required: true, description: 'What it measures.' }),
  unit: t.field({ type: FigureUnit, required: true, description: 'Unit of the values.' }),
  dataYear: t.int({
    description:
      'The year the numbers describe (for a projection, its first year); leave out when the source states none.',
  }),
  geography: t.string({ description: 'Area; "US" (the default) for national figures.' }),
  label: t.string({
    description:
      'What tells the figure from another of the same key ("entry level", "key points"); leave out when there is none.',
  }),
  source: t.string({ required: true, description: 'Slug of the source; every figure needs one.' }),
});
const figureValueFields = (t: InputFields, required: boolean) => ({
  scope: t.field({
    type: FigureScope,
    required,
    description: 'Whether it describes the role itself or an occupation.',
  }),
  value: t.float({ description: 'The value (not for a WAGE_RANGE).' }),
  low: t.float({ description: 'Low end of a WAGE_RANGE.' }),
  high: t.float({ description: 'High end of a WAGE_RANGE.' }),
  bound: t.field({
    type: FigureBound,
    description:
      'AT_LEAST when the source gives the value (or a range’s high end) as a floor; EXACT, the default, otherwise.',
  }),
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
  return row ? figureKey({ ...row, role: row.role?.slug, source: row.source.slug }) : null;
}
function whereKey(key: string) {
  const [role, kind, unit, source, dataYear, geography, label = ''] = key.split('|');
  return {
    ...(role ? { role: { slug: role } } : { roleId: null }),
    source: { slug: source },
    kind: kind as FigureRow['kind'],
    unit: unit as FigureRow['unit'],
    dataYear: dataYear ? Number(dataYear) : null,
    geography,
    label,
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
      const f = input as Parameters<typeof figureKey>[0];
      return figureKey({ ...f, dataYear: f.dataYear ?? null, geography: f.geography ?? 'US', label: f.label ?? '' });
    }
    return input.id.typename === 'LaborFigure' ? figureKeyById(ctx, input.id.id) : null;
  },
  toRecord: (input, existing) => {
    const { id: _id, ...rest } = input;
    return merge(existing, rest);
  },
  load: (ctx, key) => ctx.prisma.laborFigure.findFirst({ where: whereKey(key) }),
  version: async (db, key) =>
    (await db.laborFigure.findFirst({ where: whereKey(key), select: { version: true } }))?.version ?? null,
  deleteDescription: 'Deletes a figure.',
});
