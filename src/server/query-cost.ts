/**
 * The cost of a query in points, from the price each field carries (src/schema/cost.ts, through
 * Pothos' complexity plugin), the way Shopify's API reports it:
 *
 * - requested, before it runs: the plugin's complexity of the operation, with the request's
 *   variables and context (lists and connections at the size their arguments ask for);
 * - actual, once it has run: each field at its own points and each object that came back at its
 *   price, so a page shorter than asked for costs less.
 *
 * Introspection, which the plugin counts as a point per field, is priced here as every other read:
 * a point per object it returns, counted up front at the average sizes they have in this schema
 * (every type, the average fields per type, how often a type reference wraps another, ...), so a
 * full introspection costs about as many points as the objects it returns, and one nested to
 * multiply them costs more.
 */
import { getMappedArgumentValues } from '@pothos/core';
import { complexityFromQuery, type FieldComplexityValue } from '@pothos/plugin-complexity';
import {
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  getNamedType,
  getNullableType,
  getOperationAST,
  getVariableValues,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
  type GraphQLType,
  isAbstractType,
  isCompositeType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isListType,
  isObjectType,
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import { objectPoints, ownPoints, type Price } from '../schema/cost.js';

type Operation = {
  schema: GraphQLSchema;
  operation: OperationDefinitionNode;
  fragments: Record<string, FragmentDefinitionNode>;
};

function operationOf(schema: GraphQLSchema, document: DocumentNode, operationName?: string | null) {
  const operation = getOperationAST(document, operationName);
  if (!operation) return undefined;
  const fragments: Record<string, FragmentDefinitionNode> = {};
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments[d.name.value] = d;
  return { schema, operation, fragments } satisfies Operation;
}

/** The fields a selection asks for, by response key, each with the type it is selected on. */
function collect(
  op: Operation,
  type: GraphQLNamedType,
  sets: readonly SelectionSetNode[],
  into = new Map<string, { parent: GraphQLNamedType; nodes: FieldNode[] }>(),
) {
  for (const set of sets) {
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        const key = selection.alias?.value ?? selection.name.value;
        const seen = into.get(key);
        if (seen) seen.nodes.push(selection);
        else into.set(key, { parent: type, nodes: [selection] });
      } else {
        const fragment = selection.kind === Kind.INLINE_FRAGMENT ? selection : op.fragments[selection.name.value];
        if (!fragment) continue;
        const condition = fragment.typeCondition && op.schema.getType(fragment.typeCondition.name.value);
        collect(op, condition ?? type, [fragment.selectionSet], into);
      }
    }
  }
  return into;
}

const subSelections = (nodes: FieldNode[]) => nodes.flatMap((n) => (n.selectionSet ? [n.selectionSet] : []));

// ---- introspection -----------------------------------------------------------------------------

/**
 * How many objects each introspection field returns on average in a schema, as `Type.field`: the
 * length of a list (every type, the fields of a type, ...), or for `ofType` how often a type
 * reference wraps another (non-null, list). Fields not listed return one.
 */
const averages = new WeakMap<GraphQLSchema, Record<string, number>>();

function introspectionAverages(schema: GraphQLSchema): Record<string, number> {
  let sizes = averages.get(schema);
  if (sizes) return sizes;
  const types = Object.values(schema.getTypeMap());
  const sum = <T>(items: readonly T[], of: (item: T) => number) => items.reduce((n, item) => n + of(item), 0);
  const perType = (of: (t: GraphQLNamedType) => number) => sum(types, of) / types.length;
  const fields = types.flatMap((t) => (isObjectType(t) || isInterfaceType(t) ? Object.values(t.getFields()) : []));
  const inputFields = types.flatMap((t) => (isInputObjectType(t) ? Object.values(t.getFields()) : []));
  const directives = schema.getDirectives();
  const references = [
    ...fields.flatMap((f) => [f.type, ...f.args.map((a) => a.type)]),
    ...inputFields.map((f) => f.type),
    ...directives.flatMap((d) => d.args.map((a) => a.type)),
  ];
  const wrappers = (type: GraphQLType): number => ('ofType' in type ? 1 + wrappers(type.ofType) : 0);
  const wrapped = sum(references, wrappers);
  sizes = {
    '__Schema.types': types.length,
    '__Schema.directives': directives.length,
    '__Type.fields': fields.length / types.length,
    '__Type.inputFields': inputFields.length / types.length,
    '__Type.interfaces': perType((t) => (isObjectType(t) || isInterfaceType(t) ? t.getInterfaces().length : 0)),
    '__Type.possibleTypes': perType((t) => (isAbstractType(t) ? schema.getPossibleTypes(t).length : 0)),
    '__Type.enumValues': perType((t) => (isEnumType(t) ? t.getValues().length : 0)),
    '__Type.ofType': wrapped / (wrapped + references.length),
    '__Field.args': sum(fields, (f) => f.args.length) / Math.max(1, fields.length),
    '__Directive.args': sum(directives, (d) => d.args.length) / Math.max(1, directives.length),
  };
  averages.set(schema, sizes);
  return sizes;
}

/** Points for an introspection selection on `type` (`__Schema` or `__Type`), before it runs. */
function requestedIntrospection(op: Operation, type: GraphQLNamedType, sets: readonly SelectionSetNode[]): number {
  const sizes = introspectionAverages(op.schema);
  let total = 1; // the object itself
  for (const [, { parent, nodes }] of collect(op, type, sets)) {
    const field = isObjectType(parent) ? parent.getFields()[nodes[0]!.name.value] : undefined;
    const named = field && getNamedType(field.type);
    if (!field || !named || !isObjectType(named)) continue; // scalars, enums and __typename are free
    total += requestedIntrospection(op, named, subSelections(nodes)) * (sizes[`${parent.name}.${field.name}`] ?? 1);
  }
  return total;
}

/** Every object in a value: what an introspection field actually cost. */
function objectsIn(value: unknown): number {
  if (Array.isArray(value)) return value.reduce<number>((n, item) => n + objectsIn(item), 0);
  if (typeof value !== 'object' || value === null) return 0;
  return 1 + Object.values(value).reduce<number>((n, item) => n + objectsIn(item), 0);
}

// ---- requested ---------------------------------------------------------------------------------

/**
 * The cost a query asks for, before it runs; 0 when the operation cannot be found. Throws what
 * the plugin throws for arguments or variables it cannot read (a GraphQLError).
 */
export function requestedCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Record<string, unknown>,
  context: object,
): number {
  const op = operationOf(schema, document, operationName);
  if (!op) return 0;
  // The plugin measures a document's first operation: give it the one that runs.
  const single = {
    ...document,
    definitions: document.definitions.filter((d) => d.kind !== Kind.OPERATION_DEFINITION || d === op.operation),
  };
  let total = complexityFromQuery(single, { schema, ctx: context, variables }).complexity;
  const root = schema.getRootType(op.operation.operation);
  if (root) {
    for (const [, { nodes }] of collect(op, root, [op.operation.selectionSet])) {
      const name = nodes[0]!.name.value;
      if (name !== '__schema' && name !== '__type') continue;
      // The plugin counted a point for the field; what it returns is priced here.
      total +=
        requestedIntrospection(op, schema.getType(name === '__schema' ? '__Schema' : '__Type')!, subSelections(nodes)) -
        1;
    }
  }
  return Math.ceil(total);
}

// ---- actual ------------------------------------------------------------------------------------

/**
 * One pricing of a result. A list's items share their selection, so each selection is collected
 * and each field priced once per walk, not once per item (keyed by the `nodes` list collect made).
 */
type Walk = Operation & {
  variables: Record<string, unknown>;
  context: object;
  collected: Map<object, ReturnType<typeof collect>>;
  prices: Map<FieldNode[], Price>;
};

/** A field's price with the arguments it was called with, as the plugin works it out. */
function priceOf(walk: Walk, field: GraphQLField<unknown, unknown>, node: FieldNode): Price {
  let complexity = field.extensions?.complexity as
    | FieldComplexityValue
    | ((args: object, ctx: object, field: GraphQLField<unknown, unknown>) => FieldComplexityValue)
    | undefined;
  if (typeof complexity === 'function') {
    // What the plugin hands argument mappers (global IDs are decoded with the schema).
    const info = { schema: walk.schema, fragments: walk.fragments, variableValues: walk.variables };
    const args = getMappedArgumentValues(field, node, walk.context, info as never);
    complexity = complexity(args as object, walk.context, field);
  }
  const isList = isListType(getNullableType(field.type));
  if (typeof complexity === 'number') return { field: complexity, multiplier: isList ? 10 : 1 };
  return { field: complexity?.field ?? 1, multiplier: complexity?.multiplier ?? (isList ? 10 : 1) };
}

/**
 * What the selection below `fieldNodes` (the nodes collect() returned for one response key; null
 * for the operation's own selection) cost for one object of the data. Plain arguments, no closure:
 * this runs for every object of the answer.
 */
function actualSelection(walk: Walk, type: GraphQLNamedType, fieldNodes: FieldNode[] | null, data: object): number {
  const selection = fieldNodes ?? walk.operation;
  let collected = walk.collected.get(selection);
  if (collected === undefined) {
    collected = collect(walk, type, fieldNodes === null ? [walk.operation.selectionSet] : subSelections(fieldNodes));
    walk.collected.set(selection, collected);
  }
  let total = 0;
  for (const [key, { parent, nodes }] of collected) {
    const value = (data as Record<string, unknown>)[key];
    if (value === undefined) continue; // not in the data: a fragment for another type
    const name = nodes[0]!.name.value;
    if (name === '__typename')
      total += 1; // the plugin's price for a field outside the schema's types
    else if (name.startsWith('__')) total += objectsIn(value);
    else {
      const field = isObjectType(parent) || isInterfaceType(parent) ? parent.getFields()[name] : undefined;
      if (field) total += actualField(walk, field, nodes, value);
    }
  }
  return total;
}

function actualField(walk: Walk, field: GraphQLField<unknown, unknown>, nodes: FieldNode[], value: unknown): number {
  let price = walk.prices.get(nodes);
  if (price === undefined) {
    price = priceOf(walk, field, nodes[0]!);
    walk.prices.set(nodes, price);
  }
  const own = ownPoints(field.type, price);
  const type = getNamedType(field.type) as GraphQLCompositeType;
  if (!isCompositeType(type) || value === null) return Math.max(0, own);
  const each = objectPoints(field.type);
  let total = own;
  if (Array.isArray(value)) {
    for (const item of value)
      if (item !== null && typeof item === 'object') total += each + actualSelection(walk, type, nodes, item);
  } else if (typeof value === 'object') total += each + actualSelection(walk, type, nodes, value);
  return total;
}

/** What the query cost given the data it returned. */
export function actualCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Record<string, unknown>,
  context: object,
  data: Record<string, unknown>,
): number {
  const op = operationOf(schema, document, operationName);
  const root = op && schema.getRootType(op.operation.operation);
  if (!op || !root) return 0;
  const coerced = getVariableValues(schema, op.operation.variableDefinitions ?? [], variables).coerced ?? {};
  const walk: Walk = { ...op, variables: coerced, context, collected: new Map(), prices: new Map() };
  return Math.ceil(actualSelection(walk, root, null, data));
}
