/**
 * The official data through the API: occupations, their BLS figures matching the agencies' files
 * exactly, search by O*NET's titles, and what roles show of their occupation.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadDataset } from '../../src/db/dataset/load.js';
import { readDataset } from '../../src/db/dataset/read.js';
import { readOfficialData } from '../../src/db/official/files.js';
import { projectRoot } from '../../src/paths.js';
import { testDatabase } from '../support/database.js';
import { type Client, graphqlClient } from '../support/graphql.js';

let client: Client;
let prisma: Awaited<ReturnType<typeof testDatabase>>['prisma'];
beforeAll(async () => {
  ({ prisma } = await testDatabase('seeded'));
  client = graphqlClient(prisma);
});

async function ok(query: string, variables?: Record<string, unknown>) {
  const { data, errors } = await client.query(query, variables);
  expect(errors).toBeUndefined();
  return data;
}

/** The agencies' files: shared/data when present, else the committed derived files (which the importer tests tie to them). */
const rawDir = [
  process.env.OFFICIAL_DATA_DIR,
  path.resolve(projectRoot, '..', 'shared', 'data'),
  path.resolve(projectRoot, '..', '..', 'shared', 'data'),
].find((d): d is string => !!d && existsSync(path.join(d, 'bls-oews')));
if (!rawDir) console.warn('No shared/data folder: checking the API against the committed derived files instead.');

const STATS = ['mean', 'p10', 'p25', 'median', 'p75', 'p90'] as const;
const OEWS_COLUMNS = { mean: 'MEAN', p10: 'PCT10', p25: 'PCT25', median: 'MEDIAN', p75: 'PCT75', p90: 'PCT90' };

/** A published cell as the API should give it. */
function expected(cell: string | number, places: number) {
  if (cell === '#') return { qualifier: 'AT_LEAST' };
  if (cell === '*' || cell === '**') return { value: null, qualifier: 'NOT_AVAILABLE' };
  return { value: Math.round(Number(cell) * 10 ** places) / 10 ** places, qualifier: 'EXACT' };
}

/** OEWS May 2024 and EP 2024-34 for a SOC code, read straight from the published files. */
async function published(soc: string) {
  if (rawDir) {
    const tsv = (file: string, skip = 0) => {
      const [head, ...rows] = readFileSync(path.join(rawDir, file), 'utf8')
        .split('\n')
        .slice(skip)
        .map((l) => l.split('\t'));
      return rows.map((r) => Object.fromEntries(head!.map((h, i) => [h, r[i]?.trim()])));
    };
    const oews = tsv('bls-oews/national_M2024_dl.tsv').find((r) => r.OCC_CODE === soc && r.O_GROUP === 'detailed')!;
    const ep = tsv('bls-ep-2024-34/occupation_table_1.2.tsv', 1).find(
      (r) => r['2024 National Employment Matrix code'] === soc,
    )!;
    const jobs = (s: string) => Math.round(Number(s) * 1000);
    return {
      employment: expected(oews.TOT_EMP!, 0),
      hourly: Object.fromEntries(STATS.map((s) => [s, expected(oews[`H_${OEWS_COLUMNS[s]}`]!, 2)])),
      annual: Object.fromEntries(STATS.map((s) => [s, expected(oews[`A_${OEWS_COLUMNS[s]}`]!, 0)])),
      projection: {
        employmentBase: jobs(ep['Employment, 2024']!),
        employmentProjected: jobs(ep['Employment, 2034']!),
        changePercent: Number(Number(ep['Employment change, percent, 2024–34']).toFixed(1)),
        annualOpenings: jobs(ep['Occupational openings, 2024–34 annual average']!),
      },
    };
  }
  const { data } = await readOfficialData();
  const w = data.wages.find((x) => x.year === 2024 && x.code === soc)!;
  const p = data.projections.find((x) => x.code === soc)!;
  return {
    employment: expected(w.employment, 0),
    hourly: Object.fromEntries(STATS.map((s) => [s, expected(w.hourly[s], 2)])),
    annual: Object.fromEntries(STATS.map((s) => [s, expected(w.annual[s], 0)])),
    projection: {
      employmentBase: p.employmentBase,
      employmentProjected: p.employmentProjected,
      changePercent: p.changePercent,
      annualOpenings: p.annualOpenings,
    },
  };
}

const FIGURES = `
  wages { year period blsCode coverage source { slug official }
    employment { value qualifier }
    hourly { mean { value qualifier } p10 { value qualifier } p25 { value qualifier } median { value qualifier } p75 { value qualifier } p90 { value qualifier } }
    annual { mean { value qualifier } p10 { value qualifier } p25 { value qualifier } median { value qualifier } p75 { value qualifier } p90 { value qualifier } } }
  projection { period employmentBase employmentProjected changePercent annualOpenings coverage source { slug } }`;

/** The seven occupations of the "Done when", with the curated roles inside each. */
const SEVEN = {
  '31-9092': [
    'medical-assistant',
    'clinical-medical-assistant',
    'lead-medical-assistant',
    'specialty-medical-assistant',
  ],
  '29-1141': ['registered-nurse'],
  '29-2061': ['licensed-practical-nurse'],
  '31-9097': ['phlebotomy-technician'],
  '29-2072': ['ehr-specialist', 'medical-billing-coding-specialist', 'health-information-technician'],
  '11-9111': ['healthcare-administrator', 'practice-administrator', 'clinical-coordinator', 'department-supervisor'],
  '43-6013': ['administrative-medical-assistant'],
};

describe('the seven occupations', () => {
  it('serve OEWS May 2024 wages and EP 2024-34 projections exactly as published, through occupation and their roles', async () => {
    for (const [soc, roles] of Object.entries(SEVEN)) {
      const want = await published(soc);
      const { occupation } = await ok(`query ($code: String!) { occupation(code: $code) { code ${FIGURES} } }`, {
        code: soc,
      });
      expect(occupation.code).toBe(`${soc}.00`);
      const may2024 = occupation.wages.find((w: any) => w.year === 2024);
      expect(may2024, soc).toMatchObject({
        period: 'May 2024',
        blsCode: soc,
        coverage: 'SAME',
        source: { slug: 'bls-oews-may-2024', official: true },
        employment: want.employment,
        hourly: want.hourly,
        annual: want.annual,
      });
      expect(occupation.projection, soc).toEqual({
        period: '2024-2034',
        ...want.projection,
        coverage: 'SAME',
        source: { slug: 'bls-ep-2024-34' },
      });
      for (const slug of roles) {
        const { role } = await ok(
          `query ($slug: String!) { role(slug: $slug) { occupation { code ${FIGURES} }
             latestMedianWage { value qualifier scope dataYear occupation source { slug } } } }`,
          { slug },
        );
        expect(role.occupation, slug).toEqual(occupation);
        expect(role.latestMedianWage, slug).toEqual({
          value: want.annual.median!.value,
          qualifier: 'EXACT',
          scope: 'OCCUPATION',
          dataYear: 2024,
          occupation: expect.stringContaining(`(${soc})`),
          source: { slug: 'bls-oews-may-2024' },
        });
      }
    }
  });

  it('agree with BLS’s published headline figures', async () => {
    const { ma, rn, lpn } = await ok(`{
      ma: occupation(code: "31-9092") { wages { year annual { median { value } } } projection { changePercent annualOpenings } }
      rn: occupation(code: "29-1141") { wages { year annual { median { value } } } }
      lpn: occupation(code: "29-2061") { wages { year annual { median { value } } } } }`);
    const median = (o: any) => o.wages.find((w: any) => w.year === 2024).annual.median.value;
    expect([median(ma), median(rn), median(lpn)]).toEqual([44200, 93600, 62340]);
    expect(ma.projection).toEqual({ changePercent: 12.5, annualOpenings: 112300 });
  });
});

describe('occupations', () => {
  it('are all served, and every data-level one has its related occupations', async () => {
    const { data } = await readOfficialData();
    const served: any[] = [];
    let after: string | null = null;
    do {
      const page: any = await ok(
        `query ($after: String) { occupations(first: 100, after: $after) { totalCount pageInfo { hasNextPage endCursor }
           nodes { code } } }`,
        { after },
      );
      expect(page.occupations.totalCount).toBe(data.occupations.length);
      served.push(...page.occupations.nodes);
      after = page.occupations.pageInfo.hasNextPage ? page.occupations.pageInfo.endCursor : null;
    } while (after);
    expect(served.map((o) => o.code)).toEqual(data.occupations.map((o) => o.code));
    // O*NET's data-level occupations are those it rates (a job zone); each has related occupations.
    const dataLevel = await prisma.occupation.findMany({
      where: { jobZone: { not: null } },
      select: { code: true, _count: { select: { related: true } } },
    });
    expect(dataLevel).toHaveLength(923);
    expect(dataLevel.filter((o) => o._count.related === 0)).toEqual([]);
    const { occupation } = await ok(
      '{ occupation(code: "29-1141.00") { relatedOccupations { index tier occupation { code } } } }',
    );
    expect(occupation.relatedOccupations).toEqual(
      data.related
        .filter((r) => r.code === '29-1141.00')
        .map((r) => ({ index: r.index, tier: r.tier, occupation: { code: r.relatedCode } })),
    );
  });

  it('are found by alternate, short and reported titles, ignoring case, best match first', async () => {
    const first = async (search: string) => {
      const { occupations } = await ok(
        `query ($search: String!) { occupations(search: $search, first: 5) { totalCount nodes { code } } }`,
        { search },
      );
      expect(occupations.totalCount, search).toBeGreaterThan(0);
      return occupations.nodes[0].code;
    };
    expect(await first('RN')).toBe('29-1141.00');
    expect(await first('rn')).toBe('29-1141.00');
    expect(await first('phlebotomist')).toBe('31-9097.00');
    expect(await first('PHLEBOTOMIST')).toBe('31-9097.00');
    expect(await first('medical coder')).toBe('29-2072.00');
    // "Staff Nurse" is a title workers reported for registered nurses.
    expect(await first('staff nurse')).toBe('29-1141.00');
    const { occupation } = await ok('{ occupation(code: "29-2072.00") { alternateTitles reportedTitles } }');
    expect(occupation.alternateTitles).toContain('Medical Coder');
    // A title with the word (or its plural) before one where it only begins a longer word: the
    // farmworkers of "Nursery" came fourth for "nurse", ahead of licensed practical nurses.
    const { occupations } = await ok('{ occupations(search: "nurse", first: 100) { nodes { code title } } }');
    const titles: string[] = occupations.nodes.map((o: any) => o.title);
    const nursery = titles.findIndex((t) => /Nursery/.test(t));
    expect(nursery).toBeGreaterThan(0);
    const lastWithWord = titles.reduce((last, t, i) => (/\bnurses?\b/i.test(t) ? i : last), -1);
    expect(lastWithWord).toBeGreaterThan(0);
    expect(nursery).toBeGreaterThan(lastWithWord);
    // Where no own title has the words, more titles with them first: medical records specialists
    // (their alternate titles say "health information technician") came seventh for "health
    // information", after computer user support specialists, which one reported title names so.
    const info = await ok('{ occupations(search: "health information", first: 20) { nodes { code } } }');
    const codes: string[] = info.occupations.nodes.map((o: any) => o.code);
    expect(codes.indexOf('29-2072.00')).toBeGreaterThanOrEqual(0);
    expect(codes.indexOf('29-2072.00')).toBeLessThan(codes.indexOf('15-1232.00'));
    expect(codes.indexOf('29-2072.00')).toBeLessThan(3);
    // A code typed in the search box found nothing: it names its occupation, or a SOC's.
    expect(await first('29-1126.00')).toBe('29-1126.00');
    const soc = await ok('{ occupations(search: " 29-1141 ", first: 20) { totalCount nodes { code } } }');
    const socCodes: string[] = soc.occupations.nodes.map((o: any) => o.code);
    expect(socCodes[0]).toBe('29-1141.00');
    expect(socCodes.length).toBeGreaterThan(1);
    expect(socCodes.every((c) => c.startsWith('29-1141.'))).toBe(true);
    expect(soc.occupations.totalCount).toBe(socCodes.length);
  });

  it('are filtered by job zone and major group, and paged by search relevance', async () => {
    const zone3 = await ok(
      '{ occupations(jobZone: 3, majorGroup: "31-0000", first: 100) { totalCount nodes { code jobZone { number } } } }',
    );
    expect(zone3.occupations.totalCount).toBe(zone3.occupations.nodes.length);
    expect(zone3.occupations.nodes.every((o: any) => o.code.startsWith('31-') && o.jobZone.number === 3)).toBe(true);
    expect(zone3.occupations.nodes.map((o: any) => o.code)).toContain('31-9092.00');
    // Its major group by BLS's name, as the map's lanes are titled.
    const groups = await ok(
      '{ a: occupation(code: "31-9092.00") { majorGroupName } b: occupation(code: "29-1141.00") { majorGroupName } }',
    );
    expect(groups).toEqual({
      a: { majorGroupName: 'Healthcare support' },
      b: { majorGroupName: 'Healthcare practitioners and technical' },
    });

    const all = await ok('{ occupations(search: "nurse", first: 100) { totalCount nodes { code } } }');
    const pages: string[] = [];
    let after: string | null = null;
    do {
      const page: any = await ok(
        'query ($after: String) { occupations(search: "nurse", first: 4, after: $after) { pageInfo { hasNextPage endCursor } nodes { code } } }',
        { after },
      );
      pages.push(...page.occupations.nodes.map((o: any) => o.code));
      after = page.occupations.pageInfo.hasNextPage ? page.occupations.pageInfo.endCursor : null;
    } while (after);
    expect(pages).toEqual(all.occupations.nodes.map((o: any) => o.code));
    expect(pages.length).toBe(all.occupations.totalCount);
  });

  it('refuse bad arguments with BAD_USER_INPUT, and an unknown code with NOT_FOUND', async () => {
    for (const query of [
      '{ occupation(code: "nurse") { code } }',
      '{ occupations(jobZone: 6) { totalCount } }',
      '{ occupations(majorGroup: "healthcare") { totalCount } }',
      '{ occupations(majorGroup: "99") { totalCount } }',
      '{ occupations(majorGroup: "12-0000", search: "nurse") { totalCount } }',
      '{ occupations(search: "  !! ") { totalCount } }',
      '{ occupations(first: 500) { totalCount } }',
    ]) {
      const { errors } = await client.query(query);
      expect(errors?.[0]?.extensions?.code, query).toBe('BAD_USER_INPUT');
    }
    const { data, errors } = await client.query('{ occupation(code: "29-9999") { code } }');
    expect(data).toEqual({ occupation: null });
    expect(errors?.map((e) => [e.message, e.extensions?.code])).toEqual([
      ['No O*NET occupation has the code "29-9999.00" (argument "code").', 'NOT_FOUND'],
    ]);
    // Every major group an occupation belongs to is one the filter takes, with all its occupations.
    const groups = await prisma.occupation.groupBy({ by: ['majorGroup'], _count: true });
    expect(groups.length).toBeGreaterThan(10);
    for (const g of groups) {
      const answer = await ok(`{ occupations(majorGroup: "${g.majorGroup}-0000") { totalCount } }`);
      expect(answer.occupations.totalCount, g.majorGroup).toBe(g._count);
    }
  });

  it('show OEWS special values as "at least" and "not available", never as numbers', async () => {
    const { occupation } = await ok(`{ occupation(code: "11-1011.00") { wages { year
      annual { p90 { value qualifier display } } hourly { p90 { value qualifier display } } } } }`);
    const may2024 = occupation.wages.find((w: any) => w.year === 2024);
    expect(may2024.annual.p90).toEqual({ value: 239200, qualifier: 'AT_LEAST', display: 'at least $239,200' });
    expect(may2024.hourly.p90).toEqual({ value: 115, qualifier: 'AT_LEAST', display: 'at least $115.00' });
    // No top of the range is recorded for May 2022: "#" stays a bound without an amount.
    const may2022 = occupation.wages.find((w: any) => w.year === 2022);
    expect(may2022.annual.p90).toEqual({
      value: null,
      qualifier: 'AT_LEAST',
      display: 'at or above the top of the published range',
    });
    // OEWS publishes only annual wages for some occupations ("*" in every hourly cell).
    const { data } = await readOfficialData();
    const annualOnly = data.wages.find((w) => w.year === 2024 && w.hourly.median === '*')!;
    const row = await prisma.occupationWage.findFirstOrThrow({ where: { year: 2024, blsCode: annualOnly.code } });
    const { node } = await ok(
      `query ($id: ID!) { node(id: $id) { ... on Occupation { wages { year hourly { median { value qualifier display } } } } } }`,
      { id: Buffer.from(`Occupation:${row.occupationId}`).toString('base64') },
    );
    expect(node.wages.find((w: any) => w.year === 2024).hourly.median).toEqual({
      value: null,
      qualifier: 'NOT_AVAILABLE',
      display: 'not available',
    });
  });

  it('list the curated roles inside them, and carry the O*NET credit line', async () => {
    const { occupation, __type } = await ok(`{ occupation(code: "31-9092.00") { roles { slug } }
      __type(name: "Occupation") { description } }`);
    expect(occupation.roles.map((r: any) => r.slug)).toEqual(
      expect.arrayContaining(['medical-assistant', 'clinical-medical-assistant', 'lead-medical-assistant']),
    );
    expect(__type.description).toContain(
      'O*NET 29.3 Database by the U.S. Department of Labor, Employment and Training Administration (USDOL/ETA). Used under the CC BY 4.0 license',
    );
    // The licence's words for information that has been changed (estimated moves, skill similarity).
    expect(__type.description).toContain(
      'Career Lattice has modified all or some of this information. USDOL/ETA has not approved, endorsed, or tested these modifications.',
    );
  });
});

describe('roles and their occupation', () => {
  it('map every curated role to one occupation, with how it fits', async () => {
    const files = await readDataset();
    for (const r of files.roles) {
      expect(r.occupation, r.slug).toMatch(/^\d{2}-\d{4}\.\d{2}$/);
      const { role } = await ok(
        'query ($slug: String!) { role(slug: $slug) { occupationFit occupation { code socCode } socCode } }',
        {
          slug: r.slug,
        },
      );
      expect(role, r.slug).toMatchObject({ occupationFit: r.occupationFit, occupation: { code: r.occupation } });
      if (role.socCode) expect(role.socCode).toBe(role.occupation.socCode);
    }
  });

  it('show their own occupation’s median, never a figure borrowed from another occupation', async () => {
    const { admin, office, compliance } = await ok(`{
      admin: role(slug: "administrative-medical-assistant") { latestMedianWage { value scope occupation source { slug } } wages { value scope occupation } }
      office: role(slug: "medical-office-manager") { latestMedianWage { value scope occupation source { slug } } }
      compliance: role(slug: "compliance-specialist") { latestMedianWage { value scope occupation source { slug } } } }`);
    // The administrative MA once showed all secretaries' $46,010; it is kept as an OCCUPATION figure only.
    expect(admin.wages).toContainEqual({
      value: 46010,
      scope: 'OCCUPATION',
      occupation: 'Secretaries and administrative assistants (all)',
    });
    expect(admin.latestMedianWage).toMatchObject({ scope: 'OCCUPATION', source: { slug: 'bls-oews-may-2024' } });
    expect(admin.latestMedianWage.occupation).toMatch(/\(43-6013\)$/);
    expect(office.latestMedianWage.occupation).toMatch(/\(43-1011\)$/);
    expect(compliance.latestMedianWage.occupation).toMatch(/\(13-1041\)$/);
    for (const r of [admin, office, compliance]) expect(r.latestMedianWage.value).not.toBe(110680);
  });
});

describe('latestMedianWage', () => {
  it('prefers the role’s own official figure, then its occupation’s OEWS median; never another occupation’s', async () => {
    const { prisma: db } = await testDatabase('seeded');
    const own = graphqlClient(db);
    const chosen = async () =>
      (
        await own.query(
          '{ role(slug: "medical-assistant") { latestMedianWage { value scope dataYear source { slug } figure { value } } } }',
        )
      ).data.role.latestMedianWage;
    const figure = {
      role: 'medical-assistant',
      kind: 'MEDIAN_WAGE',
      unit: 'USD_PER_YEAR',
      occupation: 'Medical assistants',
      source: 'bls-oes-2019-medical-secretaries',
    };
    // An official figure for an occupation, newer than the OEWS release, is not the role's own.
    await loadDataset(db, {
      figures: [...(await readDataset()).figures, { ...figure, scope: 'OCCUPATION', value: 99999, dataYear: 2025 }],
    });
    expect(await chosen()).toEqual({
      value: 44200,
      scope: 'OCCUPATION',
      dataYear: 2024,
      source: { slug: 'bls-oews-may-2024' },
      figure: null,
    });
    // An official figure for the role itself wins, even an older one.
    await loadDataset(db, { figures: [{ ...figure, scope: 'ROLE', value: 12345, dataYear: 2019 }] });
    expect(await chosen()).toEqual({
      value: 12345,
      scope: 'ROLE',
      dataYear: 2019,
      source: { slug: 'bls-oes-2019-medical-secretaries' },
      figure: { value: 12345 },
    });
  });
});

describe('programs and certifications', () => {
  it('carry CIP codes and IPEDS costs with the schools they describe; fees only from the body’s own page', async () => {
    const { ma, adn, cma, ccma } = await ok(`{
      ma: trainingProgram(slug: "medical-assistant-diploma") { cipCode typicalCostUsd typicalCost { usd year schools schoolCount description source { slug official } } }
      adn: trainingProgram(slug: "associate-degree-in-nursing") { cipCode typicalCostUsd typicalCost { usd } }
      cma: certification(slug: "cma") { examFeeUsd examFeeSource { url year official publisher { acronym } } }
      ccma: certification(slug: "ccma") { examFeeUsd examFeeSource { url } } }`);
    expect(ma).toEqual({
      cipCode: '51.0801',
      typicalCostUsd: 16615,
      typicalCost: {
        usd: 16615,
        year: 2023,
        schools: 'ALL_PROGRAM_REPORTERS',
        schoolCount: 230,
        description: expect.stringMatching(/230 IPEDS program reporters .* CIP 51\.0801, 2023-24/),
        source: { slug: 'ipeds-ic-2023', official: true },
      },
    });
    expect(adn).toEqual({ cipCode: '51.3801', typicalCostUsd: null, typicalCost: null });
    expect(cma).toEqual({
      examFeeUsd: 250,
      examFeeSource: {
        url: 'https://www.aama-ntl.org/cma-aama-exam/application-steps',
        year: 2026,
        official: true,
        publisher: { acronym: 'AAMA' },
      },
    });
    expect(ccma).toEqual({ examFeeUsd: null, examFeeSource: null });
  });
});
