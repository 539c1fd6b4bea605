/** The Pothos schema builder; every type file under src/schema adds to it. */
import SchemaBuilder from '@pothos/core';
import ComplexityPlugin from '@pothos/plugin-complexity';
import PrismaPlugin from '@pothos/plugin-prisma';
import RelayPlugin from '@pothos/plugin-relay';
import ScopeAuthPlugin from '@pothos/plugin-scope-auth';
import { GraphQLError, type GraphQLResolveInfo } from 'graphql';
import type { ApiKeyIdentity } from '../db/api-keys.js';
import type { PrismaClient } from '../db/client.js';
import type { RowCache } from '../db/row-cache.js';
import type { GraphSnapshot } from './snapshot.js';
import type PrismaTypes from '../generated/pothos-types.js';
import { getDatamodel } from '../generated/pothos-types.js';
import { byShape, costs } from './cost.js';
import InputGuardPlugin, { decodeNodeID } from './input-guard.js';

/** What every resolver receives. */
export type Context = {
  prisma: PrismaClient;
  /**
   * The pathway engine's index of the current data, how many records it was built from, and the
   * rows pathway answers mention, kept until the data changes.
   */
  graph: { current(): Promise<GraphSnapshot>; records(): number | undefined; rows(): RowCache };
  /** The caller's API key, when a valid one was presented. */
  apiKey: ApiKeyIdentity | null;
  /** Whether this request may read: true unless the server requires a key for reading. */
  mayRead: boolean;
  /**
   * Told how many items a list priced up front at a guess holds (its resolver's `info`), before they
   * are read: throws MAX_COST_EXCEEDED when the query would then cost more than the caller may
   * spend (src/server/use-query-cost.ts). Absent outside a priced request.
   */
  listed?: (info: GraphQLResolveInfo, items: number) => void;
};

export const builder = new SchemaBuilder<{
  PrismaTypes: PrismaTypes;
  Context: Context;
  DefaultFieldNullability: false;
  AuthScopes: { reader: boolean; keyed: boolean; editor: boolean; admin: boolean };
  Scalars: { JSON: { Input: unknown; Output: unknown } };
}>({
  // The input guard first, so it sees arguments as sent (input-guard.ts); relay next so scope
  // checks see parsed global IDs; scope-auth before Prisma's resolvers.
  plugins: [InputGuardPlugin, RelayPlugin, ScopeAuthPlugin, PrismaPlugin, ComplexityPlugin],
  defaultFieldNullability: false,
  complexity: {
    // Fields without a `complexity` of their own are priced by their shape (src/schema/cost.ts).
    fieldComplexity: byShape,
    // The server refuses a query over its cost limit and reports the cost (src/server/use-query-cost.ts).
    disabled: true,
  },
  scopeAuth: {
    authScopes: (ctx) => ({
      reader: ctx.mayRead,
      keyed: ctx.apiKey !== null,
      editor: ctx.apiKey?.scopes.includes('editor') ?? false,
      admin: ctx.apiKey?.scopes.includes('admin') ?? false,
    }),
    unauthorizedError: (_parent, ctx, info) =>
      ctx.apiKey
        ? new GraphQLError(`The API key "${ctx.apiKey.name}" may not use ${info.parentType.name}.${info.fieldName}.`, {
            extensions: { code: 'FORBIDDEN' },
          })
        : new GraphQLError(
            `${info.parentType.name}.${info.fieldName} needs an API key: send "Authorization: Bearer <key>".`,
            { extensions: { code: 'UNAUTHENTICATED' } },
          ),
  },
  prisma: {
    client: (ctx) => ctx.prisma,
    dmmf: getDatamodel(),
    filterConnectionTotalCount: true,
    onUnusedQuery: process.env.NODE_ENV === 'production' ? null : 'warn',
  },
  relay: {
    // Only IDs of types that have them, with a plain row number: "Role:1.5" is not Role 1.
    decodeGlobalID: decodeID,
    nodeQueryOptions: {
      description: 'Fetches any object by its global ID; null when no object has that ID.',
      args: { id: { description: 'A global ID, as returned in any `id` field.' } },
    },
    nodesQueryOptions: {
      description:
        'Fetches several objects by global ID, in the order given; null for unknown IDs, and null as a whole, with its error, when an ID is malformed (decision 028).',
      // A malformed ID nulls only this field, not the request's other fields (decision 028).
      nullable: { list: true, items: true },
      // A point per ID asked for, and an object per ID.
      complexity: costs(0, (args) => (args.ids as unknown[]).length),
      args: { ids: { description: 'Global IDs, as returned in `id` fields.' } },
    },
    nodeTypeOptions: { description: 'An object with a stable, opaque global ID.' },
    pageInfoTypeOptions: {
      description: 'Where a page sits within a connection, for fetching the next or previous one.',
    },
    idFieldOptions: { description: 'Opaque global ID; pass it to `node(id:)` to fetch this object again.' },
    cursorFieldOptions: { description: 'Opaque cursor of this edge; pass it as `after` or `before` to page.' },
    nodeFieldOptions: { description: 'The object at the end of this edge.' },
    edgesFieldOptions: { description: 'The edges of this page, in order.' },
    // GitHub's shortcut beside `edges`: the page's items when their cursors are not needed.
    nodesOnConnection: { description: 'The items of this page, in order: `edges { node }` without the edges.' },
    // Once per page, not once per item: the connection's page size multiplies what is beneath it.
    pageInfoFieldOptions: { description: 'How to fetch the pages around this one.', complexity: 0 },
    hasNextPageFieldOptions: { description: 'Whether more items follow this page.' },
    hasPreviousPageFieldOptions: { description: 'Whether items precede this page.' },
    startCursorFieldOptions: { description: 'Cursor of the first edge of this page.' },
    endCursorFieldOptions: { description: 'Cursor of the last edge of this page.' },
    firstArgOptions: { description: 'Returns at most this many items from the start (default 20, at most 100).' },
    lastArgOptions: { description: 'Returns at most this many items from the end (at most 100).' },
    afterArgOptions: { description: 'Returns the items after this cursor.' },
    beforeArgOptions: { description: 'Returns the items before this cursor.' },
  },
});

/** Decodes a global ID, refusing one of no type with IDs or with no plain row number (input-guard.ts). */
function decodeID(globalID: string): { typename: string; id: string } {
  return decodeNodeID(builder, globalID);
}

builder.queryType({
  description: 'Reads the career lattice: roles, the moves between them, and their sources.',
  // Reading is open unless the server is configured to require a key (READ_REQUIRES_KEY).
  authScopes: { reader: true },
});

builder.mutationType({
  description: 'Edits the curated data. Every mutation needs an API key with the editor scope.',
  authScopes: { editor: true },
});
