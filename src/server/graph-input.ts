/**
 * Reads what the pathway engine needs from the database, in the engine's plain input shape, with
 * the estimates of unknown costs (estimates.ts). Plain SQL rather than nested Prisma reads: those
 * bind one parameter per transition id, and a graph of a million transitions exceeds PostgreSQL's
 * 65,535-parameter limit.
 */
import type { PrismaClient } from '../db/client.js';
import { certificationFeeEstimates, programCostEstimates } from '../db/estimates.js';
import { loadedOfficialHash } from '../db/official/load.js';
import { moveKind, TransitionColumnsBuilder, type TransitionColumns } from '../graph/columns.js';
import type { BuildInput, EligibilityRouteInput, GraphInput, TransitionInput } from '../graph/types.js';
import {
  ALIAS_NAMES,
  aliasMap,
  BACHELORS_PROGRAM_SLUG,
  type GraphSnapshot,
  type ProgramNames,
} from '../schema/snapshot.js';
import {
  type CuratedRole,
  type EstimatedGraph,
  estimatedGraph,
  type OpenEntry,
  type OccupationRow,
  type RelatedRow,
} from './estimated-moves.js';

type Edge = GraphInput['transitions'][number] & { requirementGroups: number[][]; training: number[] };

/** The engine's input, how its estimated costs were made, and the names pathways mention. */
export type GraphData = Omit<GraphSnapshot, 'index'> & { input: GraphInput };
/** The same with the transitions as columns. */
export type ColumnarGraphData = Omit<GraphSnapshot, 'index'> & { input: BuildInput };

/** The occupations and their related links, with the hash of the official data they were read at. */
type OfficialRows = { hash: string | null; rows: [OccupationRow[], RelatedRow[]] };
const officialCache = new WeakMap<PrismaClient, OfficialRows>();

/**
 * The occupations and O*NET's related links the estimated moves are made from. They change only
 * with the official data (its hash in official_data_load), so a rebuild after a curated edit reuses
 * the rows read before (19,000 of them) and reads one hash instead.
 */
async function officialRows(prisma: PrismaClient): Promise<[OccupationRow[], RelatedRow[]]> {
  const hash = await loadedOfficialHash(prisma);
  const cached = officialCache.get(prisma);
  if (cached && hash !== null && cached.hash === hash) return cached.rows;
  const rows: [OccupationRow[], RelatedRow[]] = [
    await prisma.$queryRaw<OccupationRow[]>`
      SELECT o.id, o.code, o.title, o.major_group AS "majorGroup", o.typical_education::text AS "typicalEducation",
             o.work_experience::text AS "workExperience", o.on_the_job_training::text AS "onTheJobTraining",
             o.job_zone AS "jobZone",
             CASE WHEN p.coverage = 'BROADER' THEN p.bls_title || ' (' || p.bls_code || ')' END AS "broaderBls"
      FROM occupation o LEFT JOIN occupation_projection p ON p.occupation_id = o.id
      ORDER BY o.id`,
    await prisma.$queryRaw<RelatedRow[]>`
      SELECT occupation_id AS "occupationId", related_id AS "relatedId", tier::text AS tier, position
      FROM related_occupation ORDER BY occupation_id, position`,
  ];
  officialCache.set(prisma, { hash, rows });
  return rows;
}

/** The estimated graph last made from a read of the official rows (keyed by it), with the curated roles it was made with. */
const estimatedCache = new WeakMap<readonly OccupationRow[], { roles: string; graph: EstimatedGraph }>();

/**
 * estimatedGraph, made again only when its inputs changed: the official rows (a new read after
 * an import, see officialRows) or the curated roles. Most edits change neither, and making the
 * 18,000 estimated moves and their explanations was most of a rebuild's time (with four replicas
 * rebuilding at once on two cores, a change took about a second to reach them all; docs/scaling.md).
 * The graph is only read after it is made, so successive reads share it.
 */
function estimatedGraphOf(
  openEntries: ReadonlyMap<number, OpenEntry>,
  roles: readonly CuratedRole[],
  [occupations, related]: [OccupationRow[], RelatedRow[]],
  bachelors: { id: number } | null,
  unknownLengthMonths: number,
) {
  const key = JSON.stringify([roles, bachelors, [...openEntries], unknownLengthMonths]);
  const cached = estimatedCache.get(occupations);
  if (cached !== undefined && cached.roles === key) return cached.graph;
  const graph = estimatedGraph(roles, occupations, related, bachelors, openEntries, unknownLengthMonths);
  estimatedCache.set(occupations, { roles: key, graph });
  return graph;
}

/**
 * The months an entry program of no known length (a postsecondary nondegree award) counts for
 * ranking and limits: the median shortest length of the curated certificate and diploma programs
 * (nondegree awards all) whose shortest length a cited source gives, with its words; undefined when
 * there is none. A stand-in, as CHEAPEST's for an unknown tuition is: never shown as the program's
 * length.
 */
function unknownLengthStandIn(
  programs: readonly { credential: string; minMonths: number; minEstimated: boolean }[],
): { months: number; basis: string } | undefined {
  const sourced = programs
    .filter((p) => ['CERTIFICATE', 'DIPLOMA'].includes(p.credential) && !p.minEstimated && p.minMonths > 0)
    .map((p) => p.minMonths)
    .sort((a, b) => a - b);
  if (sourced.length === 0) return undefined;
  const mid = sourced.length >> 1;
  const months = Math.round(sourced.length % 2 ? sourced[mid]! : (sourced[mid - 1]! + sourced[mid]!) / 2);
  return {
    months,
    basis: `the median shortest length of the ${sourced.length} certificate and diploma programs in this dataset whose sources give one`,
  };
}

/** A curated move into a role from an entry-level role, with the years of work there it asks. */
type EntryMove = { to: number; fromTitle: string; years: number; training: number[]; groups: number[][] };

/**
 * Each curated role's open entry: where every curated move into it from an entry-level role asks
 * no experience and the same programs (one at least) and certifications, and there are two such moves or more,
 * that is how anyone enters the role (the LPN: the practical nursing program and the LPN licence,
 * from every entry-level role alike, the medical assistants, the EKG and the phlebotomy technician
 * among them). An
 * estimated move into the role from an O*NET occupation asks it (decision 024, revised).
 */
export function openEntriesOf(moves: readonly EntryMove[]): Map<number, OpenEntry> {
  const out = new Map<number, OpenEntry>();
  for (const [to, into] of groupBy(
    moves,
    (m) => m.to,
    (m) => m,
  )) {
    const asks = (m: EntryMove) => JSON.stringify([m.training, m.groups]);
    // Every way in from an entry-level role: one asking years of work there rules the role out.
    if (into.length < 2 || into.some((m) => m.years !== 0 || asks(m) !== asks(into[0]!))) continue;
    // A move that asks no program is a step within work the entry roles already do (a medical
    // assistant to a specialty medical assistant), not a way in for someone from elsewhere.
    if (into[0]!.training.length === 0) continue;
    out.set(to, {
      training: into[0]!.training,
      requirementGroups: into[0]!.groups,
      from: into.map((m) => m.fromTitle),
    });
  }
  return out;
}

/** Groups rows by a key into lists, in row order. */
function groupBy<T, V>(rows: readonly T[], key: (r: T) => number, value: (r: T) => V): Map<number, V[]> {
  const out = new Map<number, V[]>();
  for (const r of rows) {
    const k = key(r);
    let list = out.get(k);
    if (list === undefined) out.set(k, (list = []));
    list.push(value(r));
  }
  return out;
}

/** Everything the engine indexes: roles, tracks, certifications with routes, programs, transitions. */
export async function readGraphInput(prisma: PrismaClient): Promise<GraphData>;
/**
 * The same with the transitions as columns (src/graph/columns.ts), read a chunk at a time: what the
 * index build reads, with no object per move alive at once (docs/scaling.md, decision 019).
 */
export async function readGraphInput(
  prisma: PrismaClient,
  options: { columns: true; chunk?: number },
): Promise<ColumnarGraphData>;
export async function readGraphInput(
  prisma: PrismaClient,
  options: { columns?: boolean; chunk?: number } = {},
): Promise<GraphData | ColumnarGraphData> {
  const roleRows = await prisma.$queryRaw<
    {
      id: number;
      slug: string;
      title: string;
      trackId: number;
      trackSlug: string;
      occupationId: number | null;
      occupationFit: string | null;
      alternateTitles: string[];
    }[]
  >`SELECT r.id, r.slug, r.title, r.track_id AS "trackId", t.slug AS "trackSlug", r.occupation_id AS "occupationId",
           r.occupation_fit::text AS "occupationFit", r.alternate_titles AS "alternateTitles"
    FROM role r JOIN track t ON t.id = r.track_id ORDER BY r.id`;
  const trackRows = await prisma.$queryRaw<{ id: number; slug: string; name: string; bridging: boolean }[]>`
    SELECT id, slug, name, bridging FROM track ORDER BY id`;
  const tracks = trackRows.map(({ id, slug, bridging }) => ({ id, slug, bridging }));
  const impliedPrograms = groupBy(
    await prisma.$queryRaw<{ roleId: number; programId: number }[]>`
      SELECT role_id AS "roleId", program_id AS "programId" FROM role_implied_program ORDER BY role_id, program_id`,
    (r) => r.roleId,
    (r) => r.programId,
  );
  const impliedCertifications = groupBy(
    await prisma.$queryRaw<{ roleId: number; certificationId: number }[]>`
      SELECT role_id AS "roleId", certification_id AS "certificationId" FROM role_implied_certification
      ORDER BY role_id, certification_id`,
    (r) => r.roleId,
    (r) => r.certificationId,
  );
  const roles = roleRows.map(({ title: _title, occupationId: _o, occupationFit: _f, alternateTitles: _a, ...r }) => ({
    ...r,
    impliedPrograms: impliedPrograms.get(r.id) ?? [],
    impliedCertifications: impliedCertifications.get(r.id) ?? [],
  }));
  // Roles whose holders have a bachelor's degree or more (CuratedRole.hasBachelors): one is implied,
  // or every curated move into the role trains one (a master's counts: it builds on a bachelor's).
  const withBachelors = new Set(
    (
      await prisma.$queryRaw<{ id: number }[]>`
        SELECT r.id FROM role r
        WHERE EXISTS (SELECT 1 FROM role_implied_program i JOIN training_program p ON p.id = i.program_id
                      WHERE i.role_id = r.id AND p.credential IN ('BACHELOR', 'MASTER'))
           OR (EXISTS (SELECT 1 FROM transition t WHERE t.to_role_id = r.id)
               AND NOT EXISTS (
                 SELECT 1 FROM transition t WHERE t.to_role_id = r.id
                   AND NOT EXISTS (SELECT 1 FROM transition_training tt JOIN training_program p ON p.id = tt.program_id
                                   WHERE tt.transition_id = t.id AND p.credential IN ('BACHELOR', 'MASTER'))))
        ORDER BY r.id`
    ).map((r) => r.id),
  );
  const programRows = await prisma.$queryRaw<
    {
      id: number;
      slug: string;
      name: string;
      credential: string;
      minMonths: number;
      maxMonths: number;
      minEstimated: boolean;
      maxEstimated: boolean;
      typicalCostUsd: number | null;
      cipCode: string | null;
      costSource: string | null;
    }[]
  >`SELECT p.id, p.slug, p.name, p.credential::text AS credential, p.min_months AS "minMonths",
           p.max_months AS "maxMonths", p.min_months_estimated AS "minEstimated",
           p.max_months_estimated AS "maxEstimated", p.typical_cost_usd AS "typicalCostUsd", p.cip_code AS "cipCode",
           CASE WHEN s.id IS NULL THEN NULL
                ELSE coalesce(o.acronym, o.name) || ', ' || coalesce(p.typical_cost_year, s.year)
                  -- Which schools an IPEDS median describes (../shared/data/README.md): "$16,615" read
                  -- as a community college's price, where public schools' median is $4,008.
                  || CASE p.typical_cost_schools
                       WHEN 'ALL_PROGRAM_REPORTERS' THEN ': the median of ' || p.typical_cost_school_count
                         || ' schools reporting it as their largest program, most of them vocational'
                       WHEN 'PUBLIC_PROGRAM_REPORTERS' THEN ': the median of ' || p.typical_cost_school_count
                         || ' public schools reporting it as their largest program'
                       ELSE '' END
           END AS "costSource"
    FROM training_program p
    LEFT JOIN source s ON s.id = p.typical_cost_source_id
    LEFT JOIN organization o ON o.id = s.publisher_id
    ORDER BY p.id`;
  const bachelorsRow = programRows.find((p) => p.slug === BACHELORS_PROGRAM_SLUG);
  const lengthStandIn = unknownLengthStandIn(programRows);
  const estimated = estimatedGraphOf(
    openEntriesOf(
      await prisma.$queryRaw<EntryMove[]>`
        SELECT t.to_role_id AS "to", f.title AS "fromTitle", t.min_years_experience::float8 AS years,
               ARRAY(SELECT program_id FROM transition_training WHERE transition_id = t.id ORDER BY program_id) AS training,
               coalesce((SELECT json_agg(x.options ORDER BY x.options::text)
                         FROM (SELECT array_agg(o.certification_id ORDER BY o.certification_id) AS options
                               FROM requirement_group g JOIN requirement_option o ON o.group_id = g.id
                               WHERE g.transition_id = t.id GROUP BY g.id) x), '[]'::json) AS groups
        FROM transition t JOIN role f ON f.id = t.from_role_id
        WHERE f.level = 'ENTRY'
        ORDER BY t.to_role_id, f.title`,
    ),
    roleRows.map((r, i) => ({
      ...roles[i]!,
      title: r.title,
      occupationId: r.occupationId,
      occupationFit: r.occupationFit,
      hasBachelors: withBachelors.has(r.id),
    })),
    await officialRows(prisma),
    bachelorsRow ? { id: bachelorsRow.id } : null,
    lengthStandIn?.months ?? 0,
  );

  const prerequisites = groupBy(
    await prisma.$queryRaw<{ programId: number; prerequisiteId: number }[]>`
      SELECT program_id AS "programId", prerequisite_id AS "prerequisiteId" FROM program_prerequisite
      ORDER BY program_id, position`,
    (r) => r.programId,
    (r) => r.prerequisiteId,
  );
  // The entry education estimated moves assume is estimated like a curated program of its
  // credential: left at no estimate it counted as $0, so CHEAPEST and maxCostUsd: 0 took a
  // bachelor's degree as free.
  const programEstimates = programCostEstimates([
    ...programRows,
    ...estimated.programs.map((p) => ({
      id: p.id,
      credential: estimated.programNames.get(p.id)!.credential,
      // A length stand-in ranks; it is no length to price the program by.
      minMonths: estimated.lengthStandIns.has(p.id) ? 0 : p.minMonths,
      typicalCostUsd: null,
    })),
  ]);
  const programs = programRows.map((p) => ({
    id: p.id,
    slug: p.slug,
    minMonths: p.minMonths,
    typicalCostUsd: p.typicalCostUsd,
    costEstimateUsd: programEstimates.get(p.id)?.usd ?? null,
    prerequisites: prerequisites.get(p.id) ?? [],
  }));

  const certRows = await prisma.$queryRaw<
    {
      id: number;
      slug: string;
      acronym: string;
      name: string;
      issuer: string;
      kind: string;
      examFeeUsd: number | null;
      reducedFeeUsd: number | null;
      reducedFeeFor: string | null;
      feeSource: string | null;
    }[]
  >`SELECT c.id, c.slug, c.acronym, c.name, o.name AS issuer, c.kind::text AS kind, c.exam_fee_usd AS "examFeeUsd",
           c.exam_reduced_fee_usd AS "reducedFeeUsd", c.exam_reduced_fee_for AS "reducedFeeFor",
           CASE WHEN s.id IS NULL THEN NULL
                ELSE coalesce(so.acronym, so.name) || ', ' || s.year || CASE WHEN s.official THEN '' ELSE ', a secondary page' END
           END AS "feeSource"
    FROM certification c JOIN organization o ON o.id = c.issuer_id
    LEFT JOIN source s ON s.id = c.exam_fee_source_id
    LEFT JOIN organization so ON so.id = s.publisher_id
    ORDER BY c.id`;
  const programConditions = new Map<number, string>();
  const workConditions = new Map<number, string>();
  const openRoutes = new Set<number>();
  // Only modelled routes: a route described but with no condition recorded is not one the engine can take.
  const routes = groupBy(
    await prisma.$queryRaw<
      {
        certificationId: number;
        programId: number | null;
        months: number | null;
        heldId: number | null;
        open: boolean;
        condition: string | null;
      }[]
    >`SELECT certification_id AS "certificationId", program_id AS "programId", min_months_experience AS months,
             certification_held_id AS "heldId", open, condition
      FROM eligibility_route
      WHERE program_id IS NOT NULL OR min_months_experience IS NOT NULL OR certification_held_id IS NOT NULL OR open
      ORDER BY certification_id, position`,
    (r) => r.certificationId,
    (r): EligibilityRouteInput => {
      if (r.open) openRoutes.add(r.certificationId);
      // What a program or work route asks beyond itself, for the words (explain.ts): the first given.
      const conditions = r.programId !== null ? programConditions : r.months !== null ? workConditions : undefined;
      if (r.condition !== null && conditions !== undefined && !conditions.has(r.certificationId))
        conditions.set(r.certificationId, r.condition);
      return r.programId !== null
        ? { program: r.programId }
        : r.months !== null
          ? { minMonthsExperience: r.months }
          : r.heldId !== null
            ? { certification: r.heldId }
            : {};
    },
  );
  // The fewest months of a work route to each certification, for the words (explain.ts).
  const workMonths = new Map<number, number>();
  for (const [id, list] of routes)
    for (const r of list)
      if (r.minMonthsExperience !== undefined && r.minMonthsExperience < (workMonths.get(id) ?? Infinity))
        workMonths.set(id, r.minMonthsExperience);
  const feeEstimates = certificationFeeEstimates(certRows);
  const certifications = certRows.map((c) => ({
    id: c.id,
    slug: c.slug,
    examFeeUsd: c.examFeeUsd,
    feeEstimateUsd: feeEstimates.get(c.id)?.usd ?? null,
    // No modelled route: no prerequisite is known, so none is assumed (routes: [] is open).
    routes: routes.get(c.id) ?? [],
  }));

  const transitions = await readTransitions(
    prisma,
    estimated.transitions,
    options.columns === true ? (options.chunk ?? CHUNK) : 0,
  );
  // Curated moves whose years of experience no source states (the curators' estimate, said so), and
  // those that may ask training no source describes (of unknown length and cost): one read of both.
  const flagged = await prisma.$queryRaw<{ id: number; yearsEstimated: boolean; words: string | null }[]>`
    SELECT id, years_estimated AS "yearsEstimated", unknown_training AS words FROM transition
    WHERE years_estimated OR unknown_training IS NOT NULL ORDER BY id`;
  const yearsEstimated = new Set(flagged.filter((t) => t.yearsEstimated).map((t) => t.id));
  const unknownTraining = new Map([
    ...flagged.flatMap((t) => (t.words === null ? [] : [[t.id, t.words.replace(/\s+/g, ' ').trim()] as const])),
    // And the estimated moves into a curated role's specialty: what it asks beyond the role.
    ...estimated.unknownTraining,
  ]);
  return {
    input: {
      roles: [...roles, ...estimated.nodes],
      tracks,
      certifications,
      programs: [
        ...programs,
        ...estimated.programs.map((p) => ({ ...p, costEstimateUsd: programEstimates.get(p.id)?.usd ?? null })),
      ],
      transitions,
      // FASTEST puts a certain length before "at least" the same months (GraphInput.untimedTransitions).
      untimedTransitions: [...estimated.experienceUnknown.keys()],
      unknownTrainingTransitions: [...unknownTraining.keys()],
    },
    programEstimates,
    feeEstimates,
    moveNotes: estimated.notes,
    experienceUnknown: estimated.experienceUnknown,
    unknownTraining,
    yearsEstimated,
    workUnknown: estimated.workUnknown,
    onTheJob: estimated.onTheJob,
    lengthStandIns: estimated.lengthStandIns,
    lengthStandInBasis: lengthStandIn?.basis ?? '',
    nodeByCode: estimated.nodeByCode,
    occupationOfNode: estimated.occupationOfNode,
    specialtyRole: estimated.specialtyRole,
    enteredOnlyFrom: estimated.enteredOnlyFrom,
    withinMoves: estimated.withinMoves,
    openEntryMoves: estimated.openEntryMoves,
    aliases: {
      role: aliasMap(roleRows, ALIAS_NAMES.role),
      certification: aliasMap(certRows, ALIAS_NAMES.certification),
      'training program': aliasMap(programRows, ALIAS_NAMES['training program']),
    },
    names: {
      roles: new Map([
        ...roleRows.map((r) => [r.id, { title: r.title, trackId: r.trackId }] as const),
        ...estimated.nodeNames,
      ]),
      tracks: new Map([...trackRows.map((t) => [t.id, { name: t.name }] as const), ...estimated.trackNames]),
      certifications: new Map(
        certRows.map((c) => [
          c.id,
          {
            acronym: c.acronym,
            name: c.name,
            kind: c.kind,
            issuer: c.issuer,
            feeUsd: c.examFeeUsd,
            // Flat, a number or null and a string: names cross from the build's worker packed in
            // columns (packed-names.ts).
            reducedFeeUsd: c.reducedFeeUsd,
            reducedFeeFor: c.reducedFeeFor ?? '',
            feeSource: c.feeSource ?? '',
            workMonths: workMonths.get(c.id) ?? null,
            openRoute: openRoutes.has(c.id) ? 1 : 0,
            programCondition: programConditions.get(c.id) ?? '',
            workCondition: workConditions.get(c.id) ?? '',
          },
        ]),
      ),
      programs: new Map<number, ProgramNames>([
        // Every record the same fields (names cross from the build's worker packed in columns): an
        // estimated entry program has no longest length, no CIP code and no cost source.
        ...programRows.map(
          (p) =>
            [
              p.id,
              {
                name: p.name,
                credential: p.credential,
                maxMonths: p.maxMonths,
                cipCode: p.cipCode ?? '',
                costSource: p.costSource ?? '',
                lengthEstimated:
                  p.minEstimated && p.maxEstimated ? 'both' : p.minEstimated ? 'min' : p.maxEstimated ? 'max' : '',
              },
            ] as const,
        ),
        ...[...estimated.programNames].map(
          ([id, p]) => [id, { ...p, maxMonths: null, cipCode: '', costSource: '', lengthEstimated: '' }] as const,
        ),
      ]),
    },
  };
}

/** Transitions read per query when read as columns: a chunk's rows are the only objects per move alive. */
const CHUNK = 100_000;

/**
 * The curated transitions (in id order), then the estimated ones: as objects, or as columns read a
 * chunk of ids at a time (the transitions, then their groups and programs in the same id range).
 */
async function readTransitions(
  prisma: PrismaClient,
  estimated: readonly TransitionInput[],
  /** Transitions per chunk; 0: as objects. */
  chunk: number,
): Promise<TransitionInput[] | TransitionColumns> {
  if (chunk === 0) {
    const rows = await prisma.$queryRaw<{ id: number; from: number; to: number; years: number }[]>`
      SELECT id, from_role_id AS "from", to_role_id AS "to", min_years_experience::float8 AS years
      FROM transition ORDER BY id`;
    const byId = new Map<number, Edge>();
    const transitions = rows.map((t) => {
      const edge: Edge = {
        id: t.id,
        from: t.from,
        to: t.to,
        minYearsExperience: t.years,
        requirementGroups: [],
        training: [],
      };
      byId.set(t.id, edge);
      return edge;
    });
    const groups = await prisma.$queryRaw<{ transitionId: number; options: number[] }[]>`
      SELECT g.transition_id AS "transitionId", array_agg(o.certification_id ORDER BY o.certification_id) AS options
      FROM requirement_group g JOIN requirement_option o ON o.group_id = g.id
      GROUP BY g.id ORDER BY g.transition_id, g.position`;
    for (const g of groups) byId.get(g.transitionId)?.requirementGroups.push(g.options);
    const training = await prisma.$queryRaw<{ transitionId: number; programId: number }[]>`
      SELECT transition_id AS "transitionId", program_id AS "programId" FROM transition_training
      ORDER BY transition_id, program_id`;
    for (const t of training) byId.get(t.transitionId)?.training.push(t.programId);
    return [...transitions, ...estimated];
  }
  const [{ count }] = await prisma.$queryRaw<[{ count: number }]>`SELECT count(*)::int AS count FROM transition`;
  const out = new TransitionColumnsBuilder(count + estimated.length);
  // Ids are int4: below every id there is.
  for (let last = -2_147_483_648; ;) {
    const rows = await prisma.$queryRaw<{ id: number; from: number; to: number; years: number }[]>`
      SELECT id, from_role_id AS "from", to_role_id AS "to", min_years_experience::float8 AS years
      FROM transition WHERE id > ${last}::int ORDER BY id LIMIT ${chunk}::int`;
    if (rows.length === 0) break;
    const lo = last;
    const hi = rows[rows.length - 1]!.id;
    const groups = await prisma.$queryRaw<{ transitionId: number; options: number[] }[]>`
      SELECT g.transition_id AS "transitionId", array_agg(o.certification_id ORDER BY o.certification_id) AS options
      FROM requirement_group g JOIN requirement_option o ON o.group_id = g.id
      WHERE g.transition_id > ${lo}::int AND g.transition_id <= ${hi}::int
      GROUP BY g.id ORDER BY g.transition_id, g.position`;
    const training = await prisma.$queryRaw<{ transitionId: number; programId: number }[]>`
      SELECT transition_id AS "transitionId", program_id AS "programId" FROM transition_training
      WHERE transition_id > ${lo}::int AND transition_id <= ${hi}::int ORDER BY transition_id, program_id`;
    // Both lists follow the transitions' id order; rows of a transition not read (one added since)
    // are passed over, as the object form does.
    let gi = 0;
    let ti = 0;
    for (const t of rows) {
      out.add(t.id, t.from, t.to, t.years);
      while (gi < groups.length && groups[gi]!.transitionId < t.id) gi++;
      for (; gi < groups.length && groups[gi]!.transitionId === t.id; gi++) out.group(groups[gi]!.options);
      while (ti < training.length && training[ti]!.transitionId < t.id) ti++;
      for (; ti < training.length && training[ti]!.transitionId === t.id; ti++) out.program(training[ti]!.programId);
    }
    last = hi;
    if (rows.length < chunk) break;
  }
  for (const t of estimated) {
    out.add(t.id, t.from, t.to, t.minYearsExperience, moveKind(t));
    for (const g of t.requirementGroups) out.group(g);
    for (const p of t.training) out.program(p);
  }
  return out.finish();
}
