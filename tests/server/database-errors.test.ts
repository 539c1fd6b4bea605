/** Which driver errors count as "the database is unavailable" (HTTP 503, worth retrying). */
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { isDatabaseUnavailable } from '../../src/server/database-unavailable.js';
import { testDatabase } from '../support/database.js';

describe('isDatabaseUnavailable', () => {
  it('recognises a pool that found no free connection in time', async () => {
    const { url } = await testDatabase('migrated');
    const pool = new pg.Pool({ connectionString: url, max: 1, connectionTimeoutMillis: 100 });
    const held = await pool.connect();
    try {
      const error = await pool.query('SELECT 1').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(Error);
      expect(isDatabaseUnavailable(error)).toBe(true);
    } finally {
      held.release();
      await pool.end();
    }
  });

  it('recognises a refused connection, and not an ordinary SQL error', async () => {
    const refused = new pg.Pool({
      connectionString: 'postgresql://postgres@127.0.0.1:1/none',
      connectionTimeoutMillis: 2000,
    });
    const error = await refused.query('SELECT 1').catch((e: unknown) => e);
    await refused.end();
    expect(isDatabaseUnavailable(error)).toBe(true);

    const { url } = await testDatabase('migrated');
    const pool = new pg.Pool({ connectionString: url });
    const sqlError = await pool.query('SELECT * FROM no_such_table').catch((e: unknown) => e);
    await pool.end();
    expect(sqlError).toBeInstanceOf(Error);
    expect(isDatabaseUnavailable(sqlError)).toBe(false);
  });
});
