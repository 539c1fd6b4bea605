/**
 * Every root Query field and every Mutation, taken from the schema (a new field is covered
 * without touching this file), called with arbitrary arguments: strings with NUL characters,
 * huge and in any script; numbers huge, negative, fractional or of the wrong type; global IDs and
 * cursors that decode to anything; input objects and import documents with fields missing,
 * corrupted or of the wrong type. Whatever comes in (issue #23):
 *
 * - no HTTP 500 and no INTERNAL_SERVER_ERROR;
 * - every error carries an `extensions.code`;
 * - the data changes only when a mutation reports success.
 */
import fc from 'fast-check';
import {
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLOutputType,
  getNamedType,
  getNullableType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
} from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from '../../src/db/api-keys.js';
import type { PrismaClient } from '../../src/db/client.js';
import { schema } from '../../src/schema/index.js';
import { createApp } from '../../src/server/app.js';
import { testDatabase } from '../support/database.js';
import { datasetFingerprint } from '../support/fingerprint.js';
import { post } from '../support/graphql.js';

let prisma: PrismaClient;
let app: ReturnType<typeof createApp>;
let headers: Record<string, string>;
let slugs: string[];
let exported: Record<string, unknown[]>;
beforeAll(async () => {
  ({ prisma } = await testDatabase('seeded'));
  headers = { authorization: `Bearer ${await createApiKey(prisma, 'fuzz', 'admin')}` };
  // Rate limiting off: this test sends far more than a caller's budget on purpose.
  app = createApp({ prisma, config: { maxBodyBytes: 1_000_000, rateLimitPoints: 0 } });
  const roles = await prisma.role.findMany({ select: { slug: true }, take: 3 });
  const tracks = await prisma.track.findMany({ select: { slug: true }, take: 2 });
  const certs = await prisma.certification.findMany({ select: { slug: true }, take: 2 });
  slugs = [...roles, ...tracks, ...certs].map((r) => r.slug);
  const reply = await post(app, { query: '{ exportDataset }' }, headers);
  exported = reply.body.data.exportDataset;
});

const b64 = (text: string) => Buffer.from(text).toString('base64');

/** Strings a client might send: ordinary, unicode, with NUL characters, huge, or one of ours. */
const anyString = () =>
  fc.oneof(
    fc.string({ maxLength: 20 }),
    fc.string({ unit: 'grapheme', maxLength: 20 }),
    fc.string({ maxLength: 10 }).map((s) => `${s}\u0000${s}`),
    fc.integer({ min: 1_000, max: 60_000 }).map((n) => 'a'.repeat(n)),
    fc.constantFrom(
      ...slugs,
      'medical-assistant',
      ' Medical-Assistant ',
      '',
      ' ',
      '%',
      '_',
      '\\',
      "'; DROP TABLE role; --",
    ),
    // Global IDs and cursors that decode, to anything.
    fc
      .tuple(
        fc.constantFrom('Role', 'Track', 'LaborFigure', 'Foo', 'AuditEvent', 'GPC', 'GPC:N', 'GPC:S', 'GPC:T'),
        fc.oneof(
          fc.constantFrom('1', '0', '-1', '1.5', '1e3', ' 1', '01', '99999999999', 'abc', 'NaN', 'Infinity', '[1]', ''),
          fc.string({ maxLength: 10 }),
        ),
      )
      .map(([type, id]) => b64(`${type}:${id}`)),
  );

/** Numbers: ordinary, at and past PostgreSQL's limits, negative, fractional. */
const anyNumber = () =>
  fc.oneof(
    fc.integer({ min: -5, max: 200 }),
    fc.integer(),
    fc.constantFrom(
      0,
      -1,
      2_147_483_647,
      2_147_483_648,
      -2_147_483_649,
      99_999_999_999,
      1e20,
      1e308,
      -1e308,
      0.5,
      1.5,
      -0,
    ),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
  );

/** A value of the wrong kind, as a careless or hostile client sends. */
const wrongKind = () =>
  fc.oneof(fc.constant(null), fc.boolean(), anyNumber(), anyString(), fc.constant([]), fc.constant({}));

/** Arbitrary values for an input type, mostly of the right shape, sometimes not. */
function valueOf(type: GraphQLInputType, depth = 0): fc.Arbitrary<unknown> {
  const inner = getNullableType(type) as GraphQLInputType;
  const nullable = isNonNullType(type) ? [] : [fc.constant(null)];
  let right: fc.Arbitrary<unknown>;
  if (isListType(inner)) {
    right = fc.array(valueOf(inner.ofType, depth + 1), { maxLength: depth > 2 ? 1 : 4 });
  } else if (isInputObjectType(inner)) {
    const fields = Object.values(inner.getFields());
    right =
      depth > 3
        ? fc.constant({})
        : fc.record(Object.fromEntries(fields.map((f) => [f.name, valueOf(f.type, depth + 1)])), {
            requiredKeys: fields.filter((f) => isNonNullType(f.type)).map((f) => f.name),
          });
  } else if (isEnumType(inner)) {
    right = fc.oneof(fc.constantFrom(...inner.getValues().map((v) => v.name)), fc.constant('NOT_A_VALUE'));
  } else if (isScalarType(inner) && inner.name === 'JSON') {
    right = importDocument();
  } else if (isScalarType(inner) && (inner.name === 'Int' || inner.name === 'Float')) {
    right = anyNumber();
  } else if (isScalarType(inner) && inner.name === 'Boolean') {
    right = fc.boolean();
  } else {
    right = anyString();
  }
  return fc.oneof({ weight: 8, arbitrary: right }, { weight: 1, arbitrary: wrongKind() }, ...nullable);
}

/** An import document: a slice of the export with a record's field corrupted, or anything at all. */
function importDocument(): fc.Arbitrary<unknown> {
  const kinds = Object.keys(exported).filter((k) => Array.isArray(exported[k]));
  const corrupted = fc
    .tuple(fc.constantFrom(...kinds), fc.nat(), fc.string({ maxLength: 12 }), fc.oneof(wrongKind(), fc.anything()))
    .map(([kind, index, field, value]) => {
      const records = exported[kind]!;
      const record = { ...(records[index % records.length] as Record<string, unknown>) };
      const keys = Object.keys(record);
      record[keys.length && index % 3 ? keys[index % keys.length]! : field] = value;
      return { format: 'career-lattice-dataset', version: 2, [kind]: [record, ...records.slice(0, index % 3)] };
    });
  return fc.oneof({ weight: 4, arbitrary: corrupted }, { weight: 1, arbitrary: fc.anything({ maxDepth: 3 }) });
}

/** A selection that makes the field resolve: `userErrors` for payloads, else `__typename`. */
function selectionFor(type: GraphQLOutputType): string {
  const named = getNamedType(type);
  if (!isObjectType(named)) return '';
  return 'userErrors' in named.getFields() ? '{ __typename userErrors { code } }' : '{ __typename }';
}

type Call = { query: string; variables: Record<string, unknown> };

/** Arbitrary calls of one root field: each argument given, left out, or given wrong. */
function callsOf(operation: 'query' | 'mutation', field: GraphQLField<unknown, unknown>): fc.Arbitrary<Call> {
  const args = field.args;
  const values = fc.record(Object.fromEntries(args.map((a) => [a.name, valueOf(a.type)])), {
    requiredKeys: args.filter((a) => isNonNullType(a.type)).map((a) => a.name),
  });
  return values.map((given) => {
    const names = Object.keys(given);
    const declared = names.map((n) => `$${n}: ${String(args.find((a) => a.name === n)!.type)}`).join(', ');
    const passed = names.map((n) => `${n}: $${n}`).join(', ');
    return {
      query: `${operation}${declared ? ` (${declared})` : ''} { ${field.name}${passed ? `(${passed})` : ''} ${selectionFor(field.type)} }`,
      variables: given,
    };
  });
}

const fieldsOf = (operation: 'query' | 'mutation') =>
  Object.values((operation === 'query' ? schema.getQueryType() : schema.getMutationType())!.getFields());

/** Runs per root field; the whole file stays well under a minute on a busy machine. */
const RUNS = { query: 12, mutation: 10 };

describe.each(['query', 'mutation'] as const)('arbitrary arguments to every %s field', (operation) => {
  it.each(fieldsOf(operation).map((f) => [f.name, f] as const))(
    '%s never fails unexpectedly and changes nothing unless it succeeds',
    async (name, field) => {
      let before = operation === 'mutation' ? await datasetFingerprint(prisma) : '';
      await fc.assert(
        fc.asyncProperty(callsOf(operation, field), async ({ query, variables }) => {
          const reply = await post(app, { query, variables }, headers);
          expect(reply.status, query).not.toBe(500);
          const errors = reply.body.errors ?? [];
          for (const error of errors) {
            expect(error.extensions?.code, error.message).toBeDefined();
            expect(error.extensions?.code, error.message).not.toBe('INTERNAL_SERVER_ERROR');
          }
          if (operation !== 'mutation') return;
          const payload = reply.body.data?.[name];
          const succeeded = errors.length === 0 && payload && payload.userErrors?.length === 0;
          const after = await datasetFingerprint(prisma);
          if (!succeeded) expect(after, `${query} ${JSON.stringify(variables).slice(0, 500)}`).toBe(before);
          before = after;
        }),
        { numRuns: RUNS[operation], endOnFailure: true },
      );
    },
    60_000,
  );
});
