/** Whole-dataset import and export, in the format of src/db/dataset/document.ts. */
import { GraphQLError, valueFromASTUntyped } from 'graphql';
import { fromDocument, toDocument } from '../db/dataset/document.js';
import { exportDataset } from '../db/dataset/export.js';
import { type ImportSummary, loadDataset } from '../db/dataset/load.js';
import { DatasetError } from '../db/dataset/read.js';
import { builder, type Context } from './builder.js';
import { costs, MUTATION_COST } from './cost.js';
import { type UserError, UserErrorRef } from './editing.js';

const JSONScalar = builder.scalarType('JSON', {
  description: 'Any JSON value.',
  serialize: (value) => value,
  parseValue: (value) => value,
  parseLiteral: (ast) => valueFromASTUntyped(ast),
});

const ImportMode = builder.enumType('ImportMode', {
  description: 'How an import treats records it does not mention.',
  values: {
    MERGE: { description: 'Keep them: create and update only.' },
    REPLACE: { description: 'Delete them: the database ends up holding exactly the document (admin scope).' },
  } as const,
});

type KindCount = { kind: string } & ImportSummary[keyof ImportSummary];
const KindChangeCount = builder.objectRef<KindCount>('DatasetChangeCount').implement({
  description: 'What an import does to one kind of record.',
  fields: (t) => ({
    kind: t.exposeString('kind', { description: 'The kind, as named in the document (e.g. "roles").' }),
    created: t.exposeInt('created', { description: 'Records created.' }),
    updated: t.exposeInt('updated', { description: 'Records changed.' }),
    deleted: t.exposeInt('deleted', { description: 'Records deleted (REPLACE only).' }),
    unchanged: t.exposeInt('unchanged', { description: 'Records already as the document says.' }),
  }),
});

type ImportResult = { summary: KindCount[] | null; dryRun: boolean; userErrors: UserError[] };
const ImportDatasetPayload = builder.objectRef<ImportResult>('ImportDatasetPayload').implement({
  description: 'The result of importDataset: all of it applied, or none.',
  fields: (t) => ({
    changes: t.field({
      type: [KindChangeCount],
      nullable: true,
      description: 'What changed (or, in a dry run, would change) per kind; null when refused.',
      resolve: (r) => r.summary,
    }),
    dryRun: t.exposeBoolean('dryRun', { description: 'True when nothing was written.' }),
    userErrors: t.field({
      type: [UserErrorRef],
      description: 'Why the import was refused, naming the kind, record and field; empty when it succeeded.',
      resolve: (r) => r.userErrors,
    }),
  }),
});

/** How many of an import's problems the answer lists; a count stands for the rest. */
const PROBLEMS_SHOWN = 50;

/** The price of an export before the server has counted the records (its first index build does). */
const RECORDS_BEFORE_FIRST_COUNT = 1000;

builder.queryFields((t) => ({
  exportDataset: t.field({
    type: JSONScalar,
    description:
      'The whole curated dataset as one JSON document, in the format importDataset accepts. Needs an API key (any scope); costs a point per record.',
    authScopes: { keyed: true },
    // A point per record it returns, as a list of that many objects would cost.
    complexity: costs((_args, ctx: Context) => ctx.graph.records() ?? RECORDS_BEFORE_FIRST_COUNT),
    resolve: async (_root, _args, { prisma }) => toDocument(await exportDataset(prisma)),
  }),
}));

builder.mutationFields((t) => ({
  importDataset: t.field({
    type: ImportDatasetPayload,
    description:
      'Imports a dataset document (as exportDataset returns) all-or-nothing: MERGE creates and updates, REPLACE also deletes what the document lacks. dryRun reports the changes without writing them.',
    args: {
      dataset: t.arg({ type: JSONScalar, required: true, description: 'The dataset document.' }),
      mode: t.arg({
        type: ImportMode,
        required: true,
        defaultValue: 'MERGE',
        description: 'MERGE or REPLACE. @default MERGE',
      }),
      dryRun: t.arg.boolean({ required: true, defaultValue: false, description: 'Only report. @default false' }),
    },
    // A mutation's points, and a point per record of the document (every item of a list argument).
    complexity: costs(MUTATION_COST),
    resolve: async (_root, args, ctx): Promise<ImportResult> => {
      if (args.mode === 'REPLACE' && !ctx.apiKey?.scopes.includes('admin'))
        throw new GraphQLError('A REPLACE import needs an API key with the admin scope.', {
          extensions: { code: 'FORBIDDEN' },
        });
      try {
        const summary = await loadDataset(ctx.prisma, fromDocument(args.dataset), {
          mode: args.mode,
          dryRun: args.dryRun,
          actor: ctx.apiKey?.name ?? 'anonymous',
          action: `importDataset:${args.mode}`,
          fileOf: (kind) => kind,
        });
        return {
          summary: Object.entries(summary).map(([kind, counts]) => ({ kind, ...counts })),
          dryRun: args.dryRun,
          userErrors: [],
        };
      } catch (error) {
        if (!(error instanceof DatasetError)) throw error;
        const shown = error.problems.slice(0, PROBLEMS_SHOWN);
        const more = error.problems.length - shown.length;
        return {
          summary: null,
          dryRun: args.dryRun,
          userErrors: [
            ...shown.map((p): UserError => ({
              field: ['dataset', p.file, p.record, p.field],
              message: `${p.file}: record ${p.record}, field "${p.field}": ${p.message}`,
              code: p.code === 'UNKNOWN_REFERENCE' ? 'NOT_FOUND' : p.code === 'DUPLICATE' ? 'TAKEN' : 'INVALID',
            })),
            ...(more > 0
              ? [{ field: ['dataset'], message: `and ${more} more problems like these`, code: 'INVALID' as const }]
              : []),
          ],
        };
      }
    },
  }),
}));
