/**
 * Reads what the pathway engine needs from the database, in the engine's plain input shape.
 * Plain SQL rather than nested Prisma reads: those bind one parameter per transition id, and a
 * graph of a million transitions exceeds PostgreSQL's 65,535-parameter limit.
 */
import type { GraphInput } from '../graph/types.js';
import type { PrismaClient } from '../db/client.js';

type Edge = GraphInput['transitions'][number] & { requirementGroups: number[][]; training: number[] };

/** Everything the engine indexes: roles, certifications, programs, transitions with requirements. */
export async function readGraphInput(prisma: PrismaClient): Promise<GraphInput> {
  const roles = await prisma.$queryRaw<GraphInput['roles'][number][]>`
    SELECT r.id, r.slug, r.track_id AS "trackId", t.slug AS "trackSlug"
    FROM role r JOIN track t ON t.id = r.track_id ORDER BY r.id`;
  const certifications = await prisma.$queryRaw<GraphInput['certifications'][number][]>`
    SELECT id, slug, exam_fee_usd AS "examFeeUsd" FROM certification ORDER BY id`;
  const programs = await prisma.$queryRaw<GraphInput['programs'][number][]>`
    SELECT id, slug, min_months AS "minMonths", typical_cost_usd AS "typicalCostUsd" FROM training_program ORDER BY id`;
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
  return { roles, certifications, programs, transitions };
}
