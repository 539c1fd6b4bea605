/**
 * Issue #19: every figure the five articles give is stored. The last ones no kind or role held:
 * entry-level pay (ENTRY_WAGE, never a median) and figures about a whole sector (scope SECTOR, no role).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { PrismaClient } from '../../src/db/client.js';
import { readDataset } from '../../src/db/dataset/read.js';
import { testDatabase } from '../support/database.js';
import { type Client, graphqlClient, keyedClient } from '../support/graphql.js';

let prisma: PrismaClient;
let api: Client;
let editor: Client;
let admin: Client;
beforeAll(async () => {
  ({ prisma } = await testDatabase('seeded'));
  api = graphqlClient(prisma, undefined, {}, { rateLimitPoints: 0 });
  editor = await keyedClient(prisma, 'curator', 'editor');
  admin = await keyedClient(prisma, 'ops', 'admin', { maxBodyBytes: 500_000 });
});

const FIGURE = 'kind unit scope value low high dataYear geography label occupation role { slug } source { slug year }';

describe('figures the articles give that no kind or role held before', () => {
  it('stores clinical MAs’ entry-level pay as ENTRY_WAGE among their wages, with its label and source', async () => {
    const { data, errors } = await api.query(
      `{ role(slug: "clinical-medical-assistant") { wages { ${FIGURE} } outlook { kind } workforce { kind } } }`,
    );
    expect(errors).toBeUndefined();
    const entry = data.role.wages.filter((f: { kind: string }) => f.kind === 'ENTRY_WAGE');
    expect(entry).toEqual([
      {
        kind: 'ENTRY_WAGE',
        unit: 'USD_PER_YEAR',
        scope: 'ROLE',
        value: 36000,
        low: null,
        high: null,
        // The article states no year: 2026 is its edition year (source.year), not a data year.
        dataYear: null,
        geography: 'US',
        label: 'entry-level positions, starting near',
        occupation: 'Medical clinical assistants',
        role: { slug: 'clinical-medical-assistant' },
        source: { slug: 'researchcom-ma-vs-clinical-ma', year: 2026 },
      },
    ]);
    expect([...data.role.outlook, ...data.role.workforce].map((f: { kind: string }) => f.kind)).not.toContain(
      'ENTRY_WAGE',
    );
  });

  it('lists the sector figures (no role) in sectorFigures, newest first, each with its source', async () => {
    const { data, errors } = await api.query(`{ sectorFigures { ${FIGURE} } }`);
    expect(errors).toBeUndefined();
    const common = { scope: 'SECTOR', low: null, high: null, geography: 'US', role: null };
    expect(data.sectorFigures).toEqual([
      {
        ...common,
        kind: 'WORKER_COUNT',
        unit: 'PEOPLE_PER_MONTH',
        value: 600000,
        dataYear: 2023,
        label: 'healthcare workers resigning each month (May 2023)',
        occupation: 'Healthcare workers (all of them, not one role)',
        source: { slug: 'researchcom-ma-vs-admin-ma', year: 2026 },
      },
      ...[
        [88, 'consider health plans the most important employee benefit'],
        [23, 'cover GLP-1 diabetes medications'],
      ].map(([value, label]) => ({
        ...common,
        kind: 'EMPLOYER_SHARE',
        unit: 'PERCENT',
        value,
        dataYear: null,
        label,
        occupation: 'Employers (an employee-benefits survey the article shows in an infographic)',
        source: { slug: 'researchcom-clinical-vs-admin-ma', year: 2026 },
      })),
    ]);
    // A sector figure belongs to no role: no role lists it.
    const roles = await prisma.role.findMany({ select: { figures: { where: { scope: 'SECTOR' } } } });
    expect(roles.flatMap((r) => r.figures)).toEqual([]);
  });
});

describe('entry-level pay is never a median', () => {
  const RANKING = `{ roles(first: 100, orderBy: { field: MEDIAN_WAGE, direction: DESC }) {
    nodes { slug latestMedianWage { value dataYear source { slug } } } } }`;
  const COMPARE = `{ compareRoles(slugs: ["clinical-medical-assistant", "medical-assistant"]) {
    entries { role { slug } latestMedianWage { value source { slug } } } } }`;
  const snapshot = async () => {
    const ranking = await api.query(RANKING);
    const compare = await api.query(COMPARE);
    expect(ranking.errors).toBeUndefined();
    expect(compare.errors).toBeUndefined();
    return { ranking: ranking.data.roles.nodes, compare: compare.data.compareRoles.entries };
  };

  it('leaves roles(orderBy: MEDIAN_WAGE), latestMedianWage and compareRoles’ medians as they were', async () => {
    const before = await snapshot();
    const ranked = before.ranking.filter((r: { latestMedianWage: unknown }) => r.latestMedianWage !== null);
    const unranked = before.ranking.filter((r: { latestMedianWage: unknown }) => r.latestMedianWage === null);
    expect(ranked.length).toBeGreaterThan(1);
    const official = await prisma.source.findFirstOrThrow({ where: { official: true }, orderBy: { slug: 'asc' } });

    // The lowest-paid ranked role, a role without any median and the compared clinical MA all get an
    // entry-level wage far above every median, from an official source and the newest year.
    const targets = [ranked.at(-1).slug, ...unranked.slice(0, 1).map((r: { slug: string }) => r.slug)];
    for (const role of new Set([...targets, 'clinical-medical-assistant'])) {
      const { data, errors } = await editor.query(
        `mutation ($input: CreateLaborFigureInput!) { createLaborFigure(input: $input) {
          figure { kind value } userErrors { message } } }`,
        {
          input: {
            role,
            kind: 'ENTRY_WAGE',
            unit: 'USD_PER_YEAR',
            scope: 'ROLE',
            value: 9_000_000,
            dataYear: 2099,
            label: 'test',
            occupation: 'test',
            source: official.slug,
          },
        },
      );
      expect(errors).toBeUndefined();
      expect(data.createLaborFigure).toEqual({ figure: { kind: 'ENTRY_WAGE', value: 9_000_000 }, userErrors: [] });
    }
    expect(await snapshot()).toEqual(before);

    // The same number as a median does move the role to the top: the ranking above could have changed.
    const lowest = await prisma.role.findUniqueOrThrow({ where: { slug: ranked.at(-1).slug } });
    await prisma.laborFigure.create({
      data: {
        roleId: lowest.id,
        kind: 'MEDIAN_WAGE',
        unit: 'USD_PER_YEAR',
        scope: 'ROLE',
        value: 9_000_000,
        dataYear: 2099,
        label: 'test',
        occupation: 'test',
        sourceId: official.id,
      },
    });
    const after = await snapshot();
    expect(after.ranking[0]).toMatchObject({ slug: lowest.slug, latestMedianWage: { value: 9_000_000 } });
  });
});

describe('sector figures in the dataset and its editing', () => {
  it('round-trip through exportDataset and importDataset, without a role', async () => {
    const exported = await admin.query('{ exportDataset }');
    expect(exported.errors).toBeUndefined();
    const document = exported.data.exportDataset;
    const sector = document.figures.filter((f: { scope: string }) => f.scope === 'SECTOR');
    expect(sector.map((f: { kind: string; value: number }) => [f.kind, f.value]).sort()).toEqual([
      ['EMPLOYER_SHARE', 23],
      ['EMPLOYER_SHARE', 88],
      ['WORKER_COUNT', 600000],
    ]);
    for (const f of sector) expect(f).not.toHaveProperty('role');
    const entry = document.figures.find(
      (f: { kind: string; source: string }) => f.kind === 'ENTRY_WAGE' && f.source === 'researchcom-ma-vs-clinical-ma',
    );
    expect(entry).toMatchObject({ role: 'clinical-medical-assistant', value: 36000, unit: 'USD_PER_YEAR' });

    const imported = await admin.query(
      `mutation ($dataset: JSON!) { importDataset(dataset: $dataset, mode: REPLACE) {
        changes { kind created updated deleted } userErrors { message } } }`,
      { dataset: document },
    );
    expect(imported.errors).toBeUndefined();
    expect(imported.data.importDataset.userErrors).toEqual([]);
    for (const c of imported.data.importDataset.changes)
      expect(c, c.kind).toMatchObject({ created: 0, updated: 0, deleted: 0 });
    expect((await admin.query('{ exportDataset }')).data.exportDataset).toEqual(document);
  });

  it('refuses a SECTOR figure with a role and any other figure without one, naming the field', async () => {
    const exported = (await admin.query('{ exportDataset }')).data.exportDataset;
    const sector = exported.figures.find((f: { scope: string }) => f.scope === 'SECTOR');
    const roleFigure = exported.figures.find((f: { scope: string }) => f.scope === 'ROLE');
    const { role: _role, ...roleless } = roleFigure;
    const before = await prisma.laborFigure.count();
    for (const bad of [
      { ...sector, role: 'medical-assistant', label: 'x' },
      { ...roleless, label: 'x' },
    ]) {
      const { data, errors } = await admin.query(
        `mutation ($dataset: JSON!) { importDataset(dataset: $dataset) { userErrors { field message code } } }`,
        { dataset: { format: exported.format, version: exported.version, figures: [bad] } },
      );
      expect(errors).toBeUndefined();
      expect(data.importDataset.userErrors).toEqual([
        expect.objectContaining({ field: expect.arrayContaining(['role']), code: 'INVALID' }),
      ]);
    }
    expect(await prisma.laborFigure.count()).toBe(before);
  });

  it('creates a sector figure through createLaborFigure without a role, and refuses a role figure without one', async () => {
    const CREATE = `mutation ($input: CreateLaborFigureInput!) { createLaborFigure(input: $input) {
      figure { kind scope value role { slug } source { slug } } userErrors { field message code } } }`;
    const input = {
      kind: 'WORKER_COUNT',
      unit: 'PEOPLE_PER_MONTH',
      scope: 'SECTOR',
      value: 1,
      dataYear: 2099,
      label: 'test',
      occupation: 'test',
      source: 'researchcom-ma-vs-admin-ma',
    };
    const created = await editor.query(CREATE, { input });
    expect(created.errors).toBeUndefined();
    expect(created.data.createLaborFigure).toEqual({
      figure: { kind: 'WORKER_COUNT', scope: 'SECTOR', value: 1, role: null, source: { slug: input.source } },
      userErrors: [],
    });
    const refused = await editor.query(CREATE, { input: { ...input, scope: 'ROLE', label: 'other' } });
    expect(refused.errors).toBeUndefined();
    expect(refused.data.createLaborFigure.figure).toBeNull();
    expect(refused.data.createLaborFigure.userErrors).toEqual([
      expect.objectContaining({ field: expect.arrayContaining(['role']), code: 'INVALID' }),
    ]);
  });
});

describe('floors the sources give ("over 650,000", "$45,000 or more")', () => {
  it('are served with bound AT_LEAST, and every median EXACT', async () => {
    const { data, errors } = await api.query(
      '{ roles(first: 100) { nodes { slug wages { kind value low high bound } outlook { kind value bound } } } }',
    );
    expect(errors).toBeUndefined();
    const all = data.roles.nodes.flatMap((r: any) =>
      [...r.wages, ...r.outlook].map((f: any) => ({ ...f, role: r.slug })),
    );
    const ma = all.find((f: any) => f.role === 'medical-assistant' && f.kind === 'EMPLOYMENT' && f.value === 650000);
    expect(ma.bound).toBe('AT_LEAST');
    // "Over $57,000" is a floor; "can still reach about $41,474" is not.
    const top = all.filter((f: any) => f.kind === 'TOP_EARNERS_WAGE');
    expect(top.find((f: any) => f.value === 57000).bound).toBe('AT_LEAST');
    expect(top.find((f: any) => f.value === 41474).bound).toBe('EXACT');
    for (const f of all.filter((x: any) => x.kind === 'MEDIAN_WAGE')) expect(f.bound).toBe('EXACT');
    // The files are what the API serves: as many floors in one as in the other.
    expect(await prisma.laborFigure.count({ where: { bound: 'AT_LEAST' } })).toBe(
      (await readDataset()).figures.filter((f) => f.bound === 'AT_LEAST').length,
    );
  });

  it('are marked wherever the note quotes the source saying "over", "more than", "or more" or "or higher"', async () => {
    const { figures } = await readDataset();
    const floorWords = /\b(over|more than|or more|or higher|lower bound)\b/i;
    let quoted = 0;
    for (const f of figures) {
      const n = f.high ?? f.value!;
      const written = `\\$?${n.toLocaleString('en-US').replace(/,/g, ',?')}%?`;
      const says = new RegExp(`\\b(over|more than) ${written}|${written}\\+|${written} or (more|higher)\\b`, 'i');
      const where = `${f.role ?? 'sector'} ${f.kind} ${n}`;
      if (says.test(f.note ?? '')) {
        quoted++;
        expect(f.bound, where).toBe('AT_LEAST');
      }
      // And a floor says why in its note.
      if (f.bound === 'AT_LEAST') expect(f.note ?? '', where).toMatch(floorWords);
    }
    expect(quoted).toBeGreaterThan(5);
  });

  it('refuses a bound that is not EXACT or AT_LEAST, or a floor of a value given with a range, and changes nothing', async () => {
    const exported = (await admin.query('{ exportDataset }')).data.exportDataset;
    const top = exported.figures.find((f: { kind: string; value?: number }) => f.value === 57000);
    expect(top.bound).toBe('AT_LEAST');
    // A value stored beside its range (12, of 12-15%): which end would be the floor?
    const both = exported.figures.find((f: any) => f.value !== undefined && f.low !== undefined);
    expect(both).toBeDefined();
    const before = await prisma.laborFigure.count({ where: { bound: 'AT_LEAST' } });
    for (const bad of [
      { ...top, bound: 'ABOUT' },
      { ...both, bound: 'AT_LEAST' },
    ]) {
      const { data, errors } = await admin.query(
        `mutation ($dataset: JSON!) { importDataset(dataset: $dataset) { userErrors { field message code } } }`,
        { dataset: { format: exported.format, version: exported.version, figures: [bad] } },
      );
      expect(errors).toBeUndefined();
      expect(data.importDataset.userErrors).toEqual([
        expect.objectContaining({ field: expect.arrayContaining(['bound']), code: 'INVALID' }),
      ]);
    }
    expect(await prisma.laborFigure.count({ where: { bound: 'AT_LEAST' } })).toBe(before);
  });
});
