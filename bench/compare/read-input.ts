/**
 * The engine's input read with plain SQL (node-postgres), in the shape `readGraphInput`
 * (src/db/graph-input.ts) returns. Used only when `readGraphInput` fails, as it does on L: Prisma
 * fetches the nested requirement groups and training with one bind parameter per transition id,
 * and a million transitions exceed PostgreSQL's 65,535-parameter limit. The report says when this
 * fallback was used.
 */
import pg from 'pg';
import type { GraphInput, TransitionInput } from '../../src/graph/index.js';

export async function readGraphInputSql(url: string): Promise<GraphInput> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const roles = await client.query<{ id: number; slug: string; trackId: number; trackSlug: string }>(
      `SELECT r.id, r.slug, r.track_id AS "trackId", t.slug AS "trackSlug"
       FROM role r JOIN track t ON t.id = r.track_id ORDER BY r.id`,
    );
    const certifications = await client.query<{ id: number; slug: string; examFeeUsd: number | null }>(
      `SELECT id, slug, exam_fee_usd AS "examFeeUsd" FROM certification ORDER BY id`,
    );
    const programs = await client.query<{ id: number; slug: string; minMonths: number; typicalCostUsd: number | null }>(
      `SELECT id, slug, min_months AS "minMonths", typical_cost_usd AS "typicalCostUsd" FROM training_program ORDER BY id`,
    );
    const transitions = await client.query<{ id: number; from: number; to: number; years: number }>(
      `SELECT id, from_role_id AS "from", to_role_id AS "to", min_years_experience::float8 AS years
       FROM transition ORDER BY id`,
    );
    const byId = new Map<number, TransitionInput & { requirementGroups: number[][]; training: number[] }>();
    const list = transitions.rows.map((t) => {
      const row = {
        id: t.id,
        from: t.from,
        to: t.to,
        minYearsExperience: t.years,
        requirementGroups: [],
        training: [],
      };
      byId.set(t.id, row);
      return row;
    });
    const groups = await client.query<{ transitionId: number; options: number[] }>(
      `SELECT g.transition_id AS "transitionId", array_agg(o.certification_id ORDER BY o.certification_id) AS options
       FROM requirement_group g JOIN requirement_option o ON o.group_id = g.id
       GROUP BY g.id ORDER BY g.transition_id, g.position`,
    );
    for (const g of groups.rows) byId.get(g.transitionId)?.requirementGroups.push(g.options);
    const training = await client.query<{ transitionId: number; programId: number }>(
      `SELECT transition_id AS "transitionId", program_id AS "programId" FROM transition_training`,
    );
    for (const t of training.rows) byId.get(t.transitionId)?.training.push(t.programId);
    return { roles: roles.rows, certifications: certifications.rows, programs: programs.rows, transitions: list };
  } finally {
    await client.end();
  }
}
