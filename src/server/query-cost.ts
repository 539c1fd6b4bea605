/**
 * The cost of a query, in points, the way Shopify's GraphQL API counts it: scalars are free, each
 * object costs a point, a connection costs two plus its page size times the cost of one item, a
 * mutation ten, and the pathway searches far more than a row read. The requested cost is worked
 * out from the document before execution (connections at their page size, plain lists at an
 * estimate); the actual cost from the data that came back, with the same weights.
 *
 * What can be worked out from the document alone (which fields each selection asks for, on which
 * types, at what weight) is worked out once per document and operation and kept beside the parsed
 * document (which yoga's parser cache reuses for every request with the same text), so a repeated
 * query costs only the walk over its result. The requested cost itself is kept too unless a
 * `first` or `last` argument takes a variable.
 */
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
  isCompositeType,
  isInterfaceType,
  isLeafType,
  isListType,
  isObjectType,
  Kind,
  type SelectionSetNode,
  type VariableDefinitionNode,
  visit,
} from 'graphql';

export type CostWeights = {
  /** An object (one row, one value object). @default 1 */
  object: number;
  /** A connection, on top of its items. @default 2 */
  connection: number;
  /** A mutation field, on top of what it returns. @default 10 */
  mutation: number;
  /** Items a connection is assumed to return when neither `first` nor `last` is given. @default 20 */
  defaultPageSize: number;
  /**
   * Items a plain list is assumed to return, up front, when it has no `first` argument. Plain
   * lists are short here (a role's next steps, a figure's sources), and an estimate multiplied
   * level after level would refuse reasonable nested reads; the actual cost counts every item.
   * @default 1
   */
  defaultListSize: number;
  /** Fields that cost more than their shape says, as `Type.field`: added once per field. */
  fields: Record<string, number>;
};

/** The weights the server limits and reports with (docs/operations.md). */
export const defaultCostWeights: CostWeights = {
  object: 1,
  connection: 2,
  mutation: 10,
  defaultPageSize: 20,
  defaultListSize: 1,
  fields: {
    // Each runs a constrained search over the pathway graph rather than reading rows.
    'Query.pathways': 100,
    'Query.reachableRoles': 250,
    'TrackBridges.pathways': 250,
  },
};

type Walk = {
  schema: GraphQLSchema;
  weights: CostWeights;
  fragments: Record<string, FragmentDefinitionNode>;
  /** Coerced variable values; empty when no cost depends on them. */
  variables: Record<string, unknown>;
  mutationType: GraphQLNamedType | null | undefined;
};

/**
 * The fields a selection asks for, merged by response key, with the type each is selected on.
 * What depends only on the document is filled in on first use and kept.
 */
type Selected = {
  parent: GraphQLCompositeType;
  field: GraphQLField<unknown, unknown>;
  nodes: FieldNode[];
  /** The field's own weight (see ownCost). */
  own?: number;
  /** The fields selected under this one, per type they are selected on. */
  children?: Map<GraphQLCompositeType, Map<string, Selected>>;
  /** The same without the free ones (scalars of no weight), for walking results. */
  costly?: Map<GraphQLCompositeType, [string, Selected][]>;
};

function collect(
  walk: Walk,
  parent: GraphQLCompositeType,
  sets: readonly SelectionSetNode[],
  into = new Map<string, Selected>(),
): Map<string, Selected> {
  for (const set of sets) {
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        const name = selection.name.value;
        if (name.startsWith('__')) continue; // introspection and __typename are free
        const fields = isObjectType(parent) || isInterfaceType(parent) ? parent.getFields() : {};
        const field = fields[name];
        if (!field) continue;
        const key = selection.alias?.value ?? name;
        const seen = into.get(key);
        if (seen) seen.nodes.push(selection);
        else into.set(key, { parent, field, nodes: [selection] });
      } else {
        const fragment = selection.kind === Kind.INLINE_FRAGMENT ? selection : walk.fragments[selection.name.value];
        if (!fragment) continue;
        const condition = fragment.typeCondition && walk.schema.getType(fragment.typeCondition.name.value);
        const type = condition && isCompositeType(condition) ? condition : parent;
        collect(walk, type, [fragment.selectionSet], into);
      }
    }
  }
  return into;
}

/** The fields selected under `s` when its value is of `type`, collected once. */
function childrenOf(walk: Walk, s: Selected, type: GraphQLCompositeType): Map<string, Selected> {
  s.children ??= new Map();
  let children = s.children.get(type);
  if (!children) {
    children = collect(
      walk,
      type,
      s.nodes.flatMap((n) => (n.selectionSet ? [n.selectionSet] : [])),
    );
    s.children.set(type, children);
  }
  return children;
}

/** `childrenOf` less the fields that cost nothing whatever their value (unweighted scalars). */
function costlyChildrenOf(walk: Walk, s: Selected, type: GraphQLCompositeType): [string, Selected][] {
  s.costly ??= new Map();
  let costly = s.costly.get(type);
  if (!costly) {
    costly = [...childrenOf(walk, s, type)].filter(([, child]) => {
      const named = getNamedType(child.field.type);
      return !(isLeafType(named) || !isCompositeType(named)) || ownCost(walk, child) !== 0;
    });
    s.costly.set(type, costly);
  }
  return costly;
}

function argument(walk: Walk, s: Selected, name: string): number | undefined {
  try {
    const value = getArgumentValues(s.field, s.nodes[0]!, walk.variables)[name];
    return typeof value === 'number' && value >= 0 ? value : undefined;
  } catch {
    return undefined; // invalid arguments fail at execution; the estimate stays
  }
}

const connections = new WeakMap<GraphQLNamedType, boolean>();
const isConnection = (type: GraphQLNamedType) => {
  let known = connections.get(type);
  if (known === undefined) {
    known = isObjectType(type) && 'edges' in type.getFields() && 'pageInfo' in type.getFields();
    connections.set(type, known);
  }
  return known;
};

/** What the field itself costs, before what it contains. */
function ownCost(walk: Walk, s: Selected): number {
  if (s.own === undefined) {
    const weight = walk.weights.fields[`${s.parent.name}.${s.field.name}`] ?? 0;
    s.own = s.parent === walk.mutationType ? weight + walk.weights.mutation : weight;
  }
  return s.own;
}

function requestedField(walk: Walk, s: Selected): number {
  const type = getNamedType(s.field.type);
  const own = ownCost(walk, s);
  if (isLeafType(type) || !isCompositeType(type)) return own;
  if (isConnection(type)) {
    const size = argument(walk, s, 'first') ?? argument(walk, s, 'last') ?? walk.weights.defaultPageSize;
    let once = 0;
    let perItem = 0;
    for (const child of childrenOf(walk, s, type).values()) {
      if (child.field.name === 'edges') {
        // An edge costs nothing of its own: its node is the item.
        const edgeType = getNamedType(child.field.type) as GraphQLCompositeType;
        for (const edgeField of childrenOf(walk, child, edgeType).values()) {
          perItem += requestedField(walk, edgeField);
        }
      } else if (child.field.name === 'nodes') {
        perItem += requestedItem(walk, child, getNamedType(child.field.type));
      } else {
        once += requestedField(walk, child);
      }
    }
    return own + walk.weights.connection + once + size * perItem;
  }
  const item = requestedItem(walk, s, type);
  if (isListType(getNullableType(s.field.type))) {
    return own + (argument(walk, s, 'first') ?? walk.weights.defaultListSize) * item;
  }
  return own + item;
}

function requestedItem(walk: Walk, s: Selected, type: GraphQLNamedType): number {
  if (!isCompositeType(type)) return 0;
  let item = walk.weights.object;
  for (const child of childrenOf(walk, s, type).values()) item += requestedField(walk, child);
  return item;
}

function actualField(walk: Walk, s: Selected, value: unknown): number {
  if (value == null) return 0;
  const type = getNamedType(s.field.type);
  const own = ownCost(walk, s);
  if (isLeafType(type) || !isCompositeType(type)) return own;
  if (isConnection(type)) {
    let total = own + walk.weights.connection;
    const data = value as Record<string, unknown>;
    for (const [key, child] of costlyChildrenOf(walk, s, type)) {
      if (child.field.name === 'edges' && Array.isArray(data[key])) {
        const edgeType = getNamedType(child.field.type) as GraphQLCompositeType;
        const edgeFields = costlyChildrenOf(walk, child, edgeType);
        for (const edge of data[key] as (Record<string, unknown> | null)[]) {
          if (edge) for (const [k, f] of edgeFields) total += actualField(walk, f, edge[k]);
        }
      } else if (child.field.name === 'nodes' && Array.isArray(data[key])) {
        const items = data[key] as unknown[];
        for (const item of items) total += actualObject(walk, child, getNamedType(child.field.type), item);
      } else {
        total += actualField(walk, child, data[key]);
      }
    }
    return total;
  }
  if (Array.isArray(value)) {
    return own + value.reduce<number>((sum, item) => sum + actualObject(walk, s, type, item), 0);
  }
  return own + actualObject(walk, s, type, value);
}

function actualObject(walk: Walk, s: Selected, type: GraphQLNamedType, value: unknown): number {
  if (value == null || !isCompositeType(type)) return 0;
  const data = value as Record<string, unknown>;
  let total = walk.weights.object;
  for (const [key, child] of costlyChildrenOf(walk, s, type)) total += actualField(walk, child, data[key]);
  return total;
}

/** What is known about an operation of a document before any variables are seen. */
type Prepared = {
  schema: GraphQLSchema;
  weights: CostWeights;
  walk: Walk;
  fields: Map<string, Selected>;
  variableDefinitions: readonly VariableDefinitionNode[];
  /** Whether a `first` or `last` argument takes a variable, so the requested cost depends on them. */
  sizedByVariables: boolean;
  /** The requested cost, when it does not depend on variables. */
  requested?: number;
};

/** Per document, per operation name (`''` for none); dropped with the document. */
const preparedByDocument = new WeakMap<DocumentNode, Map<string, Prepared | null>>();

const SIZE_ARGUMENTS = new Set(['first', 'last']);

function sizedByVariables(document: DocumentNode): boolean {
  let found = false;
  visit(document, {
    Argument(node) {
      if (SIZE_ARGUMENTS.has(node.name.value)) {
        visit(node.value, {
          Variable() {
            found = true;
          },
        });
      }
    },
  });
  return found;
}

function prepare(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  weights: CostWeights,
): Prepared | null {
  let byName = preparedByDocument.get(document);
  if (!byName) preparedByDocument.set(document, (byName = new Map()));
  const key = operationName ?? '';
  const known = byName.get(key);
  if (known !== undefined && (known === null || (known.schema === schema && known.weights === weights))) return known;

  let prepared: Prepared | null = null;
  const operation = getOperationAST(document, operationName);
  const root = operation && schema.getRootType(operation.operation);
  if (operation && root) {
    const fragments: Record<string, FragmentDefinitionNode> = {};
    for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments[d.name.value] = d;
    const walk: Walk = { schema, weights, fragments, variables: {}, mutationType: schema.getMutationType() };
    prepared = {
      schema,
      weights,
      walk,
      fields: collect(walk, root, [operation.selectionSet]),
      variableDefinitions: operation.variableDefinitions ?? [],
      sizedByVariables: sizedByVariables(document),
    };
  }
  byName.set(key, prepared);
  return prepared;
}

/** The walk for one request: the prepared one, with the coerced variables when costs use them. */
function walkWith(prepared: Prepared, variables: Record<string, unknown>): Walk {
  if (!prepared.sizedByVariables) return prepared.walk;
  const coerced = getVariableValues(prepared.schema, prepared.variableDefinitions, variables);
  return { ...prepared.walk, variables: coerced.coerced ?? {} };
}

/** The cost a query asks for, before it runs; 0 when the operation cannot be found. */
export function requestedCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName?: string | null,
  variables: Record<string, unknown> = {},
  weights: CostWeights = defaultCostWeights,
): number {
  const prepared = prepare(schema, document, operationName, weights);
  if (!prepared) return 0;
  if (prepared.requested !== undefined) return prepared.requested;
  const walk = walkWith(prepared, variables);
  let total = 0;
  for (const s of prepared.fields.values()) total += requestedField(walk, s);
  const requested = Math.ceil(total);
  if (!prepared.sizedByVariables) prepared.requested = requested;
  return requested;
}

/** What the query cost given the data it returned. */
export function actualCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  data: Record<string, unknown> | null | undefined,
  /** Unused: the actual cost counts what came back, whatever the arguments asked for. */
  _variables: Record<string, unknown> = {},
  weights: CostWeights = defaultCostWeights,
): number {
  const prepared = prepare(schema, document, operationName, weights);
  if (!prepared || !data) return 0;
  let total = 0;
  for (const [key, s] of prepared.fields) total += actualField(prepared.walk, s, data[key]);
  return Math.ceil(total);
}
