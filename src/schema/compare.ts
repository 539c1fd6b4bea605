/** compareRoles: the side-by-side an analyst would otherwise assemble from the articles. */
import { queryFromInfo } from '@pothos/plugin-prisma';
import type { PrismaClient } from '../db/client.js';
import { getDatamodel } from '../generated/pothos-types.js';
import { builder } from './builder.js';
import { Certification } from './certification.js';
import { badInput, knownSlugs, slugKey, unknownSlugs } from './errors.js';
import { FIGURE_ORDER, FigureBound, FigureScope, isOutlook, isWage, LaborFigure } from './figure.js';
import { ChosenMedianWageRef, chooseMedianWage, medianWageEvidence } from './role-occupation.js';
import { Role } from './role.js';
import { MIN_SHARED, sameMeaning, terms } from './skill-match.js';

const comparisonInclude = {
  figures: { include: { source: true }, orderBy: [...FIGURE_ORDER] },
  occupation: { include: { wages: medianWageEvidence.occupation.select.wages } },
  incoming: { include: { requirementGroups: { include: { options: { include: { certification: true } } } } } },
  outgoing: { include: { toRole: true } },
};

type LoadedRole = Awaited<ReturnType<typeof loadRoles>>[number];

/** A Pothos query plan for a type: `include` for types in include mode, `select` in select mode. */
type Plan = { include?: Record<string, unknown>; select?: Record<string, unknown> };

const ROLE_RELATIONS = new Set(
  getDatamodel()
    .datamodel.models.Role!.fields.filter((f) => f.kind === 'object')
    .map((f) => f.name),
);

/**
 * The relations a plan for Role loads. Role is in select mode, so its plan is a `select` that
 * also names scalar columns; the comparison reads every column anyway, so only relations matter.
 */
const roleRelations = (plan: Plan | undefined) =>
  Object.fromEntries(Object.entries(plan?.select ?? plan?.include ?? {}).filter(([key]) => ROLE_RELATIONS.has(key)));

/**
 * Loads the compared roles with what the comparison computes from, plus whatever the request
 * selects under `roles` and `entries.role`, so that nested fields cost no extra queries.
 */
async function loadRoles(
  prisma: PrismaClient,
  slugs: string[],
  selection: { role?: Plan; figure?: { include?: object } } = {},
) {
  const rows = await prisma.role.findMany({
    where: { slug: { in: slugs } },
    // Two to four rows with short lists: one joined query instead of one per relation level.
    relationLoadStrategy: 'join',
    include: {
      ...roleRelations(selection.role),
      ...comparisonInclude,
      figures: {
        ...comparisonInclude.figures,
        include: { ...selection.figure?.include, ...comparisonInclude.figures.include },
      },
    },
  });
  const bySlug = new Map(rows.map((r) => [r.slug, r]));
  const missing = slugs.filter((slug) => !bySlug.has(slug));
  if (missing.length) throw unknownSlugs('role', 'slugs', missing, await knownSlugs(prisma, 'role'));
  return slugs.map((slug) => bySlug.get(slug)!);
}

const norm = (s: string) => s.trim().toLowerCase();
const certificationsOf = (role: LoadedRole) => {
  const all = role.incoming.flatMap((t) => t.requirementGroups.flatMap((g) => g.options.map((o) => o.certification)));
  return [...new Map(all.map((c) => [c.id, c])).values()].sort((a, b) => a.acronym.localeCompare(b.acronym));
};
const nextRolesOf = (role: LoadedRole) =>
  role.outgoing.map((t) => t.toRole).sort((a, b) => a.title.localeCompare(b.title));

/** Items every list has (by key), in the first list's order. */
function sharedBy<T>(lists: T[][], key: (item: T) => string | number): T[] {
  const [first = [], ...rest] = lists;
  const others = rest.map((list) => new Set(list.map(key)));
  return first.filter((item) => others.every((set) => set.has(key(item))));
}
/** Items of the first list that mean the same as some item of every other list (skill-match.ts), in its order. */
function sharedInMeaning(lists: string[][], kind: keyof typeof MIN_SHARED): string[] {
  const [first = [], ...rest] = lists;
  const others = rest.map((list) => list.map(terms));
  return first.filter((item) => {
    const t = terms(item);
    return others.every((list) => list.some((u) => sameMeaning(t, u, MIN_SHARED[kind])));
  });
}
/** Items of `list` that mean the same as no item of the other lists. */
function onlyInMeaning(list: string[], others: string[][], kind: keyof typeof MIN_SHARED): string[] {
  const seen = others.flat().map(terms);
  return list.filter((item) => {
    const t = terms(item);
    return !seen.some((u) => sameMeaning(t, u, MIN_SHARED[kind]));
  });
}
/** Items of `list` that no other list has. */
function onlyIn<T>(list: T[], others: T[][], key: (item: T) => string | number): T[] {
  const seen = new Set(others.flat().map(key));
  return list.filter((item) => !seen.has(key(item)));
}

type Comparison = { roles: LoadedRole[] };
type Entry = { role: LoadedRole; others: LoadedRole[] };
type WageRange = {
  role: LoadedRole;
  unit: 'USD_PER_YEAR' | 'USD_PER_HOUR';
  geography: string;
  /** ROLE or OCCUPATION: a role's figures are never SECTOR ones (a CHECK in the database). */
  scope: LoadedRole['figures'][number]['scope'];
};
const inRange = (r: WageRange) => (f: LoadedRole['figures'][number]) =>
  isWage(f) && f.unit === r.unit && f.geography === r.geography && f.scope === r.scope;

/** The years figures describe, ascending, each once. */
const yearsOf = (figures: readonly { dataYear: number | null }[]) =>
  [...new Set(figures.flatMap((f) => (f.dataYear === null ? [] : [f.dataYear])))].sort((a, b) => a - b);

const WageRangeRef = builder.objectRef<WageRange>('WageRange').implement({
  description:
    'The spread of a role’s wage figures in one unit, one geography and one scope, across every source: a Florida figure never widens a national range, and another occupation’s pay never widens the role’s own.',
  fields: (t) => {
    const figures = (r: WageRange) => r.role.figures.filter(inRange(r));
    const values = (r: WageRange) =>
      figures(r).flatMap((f) => [f.value, f.low, f.high].filter((v) => v !== null).map((v) => v!.toNumber()));
    return {
      unit: t.string({ description: 'USD_PER_YEAR or USD_PER_HOUR.', resolve: (r) => r.unit }),
      geography: t.string({
        description: '"US" for national figures, otherwise the area.',
        resolve: (r) => r.geography,
      }),
      scope: t.field({
        type: FigureScope,
        description: 'ROLE: figures for the role itself; OCCUPATION: an occupation or wider pool standing in for it.',
        resolve: (r) => r.scope,
      }),
      lowest: t.float({ description: 'Lowest value any source gives.', resolve: (r) => Math.min(...values(r)) }),
      highest: t.float({ description: 'Highest value any source gives.', resolve: (r) => Math.max(...values(r)) }),
      highestBound: t.field({
        type: FigureBound,
        description:
          'AT_LEAST when a source gives the highest value as a floor ("over $57,000", "$48,000 to $55,000 or more"): pay reaches it or more.',
        resolve: (r) => {
          const top = Math.max(...values(r));
          const floor = figures(r).some((f) => f.bound === 'AT_LEAST' && (f.high ?? f.value)?.toNumber() === top);
          return floor ? 'AT_LEAST' : 'EXACT';
        },
      }),
      // A range drawn across years and occupations says which, beside its figures: "$37,000 to
      // $45,000" for medical assistants pooled 2021's pay with 2025's and four undated figures.
      earliestYear: t.int({
        nullable: true,
        description:
          'The earliest year a figure of the range describes (its `dataYear`); null when no figure states one.',
        resolve: (r) => yearsOf(figures(r))[0] ?? null,
      }),
      latestYear: t.int({
        nullable: true,
        description: 'The latest year a figure of the range describes; null when no figure states one.',
        resolve: (r) => yearsOf(figures(r)).at(-1) ?? null,
      }),
      undatedFigures: t.int({
        description: 'How many of the figures state no year: the range is not only of earliestYear to latestYear.',
        resolve: (r) => figures(r).filter((f) => f.dataYear === null).length,
      }),
      occupations: t.stringList({
        description:
          'The occupations the figures describe, as their sources name them, each name once, in the order of the figures. Names may differ only in wording ("Medical assistants", "Medical assistants (31-9092)") or in the part of the workforce a source describes ("Medical assistants (entry level)"); names of different occupations mean the range pools them.',
        resolve: (r) => [...new Set(figures(r).map((f) => f.occupation))],
      }),
      figures: t.field({
        type: [LaborFigure],
        description: 'The figures the range is drawn from, each with its source.',
        resolve: figures,
      }),
    };
  },
});

const ComparisonEntry = builder.objectRef<Entry>('RoleComparisonEntry').implement({
  description: 'One role of a comparison, with what sets it apart from the others.',
  fields: (t) => ({
    role: t.field({
      type: Role,
      description: 'The role; all of its own fields are available here.',
      resolve: (e) => e.role,
    }),
    wageRanges: t.field({
      type: [WageRangeRef],
      description:
        'Annual and hourly wage ranges across the figures the dataset records for the role, from all their sources, one per unit, geography and scope that some figure has (the role’s own national figures first). BLS’s OEWS wages for its O*NET occupation are not among them: `latestMedianWage` chooses among both.',
      resolve: (e) => {
        const ranges = new Map<string, WageRange>();
        for (const f of e.role.figures) {
          if (!isWage(f) || (f.unit !== 'USD_PER_YEAR' && f.unit !== 'USD_PER_HOUR')) continue;
          const range = { role: e.role, unit: f.unit, geography: f.geography, scope: f.scope };
          ranges.set(`${f.unit}|${f.scope}|${f.geography}`, range);
        }
        // The role's own before its occupation's, national before a state's, a year's pay before an
        // hour's: a client showing the first showed an occupation's hourly figure from a secondary page.
        const rank = (r: WageRange) =>
          [r.scope === 'ROLE' ? 0 : 1, r.geography === 'US' ? 0 : 1, r.unit === 'USD_PER_YEAR' ? 0 : 1] as const;
        return [...ranges.values()].sort((a, b) => {
          const [x, y] = [rank(a), rank(b)];
          return (
            x[0] - y[0] ||
            x[1] - y[1] ||
            x[2] - y[2] ||
            a.geography.localeCompare(b.geography) ||
            a.scope.localeCompare(b.scope)
          );
        });
      },
    }),
    latestMedianWage: t.field({
      type: ChosenMedianWageRef,
      nullable: true,
      description: 'The national median annual wage to show for the role (as Role.latestMedianWage chooses it).',
      resolve: (e) => chooseMedianWage(e.role),
    }),
    outlook: t.field({
      type: [LaborFigure],
      description: 'Employment and growth figures, newest first.',
      resolve: (e) => e.role.figures.filter(isOutlook),
    }),
    certifications: t.field({
      type: [Certification],
      description: 'Certifications the moves into this role ask for.',
      resolve: (e) => certificationsOf(e.role),
    }),
    uniqueDuties: t.stringList({
      description:
        'Duties no other compared role lists in any wording (matched by meaning, see `RoleComparison.sharedDuties`).',
      resolve: (e) =>
        onlyInMeaning(
          e.role.duties,
          e.others.map((o) => o.duties),
          'duties',
        ),
    }),
    uniqueSkills: t.stringList({
      description:
        'Skills no other compared role lists in any wording (matched by meaning, see `RoleComparison.sharedSkills`).',
      resolve: (e) =>
        onlyInMeaning(
          e.role.skills,
          e.others.map((o) => o.skills),
          'skills',
        ),
    }),
    uniqueWorkSettings: t.stringList({
      description: 'Work settings no other compared role lists.',
      resolve: (e) =>
        onlyIn(
          e.role.workSettings,
          e.others.map((o) => o.workSettings),
          norm,
        ),
    }),
    uniqueCertifications: t.field({
      type: [Certification],
      description: 'Certifications asked for by moves into this role only.',
      resolve: (e) => onlyIn(certificationsOf(e.role), e.others.map(certificationsOf), (c) => c.id),
    }),
    uniqueNextSteps: t.field({
      type: [Role],
      description: 'Roles reachable in one move from this role only.',
      resolve: (e) => onlyIn(nextRolesOf(e.role), e.others.map(nextRolesOf), (r) => r.id),
    }),
  }),
});

const RoleComparison = builder.objectRef<Comparison>('RoleComparison').implement({
  description: 'Two to four roles side by side: what they share and where they differ.',
  fields: (t) => ({
    roles: t.field({ type: [Role], description: 'The compared roles, in the order asked.', resolve: (c) => c.roles }),
    entries: t.field({
      type: [ComparisonEntry],
      description: 'One entry per role, in the order asked.',
      resolve: (c) => c.roles.map((role) => ({ role, others: c.roles.filter((o) => o !== role) })),
    }),
    sameTrack: t.boolean({
      description: 'True when all the roles are on one track.',
      resolve: (c) => new Set(c.roles.map((r) => r.trackId)).size === 1,
    }),
    sharedDuties: t.stringList({
      description:
        'Duties of the first role that every other compared role also lists, in the first role’s words. Matched by meaning, not wording: two duties match when they share two meaning-bearing word stems (docs/skill-matching.md).',
      resolve: (c) =>
        sharedInMeaning(
          c.roles.map((r) => r.duties),
          'duties',
        ),
    }),
    sharedSkills: t.stringList({
      description:
        'Skills of the first role that every other compared role also lists, in the first role’s words. Matched by meaning, not wording: two skills match when they share a meaning-bearing word stem, abbreviations spelled out ("EHR"), generic words ("skills", "patient") ignored (docs/skill-matching.md).',
      resolve: (c) =>
        sharedInMeaning(
          c.roles.map((r) => r.skills),
          'skills',
        ),
    }),
    sharedWorkSettings: t.stringList({
      description: 'Work settings every compared role lists.',
      resolve: (c) =>
        sharedBy(
          c.roles.map((r) => r.workSettings),
          norm,
        ),
    }),
    sharedCertifications: t.field({
      type: [Certification],
      description: 'Certifications that moves into every compared role ask for.',
      resolve: (c) => sharedBy(c.roles.map(certificationsOf), (x) => x.id),
    }),
    sharedNextSteps: t.field({
      type: [Role],
      description: 'Roles reachable in one move from every compared role.',
      resolve: (c) => sharedBy(c.roles.map(nextRolesOf), (r) => r.id),
    }),
  }),
});

builder.queryFields((t) => ({
  compareRoles: t.field({
    type: RoleComparison,
    nullable: true,
    description:
      'Compares two to four roles: duties, skills, wages with sources, outlook, settings, certifications, education and next steps.',
    args: {
      slugs: t.arg.stringList({ required: true, description: 'Two to four role slugs, all different.' }),
    },
    resolve: async (_root, args, context, info) => {
      const { prisma } = context;
      const slugs = args.slugs.map(slugKey);
      if (slugs.length < 2 || slugs.length > 4)
        throw badInput('slugs', `give 2 to 4 role slugs (got ${slugs.length}).`);
      const duplicate = slugs.find((s, i) => slugs.indexOf(s) !== i);
      if (duplicate) throw badInput('slugs', `"${duplicate}" is listed twice (slugs match whatever their case).`);
      const role = queryFromInfo({ context, info, typeName: 'Role', paths: [['roles'], ['entries', 'role']] });
      const figure = queryFromInfo({
        context,
        info,
        typeName: 'LaborFigure',
        // Not entries.latestMedianWage: a ChosenMedianWage, not a LaborFigure (planning it as one
        // refused its own fields, standIn among them); comparisonInclude loads what it chooses from.
        paths: [
          ['entries', 'wageRanges', 'figures'],
          ['entries', 'outlook'],
        ],
      });
      return { roles: await loadRoles(prisma, slugs, { role, figure } as never) };
    },
  }),
}));
