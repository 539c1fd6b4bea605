/** Reads what the pathway engine needs from the database, in the engine's plain input shape. */
import type { GraphInput } from '../graph/types.js';
import type { PrismaClient } from './client.js';

/** Everything the engine indexes: roles, certifications, programs, transitions with requirements. */
export async function readGraphInput(prisma: PrismaClient): Promise<GraphInput> {
  const roles = await prisma.role.findMany({
    select: { id: true, slug: true, trackId: true, track: { select: { slug: true } } },
  });
  const certifications = await prisma.certification.findMany({ select: { id: true, slug: true, examFeeUsd: true } });
  const programs = await prisma.trainingProgram.findMany({
    select: { id: true, slug: true, minMonths: true, typicalCostUsd: true },
  });
  const transitions = await prisma.transition.findMany({
    select: {
      id: true,
      fromRoleId: true,
      toRoleId: true,
      minYearsExperience: true,
      requirementGroups: { orderBy: { position: 'asc' }, select: { options: { select: { certificationId: true } } } },
      training: { select: { programId: true } },
    },
    orderBy: { id: 'asc' },
  });
  return {
    roles: roles.map((r) => ({ id: r.id, slug: r.slug, trackId: r.trackId, trackSlug: r.track.slug })),
    certifications,
    programs,
    transitions: transitions.map((t) => ({
      id: t.id,
      from: t.fromRoleId,
      to: t.toRoleId,
      minYearsExperience: t.minYearsExperience.toNumber(),
      requirementGroups: t.requirementGroups.map((g) => g.options.map((o) => o.certificationId)),
      training: t.training.map((x) => x.programId),
    })),
  };
}
