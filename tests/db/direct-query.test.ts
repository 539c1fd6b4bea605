/**
 * The query object direct reads run their statements with (src/db/direct-query.ts), against a real
 * server: values converted as node-postgres converts them, a named statement described once per
 * connection, errors reported and the connection left usable.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DirectQuery } from '../../src/db/direct-query.js';
import { testDatabase } from '../support/database.js';

let url: string;
const pools: pg.Pool[] = [];

beforeAll(async () => {
  ({ url } = await testDatabase('empty'));
});

afterAll(async () => {
  await Promise.all(pools.map((pool) => pool.end()));
});

function newPool(max = 1): pg.Pool {
  const pool = new pg.Pool({ connectionString: url, max });
  // The file's database is dropped (connections forced closed) right after pool.end(), which does
  // not wait for its clients to finish closing: without a listener the pool's 'error' would throw.
  pool.on('error', () => {});
  pools.push(pool);
  return pool;
}

/**
 * Runs `query` on a pool, as direct reads do (the pool resolves to what the query object passes
 * its callback), or on one client (whose query() returns the object itself, so the callback is
 * set here).
 */
function run(target: pg.Pool | pg.PoolClient, query: DirectQuery): Promise<unknown[][]> {
  if (target instanceof pg.Pool)
    return target.query(query as unknown as pg.Submittable) as unknown as Promise<unknown[][]>;
  return new Promise((resolve, reject) => {
    query.callback = (error, rows) => (error ? reject(error) : resolve(rows!));
    target.query(query as unknown as pg.Submittable);
  });
}

type Message = 'parse' | 'bind' | 'describe' | 'execute' | 'sync';

/** Counts the messages of one kind a client's connection sends. */
function countSent(client: pg.PoolClient, message: Message): { count: number } {
  const counter = { count: 0 };
  const connection = (client as unknown as { connection: Record<Message, (config?: unknown) => void> }).connection;
  const send = connection[message].bind(connection);
  connection[message] = (config) => {
    counter.count++;
    send(config);
  };
  return counter;
}

/** Counts the Describe messages a client's connection sends. */
const countDescribes = (client: pg.PoolClient) => countSent(client, 'describe');

const VALUES_SQL =
  'SELECT $1::int AS n, $2::text AS t, $3::boolean AS b, $4::text[] AS list, NULL::int AS nothing, $5::int8 AS big';

describe('DirectQuery', () => {
  it('returns rows as arrays converted exactly as node-postgres converts them', async () => {
    const pool = newPool();
    const values = [42, 'héllo "x"', true, ['a', 'b,c', null], '9007199254740993'];
    const ours = await run(pool, new DirectQuery('dq_values', VALUES_SQL, values));
    const theirs = await pool.query({ text: VALUES_SQL, values, rowMode: 'array' });
    expect(ours).toEqual(theirs.rows);
    expect(ours).toEqual([[42, 'héllo "x"', true, ['a', 'b,c', null], null, '9007199254740993']]);
  });

  it('returns every row, and none for an empty result', async () => {
    const pool = newPool();
    const sql = 'SELECT g FROM generate_series(1, $1::int) AS g';
    expect(await run(pool, new DirectQuery('dq_series', sql, [3]))).toEqual([[1], [2], [3]]);
    expect(await run(pool, new DirectQuery('dq_series', sql, [0]))).toEqual([]);
  });

  it('describes a named statement once per connection, an unnamed one every time', async () => {
    const pool = newPool(2);
    const [first, second] = [await pool.connect(), await pool.connect()];
    try {
      const [one, two] = [countDescribes(first), countDescribes(second)];
      const sql = 'SELECT $1::int + 1 AS next';
      for (let i = 0; i < 3; i++) expect(await run(first, new DirectQuery('dq_next', sql, [i]))).toEqual([[i + 1]]);
      expect(one.count).toBe(1);
      // Another connection has not described it: it does so once too.
      expect(await run(second, new DirectQuery('dq_next', sql, [10]))).toEqual([[11]]);
      expect(await run(second, new DirectQuery('dq_next', sql, [11]))).toEqual([[12]]);
      expect(two.count).toBe(1);
      for (let i = 0; i < 2; i++) expect(await run(first, new DirectQuery(undefined, sql, [i]))).toEqual([[i + 1]]);
      expect(one.count).toBe(3);
    } finally {
      first.release();
      second.release();
    }
  });

  it('keeps different statements’ descriptions apart on one connection', async () => {
    const client = await newPool().connect();
    try {
      const a = 'SELECT $1::int AS n, $1::text AS t';
      const b = 'SELECT $1::text AS t, $1::int AS n';
      for (let i = 0; i < 2; i++) {
        expect(await run(client, new DirectQuery('dq_a', a, [7]))).toEqual([[7, '7']]);
        expect(await run(client, new DirectQuery('dq_b', b, [7]))).toEqual([['7', 7]]);
      }
    } finally {
      client.release();
    }
  });

  it('rejects with the server’s error, leaves the connection usable and describes again after it', async () => {
    const client = await newPool().connect();
    try {
      const describes = countDescribes(client);
      const sql = 'SELECT 10 / $1::int AS q';
      expect(await run(client, new DirectQuery('dq_div', sql, [2]))).toEqual([[5]]);
      await expect(run(client, new DirectQuery('dq_div', sql, [0]))).rejects.toMatchObject({
        code: '22012',
        message: 'division by zero',
      });
      await expect(run(client, new DirectQuery('dq_div', sql, ['x']))).rejects.toMatchObject({ code: '22P02' });
      expect(await run(client, new DirectQuery('dq_div', sql, [5]))).toEqual([[2]]);
      // Described by the first run, and again by the two runs that followed an error.
      expect(describes.count).toBe(3);
      expect((await client.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
    } finally {
      client.release();
    }
  });

  it('refuses a name already used for another statement, and runs nothing', async () => {
    const client = await newPool().connect();
    try {
      await run(client, new DirectQuery('dq_taken', 'SELECT 1', []));
      await expect(run(client, new DirectQuery('dq_taken', 'SELECT 2', []))).rejects.toThrow(
        "Prepared statements must be unique - 'dq_taken' was used for a different statement",
      );
      expect(await run(client, new DirectQuery('dq_taken', 'SELECT 1', []))).toEqual([[1]]);
    } finally {
      client.release();
    }
  });

  it('refuses a value node-postgres cannot send, before sending anything', async () => {
    const client = await newPool().connect();
    try {
      const sent = (['parse', 'bind', 'describe', 'execute', 'sync'] as const).map((m) => countSent(client, m));
      const circular: Record<string, unknown> = {};
      circular.self = circular;
      await expect(run(client, new DirectQuery('dq_json', 'SELECT $1::jsonb AS j', [circular]))).rejects.toThrow(
        /circular/i,
      );
      expect(sent.map((counter) => counter.count)).toEqual([0, 0, 0, 0, 0]);
      expect(await run(client, new DirectQuery('dq_json', 'SELECT $1::jsonb AS j', [{ a: 1 }]))).toEqual([[{ a: 1 }]]);
    } finally {
      client.release();
    }
  });

  it('through the pool, rejects with the error and the pool goes on serving', async () => {
    const pool = newPool();
    const sql = 'SELECT 10 / $1::int AS q';
    expect(await run(pool, new DirectQuery('dq_pool_div', sql, [5]))).toEqual([[2]]);
    await expect(run(pool, new DirectQuery('dq_pool_div', sql, [0]))).rejects.toMatchObject({ code: '22012' });
    expect(await run(pool, new DirectQuery('dq_pool_div', sql, [1]))).toEqual([[10]]);
    expect(pool.totalCount).toBeLessThanOrEqual(1);
  });

  it('reads the right rows when node-postgres’ own queries run on the connection in between', async () => {
    const client = await newPool().connect();
    try {
      const sql = 'SELECT $1::int AS n, $1::text AS t';
      expect(await run(client, new DirectQuery('dq_between', sql, [1]))).toEqual([[1, '1']]);
      // Unnamed and named statements of node-postgres' own, as Prisma's adapter sends them.
      expect((await client.query({ text: 'SELECT $1::text AS other, true AS b', values: ['x'] })).rows).toEqual([
        { other: 'x', b: true },
      ]);
      expect((await client.query({ name: 'pg_own', text: 'SELECT $1::bool AS b', values: [false] })).rows).toEqual([
        { b: false },
      ]);
      expect(await run(client, new DirectQuery('dq_between', sql, [2]))).toEqual([[2, '2']]);
    } finally {
      client.release();
    }
  });

  it('converts with the pool’s own type parsers when it has some, as node-postgres does', async () => {
    const types = {
      getTypeParser: (oid: number, format: 'text' | 'binary') =>
        oid === 23 ? (value: string) => `int:${value}` : pg.types.getTypeParser(oid, format),
    };
    const pool = newPool();
    expect(await run(pool, new DirectQuery('dq_types', 'SELECT $1::int AS n, $2::text AS t', [3, 'x'], types))).toEqual(
      [['int:3', 'x']],
    );
  });

  it('runs once: handed to a client again, it is refused instead of answered from another execution', async () => {
    const client = await newPool().connect();
    try {
      const query = new DirectQuery('dq_once', 'SELECT 1 AS one', []);
      expect(await run(client, query)).toEqual([[1]]);
      const again = new Promise((resolve, reject) => {
        query.callback = (error, rows) => (error ? reject(error) : resolve(rows));
        client.query(query as unknown as pg.Submittable);
      });
      await expect(again).rejects.toThrow('A DirectQuery runs once');
      expect(await run(client, new DirectQuery('dq_once', 'SELECT 1 AS one', []))).toEqual([[1]]);
    } finally {
      client.release();
    }
  });
});
