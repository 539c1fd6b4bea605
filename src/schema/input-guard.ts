/**
 * Checks on what a client sends that every field gets, so that bad input is refused as
 * BAD_USER_INPUT before a resolver passes it to PostgreSQL (where it would fail as an unexpected
 * error) rather than in each resolver:
 *
 * - no argument, at any depth (input objects, lists, the JSON of an import), holds a NUL character,
 *   which PostgreSQL's text cannot store;
 * - a connection's `after`/`before` cursor is one of its own: it decodes, and to a value of its
 *   cursor column's type and range (a cursor "GPC:N:abc" decodes, but to no row number);
 * - a global ID names a type that has global IDs and a row number written plainly, within the id
 *   column's range: "Role:1.5", "Role:1e3" and "Role: 1" are not Role 1, and "Role:99999999999"
 *   is not a number PostgreSQL's integer holds.
 */
import SchemaBuilder, {
  BasePlugin,
  type PothosOutputFieldConfig,
  PothosValidationError,
  type SchemaTypes,
} from '@pothos/core';
import { formatPrismaCursor, parsePrismaCursor } from '@pothos/plugin-prisma';
import { decodeGlobalID } from '@pothos/plugin-relay';
import {
  type GraphQLFieldResolver,
  type GraphQLOutputType,
  type GraphQLResolveInfo,
  getNamedType,
  isObjectType,
} from 'graphql';
import { getDatamodel } from '../generated/pothos-types.js';
import { badInput, clip } from './errors.js';

/** PostgreSQL's `integer`, the type of every id column here. */
const INT4_MAX = 2_147_483_647;
/** A row number as an ID carries it: digits, no sign, no leading zero. */
const ROW_NUMBER = /^[1-9]\d{0,9}$/;

const models: Record<string, { fields: readonly { name: string; type: string; isId?: boolean }[] } | undefined> =
  getDatamodel().datamodel.models;
const columnType = (model: string, column: string) => models[model]?.fields.find((f) => f.name === column)?.type;

/** Where in an argument the first NUL character is ("input.duties.2"), if anywhere. Iterative: inputs may nest deeply. */
function nulAt(value: unknown, path: string): string | undefined {
  const stack: [unknown, string][] = [[value, path]];
  while (stack.length > 0) {
    const [v, at] = stack.pop()!;
    if (typeof v === 'string') {
      if (v.includes('\0')) return at;
    } else if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push([v[i], `${at}.${i}`]);
    } else if (v !== null && typeof v === 'object') {
      for (const [key, item] of Object.entries(v)) {
        if (key.includes('\0')) return at;
        stack.push([item, `${at}.${key}`]);
      }
    }
  }
  return undefined;
}

/** Whether a decoded cursor or id value fits a column of this Prisma type. */
function fits(value: unknown, type: string | undefined): boolean {
  if (type === 'Int') return Number.isSafeInteger(value) && Math.abs(value as number) <= INT4_MAX;
  if (type === 'String') return typeof value === 'string';
  return true;
}

/**
 * Refuses a cursor that does not decode to a value of the connection's cursor column, or that is
 * not written as the connection writes it ("GPC:N:" would read as 0).
 */
function checkCursor(argument: string, raw: unknown, model: string, column: string): void {
  if (raw == null) return;
  let value: unknown;
  try {
    value = parsePrismaCursor(raw);
  } catch {
    value = undefined;
  }
  if (
    value === undefined ||
    !fits(value, columnType(model, column)) ||
    formatPrismaCursor({ [column]: value }, column) !== raw
  )
    throw badInput(argument, `"${clip(String(raw))}" is not a cursor of this list; pass a cursor it returned.`);
}

/** The type of a connection's items (`edges { node }`). */
function itemType(connection: GraphQLOutputType) {
  const edges = getNamedType(connection);
  const edge = isObjectType(edges) ? edges.getFields().edges : undefined;
  const edgeType = edge && getNamedType(edge.type);
  const node = edgeType && isObjectType(edgeType) ? edgeType.getFields().node : undefined;
  return node && getNamedType(node.type);
}

/** The model a type stands for, when it is one of Prisma's. */
function pagedModel(extensions: Readonly<Record<string, unknown>> | null | undefined): string | undefined {
  const model = extensions?.pothosPrismaModel;
  return typeof model === 'string' && models[model] ? model : undefined;
}

class InputGuardPlugin<Types extends SchemaTypes> extends BasePlugin<Types> {
  override wrapResolve(
    resolver: GraphQLFieldResolver<unknown, Types['Context'], object>,
    fieldConfig: PothosOutputFieldConfig<Types>,
  ): GraphQLFieldResolver<unknown, Types['Context'], object> {
    const names = Object.keys(fieldConfig.args);
    if (names.length === 0) return resolver;
    // A connection of a Prisma model: every one here pages by the model's id (`cursor: 'id'`), so
    // its cursors are checked against that column. (A connection paging by another column would
    // have its own cursors refused: the connection tests would show it at once.) The connection
    // type names its model only in the built schema, so it is looked up there on first use.
    let paging: { model: string; column: string } | null | undefined = 'after' in fieldConfig.args ? undefined : null;
    const pagedBy = (info: GraphQLResolveInfo) => {
      if (paging !== undefined) return paging;
      const model = pagedModel(itemType(info.returnType)?.extensions);
      const column = model && models[model]!.fields.find((f) => f.isId)?.name;
      return (paging = model && column ? { model, column } : null);
    };
    return (parent, args, context, info) => {
      const values = args as Record<string, unknown>;
      for (const name of names) {
        const at = nulAt(values[name], name);
        if (at !== undefined)
          throw badInput(name, `${at} holds a NUL character (\\u0000), which no text here may contain.`);
      }
      const page = pagedBy(info);
      if (page) for (const name of ['after', 'before']) checkCursor(name, values[name], page.model, page.column);
      return resolver(parent, args, context, info);
    };
  }
}

const pluginName = 'inputGuard';
SchemaBuilder.registerPlugin(pluginName, InputGuardPlugin);
export default pluginName;

// Pothos finds its plugins in this global namespace.
declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  export namespace PothosSchemaTypes {
    interface Plugins<Types extends SchemaTypes> {
      inputGuard: InputGuardPlugin<Types>;
    }
  }
}

/** What a builder tells about a type, enough to know whether it has global IDs and of which model. */
type TypeConfigs = {
  configStore: {
    hasImplementation(name: string): boolean;
    getTypeConfig(name: string): {
      kind: string;
      interfaces?: readonly unknown[];
      extensions?: Readonly<Record<string, unknown>> | null;
    };
  };
};

const isNode = (config: { kind: string; interfaces?: readonly unknown[] } | undefined) =>
  config?.kind === 'Object' && (config.interfaces ?? []).some((i) => (i as { name?: string }).name === 'Node');

/**
 * The relay plugin's `decodeGlobalID`: Pothos' decoding, then the type must be one with global
 * IDs, and the id a row number of its model's id column.
 */
export function decodeNodeID(builder: TypeConfigs, globalID: string): { typename: string; id: string } {
  const shown = `"${clip(globalID)}"`;
  let decoded: { typename: string; id: string };
  try {
    decoded = decodeGlobalID(globalID);
  } catch (error) {
    if (error instanceof PothosValidationError) throw new PothosValidationError(`Invalid global ID ${shown}.`);
    throw error;
  }
  const { typename, id } = decoded;
  const config = builder.configStore.hasImplementation(typename)
    ? builder.configStore.getTypeConfig(typename)
    : undefined;
  if (!config || !isNode(config))
    throw new PothosValidationError(`Invalid global ID ${shown}: no type "${clip(typename)}" has global IDs.`);
  const model = pagedModel(config.extensions);
  const column = model ? models[model]!.fields.find((f) => f.isId)?.type : undefined;
  if (column === 'Int' && !(ROW_NUMBER.test(id) && Number(id) <= INT4_MAX))
    throw new PothosValidationError(
      `Invalid global ID ${shown}: "${clip(id)}" is not a ${typename} number (a whole number from 1 to ${INT4_MAX}).`,
    );
  return decoded;
}
