/** Reads the whole database back into the dataset format, the inverse of loading it. */
import type { PrismaClient } from '../../generated/prisma/client.js';
import type { Dataset } from './format.js';

type Db = Pick<
  PrismaClient,
  'track' | 'organization' | 'source' | 'trainingProgram' | 'certification' | 'role' | 'transition' | 'laborFigure'
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
  // mix), so the kinds with relations are read with one joined query each where PostgreSQL answers
  // that as fast or faster ('join': sources, programs, certifications, roles, figures). Transitions
  // keep one query per relation ('query', 10 round trips): joined, their nested requirement groups
  // took PostgreSQL 0.3 s instead of 16 ms (docs/scaling.md, "Replicas on one machine").
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
  const transitions = await db.transition.findMany({
    include: {
      ...sourcesInclude,
      fromRole: { select: { slug: true } },
      toRole: { select: { slug: true } },
      requirementGroups: {
        orderBy: { position: 'asc' },
        include: { options: { select: { certification: { select: { slug: true } } } } },
      },
      training: { select: { program: { select: { slug: true } } } },
    },
  });
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
        months: { min: p.minMonths, max: p.maxMonths },
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
      }),
      renewal: compact({ months: c.renewalMonths, requirement: c.renewalRequirement }),
      eligibility: c.eligibilityRoutes.map((e) =>
        compact({
          description: e.description,
          program: e.program?.slug,
          minMonthsExperience: e.minMonthsExperience,
          certification: e.certificationHeld?.slug,
          open: e.open ? (true as const) : undefined,
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
      .map((t) => ({
        from: t.fromRole.slug,
        to: t.toRole.slug,
        kind: t.kind,
        minYearsExperience: t.minYearsExperience.toNumber(),
        requires: t.requirementGroups.map((g) => g.options.map((o) => o.certification.slug).sort()),
        training: t.training.map((x) => x.program.slug).sort(),
        rationale: t.rationale,
        sources: slugsOf(t.sources),
      }))
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
