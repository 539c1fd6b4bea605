/**
 * Direct reads: the plainest lookups (a model's scalar columns, and those of the records its
 * foreign keys point at) compiled once per shape into one SQL statement that runs on the same
 * node-postgres pool Prisma uses, with no Prisma query engine in between.
 *
 * Why: for a one-row read, building the query in Prisma's client, interpreting its plan and
 * mapping the rows back costs more CPU than all the rest of a GraphQL request (docs/load-test.md).
 * A lookup like `role(slug) { title track { name } }` needs none of that: one SELECT with a JOIN.
 *
 * What is compiled, from the same arguments a Prisma `findFirst`/`findMany` takes (the ones Pothos
 * builds from a request's selection):
 * - `select` of scalar fields (String, Int, Boolean, an enum, String[] or Int[]) and of to-one
 *   relations through a foreign key on this side, nested the same way;
 * - `where`: equality on scalar fields (`{ slug: 'x' }`, `{ slug: { equals: 'x' } }`), `in` lists,
 *   and `AND` of those;
 * - `orderBy` (a list of `{ field: 'asc' | 'desc' }`, ending with the id), `take` (negative too),
 *   `skip` and `cursor` on the id, with Prisma's semantics.
 * Anything else (list relations, counts, distinct/include/omit, other filters, DateTime/Decimal/Json
 * columns...) returns `undefined` from `findFirst`/`findMany`, and the caller asks Prisma; so do
 * values Prisma would refuse, so that Prisma gives its own error. tests/db/direct-read.test.ts
 * compares both on every model and argument form compiled here.
 *
 * Columns are selected in a fixed order whatever order a request names its fields in, and each
 * statement is prepared once per connection under a name derived from its text. Only the first
 * MAX_SHAPES distinct statements are prepared: connections keep every statement prepared on them,
 * so a client asking for ever new field combinations must not grow them without end; later ones
 * run unnamed (parsed each time), equally correct. The MAX_SHAPES most recently used shapes are
 * kept compiled, found by a key built from the arguments' structure, or, for arguments whose
 * `select`, `where` and `orderBy` are frozen all the way down (`constantArgument`), by the
 * identity of those objects. Rows come back as arrays and are built into plain
 * objects shaped as Prisma returns them. Decision 005 says why this exists beside Prisma.
 */
import { createHash } from 'node:crypto';
import type pg from 'pg';
import { DirectQuery, type TypeParsers } from './direct-query.js';

/** A model's fields as Pothos' generated datamodel describes them, with their column names. */
export type DirectModel = {
  table: string;
  id: string | undefined;
  fields: Map<string, DirectField>;
};
type DirectField = {
  column: string;
  kind: 'scalar' | 'enum' | 'object';
  type: string;
  isList: boolean;
  isRequired: boolean;
  /** For a to-one relation through a foreign key on this model (to the related id): that key's field. */
  foreignKey?: string;
  /** For an enum: the values Prisma accepts. */
  values?: ReadonlySet<string>;
};

/** The structural facts this module needs about the schema, keyed by model name. */
export type DirectSchema = Map<string, DirectModel>;

type PothosDatamodel = {
  datamodel: {
    models: Record<
      string,
      {
        fields: readonly {
          name: string;
          kind: string;
          type: string;
          isList: boolean;
          isRequired: boolean;
          isId: boolean;
          relationFromFields?: readonly string[];
        }[];
      }
    >;
  };
};
type RuntimeDataModel = {
  models: Record<string, { dbName: string | null; fields: { name: string; dbName?: string | null }[] }>;
};

/** The generated client's enums (`src/generated/prisma/enums.ts`): name to its values. */
export type Enums = Record<string, Record<string, string>>;

/**
 * Joins Pothos' datamodel (shape) with Prisma's runtime datamodel (table and column names) and the
 * generated enums (their values). Tables are qualified with `dbSchema`, the PostgreSQL schema
 * Prisma's adapter is told to use, so that both read the same tables whatever the search_path.
 */
export function directSchema(
  pothos: PothosDatamodel,
  runtime: RuntimeDataModel,
  enums: Enums,
  dbSchema: string,
): DirectSchema {
  const schema: DirectSchema = new Map();
  for (const [name, model] of Object.entries(pothos.datamodel.models)) {
    const names = runtime.models[name];
    if (!names) continue;
    const columns = new Map(names.fields.map((f) => [f.name, f.dbName ?? f.name]));
    const ids = model.fields.filter((f) => f.isId);
    const fields = new Map<string, DirectField>();
    for (const f of model.fields) {
      const kind = f.kind === 'scalar' || f.kind === 'enum' || f.kind === 'object' ? f.kind : undefined;
      if (!kind) continue;
      const from = f.relationFromFields ?? [];
      // Joined through a single foreign key on this side, taken to point at the related id: the
      // datamodel here does not say which column it references; every relation in
      // prisma/schema.prisma references the id, and tests/db/direct-read.test.ts checks that it does.
      const joinable = kind === 'object' && !f.isList && from.length === 1;
      const values = kind === 'enum' ? enums[f.type] : undefined;
      fields.set(f.name, {
        column: columns.get(f.name) ?? f.name,
        kind,
        type: f.type,
        isList: f.isList,
        isRequired: f.isRequired,
        ...(joinable && { foreignKey: from[0] }),
        ...(values && { values: new Set(Object.values(values)) }),
      });
    }
    schema.set(name, {
      table: `${quote(dbSchema)}.${quote(names.dbName ?? name)}`,
      id: ids.length === 1 ? ids[0]!.name : undefined,
      fields,
    });
  }
  return schema;
}

/** Column types whose node-postgres text parsing gives exactly what Prisma returns. */
const PLAIN_SCALARS = new Set(['String', 'Int', 'Boolean']);
const PLAIN_LISTS = new Set(['String', 'Int']);

const INT4 = 2 ** 31;

/** Whether a parameter value has the column's type, as Prisma would accept it. */
function checkerFor(field: DirectField): (value: unknown) => boolean {
  if (field.kind === 'enum') {
    const { values } = field;
    return (v) => typeof v === 'string' && values !== undefined && values.has(v);
  }
  if (field.type === 'String') return (v) => typeof v === 'string';
  if (field.type === 'Boolean') return (v) => typeof v === 'boolean';
  return (v) => Number.isInteger(v) && (v as number) >= -INT4 && (v as number) < INT4;
}

function plainColumn(field: DirectField): boolean {
  if (field.kind === 'enum') return !field.isList;
  if (field.kind !== 'scalar') return false;
  return field.isList ? PLAIN_LISTS.has(field.type) : PLAIN_SCALARS.has(field.type);
}

export type ReadArgs = {
  select?: unknown;
  include?: unknown;
  where?: unknown;
  orderBy?: unknown;
  take?: number;
  skip?: number;
  cursor?: unknown;
  distinct?: unknown;
  relationLoadStrategy?: unknown;
};

/** How to build one result object from a row of columns. */
type Shape = { keys: string[]; /** index in the row, or a nested shape */ parts: (number | NestedShape)[] };
type NestedShape = { shape: Shape; /** row index of the related id: null there means no related record */ id: number };

type Compiled = {
  /**
   * Derived from the text: the same statement has the same name on any connection. Undefined once
   * MAX_SHAPES statements have been named: then it runs unnamed.
   */
  name: string | undefined;
  text: string;
  shape: Shape;
  /** The statement's parameters, in order: where each comes from and what it must be. */
  params: Param[];
  /** Results come in reversed order (negative take) and must be put back. */
  reverse: boolean;
};

class Unsupported extends Error {}
const UNSUPPORTED = new Unsupported('not a direct read');

function quote(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
/** Shapes remembered (compiled or refused), least recently used first out. */
const MAX_SHAPES = 256;
/** The arguments a direct read may carry; any other (distinct, include, omit...) goes to Prisma. */
const ALLOWED_ARGUMENTS = new Set(['select', 'where', 'orderBy', 'take', 'skip', 'cursor', 'relationLoadStrategy']);

type Getter = (args: ReadArgs) => unknown;
/** A value that fails `check` sends the whole read to Prisma, which refuses it with its own error. */
type Param = { get: Getter; check: (value: unknown) => boolean };
const isOffset = (v: unknown) => Number.isInteger(v) && (v as number) >= 0;

type SelectState = { columns: string[]; positions: Map<string, number>; joins: string[]; aliases: number };

/** The row index of a column, selecting it once however often it is used. */
function column(state: SelectState, sql: string): number {
  let at = state.positions.get(sql);
  if (at === undefined) {
    at = state.columns.push(sql) - 1;
    state.positions.set(sql, at);
  }
  return at;
}

/** Compiles `select` into columns and joins. Throws UNSUPPORTED for what it cannot read. */
function compileSelect(
  schema: DirectSchema,
  modelName: string,
  select: unknown,
  alias: string,
  state: SelectState,
): Shape {
  const model = schema.get(modelName);
  if (!model || typeof select !== 'object' || select === null || Array.isArray(select)) throw UNSUPPORTED;
  const keys: string[] = [];
  const parts: (number | NestedShape)[] = [];
  // In a fixed order: the same columns give the same statement however a request orders its fields.
  for (const key of Object.keys(select).sort()) {
    const value = (select as Record<string, unknown>)[key];
    if (value === false || value === undefined) continue;
    const field = model.fields.get(key);
    if (!field) throw UNSUPPORTED;
    if (field.kind === 'object') {
      if (!field.foreignKey || typeof value !== 'object' || value === null) throw UNSUPPORTED;
      const nested = value as Record<string, unknown>;
      if (Object.keys(nested).some((k) => k !== 'select')) throw UNSUPPORTED;
      const related = schema.get(field.type);
      const fk = model.fields.get(field.foreignKey);
      if (!related?.id || !fk) throw UNSUPPORTED;
      const relatedId = related.fields.get(related.id)!;
      const relAlias = `t${state.aliases++}`;
      state.joins.push(
        `LEFT JOIN ${related.table} ${relAlias} ON ${relAlias}.${quote(relatedId.column)} = ${alias}.${quote(fk.column)}`,
      );
      const idIndex = column(state, `${relAlias}.${quote(relatedId.column)}`);
      const shape = compileSelect(schema, field.type, nested.select, relAlias, state);
      keys.push(key);
      parts.push({ shape, id: idIndex });
      continue;
    }
    if (value !== true || !plainColumn(field)) throw UNSUPPORTED;
    keys.push(key);
    parts.push(column(state, `${alias}.${quote(field.column)}`));
  }
  // Prisma refuses an empty selection.
  if (keys.length === 0) throw UNSUPPORTED;
  return { keys, parts };
}

/** One condition of a `where`, as SQL and how to get its parameter. */
function compileWhere(
  model: DirectModel,
  where: unknown,
  path: (string | number)[],
  out: { sql: string[]; params: Param[] },
): void {
  if (typeof where !== 'object' || where === null || Array.isArray(where)) throw UNSUPPORTED;
  for (const [key, value] of Object.entries(where)) {
    if (value === undefined) continue;
    if (key === 'AND') {
      if (Array.isArray(value)) value.forEach((item, i) => compileWhere(model, item, [...path, key, i], out));
      else compileWhere(model, value, [...path, key], out);
      continue;
    }
    const field = model.fields.get(key);
    if (!field || !plainColumn(field) || field.isList) throw UNSUPPORTED;
    const column = `t0.${quote(field.column)}`;
    const check = checkerFor(field);
    const at = [...path, key];
    if (value === null) {
      // Prisma refuses null for a required column.
      if (field.isRequired) throw UNSUPPORTED;
      out.sql.push(`${column} IS NULL`);
    } else if (typeof value !== 'object') {
      out.params.push({ get: getterAt(at), check });
      out.sql.push(`${column} = $${out.params.length}`);
    } else {
      const ops = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
      if (ops.length !== 1) throw UNSUPPORTED;
      const [op, operand] = ops[0]!;
      if (op === 'equals' && operand !== null && typeof operand !== 'object') {
        out.params.push({ get: getterAt([...at, op]), check });
        out.sql.push(`${column} = $${out.params.length}`);
      } else if (op === 'in' && Array.isArray(operand)) {
        out.params.push({ get: getterAt([...at, op]), check: (v) => Array.isArray(v) && v.every(check) });
        out.sql.push(`${column} = ANY($${out.params.length})`);
      } else throw UNSUPPORTED;
    }
  }
}

function getterAt(path: (string | number)[]): Getter {
  return (args) => {
    let value: unknown = args.where;
    for (const step of path) value = (value as Record<string | number, unknown>)[step];
    return value;
  };
}

/**
 * The structural key of a read: everything but the parameter values. Only called on arguments
 * whose keys are all in ALLOWED_ARGUMENTS, each of which is part of the key.
 */
function shapeKey(kind: 'first' | 'many', modelName: string, args: ReadArgs): string {
  return JSON.stringify([
    scalarCode(kind, modelName, args),
    args.select,
    // Absent is not null: the compiler reads an absent one and leaves a null to Prisma.
    args.where === undefined ? 'n' : whereKey(args.where),
    args.orderBy === undefined ? 'n' : args.orderBy,
  ]);
}

function whereKey(where: unknown): unknown {
  if (Array.isArray(where)) return where.map(whereKey);
  if (typeof where !== 'object' || where === null) return where === null ? null : typeof where;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(where)) {
    if (v === undefined) continue;
    out[k] = Array.isArray(v) && k === 'in' ? 'list' : whereKey(v);
  }
  return out;
}

type Direction = 'asc' | 'desc';

function compile(schema: DirectSchema, kind: 'first' | 'many', modelName: string, args: ReadArgs): Compiled {
  const model = schema.get(modelName);
  if (!model?.id || (kind === 'first' && args.take !== undefined)) throw UNSUPPORTED;
  const state: SelectState = { columns: [], positions: new Map(), joins: [], aliases: 1 };
  const shape = compileSelect(schema, modelName, args.select, 't0', state);
  const where = { sql: [] as string[], params: [] as Param[] };
  if (args.where !== undefined) compileWhere(model, args.where, [], where);

  // Ordering: a list of single-key objects, ending with the id so that it is total.
  const rawOrder = args.orderBy === undefined ? [] : Array.isArray(args.orderBy) ? args.orderBy : [args.orderBy];
  const order: { column: string; dir: Direction }[] = [];
  for (const item of rawOrder) {
    if (typeof item !== 'object' || item === null) throw UNSUPPORTED;
    const entries = Object.entries(item as Record<string, unknown>);
    if (entries.length !== 1) throw UNSUPPORTED;
    const [key, dir] = entries[0]!;
    const field = model.fields.get(key);
    // Nullable columns sort NULLs last and compare to nothing: left to Prisma.
    const sortable = field && plainColumn(field) && !field.isList && field.isRequired;
    if (!sortable || (dir !== 'asc' && dir !== 'desc')) throw UNSUPPORTED;
    order.push({ column: `t0.${quote(field.column)}`, dir });
  }
  const idColumn = `t0.${quote(model.fields.get(model.id)!.column)}`;
  const paged = args.take !== undefined || args.skip !== undefined || args.cursor !== undefined;
  if (paged && order.at(-1)?.column !== idColumn) throw UNSUPPORTED;
  const reverse = args.take !== undefined && args.take < 0;
  const effective = reverse
    ? order.map((o) => ({ ...o, dir: o.dir === 'asc' ? ('desc' as const) : ('asc' as const) }))
    : order;

  const params = [...where.params];
  let cursorJoin = '';
  if (args.cursor !== undefined) {
    if (typeof args.cursor !== 'object' || args.cursor === null) throw UNSUPPORTED;
    const cursorKeys = Object.keys(args.cursor);
    if (cursorKeys.length !== 1 || cursorKeys[0] !== model.id) throw UNSUPPORTED;
    const id = model.id;
    params.push({ get: (a) => (a.cursor as Record<string, unknown>)[id], check: checkerFor(model.fields.get(id)!) });
    // The cursor row's ordering values; no row, no results (as Prisma).
    cursorJoin = ` CROSS JOIN (SELECT ${effective.map((o, i) => `${o.column.replace(/^t0\./, 'c.')} AS k${i}`).join(', ')} FROM ${model.table} c WHERE c.${quote(model.fields.get(model.id)!.column)} = $${params.length}) cur`;
    // Lexicographic "at or after the cursor" in the effective order.
    const alternatives = effective.map((o, i) => {
      const equal = effective.slice(0, i).map((p, j) => `${p.column} = cur.k${j}`);
      return [...equal, `${o.column} ${o.dir === 'asc' ? '>' : '<'} cur.k${i}`].join(' AND ');
    });
    alternatives.push(effective.map((o, i) => `${o.column} = cur.k${i}`).join(' AND '));
    where.sql.push(`(${alternatives.map((a) => `(${a})`).join(' OR ')})`);
  }

  let text = `SELECT ${state.columns.join(', ')} FROM ${model.table} t0`;
  if (state.joins.length > 0) text += ` ${state.joins.join(' ')}`;
  text += cursorJoin;
  if (where.sql.length > 0) text += ` WHERE ${where.sql.join(' AND ')}`;
  if (effective.length > 0)
    text += ` ORDER BY ${effective.map((o) => `${o.column} ${o.dir.toUpperCase()}`).join(', ')}`;
  if (kind === 'first') {
    text += ' LIMIT 1';
  } else if (args.take !== undefined) {
    params.push({ get: (a) => Math.abs(a.take!), check: isOffset });
    text += ` LIMIT $${params.length}`;
  }
  if (args.skip !== undefined) {
    params.push({ get: (a) => a.skip, check: isOffset });
    text += ` OFFSET $${params.length}`;
  }
  const name = `cl_${createHash('sha256').update(text).digest('hex').slice(0, 32)}`;
  return { name, text, shape, params, reverse };
}

/** The statement's parameter values, or undefined when one is not what its column takes. */
function parameters(plan: Compiled, args: ReadArgs): unknown[] | undefined {
  const values: unknown[] = [];
  for (const param of plan.params) {
    const value = param.get(args);
    if (!param.check(value)) return undefined;
    values.push(value);
  }
  return values;
}

function build(shape: Shape, row: unknown[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const { keys, parts } = shape;
  for (let i = 0; i < keys.length; i++) {
    const part = parts[i]!;
    out[keys[i]!] = typeof part === 'number' ? row[part] : row[part.id] === null ? null : build(part.shape, row);
  }
  return out;
}

/**
 * The parts of a read's shape that are not objects: the kind, the model, which paging it has. Part
 * of the shape key, and the whole key among plans found by identity.
 */
function scalarCode(kind: 'first' | 'many', model: string, args: ReadArgs): string {
  const take = args.take === undefined ? 'n' : args.take < 0 ? '-' : '+';
  const skip = args.skip === undefined ? 'n' : 's';
  const rls = args.relationLoadStrategy === undefined ? 'n' : 'r';
  const { cursor } = args;
  const cursorKeys =
    cursor === undefined
      ? 'n'
      : typeof cursor === 'object' && cursor !== null
        ? `c${Object.keys(cursor).join(',')}`
        : '?';
  return `${kind} ${model} ${take}${skip}${rls} ${cursorKeys}`;
}

/**
 * Freezes a `where` or `orderBy` that a caller passes to every read alike (a page's default order,
 * say), all the way down, so that direct reads find its plan by identity ({@link
 * FrozenArgumentPlans}). Returns it, typed as it was, for Prisma's argument types.
 */
export function constantArgument<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const key in value) constantArgument((value as Record<string, unknown>)[key]);
    Object.freeze(value);
  }
  return value;
}

/** Stands for an absent `where` or `orderBy` among identity keys. */
const ABSENT = Object.freeze({});
/** At most this many plans per combination of frozen objects (kinds, models and paging forms). */
const MAX_PLANS_PER_OBJECTS = 16;

/** Whether a value and everything in it is frozen, so that its shape can never change. */
function deeplyFrozen(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return true;
  if (!Object.isFrozen(value)) return false;
  for (const key in value) if (!deeplyFrozen((value as Record<string, unknown>)[key])) return false;
  return true;
}

/**
 * Plans found by the identity of a read's `select`, `where` and `orderBy` objects, for callers
 * that pass the same deeply frozen objects every time (a connection planned once passes its kept
 * columns, a page with no filter a constant filter and order): a few WeakMap lookups, where the
 * shape key costs building and hashing a JSON string of the whole structure (about 2% of the
 * server's CPU serving a page of roles, docs/load-test.md). Frozen all the way down, such objects
 * cannot change shape, so the plan found for them once stays right; objects that are not, and
 * mutable ones, always take the shape key. Entries go when their objects do.
 */
class FrozenArgumentPlans {
  private readonly bySelect = new WeakMap<object, WeakMap<object, WeakMap<object, Map<string, Compiled | null>>>>();
  /** Objects known to be frozen all the way down. */
  private readonly checked = new WeakSet<object>();

  /** The plans kept for these arguments' objects, or undefined when they are not all frozen objects. */
  plans(args: ReadArgs): Map<string, Compiled | null> | undefined {
    const { select } = args;
    // Only an absent one stands for ABSENT: a null is not an object, and takes the shape key.
    const where = args.where === undefined ? ABSENT : args.where;
    const orderBy = args.orderBy === undefined ? ABSENT : args.orderBy;
    if (typeof select !== 'object' || select === null || !Object.isFrozen(select)) return undefined;
    if (typeof where !== 'object' || where === null || !Object.isFrozen(where)) return undefined;
    if (typeof orderBy !== 'object' || orderBy === null || !Object.isFrozen(orderBy)) return undefined;
    let byWhere = this.bySelect.get(select);
    if (!byWhere) this.bySelect.set(select, (byWhere = new WeakMap()));
    let byOrder = byWhere.get(where);
    if (!byOrder) byWhere.set(where, (byOrder = new WeakMap()));
    let plans = byOrder.get(orderBy);
    if (!plans) byOrder.set(orderBy, (plans = new Map()));
    return plans;
  }

  /** Keeps a plan found by shape, once the objects are known to be frozen all the way down. */
  remember(args: ReadArgs, plans: Map<string, Compiled | null>, code: string, plan: Compiled | null): void {
    if (plans.size >= MAX_PLANS_PER_OBJECTS) return;
    for (const part of [args.select, args.where, args.orderBy]) {
      if (part === undefined || this.checked.has(part as object)) continue;
      if (!deeplyFrozen(part)) return;
      this.checked.add(part as object);
    }
    plans.set(code, plan);
  }
}

export class DirectReader {
  /** Compiled plans, or null for refused shapes; a Map kept in least-recently-used order. */
  private readonly compiled = new Map<string, Compiled | null>();
  /** Names of the statements prepared on the pool's connections (at most MAX_SHAPES, never dropped). */
  private readonly named = new Set<string>();
  /** Plans for arguments whose select, where and orderBy are frozen objects met before. */
  private readonly byIdentity = new FrozenArgumentPlans();
  /** How many reads found their plan by identity: for tests and diagnostics. */
  foundByIdentity = 0;

  /** The pool's own type parsers, when it was given some; node-postgres' global ones otherwise. */
  private readonly types: TypeParsers | undefined;

  constructor(
    private readonly pool: pg.Pool,
    private readonly schema: DirectSchema,
    private readonly onQuery?: (sql: string) => void,
  ) {
    this.types = (pool as { options?: { types?: TypeParsers } }).options?.types;
  }

  /** Like Prisma's `findFirst`, or `undefined` when these arguments are not a direct read. */
  findFirst(model: string, args: ReadArgs): Promise<Record<string, unknown> | null> | undefined {
    const plan = this.plan('first', model, args);
    const values = plan && parameters(plan, args);
    if (!values) return undefined;
    return this.run(plan, values).then((rows) => rows[0] ?? null);
  }

  /** Like Prisma's `findMany`, or `undefined` when these arguments are not a direct read. */
  findMany(model: string, args: ReadArgs): Promise<Record<string, unknown>[]> | undefined {
    const plan = this.plan('many', model, args);
    const values = plan && parameters(plan, args);
    if (!values) return undefined;
    return this.run(plan, values);
  }

  private plan(kind: 'first' | 'many', model: string, args: ReadArgs): Compiled | undefined {
    for (const key in args) {
      if (!ALLOWED_ARGUMENTS.has(key) && (args as Record<string, unknown>)[key] !== undefined) return undefined;
    }
    if (args.take === 0 || (args.take !== undefined && !Number.isInteger(args.take))) return undefined;
    const plans = this.byIdentity.plans(args);
    if (!plans) return this.planByShape(kind, model, args);
    const code = scalarCode(kind, model, args);
    const known = plans.get(code);
    if (known !== undefined) {
      this.foundByIdentity++;
      return known ?? undefined;
    }
    const plan = this.planByShape(kind, model, args);
    this.byIdentity.remember(args, plans, code, plan ?? null);
    return plan;
  }

  /** The plan for these arguments' shape, found by a key built from their whole structure. */
  private planByShape(kind: 'first' | 'many', model: string, args: ReadArgs): Compiled | undefined {
    const key = shapeKey(kind, model, args);
    const cached = this.compiled.get(key);
    if (cached !== undefined) {
      // Most recently used goes last.
      this.compiled.delete(key);
      this.compiled.set(key, cached);
      return cached ?? undefined;
    }
    let plan: Compiled | null;
    try {
      plan = compile(this.schema, kind, model, args);
    } catch (error) {
      if (!(error instanceof Unsupported)) throw error;
      plan = null;
    }
    if (plan?.name !== undefined && !this.named.has(plan.name)) {
      if (this.named.size < MAX_SHAPES) this.named.add(plan.name);
      else plan.name = undefined;
    }
    if (this.compiled.size >= MAX_SHAPES) this.compiled.delete(this.compiled.keys().next().value!);
    this.compiled.set(key, plan);
    return plan ?? undefined;
  }

  private async run(plan: Compiled, values: unknown[]): Promise<Record<string, unknown>[]> {
    this.onQuery?.(plan.text);
    // Named, so that each connection parses, plans and describes the statement once.
    const query = new DirectQuery(plan.name, plan.text, values, this.types);
    // For a query object, node-postgres' pool returns a promise of what the object passes its
    // callback (its types say the object itself, as the client's query() does).
    const result = await (this.pool.query(query as unknown as pg.Submittable) as unknown as Promise<unknown[][]>);
    const rows = result.map((row) => build(plan.shape, row));
    return plan.reverse ? rows.reverse() : rows;
  }
}
