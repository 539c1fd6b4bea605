/**
 * Planning a connection once per document instead of once per request.
 *
 * Pothos plans a Prisma connection's query from the request's selection on every request: it walks
 * the selection, merges each field's columns and relations, and records where nested rows will be
 * found. For a selection of plain fields (a list of roles by slug and title, say) that walk gives
 * the same columns every time and records nothing any resolver reads, yet it was the largest
 * single cost of serving such a page. PostGraphile's planner, likewise, plans an operation once
 * and reuses the plan.
 *
 * A {@link PlanMemo} remembers, per field in a parsed document (yoga caches parsed documents, so a
 * repeated query is the same syntax tree), the columns Pothos planned the first time, when the
 * selection is one whose plan cannot vary; {@link PlannedOncePlugin} then answers later requests
 * for that field through a shortcut that skips the planning. Anything else, and every first
 * request, goes through Pothos as usual.
 */
import SchemaBuilder, { BasePlugin, type PothosOutputFieldConfig, type SchemaTypes } from '@pothos/core';
import {
  type FieldNode,
  getNamedType,
  type GraphQLFieldResolver,
  type GraphQLNamedType,
  type GraphQLResolveInfo,
  isLeafType,
  isObjectType,
  type SelectionSetNode,
} from 'graphql';

/** The field-config extension holding a field's {@link Shortcut}. */
export const SHORTCUT = 'careerLatticeShortcut';

/** Answers a field without planning it, or returns undefined to leave it to the field's resolver. */
export type Shortcut = (parent: unknown, args: object, context: object, info: GraphQLResolveInfo) => unknown;

/**
 * Wraps the resolver of a field that has a {@link SHORTCUT} extension so that the shortcut is tried
 * first. Listed last among the builder's plugins, so its wrapper is the innermost: scope checks
 * and every other plugin's wrapper run before it, shortcut or not.
 */
export class PlannedOncePlugin<Types extends SchemaTypes> extends BasePlugin<Types> {
  override wrapResolve(
    resolver: GraphQLFieldResolver<unknown, Types['Context'], object>,
    fieldConfig: PothosOutputFieldConfig<Types>,
  ): GraphQLFieldResolver<unknown, Types['Context'], object> {
    const shortcut = fieldConfig.extensions?.[SHORTCUT] as Shortcut | undefined;
    if (!shortcut) return resolver;
    return (parent, args, context, info) =>
      shortcut(parent, args, context, info) ?? resolver(parent, args, context, info);
  }
}

const pluginName = 'plannedOnce';

declare global {
  export namespace PothosSchemaTypes {
    export interface Plugins<Types extends SchemaTypes> {
      plannedOnce: PlannedOncePlugin<Types>;
    }
  }
}

SchemaBuilder.registerPlugin(pluginName, PlannedOncePlugin);

export default pluginName;

/** Pothos' marks on the schema: a model type, and a field that selects something for its parent row. */
type PrismaExtensions = { pothosPrismaModel?: string; pothosPrismaSelect?: unknown };

/**
 * Whether the plan Pothos makes for this selection is the same on every request and records nothing
 * that a resolver beneath it looks up. True when the selection, down to its leaves, holds only
 * fields (no fragments, directives or arguments) and every field of a model type is a leaf with no
 * `select` of its own: such a field adds nothing to the plan, so the plan is the type's own columns
 * and the cursor's, and no loader mapping is needed, since Pothos only looks mappings up for fields
 * that select something. Fields of other object types (the connection, its edges, pageInfo) carry no
 * selection of their own and are checked beneath.
 */
export function plansStatically(type: GraphQLNamedType, selectionSet: SelectionSetNode | undefined): boolean {
  if (!selectionSet || !isObjectType(type)) return false;
  const model = (type.extensions as PrismaExtensions).pothosPrismaModel !== undefined;
  const fields = type.getFields();
  for (const selection of selectionSet.selections) {
    if (selection.kind !== 'Field' || selection.directives?.length) return false;
    if (selection.name.value === '__typename') continue;
    const field = fields[selection.name.value];
    if (!field || (field.extensions as PrismaExtensions).pothosPrismaSelect !== undefined) return false;
    if (selection.arguments?.length) return false;
    const fieldType = getNamedType(field.type);
    if (isLeafType(fieldType)) continue;
    if (model || !plansStatically(fieldType, selection.selectionSet)) return false;
  }
  return true;
}

/**
 * The columns Pothos planned for a connection field, kept per field node of a parsed document when
 * {@link plansStatically} says the plan cannot vary. Only the column list is kept, never data.
 */
export class PlanMemo {
  private readonly eligible = new WeakMap<FieldNode, boolean>();
  private readonly selects = new WeakMap<FieldNode, Record<string, unknown>>();
  /** How many requests took the shortcut: for tests and diagnostics. */
  shortcuts = 0;

  /** The field node, when this field is resolved from one node only and its plan cannot vary. */
  private node(info: GraphQLResolveInfo): FieldNode | undefined {
    if (info.fieldNodes.length !== 1) return undefined;
    const node = info.fieldNodes[0]!;
    let eligible = this.eligible.get(node);
    if (eligible === undefined) {
      eligible = plansStatically(getNamedType(info.returnType), node.selectionSet);
      this.eligible.set(node, eligible);
    }
    return eligible ? node : undefined;
  }

  /**
   * Keeps the columns of a query Pothos planned for `info`'s field. A query holding anything but
   * columns and paging (relations, a filter) is not kept.
   */
  record(info: GraphQLResolveInfo, query: Record<string, unknown>): void {
    const node = this.node(info);
    if (!node || this.selects.has(node)) return;
    for (const key of Object.keys(query)) if (!PAGING_AND_SELECT.has(key)) return;
    const select = query.select as Record<string, unknown> | undefined;
    if (!select || Object.values(select).some((value) => value !== true)) return;
    // A frozen copy: the same object, unchanged, for every later request (see `columnsFor`).
    this.selects.set(node, Object.freeze({ ...select }));
  }

  /** The columns kept for `info`'s field, or undefined when it must be planned. */
  select(info: GraphQLResolveInfo): Record<string, unknown> | undefined {
    const node = this.node(info);
    return node && this.selects.get(node);
  }

  /** Kept column lists found to select exactly what the connection helper's query selects. */
  private readonly matching = new WeakSet<object>();

  /**
   * The kept, frozen `select` in place of `built`, the one Pothos' connection helper has just
   * built from it, when the two select the same columns: the same object on every request lets
   * the direct read find its compiled statement by identity (src/db/direct-read.ts). The helper
   * builds its select from the kept columns and the cursor's, both fixed, so they are compared
   * once per kept list; if they ever differ, `built` is used as it is.
   */
  columnsFor(kept: Record<string, unknown>, built: unknown): Record<string, unknown> | undefined {
    if (this.matching.has(kept)) return kept;
    if (typeof built !== 'object' || built === null) return undefined;
    const keys = Object.keys(built);
    const same =
      keys.length === Object.keys(kept).length &&
      keys.every((key) => kept[key] === true && (built as Record<string, unknown>)[key] === true);
    if (!same) return undefined;
    this.matching.add(kept);
    return kept;
  }
}

const PAGING_AND_SELECT = new Set(['select', 'take', 'skip', 'cursor']);

/** What `prismaConnectionHelpers` gives for the connection's model. */
type ConnectionHelpers<Row, Args, Ctx> = {
  getQuery: (args: Args, ctx: Ctx, nestedSelection: () => { select: Record<string, unknown> }) => object;
  resolve: (list: Row[], args: Args, ctx: Ctx, parent: unknown) => object;
};

/**
 * The shortcut for a `prismaConnection` field whose resolver hands its query to `load` (and calls
 * `memo.record` with it): for a field whose columns `memo` holds, the page's query is built from
 * them and the arguments by Pothos' own connection helpers, loaded, and wrapped as Pothos wraps a
 * page, with `totalCount` counted only if asked for. `helpers` must page as the field does (same
 * cursor, default and maximum size), `load` must do exactly what the field's resolver does with
 * its query, and `count` what its `totalCount` does. One difference from Pothos' own wrapping: the
 * helper also copies each row's columns onto its edge, which an edge type with only `cursor` and
 * `node` never shows.
 */
export function connectionShortcut<Row, Args extends object, Ctx extends object>(options: {
  memo: PlanMemo;
  helpers: ConnectionHelpers<Row, Args, Ctx>;
  load: (query: object, args: Args, ctx: Ctx) => Promise<Row[]>;
  count: (args: Args, ctx: Ctx) => Promise<number>;
}): Shortcut {
  const { memo, helpers, load, count } = options;
  return (parent, args, ctx, info) => {
    const select = memo.select(info);
    if (!select) return undefined;
    memo.shortcuts++;
    const pageArgs = args as Args;
    const context = ctx as Ctx;
    let query: { select?: unknown };
    try {
      query = helpers.getQuery(pageArgs, context, () => ({ select }));
      const kept = memo.columnsFor(select, query.select);
      if (kept) query = { ...query, select: kept };
    } catch (error) {
      // Rejected, not thrown, as on Pothos' path (its connection resolver is async): a synchronous
      // throw would stop the executor at this field, before sibling fields run.
      return Promise.reject(error);
    }
    return load(query, pageArgs, context).then((rows) => {
      // Set on the connection itself: its edges point back to it.
      const connection = helpers.resolve(rows, pageArgs, context, parent) as { totalCount?: () => Promise<number> };
      connection.totalCount = () => count(pageArgs, context);
      return connection;
    });
  };
}
