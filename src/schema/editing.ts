/**
 * What every editing mutation shares: Shopify-style `userErrors`, optimistic locking by version,
 * and one path into the database (`changeDataset`), which validates the whole resulting dataset,
 * writes the difference atomically, audits it and notifies the other replicas.
 */
import type { ObjectRef } from '@pothos/core';
import {
  type GraphQLInputType,
  type GraphQLResolveInfo,
  getNullableType,
  isInputObjectType,
  isListType,
} from 'graphql';
import { type Dataset, type DatasetKind, datasetFiles } from '../db/dataset/format.js';
import { type ChangeOptions, changeDataset, keyOf } from '../db/dataset/load.js';
import { DatasetError, type DatasetProblem, validateDataset as validateWhole } from '../db/dataset/read.js';
import { builder, type Context } from './builder.js';
import { costs, MUTATION_COST } from './cost.js';
import { didYouMean, slugKey, suggestSlugs } from './errors.js';

const UserErrorCode = builder.enumType('UserErrorCode', {
  description: 'Why a mutation was refused. A refused mutation changes nothing.',
  values: {
    INVALID: { description: 'A value is not acceptable (see the message).' },
    NOT_FOUND: { description: 'The record to change, or a record the input refers to, does not exist.' },
    TAKEN: { description: 'Another record already has this identity (slug, or pair of roles).' },
    STALE_VERSION: { description: 'The record changed since the client read it; read it again and retry.' },
    IN_USE: { description: 'Other records still refer to the record to delete.' },
  } as const,
});

export type UserError = { field: string[]; message: string; code: typeof UserErrorCode.$inferType };

export const UserErrorRef = builder.objectRef<UserError>('UserError').implement({
  description: 'A problem with the input of a mutation, for the client to show next to the field.',
  fields: (t) => ({
    field: t.stringList({
      description: 'Path to the input field at fault, e.g. ["input", "title"].',
      resolve: (e) => e.field,
    }),
    message: t.exposeString('message', { description: 'What is wrong, naming the bad value.' }),
    code: t.field({ type: UserErrorCode, description: 'Stable code for the kind of problem.', resolve: (e) => e.code }),
  }),
});

/** Thrown inside a change to refuse it with user errors; the transaction rolls back. */
class Refused extends Error {
  constructor(readonly userErrors: UserError[]) {
    super(userErrors.map((e) => e.message).join('; '));
  }
}

/** Maps dataset-file field paths to the mutation's input field names where they differ. */
export type FieldNames = Record<string, string>;

/** The slugs of one kind of record in a dataset (raw or validated), for suggestions. */
type SlugsOf = (kind: DatasetKind) => string[];
const slugsIn =
  (dataset: Partial<Record<DatasetKind, unknown>>): SlugsOf =>
  (kind) =>
    ((dataset[kind] ?? []) as { slug?: unknown }[]).flatMap((r) => (typeof r?.slug === 'string' ? [r.slug] : []));

function fromProblems(problems: DatasetProblem[], names: FieldNames, deleting: boolean, slugs?: SlugsOf): UserError[] {
  return problems.map((p) => {
    const path = p.field.split('.');
    const field = names[p.field] ?? names[path[0]!] ?? path[0]!;
    const code =
      p.code === 'DUPLICATE'
        ? 'TAKEN'
        : p.code === 'UNKNOWN_REFERENCE'
          ? deleting
            ? 'IN_USE'
            : 'NOT_FOUND'
          : 'INVALID';
    const hint =
      !deleting && p.reference && slugs ? didYouMean(suggestSlugs(p.reference.slug, slugs(p.reference.kind))) : '';
    const message =
      deleting && p.code === 'UNKNOWN_REFERENCE'
        ? `still used: ${p.record} refers to it (${p.field})`
        : p.message + hint;
    return { field: ['input', field], message: `${p.record}: ${message}`, code };
  });
}

type Edit<K extends DatasetKind> = {
  kind: K;
  action: string;
  /** The identity of the record after the change (slug, or the natural key). */
  key: string;
  /** Version the client read; required for updates and deletions. */
  expectedVersion?: number;
  /**
   * Reads the record's current version (null when it does not exist) through `db`, the change's
   * transaction: a request holds one pooled connection at a time, so a read on another connection
   * while the transaction waits for the writers' lock could starve the pool.
   */
  version?: (db: Db) => Promise<number | null>;
  /** The record as it should be, from its current form (undefined when creating); null deletes it. */
  build: (existing: Dataset[K][number] | undefined) => unknown | null;
  mustExist: boolean;
  names?: FieldNames;
  /** On deletion, records of other kinds that belong to this one and go with it (e.g. a role's figures). */
  cascade?: { kind: DatasetKind; belongs: (record: any, key: string) => boolean }[];
};

/** The client a change runs on: its transaction. */
type Db = Parameters<NonNullable<ChangeOptions['before']>>[0];

export type EditResult = { key: string | null; userErrors: UserError[] };

/** Applies one record's creation, update or deletion, or refuses it with user errors. */
async function edit<K extends DatasetKind>(ctx: Context, spec: Edit<K>): Promise<EditResult> {
  const actor = ctx.apiKey?.name ?? 'anonymous';
  let deleting = false;
  let resultKey: string | null = spec.key;
  try {
    await changeDataset(
      ctx.prisma,
      (current) => {
        const records = current[spec.kind] as Dataset[K][number][];
        const existing = records.find((r) => keyOf(spec.kind, r) === spec.key);
        if (spec.mustExist && !existing)
          throw new Refused([
            {
              field: ['input'],
              message: `No ${singular(spec.kind)} "${spec.key}" exists.${didYouMean(suggestSlugs(spec.key, slugsIn(current)(spec.kind)))}`,
              code: 'NOT_FOUND',
            },
          ]);
        if (!spec.mustExist && existing)
          throw new Refused([
            { field: ['input'], message: `A ${singular(spec.kind)} "${spec.key}" already exists.`, code: 'TAKEN' },
          ]);
        const next = spec.build(existing);
        deleting = next === null;
        const parsed = next === null ? undefined : datasetFiles[spec.kind].safeParse(next);
        resultKey = parsed?.success ? keyOf(spec.kind, parsed.data as Dataset[K][number]) : null;
        const others = records.filter((r) => r !== existing);
        const target: Record<DatasetKind, unknown[]> = {
          ...current,
          [spec.kind]: next === null ? others : [...others, next],
        };
        if (deleting)
          for (const { kind, belongs } of spec.cascade ?? [])
            target[kind] = (target[kind] as unknown[]).filter((r) => !belongs(r, spec.key));
        return validated(target, spec, deleting);
      },
      {
        actor,
        action: spec.action,
        before: async (tx) => {
          if (spec.expectedVersion === undefined || !spec.version) return;
          const version = await spec.version(tx);
          if (version !== null && version !== spec.expectedVersion)
            throw new Refused([
              {
                field: ['input', 'expectedVersion'],
                message:
                  `${singular(spec.kind)} "${spec.key}" is at version ${version}, not ${spec.expectedVersion}: ` +
                  (spec.expectedVersion < version
                    ? 'it changed since you read it.'
                    : 'no such version has been written (versions start at 1 and go up by one per change).'),
                code: 'STALE_VERSION',
              },
            ]);
        },
      },
    );
    return { key: deleting ? null : resultKey, userErrors: [] };
  } catch (error) {
    if (error instanceof Refused) return { key: null, userErrors: error.userErrors };
    // Problems only the loaded official data can show (an unknown occupation, an IPEDS cost that is not the median).
    if (error instanceof DatasetError)
      return { key: null, userErrors: fromProblems(error.problems, spec.names ?? {}, deleting) };
    throw error;
  }
}

function validated<K extends DatasetKind>(
  raw: Record<DatasetKind, unknown>,
  spec: Edit<K>,
  deleting: boolean,
): Dataset {
  try {
    return validateWhole(raw);
  } catch (error) {
    if (error instanceof DatasetError)
      throw new Refused(fromProblems(error.problems, spec.names ?? {}, deleting, slugsIn(raw)));
    throw error;
  }
}

const singulars: Record<DatasetKind, string> = {
  tracks: 'track',
  organizations: 'organization',
  sources: 'source',
  'training-programs': 'training program',
  certifications: 'certification',
  roles: 'role',
  transitions: 'transition',
  figures: 'figure',
};
const singular = (kind: DatasetKind) => singulars[kind];

/** The payload of a mutation: the record as it now is (null when refused or deleted) and the user errors. */
function payload<T>(
  name: string,
  field: string,
  ref: ObjectRef<any, T>,
  load: (ctx: Context, key: string) => Promise<T | null>,
) {
  return builder.objectRef<EditResult>(`${name}Payload`).implement({
    description: `The result of ${name.replace(/^./, (c) => c.toLowerCase())}.`,
    fields: (t) => ({
      [field]: t.field({
        type: ref,
        nullable: true,
        description: 'The record after the change; null when the mutation was refused or deleted it.',
        resolve: ((result: EditResult, _args: unknown, ctx: Context) =>
          result.key ? load(ctx, result.key) : null) as never,
      }),
      userErrors: t.field({
        type: [UserErrorRef],
        description: 'Why the mutation was refused; empty when it succeeded.',
        resolve: (result: EditResult) => result.userErrors,
      }),
    }),
  });
}

/** Drops the fields a patch leaves out, so that they keep their current values. */
export function defined<T extends object>(patch: T): Partial<T> {
  return Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined && v !== null)) as Partial<T>;
}

/** Values given as null clear the field; fields left out keep their current value. */
export function merge<T extends object>(existing: T | undefined, patch: object): T {
  const merged: Record<string, unknown> = { ...existing };
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) continue;
    if (value === null) delete merged[key];
    else merged[key] = value;
  }
  return merged as T;
}

/**
 * Registers `create<Name>`, `update<Name>` and `delete<Name>` for one kind of record: the inputs
 * carry the record's identity (and for updates and deletions the version the client read); the
 * payloads return the record as it now is and any user errors.
 */
export function editingMutations<K extends DatasetKind, Row>(o: {
  kind: K;
  name: string;
  field: string;
  ref: ObjectRef<any, Row>;
  /** Fields naming the record: for creation, and for updates and deletions of an existing one. */
  identity: { create: (t: InputFields) => object; existing: (t: InputFields) => object };
  /** The record's other fields; `required` is false in update inputs. */
  fields: (t: InputFields, required: boolean) => object;
  /** The record's identity from an input; null when the input names no existing record. */
  key: (input: any, ctx: Context) => string | null | Promise<string | null>;
  /** The dataset record from an input (merged over the existing record for updates). */
  toRecord: (input: any, existing: Dataset[K][number] | undefined) => unknown;
  load: (ctx: Context, key: string) => Promise<Row | null>;
  /** The record's version, read through `db` (the change's transaction). */
  version: (db: Db, key: string) => Promise<number | null>;
  names?: FieldNames;
  cascade?: Edit<K>['cascade'];
  deleteDescription: string;
}) {
  const Payload = (verb: string) => payload(`${verb}${o.name}`, o.field, o.ref, o.load);
  const noun = o.name.replace(/[A-Z]/g, (c, i) => (i ? ' ' : '') + c.toLowerCase());
  const inputs = {
    create: builder.inputType(`Create${o.name}Input`, {
      description: `A new ${noun}.`,
      fields: (t) => ({ ...o.identity.create(t), ...o.fields(t, true) }) as never,
    }),
    update: builder.inputType(`Update${o.name}Input`, {
      description: `Changes to a ${noun}; fields left out keep their values, null clears an optional one.`,
      fields: (t) =>
        ({ ...o.identity.existing(t), expectedVersion: expectedVersionField(t), ...o.fields(t, false) }) as never,
    }),
    remove: builder.inputType(`Delete${o.name}Input`, {
      description: `The ${noun} to delete, with the version you read.`,
      fields: (t) => ({ ...o.identity.existing(t), expectedVersion: expectedVersionField(t) }) as never,
    }),
  };
  const common = { kind: o.kind, names: o.names };
  builder.mutationFields((t) => ({
    [`create${o.name}`]: t.field({
      type: Payload('Create'),
      description: `Adds a ${noun}.`,
      args: { input: t.arg({ type: inputs.create, required: true, description: `The ${noun}.` }) },
      complexity: costs(MUTATION_COST),
      resolve: async (_root, args, ctx, info) => {
        const input = inputOf(args, info);
        return edit(ctx, {
          ...common,
          action: `create${o.name}`,
          key: (await o.key(input, ctx)) ?? '',
          mustExist: false,
          build: () => o.toRecord(input, undefined),
        });
      },
    }),
    [`update${o.name}`]: t.field({
      type: Payload('Update'),
      description: `Changes a ${noun}, if it is still at the version you read. Fields left out keep their values; null clears an optional one.`,
      args: { input: t.arg({ type: inputs.update, required: true, description: 'The changes.' }) },
      complexity: costs(MUTATION_COST),
      resolve: async (_root, args, ctx, info) => {
        const input = inputOf(args, info);
        const { expectedVersion, ...patch } = input;
        const key = await o.key(input, ctx);
        if (key === null) return notFoundResult(noun);
        return edit(ctx, {
          ...common,
          action: `update${o.name}`,
          key,
          mustExist: true,
          expectedVersion,
          version: (db) => o.version(db, key),
          build: (existing) => o.toRecord(patch, existing),
        });
      },
    }),
    [`delete${o.name}`]: t.field({
      type: Payload('Delete'),
      description: o.deleteDescription,
      args: { input: t.arg({ type: inputs.remove, required: true, description: `The ${noun} to delete.` }) },
      complexity: costs(MUTATION_COST),
      resolve: async (_root, args, ctx, info) => {
        const input = inputOf(args, info);
        const key = await o.key(input, ctx);
        if (key === null) return notFoundResult(noun);
        return edit(ctx, {
          ...common,
          action: `delete${o.name}`,
          key,
          mustExist: true,
          expectedVersion: input.expectedVersion,
          version: (db) => o.version(db, key),
          cascade: o.cascade,
          build: () => null,
        });
      },
    }),
  }));
}

/**
 * A value of an input type with every slug in it (a field described as "Slug…" or "Slugs…") trimmed
 * and in lower case, as slugs are stored: `Registered-Nurse` names the same role as in queries.
 */
function withSlugKeys(value: unknown, type: GraphQLInputType, slug = false): unknown {
  if (value === null || value === undefined) return value;
  const t = getNullableType(type);
  if (isListType(t)) return (value as unknown[]).map((v) => withSlugKeys(v, t.ofType, slug));
  if (isInputObjectType(t)) {
    const fields = t.getFields();
    return Object.fromEntries(
      Object.entries(value as object).map(([name, v]) => {
        const field = fields[name];
        return [name, field ? withSlugKeys(v, field.type, /^Slugs? /.test(field.description ?? '')) : v];
      }),
    );
  }
  return slug && typeof value === 'string' ? slugKey(value) : value;
}

/** A mutation's `input` argument, its slugs as stored. */
function inputOf(args: { input: unknown }, info: GraphQLResolveInfo): any {
  const arg = info.parentType.getFields()[info.fieldName]!.args.find((a) => a.name === 'input')!;
  return withSlugKeys(args.input, arg.type);
}

const notFoundResult = (noun: string): EditResult => ({
  key: null,
  userErrors: [{ field: ['input', 'id'], message: `No ${noun} has that ID.`, code: 'NOT_FOUND' }],
});

/** The `expectedVersion` field every update and delete input carries. */
const expectedVersionField = (t: { int: (o: object) => any }) =>
  t.int({
    required: true,
    description: 'The `version` you read; if the record has changed since, the mutation is refused.',
  });

type SchemaTypesOf = typeof builder extends PothosSchemaTypes.SchemaBuilder<infer T> ? T : never;
/** The field builder of an input type, for helpers that add the same fields to several inputs. */
export type InputFields = PothosSchemaTypes.InputFieldBuilder<
  PothosSchemaTypes.ExtendDefaultTypes<SchemaTypesOf>,
  'InputObject'
>;
