import { createHash } from 'node:crypto';
import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { migrate, readMigrations } from '../../src/db/migrate.js';
import { testDatabase } from '../support/database.js';

async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

async function migrationsDir(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'cl-migrations-'));
  for (const [name, sql] of Object.entries(files)) {
    await mkdir(path.join(dir, name));
    await writeFile(path.join(dir, name, 'migration.sql'), sql);
  }
  return dir;
}

describe('migration runner', () => {
  it('applies every migration once and records it the way Prisma does', async () => {
    const db = await testDatabase('empty');
    const all = await readMigrations();
    expect(await migrate(db.url)).toEqual(all.map((m) => m.name));
    expect(await migrate(db.url)).toEqual([]);

    const rows = await query<{
      migration_name: string;
      checksum: string;
      finished_at: Date | null;
      applied_steps_count: number;
    }>(
      db.url,
      'SELECT migration_name, checksum, finished_at, applied_steps_count FROM "_prisma_migrations" ORDER BY migration_name',
    );
    expect(rows.map((r) => r.migration_name)).toEqual(all.map((m) => m.name));
    for (const [i, row] of rows.entries()) {
      expect(row.checksum).toBe(createHash('sha256').update(all[i]!.sql).digest('hex'));
      expect(row.finished_at).toBeInstanceOf(Date);
      expect(row.applied_steps_count).toBe(1);
    }
  });

  it('applies each migration exactly once when replicas start together', async () => {
    const db = await testDatabase('empty');
    const results = await Promise.all([migrate(db.url), migrate(db.url), migrate(db.url)]);
    const applied = results.flat();
    expect(applied.sort()).toEqual((await readMigrations()).map((m) => m.name).sort());
    const [row] = await query<{ count: string }>(db.url, 'SELECT count(*) FROM "_prisma_migrations"');
    expect(Number(row?.count)).toBe(applied.length);
  });

  it('rolls a failing migration back completely and does not record it', async () => {
    const db = await testDatabase('empty');
    const dir = await migrationsDir({
      '20200101000000_good': 'CREATE TABLE good (id int);',
      '20200102000000_bad': 'CREATE TABLE half (id int);\nSELECT * FROM missing_table;',
    });
    await expect(migrate(db.url, dir)).rejects.toThrow(
      /20200102000000_bad failed and was rolled back: .*missing_table/,
    );
    const tables = await query<{ tablename: string }>(
      db.url,
      "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1",
    );
    expect(tables.map((t) => t.tablename)).toEqual(['_prisma_migrations', 'good']);
    const recorded = await query<{ migration_name: string }>(db.url, 'SELECT migration_name FROM "_prisma_migrations"');
    expect(recorded.map((r) => r.migration_name)).toEqual(['20200101000000_good']);
  });

  it('refuses a migration that was edited after it was applied', async () => {
    const db = await testDatabase('empty');
    const dir = await migrationsDir({ '20200101000000_one': 'CREATE TABLE one (id int);' });
    await migrate(db.url, dir);
    await writeFile(path.join(dir, '20200101000000_one', 'migration.sql'), 'CREATE TABLE one (id bigint);');
    await expect(migrate(db.url, dir)).rejects.toThrow(/20200101000000_one was changed after it was applied/);
  });
});
