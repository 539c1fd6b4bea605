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
import { getMappedArgumentValues, PothosValidationError } from '@pothos/core';
import type { FieldComplexityValue } from '@pothos/plugin-complexity';
import {
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  getArgumentValues,
  getNamedType,
  getNullableType,
  getOperationAST,
  getVariableValues,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
  type GraphQLType,
  type GraphQLError,
  type GraphQLResolveInfo,
  isAbstractType,
  isCompositeType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isListType,
  isObjectType,
  Kind,
  isOutputType,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValueNode,
} from 'graphql';
import { objectPoints, ownPoints, type Price, readsArgumentsOnly } from '../schema/cost.js';

type Operation = {
  schema: GraphQLSchema;
  operation: OperationDefinitionNode;
  fragments: Record<string, FragmentDefinitionNode>;
  /** Its selections' entries (entriesOf), by selection (the operation, or a `nodes` list collect made). */
  collected: Map<object, Entry[]>;
};

/**
 * Each document's operations, worked out once: yoga hands every request of the same query text
 * the same parsed document (its parser cache), so what depends on the document alone — its
 * fragments, which fields each selection asks for, the price of a field whose arguments hold no
 * variables — is kept with it and dropped with it.
 */
const operations = new WeakMap<DocumentNode, Map<string | null | undefined, Operation | null>>();

function operationOf(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName?: string | null,
): Operation | undefined {
  let byName = operations.get(document);
  if (byName === undefined) operations.set(document, (byName = new Map()));
  let op = byName.get(operationName);
  if (op === undefined || (op !== null && op.schema !== schema)) {
    const operation = getOperationAST(document, operationName);
    op = null;
    if (operation) {
      const fragments: Record<string, FragmentDefinitionNode> = {};
      for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments[d.name.value] = d;
      op = { schema, operation, fragments, collected: new Map() };
    }
    byName.set(operationName, op);
  }
  return op ?? undefined;
}

/**
 * The fields a selection asks for, by response key, each with the type it is selected on. A named
 * fragment spread twice in one selection is collected once, as graphql-js's collectFields does:
 * `...F ...F` nested a few levels would otherwise list the same field nodes thousands of times.
 */
function collect(
  op: Operation,
  type: GraphQLNamedType,
  sets: readonly SelectionSetNode[],
  into = new Map<string, { nodes: FieldNode[]; parents: GraphQLNamedType[] }>(),
  visited = new Set<string>(),
) {
  for (const set of sets) {
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        const key = selection.alias?.value ?? selection.name.value;
        const seen = into.get(key);
        if (seen) {
          seen.nodes.push(selection);
          seen.parents.push(type);
        } else into.set(key, { nodes: [selection], parents: [type] });
      } else {
        if (selection.kind === Kind.FRAGMENT_SPREAD) {
          if (visited.has(selection.name.value)) continue;
          visited.add(selection.name.value);
        }
        const fragment = selection.kind === Kind.INLINE_FRAGMENT ? selection : op.fragments[selection.name.value];
        if (!fragment) continue;
        const condition = fragment.typeCondition && op.schema.getType(fragment.typeCondition.name.value);
        collect(op, condition ?? type, [fragment.selectionSet], into, visited);
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
  for (const [, { parents, nodes }] of collect(op, type, sets)) {
    const parent = parents[0]!;
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

// ---- prices ------------------------------------------------------------------------------------

/** What pricing one request needs: its operation, variables (coerced) and context. */
type Walk = Operation & {
  variables: Record<string, unknown>;
  context: object;
  /** Fragments being walked (requested cost): a cycle is refused, as the plugin refuses it. */
  active: Set<SelectionSetNode>;
  /** The figures of each response key's field for this request (actual cost), by collect()'s `nodes`. */
  priced: Map<FieldNode[], Priced>;
  /** Prices of the arguments alone worked out for this request, not fixed (both costs ask for them). */
  prices: Map<FieldNode, Price>;
  /** Requested totals of selections worked out for this request, not fixed (a fragment spread again). */
  totals: Map<SelectionSetNode, Map<GraphQLNamedType, number>>;
};

function walkOf(op: Operation, variables: Record<string, unknown>, context: object): Walk {
  const coerced = getVariableValues(op.schema, op.operation.variableDefinitions ?? [], variables);
  // What the plugin throws for variables it cannot read.
  if (coerced.errors) throw coerced.errors[0] as GraphQLError;
  return {
    ...op,
    variables: coerced.coerced,
    context,
    active: new Set(),
    priced: new Map(),
    prices: new Map(),
    totals: new Map(),
  };
}

/** A field's price with the arguments it was called with, as the plugin works it out. */
function priceOf(walk: Walk, field: GraphQLField<unknown, unknown>, node: FieldNode): Price {
  let complexity = field.extensions?.complexity as
    | FieldComplexityValue
    | ((args: object, ctx: object, field: GraphQLField<unknown, unknown>) => FieldComplexityValue)
    | undefined;
  if (typeof complexity === 'function') {
    // What the plugin hands argument mappers (global IDs are decoded with the schema).
    const info = { schema: walk.schema, fragments: walk.fragments, variableValues: walk.variables };
    let args: unknown;
    try {
      args = getMappedArgumentValues(field, node, walk.context, info as never);
    } catch (error) {
      // An argument the mappers refuse (a malformed global ID): the field's own resolver refuses it
      // too, nulling only that field (decision 028); priced on the arguments as sent, the request
      // runs (node(id: "abc") beside another field lost the whole answer).
      if (!(error instanceof PothosValidationError)) throw error;
      args = getArgumentValues(field, node, walk.variables);
    }
    complexity = complexity(args as object, walk.context, field);
  }
  const isList = isListType(getNullableType(field.type));
  if (typeof complexity === 'number') return { field: complexity, multiplier: isList ? 10 : 1 };
  return { field: complexity?.field ?? 1, multiplier: complexity?.multiplier ?? (isList ? 10 : 1) };
}

/** Whether a value given as an argument uses a variable anywhere in it. */
function usesVariable(value: ValueNode): boolean {
  switch (value.kind) {
    case Kind.VARIABLE:
      return true;
    case Kind.LIST:
      return value.values.some(usesVariable);
    case Kind.OBJECT:
      return value.fields.some((f) => usesVariable(f.value));
    default:
      return false;
  }
}

/**
 * Prices the same in every request, by field node: a field priced by a number, or by a function
 * of its arguments alone (readsArgumentsOnly: byShape, a search's price) whose arguments hold no
 * variable. Kept with the node, so with its document.
 */
const fixedPrices = new WeakMap<FieldNode, { field: GraphQLField<unknown, unknown>; price: Price }>();
/** Set by priceFor: whether the price it returned is the same in every request. */
let lastFixed = false;

/**
 * The price of `field` as `node` selects it: from the fixed prices when it is one of them; a price
 * of the arguments alone is worked out once per request (both figures use it); one that reads the
 * context (the dataset export's records) every time it is asked for, so that the actual cost is
 * priced with the context as it is after the request ran.
 */
function priceFor(walk: Walk, field: GraphQLField<unknown, unknown>, node: FieldNode): Price {
  const known = fixedPrices.get(node);
  if (known !== undefined && known.field === field) {
    lastFixed = true;
    return known.price;
  }
  lastFixed = false;
  const priced = walk.prices.get(node);
  if (priced !== undefined) return priced;
  const price = priceOf(walk, field, node);
  const complexity = field.extensions?.complexity;
  if (typeof complexity === 'function' && !readsArgumentsOnly(complexity)) return price;
  if ((node.arguments ?? []).some((a) => usesVariable(a.value))) walk.prices.set(node, price);
  else {
    fixedPrices.set(node, { field, price });
    lastFixed = true;
  }
  return price;
}

// ---- requested ---------------------------------------------------------------------------------

/** The requested cost of a selection on a type where every price in it is fixed, kept with the selection. */
const fixedTotals = new WeakMap<SelectionSetNode, Map<GraphQLNamedType, number>>();

/**
 * The plugin's complexity of a selection on `type` (@pothos/plugin-complexity's
 * complexityFromSelectionSet, which this follows step for step): each field's price plus what its
 * selection costs times its multiplier; fragments add theirs. Sets `lastFixed` when the total is
 * the same in every request (then kept).
 */
function requestedSet(walk: Walk, set: SelectionSetNode, type: GraphQLNamedType): number {
  const kept = fixedTotals.get(set)?.get(type);
  if (kept !== undefined) {
    lastFixed = true;
    return kept;
  }
  // As the plugin does within one request: a fragment spread again is not walked again.
  const again = walk.totals.get(set)?.get(type);
  if (again !== undefined) {
    lastFixed = false;
    return again;
  }
  if (walk.active.has(set)) throw new PothosValidationError('Cannot calculate complexity of a cyclic fragment');
  walk.active.add(set);
  let total = 0;
  let fixed = true;
  for (const selection of set.selections) {
    if (selection.kind === Kind.FIELD) total += requestedField(walk, selection, type);
    else {
      const fragment = selection.kind === Kind.INLINE_FRAGMENT ? selection : walk.fragments[selection.name.value];
      if (!fragment)
        throw new PothosValidationError(`Missing fragment ${(selection as { name: { value: string } }).name.value}`);
      const fragmentType = fragment.typeCondition ? walk.schema.getType(fragment.typeCondition.name.value) : type;
      if (!fragmentType || !isOutputType(fragmentType))
        throw new PothosValidationError(`Expected Type ${type.name} to be an Output type`);
      total += requestedSet(walk, fragment.selectionSet, fragmentType);
    }
    fixed &&= lastFixed;
  }
  walk.active.delete(set);
  const totals = fixed ? fixedTotals : walk.totals;
  let byType = totals.get(set);
  if (byType === undefined) totals.set(set, (byType = new Map()));
  byType.set(type, total);
  lastFixed = fixed;
  return total;
}

/** One field's part of requestedSet (the plugin's complexityFromField). */
function requestedField(walk: Walk, node: FieldNode, type: GraphQLNamedType): number {
  const name = node.name.value;
  const field = isObjectType(type) || isInterfaceType(type) ? type.getFields()[name] : undefined;
  if (!field) {
    if (!name.startsWith('__')) throw new PothosValidationError(`Unknown field selected (${type.name}.${name})`);
    lastFixed = true;
    return 1; // the plugin's default price; what an introspection field returns is priced below
  }
  const price = priceFor(walk, field, node);
  if (!node.selectionSet) return price.field;
  const fixed = lastFixed;
  const below = requestedSet(walk, node.selectionSet, getNamedType(field.type));
  lastFixed &&= fixed;
  return below * Math.max(price.multiplier, 0) + price.field;
}

/**
 * A request's costs: what it asks for, before it runs, and what it cost, given the data it returned;
 * and what it would ask for had a list field that `info` resolves been priced at `items` items
 * instead of the size it was priced at up front (its selection under each item included).
 */
export type RequestPricing = {
  requested: number;
  actual: (data: Record<string, unknown>) => number;
  withItems: (info: Pick<GraphQLResolveInfo, 'fieldNodes' | 'parentType' | 'fieldName'>, items: number) => number;
};

/**
 * Prices a request: the cost it asks for, before it runs (0 when the operation cannot be found),
 * and the means to work out what it actually cost once it has run. Throws what the complexity
 * plugin throws for arguments or variables it cannot read (a GraphQLError). The plugin's own walk
 * (complexityFromQuery) gives the same requested figure; this one keeps, with the document, every
 * part that is the same in every request, and works out the rest once for both figures.
 */
export function priceRequest(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Record<string, unknown>,
  context: object,
): RequestPricing {
  const op = operationOf(schema, document, operationName);
  const root = op && schema.getRootType(op.operation.operation);
  if (!op || !root) return { requested: 0, actual: () => 0, withItems: () => 0 };
  const walk = walkOf(op, variables, context);
  let total = requestedSet(walk, op.operation.selectionSet, root);
  for (const [, { nodes }] of collect(op, root, [op.operation.selectionSet])) {
    const name = nodes[0]!.name.value;
    if (name !== '__schema' && name !== '__type') continue;
    // The plugin counted a point for the field; what it returns is priced here.
    total +=
      requestedIntrospection(op, schema.getType(name === '__schema' ? '__Schema' : '__Type')!, subSelections(nodes)) -
      1;
  }
  const requested = Math.ceil(total);
  return {
    requested,
    actual: (data) => Math.ceil(actualSelection(walk, root, null, data)),
    withItems: ({ fieldNodes, parentType, fieldName }, items) => {
      const field = parentType.getFields()[fieldName]!;
      let more = 0;
      for (const node of fieldNodes) {
        const price = priceFor(walk, field, node);
        const each =
          objectPoints(field.type) +
          (node.selectionSet ? requestedSet(walk, node.selectionSet, getNamedType(field.type)) : 0);
        more += Math.max(0, items - price.multiplier) * each;
      }
      return Math.ceil(requested + more);
    },
  };
}

/** The cost a query asks for, before it runs (priceRequest's `requested`). */
export const requestedCost = (...args: Parameters<typeof priceRequest>): number => priceRequest(...args).requested;

// ---- actual ------------------------------------------------------------------------------------

/** One way a response key may be answered: a schema field, __typename (a point), or an introspection field (its objects). */
type Reading = { nodes: FieldNode[]; field: GraphQLField<unknown, unknown> | null; introspection: boolean };

/** One response key of a selection as actualSelection reads it: what the key is, worked out once. */
type Entry = Reading & {
  key: string;
  /**
   * The key's other readings when it names a different field on another object type (`... on A
   * { x: f } ... on B { x: g }`, which validation allows since an object is one of them): the data
   * does not say which type each object is, so the key costs the dearest reading. Null when there
   * is one (the usual case).
   */
  others: Reading[] | null;
};

/** The reading of a key's nodes (all naming one field) selected on `parent`; undefined for a field the type lacks. */
function readingOf(parent: GraphQLNamedType, nodes: FieldNode[]): Reading | undefined {
  const name = nodes[0]!.name.value;
  if (name === '__typename') return { nodes, field: null, introspection: false };
  if (name.startsWith('__')) return { nodes, field: null, introspection: true };
  const field = isObjectType(parent) || isInterfaceType(parent) ? parent.getFields()[name] : undefined;
  return field ? { nodes, field, introspection: false } : undefined;
}

/** A selection's entries, once per operation (the operation's own, or a `nodes` list collect made). */
function entriesOf(op: Operation, type: GraphQLNamedType, selection: FieldNode[] | OperationDefinitionNode): Entry[] {
  let entries = op.collected.get(selection);
  if (entries === undefined) {
    entries = [];
    const sets = Array.isArray(selection)
      ? subSelections(selection)
      : [(selection as OperationDefinitionNode).selectionSet];
    for (const [key, { nodes, parents }] of collect(op, type, sets)) {
      // One reading per object type the key is selected on, with the nodes selected on interfaces
      // or unions (which that object may be) as well; validation makes them all name one field.
      const objects = [...new Set(parents.filter(isObjectType))];
      const readings = (objects.length > 0 ? objects : [parents[0]!]).flatMap((parent) => {
        const own = nodes.filter((_, i) => parents[i] === parent || !isObjectType(parents[i]));
        return readingOf(parent, own) ?? [];
      });
      const [first, ...others] = readings;
      if (first) entries.push({ key, ...first, others: others.length > 0 ? others : null });
    }
    op.collected.set(selection, entries);
  }
  return entries;
}

/** What one response key's field costs per object, worked out once per request. */
type Priced = { own: number; each: number; type: GraphQLCompositeType | null };

function pricedOf(walk: Walk, field: GraphQLField<unknown, unknown>, nodes: FieldNode[]): Priced {
  let priced = walk.priced.get(nodes);
  if (priced === undefined) {
    const price = priceFor(walk, field, nodes[0]!);
    const named = getNamedType(field.type);
    priced = {
      own: ownPoints(field.type, price),
      each: objectPoints(field.type),
      type: isCompositeType(named) ? named : null,
    };
    walk.priced.set(nodes, priced);
  }
  return priced;
}

/**
 * What the selection below `fieldNodes` (the nodes collect() returned for one response key; null
 * for the operation's own selection) cost for one object of the data. Plain arguments, no closure:
 * this runs for every object of the answer.
 */
function actualSelection(walk: Walk, type: GraphQLNamedType, fieldNodes: FieldNode[] | null, data: object): number {
  const entries = entriesOf(walk, type, fieldNodes ?? walk.operation);
  let total = 0;
  for (const entry of entries) {
    const value = (data as Record<string, unknown>)[entry.key];
    if (value === undefined) continue; // not in the data: a fragment for another type
    let cost = actualReading(walk, entry, value);
    if (entry.others !== null)
      for (const other of entry.others) cost = Math.max(cost, actualReading(walk, other, value));
    total += cost;
  }
  return total;
}

function actualReading(walk: Walk, { field, nodes, introspection }: Reading, value: unknown): number {
  if (field !== null) return actualField(walk, field, nodes, value);
  if (introspection) return objectsIn(value);
  return 1; // __typename: the plugin's price for a field outside the schema's types
}

function actualField(walk: Walk, field: GraphQLField<unknown, unknown>, nodes: FieldNode[], value: unknown): number {
  const { own, each, type } = pricedOf(walk, field, nodes);
  if (type === null || value === null) return Math.max(0, own);
  let total = own;
  if (Array.isArray(value)) {
    for (const item of value)
      if (item !== null && typeof item === 'object') total += each + actualSelection(walk, type, nodes, item);
  } else if (typeof value === 'object') total += each + actualSelection(walk, type, nodes, value);
  return total;
}
