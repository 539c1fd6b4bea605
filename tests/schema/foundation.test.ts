/** The curated dataset as the API serves it. */
import { beforeAll, describe, expect, it } from 'vitest';
import { readDataset } from '../../src/db/dataset/read.js';
import { testDatabase } from '../support/database.js';
import { type Client, graphqlClient } from '../support/graphql.js';

let client: Client;
beforeAll(async () => {
  const { prisma } = await testDatabase('seeded');
  client = graphqlClient(prisma);
});

const requiredRoles = {
  hybrid: ['medical-assistant', 'lead-medical-assistant'],
  clinical: [
    'clinical-medical-assistant',
    'specialty-medical-assistant',
    'phlebotomy-technician',
    'ekg-technician',
    'clinical-coordinator',
    'licensed-practical-nurse',
    'registered-nurse',
    'physician-assistant',
  ],
  administrative: [
    'administrative-medical-assistant',
    'medical-billing-coding-specialist',
    'billing-supervisor',
    'health-information-technician',
    'ehr-specialist',
    'patient-care-coordinator',
    'medical-office-manager',
    'practice-administrator',
    'healthcare-administrator',
    'compliance-specialist',
  ],
};

describe('the curated dataset through the API', () => {
  it('has every required role on its track, each with a wage and an outlook figure, its own or its occupation’s', async () => {
    for (const [track, slugs] of Object.entries(requiredRoles)) {
      for (const slug of slugs) {
        const { data, errors } = await client.query(
          `query ($slug: String!) { role(slug: $slug) { track { slug } wages { value low } outlook { value }
             occupation { wages { year } projection { annualOpenings } } } }`,
          { slug },
        );
        expect(errors).toBeUndefined();
        expect({ slug, track: data.role?.track.slug }).toEqual({ slug, track });
        expect(data.role.wages.length + data.role.occupation.wages.length, `${slug} wages`).toBeGreaterThan(0);
        expect(data.role.outlook.length + (data.role.occupation.projection ? 1 : 0), `${slug} outlook`).toBeGreaterThan(
          0,
        );
      }
    }
    const { data } = await client.query('{ role(slug: "medical-assistant-instructor") { title } }');
    expect(data.role).not.toBeNull();
  });

  it('has every required certification with its issuer', async () => {
    const issuers: Record<string, string> = {
      cma: 'AAMA',
      rma: 'AMT',
      ncma: 'NCCT',
      ccma: 'NHA',
      cmaa: 'NHA',
      cehrs: 'NHA',
      cbcs: 'NHA',
      cpt: 'NHA',
      cet: 'NHA',
      cpc: 'AAPC',
      'nclex-pn': 'NCSBN',
      'nclex-rn': 'NCSBN',
    };
    for (const [slug, issuer] of Object.entries(issuers)) {
      const { data } = await client.query(
        'query ($slug: String!) { certification(slug: $slug) { slug issuer { acronym } sources { title } } }',
        { slug },
      );
      expect({ slug, issuer: data.certification?.issuer.acronym }).toEqual({ slug, issuer });
      expect(data.certification.sources.length).toBeGreaterThan(0);
    }
  });

  it('keeps conflicting medical-assistant wage figures side by side, each with its source', async () => {
    const { data } = await client.query(`{
      role(slug: "medical-assistant") {
        wages { kind unit value dataYear scope source { slug title official } }
        latestMedianWage { value dataYear scope source { slug official } }
      }
    }`);
    const medians = data.role.wages.filter((w: any) => w.kind === 'MEDIAN_WAGE' && w.unit === 'USD_PER_YEAR');
    const values = medians.map((w: any) => w.value);
    for (const v of [37190, 42000, 44200]) expect(values).toContain(v);
    expect(new Set(medians.map((w: any) => w.source.slug)).size).toBeGreaterThan(2);
    // The articles describe medical assistants as an occupation, and none is official: the median
    // shown is the official OEWS one of the role's occupation, although an article's is newer.
    expect(Math.max(...medians.map((w: any) => w.dataYear ?? 0))).toBeGreaterThan(2024);
    expect(data.role.latestMedianWage).toEqual({
      value: 44200,
      dataYear: 2024,
      scope: 'OCCUPATION',
      source: { slug: 'bls-oews-may-2024', official: true },
    });
  });

  it('serves every transition of the files with its requirements, training and sources', async () => {
    const files = await readDataset();
    for (const t of files.transitions) {
      const { data } = await client.query(
        `query ($slug: String!) { role(slug: $slug) { nextSteps {
           to { slug } kind minYearsExperience requirements { anyOf { slug } } training { slug } sources { slug } crossesTracks
         } } }`,
        { slug: t.from },
      );
      const step = data.role.nextSteps.find((s: any) => s.to.slug === t.to);
      expect(step, `${t.from} -> ${t.to}`).toBeDefined();
      expect(step.kind).toBe(t.kind);
      expect(step.minYearsExperience).toBe(t.minYearsExperience);
      expect(step.requirements.map((g: any) => g.anyOf.map((c: any) => c.slug).sort())).toEqual(
        t.requires.map((g) => [...g].sort()),
      );
      expect(step.training.map((p: any) => p.slug).sort()).toEqual([...t.training].sort());
      expect(step.sources.map((s: any) => s.slug).sort()).toEqual([...t.sources].sort());
    }
  });

  it('lists tracks and pages through roles filtered by track', async () => {
    const { data } = await client.query('{ tracks { slug roles { slug } } }');
    expect(data.tracks.map((t: any) => t.slug).sort()).toEqual(['administrative', 'clinical', 'hybrid']);
    const clinical = await client.query(
      '{ roles(track: "clinical", first: 100) { totalCount edges { node { slug } } } }',
    );
    const slugs = clinical.data.roles.edges.map((e: any) => e.node.slug);
    expect(slugs).toEqual(expect.arrayContaining(requiredRoles.clinical));
    expect(clinical.data.roles.totalCount).toBe(slugs.length);
  });
});
