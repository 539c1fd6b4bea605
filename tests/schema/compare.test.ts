import { beforeAll, describe, expect, it } from 'vitest';
import type { Dataset } from '../../src/db/dataset/format.js';
import { readDataset } from '../../src/db/dataset/read.js';
import { testDatabase } from '../support/database.js';
import { type Client, graphqlClient } from '../support/graphql.js';

let client: Client;
let files: Dataset;
beforeAll(async () => {
  const { prisma } = await testDatabase('seeded');
  client = graphqlClient(prisma);
  files = await readDataset();
});

const COMPARE = `query ($slugs: [String!]!) {
  compareRoles(slugs: $slugs) {
    roles { slug }
    sameTrack sharedSkills sharedDuties sharedWorkSettings
    sharedCertifications { slug }
    sharedNextSteps { slug }
    entries {
      role { slug typicalEducation }
      wageRanges { unit geography scope lowest highest highestBound earliestYear latestYear undatedFigures occupations figures { value low high dataYear occupation source { slug } } }
      certifications { slug }
      uniqueSkills uniqueDuties
      uniqueNextSteps { slug }
      uniqueCertifications { slug }
    }
  }
}`;

describe('compareRoles', () => {
  it('gives each role the median wage Role.latestMedianWage chooses, with every field of it', async () => {
    const slugs = [
      'clinical-medical-assistant',
      'administrative-medical-assistant',
      'medical-billing-coding-specialist',
    ];
    const WAGE = 'value qualifier unit scope standIn dataYear period occupation source { slug }';
    const compared = await client.query(
      `query ($slugs: [String!]!) { compareRoles(slugs: $slugs) { entries { role { slug } latestMedianWage { ${WAGE} } } } }`,
      { slugs },
    );
    expect(compared.errors).toBeUndefined();
    for (const [i, slug] of slugs.entries()) {
      const alone = await client.query(
        `query ($slug: String!) { role(slug: $slug) { latestMedianWage { ${WAGE} } } }`,
        {
          slug,
        },
      );
      expect(alone.errors).toBeUndefined();
      expect(compared.data.compareRoles.entries[i].latestMedianWage).toEqual(alone.data.role.latestMedianWage);
    }
    expect(compared.data.compareRoles.entries.some((e: any) => e.latestMedianWage !== null)).toBe(true);
  });

  it('puts clinical and administrative medical assistants side by side', async () => {
    const slugs = ['clinical-medical-assistant', 'administrative-medical-assistant'];
    const { data, errors } = await client.query(COMPARE, { slugs });
    expect(errors).toBeUndefined();
    const c = data.compareRoles;
    expect(c.roles.map((r: any) => r.slug)).toEqual(slugs);
    expect(c.sameTrack).toBe(false);

    const [clinical, admin] = slugs.map((s) => files.roles.find((r) => r.slug === s)!);
    // No skill is worded the same in both, yet both call for communication: shared by meaning.
    const lower = (xs: string[]) => new Set(xs.map((x) => x.trim().toLowerCase()));
    expect(clinical!.skills.filter((s) => lower(admin!.skills).has(s.toLowerCase()))).toEqual([]);
    expect(c.sharedSkills.length).toBeGreaterThan(0);
    expect(c.sharedSkills).toContainEqual(expect.stringMatching(/communication/i));
    // In the first role's words; each of its skills is shared or unique to it, never both.
    expect([...c.sharedSkills, ...c.entries[0].uniqueSkills].sort()).toEqual([...clinical!.skills].sort());
    expect(c.entries[1].uniqueSkills).not.toContainEqual(expect.stringMatching(/communication/i));
    expect(c.entries[1].uniqueSkills.length).toBeLessThan(admin!.skills.length);

    const next = (slug: string) => new Set(files.transitions.filter((t) => t.from === slug).map((t) => t.to));
    const [n0, n1] = slugs.map(next);
    expect(new Set(c.sharedNextSteps.map((r: any) => r.slug))).toEqual(new Set([...n0!].filter((s) => n1!.has(s))));
    expect(new Set(c.entries[0].uniqueNextSteps.map((r: any) => r.slug))).toEqual(
      new Set([...n0!].filter((s) => !n1!.has(s))),
    );

    // Every dollar figure a source gives for the role's pay, entry-level pay and top earners included.
    const wageKinds = ['MEDIAN_WAGE', 'MEAN_WAGE', 'WAGE_RANGE', 'ENTRY_WAGE', 'TOP_EARNERS_WAGE'];
    for (const [i, slug] of slugs.entries()) {
      // The role's own national annual range: no other geography, no stand-in occupation.
      const annual = files.figures.filter(
        (f) =>
          f.role === slug &&
          f.unit === 'USD_PER_YEAR' &&
          wageKinds.includes(f.kind) &&
          f.geography === 'US' &&
          f.scope === 'ROLE',
      );
      const values = annual.flatMap((f) => [f.value, f.low, f.high].filter((v) => v !== undefined) as number[]);
      const range = c.entries[i].wageRanges.find(
        (r: any) => r.unit === 'USD_PER_YEAR' && r.geography === 'US' && r.scope === 'ROLE',
      );
      // First, as the field says: a client showing the first showed an occupation's hourly figure.
      expect(c.entries[i].wageRanges[0]).toBe(range);
      const scopes = c.entries[i].wageRanges.map((r: any) => r.scope);
      expect(scopes).toEqual([...scopes].sort((a: string, b: string) => Number(a !== 'ROLE') - Number(b !== 'ROLE')));
      expect(range.lowest).toBe(Math.min(...values));
      expect(range.highest).toBe(Math.max(...values));
      // "Over $57,000": the top is a floor when a figure gives it as one.
      const floor = annual.some((f) => f.bound === 'AT_LEAST' && (f.high ?? f.value) === Math.max(...values));
      expect(range.highestBound).toBe(floor ? 'AT_LEAST' : 'EXACT');
      if (slug === 'clinical-medical-assistant') expect(range.highestBound).toBe('AT_LEAST');
      expect(range.figures).toHaveLength(annual.length);
      expect(c.entries[i].role.typicalEducation).toBe(files.roles.find((r) => r.slug === slug)!.typicalEducation);
    }
    // Every range says which years and occupations it pools, as its figures give them.
    for (const entry of c.entries)
      for (const r of entry.wageRanges) {
        const years = r.figures.map((f: any) => f.dataYear).filter((y: number | null) => y !== null);
        expect(r.earliestYear).toBe(years.length ? Math.min(...years) : null);
        expect(r.latestYear).toBe(years.length ? Math.max(...years) : null);
        expect(r.undatedFigures).toBe(r.figures.length - years.length);
        expect(r.occupations).toEqual([...new Set(r.figures.map((f: any) => f.occupation))]);
        expect(r.occupations).toHaveLength(new Set(r.occupations).size);
      }
    // Not only ranges of one year: these roles' figures span years, or state none.
    const ranges = c.entries.flatMap((e: any) => e.wageRanges);
    expect(ranges.some((r: any) => r.earliestYear !== r.latestYear || r.undatedFigures > 0)).toBe(true);
  });

  it('finds few shared skills or duties between unrelated roles, and the same duty in other words', async () => {
    const unrelated = await client.query(COMPARE, { slugs: ['registered-nurse', 'medical-billing-coding-specialist'] });
    expect(unrelated.errors).toBeUndefined();
    const u = unrelated.data.compareRoles;
    expect(u.sharedSkills).toEqual([]);
    expect(u.sharedDuties).toEqual([]);
    expect(u.entries[0].uniqueSkills).toEqual(files.roles.find((r) => r.slug === 'registered-nurse')!.skills);
    // The medical assistant and the administrative one both schedule patients and handle billing.
    const ma = await client.query(COMPARE, { slugs: ['medical-assistant', 'administrative-medical-assistant'] });
    const m = ma.data.compareRoles;
    expect(m.sharedDuties).toContainEqual(expect.stringMatching(/schedule appointments/i));
    expect(m.sharedDuties).toContainEqual(expect.stringMatching(/billing/i));
    expect(m.sharedSkills).toContainEqual(expect.stringMatching(/EHR/));
    // A duty shares one verb with many others ("prepare"): that alone is no match.
    expect(m.sharedDuties.length).toBeLessThan(files.roles.find((r) => r.slug === 'medical-assistant')!.duties.length);
  });

  it('finds what three roles share', async () => {
    const slugs = ['medical-assistant', 'clinical-medical-assistant', 'administrative-medical-assistant'];
    const { data } = await client.query(COMPARE, { slugs });
    const entry = (slug: string) => files.roles.find((r) => r.slug === slug)!;
    const shared = entry(slugs[0]!).workSettings.filter((w) =>
      slugs.slice(1).every((s) => entry(s).workSettings.some((x) => x.trim().toLowerCase() === w.trim().toLowerCase())),
    );
    expect(data.compareRoles.sharedWorkSettings).toEqual(shared);
  });

  it('refuses fewer than two, more than four, repeated or unknown roles', async () => {
    const cases: [string[], string, RegExp][] = [
      [['medical-assistant'], 'BAD_USER_INPUT', /"slugs".*2 to 4/],
      [['a', 'b', 'c', 'd', 'e'], 'BAD_USER_INPUT', /"slugs".*2 to 4/],
      [['medical-assistant', 'medical-assistant'], 'BAD_USER_INPUT', /"medical-assistant" is listed twice/],
      [['medical-assistant', 'astronaut'], 'NOT_FOUND', /"astronaut"/],
    ];
    for (const [slugs, code, message] of cases) {
      const { errors } = await client.query(COMPARE, { slugs });
      expect(errors?.[0]?.extensions?.code).toBe(code);
      expect(errors?.[0]?.message).toMatch(message);
    }
  });
});
