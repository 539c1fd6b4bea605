/**
 * Pathways over the whole graph: curated roles and every O*NET occupation, with the moves estimated
 * from O*NET related occupations and BLS entry requirements (src/server/estimated-moves.ts).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { PrismaClient } from '../../src/db/client.js';
import { buildIndex, findPathways } from '../../src/graph/index.js';
import { readDataset } from '../../src/db/dataset/read.js';
import { readGraphInput } from '../../src/server/graph-input.js';
import { testDatabase } from '../support/database.js';
import { type Client, graphqlClient } from '../support/graphql.js';

let client: Client;
let prisma: PrismaClient;
beforeAll(async () => {
  ({ prisma } = await testDatabase('seeded'));
  // Many whole-graph searches, each priced at ESTIMATED_SEARCH_COST: the rate limit is tested in
  // tests/server/query-cost.test.ts, not here.
  client = graphqlClient(prisma, undefined, undefined, { rateLimitPoints: 0 });
});

const PATHWAYS = `query ($from: String!, $to: String, $toTrack: String, $first: Int, $rankBy: PathwayRanking,
                   $constraints: PathwayConstraintsInput, $includeEstimated: Boolean) {
  pathways(from: $from, to: $to, toTrack: $toTrack, first: $first, rankBy: $rankBy, constraints: $constraints,
           includeEstimated: $includeEstimated) {
    totalMonths monthsIncludeUnknowns untimed stepCount estimatedSteps summary costIncludesUnknowns
    nodes { __typename key title }
    roles { slug }
    steps {
      basis explanation months monthsIncludeUnknowns untimed trainingMonths experienceMonths passesThrough
      fromNode { key } toNode { key ... on Occupation { code typicalEducation workExperience } ... on Role { slug } }
      from { slug } to { slug } transition { id }
      programs { name estimated months knownMonths lengthKnown costUsd program { slug } }
      unknownCosts { kind description program { slug } }
    }
  }
}`;

async function pathways(variables: Record<string, unknown>) {
  const { data, errors } = await client.query(PATHWAYS, variables);
  expect(errors).toBeUndefined();
  return data.pathways as any[];
}

/** IPEDS' least full-time months of each award, as docs/cost-model.md states them ("Estimated moves"). */
const LEAST_MONTHS: Record<string, number> = {
  ASSOCIATES_DEGREE: 24,
  BACHELORS_DEGREE: 48,
  POSTSECONDARY_NONDEGREE_AWARD: 0,
};

describe('an entry program of no known length', () => {
  // FASTEST took a postsecondary nondegree award as taking no time: from a phlebotomy technician to
  // pharmacy technicians, five "length unknown" pathways through such programs came before the known
  // 4 months through billing and coding, and reachableRoles listed hundreds of occupations at month 0.
  it('is ranked and limited at a stated stand-in, and shown as not known', async () => {
    const files = await readDataset();
    const sourced = files['training-programs']
      .filter((p) => ['CERTIFICATE', 'DIPLOMA'].includes(p.credential) && !p.months.minEstimated && p.months.min > 0)
      .map((p) => p.months.min)
      .sort((a, b) => a - b);
    expect(sourced.length).toBeGreaterThan(0);
    const mid = sourced.length >> 1;
    const standIn = Math.round(sourced.length % 2 ? sourced[mid]! : (sourced[mid - 1]! + sourced[mid]!) / 2);
    expect(standIn).toBeGreaterThan(4);
    // Ranked at the stand-in: the known route first.
    const [first] = await pathways({
      from: 'phlebotomy-technician',
      to: '29-2052.00',
      first: 3,
      includeEstimated: true,
    });
    // (Through billing and coding then; now through EHR work, a month, since phlebotomists move into it.)
    expect(first.monthsIncludeUnknowns).toBe(false);
    expect(first.totalMonths).toBeLessThan(standIn);
    // Shown as not known, with the stand-in said: nursing assistants' entry is such an award.
    const [direct] = await pathways({
      from: 'phlebotomy-technician',
      to: '31-1131.00',
      first: 1,
      includeEstimated: true,
    });
    expect(direct.stepCount).toBe(1);
    expect(direct.totalMonths).toBe(0);
    expect(direct.monthsIncludeUnknowns).toBe(true);
    expect(direct.steps[0].programs[0]).toMatchObject({ months: 0, lengthKnown: false, knownMonths: null });
    expect(direct.summary).toContain(
      `To rank pathways by time and to check limits of months, the entry education for Nursing Assistants (a postsecondary nondegree award, estimated) counts as ${standIn} months (the median shortest length of the ${sourced.length} certificate and diploma programs in this dataset whose sources give one: a stand-in, not its length).`,
    );
    // Part time, as programs are, twice over.
    const { data: part } = await client.query(
      `{ pathways(from: "phlebotomy-technician", to: "31-1131.00", first: 1, includeEstimated: true,
           profile: { studyLoad: PART_TIME }) { summary } }`,
    );
    expect(part.pathways[0].summary).toMatch(new RegExp(`counts as ${standIn} months full time, [^(]+ part time \\(`));
    // Limited at it: not within fewer months, within as many (at "0 months", at least).
    const within = async (months: number) => {
      const { data, errors } = await client.query(
        `{ reachableRoles(from: "phlebotomy-technician", withinMonths: ${months}, includeEstimated: true) {
             node { key } earliestMonth monthsIncludeUnknowns } }`,
      );
      expect(errors).toBeUndefined();
      return data.reachableRoles.find((r: any) => r.node.key === '31-1131.00');
    };
    expect(await within(standIn - 1)).toBeUndefined();
    expect(await within(standIn)).toEqual({
      node: { key: '31-1131.00' },
      earliestMonth: 0,
      monthsIncludeUnknowns: true,
    });
    const limited = await pathways({
      from: 'phlebotomy-technician',
      to: '31-1131.00',
      first: 10,
      includeEstimated: true,
      constraints: { maxMonths: standIn - 1 },
    });
    expect(limited.some((p) => p.stepCount === 1)).toBe(false);
  });

  it('gives the months a pathway is ranked by, the order reachableRoles lists roles in', async () => {
    // An LPN's reach listed surgical assistants at month 0, the registered nurse at 12, then
    // ophthalmic medical technicians at 0: ordered by months with stand-ins the answer did not give.
    const { data, errors } = await client.query(
      `{ reachableRoles(from: "licensed-practical-nurse", withinMonths: 24, includeEstimated: true) {
           earliestMonth monthsIncludeUnknowns node { key } pathway { totalMonths rankedMonths summary } } }`,
    );
    expect(errors).toBeUndefined();
    const reached: any[] = data.reachableRoles;
    const ranked = reached.map((r) => r.pathway.rankedMonths);
    expect(ranked).toEqual([...ranked].sort((a, b) => a - b));
    for (const r of reached) {
      expect(r.pathway.rankedMonths).toBeLessThanOrEqual(24);
      if (r.pathway.rankedMonths > r.earliestMonth) {
        // Only a stand-in makes the difference, and the summary names it.
        expect(r.monthsIncludeUnknowns).toBe(true);
        expect(r.pathway.summary).toContain('To rank pathways by time and to check limits of months');
      } else expect(r.pathway.rankedMonths).toBe(r.earliestMonth);
    }
    // A role shown at month 0 listed after one at a later month: its rankedMonths says why.
    const later = reached.findIndex((r, i) => i > 0 && r.earliestMonth < reached[i - 1].earliestMonth);
    expect(later).toBeGreaterThan(0);
    expect(reached[later].pathway.rankedMonths).toBeGreaterThanOrEqual(reached[later - 1].pathway.rankedMonths);
    expect(reached[later].pathway.rankedMonths).toBeGreaterThan(reached[later].earliestMonth);
  });
});

describe('a limit on months no pathway meets', () => {
  // CHEAPEST from a medical assistant to respiratory therapists within 12 months ran over the work
  // budget (SEARCH_BUDGET_EXCEEDED, "the query is too open") where FASTEST answered none: its search
  // had no bound on the months left, so it tried every way of 12 months or less across the graph.
  it.each(['29-1126.00', '29-2034.00'])('to %s, is answered with none under every ranking', async (to) => {
    const [fastest] = await pathways({ from: 'medical-assistant', to, first: 1, includeEstimated: true });
    const least = fastest.totalMonths as number;
    expect(least).toBeGreaterThan(0);
    for (const rankBy of ['FASTEST', 'CHEAPEST', 'FEWEST_NEW_CERTIFICATIONS', 'FEWEST_STEPS']) {
      const ask = (maxMonths: number) =>
        pathways({
          from: 'medical-assistant',
          to,
          first: 5,
          rankBy,
          includeEstimated: true,
          constraints: { maxMonths },
        });
      expect(await ask(least - 1), rankBy).toEqual([]);
      // At the least months there are pathways, and each keeps to the limit.
      const within = await ask(least);
      expect(within.length, rankBy).toBeGreaterThan(0);
      for (const p of within) expect(p.totalMonths, rankBy).toBeLessThanOrEqual(least);
    }
  });
});

describe('estimated pathways', () => {
  // Health information managers are an O*NET title of 11-9111.00, whose node is the curated
  // healthcare administrator (EXACT); FASTEST to it exceeds the search's work budget on the whole
  // graph (docs/benchmarks.md, "The real graph"), so it is asked for the fewest steps.
  it.each([
    ['surgical technologists', '29-2055.00', 'FASTEST'],
    ['respiratory therapists', '29-1126.00', 'FASTEST'],
    ['radiologic technologists', '29-2034.00', 'CHEAPEST'],
    ['health information technologists and medical registrars', '29-9021.00', 'FASTEST'],
    ['health information managers (medical and health services managers)', '11-9111.00', 'FEWEST_STEPS'],
  ])('lead a medical assistant to %s, every step marked and explained', async (_name, code, rankBy) => {
    const occupation = await prisma.occupation.findUniqueOrThrow({ where: { code }, include: { roles: true } });
    // A curated role that is the occupation (EXACT) is its node; otherwise the occupation is.
    const role = occupation.roles.find((r) => r.occupationFit === 'EXACT');
    // No curated move reaches an O*NET occupation: without includeEstimated it is refused, not
    // answered with an empty list that would read as "no route".
    const curatedOnly = await client.query(PATHWAYS, { from: 'medical-assistant', to: code, first: 3, rankBy });
    if (!role) expect(curatedOnly.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'to' });
    else expect(curatedOnly.errors).toBeUndefined();
    const found = await pathways({ from: 'medical-assistant', to: code, first: 3, rankBy, includeEstimated: true });
    expect(found.length).toBeGreaterThan(0);
    for (const p of found) {
      expect(p.nodes[0].key).toBe('medical-assistant');
      expect(p.nodes.at(-1)).toMatchObject(
        role
          ? { __typename: 'Role', key: role.slug, title: role.title }
          : { __typename: 'Occupation', key: code, title: occupation.title },
      );
      if (!role) expect(p.roles.at(-1)).toBeNull();
      expect(p.estimatedSteps).toBe(p.steps.filter((s: any) => s.basis === 'ESTIMATED').length);
      if (!role) expect(p.estimatedSteps).toBeGreaterThan(0);
      for (const s of p.steps) {
        if (s.basis === 'CURATED') {
          expect(s.transition).not.toBeNull();
          expect(s.explanation).not.toContain('estimated, not curated');
          continue;
        }
        expect(s.transition).toBeNull();
        expect(s.explanation).toContain('This move is estimated, not curated');
        // Why: BLS's entry requirements of an O*NET related occupation, or a curated role's occupation.
        expect(s.explanation).toMatch(
          /O\*NET relates .*; estimated from BLS for |is within the O\*NET occupation|is a role within/,
        );
        // An estimated entry program has no row, no known cost, and its tuition is listed as unknown.
        for (const prog of s.programs.filter((x: any) => x.estimated)) {
          expect(prog.program).toBeNull();
          expect(prog.costUsd).toBeNull();
          expect(s.unknownCosts.some((u: any) => u.kind === 'TUITION' && u.program === null)).toBe(true);
        }
      }
      const last = p.steps.at(-1);
      if (role || last.basis === 'CURATED') continue;
      expect(last.toNode.typicalEducation).toBe(occupation.typicalEducation);
      const entry = last.programs.find((x: any) => x.name.startsWith(`Entry education for ${occupation.title}`));
      expect(entry).toBeDefined();
      expect(entry.months).toBe(LEAST_MONTHS[occupation.typicalEducation!]);
    }
  });

  it('counts an estimated degree’s unknown tuition at a stated stand-in, never as $0', async () => {
    const QUERY = `query ($to: String!, $max: Int) {
      pathways(from: "medical-assistant", to: $to, first: 3, rankBy: CHEAPEST, includeEstimated: true,
               constraints: { maxCostUsd: $max }) {
        estimatedCostUsd knownCostUsd
        unknownCosts { kind program { slug } estimateUsd estimateBasis }
        steps { programs { estimated months } }
      }
    }`;
    const { data, errors } = await client.query(QUERY, { to: '29-1126.00' });
    expect(errors).toBeUndefined();
    expect(data.pathways.length).toBeGreaterThan(0);
    for (const p of data.pathways) {
      const timed = p.steps.flatMap((s: any) => s.programs).filter((q: any) => q.estimated && q.months > 0);
      expect(timed.length).toBeGreaterThan(0);
      const tuition = p.unknownCosts.filter((u: any) => u.kind === 'TUITION' && u.program === null);
      expect(tuition.length).toBeGreaterThanOrEqual(timed.length);
      for (const u of tuition) {
        expect(u.estimateUsd).toBeGreaterThan(0);
        expect(u.estimateBasis).toMatch(/median known cost/);
      }
      expect(p.estimatedCostUsd).toBeGreaterThan(p.knownCostUsd);
    }
    // So no pathway with an estimated degree fits a budget of $0 (it did, as free).
    const free = await client.query(QUERY, { to: '29-1126.00', max: 0 });
    expect(free.errors).toBeUndefined();
    expect(free.data.pathways).toEqual([]);
  });

  it('never shows an estimated move’s certification and licence fees as $0: they are unknown, and listed', async () => {
    const QUERY = `query ($to: String!) {
      pathways(from: "medical-assistant", to: $to, first: 3, includeEstimated: true) {
        totalCostUsd totalExamFeesUsd costIncludesUnknowns estimatedSteps summary
        nodes { title }
        unknownCosts { kind description certification { slug } estimateUsd }
        steps {
          basis costUsd examFeesUsd knownCostUsd explanation toNode { title } passesThrough
          unknownCosts { kind description certification { slug } estimateUsd standIn }
        }
      }
    }`;
    // Physical therapist aides: a 0-month move that asks no program, whose cost read $0 before;
    // respiratory therapists: a degree of unknown tuition as well.
    for (const to of ['31-2022.00', '29-1126.00']) {
      const { data, errors } = await client.query(QUERY, { to });
      expect(errors).toBeUndefined();
      expect(data.pathways.length).toBeGreaterThan(0);
      for (const p of data.pathways) {
        expect(p.estimatedSteps).toBeGreaterThan(0);
        expect(p.totalExamFeesUsd).toBeNull();
        expect(p.totalCostUsd).toBeNull();
        expect(p.costIncludesUnknowns).toBe(true);
        for (const s of p.steps) {
          const fees = s.unknownCosts.filter((u: any) => u.kind === 'EXAM_FEE' && u.certification === null);
          // A job only passed through is not worked: no fee of its is asked (0, not unknown).
          if (s.basis === 'CURATED' || s.passesThrough) {
            expect(fees).toEqual([]);
            if (s.passesThrough) expect(s.examFeesUsd).toBe(0);
            continue;
          }
          expect(s.examFeesUsd).toBeNull();
          expect(s.costUsd).toBeNull();
          expect(fees).toEqual([
            {
              kind: 'EXAM_FEE',
              description: `any certification or licence fee for ${s.toNode.title}`,
              certification: null,
              estimateUsd: null,
              standIn: false,
            },
          ]);
          // The words already said so, and still say it once, not twice.
          expect(s.explanation.match(/certification or licence/g)).toHaveLength(1);
        }
        const listed = p.unknownCosts.filter((u: any) => u.kind === 'EXAM_FEE' && u.certification === null);
        expect(listed).toHaveLength(p.steps.filter((s: any) => s.basis === 'ESTIMATED' && !s.passesThrough).length);
      }
    }
  });

  it('never quotes a known part as the cost where an estimated move’s fees are unknown', async () => {
    // Curated moves that cost something, then estimated ones: the known part is not the cost.
    const { data, errors } = await client.query(
      `{ reachableRoles(from: "lead-medical-assistant", withinMonths: 60, includeEstimated: true) {
           pathway { totalCostUsd knownCostUsd estimatedSteps summary unknownCosts { kind certification { slug } } } } }`,
    );
    expect(errors).toBeUndefined();
    // Those whose only unknowns are the estimated moves' fees (no tuition, no named exam fee).
    const mixed = data.reachableRoles
      .map((r: any) => r.pathway)
      .filter(
        (p: any) =>
          p.estimatedSteps > 0 &&
          p.knownCostUsd > 0 &&
          // (none where the only estimated move is a role's into its own occupation, which asks nothing)
          p.unknownCosts.length > 0 &&
          p.unknownCosts.every((u: any) => u.kind === 'EXAM_FEE' && u.certification === null),
      );
    expect(mixed.length).toBeGreaterThan(0);
    for (const p of mixed) {
      expect(p.totalCostUsd).toBeNull();
      expect(p.summary).not.toMatch(/costs about/);
      // "about" where a tuition is among the known costs (honest-answers.test.ts holds it to that).
      expect(p.summary).toMatch(/Known costs come to (about )?\$[\d,]+/);
    }
  });

  it('reaches a role by a fully timed pathway where one is as fast as a pathway of unknown length', async () => {
    const { data, errors } = await client.query(
      `{ reachableRoles(from: "medical-assistant", withinMonths: 60, includeEstimated: true) {
           earliestMonth node { key } pathway { untimed totalMonths } } }`,
    );
    expect(errors).toBeUndefined();
    const reached = data.reachableRoles as any[];
    const untimed = reached.filter((r) => r.pathway.untimed.length > 0);
    // Respiratory therapists: 24 exact months (through PT aides), not "at least 24" through paramedics.
    const rt = reached.find((r) => r.node.key === '29-1126.00');
    expect(rt.pathway.untimed).toEqual([]);
    expect(rt.earliestMonth).toBe(
      (await pathways({ from: 'medical-assistant', to: '29-1126.00', first: 1, includeEstimated: true }))[0]
        .totalMonths,
    );
    // Where the pathway reached has a part of unknown length, no timed one of the same months is
    // among the five fastest (a sample: a search each).
    expect(untimed.length).toBeGreaterThan(0);
    expect(untimed.length).toBeLessThan(reached.length / 2);
    for (const r of untimed.filter((_, i) => i % Math.ceil(untimed.length / 15) === 0)) {
      const found = await pathways({ from: 'medical-assistant', to: r.node.key, first: 5, includeEstimated: true });
      expect(found[0].totalMonths, r.node.key).toBe(r.earliestMonth);
      const timed = found.filter((p) => p.totalMonths === r.earliestMonth && p.untimed.length === 0);
      expect(timed, r.node.key).toEqual([]);
    }
  });

  it('says a job on the way only as a related occupation need not be worked in', async () => {
    // Medical assistant → respiratory therapists, and pharmacy technicians → pharmacists, whose
    // doctoral degree past its least length is study of unknown length, not work in the job before.
    const found = [];
    for (const args of [
      'from: "medical-assistant", to: "29-1126.00"',
      'from: "29-2052.00", to: "29-1051.00", rankBy: CHEAPEST',
    ]) {
      const { data, errors } = await client.query(
        `{ pathways(${args}, first: 5, includeEstimated: true) { summary unknownCosts { kind description }
             steps { basis months explanation experienceMonths untimed toNode { title ... on Occupation { code } } passesThrough withinOccupation
                     programs { name } certificationsToEarn { slug } unknownCosts { kind description } } } }`,
      );
      expect(errors).toBeUndefined();
      found.push(...data.pathways);
    }
    let seen = 0;
    let beforeDegree = 0;
    for (const p of found) {
      const through: string[] = [];
      for (const [i, s] of p.steps.entries()) {
        const next = p.steps[i + 1];
        // Asks nothing the data records, and the next move asks no experience in it.
        const only =
          next !== undefined &&
          s.basis === 'ESTIMATED' &&
          next.basis === 'ESTIMATED' &&
          s.months === 0 &&
          s.programs.length === 0 &&
          s.certificationsToEarn.length === 0 &&
          s.untimed.length === 0 &&
          next.experienceMonths === 0 &&
          // Work of unknown length there (BLS's "less than 5 years", a specialty of the role, or
          // nothing published), not a degree's unknown length.
          !next.untimed.some((u: string) =>
            /related work experience|what the specialty of|publishes no typical education/.test(u),
          );
        // An O*NET occupation's title is plural: "Working in the occupation Cashiers", not "as Cashiers".
        const working = s.toNode.code ? `in the occupation ${s.toNode.title}` : `as ${s.toNode.title}`;
        if (only) through.push(working);
        if (only && next.untimed.some((u: string) => /past its least length/.test(u))) beforeDegree++;
        // Said as a field too, for a client to mark the step (the map's handout listed it as required).
        expect(s.passesThrough).toBe(only);
        if (only) expect(s.explanation).toContain(`Working ${working} is not needed`);
        else expect(s.explanation).not.toContain('is not needed');
        // A job not worked asks no licence: no fee of its is unknown, on the step or the pathway
        // ("cost unknown: any certification or licence fee for Physical Therapist Aides").
        if (only) {
          const fee = `any certification or licence fee for ${s.toNode.title}`;
          expect(s.unknownCosts).toEqual([]);
          expect(p.unknownCosts.map((u: any) => u.description)).not.toContain(fee);
          expect(s.explanation).not.toMatch(/Any certification or licence this move needs is not known/);
          // Nor its training once hired, which the move's words said before "is not needed".
          expect(s.explanation).not.toMatch(/in the new job \(not counted\)/);
        }
      }
      seen += through.length;
      if (through.length === 1) expect(p.summary).toContain(`Working ${through[0]} is not needed`);
      else if (through.length)
        expect(p.summary).toMatch(
          through.every((t) => t.startsWith('in the occupation '))
            ? /Working in the occupations .* is not needed/
            : /Working (in|as) .* is not needed/,
        );
      else expect(p.summary).not.toContain('is not needed');
      // The summary's unknown licences are the moves' into jobs the pathway needs, not those passed through.
      // (An open entry into a curated role asks its curated licence: no unknown one.)
      const licensed = p.steps.filter(
        (s: any) => s.basis === 'ESTIMATED' && s.toNode.code && !s.passesThrough && !s.withinOccupation,
      );
      if (licensed.length === 0) expect(p.summary).not.toMatch(/Any certification or licence the estimated/);
      if (licensed.length === 1)
        expect(p.summary).toMatch(/Any certification or licence the estimated move needs is not known/);
      if (licensed.length > 1)
        expect(p.summary).toMatch(/Any certification or licence the estimated moves need is not known/);
    }
    // Medical assistant → physical therapist aides (0 months, nothing asked) → respiratory therapists.
    expect(seen).toBeGreaterThan(0);
    // Pharmacy technicians → opticians (nothing asked) → pharmacists (a doctoral degree).
    expect(beforeDegree).toBeGreaterThan(0);
  });

  it('lists first a pathway of known length where one is as fast, as reachableRoles does, past any number of ties', async () => {
    // Home health aides → radiologic technologists: reachableRoles found 24 months with every length
    // known (ten moves), while pathways listed only "at least 24 months" ones, the certain one past
    // the 100 pathways the API reordered.
    const { data: r, errors: re } = await client.query(
      `{ reach: reachableRoles(from: "31-1121.00", withinMonths: 24, includeEstimated: true) {
           node { key } earliestMonth monthsIncludeUnknowns } }`,
    );
    expect(re).toBeUndefined();
    const { data: f, errors: fe } = await client.query(
      `{ fast: pathways(from: "31-1121.00", to: "29-2034.00", first: 1, includeEstimated: true) {
           totalMonths monthsIncludeUnknowns } }`,
    );
    expect(fe).toBeUndefined();
    const reached = r.reach.find((x: any) => x.node.key === '29-2034.00');
    expect(reached).toBeDefined();
    expect(reached.monthsIncludeUnknowns).toBe(false);
    expect(f.fast[0].totalMonths).toBe(reached.earliestMonth);
    expect(f.fast[0].monthsIncludeUnknowns).toBe(false);
  });

  it('counts a step’s months from the start as a floor after a step of unknown length', async () => {
    const { data, errors } = await client.query(
      `{ pathways(from: "31-1121.00", to: "29-2034.00", first: 3, includeEstimated: true, rankBy: CHEAPEST) {
           steps { months untimed explanation } } }`,
    );
    expect(errors).toBeUndefined();
    let floors = 0;
    for (const p of data.pathways)
      for (const [i, s] of p.steps.entries()) {
        if (s.months === 0) continue; // no months of the pathway named
        const afterUnknown = p.steps.slice(0, i).some((e: any) => e.untimed.length > 0);
        expect(s.explanation).toMatch(/months \d+ to \d+ of the pathway/);
        expect(/of the pathway at the earliest/.test(s.explanation)).toBe(afterUnknown);
        if (afterUnknown) floors++;
      }
    // Home health aides → radiologic technologists, cheapest: supervisors' experience of unknown length first.
    expect(floors).toBeGreaterThan(0);
  });

  it('says why an estimated step asks what it asks, in BLS’s words', async () => {
    const [p] = await pathways({ from: 'medical-assistant', to: '29-1126.00', first: 1, includeEstimated: true });
    expect(p.steps.at(-1).explanation).toContain('an associate’s degree is the typical entry education');
    // The program's name inside a sentence: "the entry education for Respiratory Therapists", not "the Entry".
    expect(p.steps.at(-1).explanation).toContain('complete the entry education for Respiratory Therapists');
    expect(p.summary).toMatch(/estimated from O\*NET and BLS data, not curated/);
  });

  it('never says an estimated move needs no licence, costs nothing or happens right away: the data do not say', async () => {
    let checked = 0;
    for (const to of ['29-1126.00', '29-2034.00', '29-2043.00'])
      for (const p of await pathways({ from: 'medical-assistant', to, includeEstimated: true, first: 3 })) {
        expect(p.estimatedSteps).toBeGreaterThan(0);
        expect(p.summary).not.toMatch(/No new certification or licence is counted|right away|costs nothing/);
        expect(p.summary).toMatch(
          /Any certification or licence the estimated moves? needs? is not known and not counted/,
        );
        for (const s of p.steps.filter((x: any) => x.basis === 'ESTIMATED')) {
          checked++;
          expect(s.explanation).not.toMatch(/no further requirements|right away|costs nothing/);
          // A job only passed through is not worked: none of its licences is asked, and the words say so.
          expect(s.explanation).toMatch(
            s.passesThrough
              ? /is not needed: .* Nor is any certification or licence it may ask\./
              : /Any certification or licence this move needs is not known and not counted/,
          );
        }
      }
    expect(checked).toBeGreaterThan(0);
    // A curated pathway keeps its plain words.
    const [curated] = await pathways({ from: 'medical-assistant', to: 'clinical-medical-assistant', first: 1 });
    expect(curated.summary).not.toMatch(/Any certification or licence/);
  });

  it('never says a move is "right away" when its program has no known length', async () => {
    // Paramedics: BLS's typical entry education is a postsecondary nondegree award, which IPEDS
    // gives no least length, so the move's program counts 0 months.
    const [p] = await pathways({ from: 'medical-assistant', to: '29-2043.00', includeEstimated: true, first: 1 });
    const untimed = p.steps.flatMap((s: any) => s.programs.filter((q: any) => q.months === 0));
    expect(untimed.length).toBeGreaterThan(0);
    const words = [p.summary, ...p.steps.map((s: any) => s.explanation)].join(' ');
    expect(words).not.toMatch(/right away/);
    expect(p.summary).toMatch(/the lengths? of .+ (is|are) not known and not counted/i);
    expect(p.summary).not.toMatch(/at least about/);
    for (const s of p.steps)
      if (s.programs.some((q: any) => q.months === 0)) {
        expect(s.explanation).toMatch(/lengths? of .+ (is|are) not known/);
        expect(s.explanation).toMatch(/has no known length/);
        expect(s.explanation).not.toMatch(/takes 0 months/);
      }
    // The figures say so too, for a client that shows numbers rather than words: never a bare 0.
    expect(p.monthsIncludeUnknowns).toBe(true);
    for (const s of p.steps) {
      for (const q of s.programs) {
        expect(q.lengthKnown).toBe(q.months > 0 && !/(master|doctoral)/.test(q.name));
        // A length no source gives is null, not 0; a least length is given as such.
        expect(q.knownMonths).toBe(q.months > 0 ? q.months : null);
      }
      expect(s.monthsIncludeUnknowns).toBe(s.untimed.length > 0);
      for (const q of s.programs.filter((x: any) => !x.lengthKnown))
        // Named as inside a sentence ("the entry education for Paramedics ...").
        expect(s.untimed.join(' ').toLowerCase()).toContain(q.name.slice(0, 40).toLowerCase());
    }
    expect(p.untimed).toEqual([...new Set(p.steps.flatMap((s: any) => s.untimed))]);
    const [known] = await pathways({ from: 'medical-assistant', to: '29-1126.00', includeEstimated: true, first: 1 });
    expect(known.monthsIncludeUnknowns).toBe(known.steps.some((s: any) => s.monthsIncludeUnknowns));
    const [curated] = await pathways({ from: 'medical-assistant', to: 'registered-nurse', first: 1 });
    expect(curated.monthsIncludeUnknowns).toBe(false);
    for (const s of curated.steps) for (const q of s.programs) expect(q.lengthKnown).toBe(true);
  });

  /**
   * Checks every estimated step into one of the first five occupations (without a curated role) for
   * which BLS gives this related work experience, on the fastest pathway from `from`: how many.
   */
  const stepsInto = async (
    workExperience: 'LESS_THAN_FIVE_YEARS' | 'FIVE_YEARS_OR_MORE',
    from: string,
    check: (step: any, pathway: any) => void,
  ) => {
    const targets = await prisma.occupation.findMany({
      where: { workExperience, roles: { none: {} } },
      orderBy: { code: 'asc' },
      take: 5,
    });
    expect(targets.length).toBeGreaterThan(0);
    let checked = 0;
    for (const target of targets)
      for (const p of await pathways({ from, to: target.code, includeEstimated: true, first: 1 }))
        for (const s of p.steps)
          if (s.basis === 'ESTIMATED' && s.toNode.workExperience === workExperience) {
            checked++;
            check(s, p);
          }
    return checked;
  };

  it('counts no time for experience BLS gives no least amount for, and says the time is not known', async () => {
    // An occupation for which BLS gives "less than 5 years" of related work experience: none is
    // counted, so the move's time is not known either.
    const checked = await stepsInto('LESS_THAN_FIVE_YEARS', 'medical-assistant', (s, p) => {
      expect(s.monthsIncludeUnknowns).toBe(true);
      expect(s.untimed.join(' ')).toMatch(/related work experience/);
      expect(s.explanation).not.toMatch(/right away/);
      // Asked, only not timed: never "nothing ... required".
      expect(s.explanation).not.toMatch(/nothing that O\*NET and BLS record as required/);
      if (s.programs.length === 0)
        expect(s.explanation).toContain('gain the related work experience BLS asks for (less than 5 years');
      // One unknown length or several, in grammar.
      expect(s.explanation).toContain(s.untimed.length === 1 ? 'the length of ' : 'the lengths of ');
      expect(p.monthsIncludeUnknowns).toBe(true);
    });
    expect(checked).toBeGreaterThan(0);
  });

  it('counts 5 years of experience BLS gives as "5 years or more", and says the rest is not known', async () => {
    // A pharmacy technician read "4 moves over about 9 years" to chief executive: 5 years are a floor.
    const checked = await stepsInto('FIVE_YEARS_OR_MORE', '29-2052.00', (s, p) => {
      expect(s.monthsIncludeUnknowns).toBe(true);
      expect(s.untimed).toContain(
        'the related work experience BLS asks for beyond the 5 years counted (BLS: 5 years or more)',
      );
      expect(p.monthsIncludeUnknowns).toBe(true);
      expect(p.summary).toMatch(/over at least /);
      expect(p.summary).not.toMatch(/over about /);
    });
    expect(checked).toBeGreaterThan(0);
  });

  it('says a bachelor’s the learner holds is not counted on a move out of an O*NET occupation', async () => {
    // A nursing assistant with a bachelor's read 60 months to occupational therapists, the bachelor's
    // counted again, and no word of it (an API walk): by design for speed (docs/cost-model.md), said.
    const note = 'The bachelor’s degree you hold is not counted on a move out of an O*NET occupation';
    const ask = (from: string, profile: object | null) =>
      client.query(
        `query ($from: String!, $p: LearnerProfileInput) { pathways(from: $from, to: "29-1122.00", includeEstimated: true, first: 1, profile: $p) {
          summary steps { explanation } } }`,
        { from, p: profile },
      );
    const held = await ask('31-1131.00', { completedPrograms: ['bachelors-degree'] });
    expect(held.errors).toBeUndefined();
    const [p] = held.data.pathways;
    expect(p.summary).toContain(note);
    const noted = p.steps.filter((s: any) => s.explanation.includes(note));
    expect(noted.length).toBe(1);
    // The step whose entry education counts the bachelor's in ("a bachelor’s degree, then a master’s").
    expect(noted[0].explanation).toMatch(/a bachelor’s degree, then /);
    // Not without the degree, nor where it is counted (out of a curated role).
    for (const [from, profile] of [
      ['31-1131.00', null],
      ['medical-assistant', { completedPrograms: ['bachelors-degree'] }],
    ] as const) {
      const { data, errors } = await ask(from, profile);
      expect(errors).toBeUndefined();
      for (const q of data.pathways) expect(q.summary).not.toContain(note);
    }
  });

  it('counts a graduate degree at its least length and says so: the pathway takes at least that long', async () => {
    // Emergency medicine physicians (a doctoral or professional degree: IPEDS's least is 2 years after
    // the bachelor's) and nurse practitioners (a master's: 1 year). They read "about 6 years".
    for (const [code, words] of [
      [
        '29-1214.00',
        'a doctoral or professional degree past its least length (IPEDS: 2 years after a bachelor’s degree)',
      ],
      ['29-1171.00', 'a master’s degree past its least length (IPEDS: 1 year after a bachelor’s degree)'],
    ] as const) {
      const [p] = await pathways({ from: 'medical-assistant', to: code, includeEstimated: true, first: 1 });
      const last = p.steps.at(-1);
      expect(last.toNode.key).toBe(code);
      expect(last.untimed).toContain(words);
      expect(last.monthsIncludeUnknowns).toBe(true);
      expect(p.monthsIncludeUnknowns).toBe(true);
      expect(p.untimed).toContain(words);
      expect(p.summary).toMatch(/at least/);
      expect(p.summary).not.toMatch(/over about/);
      // The program's own figures say so too: counted at its least length, whose whole is not known.
      const degree = last.programs.find((q: any) => q.estimated && /Entry education/.test(q.name));
      expect(degree.months).toBeGreaterThan(0);
      expect(degree.lengthKnown).toBe(false);
      expect(degree.knownMonths).toBe(degree.months);
    }
  });

  it('never counts entry into an occupation BLS publishes nothing for as a known 0 months', async () => {
    // BLS publishes some SOC 2018 occupations only inside a combination no page here names (teaching
    // assistants, within 25-9045): no BLS row covers them, so no education, experience or training
    // is known, and a move into one asked nothing and took "no time".
    const bare = await prisma.occupation.findMany({
      where: { typicalEducation: null, workExperience: null, onTheJobTraining: null, roles: { none: {} } },
      orderBy: { code: 'asc' },
    });
    expect(bare.map((o) => o.code)).toContain('25-9042.00');
    let checked = 0;
    for (const target of bare.slice(0, 4))
      for (const p of await pathways({
        from: 'medical-assistant',
        to: target.code,
        includeEstimated: true,
        first: 1,
      })) {
        const last = p.steps.at(-1);
        expect(last.toNode.key).toBe(target.code);
        checked++;
        expect(last.untimed.join(' ')).toContain(`the preparation for ${target.title} (BLS publishes no typical`);
        expect(last.monthsIncludeUnknowns).toBe(true);
        expect(p.monthsIncludeUnknowns).toBe(true);
        expect(last.explanation).not.toMatch(/No time is counted|nothing that O\*NET and BLS record as required/);
      }
    expect(checked).toBeGreaterThan(0);
    // Nor is it within reach "now": what reaching it takes is not known.
    const { data, errors } = await client.query(
      `{ reachableRoles(from: "medical-assistant", withinMonths: 0, includeEstimated: true) {
           node { key } monthsIncludeUnknowns } }`,
    );
    expect(errors).toBeUndefined();
    const now = new Map(data.reachableRoles.map((r: any) => [r.node.key, r.monthsIncludeUnknowns]));
    expect(now.get('25-9042.00')).not.toBe(false);
  });

  it('takes BLS’s figures for an occupation BLS publishes inside a combination its page names', async () => {
    // Mental health counselors (O*NET 21-1014) are within BLS's 21-1018, whose code does not end in
    // 0: the move into them took "the preparation (BLS publishes no typical education...)".
    const { data, errors } = await client.query(
      `{ occupation(code: "21-1014.00") { typicalEducation projection { blsCode coverage }
           wages { blsCode year } } }`,
    );
    expect(errors).toBeUndefined();
    expect(data.occupation.typicalEducation).toBe('MASTERS_DEGREE');
    expect(data.occupation.projection).toEqual({ blsCode: '21-1018', coverage: 'BROADER' });
    expect(data.occupation.wages.length).toBeGreaterThan(0);
    expect(new Set(data.occupation.wages.map((w: any) => w.blsCode))).toEqual(new Set(['21-1018']));
    const [p] = await pathways({ from: 'medical-assistant', to: '21-1014.00', includeEstimated: true, first: 1 });
    const last = p.steps.at(-1);
    expect(last.toNode.key).toBe('21-1014.00');
    expect(last.programs.map((x: any) => x.name).join(' ')).toMatch(/Entry education for Mental Health Counselors/);
    expect(last.untimed.join(' ')).not.toMatch(/BLS publishes no typical/);
    expect(last.explanation).toMatch(/master/);
  });

  it('says so where BLS’s entry figures are a broader occupation’s, and never where they are its own', async () => {
    // Medical and clinical laboratory technicians (29-2012) have BLS's figures only as part of 29-2010,
    // technologists and technicians together: its bachelor's read as what a technician needs.
    for (const [code, broader] of [
      ['29-2012.00', true],
      ['29-1126.00', false],
    ] as const) {
      const { data } = await client.query(
        `query ($code: String!) { occupation(code: $code) { projection { blsCode blsTitle coverage } } }`,
        { code },
      );
      const { blsCode, blsTitle, coverage } = data.occupation.projection;
      expect(coverage).toBe(broader ? 'BROADER' : 'SAME');
      const [p] = await pathways({ from: 'medical-assistant', to: code, includeEstimated: true, first: 1 });
      const last = p.steps.at(-1);
      expect(last.basis).toBe('ESTIMATED');
      const words = `(BLS publishes these figures only for the broader ${blsTitle} (${blsCode}))`;
      if (broader) expect(last.explanation).toContain(words);
      else expect(last.explanation).not.toContain('only for the broader');
    }
  });

  it('asks a registered nurse’s licence, exam and nursing degree on the way into a nursing specialty', async () => {
    // Acute care nurses (29-1141.01) are registered nurses with a specialty: estimated from BLS's
    // bachelor's alone, they were 48 months from a medical assistant with no nursing program,
    // NCLEX-RN or licence.
    const [viaMa] = await pathways({ from: 'medical-assistant', to: '29-1141.01', includeEstimated: true, first: 1 });
    const [rn] = await pathways({ from: 'medical-assistant', to: 'registered-nurse', first: 1 });
    expect(viaMa.steps.at(-1).toNode.key).toBe('29-1141.01');
    const { data } = await client.query(
      `{ pathways(from: "medical-assistant", to: "29-1141.01", includeEstimated: true, first: 1) {
           certificationsToEarn { slug } steps { programs { program { slug } } } } }`,
    );
    const [p] = data.pathways;
    expect(p.certificationsToEarn.map((c: any) => c.slug)).toEqual(expect.arrayContaining(['nclex-rn', 'rn-license']));
    const programs = p.steps.flatMap((s: any) => s.programs.map((q: any) => q.program?.slug));
    expect(
      programs.some((slug: string) =>
        ['associate-degree-in-nursing', 'lpn-to-rn-bridge-program', 'bachelor-of-science-in-nursing'].includes(slug),
      ),
    ).toBe(true);
    expect(viaMa.totalMonths).toBeGreaterThanOrEqual(rn.totalMonths);
    expect(viaMa.monthsIncludeUnknowns).toBe(true);
    // A registered nurse holds all that: only the specialty's own time, not known, is left.
    const [fromRn] = await pathways({ from: 'registered-nurse', to: '29-1141.03', includeEstimated: true, first: 1 });
    expect(fromRn.totalMonths).toBe(0);
    expect(fromRn.untimed.join(' ')).toMatch(/the specialty of Critical Care Nurses/);
    // Its cost is not known either: "No tuition or fee is counted" read as free.
    const { data: cost } = await client.query(
      `{ pathways(from: "registered-nurse", to: "29-1141.03", includeEstimated: true, first: 1) {
           totalCostUsd summary unknownCosts { kind description } } }`,
    );
    const [c] = cost.pathways;
    expect(c.totalCostUsd).toBeNull();
    expect(c.unknownCosts).toContainEqual({
      kind: 'TRAINING',
      description: 'the cost of what the specialty of Critical Care Nurses asks beyond being a Registered Nurse',
    });
    expect(c.summary).not.toMatch(/No tuition or fee is counted/);
    expect(c.summary).toMatch(/The cost of what the specialty of Critical Care Nurses asks .* is not known/);
    // Unless O*NET puts the specialty in Job Zone 5 (most require graduate school, such as a
    // master's): advanced practice psychiatric nurses and clinical nurse specialists were "at least
    // 2 years" from a medical assistant, the specialty counted as nothing.
    const zones = await prisma.occupation.findMany({
      where: { code: { in: ['29-1141.02', '29-1141.03', '29-1141.04'] } },
      select: { code: true, jobZone: true },
    });
    const graduate = zones.filter((o) => o.jobZone === 5).map((o) => o.code);
    expect(graduate).toEqual(expect.arrayContaining(['29-1141.02', '29-1141.04']));
    expect(graduate).not.toContain('29-1141.03');
    const ask = async (profile: object) => {
      const { data } = await client.query(
        `query ($profile: LearnerProfileInput) { pathways(from: "registered-nurse", to: "29-1141.02", includeEstimated: true, first: 1, profile: $profile) {
           totalMonths monthsIncludeUnknowns untimed steps { programs { name } explanation } } }`,
        { profile },
      );
      return data.pathways[0];
    };
    const [plain, bsn] = [await ask({}), await ask({ completedPrograms: ['bachelor-of-science-in-nursing'] })];
    // A master's of at least a year after the bachelor's a registered nurse need not have (4 years).
    expect(bsn.totalMonths).toBe(12);
    expect(plain.totalMonths).toBe(60);
    expect(bsn.monthsIncludeUnknowns).toBe(true);
    expect(bsn.steps[0].programs.map((q: any) => q.name).join(' ')).toMatch(/a master’s degree/);
    expect(bsn.steps[0].explanation).toMatch(/Job Zone 5, whose occupations most require graduate school/);
    // The move's words, the same for every learner, say the bachelor's is not asked of one who has it.
    expect(bsn.steps[0].explanation).toMatch(
      /which a Registered Nurse need not have \(one who has completed it is not asked it again\)/,
    );
    expect(bsn.steps[0].explanation).not.toMatch(/estimated from BLS for/);
    // BLS's figures for registered nurses as a whole are not said of the specialty ("no related work
    // experience" beside Job Zone 5's "many require more than five years"); what it asks beyond the
    // master's is not known.
    expect(bsn.steps[0].explanation).not.toMatch(/no related work experience/);
    expect(bsn.untimed).toContain(
      'what the specialty of Advanced Practice Psychiatric Nurses asks beyond being a Registered Nurse with a master’s degree',
    );
    // Nor is a specialty a free stop on the way elsewhere: registered nurse → advanced practice
    // psychiatric nurses (asking nothing known) → aides → nurse practitioners ranked first.
    const { data: np } = await client.query(
      `{ pathways(from: "registered-nurse", to: "29-1171.00", includeEstimated: true, first: 3) { nodes { key } } }`,
    );
    expect(np.pathways.length).toBeGreaterThan(0);
    for (const q of np.pathways)
      expect(
        q.nodes
          .slice(0, -1)
          .map((n: any) => n.key)
          .filter((k: string) => k.startsWith('29-1141.0')),
      ).toEqual([]);
    // Anesthesiologist assistants share the physician assistants' SOC code but are not PAs: no PA licence.
    const { data: aa } = await client.query(
      `{ pathways(from: "medical-assistant", to: "29-1071.01", includeEstimated: true, first: 1) { certificationsToEarn { slug } } }`,
    );
    for (const q of aa.pathways) expect(q.certificationsToEarn.map((c: any) => c.slug)).not.toContain('pa-license');
  });

  it('reaches an advanced practice nurse only as a registered nurse, with the RN licence, exam and nursing degree', async () => {
    // Nurse practitioners, anesthetists and midwives are advanced practice registered nurses (BLS):
    // a medical assistant became a nurse practitioner through physical therapist aides and home health
    // aides in 60 months, with no nursing program, NCLEX-RN or licence.
    for (const code of ['29-1171.00', '29-1151.00', '29-1161.00']) {
      const { data, errors } = await client.query(
        `query ($to: String!) { pathways(from: "medical-assistant", to: $to, includeEstimated: true, first: 5) {
           totalMonths nodes { key } certificationsToEarn { slug } steps { explanation } } }`,
        { to: code },
      );
      expect(errors, code).toBeUndefined();
      expect(data.pathways.length, code).toBeGreaterThan(0);
      for (const p of data.pathways) {
        expect(p.nodes.at(-2).key, code).toBe('registered-nurse');
        expect(p.certificationsToEarn.map((c: any) => c.slug)).toEqual(
          expect.arrayContaining(['nclex-rn', 'rn-license']),
        );
        expect(p.steps.at(-1).explanation).toMatch(/entered only from Registered Nurse/);
      }
      // From an occupation (home health aides), by way of the registered nurse too, entered by its
      // open entry with the nursing degree, NCLEX-RN and licence the curated moves into it ask.
      const { data: aide, errors: aideErrors } = await client.query(
        `query ($to: String!) { pathways(from: "31-1121.00", to: $to, includeEstimated: true, first: 3) {
           nodes { key } certificationsToEarn { slug } } }`,
        { to: code },
      );
      expect(aideErrors, code).toBeUndefined();
      expect(aide.pathways.length, code).toBeGreaterThan(0);
      for (const p of aide.pathways) {
        expect(p.nodes.at(-2).key, code).toBe('registered-nurse');
        expect(p.certificationsToEarn.map((c: any) => c.slug)).toEqual(
          expect.arrayContaining(['nclex-rn', 'rn-license']),
        );
      }
    }
    // A registered nurse is asked the master's (after a bachelor's an RN need not have), no licence again.
    const [fromRn] = await pathways({ from: 'registered-nurse', to: '29-1171.00', includeEstimated: true, first: 1 });
    expect(fromRn.steps).toHaveLength(1);
    expect(fromRn.steps[0].programs.map((x: any) => x.name).join(' ')).toMatch(
      /Entry education for Nurse Practitioners/,
    );
    // And a nurse practitioner's own related links lead on: a start there answers.
    const { data: on } = await client.query(
      '{ reachableRoles(from: "29-1171.00", withinMonths: 24, includeEstimated: true) { node { key } } }',
    );
    expect(on.reachableRoles.length).toBeGreaterThan(0);
  });

  it('says a pathway ending in the occupation a role is within reaches it as that role, whose pay it is not', async () => {
    // The EKG technician is within cardiovascular technologists and technicians (29-2031.00): a
    // pathway to the occupation ended in a move that asks nothing, and read as becoming a
    // cardiovascular technologist in a month, at the occupation's pay.
    const { data, errors } = await client.query(`{
      within: pathways(from: "medical-assistant", to: "29-2031.00", includeEstimated: true, first: 3) {
        summary steps { withinOccupation from { slug } toNode { key } } } }`);
    expect(errors).toBeUndefined();
    const other = await client.query(`{
      other: pathways(from: "medical-assistant", to: "29-1126.00", includeEstimated: true, first: 1) {
        summary steps { withinOccupation } } }`);
    expect(other.errors).toBeUndefined();
    data.other = other.data.other;
    const viaRole = data.within.filter((p: any) => p.steps.at(-1).withinOccupation);
    expect(viaRole.length).toBeGreaterThan(0);
    for (const p of viaRole) {
      const last = p.steps.at(-1);
      expect(last.from.slug).toBe('ekg-technician');
      expect(p.summary).toContain(
        'Reaching Cardiovascular Technologists and Technicians this way means working in it as an EKG Technician, one of its jobs: its pay and outlook describe the whole occupation',
      );
    }
    for (const p of data.within.filter((q: any) => !q.steps.at(-1).withinOccupation))
      expect(p.summary).not.toMatch(/this way means working in it/);
    expect(data.other[0].steps.every((s: any) => !s.withinOccupation)).toBe(true);
  });

  it('asks nothing on a role’s step into its own occupation: no time, no unknown licence, no job to take', async () => {
    // It read "nothing to do on this step" beside "cost not known: any certification or licence fee
    // for Cardiovascular Technologists and Technicians", and "Working as … is not needed".
    const { data, errors } = await client.query(`{
      alone: pathways(from: "ekg-technician", to: "29-2031.00", includeEstimated: true, first: 1) {
        totalCostUsd summary unknownCosts { kind } steps { withinOccupation } } }`);
    expect(errors).toBeUndefined();
    const more = await client.query(`{
      on: pathways(from: "ekg-technician", to: "29-1124.00", includeEstimated: true, first: 1) {
        unknownCosts { kind } steps { withinOccupation passesThrough costUsd unknownCosts { kind } explanation } } }`);
    expect(more.errors).toBeUndefined();
    const [alone] = data.alone;
    expect(alone.steps[0].withinOccupation).toBe(true);
    // Nothing to do is not "a move that can happen right away" that "costs nothing": the map walk's
    // student read a free, instant move into the whole occupation's pay.
    expect(alone.summary).toMatch(
      /^EKG Technician → Cardiovascular Technologists and Technicians: EKG Technician is one of the jobs of Cardiovascular Technologists and Technicians, an O\*NET occupation, so there is no move to make/,
    );
    expect(alone.summary).toMatch(/pay and outlook describe the whole occupation, not EKG Technician alone/);
    expect(alone.summary).not.toMatch(/right away|costs nothing|No new certification/);
    expect(alone.totalCostUsd).toBe(0);
    expect(alone.unknownCosts).toEqual([]);
    expect(alone.summary).not.toMatch(/not known/);
    const [on] = more.data.on;
    const within = on.steps.find((s: any) => s.withinOccupation);
    expect(within).toBeDefined();
    expect(within.costUsd).toBe(0);
    expect(within.unknownCosts).toEqual([]);
    expect(within.passesThrough).toBe(false);
    expect(within.explanation).toMatch(/asks nothing and takes no time/);
    expect(within.explanation).not.toMatch(/not needed|not known/);
    // The real move on still says its licence is not known.
    expect(on.unknownCosts.some((u: any) => u.kind === 'EXAM_FEE')).toBe(true);
  });

  it('refuses an occupation or a SOC track without includeEstimated, instead of finding nothing', async () => {
    for (const [args, argument] of [
      ['from: "29-2052.00", to: "registered-nurse"', 'from'],
      ['from: "medical-assistant", to: "29-1126"', 'to'],
      ['from: "medical-assistant", toTrack: "soc-29"', 'toTrack'],
    ] as const) {
      const { data, errors } = await client.query(`{ pathways(${args}) { totalMonths } }`);
      expect(data).toEqual({ pathways: null });
      expect(errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument });
      expect(errors?.[0]?.message).toMatch(/includeEstimated: true/);
    }
    const reach = await client.query('{ reachableRoles(from: "29-2052.00", withinMonths: 12) { earliestMonth } }');
    expect(reach.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'from' });
    // onlyTracks of SOC tracks alone: reachableRoles answered [] (nothing in reach), pathways likewise.
    const only = 'constraints: { onlyTracks: ["soc-29", "soc-31"] }';
    for (const query of [
      `{ reachableRoles(from: "medical-assistant", withinMonths: 12, ${only}) { earliestMonth } }`,
      `{ pathways(from: "medical-assistant", to: "registered-nurse", ${only}) { totalMonths } }`,
    ]) {
      const { errors } = await client.query(query);
      expect(errors?.[0]?.extensions, query).toMatchObject({
        code: 'BAD_USER_INPUT',
        argument: 'constraints.onlyTracks',
      });
      expect(errors?.[0]?.message, query).toMatch(/includeEstimated: true/);
    }
    // With includeEstimated, or beside a curated track, they are taken.
    const reached = await client.query(
      `{ reachableRoles(from: "medical-assistant", withinMonths: 36, includeEstimated: true, ${only}) { node { key } } }`,
    );
    expect(reached.errors).toBeUndefined();
    expect(reached.data.reachableRoles.length).toBeGreaterThan(0);
    for (const r of reached.data.reachableRoles) expect(r.node.key).toMatch(/^(29|31)-/);
    const mixed = await client.query(
      '{ reachableRoles(from: "medical-assistant", withinMonths: 12, constraints: { onlyTracks: ["clinical", "soc-29"] }) { earliestMonth } }',
    );
    expect(mixed.errors).toBeUndefined();
  });

  it('takes avoidRoles as O*NET-SOC or SOC codes, as from and to take them', async () => {
    const radiologic = { from: 'medical-assistant', to: '29-2034.00', first: 5, includeEstimated: true };
    const all = await pathways(radiologic);
    // The occupation most of its pathways pass through, by its SOC code without ".00".
    const counts = new Map<string, number>();
    for (const p of all)
      for (const n of p.nodes.slice(1, -1)) if (/^\d{2}-/.test(n.key)) counts.set(n.key, (counts.get(n.key) ?? 0) + 1);
    const [passed] = [...counts].sort((a, b) => b[1] - a[1])[0]!;
    expect(passed).toMatch(/^\d{2}-\d{4}\.00$/);
    const avoided = await pathways({ ...radiologic, constraints: { avoidRoles: [passed.slice(0, 7)] } });
    expect(avoided.length).toBeGreaterThan(0);
    for (const p of avoided) expect(p.nodes.map((n: any) => n.key)).not.toContain(passed);
    // The goal itself by its short code is refused as the goal, not as an unknown slug.
    const { errors } = await client.query(
      '{ pathways(from: "medical-assistant", to: "29-2034", includeEstimated: true, constraints: { avoidRoles: ["29-2034"] }) { totalMonths } }',
    );
    expect(errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'constraints.avoidRoles' });
    expect(errors?.[0]?.message).toMatch(/names the goal itself/);
    // An occupation a curated role is names that role, as `to` does.
    const nurse = await client.query(
      '{ pathways(from: "medical-assistant", to: "registered-nurse", constraints: { avoidRoles: ["29-1141"] }) { totalMonths } }',
    );
    expect(nurse.errors?.[0]?.message).toMatch(/names the goal itself \("registered-nurse"\)/);
    // A code no occupation has is named as a code, and a code without its dash is read back to the
    // caller as one (both were "No role has the slug").
    const unknown = await client.query(
      '{ pathways(from: "medical-assistant", to: "registered-nurse", constraints: { avoidRoles: ["29-9999"] }) { totalMonths } }',
    );
    expect(unknown.errors?.[0]?.message).toBe(
      'No O*NET occupation has the code "29-9999.00" (argument "constraints.avoidRoles").',
    );
    expect(unknown.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const two = await client.query(
      '{ pathways(from: "medical-assistant", to: "registered-nurse", constraints: { avoidRoles: ["29-9999", "29-9998.00"] }) { totalMonths } }',
    );
    expect(two.errors?.[0]?.message).toBe(
      'No O*NET occupation has the codes "29-9999.00", "29-9998.00" (argument "constraints.avoidRoles").',
    );
    for (const args of [
      'to: "291126", includeEstimated: true',
      'to: "registered-nurse", constraints: { avoidRoles: ["291126"] }',
    ]) {
      const bare = await client.query(`{ pathways(from: "medical-assistant", ${args}) { totalMonths } }`);
      expect(bare.errors?.[0]?.extensions?.code, args).toBe('BAD_USER_INPUT');
      expect(bare.errors?.[0]?.message, args).toMatch(/as an O\*NET-SOC code it is written "29-1126\.00"/);
    }
  });

  it('says why a bachelor’s already held is not taken for an occupation whose entry education is one', async () => {
    // With a bachelor's in healthcare administration, general and operations managers still asked a
    // 48-month bachelor's, unexplained, while a master's-level occupation took the same degree.
    const PROFILE = `query ($p: LearnerProfileInput) {
      pathways(from: "medical-assistant", to: "11-1021.00", includeEstimated: true, first: 1, profile: $p) {
        steps { explanation programs { name months } } } }`;
    const { data, errors } = await client.query(PROFILE, {
      p: { completedPrograms: ['healthcare-administration-bachelors'] },
    });
    expect(errors).toBeUndefined();
    const step = data.pathways[0].steps.find((s: any) =>
      s.programs.some((q: any) => /a bachelor’s degree, estimated/.test(q.name)),
    );
    expect(step).toBeDefined();
    expect(step.explanation).toContain(
      'BLS does not say in which field, so a degree already held is not assumed to be in it',
    );
  });

  it('refuses to start from a registered-nurse specialty, naming the role to start from, instead of finding nothing', async () => {
    // Acute care nurses are entered only from the registered nurse and never left: from them,
    // pathways to the nurse practitioners O*NET relates them to, and reachableRoles, were empty.
    for (const query of [
      '{ pathways(from: "29-1141.01", to: "29-1171.00", includeEstimated: true) { totalMonths } }',
      '{ reachableRoles(from: "29-1141.01", withinMonths: 600, includeEstimated: true) { earliestMonth } }',
    ]) {
      const { data, errors } = await client.query(query);
      expect(Object.values(data)).toEqual([null]);
      expect(errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'from' });
      expect(errors?.[0]?.message).toMatch(/specialty of Registered Nurse.*Start from "registered-nurse"/);
    }
    // The registered nurse itself answers.
    const [p] = await pathways({ from: 'registered-nurse', to: '29-1171.00', includeEstimated: true, first: 1 });
    expect(p.steps.length).toBeGreaterThan(0);
  });

  it('with skipDetours, leaves out a route that only hops through unrelated jobs to ask what a better one asks', async () => {
    // Medical assistant → radiologic technologists: after the route through physical therapist
    // aides came one through tellers and gambling cage workers, six moves asking nothing, then the
    // same associate's degree.
    const QUERY = `query ($skip: Boolean) {
      pathways(from: "medical-assistant", to: "29-2034.00", first: 5, includeEstimated: true, skipDetours: $skip) {
        totalMonths stepCount nodes { key }
        steps { toNode { key } months untimed programs { name } certificationsToEarn { slug } }
      } }`;
    type S = {
      toNode: { key: string };
      months: number;
      untimed: string[];
      programs: { name: string }[];
      certificationsToEarn: unknown[];
    };
    // What a pathway asks, where (docs/cost-model.md): a step of unknown length counts on the better
    // route, not on the padding one.
    const asks = (p: { steps: S[] }, better: boolean) =>
      p.steps
        .filter(
          (s) =>
            s.months > 0 ||
            s.programs.length > 0 ||
            s.certificationsToEarn.length > 0 ||
            (better && s.untimed.length > 0),
        )
        .map((s) => `${s.toNode.key}:${s.months}:${s.programs.map((x) => x.name)}`)
        .join(' ');
    const hopsAround = (list: any[]) =>
      list.some((b, j) =>
        list
          .slice(0, j)
          .some(
            (a) => a.totalMonths === b.totalMonths && b.stepCount >= a.stepCount && asks(a, true) === asks(b, false),
          ),
      );
    const ask = async (skip: boolean) => {
      const { data, errors } = await client.query(QUERY, { skip });
      expect(errors).toBeUndefined();
      return data.pathways as any[];
    };
    const all = await ask(false);
    expect(hopsAround(all)).toBe(true);
    const kept = await ask(true);
    expect(hopsAround(kept)).toBe(false);
    // Of the routes as fast as the first that ask what it asks and only hop otherwise (through
    // pharmacy technicians, dispensing opticians, medical equipment preparers…), one is kept.
    const likeFirst = (list: any[]) =>
      list.filter((b) => b.totalMonths === all[0].totalMonths && asks(all[0], true) === asks(b, false));
    expect(likeFirst(all).length).toBeGreaterThan(1);
    expect(likeFirst(kept)).toHaveLength(1);
  });

  it('enters a curated role from an O*NET occupation only by its open entry, asking what its curated ways in ask', async () => {
    // A nursing assistant could not become an LPN at all (decision 024): now by the LPN's open entry,
    // asking exactly what the curated moves into it from entry-level roles ask.
    const STEP = `{ pathways(from: $from, to: "licensed-practical-nurse", includeEstimated: true, first: 1) { summary
        steps { basis months knownCostUsd unknownCosts { kind } certificationsToEarn { slug } programs { name }
                explanation toNode { key } } } }`;
    const { data, errors } = await client.query(`query ($from: String!) ${STEP}`, { from: '31-1131.00' });
    expect(errors).toBeUndefined();
    const { data: curated } = await client.query(`query ($from: String!) ${STEP}`, { from: 'medical-assistant' });
    const [entry] = data.pathways[0].steps.filter((s: any) => s.toNode.key === 'licensed-practical-nurse');
    const [way] = curated.pathways[0].steps;
    expect(way.basis).toBe('CURATED');
    expect(entry.basis).toBe('ESTIMATED');
    for (const field of ['months', 'knownCostUsd', 'unknownCosts', 'certificationsToEarn', 'programs'])
      expect(entry[field], field).toEqual(way[field]);
    expect(entry.explanation).toMatch(
      /it asks what every curated move into Licensed Practical Nurse from an entry-level role asks \(from .*Medical Assistant.*\)/,
    );
    // Its licence is the curated one, priced as curated: not "not known" like an estimated move's.
    expect(entry.explanation).not.toMatch(/Any certification or licence this move needs is not known/);
    if (data.pathways[0].steps.length === 1)
      expect(data.pathways[0].summary).not.toMatch(/Any certification or licence the estimated move/);
    // A role with no open entry and none reached from one is refused, said rather than found empty,
    // with the roles the occupation does enter.
    const { errors: refused } = await client.query(PATHWAYS, {
      from: '31-1131.00',
      to: 'junior-administrative-assistant',
      includeEstimated: true,
    });
    expect(refused?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'to' });
    expect(refused?.[0]?.message).toMatch(
      /names the curated role Junior Administrative Assistant.*, which pathways from Nursing Assistants do not reach here: a curated role is entered only by curated moves, or straight from the starting occupation/,
    );
    expect(refused?.[0]?.message).toMatch(/From Nursing Assistants a pathway enters only .*"licensed-practical-nurse"/);
    // Only from the occupation the learner is in, where O*NET relates it to the role: not by way of
    // other occupations (embalmers became medical assistants through phlebotomy in 16 months, and
    // every occupation reached a curated role so). Heavy truck drivers enter none of them.
    const { data: rel } = await client.query(
      '{ occupation(code: "53-3032.00") { relatedOccupations { occupation { code } } } }',
    );
    const related = rel.occupation.relatedOccupations.map((r: any) => r.occupation.code);
    for (const code of ['29-2061.00', '29-1141.00', '31-9097.00', '29-2055.00']) expect(related).not.toContain(code);
    const { errors: far } = await client.query(PATHWAYS, {
      from: '53-3032.00',
      to: 'licensed-practical-nurse',
      includeEstimated: true,
    });
    expect(far?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'to' });
    expect(far?.[0]?.message).toMatch(/No curated role is entered from Heavy and Tractor-Trailer Truck Drivers/);
    // Not from an occupation entered only from a curated role: nurse practitioners are registered
    // nurses already, and an open entry made them registered nurses again in 24 months.
    const { errors: np } = await client.query(PATHWAYS, {
      from: '29-1171.00',
      to: 'registered-nurse',
      includeEstimated: true,
    });
    expect(np?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'to' });
    expect(np?.[0]?.message).toMatch(
      /Nurse Practitioners are Registered Nurses with more, so start from "registered-nurse"/,
    );
    // Held, an open entry is the curated moves' "no further requirements", and is no mere link to
    // the move after it (the registered nurse before nurse practitioners).
    const held = await client.query(
      `{ lpn: pathways(from: "31-1131.00", to: "licensed-practical-nurse", includeEstimated: true, first: 1,
                       profile: { heldCertifications: ["lpn-license"] }) { summary steps { months explanation } } }`,
    );
    expect(held.errors).toBeUndefined();
    const heldRn = await client.query(
      `{ np: pathways(from: "31-1131.00", to: "29-1171.00", includeEstimated: true, first: 1,
                      profile: { heldCertifications: ["rn-license"] }) { summary steps { passesThrough explanation toNode { key } } } }`,
    );
    expect(heldRn.errors).toBeUndefined();
    const [lpn] = held.data.lpn;
    expect(lpn.steps).toHaveLength(1);
    expect(lpn.steps[0].months).toBe(0);
    expect(lpn.steps[0].explanation).toMatch(/: no further requirements\./);
    expect(lpn.steps[0].explanation).toMatch(/This can happen right away/);
    expect(lpn.steps[0].explanation).not.toMatch(/O\*NET and BLS record|No time is counted/);
    expect(lpn.summary).toMatch(
      /No new certification or licence is counted on this move: the LPN licence, which this move asks, is already held\./,
    );
    expect(lpn.summary).toMatch(/The move into Licensed Practical Nurse asks what the curated moves into it/);
    const [toNp] = heldRn.data.np;
    const rn = toNp.steps.find((s: any) => s.toNode.key === 'registered-nurse');
    expect(rn).toBeDefined();
    expect(rn.passesThrough).toBe(false);
    expect(toNp.summary).not.toMatch(/Working as Registered Nurse is not needed/);
    // Once in the curated roles a pathway from an occupation stays there (or goes on to an occupation
    // entered only from a curated role, as nurse practitioners from the registered nurse).
    for (const to of ['29-1171.00', '29-1126.00', 'registered-nurse']) {
      const found = await pathways({ from: '31-1131.00', to, includeEstimated: true, first: 5 });
      expect(found.length, to).toBeGreaterThan(0);
      for (const p of found) {
        const curated = p.nodes.map((n: any) => n.__typename === 'Role');
        const firstCurated = curated.indexOf(true);
        if (firstCurated < 0) continue;
        expect(firstCurated, to).toBe(1); // entered on the first move, by an open entry
        const left = curated.slice(firstCurated).indexOf(false);
        if (left >= 0)
          expect(
            p.nodes.slice(firstCurated + left).map((n: any) => n.key),
            to,
          ).toEqual([to]);
      }
    }
    // From a curated role the open entries are not taken: its answers are the curated graph's (the
    // test of every pair of curated roles above), and to another occupation it still searches.
    expect((await pathways({ from: '31-1131.00', to: '29-1126.00', includeEstimated: true })).length).toBeGreaterThan(
      0,
    );
  });

  it('takes O*NET-SOC codes in from and to; an occupation a role is (EXACT) is that role', async () => {
    const bySlug = await pathways({ from: 'medical-assistant', to: '29-2034.00', includeEstimated: true });
    const byCode = await pathways({ from: '31-9092.00', to: '29-2034', includeEstimated: true });
    expect(byCode).toEqual(bySlug);
    const rn = await pathways({ from: 'medical-assistant', to: '29-1141.00', first: 1 });
    expect(rn[0].nodes.at(-1)).toMatchObject({ __typename: 'Role', key: 'registered-nurse' });
    const { errors } = await client.query(PATHWAYS, { from: 'medical-assistant', to: '99-9999.00' });
    expect(errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', argument: 'to' });
    // Not a code at all: refused as occupation(code:) refuses it, not looked up as a role's slug.
    const malformed = await client.query(PATHWAYS, {
      from: 'medical-assistant',
      to: '29-1141.0',
      includeEstimated: true,
    });
    expect(malformed.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'to' });
    expect(malformed.errors?.[0]?.message).toMatch(/"29-1141\.0" is not an O\*NET-SOC code/);
  });

  it('reaches the tracks of SOC major groups, and keeps to them', async () => {
    const found = await pathways({ from: 'medical-assistant', toTrack: 'soc-29', first: 3, includeEstimated: true });
    expect(found.length).toBeGreaterThan(0);
    for (const p of found) expect(p.nodes.at(-1).key).toMatch(/^29-/);
    // To an occupation of the track (29-2055.00 names the curated surgical technologist, on a curated
    // track that onlyTracks leaves out: refused, as the goal's track must be allowed).
    const kept = await pathways({
      from: 'medical-assistant',
      to: '29-1126.00',
      first: 3,
      includeEstimated: true,
      constraints: { onlyTracks: ['soc-29'] },
    });
    expect(kept.length).toBeGreaterThan(0);
    for (const p of kept) for (const n of p.nodes.slice(1)) expect(n.key).toMatch(/^29-/);
    // Such a track has no record: track(slug:) says what it is and where it is taken, not only
    // "No track has the slug" beside the errors that name it.
    const { data, errors } = await client.query('{ track(slug: "SOC-29") { slug } }');
    expect(data).toEqual({ track: null });
    expect(errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', argument: 'slug' });
    expect(errors?.[0]?.message).toMatch(/SOC major group 29-0000 \(Healthcare practitioners and technical\)/);
    expect(errors?.[0]?.message).toMatch(/toTrack and onlyTracks take with includeEstimated: true/);
    // A group that does not exist is any unknown slug.
    const none = await client.query('{ track(slug: "soc-98") { slug } }');
    expect(none.errors?.[0]?.message).toMatch(/^No track has the slug "soc-98"/);
  });

  it('between curated roles, answers exactly as the curated graph alone does, with or without includeEstimated (the engine, every pair; the API, a sample)', async () => {
    const { input } = await readGraphInput(prisma);
    const curated = buildIndex({
      ...input,
      roles: input.roles.filter((r) => r.id > 0),
      programs: input.programs.filter((p) => p.id > 0),
      transitions: input.transitions.filter((t) => !t.estimated),
    });
    const whole = buildIndex(input);
    const slugs = input.roles.filter((r) => r.id > 0).map((r) => r.slug);
    const idIn = (ix: typeof whole, slug: string) => ix.roleIds[ix.roleBySlug.get(slug)!]!;
    let pairs = 0;
    for (const rankBy of ['FASTEST', 'CHEAPEST', 'FEWEST_NEW_CERTIFICATIONS', 'FEWEST_STEPS'] as const)
      for (const from of slugs)
        for (const to of slugs) {
          if (from === to) continue;
          const q = { from: idIn(whole, from), to: idIn(whole, to), k: 5, rankBy };
          expect(findPathways(whole, q)).toEqual(findPathways(curated, q));
          pairs++;
        }
    expect(pairs).toBeGreaterThan(400);
    // With includeEstimated too: a curated role is entered only by its curated moves, so no pathway
    // between curated roles can leave them (an occupation never leads back), and none is shorter or
    // cheaper than the curated data says (an estimated move into a licensed role would skip the
    // licence and the program the curated moves ask for).
    let estimatedPairs = 0;
    for (const rankBy of ['FASTEST', 'CHEAPEST'] as const)
      for (const from of slugs)
        for (const to of slugs) {
          if (from === to) continue;
          const q = { from: idIn(whole, from), to: idIn(whole, to), k: 3, rankBy };
          expect(findPathways(whole, { ...q, includeEstimated: true })).toEqual(findPathways(curated, q));
          estimatedPairs++;
        }
    expect(estimatedPairs).toBeGreaterThan(200);
    const QUERY = `query ($from: String!, $to: String!, $rankBy: PathwayRanking) {
      pathways(from: $from, to: $to, first: 3, rankBy: $rankBy) { totalMonths estimatedCostUsd stepCount roles { slug } }
    }`;
    let compared = 0;
    for (const rankBy of ['FASTEST', 'CHEAPEST'] as const)
      for (const from of slugs.slice(0, 1))
        for (const to of slugs.slice(0, 12)) {
          if (from === to) continue;
          const { data, errors } = await client.query(QUERY, { from, to, rankBy });
          expect(errors).toBeUndefined();
          const expected = findPathways(curated, {
            from: curated.roleIds[curated.roleBySlug.get(from)!]!,
            to: curated.roleIds[curated.roleBySlug.get(to)!]!,
            k: 3,
            rankBy,
          });
          expect(
            data.pathways.map((p: any) => [
              p.totalMonths,
              p.estimatedCostUsd,
              p.stepCount,
              p.roles.map((r: any) => r.slug),
            ]),
          ).toEqual(
            expected.map((p) => [
              p.totalMonths,
              Math.round(p.totalCostUsd),
              p.stepCount,
              p.roleIds.map((id) => curated.roleSlugs[curated.roleIndexById.get(id)!]),
            ]),
          );
          compared += expected.length;
        }
    expect(compared).toBeGreaterThan(0);
  });

  it('reaches no graduate-degree occupation without a bachelor’s degree on the way', async () => {
    // A medical assistant has no bachelor's: a master's takes at least 4 + 1 years, a doctoral or
    // professional degree 4 + 2 (IPEDS). The curated registered nurse is reached through an
    // associate-level bridge, though BLS's typical education for the occupation is a bachelor's:
    // moves on from it once skipped the bachelor's (nurse practitioners in 36 months, physicians in 48).
    const LEAST: Record<string, number> = { MASTERS_DEGREE: 60, DOCTORAL_OR_PROFESSIONAL_DEGREE: 72 };
    const { data, errors } = await client.query(
      `{ reachableRoles(from: "medical-assistant", withinMonths: 84, includeEstimated: true) {
          earliestMonth node { key ... on Occupation { typicalEducation } } } }`,
    );
    expect(errors).toBeUndefined();
    const graduate = (data.reachableRoles as any[]).filter((r) => LEAST[r.node.typicalEducation] !== undefined);
    expect(graduate.length).toBeGreaterThan(0);
    for (const r of graduate)
      expect(r.earliestMonth, `${r.node.key} (${r.node.typicalEducation})`).toBeGreaterThanOrEqual(
        LEAST[r.node.typicalEducation]!,
      );
    // Nurse practitioners (a master's), by way of the registered nurse: the bachelor's is counted, and said.
    const [fastest] = await pathways({
      from: 'medical-assistant',
      to: '29-1171.00',
      first: 1,
      rankBy: 'FASTEST',
      includeEstimated: true,
    });
    expect(fastest.totalMonths).toBeGreaterThanOrEqual(60);
    const last = fastest.steps.at(-1);
    expect(last.programs.map((p: any) => p.months).reduce((a: number, b: number) => a + b, 0)).toBeGreaterThanOrEqual(
      60,
    );
    expect(last.explanation).toMatch(
      /after a bachelor’s degree of at least 4 years, which (an? [A-Z][\w ]+ need not have|the starting occupation does not typically have)/,
    );
  });

  it('asks a registered nurse a bachelor’s on the way to a master’s, unless the profile has one (a BSN)', async () => {
    const ask = async (profile?: Record<string, unknown>) => {
      const { data, errors } = await client.query(
        `query ($profile: LearnerProfileInput) {
          pathways(from: "registered-nurse", to: "29-1171.00", first: 1, includeEstimated: true, profile: $profile) {
            totalMonths steps { programs { name reason months } } } }`,
        { profile },
      );
      expect(errors).toBeUndefined();
      const [p] = data.pathways as any[];
      return { months: p.totalMonths, programs: p.steps.flatMap((s: any) => s.programs) as any[] };
    };
    const adn = await ask();
    expect(adn.months).toBeGreaterThanOrEqual(60);
    // The bachelor's is asked: the dataset's, before the master's, or counted into it (from an
    // occupation on the way, tied with it at the same months and cost).
    expect(
      adn.programs.some(
        (p) =>
          (p.name === "Bachelor's degree (any field)" && p.months === 48) ||
          (/a bachelor’s degree, then a master’s degree/.test(p.name) && p.months === 60),
      ),
    ).toBe(true);
    for (const completedPrograms of [['bachelor-of-science-in-nursing'], ['bachelors-degree']]) {
      const bsn = await ask({ completedPrograms });
      expect(bsn.months, completedPrograms[0]).toBe(adn.months - 48);
      expect(bsn.programs.some((p) => p.name === "Bachelor's degree (any field)")).toBe(false);
    }
  });

  it('lets a compliance specialist, whose occupation typically asks a bachelor’s it need not have, move on without one', async () => {
    // Compliance officers (13-1041.00) typically have a bachelor's; the curated compliance specialist
    // need not. Moves from the role ask what each target asks of someone without one: an eligibility
    // interviewer (a high school diploma) no bachelor's, a graduate degree the bachelor's first.
    const [interviewer] = await pathways({
      from: 'compliance-specialist',
      to: '43-4061.00',
      first: 1,
      includeEstimated: true,
    });
    expect(interviewer.totalMonths).toBeLessThan(48);
    expect(interviewer.steps[0].explanation).toContain('the occupation Healthcare Compliance Specialist is within');
    const { data, errors } = await client.query(
      `{ reachableRoles(from: "compliance-specialist", withinMonths: 47, includeEstimated: true) { node { key } } }`,
    );
    expect(errors).toBeUndefined();
    expect(data.reachableRoles.length).toBeGreaterThan(0);
  });

  it('reachableRoles reaches occupations only when asked', async () => {
    const QUERY = `query ($inc: Boolean!) { reachableRoles(from: "medical-assistant", withinMonths: 6, includeEstimated: $inc) {
      role { slug } node { key } earliestMonth monthsIncludeUnknowns pathway { estimatedSteps monthsIncludeUnknowns } } }`;
    const answer = async (inc: boolean) => {
      const { data, errors } = await client.query(QUERY, { inc });
      expect(errors).toBeUndefined();
      return data.reachableRoles as any[];
    };
    const curated = await answer(false);
    const all = await answer(true);
    expect(curated.every((r) => r.role !== null && r.pathway.estimatedSteps === 0)).toBe(true);
    expect(all.length).toBeGreaterThan(curated.length);
    expect(all.some((r) => r.role === null && /^\d{2}-\d{4}\.\d{2}$/.test(r.node.key))).toBe(true);
    // Occupations "reached" only by counting a program of unknown length as 0 months say so.
    for (const r of all) expect(r.monthsIncludeUnknowns).toBe(r.pathway.monthsIncludeUnknowns);
    expect(all.some((r) => r.monthsIncludeUnknowns)).toBe(true);
    // Among curated roles only those entered by a move whose training no source describes
    // (unknownTraining: the specialty, and the ophthalmic assistant's independent study course).
    const undescribed = await prisma.transition.findMany({
      where: { unknownTraining: { not: null } },
      select: { toRole: { select: { slug: true } } },
    });
    // Each is entered only by such a move, so exactly those reached are of unknown length.
    const untimed = curated.filter((r) => r.monthsIncludeUnknowns).map((r) => r.role.slug);
    const entered = new Set(undescribed.map((t) => t.toRole.slug));
    expect(untimed).toContain('specialty-medical-assistant');
    expect(untimed.sort()).toEqual(
      curated
        .map((r) => r.role.slug)
        .filter((slug) => entered.has(slug))
        .sort(),
    );
  });
});

describe('jobs only passed through', () => {
  it('are not named among the tracks a pathway crosses', async () => {
    // Nursing assistants → orderlies → ambulance drivers → public safety telecommunicators → police:
    // "crosses … to the transportation … track, from … to the office and administrative support …
    // track" named two tracks the learner never works in.
    const [p] = await pathways({ from: '31-1131.00', to: '33-3051.00', first: 1, includeEstimated: true });
    const through = p.steps.filter((s: any) => s.passesThrough);
    expect(through.length).toBeGreaterThan(0);
    const crosses = /It crosses ([^.]*)\./.exec(p.summary)?.[1] ?? '';
    expect(crosses).toMatch(
      /^from the healthcare support occupations \(SOC 31-0000\) track to the protective service occupations \(SOC 33-0000\) track$/,
    );
    // From a role of the hybrid track, which bridges the others, through physical therapist aides to
    // respiratory therapists: no track is crossed, as a move out of the hybrid track crosses none
    // (the first rewrite of these words said "crosses from the hybrid track").
    const [rt] = await pathways({ from: 'medical-assistant', to: '29-1126.00', first: 1, includeEstimated: true });
    expect(rt.steps.some((s: any) => s.passesThrough)).toBe(true);
    expect(rt.summary).not.toMatch(/It crosses|hybrid track/);
  });
});

describe('training once hired', () => {
  // "3 moves with no time counted" to dispensing opticians read as ready on the day: BLS gives them
  // long-term on-the-job training, which the step's words said and the summary did not.
  const ON_THE_JOB: Record<string, string> = {
    MODERATE_TERM: 'moderate-term on-the-job training (1 to 12 months)',
    LONG_TERM: 'long-term on-the-job training (more than 12 months)',
  };
  it('is said in the summary for the jobs the pathway needs, not for those it only passes through', async () => {
    const [p] = await pathways({ from: 'medical-assistant', to: '29-2081.00', first: 1, includeEstimated: true });
    const byCode = new Map<string, any>();
    for (const code of p.steps.filter((s: any) => s.toNode.code).map((s: any) => s.toNode.code)) {
      const { data, errors } = await client.query(
        `query ($code: String!) { occupation(code: $code) { title onTheJobTraining } }`,
        { code },
      );
      expect(errors).toBeUndefined();
      byCode.set(code, data.occupation);
    }
    const goal = byCode.get('29-2081.00')!;
    expect(ON_THE_JOB[goal.onTheJobTraining], goal.onTheJobTraining).toBeDefined();
    expect(p.totalMonths).toBe(0);
    expect(p.summary).toContain(
      `BLS says the new job typically trains its workers once hired, which the months here do not count: ${ON_THE_JOB[goal.onTheJobTraining]} for ${goal.title}.`,
    );
    // An occupation on the way whose work is not needed: its training is not named.
    const passed = p.steps.slice(0, -1).filter((s: any) => s.toNode.code && /is not needed/.test(s.explanation));
    expect(passed.length).toBeGreaterThan(0);
    for (const s of passed) expect(p.summary).not.toContain(`for ${byCode.get(s.toNode.code).title}`);
  });
});

describe('an O*NET occupation in words', () => {
  it('is worked in, not worked "as": its title is plural', async () => {
    // "work 3 years more as First-Line Supervisors of Office and Administrative Support Workers",
    // "2 years as Nursing Assistants": O*NET names an occupation by its workers, in the plural.
    const { data, errors } = await client.query(
      `{ pathways(from: "43-1011.00", to: "11-1021.00", includeEstimated: true, first: 1,
                  profile: { yearsInCurrentRole: 2 }) {
           steps { experienceMonths experienceCountedMonths explanation fromNode { title ... on Occupation { code } } } } }`,
    );
    expect(errors).toBeUndefined();
    const steps = (data.pathways as any[])[0].steps as any[];
    const worked = steps.filter((s) => s.fromNode.code && s.experienceMonths > 0);
    expect(worked.length, 'a step asking years in an occupation').toBeGreaterThan(0);
    for (const s of worked) {
      expect(s.explanation).toContain(` in the occupation ${s.fromNode.title}`);
      expect(s.explanation).not.toContain(` as ${s.fromNode.title}`);
    }
    // The years the student brings, counted toward them, are said the same way.
    const counted = steps.find((s) => s.fromNode.code && s.experienceCountedMonths > 0);
    expect(counted?.explanation).toMatch(
      /The move asks \d+ years in the occupation .*; your years in your current role count for 2 years of them/,
    );
  });
});
