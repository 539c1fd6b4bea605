/**
 * A throwaway database for one load-test run: created beside the configured one, migrated and
 * loaded with the official and curated datasets, and dropped (WITH (FORCE), so lingering pool connections do
 * not block it) when the run ends.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { createPrisma } from '../../src/db/client.js';
import { loadDataset } from '../../src/db/dataset/load.js';
import type { Dataset } from '../../src/db/dataset/format.js';
import { migrate } from '../../src/db/migrate.js';
import { officialDataDir, parseOfficialData, readOfficialFiles } from '../../src/db/official/files.js';

export const DEFAULT_ADMIN_URL = 'postgresql://postgres@127.0.0.1:5432/postgres';

export type BenchDatabase = {
  name: string;
  url: string;
  /** Drops the database; safe to call more than once. */
  drop: () => Promise<void>;
};

async function withAdmin<T>(adminUrl: string, task: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await task(client);
  } finally {
    await client.end();
  }
}

/** The URL of database `name` on the same server (and with the same credentials) as `adminUrl`. */
function urlFor(adminUrl: string, name: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/**
 * Creates `bench_load_<random>` on the server at `adminUrl`, migrates it and loads `dataset`.
 * If any step fails the database is dropped before the error propagates.
 */
export async function createBenchDatabase(adminUrl: string, dataset: Dataset): Promise<BenchDatabase> {
  // Only [a-z0-9_]: the name is interpolated into DDL, which cannot take parameters.
  const name = `bench_load_${randomBytes(6).toString('hex')}`;
  await withAdmin(adminUrl, (c) => c.query(`CREATE DATABASE ${name}`));
  let dropped = false;
  const drop = async () => {
    if (dropped) return;
    dropped = true;
    await withAdmin(adminUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
  };
  const url = urlFor(adminUrl, name);
  try {
    await migrate(url);
    const prisma = createPrisma(url);
    try {
      // With the official dataset the curated one refers to (occupations), as seeding loads them.
      const { files, hash } = await readOfficialFiles(officialDataDir);
      await loadDataset(prisma, dataset, { official: { data: parseOfficialData(files, officialDataDir), hash } });
    } finally {
      await prisma.$disconnect();
    }
  } catch (error) {
    await drop().catch(() => {});
    throw error;
  }
  return { name, url, drop };
}
