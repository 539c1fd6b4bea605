/**
 * A role's O*NET occupation, how the role fits it, and the median wage an advisor should see:
 * the newest official figure for the role itself, else the newest OEWS median of its occupation,
 * else the newest secondary figure for the role itself. A figure describing another occupation or
 * a wider pool (scope OCCUPATION) is never shown as the role's own, and the OEWS median of an
 * occupation the role only sits inside (SPECIALTY) or spans more than (BROADER) is a stand-in: shown,
 * labelled as such, never used to rank roles.
 */
import { OccupationFit as OccupationFits } from '../generated/prisma/enums.js';
import type { LaborFigure, OccupationWage, Prisma, Source } from '../generated/prisma/client.js';
import { builder } from './builder.js';
import { FigureScope, FIGURE_ORDER, LaborFigure as LaborFigureRef, periodOf } from './figure.js';
import { EstimateQualifier, OccupationWages, wageEstimate } from './occupation-data.js';
import { Source as SourceRef } from './source.js';

export const OccupationFit = builder.enumType(OccupationFits, {
  name: 'OccupationFit',
  description: 'How a curated role relates to its O*NET occupation.',
  values: {
    EXACT: { description: 'The role is the occupation.' },
    SPECIALTY: {
      description: 'A narrower role inside the occupation; the occupation’s figures cover more than the role.',
    },
    BROADER: { description: 'The role spans more than the occupation.' },
  } as const,
});

type FigureWithSource = LaborFigure & { source: Source };
type WageWithSource = OccupationWage & { source: Source };
/** What the choice is made from: the role's figures and its occupation's OEWS releases. */
export type WageEvidence = {
  figures: FigureWithSource[];
  occupation: { code: string; title: string; wages: WageWithSource[] } | null;
  occupationFit: 'EXACT' | 'SPECIALTY' | 'BROADER' | null;
};

/** The median wage chosen for a role, and what it rests on. */
export type ChosenMedianWage = {
  value: number | null;
  qualifier: 'EXACT' | 'AT_LEAST' | 'NOT_AVAILABLE';
  dataYear: number | null;
  scope: 'ROLE' | 'OCCUPATION';
  /** Another or a wider occupation's pay standing in for the role's: never used to rank roles. */
  standIn: boolean;
  occupation: string;
  source: Source;
  figure: FigureWithSource | null;
  wages: WageWithSource | null;
};

const isNationalAnnualMedian = (f: LaborFigure) =>
  f.kind === 'MEDIAN_WAGE' && f.unit === 'USD_PER_YEAR' && f.geography === 'US' && f.scope === 'ROLE';
/** Newest data year first, undated last, then the older record. */
const newest = (a: FigureWithSource, b: FigureWithSource) =>
  (b.dataYear ?? -Infinity) - (a.dataYear ?? -Infinity) || a.id - b.id;

/** Chooses the median wage to show for a role (see the module comment); null when there is none. */
export function chooseMedianWage(role: WageEvidence): ChosenMedianWage | null {
  const own = role.figures.filter(isNationalAnnualMedian).sort(newest);
  const fromFigure = (f: FigureWithSource): ChosenMedianWage => ({
    value: f.value?.toNumber() ?? null,
    // A median a source gives as a floor ("over $X") is read as one.
    qualifier: f.bound,
    dataYear: f.dataYear,
    scope: 'ROLE',
    standIn: false,
    occupation: f.occupation,
    source: f.source,
    figure: f,
    wages: null,
  });
  const official = own.find((f) => f.source.official);
  if (official) return fromFigure(official);
  const release = [...(role.occupation?.wages ?? [])]
    .sort((a, b) => b.year - a.year)
    .find((w) => w.annualMedianQ !== 'NOT_AVAILABLE');
  if (release && role.occupation) {
    const median = wageEstimate(release, 'annual', 'median');
    return {
      value: median.value,
      qualifier: median.qualifier,
      dataYear: release.year,
      scope: 'OCCUPATION',
      // BLS may publish only a broader occupation's wages (coverage BROADER), which stand in too.
      standIn: role.occupationFit !== 'EXACT' || release.coverage !== 'SAME',
      occupation: `${release.blsTitle} (${release.blsCode})`,
      source: release.source,
      figure: null,
      wages: release,
    };
  }
  return own[0] ? fromFigure(own[0]) : null;
}

/** The Prisma selection chooseMedianWage needs from a role. */
export const medianWageEvidence = {
  figures: { orderBy: [...FIGURE_ORDER], include: { source: true } },
  occupationFit: true,
  occupation: {
    select: { code: true, title: true, wages: { orderBy: { year: 'desc' }, include: { source: true } } },
  },
} satisfies Prisma.RoleSelect;

export const ChosenMedianWageRef = builder.objectRef<ChosenMedianWage>('ChosenMedianWage').implement({
  description:
    'The national median annual wage chosen for a role, saying what it describes (scope) and where it comes from: the newest official figure for the role itself, else the newest OEWS median of its O*NET occupation, else the newest secondary figure for the role itself.',
  fields: (t) => ({
    value: t.float({
      nullable: true,
      description: 'US dollars a year (a lower bound when AT_LEAST).',
      resolve: (w) => w.value,
    }),
    qualifier: t.field({ type: EstimateQualifier, description: 'How to read `value`.', resolve: (w) => w.qualifier }),
    unit: t.string({ description: 'Always "USD_PER_YEAR".', resolve: () => 'USD_PER_YEAR' }),
    scope: t.field({
      type: FigureScope,
      description: 'ROLE: a figure for the role itself; OCCUPATION: the OEWS median of the role’s occupation.',
      resolve: (w) => w.scope,
    }),
    standIn: t.boolean({
      description:
        'True when the wage is not the role’s own: the OEWS median of an occupation the role is only part of (occupationFit SPECIALTY or BROADER) or of a broader occupation BLS publishes in its place. Shown for context, never used to rank roles.',
      resolve: (w) => w.standIn,
    }),
    dataYear: t.int({
      nullable: true,
      description: 'The year the wage describes (OEWS: May of it).',
      resolve: (w) => w.dataYear,
    }),
    year: t.int({
      nullable: true,
      description: 'The year the wage describes.',
      deprecationReason: 'Use dataYear.',
      resolve: (w) => w.dataYear,
    }),
    period: t.string({
      nullable: true,
      description: 'The data year as people write it; null when undated.',
      resolve: (w) => periodOf(w.dataYear),
    }),
    occupation: t.string({
      description: 'What the wage describes, as its source names it.',
      resolve: (w) => w.occupation,
    }),
    source: t.field({ type: SourceRef, description: 'Where the wage comes from.', resolve: (w) => w.source }),
    figure: t.field({
      type: LaborFigureRef,
      nullable: true,
      description: 'The curated figure chosen, when scope is ROLE.',
      resolve: (w) => w.figure,
    }),
    wages: t.field({
      type: OccupationWages,
      nullable: true,
      description: 'The OEWS release chosen, when scope is OCCUPATION.',
      resolve: (w) => w.wages,
    }),
  }),
});

builder.prismaObjectFields('Role', (t) => ({
  occupation: t.relation('occupation', {
    nullable: true,
    description: 'The O*NET occupation the role belongs to, with its official wages and projections.',
  }),
  occupationFit: t.expose('occupationFit', {
    type: OccupationFit,
    nullable: true,
    description: 'How the role fits its occupation: EXACT, SPECIALTY (narrower) or BROADER.',
  }),
  latestMedianWage: t.field({
    type: ChosenMedianWageRef,
    nullable: true,
    description:
      'The national median annual wage to show for the role, saying whether it describes the role or its occupation and which source it comes from; null when there is none.',
    select: { ...medianWageEvidence },
    resolve: (role) => chooseMedianWage(role as unknown as WageEvidence),
  }),
}));
