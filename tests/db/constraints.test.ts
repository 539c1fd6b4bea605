/** The database itself refuses bad rows, whoever writes them. */
import { beforeAll, describe, expect, it } from 'vitest';
import type { PrismaClient } from '../../src/db/client.js';
import { testDatabase } from '../support/database.js';

let prisma: PrismaClient;
let ids: { ma: number; lead: number; cma: number; source: number; track: number };

beforeAll(async () => {
  ({ prisma } = await testDatabase('seeded'));
  const role = (slug: string) => prisma.role.findUniqueOrThrow({ where: { slug } });
  const ma = await role('medical-assistant');
  ids = {
    ma: ma.id,
    lead: (await role('lead-medical-assistant')).id,
    cma: (await prisma.certification.findUniqueOrThrow({ where: { slug: 'cma' } })).id,
    source: (await prisma.source.findFirstOrThrow()).id,
    track: ma.trackId,
  };
});

const sourced = () => ({ sources: { create: [{ sourceId: ids.source }] } });

describe('database constraints', () => {
  it('refuse a figure with a role exactly when its scope is SECTOR, and one without a role otherwise', async () => {
    const figure = {
      kind: 'EMPLOYER_SHARE',
      unit: 'PERCENT',
      value: 1,
      label: 'constraint test',
      occupation: 'x',
      sourceId: ids.source,
    } as const;
    await expect(prisma.laborFigure.create({ data: { ...figure, scope: 'SECTOR', roleId: ids.ma } })).rejects.toThrow(
      /labor_figure_role_unless_sector/,
    );
    await expect(prisma.laborFigure.create({ data: { ...figure, scope: 'ROLE' } })).rejects.toThrow(
      /labor_figure_role_unless_sector/,
    );
    // Two undated sector figures of one key are one too many (NULLS NOT DISTINCT covers the missing role).
    await prisma.laborFigure.create({ data: { ...figure, scope: 'SECTOR' } });
    await expect(prisma.laborFigure.create({ data: { ...figure, scope: 'SECTOR' } })).rejects.toThrow(/nique/);
  });

  it('refuse a transition from a role to itself', async () => {
    await expect(
      prisma.transition.create({
        data: {
          fromRoleId: ids.ma,
          toRoleId: ids.ma,
          kind: 'LATERAL',
          minYearsExperience: 0,
          rationale: 'x',
          ...sourced(),
        },
      }),
    ).rejects.toThrow(/transition_no_self_loop/);
  });

  it('refuse a second transition between the same two roles', async () => {
    await expect(
      prisma.transition.create({
        data: {
          fromRoleId: ids.ma,
          toRoleId: ids.lead,
          kind: 'ADVANCEMENT',
          minYearsExperience: 1,
          rationale: 'x',
          ...sourced(),
        },
      }),
    ).rejects.toThrow(/Unique constraint/);
  });

  it('refuse negative years of experience and negative program lengths', async () => {
    const other = await prisma.role.findFirstOrThrow({
      where: { outgoing: { none: { toRoleId: ids.ma } }, NOT: { id: ids.ma } },
    });
    await expect(
      prisma.transition.create({
        data: {
          fromRoleId: other.id,
          toRoleId: ids.ma,
          kind: 'LATERAL',
          minYearsExperience: -1,
          rationale: 'x',
          ...sourced(),
        },
      }),
    ).rejects.toThrow(/transition_years_non_negative/);
    await expect(
      prisma.trainingProgram.create({
        data: { slug: 'negative', name: 'n', credential: 'CERTIFICATE', minMonths: -2, maxMonths: 3, description: 'd' },
      }),
    ).rejects.toThrow(/training_program_months/);
  });

  it('refuse a transition without a source', async () => {
    const other = await prisma.role.findFirstOrThrow({
      where: { outgoing: { none: { toRoleId: ids.ma } }, NOT: { id: ids.ma } },
    });
    await expect(
      prisma.transition.create({
        data: { fromRoleId: other.id, toRoleId: ids.ma, kind: 'LATERAL', minYearsExperience: 0, rationale: 'x' },
      }),
    ).rejects.toThrow(/must cite at least one source/);
    expect(await prisma.transition.count({ where: { fromRoleId: other.id, toRoleId: ids.ma } })).toBe(0);
  });

  it('refuse an empty requirement group', async () => {
    const transition = await prisma.transition.findFirstOrThrow();
    await expect(
      prisma.requirementGroup.create({ data: { transitionId: transition.id, position: 99 } }),
    ).rejects.toThrow(/must offer at least one certification/);
  });

  it('refuse a malformed slug', async () => {
    await expect(prisma.track.create({ data: { slug: 'Not A Slug', name: 'n', description: 'd' } })).rejects.toThrow(
      /track_slug_format/,
    );
  });

  it('refuse a figure without a value', async () => {
    await expect(
      prisma.laborFigure.create({
        data: {
          roleId: ids.ma,
          kind: 'MEDIAN_WAGE',
          unit: 'USD_PER_YEAR',
          scope: 'ROLE',
          dataYear: 1999,
          occupation: 'x',
          sourceId: ids.source,
        },
      }),
    ).rejects.toThrow(/labor_figure_values/);
  });
});
