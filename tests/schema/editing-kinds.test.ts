/** Create, update and delete for every editable kind, through the same validated path. */
import { beforeAll, describe, expect, it } from 'vitest';
import type { PrismaClient } from '../../src/db/client.js';
import { testDatabase } from '../support/database.js';
import { type Client, keyedClient } from '../support/graphql.js';

let prisma: PrismaClient;
let editor: Client;
let source: string;
beforeAll(async () => {
  ({ prisma } = await testDatabase('seeded'));
  editor = await keyedClient(prisma, 'curator', 'editor');
  source = (await prisma.source.findFirstOrThrow({ where: { official: true } })).slug;
});

async function ok(mutation: string, input: Record<string, unknown>, field: string) {
  const { data, errors } = await editor.query(mutation, { input });
  expect(errors).toBeUndefined();
  const name = Object.keys(data)[0]!;
  expect(data[name].userErrors).toEqual([]);
  return data[name][field];
}
async function refused(mutation: string, input: Record<string, unknown>) {
  const { data, errors } = await editor.query(mutation, { input });
  expect(errors).toBeUndefined();
  const name = Object.keys(data)[0]!;
  expect(data[name].userErrors.length).toBeGreaterThan(0);
  return data[name].userErrors[0];
}

describe('transitions', () => {
  const CREATE = `mutation ($input: CreateTransitionInput!) { createTransition(input: $input) {
    transition { version minYearsExperience requirements { anyOf { slug } } training { slug } from { slug } to { slug } }
    userErrors { field message code } } }`;
  const UPDATE = `mutation ($input: UpdateTransitionInput!) { updateTransition(input: $input) {
    transition { version minYearsExperience requirements { anyOf { slug } } } userErrors { field message code } } }`;
  const DELETE = `mutation ($input: DeleteTransitionInput!) { deleteTransition(input: $input) {
    transition { version } userErrors { field message code } } }`;
  const move = () => ({
    from: 'ophthalmic-medical-assistant',
    to: 'ekg-technician',
    kind: 'LATERAL',
    minYearsExperience: 1,
    requirements: [{ anyOf: ['cet'] }],
    rationale: 'Both draw on patient-facing diagnostic skills.',
    sources: [source],
  });

  it('are created, updated with their requirement groups, and deleted', async () => {
    const created = await ok(CREATE, move(), 'transition');
    expect(created).toMatchObject({ version: 1, minYearsExperience: 1, requirements: [{ anyOf: [{ slug: 'cet' }] }] });
    const updated = await ok(
      UPDATE,
      {
        from: move().from,
        to: move().to,
        expectedVersion: 1,
        minYearsExperience: 0.5,
        requirements: [{ anyOf: ['cet', 'cpt'] }, { anyOf: ['cma'] }],
      },
      'transition',
    );
    expect(updated.version).toBe(2);
    expect(updated.minYearsExperience).toBe(0.5);
    expect(updated.requirements.map((g: any) => g.anyOf.map((c: any) => c.slug).sort())).toEqual([
      ['cet', 'cpt'],
      ['cma'],
    ]);
    expect(await ok(DELETE, { from: move().from, to: move().to, expectedVersion: 2 }, 'transition')).toBeNull();
  });

  it('refuse a requirement group met whenever another is (the same certification asked twice)', async () => {
    const created = await ok(CREATE, move(), 'transition');
    const at = { from: move().from, to: move().to, expectedVersion: created.version };
    // Across groups, whatever the capitals (within one group, a repeat was refused already).
    const twice = await refused(UPDATE, { ...at, requirements: [{ anyOf: ['cma'] }, { anyOf: ['CMA'] }] });
    expect(twice).toMatchObject({
      code: 'INVALID',
      message: expect.stringContaining('requirement group 2 names the same certifications as requirement group 1'),
    });
    expect(twice.field).toEqual(['input', 'requirements']);
    const implied = await refused(UPDATE, { ...at, requirements: [{ anyOf: ['cet', 'cma'] }, { anyOf: ['cma'] }] });
    expect(implied).toMatchObject({
      code: 'INVALID',
      message: expect.stringContaining('requirement group 1 (cet, cma) is met whenever requirement group 2 (cma) is'),
    });
    expect(implied.field).toEqual(['input', 'requirements']);
    // Overlapping groups that are not implied stay allowed; nothing changed before.
    const row = await prisma.transition.findFirstOrThrow({
      where: { fromRole: { slug: at.from }, toRole: { slug: at.to } },
    });
    expect(row.version).toBe(created.version);
    const overlapping = [{ anyOf: ['cet', 'cma'] }, { anyOf: ['cma', 'cpt'] }];
    expect(await ok(UPDATE, { ...at, requirements: overlapping }, 'transition')).toMatchObject({ version: 2 });
    expect(await ok(DELETE, { from: at.from, to: at.to, expectedVersion: 2 }, 'transition')).toBeNull();
  });

  it('carry years the curators estimated and training no source describes, set and cleared', async () => {
    const FIELDS = 'version yearsEstimated unknownTraining';
    const create = CREATE.replace('transition { version', `transition { ${FIELDS}`);
    const update = UPDATE.replace('transition { version', `transition { ${FIELDS}`);
    const at = { from: move().from, to: move().to };
    const created = await ok(
      create,
      { ...move(), yearsEstimated: true, unknownTraining: 'any training the employer asks' },
      'transition',
    );
    expect(created).toMatchObject({ yearsEstimated: true, unknownTraining: 'any training the employer asks' });
    // Fields left out keep their values; null and false clear them.
    const kept = await ok(update, { ...at, expectedVersion: 1, minYearsExperience: 2 }, 'transition');
    expect(kept).toMatchObject({ version: 2, yearsEstimated: true, unknownTraining: 'any training the employer asks' });
    const cleared = await ok(
      update,
      { ...at, expectedVersion: 2, yearsEstimated: false, unknownTraining: null },
      'transition',
    );
    expect(cleared).toMatchObject({ version: 3, yearsEstimated: false, unknownTraining: null });
    // A blank description of training is refused, naming the field; nothing changes.
    const blank = await refused(update, { ...at, expectedVersion: 3, unknownTraining: '   ' });
    expect(blank.field).toContain('unknownTraining');
    expect(
      (await prisma.transition.findFirstOrThrow({ where: { fromRole: { slug: at.from }, toRole: { slug: at.to } } }))
        .version,
    ).toBe(3);
    expect(await ok(DELETE, { ...at, expectedVersion: 3 }, 'transition')).toBeNull();
  });

  it('an update writes the lists it is given and keeps the others', async () => {
    const LISTS = `mutation ($input: UpdateTransitionInput!) { updateTransition(input: $input) {
      transition { version minYearsExperience requirements { anyOf { slug } } training { slug } sources { slug } }
      userErrors { field message code } } }`;
    const [program, other] = (await prisma.trainingProgram.findMany({ orderBy: { id: 'asc' }, take: 2 })).map(
      (p) => p.slug,
    );
    const otherSource = (await prisma.source.findFirstOrThrow({ where: { slug: { not: source } } })).slug;
    const slugs = (list: { slug: string }[]) => list.map((x) => x.slug).sort();
    const groups = (list: { anyOf: { slug: string }[] }[]) => list.map((g) => slugs(g.anyOf));
    await ok(CREATE, move(), 'transition');
    const at = { from: move().from, to: move().to };
    const first = await ok(
      LISTS,
      { ...at, expectedVersion: 1, training: [program, other], sources: [source, otherSource] },
      'transition',
    );
    expect(first.version).toBe(2);
    expect(slugs(first.training)).toEqual([program, other].sort());
    expect(slugs(first.sources)).toEqual([source, otherSource].sort());
    expect(groups(first.requirements)).toEqual([['cet']]);
    // Only the years: every list stays as it was.
    const second = await ok(LISTS, { ...at, expectedVersion: 2, minYearsExperience: 3 }, 'transition');
    expect(second).toEqual({ ...first, version: 3, minYearsExperience: 3 });
    // Lists emptied or replaced, one at a time.
    const third = await ok(
      LISTS,
      { ...at, expectedVersion: 3, training: [], sources: [otherSource], requirements: [] },
      'transition',
    );
    expect(third).toMatchObject({ version: 4, training: [], requirements: [], sources: [{ slug: otherSource }] });
    expect(await ok(DELETE, { ...at, expectedVersion: 4 }, 'transition')).toBeNull();
  });

  it('refuse a self-loop, a duplicate, negative years, an empty group, an unknown certification and no source', async () => {
    const before = await prisma.transition.count();
    expect(await refused(CREATE, { ...move(), to: move().from })).toMatchObject({ code: 'INVALID', message: /itself/ });
    expect(await refused(CREATE, { ...move(), from: 'medical-assistant', to: 'lead-medical-assistant' })).toMatchObject(
      {
        code: 'TAKEN',
      },
    );
    expect(await refused(CREATE, { ...move(), minYearsExperience: -1 })).toMatchObject({
      field: ['input', 'minYearsExperience'],
      code: 'INVALID',
    });
    expect(await refused(CREATE, { ...move(), requirements: [{ anyOf: [] }] })).toMatchObject({
      field: ['input', 'requirements'],
      code: 'INVALID',
    });
    expect(await refused(CREATE, { ...move(), requirements: [{ anyOf: ['xyz'] }] })).toMatchObject({
      code: 'NOT_FOUND',
      message: /"xyz"/,
    });
    expect(await refused(CREATE, { ...move(), sources: [] })).toMatchObject({ field: ['input', 'sources'] });
    expect(await refused(CREATE, { ...move(), from: 'astronaut' })).toMatchObject({
      code: 'NOT_FOUND',
      message: /"astronaut"/,
    });
    expect(await prisma.transition.count()).toBe(before);
  });
});

describe('certifications, programs, sources and figures', () => {
  it('certifications are created with eligibility routes and updated field by field', async () => {
    const CREATE = `mutation ($input: CreateCertificationInput!) { createCertification(input: $input) {
      certification { slug version examFeeUsd issuer { slug } eligibilityRoutes { description program { slug } } }
      userErrors { field message code } } }`;
    const created = await ok(
      CREATE,
      {
        slug: 'cst',
        acronym: 'CST',
        name: 'Certified Surgical Technologist',
        kind: 'CERTIFICATION',
        issuer: 'nha',
        examFeeUsd: 190,
        examFeeSource: 'nha-cpt-eligibility',
        eligibilityRoutes: [{ description: 'An accredited program', program: 'medical-assistant-diploma' }],
        sources: [source],
      },
      'certification',
    );
    expect(created).toMatchObject({ slug: 'cst', version: 1, examFeeUsd: 190, issuer: { slug: 'nha' } });
    const UPDATE = `mutation ($input: UpdateCertificationInput!) { updateCertification(input: $input) {
      certification { version examFeeUsd name } userErrors { field message code } } }`;
    // A fee comes only with the certifying body's own page: without one, or from a secondary page, it is refused.
    expect(await refused(UPDATE, { slug: 'cst', expectedVersion: 1, examFeeSource: null })).toMatchObject({
      field: ['input', 'examFeeSource'],
    });
    expect(
      await refused(UPDATE, { slug: 'cst', expectedVersion: 1, examFeeSource: 'healthcareercerts-nha' }),
    ).toMatchObject({
      field: ['input', 'examFeeSource'],
      message: /official source published by "nha", with a URL/,
    });
    expect(
      await ok(UPDATE, { slug: 'cst', expectedVersion: 1, examFeeUsd: null, examFeeSource: null }, 'certification'),
    ).toEqual({
      version: 2,
      examFeeUsd: null,
      name: 'Certified Surgical Technologist',
    });
    expect(await refused(UPDATE, { slug: 'cst', expectedVersion: 2, examFeeUsd: -5 })).toMatchObject({
      field: ['input', 'examFeeUsd'],
    });
  });

  it('training programs refuse a maximum below the minimum', async () => {
    const CREATE = `mutation ($input: CreateTrainingProgramInput!) { createTrainingProgram(input: $input) {
      trainingProgram { slug minMonths maxMonths } userErrors { field message code } } }`;
    const input = {
      slug: 'cst-program',
      name: 'Surgical technology',
      credential: 'CERTIFICATE',
      minMonths: 9,
      maxMonths: 24,
      description: 'A program.',
      sources: [source],
    };
    expect(await ok(CREATE, input, 'trainingProgram')).toEqual({ slug: 'cst-program', minMonths: 9, maxMonths: 24 });
    expect(await refused(CREATE, { ...input, slug: 'other', maxMonths: 3 })).toMatchObject({
      field: ['input', 'maxMonths'],
    });
    // No program takes 0 months (a pathway would call it "right away"), created or updated.
    expect(await refused(CREATE, { ...input, slug: 'other', minMonths: 0 })).toMatchObject({
      code: 'INVALID',
      field: ['input', 'minMonths'],
      message: expect.stringContaining('at least a month'),
    });
    const UPDATE = `mutation ($input: UpdateTrainingProgramInput!) { updateTrainingProgram(input: $input) {
      trainingProgram { minMonths } userErrors { field message code } } }`;
    expect(await refused(UPDATE, { slug: 'cst-program', expectedVersion: 1, minMonths: 0 })).toMatchObject({
      field: ['input', 'minMonths'],
    });
    expect((await prisma.trainingProgram.findUniqueOrThrow({ where: { slug: 'cst-program' } })).minMonths).toBe(9);
  });

  it('sources cannot be deleted while cited', async () => {
    const row = await prisma.source.findUniqueOrThrow({ where: { slug: source } });
    const DELETE = `mutation ($input: DeleteSourceInput!) { deleteSource(input: $input) { source { slug } userErrors { field message code } } }`;
    expect(await refused(DELETE, { slug: source, expectedVersion: row.version })).toMatchObject({ code: 'IN_USE' });
    expect(await prisma.source.findUnique({ where: { slug: source } })).not.toBeNull();
  });

  it('figures need a source, are edited by global ID, and keep conflicting values side by side', async () => {
    const CREATE = `mutation ($input: CreateLaborFigureInput!) { createLaborFigure(input: $input) {
      figure { id version value dataYear scope source { slug } } userErrors { field message code } } }`;
    const figure = {
      role: 'ekg-technician',
      kind: 'MEDIAN_WAGE',
      unit: 'USD_PER_YEAR',
      scope: 'OCCUPATION',
      value: 51000,
      dataYear: 2019,
      occupation: 'Cardiovascular technologists and technicians',
      source,
    };
    const created = await ok(CREATE, figure, 'figure');
    expect(created).toMatchObject({
      version: 1,
      value: 51000,
      dataYear: 2019,
      scope: 'OCCUPATION',
      source: { slug: source },
    });
    expect(await refused(CREATE, { ...figure, dataYear: 2018, source: 'nowhere' })).toMatchObject({
      code: 'NOT_FOUND',
      field: ['input', 'source'],
    });
    expect(await refused(CREATE, { ...figure, dataYear: 2018, value: null })).toMatchObject({
      field: ['input', 'value'],
    });

    const UPDATE = `mutation ($input: UpdateLaborFigureInput!) { updateLaborFigure(input: $input) {
      figure { id version value dataYear } userErrors { field message code } } }`;
    const updated = await ok(UPDATE, { id: created.id, expectedVersion: 1, value: 52000 }, 'figure');
    expect(updated).toMatchObject({ id: created.id, value: 52000, dataYear: 2019, version: 2 });
    expect(await refused(UPDATE, { id: created.id, expectedVersion: 1, value: 1 })).toMatchObject({
      code: 'STALE_VERSION',
    });
    const DELETE = `mutation ($input: DeleteLaborFigureInput!) { deleteLaborFigure(input: $input) { figure { id } userErrors { code } } }`;
    expect(await ok(DELETE, { id: updated.id, expectedVersion: 2 }, 'figure')).toBeNull();
    expect(await refused(DELETE, { id: updated.id, expectedVersion: 2 })).toMatchObject({ code: 'NOT_FOUND' });
  });
});
