/**
 * Throwaway databases for the comparison: `bench_<scale>_<random>` beside the admin database,
 * migrated with the project's own runner and loaded either with the curated dataset (S) or, for a
 * generated GraphInput (M, L), in bulk.
 *
 * Bulk load: `pg-copy-streams` is not a dependency of this project, so instead of COPY each table
 * gets multi-row `INSERT ... SELECT FROM unnest($1::int[], ...)` statements of BATCH rows (one
 * array parameter per column, so no bind-parameter limit), all in ONE transaction with
 * `SET CONSTRAINTS ALL DEFERRED`. The schema's constraint triggers (every transition cites a
 * source, every requirement group offers a certification) run at COMMIT, so one synthetic source
 * is created and every transition is linked to it. Foreign keys, checks and indexes stay on: the
 * load time is that of the real schema.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { createPrisma } from '../../src/db/client.js';
import { loadDataset } from '../../src/db/dataset/load.js';
import { readDataset } from '../../src/db/dataset/read.js';
import { migrate } from '../../src/db/migrate.js';
import type { GraphInput } from '../../src/graph/index.js';
import type { Scale } from './settings.js';

export interface BenchDatabase {
  name: string;
  url: string;
  /** Drops the database WITH (FORCE); safe to call more than once. */
  drop: () => Promise<void>;
}

const live = new Set<BenchDatabase>();

/** Databases not dropped yet (for the signal handlers of main.ts). */
export function liveDatabases(): BenchDatabase[] {
  return [...live];
}

async function withAdmin<T>(adminUrl: string, task: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await task(client);
  } finally {
    await client.end();
  }
}

function urlFor(adminUrl: string, name: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Creates an empty `bench_<scale>_<random>` database (the name only has [a-z0-9_]: it goes into DDL). */
export async function createBenchDatabase(adminUrl: string, scale: Scale): Promise<BenchDatabase> {
  const name = `bench_${scale.toLowerCase()}_${randomBytes(5).toString('hex')}`;
  await withAdmin(adminUrl, (c) => c.query(`CREATE DATABASE ${name}`));
  let dropping: Promise<void> | undefined;
  const db: BenchDatabase = {
    name,
    url: urlFor(adminUrl, name),
    drop: () => {
      dropping ??= withAdmin(adminUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => {
        live.delete(db);
      });
      return dropping;
    },
  };
  live.add(db);
  return db;
}

export interface LoadTiming {
  migrateMs: number;
  /** Inserting (or loadDataset) including COMMIT, where the deferred constraint triggers run. */
  insertMs: number;
  /** Of which COMMIT (deferred constraint triggers), for the bulk load. */
  commitMs?: number;
  analyzeMs: number;
  totalMs: number;
  method: string;
  rows: Record<string, number>;
}

/** S: the curated dataset through the project's own loader (validation, diff, audit log). */
export async function loadCurated(url: string): Promise<LoadTiming> {
  const t0 = performance.now();
  await migrate(url);
  const t1 = performance.now();
  const prisma = createPrisma(url);
  try {
    await loadDataset(prisma, await readDataset());
  } finally {
    await prisma.$disconnect();
  }
  const t2 = performance.now();
  const rows = await analyze(url);
  const t3 = performance.now();
  return {
    migrateMs: t1 - t0,
    insertMs: t2 - t1,
    analyzeMs: t3 - t2,
    totalMs: t3 - t0,
    method: 'loadDataset (curated YAML, Prisma)',
    rows,
  };
}

const TABLES = [
  'role',
  'track',
  'certification',
  'training_program',
  'transition',
  'requirement_group',
  'requirement_option',
  'transition_training',
  'transition_source',
] as const;

/** ANALYZE (as autovacuum eventually would, so the CTE gets fair plans) and count the rows. */
async function analyze(url: string): Promise<Record<string, number>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('ANALYZE');
    const rows: Record<string, number> = {};
    for (const t of TABLES) {
      const { rows: r } = await client.query<{ n: string }>(`SELECT count(*)::text AS n FROM "${t}"`);
      rows[t] = Number(r[0]!.n);
    }
    return rows;
  } finally {
    await client.end();
  }
}

const BATCH = 50_000;

/** Inserts `columns` (parallel arrays) into `table` in batches of BATCH rows via unnest. */
async function insertColumns(
  client: pg.Client,
  sql: (unnest: string) => string,
  types: readonly string[],
  columns: readonly unknown[][],
): Promise<void> {
  const n = columns[0]!.length;
  const unnest = `unnest(${types.map((t, i) => `$${i + 1}::${t}[]`).join(', ')})`;
  const text = sql(unnest);
  for (let start = 0; start < n; start += BATCH) {
    const end = Math.min(n, start + BATCH);
    await client.query(
      text,
      columns.map((c) => c.slice(start, end)),
    );
  }
}

/** M, L: a generated GraphInput, in bulk. Ids are kept, so the engine sees the same graph. */
export async function loadGenerated(url: string, input: GraphInput): Promise<LoadTiming> {
  const t0 = performance.now();
  await migrate(url);
  const t1 = performance.now();
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  let commitMs: number;
  try {
    await client.query('BEGIN');
    await client.query('SET CONSTRAINTS ALL DEFERRED');
    await client.query(`INSERT INTO organization (id, slug, name, kind, updated_at)
      VALUES (1, 'bench-synthetic-publisher', 'Synthetic benchmark publisher', 'PUBLISHER', now())`);
    await client.query(`INSERT INTO source (id, slug, title, publisher_id, year, official, updated_at)
      VALUES (1, 'bench-synthetic', 'Synthetic benchmark graph (bench/generators.ts)', 1, 2026, false, now())`);

    const tracks = new Map<number, string>();
    for (const r of input.roles) tracks.set(r.trackId, r.trackSlug);
    await insertColumns(
      client,
      (u) => `INSERT INTO track (id, slug, name, description, updated_at)
              SELECT id, slug, slug, '', now() FROM ${u} AS u(id, slug)`,
      ['int', 'text'],
      [[...tracks.keys()], [...tracks.values()]],
    );
    await insertColumns(
      client,
      (
        u,
      ) => `INSERT INTO role (id, slug, title, track_id, level, summary, duties, skills, work_settings, typical_education, updated_at)
              SELECT id, slug, slug, track_id, 'ENTRY', '', '{}', '{}', '{}', '', now() FROM ${u} AS u(id, slug, track_id)`,
      ['int', 'text', 'int'],
      [input.roles.map((r) => r.id), input.roles.map((r) => r.slug), input.roles.map((r) => r.trackId)],
    );
    const certs = input.certifications;
    await insertColumns(
      client,
      (
        u,
      ) => `INSERT INTO certification (id, slug, acronym, name, kind, issuer_id, exam_fee_usd, exam_fee_source_id, updated_at)
              SELECT id, slug, upper(slug), slug, 'CERTIFICATION', 1, fee, CASE WHEN fee IS NULL THEN NULL ELSE 1 END, now()
              FROM ${u} AS u(id, slug, fee)`,
      ['int', 'text', 'int'],
      [certs.map((c) => c.id), certs.map((c) => c.slug), certs.map((c) => c.examFeeUsd)],
    );
    const programs = input.programs;
    await insertColumns(
      client,
      (u) => `INSERT INTO training_program (id, slug, name, credential, min_months, max_months, typical_cost_usd,
                typical_cost_source_id, typical_cost_year, description, updated_at)
              SELECT id, slug, slug, 'CERTIFICATE', months, months, cost, CASE WHEN cost IS NULL THEN NULL ELSE 1 END,
                CASE WHEN cost IS NULL THEN NULL ELSE 2026 END, '', now() FROM ${u} AS u(id, slug, months, cost)`,
      ['int', 'text', 'int', 'int'],
      [
        programs.map((p) => p.id),
        programs.map((p) => p.slug),
        programs.map((p) => p.minMonths),
        programs.map((p) => p.typicalCostUsd),
      ],
    );

    const trackOf = new Map(input.roles.map((r) => [r.id, r.trackId]));
    const T = input.transitions;
    await insertColumns(
      client,
      (u) => `INSERT INTO transition (id, from_role_id, to_role_id, kind, min_years_experience, rationale, updated_at)
              SELECT id, src, dst, kind::"TransitionKind", years, '', now() FROM ${u} AS u(id, src, dst, kind, years)`,
      ['int', 'int', 'int', 'text', 'numeric'],
      [
        T.map((t) => t.id),
        T.map((t) => t.from),
        T.map((t) => t.to),
        T.map((t) => (trackOf.get(t.from) === trackOf.get(t.to) ? 'LATERAL' : 'CROSS_TRACK')),
        T.map((t) => t.minYearsExperience),
      ],
    );
    await insertColumns(
      client,
      (u) => `INSERT INTO transition_source (transition_id, source_id) SELECT id, 1 FROM ${u} AS u(id)`,
      ['int'],
      [T.map((t) => t.id)],
    );
    // Requirement groups get dense ids here; options and training follow.
    const groupIds: number[] = [];
    const groupTransition: number[] = [];
    const groupPosition: number[] = [];
    const optionGroup: number[] = [];
    const optionCert: number[] = [];
    const trainingTransition: number[] = [];
    const trainingProgram: number[] = [];
    for (const t of T) {
      t.requirementGroups.forEach((group, position) => {
        const gid = groupIds.length + 1;
        groupIds.push(gid);
        groupTransition.push(t.id);
        groupPosition.push(position);
        for (const c of new Set(group)) {
          optionGroup.push(gid);
          optionCert.push(c);
        }
      });
      for (const p of new Set(t.training)) {
        trainingTransition.push(t.id);
        trainingProgram.push(p);
      }
    }
    await insertColumns(
      client,
      (u) => `INSERT INTO requirement_group (id, transition_id, position) SELECT * FROM ${u}`,
      ['int', 'int', 'int'],
      [groupIds, groupTransition, groupPosition],
    );
    await insertColumns(
      client,
      (u) => `INSERT INTO requirement_option (group_id, certification_id) SELECT * FROM ${u}`,
      ['int', 'int'],
      [optionGroup, optionCert],
    );
    await insertColumns(
      client,
      (u) => `INSERT INTO transition_training (transition_id, program_id) SELECT * FROM ${u}`,
      ['int', 'int'],
      [trainingTransition, trainingProgram],
    );
    // Keep the SERIAL sequences ahead of the explicit ids, as a real load would.
    for (const table of [
      'organization',
      'source',
      'track',
      'role',
      'certification',
      'training_program',
      'transition',
      'requirement_group',
    ])
      await client.query(
        `SELECT setval(pg_get_serial_sequence('"${table}"', 'id'), (SELECT coalesce(max(id), 1) FROM "${table}"))`,
      );
    const tCommit = performance.now();
    await client.query('COMMIT');
    commitMs = performance.now() - tCommit;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    await client.end();
  }
  const t2 = performance.now();
  const rows = await analyze(url);
  const t3 = performance.now();
  return {
    migrateMs: t1 - t0,
    insertMs: t2 - t1,
    commitMs,
    analyzeMs: t3 - t2,
    totalMs: t3 - t0,
    method: `INSERT … SELECT FROM unnest(arrays), ${BATCH.toLocaleString('en-US')} rows a statement, one transaction, constraints deferred`,
    rows,
  };
}
