/**
 * skillGap and similarOccupations against the O*NET Skills ratings loaded in the database: the
 * gaps and transfers follow the documented rule (docs/skill-gap.md) skill by skill, directionally.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../support/database.js';
import { type Client, graphqlClient } from '../support/graphql.js';

let client: Client;
let prisma: Awaited<ReturnType<typeof testDatabase>>['prisma'];
beforeAll(async () => {
  ({ prisma } = await testDatabase('seeded'));
  client = graphqlClient(prisma);
});

type Skill = { elementId: string; fromLevel: number | null; toLevel: number | null; toImportance: number | null };
type Gap = { skill: Skill; gap: number; weight: number };
type Answer = {
  from: { code: string };
  to: { code: string };
  unrated: { code: string }[];
  sameOccupation: boolean;
  similarity: number;
  gaps: Gap[];
  transferable: Skill[];
};

const GAP = `query ($from: String!, $to: String!) {
  skillGap(from: $from, to: $to) {
    from { code } to { code } unrated { code } sameOccupation similarity
    gaps { skill { elementId fromLevel toLevel toImportance } gap weight }
    transferable { elementId fromLevel toLevel toImportance }
  }
}`;

async function gap(from: string, to: string): Promise<Answer> {
  const { data, errors } = await client.query<{ skillGap: Answer }>(GAP, { from, to });
  expect(errors).toBeUndefined();
  return data!.skillGap;
}

/** The ratings as the database holds them, by element. */
async function levels(code: string) {
  const rows = await prisma.occupationSkill.findMany({ where: { occupation: { code } } });
  return new Map(
    rows.map((r) => [
      r.elementId,
      { level: r.level?.toNumber() ?? null, importance: r.importance?.toNumber() ?? null },
    ]),
  );
}

describe('skillGap', () => {
  it('from clinical medical assistant to registered nurse and back: both directions, different gaps', async () => {
    const there = await gap('clinical-medical-assistant', 'registered-nurse');
    const back = await gap('registered-nurse', 'clinical-medical-assistant');
    expect(there.from.code).toBe('31-9092.00');
    expect(there.to.code).toBe('29-1141.00');
    expect(back.from.code).toBe('29-1141.00');

    for (const [answer, fromCode, toCode] of [
      [there, '31-9092.00', '29-1141.00'],
      [back, '29-1141.00', '31-9092.00'],
    ] as const) {
      const from = await levels(fromCode);
      const to = await levels(toCode);
      // Every skill the target rates is either a gap or transfers, by the documented rule.
      const rated = [...to].filter(([, r]) => r.level !== null && r.level > 0).map(([id]) => id);
      const expectedGaps = rated.filter((id) => to.get(id)!.level! > (from.get(id)?.level ?? 0));
      expect(answer.gaps.map((g) => g.skill.elementId).sort()).toEqual(expectedGaps.sort());
      expect(answer.transferable.map((s) => s.elementId).sort()).toEqual(
        rated.filter((id) => !expectedGaps.includes(id)).sort(),
      );
      for (const g of answer.gaps) {
        const t = to.get(g.skill.elementId)!;
        expect(g.skill.toLevel).toBe(t.level);
        expect(g.skill.fromLevel).toBe(from.get(g.skill.elementId)?.level ?? null);
        expect(g.gap).toBeCloseTo(t.level! - (g.skill.fromLevel ?? 0), 2);
        expect(g.weight).toBeCloseTo(t.importance! * g.gap, 1);
      }
      const weights = answer.gaps.map((g) => g.weight);
      expect(weights).toEqual([...weights].sort((a, b) => b - a));
    }
    // Directional: the nurse's higher levels are the gaps one way, not the other.
    expect(there.gaps.length).toBeGreaterThan(0);
    expect(there.gaps.map((g) => g.skill.elementId)).not.toEqual(back.gaps.map((g) => g.skill.elementId));
    // The similarity is symmetric and in [0, 1].
    expect(there.similarity).toBe(back.similarity);
    expect(there.similarity).toBeGreaterThan(0);
    expect(there.similarity).toBeLessThanOrEqual(1);
  });

  it('says an occupation O*NET rates no skill for is unrated: no similarity, gaps or transfers measured from 0', async () => {
    // The billing and coding specialist's occupation, Medical Records Specialists: no Skills ratings
    // in O*NET 29.3. Its gaps were once every skill the other rates, measured up from 0, and its
    // similarity 0, as if a coder had no skills.
    const code = '29-2072.00';
    expect(await prisma.occupationSkill.count({ where: { occupation: { code }, level: { gt: 0 } } })).toBe(0);
    for (const [from, to] of [
      ['medical-billing-coding-specialist', 'medical-assistant'],
      ['medical-assistant', 'medical-billing-coding-specialist'],
      ['medical-billing-coding-specialist', 'health-information-technician'],
    ]) {
      const answer = await gap(from!, to!);
      expect(
        answer.unrated.map((o) => o.code),
        `${from} → ${to}`,
      ).toEqual([code]);
      expect(answer.similarity).toBeNull();
      expect(answer.gaps).toBeNull();
      expect(answer.transferable).toBeNull();
    }
    // Both rated: nothing unrated, and the lists are there.
    const rated = await gap('medical-assistant', 'registered-nurse');
    expect(rated.unrated).toEqual([]);
    expect(rated.similarity).toBeGreaterThan(0);
    // Nothing is listed as similar to it, and its skills say why: none is rated.
    const { data, errors } = await client.query<{ occupation: { similarOccupations: unknown[]; skills: unknown[] } }>(
      `{ occupation(code: "${code}") { similarOccupations(first: 5) { similarity } skills { name } } }`,
    );
    expect(errors).toBeUndefined();
    expect(data!.occupation.similarOccupations).toEqual([]);
    expect(data!.occupation.skills).toEqual([]);
  });

  it('takes O*NET-SOC and SOC codes as well as slugs', async () => {
    const bySlug = await gap('medical-assistant', 'registered-nurse');
    const byCode = await gap('31-9092.00', '29-1141');
    expect(byCode).toEqual(bySlug);
    // A role and its own occupation's code name one thing: refused, as any gap from a thing to itself.
    const same = await client.query(GAP, { from: '29-1141.00', to: 'registered-nurse' });
    expect(same.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('names what was wrong', async () => {
    const unknown = await client.query(GAP, { from: 'no-such-role', to: 'registered-nurse' });
    expect(unknown.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(unknown.errors?.[0]?.message).toContain('no-such-role');
    const code = await client.query(GAP, { from: 'medical-assistant', to: '99-9999.00' });
    expect(code.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(code.errors?.[0]?.extensions?.argument).toBe('to');
    // Both wrong: both named, in one error.
    const both = await client.query(GAP, { from: 'no-such-role', to: '99-9999.00' });
    expect(both.errors).toHaveLength(1);
    expect(both.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', arguments: ['from', 'to'] });
    expect(both.errors?.[0]?.message).toMatch(/no-such-role.*99-9999\.00/);
    // From a role or occupation to itself, however named (as pathways refuses it): whatever the case,
    // by its own O*NET-SOC code, or by the SOC code without the O*NET suffix.
    for (const [from, to] of [
      ['medical-assistant', 'Medical-Assistant'],
      ['medical-assistant', '31-9092.00'],
      ['31-9092', '31-9092.00'],
    ]) {
      const same = await client.query(GAP, { from, to });
      expect(same.errors?.[0]?.extensions, `${from} ${to}`).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'to' });
    }
    // A role and the code of the occupation it sits in are named as such, not as the role twice.
    const within = await client.query(GAP, { from: 'clinical-medical-assistant', to: '31-9092.00' });
    expect(within.errors?.[0]?.message).toContain('31-9092.00 Medical Assistants is clinical-medical-assistant’s');
    expect(within.errors?.[0]?.message).not.toMatch(/both name/);
  });

  it('says two roles of one occupation are rated as one: nothing measured, not "nothing to learn"', async () => {
    // A medical assistant and a lead medical assistant (both 31-9092.00) read similarity 1 and no
    // gaps, which a student reads as nothing to learn.
    for (const [from, to] of [
      ['medical-assistant', 'clinical-medical-assistant'],
      ['medical-assistant', 'lead-medical-assistant'],
    ] as const) {
      const answer = await gap(from, to);
      expect(answer.from.code).toBe(answer.to.code);
      expect(answer.sameOccupation).toBe(true);
      expect(answer.similarity).toBeNull();
      expect(answer.gaps).toBeNull();
      expect(answer.transferable).toBeNull();
    }
    expect((await gap('medical-assistant', 'registered-nurse')).sameOccupation).toBe(false);
  });
});

describe('Occupation.similarOccupations', () => {
  it('lists the nearest by the same similarity as skillGap, nearest first, never the occupation itself', async () => {
    const { data, errors } = await client.query<{
      occupation: {
        similarOccupations: { occupation: { code: string }; similarity: number }[];
        relatedOccupations: unknown[];
      };
    }>(`{ occupation(code: "31-9092.00") {
      similarOccupations(first: 5) { occupation { code } similarity }
      relatedOccupations { index }
    } }`);
    expect(errors).toBeUndefined();
    const list = data!.occupation.similarOccupations;
    expect(list).toHaveLength(5);
    expect(list.map((s) => s.occupation.code)).not.toContain('31-9092.00');
    const sims = list.map((s) => s.similarity);
    expect(sims).toEqual([...sims].sort((a, b) => b - a));
    for (const s of list) expect((await gap('31-9092.00', s.occupation.code)).similarity).toBeCloseTo(s.similarity, 4);
    // O*NET's own list is untouched beside it.
    expect(data!.occupation.relatedOccupations.length).toBe(
      await prisma.relatedOccupation.count({ where: { occupation: { code: '31-9092.00' } } }),
    );
    const bad = await client.query(
      '{ occupation(code: "31-9092.00") { similarOccupations(first: 0) { similarity } } }',
    );
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});
