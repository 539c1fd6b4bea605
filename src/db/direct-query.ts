/**
 * How a direct read's statement runs on node-postgres: a query object of its own (node-postgres
 * calls it a Submittable) that asks the server to describe the rows a prepared statement returns
 * once per connection, not on every execution.
 *
 * node-postgres' own `Query` sends Parse (the first time on a connection), Bind, Describe, Execute
 * and Sync for a named statement, so every execution gets a RowDescription back, and every
 * execution turns it into a fresh list of type parsers and a template row object. A prepared
 * statement's result columns cannot change while it stays prepared (PostgreSQL refuses to run it
 * once they would: "cached plan must not change result type"), so the first description on a
 * connection serves every later execution there: this object sends Describe only for a statement
 * the connection has not described yet, or for an unnamed one. Rows come back as arrays, converted
 * by node-postgres' own type parsers as its `Query` in row mode `array` does.
 *
 * That relies on a statement living as long as its connection: true of a direct connection and a
 * session-mode pooler, which this service needs anyway (LISTEN/NOTIFY, docs/operations.md).
 *
 * It is otherwise the same protocol exchange, error handling included: node-postgres' client does
 * the bookkeeping of which statements are parsed on a connection, and reports an ErrorResponse to
 * `handleError`. tests/db/direct-query.test.ts runs it against a real server.
 */
import pg from 'pg';

/**
 * node-postgres' conversion of parameter values to the wire format (dates, arrays, objects as
 * JSON...), as its own Query applies it. Exported on the module (`pg.utils`) but not in its types.
 */
const prepareValue = (pg as unknown as { utils: { prepareValue: (value: unknown) => unknown } }).utils.prepareValue;
if (typeof prepareValue !== 'function') throw new Error('node-postgres no longer exports utils.prepareValue');

type TypeParser = (value: string) => unknown;

/** The parts of node-postgres' connection a query object drives (pg's Connection class). */
type Connection = {
  parsedStatements: Record<string, string>;
  submittedNamedStatements: Record<string, string>;
  stream: { cork?: () => void; uncork?: () => void };
  parse: (config: { text: string; name?: string }) => void;
  bind: (config: { statement?: string; values: unknown[]; binary?: boolean }) => void;
  describe: (config: { type: 'P' | 'S'; name: string }) => void;
  execute: (config: { portal: string }) => void;
  sync: () => void;
  sendCopyFail: (message: string) => void;
};

type FieldDescription = { dataTypeID: number; format: 'text' | 'binary' | number };

/** Where type parsers come from: node-postgres' `types`, or a pool's own `types` option. */
export type TypeParsers = { getTypeParser: (oid: number, format: 'text' | 'binary') => unknown };

/** The type parsers for each named statement a connection has described, by statement name. */
const described = new WeakMap<Connection, Map<string, TypeParser[]>>();

function parsersFor(types: TypeParsers, fields: readonly FieldDescription[]): TypeParser[] {
  return fields.map(
    (field) => types.getTypeParser(field.dataTypeID, field.format === 'binary' ? 'binary' : 'text') as TypeParser,
  );
}

/**
 * One execution of a statement, resolving (through `callback`, set by node-postgres' client or
 * pool) to its rows as arrays of converted values. Hand it to `pool.query` or `client.query`.
 */
export class DirectQuery {
  /** Set by node-postgres when the query is handed to `query()`. */
  callback: ((error: Error | null, rows?: unknown[][]) => void) | undefined;
  /** Set by node-postgres' client when the connection is in binary mode. */
  binary: boolean | undefined;
  private parsers: TypeParser[] | undefined;
  private connection: Connection | undefined;
  private readonly rows: unknown[][] = [];
  private rowError: Error | undefined;

  /** Undefined for an unnamed statement: parsed and described every time. */
  readonly name: string | undefined;

  /**
   * `name` undefined (or empty, which node-postgres also takes for unnamed) runs the statement
   * unnamed. `types` should be the pool's own `types` option when it has one, as node-postgres'
   * clients use that.
   */
  constructor(
    name: string | undefined,
    readonly text: string,
    private readonly values: readonly unknown[],
    private readonly types: TypeParsers = pg.types,
  ) {
    this.name = name || undefined;
  }

  /** Called by node-postgres' client when the connection is free: sends the whole exchange. */
  submit(connection: Connection): Error | null {
    // Its rows and callback are this execution's: a second query() would never be answered.
    if (this.connection) return new Error('A DirectQuery runs once; make a new one for each execution.');
    const { name, text } = this;
    if (name !== undefined) {
      const previous = connection.parsedStatements[name] ?? connection.submittedNamedStatements[name];
      if (previous !== undefined && previous !== text) {
        return new Error(`Prepared statements must be unique - '${name}' was used for a different statement`);
      }
    }
    this.connection = connection;
    let values: unknown[];
    try {
      values = this.values.map((value) => prepareValue(value));
    } catch (error) {
      return error as Error;
    }
    // Corked so that the messages leave in one write, as node-postgres' Query does.
    connection.stream.cork?.();
    try {
      if (name === undefined) connection.parse({ text });
      else if (
        connection.parsedStatements[name] === undefined &&
        connection.submittedNamedStatements[name] === undefined
      ) {
        connection.parse({ text, name });
        connection.submittedNamedStatements[name] = text;
      }
      connection.bind({ statement: name, values, binary: this.binary });
      this.parsers = name === undefined ? undefined : described.get(connection)?.get(name);
      if (!this.parsers) connection.describe({ type: 'P', name: '' });
      connection.execute({ portal: '' });
      connection.sync();
    } finally {
      connection.stream.uncork?.();
    }
    return null;
  }

  handleRowDescription(message: { fields: FieldDescription[] }): void {
    this.parsers = parsersFor(this.types, message.fields);
    const { name, connection } = this;
    if (name === undefined || !connection) return;
    let parsers = described.get(connection);
    if (!parsers) described.set(connection, (parsers = new Map()));
    parsers.set(name, this.parsers);
  }

  handleDataRow(message: { fields: (string | null)[] }): void {
    if (this.rowError) return;
    const parsers = this.parsers;
    if (!parsers) {
      this.rowError = new Error('A row arrived before its description.');
      return;
    }
    const { fields } = message;
    const row = new Array<unknown>(fields.length);
    try {
      for (let i = 0; i < fields.length; i++) {
        const raw = fields[i];
        row[i] = raw === null || raw === undefined ? null : parsers[i]!(raw);
      }
    } catch (error) {
      this.rowError = error as Error;
      return;
    }
    this.rows.push(row);
  }

  handleCommandComplete(): void {}

  handleEmptyQuery(): void {}

  handlePortalSuspended(): void {}

  handleCopyInResponse(connection: Connection): void {
    connection.sendCopyFail('No source stream defined');
  }

  handleCopyData(): void {}

  handleError(error: Error): void {
    this.rowError = undefined;
    // Described again next time: after an error nothing is assumed about the statement.
    if (this.name !== undefined && this.connection) described.get(this.connection)?.delete(this.name);
    this.callback?.(error);
  }

  handleReadyForQuery(): void {
    if (this.rowError) return this.handleError(this.rowError);
    const { callback } = this;
    if (!callback) return;
    try {
      callback(null, this.rows);
    } catch (error) {
      // As node-postgres' Query: thrown outside its message handling, which must go on.
      process.nextTick(() => {
        throw error;
      });
    }
  }
}
