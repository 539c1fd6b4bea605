/**
 * Arguments a person types (issue #19): every slug argument of the schema matches whatever its
 * case and answers an unknown slug with NOT_FOUND suggesting the nearest slugs; every paged field
 * refuses a page above its cap, whatever the request selects. The lists of arguments and paged
 * fields are read from the schema, so a new one fails here until it is covered.
 */
import { type GraphQLArgument, GraphQLError, type GraphQLInputField, getNamedType, isInputObjectType } from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import { SearchBudgetExceeded } from '../../src/graph/index.js';
import { runSearch } from '../../src/schema/pathway-inputs.js';
import { PAGE } from '../../src/schema/errors.js';
import { schema } from '../../src/schema/index.js';
import { testDatabase } from '../support/database.js';
import { type Client, graphqlClient, keyedClient } from '../support/graphql.js';
import { queryFields } from '../support/schema-fields.js';

let client: Client;
let editor: Client;
beforeAll(async () => {
  const { prisma } = await testDatabase('seeded');
  client = graphqlClient(prisma, undefined, {}, { rateLimitPoints: 0 });
  editor = await keyedClient(prisma, 'arguments-editor', 'editor', { rateLimitPoints: 0 });
});

const SLUG = /\bslugs?\b/i;

/** Argument paths whose description says they take slugs: "Query.pathways(constraints.avoidRoles)". */
function slugArguments(): string[] {
  const out: string[] = [];
  const inputs = (prefix: string, arg: GraphQLArgument | GraphQLInputField, path: string) => {
    if (SLUG.test(arg.description ?? '')) out.push(`${prefix}(${path})`);
    const type = getNamedType(arg.type);
    if (isInputObjectType(type))
      for (const f of Object.values(type.getFields())) inputs(prefix, f, `${path}.${f.name}`);
  };
  for (const { coordinate, field } of queryFields()) for (const arg of field.args) inputs(coordinate, arg, arg.name);
  return [...new Set(out)].sort();
}

type Kind = 'role' | 'track' | 'certification' | 'training program' | 'organization';
/** A real slug of each kind, a slip of it, and the slug in other capitals. */
const SAMPLES: Record<Kind, { slug: string; typo: string; shouted: string }> = {
  role: { slug: 'registered-nurse', typo: 'registerd-nurse', shouted: 'Registered-Nurse' },
  track: { slug: 'administrative', typo: 'administrativ', shouted: 'Administrative' },
  certification: { slug: 'nclex-rn', typo: 'nclex-rm', shouted: 'NCLEX-RN' },
  'training program': {
    slug: 'associate-degree-in-nursing',
    typo: 'associate-degre-in-nursing',
    shouted: 'Associate-Degree-In-Nursing',
  },
  organization: { slug: 'ncsbn', typo: 'ncsbm', shouted: 'NCSBN' },
};

const json = JSON.stringify;
/** The arguments every pathway search shares that take slugs, and how to give each the value `v`. */
const SEARCH_SLUGS = [
  ['from', 'role', (v: string) => `from: ${v}`],
  ['profile.heldCertifications', 'certification', (v: string) => `profile: { heldCertifications: [${v}] }`],
  ['profile.completedPrograms', 'training program', (v: string) => `profile: { completedPrograms: [${v}] }`],
  ['constraints.avoidRoles', 'role', (v: string) => `constraints: { avoidRoles: [${v}] }`],
  // With the goal's track too: a list that leaves it out is refused (every search here ends on "clinical").
  ['constraints.onlyTracks', 'track', (v: string) => `constraints: { onlyTracks: [${v}, "clinical"] }`],
] as const;

/** The cases of one search field: `call(args)` asks it with these arguments, `from` is its start otherwise. */
const searchCases = (field: string, from: string, call: (args: string) => string) =>
  Object.fromEntries(
    SEARCH_SLUGS.map(([path, kind, arg]) => [
      `${field}(${path})`,
      { kind, query: (v: string) => call(`${path === 'from' ? '' : `from: "${from}", `}${arg(v)}`) },
    ]),
  );

/** How to ask each slug argument for a value `v` (a JSON literal), everything else valid. */
const CASES: Record<string, { kind: Kind; query: (v: string) => string }> = {
  'Query.certification(slug)': { kind: 'certification', query: (v) => `{ certification(slug: ${v}) { slug } }` },
  'Query.certifications(issuer)': {
    kind: 'organization',
    query: (v) => `{ certifications(issuer: ${v}) { totalCount } }`,
  },
  'Query.compareRoles(slugs)': {
    kind: 'role',
    query: (v) => `{ compareRoles(slugs: ["medical-assistant", ${v}]) { sameTrack } }`,
  },
  ...searchCases(
    'Query.pathways',
    'medical-assistant',
    (args) => `{ pathways(${args}, toTrack: "clinical", first: 1) { totalMonths } }`,
  ),
  'Query.pathways(to)': {
    kind: 'role',
    query: (v) => `{ pathways(from: "medical-assistant", to: ${v}, first: 1) { totalMonths } }`,
  },
  'Query.pathways(toTrack)': {
    kind: 'track',
    query: (v) => `{ pathways(from: "medical-assistant", toTrack: ${v}, first: 1) { totalMonths } }`,
  },
  ...searchCases(
    'Query.reachableRoles',
    'medical-assistant',
    (args) => `{ reachableRoles(${args}, withinMonths: 12) { earliestMonth } }`,
  ),
  'Query.role(slug)': { kind: 'role', query: (v) => `{ role(slug: ${v}) { slug } }` },
  'Query.roles(track)': { kind: 'track', query: (v) => `{ roles(track: ${v}) { totalCount } }` },
  'Query.roles(certification)': {
    kind: 'certification',
    query: (v) => `{ roles(certification: ${v}) { totalCount } }`,
  },
  'Query.skillGap(from)': {
    kind: 'role',
    query: (v) => `{ skillGap(from: ${v}, to: "licensed-practical-nurse") { similarity } }`,
  },
  'Query.skillGap(to)': {
    kind: 'role',
    query: (v) => `{ skillGap(from: "clinical-medical-assistant", to: ${v}) { similarity } }`,
  },
  'Query.sources(publisher)': { kind: 'organization', query: (v) => `{ sources(publisher: ${v}) { totalCount } }` },
  'Query.track(slug)': { kind: 'track', query: (v) => `{ track(slug: ${v}) { slug } }` },
  'Query.trackBridges(fromTrack)': {
    kind: 'track',
    query: (v) => `{ trackBridges(fromTrack: ${v}, toTrack: "clinical") { fromTrack { slug } } }`,
  },
  'Query.trackBridges(toTrack)': {
    kind: 'track',
    query: (v) => `{ trackBridges(fromTrack: "clinical", toTrack: ${v}) { toTrack { slug } } }`,
  },
  'Query.trainingProgram(slug)': { kind: 'training program', query: (v) => `{ trainingProgram(slug: ${v}) { slug } }` },
  ...searchCases(
    'TrackBridges.pathways',
    'administrative-medical-assistant',
    (args) =>
      `{ trackBridges(fromTrack: "administrative", toTrack: "clinical") { pathways(${args}, first: 1) { totalMonths } } }`,
  ),
};

describe('slug arguments', () => {
  it('are all covered here (read from the schema: arguments described as slugs)', () => {
    expect(Object.keys(CASES).sort()).toEqual(slugArguments());
  });

  for (const [path, { kind, query }] of Object.entries(CASES)) {
    // trackBridges.pathways(from) must be on fromTrack: the administrative sample for that one.
    const sample =
      path === 'TrackBridges.pathways(from)'
        ? {
            slug: 'administrative-medical-assistant',
            typo: 'administrative-medical-asistant',
            shouted: 'Administrative-Medical-Assistant',
          }
        : path === 'Query.trackBridges(fromTrack)'
          ? { slug: 'administrative', typo: 'administrativ', shouted: 'ADMINISTRATIVE' }
          : SAMPLES[kind];
    it(`${path}: an unknown ${kind} is NOT_FOUND with the nearest slug; other capitals match`, async () => {
      const bad = await client.query(query(json(sample.typo)));
      expect(bad.errors, path).toHaveLength(1);
      const [error] = bad.errors!;
      expect(error!.extensions, path).toMatchObject({
        code: 'NOT_FOUND',
        argument: path.slice(path.indexOf('(') + 1, -1),
      });
      expect(error!.extensions?.suggestions, path).toContain(sample.slug);
      expect(error!.message, path).toContain(`Did you mean "${sample.slug}"`);
      expect(error!.message, path).toContain(`"${sample.typo}"`);

      const good = await client.query(query(json(sample.shouted)));
      expect(good.errors, path).toBeUndefined();
    });

    // An empty slug names no record: not a filter left unset (the list filters once answered every
    // record). NOT_FOUND, or BAD_USER_INPUT where a role slug or an O*NET code is asked for.
    it(`${path}: an empty ${kind} slug is refused, naming the argument`, async () => {
      const { errors } = await client.query(query(json('')));
      expect(errors, path).toHaveLength(1);
      expect(errors![0]!.extensions?.argument, path).toBe(path.slice(path.indexOf('(') + 1, -1));
      expect(['NOT_FOUND', 'BAD_USER_INPUT'], path).toContain(errors![0]!.extensions?.code);
    });
  }

  it('in mutation inputs, are each described as "Slug…" or "Slugs…", the rule that reads them whatever their case', () => {
    const slugFields: string[] = [];
    const visit = (typeName: string, seen: Set<string>) => {
      const type = schema.getType(typeName);
      if (!isInputObjectType(type) || seen.has(typeName)) return;
      seen.add(typeName);
      for (const f of Object.values(type.getFields())) {
        if (SLUG.test(f.description ?? '')) slugFields.push(`${typeName}.${f.name}: ${f.description}`);
        visit(getNamedType(f.type).name, seen);
      }
    };
    const seen = new Set<string>();
    for (const m of Object.values(schema.getMutationType()!.getFields()))
      for (const a of m.args) visit(getNamedType(a.type).name, seen);
    expect(slugFields.length).toBeGreaterThan(10);
    for (const f of slugFields) expect(f).toMatch(/^[\w.]+: Slugs? /);
  });

  it('keep their suggestions when introspection is off (slugs are data, not the schema)', async () => {
    const { prisma } = await testDatabase('seeded');
    const hidden = graphqlClient(prisma, undefined, {}, { introspection: false, graphiql: false });
    const { errors } = await hidden.query('{ role(slug: "registerd-nurse") { slug } }');
    expect(errors?.[0]?.extensions?.suggestions).toEqual(['registered-nurse']);
    expect(errors?.[0]?.message).toContain('Did you mean "registered-nurse"?');
  });

  it('suggest the record an acronym or another title names: "lpn", "rn", "cma-aama", "adn"', async () => {
    for (const [query, argument, slug] of [
      ['{ role(slug: "lpn") { slug } }', 'slug', 'licensed-practical-nurse'],
      ['{ pathways(from: "medical-assistant", to: "RN") { totalMonths } }', 'to', 'registered-nurse'],
      [
        '{ pathways(from: "medical-assistant", to: "registered-nurse", constraints: { avoidRoles: ["lpn"] }) { totalMonths } }',
        'constraints.avoidRoles',
        'licensed-practical-nurse',
      ],
      [
        '{ pathways(from: "medical-assistant", to: "registered-nurse", profile: { heldCertifications: ["cma-aama"] }) { totalMonths } }',
        'profile.heldCertifications',
        'cma',
      ],
      [
        '{ pathways(from: "medical-assistant", to: "registered-nurse", profile: { completedPrograms: ["adn"] }) { totalMonths } }',
        'profile.completedPrograms',
        'associate-degree-in-nursing',
      ],
      ['{ certification(slug: "CMA (AAMA)") { slug } }', 'slug', 'cma'],
      ['{ certification(slug: "RN") { slug } }', 'slug', 'rn-license'],
      [
        '{ pathways(from: "medical-assistant", to: "registered-nurse", profile: { heldCertifications: ["LPN"] }) { totalMonths } }',
        'profile.heldCertifications',
        'lpn-license',
      ],
    ] as const) {
      const { errors } = await client.query(query);
      expect(errors?.[0]?.extensions, query).toMatchObject({ code: 'NOT_FOUND', argument });
      expect(errors?.[0]?.extensions?.suggestions, query).toContain(slug);
      expect(errors?.[0]?.message, query).toMatch(new RegExp(`Did you mean (".+" or )?"${slug}"`));
    }
  });

  it('suggest no look-alike beside a slug a word names: "RN" is not the registered medical assistant', async () => {
    // "RN" heard "rma" (the RMA) and "LPN" "cpt" (a phlebotomy certification), one letter apart:
    // an interface offering the suggestion would have recorded a nurse as a medical assistant.
    for (const [typed, wanted, unrelated] of [
      ['RN', 'rn-license', 'rma'],
      ['LPN', 'lpn-license', 'cpt'],
    ]) {
      const { errors } = await client.query(`{ certification(slug: "${typed}") { slug } }`);
      const suggestions = errors?.[0]?.extensions?.suggestions as string[];
      expect(suggestions[0]).toBe(wanted);
      expect(suggestions).not.toContain(unrelated);
    }
  });

  it('name the argument when from and to are one role, whatever their case', async () => {
    const { errors } = await client.query(
      '{ pathways(from: "medical-assistant", to: "Medical-Assistant") { totalMonths } }',
    );
    expect(errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'to' });
    expect(errors?.[0]?.message).toMatch(/"from"/);
    const bridges = await client.query('{ trackBridges(fromTrack: "clinical", toTrack: "CLINICAL") { __typename } }');
    expect(bridges.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'toTrack' });
    const twice = await client.query('{ compareRoles(slugs: ["ekg-technician", "EKG-Technician"]) { sameTrack } }');
    expect(twice.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'slugs' });
  });

  it('in mutations, an unknown reference or record is NOT_FOUND with the nearest slug, and changes nothing', async () => {
    const version = (await client.query('{ role(slug: "ekg-technician") { version } }')).data.role.version;
    const update = await editor.query(
      `mutation ($v: Int!) { updateRole(input: { slug: "ekg-technican", expectedVersion: $v, title: "X" }) { userErrors { code message field } } }`,
      { v: version },
    );
    expect(update.data.updateRole.userErrors).toEqual([
      expect.objectContaining({ code: 'NOT_FOUND', message: expect.stringContaining('Did you mean "ekg-technician"') }),
    ]);
    const reference = await editor.query(
      `mutation ($v: Int!) { updateRole(input: { slug: "ekg-technician", expectedVersion: $v, track: "clinicl" }) { userErrors { code message field } } }`,
      { v: version },
    );
    expect(reference.data.updateRole.userErrors).toEqual([
      expect.objectContaining({
        code: 'NOT_FOUND',
        field: ['input', 'track'],
        message: expect.stringContaining('Did you mean "clinical"'),
      }),
    ]);
    const move = await editor.query(
      `mutation { createTransition(input: { from: "ekg-technician", to: "phlebotomy-technicain", kind: LATERAL,
        minYearsExperience: 0, rationale: "Both draw on patient contact.", sources: ["maguide-clinical-vs-admin-ma"] }) {
        userErrors { code message field } } }`,
    );
    expect(move.data.createTransition.userErrors).toContainEqual(
      expect.objectContaining({
        code: 'NOT_FOUND',
        message: expect.stringContaining('Did you mean "phlebotomy-technician"'),
      }),
    );
    expect((await client.query('{ role(slug: "ekg-technician") { version track { slug } } }')).data.role).toEqual({
      version,
      track: { slug: 'clinical' },
    });
    // Slugs in other capitals name the same records in mutations too, and are stored in lower case.
    const shouted = await editor.query(
      `mutation ($v: Int!) { updateRole(input: { slug: "EKG-Technician", expectedVersion: $v, track: " Clinical ",
        sources: ["MAGUIDE-CLINICAL-VS-ADMIN-MA"] }) { role { slug version track { slug } sources { slug } } userErrors { message } } }`,
      { v: version },
    );
    expect(shouted.data.updateRole.userErrors).toEqual([]);
    expect(shouted.data.updateRole.role).toEqual({
      slug: 'ekg-technician',
      version: version + 1,
      track: { slug: 'clinical' },
      sources: [{ slug: 'maguide-clinical-vs-admin-ma' }],
    });
  });
});

/** The cap a paged field's `first` states in its description: "(1 to 10)", "at most 100". */
const capOf = (arg: GraphQLArgument) => Number(/(?:1 to|at most) (\d+)/.exec(arg.description ?? '')?.[1]);

/** How to reach a type from Query, around a selection of one of its fields. */
const REACH: Record<string, (inner: string) => string> = {
  Query: (inner) => `{ ${inner} }`,
  GraphFacts: (inner) => `{ graphFacts { ${inner} } }`,
  Occupation: (inner) => `{ occupation(code: "29-1141.00") { ${inner} } }`,
  TrackBridges: (inner) => `{ trackBridges(fromTrack: "clinical", toTrack: "administrative") { ${inner} } }`,
};
/** Required arguments of the paged fields that have some. */
const REQUIRED: Record<string, string> = {
  'Query.pathways': 'from: "medical-assistant", to: "registered-nurse", ',
  'TrackBridges.pathways': 'from: "clinical-medical-assistant", ',
};

describe('paged fields', () => {
  const paged = queryFields().filter(({ field }) => field.args.some((a) => a.name === 'first'));

  it('are found in the schema, each with its cap in the description of `first`', () => {
    expect(paged.length).toBeGreaterThanOrEqual(8);
    for (const { coordinate, field } of paged) {
      expect(capOf(field.args.find((a) => a.name === 'first')!), coordinate).toBeGreaterThan(0);
      // Query cost prices no page above PAGE.max (src/schema/cost.ts): a field allowing more would be under-priced.
      expect(capOf(field.args.find((a) => a.name === 'first')!), coordinate).toBeLessThanOrEqual(PAGE.max);
      expect(REACH[coordinate.split('.')[0]!], coordinate).toBeDefined();
    }
  });

  for (const { coordinate, field } of paged) {
    it(`${coordinate} refuses first (and last) above its cap, whatever is selected`, async () => {
      const [type, name] = coordinate.split('.') as [string, string];
      const cap = capOf(field.args.find((a) => a.name === 'first')!);
      const connection = getNamedType(field.type).name.endsWith('Connection');
      // Only the count, or nothing of the items at all: the page size is still checked.
      for (const selection of connection ? ['totalCount', '__typename'] : ['__typename']) {
        for (const arg of field.args.some((a) => a.name === 'last') ? ['first', 'last'] : ['first']) {
          // Just above the cap, and far above it (which query cost refused as too dear, naming neither).
          for (const asked of [cap + 1, 100_000]) {
            const query = REACH[type]!(`${name}(${REQUIRED[coordinate] ?? ''}${arg}: ${asked}) { ${selection} }`);
            const { errors } = await client.query(query);
            expect(errors, query).toHaveLength(1);
            expect(errors![0]!.extensions, query).toMatchObject({ code: 'BAD_USER_INPUT', argument: arg });
            expect(errors![0]!.message, query).toContain(String(cap));
          }
        }
        const atCap = REACH[type]!(`${name}(${REQUIRED[coordinate] ?? ''}first: ${cap}) { ${selection} }`);
        expect((await client.query(atCap)).errors, atCap).toBeUndefined();
      }
    });
  }
});

describe('a search over its work budget', () => {
  it('is told what narrows the question asked: reachableRoles has no `first`', () => {
    const over = () => {
      throw new SearchBudgetExceeded(2_000_000, 2_000_001);
    };
    const told = (narrower?: string) => {
      try {
        runSearch(over, narrower);
      } catch (error) {
        expect(error).toBeInstanceOf(GraphQLError);
        expect((error as GraphQLError).extensions.code).toBe('SEARCH_BUDGET_EXCEEDED');
        return (error as GraphQLError).message;
      }
      throw new Error('not refused');
    };
    // It read "ask for fewer pathways (first), or a smaller withinMonths" whichever was asked.
    expect(told('ask with a smaller withinMonths')).toMatch(
      /\(maxSteps, maxMonths, maxCostUsd, onlyTracks, avoidRoles\), or ask with a smaller withinMonths\.$/,
    );
    expect(told('ask for fewer pathways (first)')).not.toMatch(/withinMonths/);
    expect(told()).toMatch(/avoidRoles\)\.$/);
  });
});
