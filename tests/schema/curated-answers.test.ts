/**
 * The curated data behind answers an advisor can read aloud (issue #19): degrees, exams and licences
 * as requirements, no dead ends, stand-in wages that never rank a role, and every figure the
 * articles give — through the API, against the seeded database.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Dataset } from '../../src/db/dataset/format.js';
import { readDataset } from '../../src/db/dataset/read.js';
import { type Client, seededClient } from '../support/graphql.js';

let client: Client;
let files: Dataset;
beforeAll(async () => {
  client = await seededClient();
  files = await readDataset();
});

async function query(source: string, variables?: Record<string, unknown>) {
  const { data, errors } = await client.query(source, variables);
  expect(errors, source).toBeUndefined();
  return data;
}

const PATHWAY = `
  totalMonths monthsIncludeUnknowns totalCostUsd knownCostUsd summary
  certificationsToEarn { slug kind issuer { slug } }
  unknownCosts { kind program { slug } certification { slug } }
  steps {
    explanation
    programs { program { slug credential } reason months }
    requirements { satisfiedBy { slug kind } }
  }`;

async function firstPathway(from: string, to: string) {
  const data = await query(`{ pathways(from: "${from}", to: "${to}", first: 1) { ${PATHWAY} } }`);
  expect(data.pathways.length, `${from} -> ${to}`).toBeGreaterThan(0);
  return data.pathways[0];
}

const programsOf = (p: any): string[] => p.steps.flatMap((s: any) => s.programs.map((x: any) => x.program.slug));
const unknownOf = (p: any, kind: string): string[] =>
  p.unknownCosts.filter((u: any) => u.kind === kind).map((u: any) => u.program?.slug ?? u.certification?.slug);

describe('medical assistant to physician assistant', () => {
  it('takes the bachelor’s degree, the accredited master’s, the PANCE and the state licence', async () => {
    const p = await firstPathway('medical-assistant', 'physician-assistant');
    const programs = programsOf(p);
    expect(programs).toContain('bachelors-degree');
    expect(programs).toContain('physician-assistant-masters');
    // The bachelor's comes first, as the master's prerequisite.
    expect(programs.indexOf('bachelors-degree')).toBeLessThan(programs.indexOf('physician-assistant-masters'));
    const earned = Object.fromEntries(p.certificationsToEarn.map((c: any) => [c.slug, c]));
    expect(earned.pance).toMatchObject({ kind: 'EXAM', issuer: { slug: 'nccpa' } });
    expect(earned['pa-license']).toMatchObject({ kind: 'LICENSE', issuer: { slug: 'state-pa-licensing-boards' } });
    expect(p.summary).toMatch(/PANCE/);
  });

  it('is honest about time and cost: both degrees’ months counted, unknown tuition and licence fee flagged', async () => {
    const p = await firstPathway('medical-assistant', 'physician-assistant');
    const months = (slug: string) => files['training-programs'].find((x) => x.slug === slug)!.months.min;
    const move = files.transitions.find((t) => t.from === 'medical-assistant' && t.to === 'physician-assistant')!;
    expect(p.totalMonths).toBeGreaterThanOrEqual(
      months('bachelors-degree') + months('physician-assistant-masters') + move.minYearsExperience * 12,
    );
    expect(p.totalCostUsd).toBeNull();
    expect(unknownOf(p, 'TUITION')).toEqual(
      expect.arrayContaining(['bachelors-degree', 'physician-assistant-masters']),
    );
    expect(p.unknownCosts.map((u: any) => u.certification?.slug)).toContain('pa-license');
    // The PANCE fee is NCCPA's published one, so it is among the known costs.
    const pance = files.certifications.find((c) => c.slug === 'pance')!;
    expect(pance.exam.feeUsd).toBeGreaterThan(0);
    expect(p.knownCostUsd).toBeGreaterThanOrEqual(pance.exam.feeUsd!);
    expect(p.summary).toMatch(/not known/);
  });
});

describe('training programs', () => {
  it('list their prerequisites as the dataset gives them', async () => {
    const data = await query(`{ trainingPrograms(first: 100) { nodes { slug prerequisites { slug } } } }`);
    const given = new Map(files['training-programs'].map((p) => [p.slug, p.prerequisites ?? []]));
    for (const p of data.trainingPrograms.nodes)
      expect(
        p.prerequisites.map((q: any) => q.slug),
        p.slug,
      ).toEqual(given.get(p.slug));
    const of = (slug: string) => data.trainingPrograms.nodes.find((p: any) => p.slug === slug).prerequisites;
    expect(of('physician-assistant-masters')).toEqual([{ slug: 'bachelors-degree' }]);
    expect(of('lpn-to-rn-bridge-program')).toEqual([{ slug: 'practical-nursing-program' }]);
  });

  it('are implied done by the roles the dataset says hold them', async () => {
    const data = await query(`{ roles(first: 100) { nodes { slug impliedPrograms { slug } } } }`);
    for (const r of data.roles.nodes) {
      const given = files.roles.find((x) => x.slug === r.slug)!.implies?.programs ?? [];
      expect(r.impliedPrograms.map((p: any) => p.slug).sort(), r.slug).toEqual([...given].sort());
    }
    expect(data.roles.nodes.find((r: any) => r.slug === 'licensed-practical-nurse').impliedPrograms).toEqual([
      { slug: 'practical-nursing-program' },
    ]);
  });

  it('are not asked again of a practice administrator, whose every way in trains the degree', async () => {
    // The move on to healthcare administrator asked the same 4-year bachelor's again: 48 months.
    const into = files.transitions.filter((t) => t.to === 'practice-administrator');
    expect(into.map((t) => t.from).sort()).toEqual(['administrative-medical-assistant', 'medical-office-manager']);
    for (const t of into) expect(t.training).toContain('bachelors-degree');
    const p = await firstPathway('practice-administrator', 'healthcare-administrator');
    expect(programsOf(p)).not.toContain('bachelors-degree');
    expect(p.totalMonths).toBe(0);
    expect(p.totalCostUsd).toBe(0);
  });

  it('count a bachelor’s of any field on the moves into healthcare and practice administration, as BLS names no field', async () => {
    // The moves from the LPN and RN asked a bachelor's of any field, the others one in healthcare
    // administration: a medical assistant holding a bachelor's of another field was sent through
    // the practical nursing program to become a healthcare administrator.
    const into = files.transitions.filter((t) => ['healthcare-administrator', 'practice-administrator'].includes(t.to));
    expect(into.length).toBeGreaterThan(8);
    for (const t of into) expect(t.training, `${t.from} -> ${t.to}`).toEqual(['bachelors-degree']);
    for (const degree of ['human-resources-bachelors', 'bachelor-of-science-in-nursing']) {
      const data = await query(`{ pathways(from: "medical-assistant", to: "healthcare-administrator", first: 1,
        profile: { yearsInCurrentRole: 3, completedPrograms: ["${degree}"] }) { ${PATHWAY} } }`);
      const [p] = data.pathways;
      expect(p.summary, degree).toMatch(/^Medical Assistant → Healthcare Administrator: 1 move /);
      expect(programsOf(p), degree).toEqual([]);
      expect(p.totalMonths, degree).toBe(0);
    }
    // And an office manager holding one is a practice administrator as soon as a healthcare
    // administrator (it read 48 months to the one, none to the other).
    const both = await query(`{
      practice: pathways(from: "medical-office-manager", to: "practice-administrator", first: 1,
        profile: { completedPrograms: ["human-resources-bachelors"] }) { totalMonths }
      healthcare: pathways(from: "medical-office-manager", to: "healthcare-administrator", first: 1,
        profile: { completedPrograms: ["human-resources-bachelors"] }) { totalMonths } }`);
    expect(both.practice[0].totalMonths).toBe(0);
    expect(both.healthcare[0].totalMonths).toBe(0);
  });
});

it('are not asked of a learner who already holds a certification they lead to', async () => {
  // A CCMA holder was sent back through the 9-month medical assisting program; a CMA holder,
  // whose one route is that program, was not. Any certification of the move's group now spares it.
  const move = files.transitions.find(
    (t) => t.from === 'phlebotomy-technician' && t.to === 'clinical-medical-assistant',
  )!;
  expect(move.training).toContain('medical-assistant-diploma');
  const ask = (held: string[]) =>
    query(
      `query ($held: [String!]) { pathways(from: "phlebotomy-technician", to: "clinical-medical-assistant", first: 1,
           profile: { heldCertifications: $held }) {
           totalMonths steps { training { slug } trainingNotNeeded { program { slug } heldCertification { slug } } explanation } } }`,
      { held },
    );
  const none = (await ask([])).pathways[0];
  expect(none.steps[0].training.map((p: any) => p.slug)).toContain('medical-assistant-diploma');
  expect(none.steps[0].trainingNotNeeded).toEqual([]);
  for (const cert of ['ccma', 'rma', 'ncma', 'cma']) {
    const p = (await ask([cert])).pathways[0];
    expect(p.totalMonths, cert).toBe(0);
    expect(p.steps[0].training, cert).toEqual([]);
    // The CMA's only route is the program, so holding it means the program is done: nothing to skip.
    if (cert !== 'cma') {
      expect(p.steps[0].trainingNotNeeded, cert).toEqual([
        { program: { slug: 'medical-assistant-diploma' }, heldCertification: { slug: cert } },
      ]);
      expect(p.steps[0].explanation).toMatch(/medical assisting program .* is not needed: .*you already hold the/);
    } else expect(p.steps[0].trainingNotNeeded).toEqual([]);
  }
  // Spared on one move but taken on the next for what that one asks (the CMA, whose one route is the
  // program): said on the first, or its "not needed" reads as for the whole pathway.
  const onward = await query(`{ pathways(from: "phlebotomy-technician", to: "medical-assistant", first: 1,
    profile: { heldCertifications: ["ccma"] }) { steps { training { slug } trainingNotNeeded { program { slug } } explanation } } }`);
  const [spared, ...rest] = onward.pathways[0].steps;
  if (
    spared.trainingNotNeeded.length &&
    rest.some((s: any) => s.training.some((t: any) => t.slug === 'medical-assistant-diploma'))
  )
    expect(spared.explanation).toMatch(/(the next|a later) step takes it all the same/);
  else expect(spared.explanation).not.toMatch(/takes it all the same/);
  // An exam passed before the step is said to be, and the training it implies said done, not
  // dropped without a word ("eligible only after passing the NCLEX-RN" read as still to do).
  const nurse = await query(`{ pathways(from: "licensed-practical-nurse", to: "registered-nurse", first: 1,
    profile: { heldCertifications: ["nclex-rn"] }) { totalMonths steps { training { slug } trainingAlreadyDone { slug } explanation } } }`);
  const [rn] = nurse.pathways[0].steps;
  expect(rn.training).toEqual([]);
  expect(rn.trainingAlreadyDone.length).toBeGreaterThan(0);
  expect(rn.explanation).toMatch(/counts as completed already/);
  expect(rn.explanation).toMatch(/eligible, as you have passed the NCLEX-RN/);
  expect(rn.explanation).not.toMatch(/eligible only after passing/);
  // The CPC, for which the billing and coding certificate prepares, likewise spares it.
  const billing =
    await query(`{ pathways(from: "administrative-medical-assistant", to: "medical-billing-coding-specialist",
      first: 1, profile: { heldCertifications: ["cpc"] }) { totalMonths steps { training { slug } trainingNotNeeded { program { slug } } } } }`);
  expect(billing.pathways[0].steps[0].training).toEqual([]);
  expect(billing.pathways[0].steps[0].trainingNotNeeded).toEqual([
    { program: { slug: 'medical-billing-coding-certificate' } },
  ]);
});

describe('moves that rest on the destination’s own entry', () => {
  it('take a phlebotomist into billing and coding, medical and office assistants into nursing and surgical technology, without the medical-assisting program or the CMA', async () => {
    // Before, both went through a clinical medical assistant: the MA program ($16,865 with the CMA
    // exam) for the phlebotomist, the CMA for the medical assistant, neither of which BLS asks.
    for (const [from, to, program] of [
      ['phlebotomy-technician', 'medical-billing-coding-specialist', 'medical-billing-coding-certificate'],
      // A clinical medical assistant went through the phlebotomy program and the CPT, an EKG technician
      // through the MA program and the CMA, a junior administrative assistant through the medical
      // administrative assistant program.
      ['clinical-medical-assistant', 'medical-billing-coding-specialist', 'medical-billing-coding-certificate'],
      ['ekg-technician', 'medical-billing-coding-specialist', 'medical-billing-coding-certificate'],
      ['junior-administrative-assistant', 'medical-billing-coding-specialist', 'medical-billing-coding-certificate'],
      // Into phlebotomy and EKG work, neither of which asks related work experience (BLS), an
      // administrative MA, a junior administrative assistant and the other technician went through the
      // clinical MA's program and the CMA.
      ['administrative-medical-assistant', 'phlebotomy-technician', 'phlebotomy-training-program'],
      ['junior-administrative-assistant', 'phlebotomy-technician', 'phlebotomy-training-program'],
      ['ekg-technician', 'phlebotomy-technician', 'phlebotomy-training-program'],
      ['administrative-medical-assistant', 'ekg-technician', 'ekg-technician-program'],
      ['junior-administrative-assistant', 'ekg-technician', 'ekg-technician-program'],
      ['phlebotomy-technician', 'ekg-technician', 'ekg-technician-program'],
      // Into EHR work (within medical records specialists: no related work experience), an EKG
      // technician and a phlebotomist went through the clinical MA's program and the CMA, a junior
      // administrative assistant through the medical administrative assistant program and the CMAA.
      ['ekg-technician', 'ehr-specialist', 'ehr-documentation-course'],
      ['phlebotomy-technician', 'ehr-specialist', 'ehr-documentation-course'],
      ['junior-administrative-assistant', 'ehr-specialist', 'ehr-documentation-course'],
      ['medical-assistant', 'surgical-technologist', 'surgical-technology-program'],
      ['phlebotomy-technician', 'surgical-technologist', 'surgical-technology-program'],
      // An administrative medical assistant was sent through the clinical one ($16,615 and 9 months of
      // the MA program, the CMA), an EKG technician too; a billing and coding specialist found no
      // pathway into nursing, surgical technology or health information at all.
      ['administrative-medical-assistant', 'licensed-practical-nurse', 'practical-nursing-program'],
      ['administrative-medical-assistant', 'registered-nurse', 'associate-degree-in-nursing'],
      ['administrative-medical-assistant', 'surgical-technologist', 'surgical-technology-program'],
      ['junior-administrative-assistant', 'licensed-practical-nurse', 'practical-nursing-program'],
      ['junior-administrative-assistant', 'registered-nurse', 'associate-degree-in-nursing'],
      ['junior-administrative-assistant', 'surgical-technologist', 'surgical-technology-program'],
      ['ekg-technician', 'surgical-technologist', 'surgical-technology-program'],
      ['medical-billing-coding-specialist', 'licensed-practical-nurse', 'practical-nursing-program'],
      ['medical-billing-coding-specialist', 'registered-nurse', 'associate-degree-in-nursing'],
      ['medical-billing-coding-specialist', 'surgical-technologist', 'surgical-technology-program'],
      ['medical-billing-coding-specialist', 'health-information-technician', 'health-information-technology-associate'],
      // An EKG technician was sent to health information through the clinical MA, the phlebotomist
      // and billing and coding, earning three certifications no move asked.
      ['ekg-technician', 'health-information-technician', 'health-information-technology-associate'],
      ['phlebotomy-technician', 'health-information-technician', 'health-information-technology-associate'],
      ['clinical-medical-assistant', 'health-information-technician', 'health-information-technology-associate'],
      ['junior-administrative-assistant', 'health-information-technician', 'health-information-technology-associate'],
    ]) {
      const data = await query(
        `query ($from: String!, $to: String!) { pathways(from: $from, to: $to, first: 1) {
           summary roles { slug } certificationsToEarn { slug } steps { programs { program { slug } } } } }`,
        { from, to },
      );
      const [p] = data.pathways;
      expect(
        p.roles.map((r: any) => r.slug),
        `${from} -> ${to}`,
      ).toEqual([from, to]);
      expect(p.steps[0].programs.map((q: any) => q.program.slug)).toEqual([program]);
      expect(p.certificationsToEarn.map((c: any) => c.slug)).not.toContain('cma');
      // No certification is asked: said as what is counted, not as "none is needed" (some states
      // certify surgical technologists; BLS says employers often ask health information technicians one).
      if (p.certificationsToEarn.length === 0) {
        expect(p.summary).toMatch(
          /No new certification or licence is counted on this move: an employer or a state may still ask for one\./,
        );
        expect(p.summary).not.toMatch(/are needed/);
      }
      const move = files.transitions.find((t) => t.from === from && t.to === to)!;
      expect(move.rationale).toMatch(/no article names this move|need not become one first/i);
    }
  });

  it('take a junior administrative assistant into clinical medical assisting without a credential nothing after asks', async () => {
    // With moves into EKG work, the way to lead MA went junior assistant -> EKG technician (the CET,
    // an unknown tuition) -> clinical MA: the CET asked by nothing after it.
    const data = await query(
      `{ pathways(from: "junior-administrative-assistant", to: "lead-medical-assistant", first: 3, skipDetours: true) {
         roles { slug } certificationsToEarn { slug } } }`,
    );
    expect(data.pathways.length).toBeGreaterThan(0);
    for (const p of data.pathways) {
      expect(p.roles.map((r: any) => r.slug)).not.toContain('ekg-technician');
      expect(p.roles.map((r: any) => r.slug)).not.toContain('phlebotomy-technician');
      expect(p.certificationsToEarn.map((c: any) => c.slug)).not.toContain('cet');
    }
    expect(data.pathways[0].roles.map((r: any) => r.slug)).toEqual([
      'junior-administrative-assistant',
      'clinical-medical-assistant',
      'lead-medical-assistant',
    ]);
  });
});

describe('moves out of nursing and office management', () => {
  it('take nurses into management and PA programs, a BSN counted as the bachelor’s, and an office manager to practice administrator', async () => {
    // A registered nurse found no pathway to healthcare administration or physician assistant (a nurse
    // could become an emergency physician but not a PA); an LPN only to the RN; an office manager
    // none to practice administrator.
    const ask = (from: string, to: string, completed: string[] = []) =>
      query(
        `query ($from: String!, $to: String!, $completed: [String!]) { pathways(from: $from, to: $to, first: 1,
           profile: { completedPrograms: $completed }) {
           totalMonths roles { slug } steps { explanation programs { program { slug } } } } }`,
        { from, to, completed },
      ).then((d) => d.pathways[0]);
    for (const [from, to, programs] of [
      ['registered-nurse', 'healthcare-administrator', ['bachelors-degree']],
      ['licensed-practical-nurse', 'healthcare-administrator', ['bachelors-degree']],
      ['registered-nurse', 'physician-assistant', ['bachelors-degree', 'physician-assistant-masters']],
      ['licensed-practical-nurse', 'physician-assistant', ['bachelors-degree', 'physician-assistant-masters']],
      ['medical-office-manager', 'practice-administrator', ['bachelors-degree']],
    ] as const) {
      const p = await ask(from, to);
      expect(
        p?.roles.map((r: any) => r.slug),
        `${from} -> ${to}`,
      ).toEqual([from, to]);
      expect(p.steps[0].programs.map((q: any) => q.program.slug).sort()).toEqual([...programs].sort());
      const move = files.transitions.find((t) => t.from === from && t.to === to)!;
      // Years no source states are said to be the curators' (the office manager's move asks none).
      if (move.yearsEstimated) expect(p.steps[0].explanation).toContain("curators' estimate");
    }
    // A nurse with a BSN has the bachelor's BLS asks (of no named field): only the experience, or
    // the PA master's, remains.
    const bsn = await ask('registered-nurse', 'healthcare-administrator', ['bachelor-of-science-in-nursing']);
    expect(bsn.steps[0].programs).toEqual([]);
    expect(bsn.totalMonths).toBe(24);
    const pa = await ask('registered-nurse', 'physician-assistant', ['bachelor-of-science-in-nursing']);
    expect(pa.steps[0].programs.map((q: any) => q.program.slug)).toEqual(['physician-assistant-masters']);
  });
});

describe('a program’s tuition from IPEDS', () => {
  it('says which schools its median describes', async () => {
    // "$16,950 (NCES, 2023)" read as any school's price: it is the median of the schools reporting
    // practical nursing as their largest program, most of them vocational (public ones: $13,500).
    const program = files['training-programs'].find((x) => x.slug === 'practical-nursing-program')!;
    expect(program.typicalCost).toMatchObject({ schools: 'ALL_PROGRAM_REPORTERS' });
    const p = await firstPathway('medical-assistant', 'licensed-practical-nurse');
    expect(p.steps[0].explanation).toContain(
      `tuition about $${program.typicalCost!.usd.toLocaleString('en-US')} (NCES, ${program.typicalCost!.year}: the median of ` +
        `${program.typicalCost!.schoolCount} schools reporting it as their largest program, most of them vocational)`,
    );
  });
});

describe('medical assistant to registered nurse', () => {
  it('lists a certain length before a range of the same shortest months under FASTEST', async () => {
    // "24–36 months" through the LPN and the 12-to-24-month bridge came above "24 months" through the
    // associate degree, for being cheaper, and advisors presented it as the quickest.
    for (const from of ['phlebotomy-technician', 'medical-assistant']) {
      const { pathways } = await query(
        `{ pathways(from: "${from}", to: "registered-nurse", first: 5) { totalMonths totalMonthsUpTo untimed } }`,
      );
      expect(pathways.length).toBeGreaterThan(1);
      const ranged = pathways.findIndex((p: any) => p.totalMonthsUpTo > p.totalMonths);
      expect(ranged, from).toBeGreaterThanOrEqual(0);
      for (let i = 1; i < pathways.length; i++) {
        const [a, b] = [pathways[i - 1], pathways[i]];
        expect(a.totalMonths, from).toBeLessThanOrEqual(b.totalMonths);
        if (a.totalMonths === b.totalMonths) expect(a.totalMonthsUpTo, from).toBeLessThanOrEqual(b.totalMonthsUpTo);
      }
    }
    const { pathways } = await query(
      `{ pathways(from: "phlebotomy-technician", to: "registered-nurse", first: 2) { totalMonths totalMonthsUpTo } }`,
    );
    expect(pathways[0].totalMonths).toBe(pathways[1].totalMonths);
    expect(pathways[0].totalMonthsUpTo).toBe(pathways[0].totalMonths);
    expect(pathways[1].totalMonthsUpTo).toBeGreaterThan(pathways[1].totalMonths);
    // Whatever `first` asks, with or without detours: over the O*NET occupations more than ten
    // pathways of 0 months, most of unknown length, put an untimed one first for first: 1 to 5.
    const firsts = new Set<string>();
    for (const first of [1, 2, 5, 10])
      for (const skipDetours of [false, true]) {
        const { pathways: all } = await query(
          `{ pathways(from: "billing-supervisor", toTrack: "soc-29", includeEstimated: true, first: ${first},
             skipDetours: ${skipDetours}) { totalMonths monthsIncludeUnknowns roles: nodes { key } } }`,
        );
        firsts.add(JSON.stringify(all[0]));
        for (let i = 1; i < all.length; i++)
          if (all[i - 1].totalMonths === all[i].totalMonths && all[i - 1].monthsIncludeUnknowns)
            expect(all[i].monthsIncludeUnknowns, `first ${first}`).toBe(true);
      }
    expect(firsts.size).toBe(1);
    expect(JSON.parse([...firsts][0]!).monthsIncludeUnknowns).toBe(false);
  });

  it('names the NCLEX-RN as the exam and the state board’s licence, and never reads "about $200"', async () => {
    const p = await firstPathway('medical-assistant', 'registered-nurse');
    const earned = Object.fromEntries(p.certificationsToEarn.map((c: any) => [c.slug, c]));
    expect(earned['nclex-rn']).toMatchObject({ kind: 'EXAM', issuer: { slug: 'ncsbn' } });
    expect(earned['rn-license']).toMatchObject({ kind: 'LICENSE', issuer: { slug: 'state-boards-of-nursing' } });
    const words = [p.summary, ...p.steps.map((s: any) => s.explanation)].join(' ');
    expect(words).toMatch(/NCLEX-RN exam from the National Council of State Boards of Nursing/);
    expect(words).toMatch(/the RN licence from the state boards of nursing/);
    expect(words).not.toMatch(/licence licence/);
    expect(words).not.toMatch(/about \$200\b/);
    // The licence fee, which each state's board sets, is named as not known, and no total is given;
    // the NCLEX-RN's fee is counted only where a page gives it.
    const unknown = p.unknownCosts.map((u: any) => u.certification?.slug);
    expect(unknown).toContain('rn-license');
    expect(p.totalCostUsd).toBeNull();
    const nclex = files.certifications.find((c) => c.slug === 'nclex-rn')!;
    if (nclex.exam.feeUsd === undefined) expect(unknown).toContain('nclex-rn');
    else expect(unknown).not.toContain('nclex-rn');
  });

  it('holds for an LPN too: the licence is what the move requires, the NCLEX the exam before it', async () => {
    const p = await firstPathway('clinical-medical-assistant', 'licensed-practical-nurse');
    const [step] = p.steps;
    expect(step.requirements.map((r: any) => r.satisfiedBy)).toEqual([{ slug: 'lpn-license', kind: 'LICENSE' }]);
    expect(p.certificationsToEarn.map((c: any) => c.slug)).toEqual(['nclex-pn', 'lpn-license']);
    expect(step.explanation).toMatch(/pass the NCLEX-PN exam/);
  });

  it('says which licence the move asks when the learner holds it, not that one may still be asked', async () => {
    // An LPN holding the RN licence read "an employer or a state may still ask for one" of the move
    // that asks that very licence.
    const { pathways } = await query(`{ pathways(from: "licensed-practical-nurse", to: "registered-nurse", first: 1,
      profile: { heldCertifications: ["rn-license"] }) { summary certificationsToEarn { slug } } }`);
    const [p] = pathways;
    expect(p.certificationsToEarn).toEqual([]);
    const rn = files.certifications.find((c) => c.slug === 'rn-license')!;
    expect(p.summary).toContain(
      `No new certification or licence is counted on this move: the ${rn.acronym}, which this move asks, is already held.`,
    );
    expect(p.summary).not.toMatch(/may still ask/);
  });
});

describe('moves the articles describe', () => {
  it('leave no role a dead end once O*NET occupations are included', async () => {
    // A clinical coordinator, a department supervisor and a specialty medical assistant reached
    // nothing, with estimated moves or without: no curated move left them, and their occupation is
    // another curated role's, which they do not enter for nothing.
    for (const { slug } of files.roles) {
      const data = await query(
        `{ reachableRoles(from: "${slug}", withinMonths: 60, includeEstimated: true) { node { key } } }`,
      );
      expect(data.reachableRoles.length, slug).toBeGreaterThan(0);
    }
    for (const slug of ['clinical-coordinator', 'department-supervisor', 'specialty-medical-assistant']) {
      const data = await query(`{ role(slug: "${slug}") { nextSteps { to { slug } } } }`);
      expect(data.role.nextSteps.length, slug).toBeGreaterThan(0);
    }
  });

  it('leave phlebotomy and EKG technicians somewhere to go', async () => {
    for (const slug of ['phlebotomy-technician', 'ekg-technician']) {
      const data = await query(`{ role(slug: "${slug}") { nextSteps { to { slug } } } }`);
      expect(data.role.nextSteps.length, slug).toBeGreaterThan(0);
    }
  });

  it('include surgical support, revenue cycle and the high-school route into the front office', async () => {
    const cases = [
      ['clinical-medical-assistant', 'surgical-technologist', 'surgical-technology-program'],
      ['medical-billing-coding-specialist', 'revenue-cycle-manager', 'bachelors-degree'],
      ['junior-administrative-assistant', 'administrative-medical-assistant', null],
    ] as const;
    for (const [from, to, program] of cases) {
      const p = await firstPathway(from, to);
      if (program) expect(programsOf(p), `${from} -> ${to}`).toContain(program);
      else expect(p.totalMonths, `${from} -> ${to}`).toBeGreaterThan(0);
    }
  });

  it('model a specialty credential where a source describes one, its unknown fee flagged', async () => {
    const p = await firstPathway('clinical-medical-assistant', 'ophthalmic-medical-assistant');
    const [step] = p.steps;
    expect(step.requirements.map((r: any) => r.satisfiedBy.slug)).toEqual(['coa']);
    expect(p.totalCostUsd).toBeNull();
    expect(p.unknownCosts.map((u: any) => u.certification?.slug)).toContain('coa');
    expect(step.explanation).toMatch(/The COA exam fee is not known/);
    // Its work route (1,000 hours under an ophthalmologist) takes time, never "right away".
    expect(p.totalMonths).toBeGreaterThan(0);
    // The route's approved independent study course, whose length and cost no source gives, is named
    // and left unknown (an API walk found it nowhere: not untimed, not an unknown cost, not in words).
    expect(p.monthsIncludeUnknowns).toBe(true);
    expect(p.unknownCosts.map((u: any) => u.kind)).toContain('TRAINING');
    expect(step.explanation).toMatch(/complete the approved independent study course of the COA's work route/);
    expect(p.summary).toMatch(/The length of the approved independent study course .* is not known and not counted/);
    // The course is the way to the COA: a COA holder is not asked it, and the move is immediate (a
    // COA holder was told to take the course, and that the move's time was not known).
    const data = await query(`{
      pathways(from: "clinical-medical-assistant", to: "ophthalmic-medical-assistant", first: 1,
               profile: { heldCertifications: ["coa"] }) { ${PATHWAY} }
      reachableRoles(from: "clinical-medical-assistant", withinMonths: 0, profile: { heldCertifications: ["coa"] }) {
        role { slug } monthsIncludeUnknowns
      }
    }`);
    const [held] = data.pathways;
    expect(held.monthsIncludeUnknowns).toBe(false);
    expect(held.totalMonths).toBe(0);
    expect(held.unknownCosts).toEqual([]);
    expect(held.steps[0].explanation).not.toMatch(/independent study course/);
    expect(held.summary).toMatch(/can happen right away/);
    // Listed so, and ordered so: at the same month, a known length first (it came second, after the
    // specialty, whose undescribed training asks no certification and stays, whatever is held).
    expect(data.reachableRoles.map((r: any) => [r.role.slug, r.monthsIncludeUnknowns])).toEqual([
      ['ophthalmic-medical-assistant', false],
      ['specialty-medical-assistant', true],
    ]);
  });

  it('model the degrees HR, practice administration and teaching need', async () => {
    const cases = [
      ['administrative-medical-assistant', 'human-resources-specialist', 'human-resources-bachelors'],
      ['administrative-medical-assistant', 'practice-administrator', 'bachelors-degree'],
      ['clinical-medical-assistant', 'medical-assistant-instructor', 'bachelors-degree'],
    ] as const;
    for (const [from, to, program] of cases) {
      const data = await query(`{
        role(slug: "${from}") {
          nextSteps { to { slug occupation { typicalEducation } } training { slug credential } }
        }
      }`);
      const move = data.role.nextSteps.find((t: any) => t.to.slug === to);
      expect(move.training, `${from} -> ${to}`).toContainEqual({ slug: program, credential: 'BACHELOR' });
      // HR and practice administration: the degree BLS gives as the occupation's typical entry.
      if (to !== 'medical-assistant-instructor')
        expect(move.to.occupation.typicalEducation, to).toBe('BACHELORS_DEGREE');
    }
  });
});

describe('wages', () => {
  it('never rank a role by a stand-in: another occupation’s pay is labelled and sorts with the unknown', async () => {
    const data = await query(`{
      roles(orderBy: { field: MEDIAN_WAGE, direction: DESC }, first: 100) {
        edges { node { slug latestMedianWage { value standIn scope } } }
      }
    }`);
    const roles = data.roles.edges.map((e: any) => e.node);
    const ranked = roles.filter((r: any) => r.latestMedianWage && !r.latestMedianWage.standIn);
    const unranked = roles.filter((r: any) => !r.latestMedianWage || r.latestMedianWage.standIn);
    expect(ranked.length).toBeGreaterThan(0);
    expect(unranked.length).toBeGreaterThan(0);
    // Ranked roles come first, in order of their own wage; every stand-in after them.
    expect(roles.slice(0, ranked.length)).toEqual(ranked);
    const values = ranked.map((r: any) => r.latestMedianWage.value);
    expect(values).toEqual([...values].sort((a, b) => b - a));
    // The practice administrator is one of many medical and health services managers: a stand-in.
    expect(roles.find((r: any) => r.slug === 'practice-administrator').latestMedianWage).toMatchObject({
      scope: 'OCCUPATION',
      standIn: true,
    });
  });

  it('keep a Florida figure out of a national range', async () => {
    const data = await query(`{
      compareRoles(slugs: ["clinical-medical-assistant", "medical-assistant"]) {
        entries { role { slug } wageRanges { unit geography scope lowest figures { geography scope } } }
      }
    }`);
    const clinical = data.compareRoles.entries.find((e: any) => e.role.slug === 'clinical-medical-assistant');
    for (const range of clinical.wageRanges)
      for (const f of range.figures) expect(f).toEqual({ geography: range.geography, scope: range.scope });
    const florida = clinical.wageRanges.find((r: any) => r.geography === 'Florida');
    expect(florida).toBeDefined();
    const national = clinical.wageRanges.find(
      (r: any) => r.geography === 'US' && r.unit === 'USD_PER_YEAR' && r.scope === 'ROLE',
    );
    expect(national.lowest).toBeGreaterThan(florida.lowest);
  });
});

describe('figures', () => {
  it('keep two conflicting figures of one article side by side', async () => {
    const data = await query(`{
      role(slug: "medical-assistant") {
        outlook { kind value dataYear periodEndYear label source { slug } }
      }
    }`);
    const through2032 = data.role.outlook.filter(
      (f: any) =>
        f.kind === 'PROJECTED_GROWTH' && f.periodEndYear === 2032 && f.source.slug === 'researchcom-ma-vs-clinical-ma',
    );
    expect(through2032.map((f: any) => f.value).sort()).toEqual([14, 19]);
    expect(new Set(through2032.map((f: any) => f.label)).size).toBe(2);
  });

  it('of the new kinds are queryable: workforce shares and exam pass rates', async () => {
    const data = await query(`{
      ma: role(slug: "medical-assistant") { workforce { kind unit value label dataYear source { slug } } }
      admin: role(slug: "administrative-medical-assistant") { workforce { kind value label } }
    }`);
    const shares = data.ma.workforce.filter((f: any) => f.kind === 'WORKFORCE_SHARE');
    expect(shares.map((f: any) => f.label)).toEqual(
      expect.arrayContaining(["Physicians' offices", 'Hospitals', 'Outpatient care centers']),
    );
    expect(shares.every((f: any) => f.unit === 'PERCENT')).toBe(true);
    expect(data.ma.workforce.some((f: any) => f.kind === 'EXAM_PASS_RATE')).toBe(true);
    expect(data.admin.workforce.some((f: any) => f.kind === 'EXAM_PASS_RATE')).toBe(true);
  });

  it('are all in the API with their label, as the files give them', async () => {
    const withLabel = files.figures.filter((f) => f.label !== '');
    expect(withLabel.length).toBeGreaterThan(0);
    for (const f of withLabel.slice(0, 5)) {
      const data = await query(
        `query ($slug: String!) { role(slug: $slug) { wages { label kind } outlook { label kind } workforce { label kind } } }`,
        { slug: f.role },
      );
      const all = [...data.role.wages, ...data.role.outlook, ...data.role.workforce];
      expect(all, `${f.role} ${f.kind} ${f.label}`).toContainEqual({ label: f.label, kind: f.kind });
    }
  });
});
