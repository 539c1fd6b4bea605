/**
 * What a field costs, in the points of the rate limit (docs/operations.md), carried by Pothos'
 * complexity plugin: a field's `complexity` is `{ field, multiplier }`, the points the field costs
 * itself and the factor applied to everything selected beneath it. Every field is priced by its
 * shape, as Shopify prices its API:
 *
 * - a scalar or enum costs nothing, an object one point;
 * - a list costs one point per item, counting `first` items when it takes `first`, otherwise
 *   DEFAULT_LIST_SIZE up front (the actual cost counts every item that came back);
 * - a connection costs two points plus its page (`first` or `last`, else 20) times one item;
 * - every item of a list argument costs a point, whatever the field (`nodes(ids:)`,
 *   `compareRoles(slugs:)`, a profile's certifications, an imported document's records).
 *
 * A field that does more than its shape says adds its own points with {@link costs}: a mutation
 * ten, a pathway search hundreds, an export one per record. The server works out the requested
 * cost before running a query and the actual cost from its data (src/server/query-cost.ts).
 */
import {
  type GraphQLNamedType,
  type GraphQLOutputType,
  getNamedType,
  getNullableType,
  isCompositeType,
  isListType,
  isObjectType,
} from 'graphql';
import { PAGE } from './errors.js';

/**
 * Items a plain list without `first` is assumed to hold up front: they are short here. A list whose
 * items lead to further lists of the same kind (a role's next steps, each into a role with its own)
 * carries its mean length instead (`listOf`): at one item each, a role's previous steps' next steps,
 * eight levels deep, asked 902 points and cost 151,721 (1.7 s of the one event loop).
 */
const DEFAULT_LIST_SIZE = 1;
/** What a mutation costs on top of what it returns. */
export const MUTATION_COST = 10;

/** The complexity plugin's form of a price. */
export type Price = { field: number; multiplier: number };

type Shape = 'leaf' | 'object' | 'list' | 'connection';

const hasFields = (type: GraphQLNamedType, ...names: string[]) =>
  isObjectType(type) && names.every((name) => name in type.getFields());

function shapeOf(type: GraphQLOutputType): Shape {
  const named = getNamedType(type);
  if (!isCompositeType(named)) return 'leaf';
  if (isListType(getNullableType(type))) return 'list';
  return hasFields(named, 'edges', 'pageInfo') ? 'connection' : 'object';
}

/** Points per item of a list: an object costs one; a connection's edge none (its node is the item). */
const perItem = (type: GraphQLOutputType) => (hasFields(getNamedType(type), 'node', 'cursor') ? 0 : 1);

/** The price of a field of `type` that costs `own` points itself and holds `size` items if it is a list. */
function priceOf(type: GraphQLOutputType, own: number, size: number): Price {
  switch (shapeOf(type)) {
    case 'leaf':
      return { field: own, multiplier: 1 };
    case 'object':
      return { field: own + 1, multiplier: 1 };
    case 'list':
      return { field: own + perItem(type) * size, multiplier: size };
    case 'connection':
      return { field: own + 2, multiplier: size };
  }
}

/** The inverse of `priceOf`: the points a field costs itself, however many items come back. */
export function ownPoints(type: GraphQLOutputType, price: Price): number {
  switch (shapeOf(type)) {
    case 'leaf':
      return price.field;
    case 'object':
      return price.field - 1;
    case 'list':
      return price.field - perItem(type) * price.multiplier;
    case 'connection':
      return price.field - 2;
  }
}

/**
 * What each object a field returns costs by itself: one, or two for a connection's page; for a
 * list, per item (an edge nothing).
 */
export function objectPoints(type: GraphQLOutputType): number {
  const shape = shapeOf(type);
  return shape === 'connection' ? 2 : shape === 'list' ? perItem(type) : shape === 'object' ? 1 : 0;
}

/** Every item of every list in `value`, nested ones included (a JSON argument's too). */
function listItems(value: unknown): number {
  if (Array.isArray(value)) return value.reduce<number>((n, item) => n + 1 + listItems(item), 0);
  if (typeof value !== 'object' || value === null) return 0;
  return Object.values(value).reduce<number>((n, item) => n + listItems(item), 0);
}

type Args = Record<string, unknown>;
const count = (value: unknown) => (typeof value === 'number' && value >= 0 ? value : undefined);

/**
 * How many items a list or connection field is asked for, at most PAGE.max: no field takes a larger
 * `first` or `last` (tests/schema/arguments.test.ts holds every field's cap to it), and a larger one
 * is refused by the field as BAD_USER_INPUT naming its cap. Priced as asked, `first: 100000` was
 * refused as 100,021 points over MAX_QUERY_COST instead, which named neither the argument nor the cap.
 */
function sizeOf(args: Args, type: GraphQLOutputType): number {
  const asked = shapeOf(type) === 'connection' ? (count(args.first) ?? count(args.last)) : count(args.first);
  return asked === undefined
    ? shapeOf(type) === 'connection'
      ? PAGE.default
      : DEFAULT_LIST_SIZE
    : Math.min(asked, PAGE.max);
}

/**
 * Prices that read the field's arguments and nothing else (not the request's context): the same
 * arguments give the same price in every request, so src/server/query-cost.ts may keep it.
 */
const argumentsOnly = new WeakSet<object>();

/** Whether a field's price function reads only its arguments (see argumentsOnly). */
export const readsArgumentsOnly = (price: object): boolean => argumentsOnly.has(price);

/** The price of every field without one of its own (the plugin's `fieldComplexity`). */
export function byShape(args: Args, _ctx: unknown, field: { type: GraphQLOutputType }): Price {
  return priceOf(field.type, listItems(args), sizeOf(args, field.type));
}
argumentsOnly.add(byShape);

/**
 * The price of a field that costs `own` points on top of its shape: a number, or worked out from
 * the field's arguments and the request's context. `size`, when given, says how many items it
 * returns.
 */
export function costs<Ctx = unknown>(
  own: number | ((args: Args, ctx: Ctx) => number),
  size?: (args: Args) => number,
): (args: Args, ctx: Ctx, field: { type: GraphQLOutputType }) => Price {
  const price = (args: Args, ctx: Ctx, field: { type: GraphQLOutputType }) =>
    priceOf(
      field.type,
      (typeof own === 'number' ? own : own(args, ctx)) + listItems(args),
      size ? size(args) : sizeOf(args, field.type),
    );
  // An `own` declared without a context parameter cannot read it.
  if (typeof own === 'number' || own.length < 2) argumentsOnly.add(price);
  return price;
}

/**
 * The price of a plain list whose items lead to lists like it (a tree a query can grow level by
 * level): `size`, their mean number in the data, so that each level multiplies the price as it
 * multiplies the work. tests/server/query-cost.test.ts holds each size to the seeded data.
 */
export const listOf = (size: number) => costs(0, () => size);

/**
 * The lists priced at their mean length (listOf), with the means of the curated data and O*NET
 * 29.3 as loaded (2026-12-07), rounded up.
 */
export const LIST_SIZES = {
  /** O*NET relates each occupation it relates to exactly 20. */
  relatedOccupations: 20,
  /**
   * O*NET's long lists of an occupation, whose items hold no lists but which a tree of related
   * occupations multiplies: 35 skills rated, 20.4 tasks on average.
   */
  skills: 35,
  tasks: 21,
  /** 103 curated moves out of 27 roles: 3.8. */
  nextSteps: 4,
  /** The same moves, into the same roles. */
  previousSteps: 4,
  /** 27 roles on 3 tracks. */
  trackRoles: 9,
  /** Moves asking each certification: 6.8. */
  unlocks: 7,
  /** Certifications of which any one meets a requirement: 1.9. */
  anyOf: 2,
} as const;

/**
 * A search with `includeEstimated: true` runs over every O*NET occupation (about 1,000 nodes and
 * 18,500 moves instead of the curated few dozen) and can use its whole work budget, most of a
 * second of the one event loop; priced so that an anonymous client's bucket (MAX_QUERY_COST a
 * request, 500 points a second) buys at most two a request and one every three seconds.
 */
export const ESTIMATED_SEARCH_COST = 1500;

/**
 * The price of a pathway search: `curated` points, or ESTIMATED_SEARCH_COST over the whole graph.
 * With `maxFirst`, its list is priced at no more than the `first` it allows: a larger `first` is
 * refused as BAD_USER_INPUT naming the limit, not priced past MAX_QUERY_COST.
 */
export const searchCost = (curated: number, maxFirst?: number) =>
  costs(
    (args) => (args.includeEstimated === true ? ESTIMATED_SEARCH_COST : curated),
    maxFirst === undefined ? undefined : (args) => Math.min(count(args.first) ?? DEFAULT_LIST_SIZE, maxFirst),
  );
