/** Reads the whole database back into the dataset format, the inverse of loading it. */
import type { PrismaClient } from '../../generated/prisma/client.js';
import type { Dataset } from './format.js';

type Db = Pick<
  PrismaClient,
  'track' | 'organization' | 'source' | 'trainingProgram' | 'certification' | 'role' | 'laborFigure' | '$queryRaw'
>;

const slugsOf = (rows: { source: { slug: string } }[]) => rows.map((r) => r.source.slug).sort();
/** Drops absent optional values so that exported records equal freshly parsed ones. */
const compact = <T extends object>(record: T) =>
  Object.fromEntries(Object.entries(record).filter(([, v]) => v !== null && v !== undefined)) as {
    [K in keyof T]: Exclude<T[K], null>;
  };

/** Exports every record, in a stable order, as the dataset files would hold it. */
export async function exportDataset(db: Db): Promise<Dataset> {
  const sourcesInclude = { sources: { select: { source: { select: { slug: true } } } } } as const;
  // One query at a time: inside a transaction they share a single connection. Every query is a
  // round trip, and a mutation exports the dataset under the writers' lock: in a replica busy with
  // reads each round trip waits for a turn of the event loop (about 15 ms under the load test's
  // mix), so each kind is read with one statement: Prisma's joined reads ('join') where PostgreSQL
  // answers them as fast as one query per relation, and transitions, which Prisma cannot join
  // cheaply, by a statement of our own below (docs/scaling.md, "Replicas on one machine").
  const join = { relationLoadStrategy: 'join' } as const;
  const tracks = await db.track.findMany({ orderBy: { slug: 'asc' } });
  const organizations = await db.organization.findMany({ orderBy: { slug: 'asc' } });
  const sources = await db.source.findMany({
    ...join,
    orderBy: { slug: 'asc' },
    include: { publisher: { select: { slug: true } } },
  });
  const programs = await db.trainingProgram.findMany({
    ...join,
    orderBy: { slug: 'asc' },
    include: {
      ...sourcesInclude,
      typicalCostSource: { select: { slug: true } },
      prerequisites: { orderBy: { position: 'asc' }, select: { prerequisite: { select: { slug: true } } } },
    },
  });
  const certifications = await db.certification.findMany({
    ...join,
    orderBy: { slug: 'asc' },
    include: {
      ...sourcesInclude,
      issuer: { select: { slug: true } },
      examFeeSource: { select: { slug: true } },
      eligibilityRoutes: {
        orderBy: { position: 'asc' },
        include: { program: { select: { slug: true } }, certificationHeld: { select: { slug: true } } },
      },
    },
  });
  const roles = await db.role.findMany({
    ...join,
    orderBy: { slug: 'asc' },
    include: {
      ...sourcesInclude,
      track: { select: { slug: true } },
      occupation: { select: { code: true } },
      impliedPrograms: { select: { program: { select: { slug: true } } } },
      impliedCertifications: { select: { certification: { select: { slug: true } } } },
    },
  });
  // Transitions in one statement of our own: Prisma reads their relations with 10 round trips
  // ('query') or with nested LATERAL joins that took PostgreSQL 0.3 s ('join'). Set-based, not a
  // subquery per row: on tables never analysed (fewer rows than autovacuum's threshold) the planner
  // guesses ~800 rows each, prices per-row subqueries over 100,000 and spends ~40 ms compiling
  // them (JIT) for a 2 ms query. Numbers come back as text and are read as Decimal.toNumber would.
  const transitions = await db.$queryRaw<
    {
      from: string;
      to: string;
      kind: Dataset['transitions'][number]['kind'];
      minYearsExperience: string;
      yearsEstimated: boolean;
      requires: string[][];
      training: string[];
      unknownTraining: string | null;
      rationale: string;
      sources: string[];
    }[]
  >`
    WITH options AS (
      SELECT g.transition_id, g.position,
        coalesce(array_agg(c.slug) FILTER (WHERE c.slug IS NOT NULL), '{}') AS slugs
      FROM requirement_group g
      LEFT JOIN requirement_option ro ON ro.group_id = g.id
      LEFT JOIN certification c ON c.id = ro.certification_id
      GROUP BY g.id),
    requires AS (
      SELECT transition_id, json_agg(slugs ORDER BY position) AS requires FROM options GROUP BY transition_id),
    training AS (
      SELECT tt.transition_id, array_agg(p.slug) AS training
      FROM transition_training tt JOIN training_program p ON p.id = tt.program_id GROUP BY tt.transition_id),
    sources AS (
      SELECT ts.transition_id, array_agg(s.slug) AS sources
      FROM transition_source ts JOIN source s ON s.id = ts.source_id GROUP BY ts.transition_id)
    SELECT f.slug AS "from", o.slug AS "to", t.kind::text AS kind,
      t.min_years_experience::text AS "minYearsExperience", t.years_estimated AS "yearsEstimated", t.unknown_training AS "unknownTraining", t.rationale,
      coalesce(r.requires, '[]') AS requires, coalesce(tr.training, '{}') AS training,
      coalesce(sr.sources, '{}') AS sources
    FROM transition t
    JOIN role f ON f.id = t.from_role_id
    JOIN role o ON o.id = t.to_role_id
    LEFT JOIN requires r ON r.transition_id = t.id
    LEFT JOIN training tr ON tr.transition_id = t.id
    LEFT JOIN sources sr ON sr.transition_id = t.id`;
  const figures = await db.laborFigure.findMany({
    ...join,
    include: { role: { select: { slug: true } }, source: { select: { slug: true } } },
  });

  return {
    tracks: tracks.map((t) => ({ slug: t.slug, name: t.name, description: t.description, bridging: t.bridging })),
    organizations: organizations.map((o) =>
      compact({ slug: o.slug, name: o.name, acronym: o.acronym, kind: o.kind, url: o.url }),
    ),
    sources: sources.map((s) =>
      compact({
        slug: s.slug,
        title: s.title,
        publisher: s.publisher.slug,
        url: s.url,
        year: s.year,
        official: s.official,
        note: s.note,
      }),
    ),
    'training-programs': programs.map((p) =>
      compact({
        slug: p.slug,
        name: p.name,
        credential: p.credential,
        months: compact({
          min: p.minMonths,
          max: p.maxMonths,
          minEstimated: p.minMonthsEstimated ? (true as const) : undefined,
          maxEstimated: p.maxMonthsEstimated ? (true as const) : undefined,
        }),
        cipCode: p.cipCode,
        typicalCost:
          p.typicalCostUsd === null
            ? null
            : compact({
                usd: p.typicalCostUsd,
                source: p.typicalCostSource!.slug,
                year: p.typicalCostYear!,
                schools: p.typicalCostSchools,
                schoolCount: p.typicalCostSchoolCount,
              }),
        description: p.description,
        prerequisites: p.prerequisites.map((q) => q.prerequisite.slug),
        sources: slugsOf(p.sources),
      }),
    ),
    certifications: certifications.map((c) => ({
      slug: c.slug,
      acronym: c.acronym,
      name: c.name,
      kind: c.kind,
      issuer: c.issuer.slug,
      exam: compact({
        questions: c.examQuestions,
        minutes: c.examMinutes,
        feeUsd: c.examFeeUsd,
        feeSource: c.examFeeSource?.slug,
        reducedFeeUsd: c.examReducedFeeUsd,
        reducedFeeFor: c.examReducedFeeFor,
      }),
      renewal: compact({ months: c.renewalMonths, requirement: c.renewalRequirement }),
      eligibility: c.eligibilityRoutes.map((e) =>
        compact({
          description: e.description,
          program: e.program?.slug,
          minMonthsExperience: e.minMonthsExperience,
          certification: e.certificationHeld?.slug,
          open: e.open ? (true as const) : undefined,
          condition: e.condition,
        }),
      ),
      sources: slugsOf(c.sources),
    })),
    roles: roles.map((r) =>
      compact({
        slug: r.slug,
        title: r.title,
        alternateTitles: r.alternateTitles,
        track: r.track.slug,
        level: r.level,
        summary: r.summary,
        duties: r.duties,
        skills: r.skills,
        workSettings: r.workSettings,
        typicalEducation: r.typicalEducation,
        implies: {
          programs: r.impliedPrograms.map((x) => x.program.slug).sort(),
          certifications: r.impliedCertifications.map((x) => x.certification.slug).sort(),
        },
        socCode: r.socCode,
        occupation: r.occupation?.code,
        occupationFit: r.occupationFit,
        sources: slugsOf(r.sources),
      }),
    ),
    transitions: transitions
      .map((t) =>
        compact({
          from: t.from,
          to: t.to,
          kind: t.kind,
          minYearsExperience: Number(t.minYearsExperience),
          yearsEstimated: t.yearsEstimated ? (true as const) : undefined,
          requires: t.requires.map((g) => [...g].sort()),
          training: [...t.training].sort(),
          unknownTraining: t.unknownTraining ?? undefined,
          rationale: t.rationale,
          sources: [...t.sources].sort(),
        }),
      )
      .sort((a, b) => a.from.localeCompare(b.from) || a.to.localeCompare(b.to)),
    figures: figures
      .map((f) =>
        compact({
          role: f.role?.slug,
          kind: f.kind,
          unit: f.unit,
          scope: f.scope,
          value: f.value?.toNumber(),
          low: f.low?.toNumber(),
          high: f.high?.toNumber(),
          bound: f.bound,
          dataYear: f.dataYear,
          periodEndYear: f.periodEndYear,
          geography: f.geography,
          label: f.label,
          occupation: f.occupation,
          note: f.note,
          source: f.source.slug,
        }),
      )
      .sort((a, b) => figureKey(a).localeCompare(figureKey(b))),
  };
}

/** How many records an export of the database holds, of every kind together. */
export async function countRecords(db: Pick<PrismaClient, '$queryRaw'>): Promise<number> {
  const [row] = await db.$queryRaw<{ records: number }[]>`
    SELECT ((SELECT count(*) FROM track) + (SELECT count(*) FROM organization) + (SELECT count(*) FROM source)
      + (SELECT count(*) FROM training_program) + (SELECT count(*) FROM certification) + (SELECT count(*) FROM role)
      + (SELECT count(*) FROM transition) + (SELECT count(*) FROM labor_figure))::int AS records`;
  return row!.records;
}

/**
 * The identity of a figure: at most one per role, kind, unit, source, data year (or none), geography
 * and label. An empty label is left off, so a figure without one keeps the key it always had; a
 * sector figure (no role) has an empty role part.
 */
export const figureKey = (f: {
  role?: string | null;
  kind: string;
  unit: string;
  source: string;
  dataYear?: number | null;
  geography: string;
  label?: string | null;
}) => [f.role ?? '', f.kind, f.unit, f.source, f.dataYear ?? '', f.geography, ...(f.label ? [f.label] : [])].join('|');
/** The identity of a transition: at most one per ordered pair of roles. */
export const transitionKey = (t: { from: string; to: string }) => `${t.from}->${t.to}`;
