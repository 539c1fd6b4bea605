/**
 * Loads the derived official dataset into PostgreSQL in bulk: one multi-row INSERT ... SELECT FROM
 * unnest(...) per table, inside the caller's transaction. Occupations are upserted by code, so
 * their IDs (and global IDs) survive a reload; their children are replaced. A content hash recorded
 * in official_data_load lets start-up skip an unchanged dataset.
 */
import type { Prisma } from '../../generated/prisma/client.js';
import { blsCodeFor, type OewsCell, type OfficialData, socOf, WAGE_STATS, type WageRow } from './data.js';

type Tx = Prisma.TransactionClient;

/** The name under which official_data_load records the dataset's hash. */
const LOAD_NAME = 'official';

/** The hash of the official dataset last loaded, or null. */
export async function loadedOfficialHash(tx: Tx): Promise<string | null> {
  const rows = await tx.$queryRaw<{ content_hash: string }[]>`
    SELECT content_hash FROM official_data_load WHERE name = ${LOAD_NAME}`;
  return rows[0]?.content_hash ?? null;
}

/** Runs `INSERT INTO table (columns) SELECT * FROM unnest($1::type[], ...)` with one array per column. */
async function insert(tx: Tx, sql: string, columns: unknown[][]): Promise<void> {
  if (columns[0]!.length === 0) return;
  await tx.$executeRawUnsafe(sql, ...columns);
}

/** Splits rows into one array per column. */
function columnsOf<T>(rows: T[], ...get: ((row: T) => unknown)[]): unknown[][] {
  return get.map((g) => rows.map(g));
}

/** An OEWS cell as a value and a qualifier; "#" takes the release's top code where one is known. */
function estimate(value: OewsCell, top: number | undefined): [number | null, string] {
  if (typeof value === 'number') return [value, 'EXACT'];
  if (value === '#') return [top ?? null, 'AT_LEAST'];
  return [null, 'NOT_AVAILABLE'];
}

/**
 * Writes the dataset when its hash differs from the loaded one. The sources it cites must exist
 * (the curated loader writes them first). Returns whether it wrote anything.
 */
export async function loadOfficialData(tx: Tx, official: { data: OfficialData; hash: string }): Promise<boolean> {
  if ((await loadedOfficialHash(tx)) === official.hash) return false;
  const { data } = official;
  const { manifest } = data;

  await insert(
    tx,
    `INSERT INTO job_zone (zone, name, experience, education, training, examples, svp_range)
     SELECT * FROM unnest($1::int[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[])
     ON CONFLICT (zone) DO UPDATE SET name = EXCLUDED.name, experience = EXCLUDED.experience,
       education = EXCLUDED.education, training = EXCLUDED.training, examples = EXCLUDED.examples,
       svp_range = EXCLUDED.svp_range`,
    columnsOf(
      data.jobZones,
      (z) => z.zone,
      (z) => z.name,
      (z) => z.experience,
      (z) => z.education,
      (z) => z.training,
      (z) => z.examples,
      (z) => z.svpRange,
    ),
  );

  // Employment Projections categories describe the BLS occupation covering each O*NET one.
  const projections = new Map(data.projections.map((p) => [p.code, p]));
  const projectionCodes = new Set(projections.keys());
  const projectionOf = (code: string) => {
    const bls = blsCodeFor(socOf(code), projectionCodes);
    return bls === null ? undefined : projections.get(bls)!;
  };
  await insert(
    tx,
    `INSERT INTO occupation (code, soc_code, major_group, title, description, job_zone, typical_education,
                             work_experience, on_the_job_training)
     SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::int[],
                          $7::"EducationLevel"[], $8::"WorkExperience"[], $9::"OnTheJobTraining"[])
     ON CONFLICT (code) DO UPDATE SET soc_code = EXCLUDED.soc_code, major_group = EXCLUDED.major_group,
       title = EXCLUDED.title, description = EXCLUDED.description, job_zone = EXCLUDED.job_zone,
       typical_education = EXCLUDED.typical_education, work_experience = EXCLUDED.work_experience,
       on_the_job_training = EXCLUDED.on_the_job_training`,
    columnsOf(
      data.occupations,
      (o) => o.code,
      (o) => socOf(o.code),
      (o) => o.code.slice(0, 2),
      (o) => o.title,
      (o) => o.description,
      (o) => o.jobZone,
      (o) => projectionOf(o.code)?.education ?? null,
      (o) => projectionOf(o.code)?.experience ?? null,
      (o) => projectionOf(o.code)?.training ?? null,
    ),
  );
  // Occupations a new release drops go last, after the curated roles moved away (see removeDroppedOccupations).
  for (const table of [
    'occupation_title',
    'occupation_task',
    'occupation_skill',
    'related_occupation',
    'occupation_wage',
    'occupation_projection',
    'program_cost_median',
  ])
    await tx.$executeRawUnsafe(`DELETE FROM ${table}`);

  // Titles: the occupation's own, O*NET's alternate and short titles, and reported titles, for search.
  const titles: [string, string, string][] = [
    ...data.occupations.map((o): [string, string, string] => [o.code, 'TITLE', o.title]),
    ...data.alternateTitles.map((t): [string, string, string] => [t.code, 'ALTERNATE', t.title]),
    ...uniqueShortTitles(data),
    ...data.reportedTitles.map((t): [string, string, string] => [t.code, 'REPORTED', t.title]),
  ];
  await insert(
    tx,
    `INSERT INTO occupation_title (occupation_id, kind, title)
     SELECT o.id, u.kind, u.title
     FROM unnest($1::text[], $2::"OccupationTitleKind"[], $3::text[]) WITH ORDINALITY AS u(code, kind, title, n)
     JOIN occupation o ON o.code = u.code ORDER BY u.n`,
    columnsOf(
      titles,
      (t) => t[0],
      (t) => t[1],
      (t) => t[2],
    ),
  );
  await insert(
    tx,
    `INSERT INTO occupation_task (occupation_id, task_id, type, statement)
     SELECT o.id, u.task_id, u.type, u.statement
     FROM unnest($1::text[], $2::int[], $3::"TaskType"[], $4::text[]) WITH ORDINALITY AS u(code, task_id, type, statement, n)
     JOIN occupation o ON o.code = u.code ORDER BY u.n`,
    columnsOf(
      data.tasks,
      (t) => t.code,
      (t) => t.taskId,
      (t) => t.type,
      (t) => t.statement,
    ),
  );
  const elementName = new Map(data.skillElements.map((e) => [e.elementId, e.name]));
  await insert(
    tx,
    `INSERT INTO occupation_skill (occupation_id, element_id, name, importance, level)
     SELECT o.id, u.element_id, u.name, u.importance, u.level
     FROM unnest($1::text[], $2::text[], $3::text[], $4::numeric[], $5::numeric[]) AS u(code, element_id, name, importance, level)
     JOIN occupation o ON o.code = u.code`,
    columnsOf(
      data.skills,
      (s) => s.code,
      (s) => s.elementId,
      (s) => elementName.get(s.elementId) ?? s.elementId,
      (s) => s.importance,
      (s) => s.level,
    ),
  );
  await insert(
    tx,
    `INSERT INTO related_occupation (occupation_id, related_id, tier, position)
     SELECT o.id, r.id, u.tier, u.position
     FROM unnest($1::text[], $2::text[], $3::"RelatedTier"[], $4::int[]) AS u(code, related_code, tier, position)
     JOIN occupation o ON o.code = u.code JOIN occupation r ON r.code = u.related_code`,
    columnsOf(
      data.related,
      (r) => r.code,
      (r) => r.relatedCode,
      (r) => r.tier,
      (r) => r.index,
    ),
  );

  // Wages: for each occupation and release, the OEWS row covering it (its own, or BLS's combination).
  const wageRows: {
    code: string;
    source: string;
    coverage: string;
    wage: WageRow;
    top?: { hourly: number; annual: number };
  }[] = [];
  for (const release of manifest.oews) {
    const byCode = new Map(data.wages.filter((w) => w.year === release.year).map((w) => [w.code, w]));
    const published = new Set(byCode.keys());
    for (const o of data.occupations) {
      const bls = blsCodeFor(socOf(o.code), published);
      if (bls === null) continue;
      wageRows.push({
        code: o.code,
        source: release.source,
        coverage: coverage(o.code, bls),
        wage: byCode.get(bls)!,
        top: release.topCode,
      });
    }
  }
  type WageInsert = (typeof wageRows)[number];
  const stats = WAGE_STATS.flatMap((s) => [
    { column: `hourly_${s}`, get: (r: WageInsert) => estimate(r.wage.hourly[s], r.top?.hourly) },
    { column: `annual_${s}`, get: (r: WageInsert) => estimate(r.wage.annual[s], r.top?.annual) },
  ]);
  const statColumns = stats.flatMap((c) => [`${c.column}`, `${c.column}_q`]);
  const statTypes = stats.flatMap((_, i) => [`$${9 + 2 * i}::numeric[]`, `$${10 + 2 * i}::"EstimateQualifier"[]`]);
  await insert(
    tx,
    `INSERT INTO occupation_wage (occupation_id, source_id, year, bls_code, bls_title, coverage, employment, employment_q,
                                  ${statColumns.join(', ')})
     SELECT o.id, s.id, u.year, u.bls_code, u.bls_title, u.coverage, u.employment, u.employment_q,
            ${statColumns.map((c) => `u.${c}`).join(', ')}
     FROM unnest($1::text[], $2::text[], $3::int[], $4::text[], $5::text[], $6::"BlsCoverage"[], $7::int[],
                 $8::"EstimateQualifier"[], ${statTypes.join(', ')})
       AS u(code, source, year, bls_code, bls_title, coverage, employment, employment_q, ${statColumns.join(', ')})
     JOIN occupation o ON o.code = u.code JOIN source s ON s.slug = u.source`,
    columnsOf(
      wageRows,
      (r) => r.code,
      (r) => r.source,
      (r) => r.wage.year,
      (r) => r.wage.code,
      (r) => r.wage.title,
      (r) => r.coverage,
      (r) => estimate(r.wage.employment, undefined)[0],
      (r) => estimate(r.wage.employment, undefined)[1],
      ...stats.flatMap((c) => [(r: WageInsert) => c.get(r)[0], (r: WageInsert) => c.get(r)[1]]),
    ),
  );

  const projectionRows = data.occupations.flatMap((o) => {
    const p = projectionOf(o.code);
    return p ? [{ code: o.code, p, coverage: coverage(o.code, p.code) }] : [];
  });
  await insert(
    tx,
    `INSERT INTO occupation_projection (occupation_id, source_id, bls_code, bls_title, coverage, base_year, projected_year,
       employment_base, employment_projected, employment_change, change_percent, annual_openings)
     SELECT o.id, s.id, u.bls_code, u.bls_title, u.coverage, $11::int, $12::int, u.base, u.projected, u.change, u.percent, u.openings
     FROM unnest($1::text[], $2::text[], $3::text[], $4::"BlsCoverage"[], $5::int[], $6::int[], $7::int[], $8::numeric[], $9::int[])
       AS u(code, bls_code, bls_title, coverage, base, projected, change, percent, openings)
     JOIN occupation o ON o.code = u.code JOIN source s ON s.slug = $10`,
    [
      ...columnsOf(
        projectionRows,
        (r) => r.code,
        (r) => r.p.code,
        (r) => r.p.title,
        (r) => r.coverage,
        (r) => r.p.employmentBase,
        (r) => r.p.employmentProjected,
        (r) => r.p.employmentChange,
        (r) => r.p.changePercent,
        (r) => r.p.annualOpenings,
      ),
      manifest.projections.source as never,
      manifest.projections.baseYear as never,
      manifest.projections.projectedYear as never,
    ],
  );

  await insert(
    tx,
    `INSERT INTO program_cost_median (cip_code, schools, school_count, median_usd, year, source_id)
     SELECT u.cip, u.schools, u.schools_count, u.median, $5::int, s.id
     FROM unnest($1::text[], $2::"CostSchools"[], $3::int[], $4::numeric[]) AS u(cip, schools, schools_count, median)
     JOIN source s ON s.slug = $6`,
    [
      ...columnsOf(
        data.programCosts,
        (c) => c.cipCode,
        (c) => c.schools,
        (c) => c.schoolCount,
        (c) => c.medianUsd,
      ),
      manifest.ipeds.year as never,
      manifest.ipeds.source as never,
    ],
  );

  await tx.$executeRaw`
    INSERT INTO official_data_load (name, content_hash, loaded_at) VALUES (${LOAD_NAME}, ${official.hash}, now())
    ON CONFLICT (name) DO UPDATE SET content_hash = EXCLUDED.content_hash, loaded_at = EXCLUDED.loaded_at`;
  return true;
}

/** Deletes the occupations (and job zones) a newly loaded release no longer has; run after roles moved away. */
export async function removeDroppedOccupations(tx: Tx, data: OfficialData): Promise<void> {
  await tx.$executeRawUnsafe(
    `DELETE FROM occupation WHERE code <> ALL($1::text[])`,
    data.occupations.map((o) => o.code),
  );
  await tx.$executeRawUnsafe(
    `DELETE FROM job_zone WHERE zone <> ALL($1::int[])`,
    data.jobZones.map((z) => z.zone),
  );
}

/** SAME when BLS's row is the occupation itself (an O*NET ".00" occupation and its SOC code). */
function coverage(code: string, bls: string): 'SAME' | 'BROADER' {
  return code.endsWith('.00') && socOf(code) === bls ? 'SAME' : 'BROADER';
}

/** O*NET's short titles ("RN"), once per occupation, for search. */
function uniqueShortTitles(data: OfficialData): [string, string, string][] {
  const seen = new Set<string>();
  const out: [string, string, string][] = [];
  for (const t of data.alternateTitles) {
    if (t.shortTitle === null || seen.has(`${t.code}|${t.shortTitle}`)) continue;
    seen.add(`${t.code}|${t.shortTitle}`);
    out.push([t.code, 'SHORT', t.shortTitle]);
  }
  return out;
}
