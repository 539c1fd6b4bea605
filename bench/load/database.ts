/**
 * A throwaway database for one load-test run: created beside the configured one, migrated and
 * seeded as `npm start` seeds an empty database (the official dataset, then the curated one), and dropped (WITH (FORCE), so lingering pool connections do
 * not block it) when the run ends.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { createPrisma } from '../../src/db/client.js';
import { migrate } from '../../src/db/migrate.js';
import { seedDatabase } from '../../src/db/seed.js';

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
 * Creates `bench_load_<random>` on the server at `adminUrl`, migrates it and seeds it.
 * If any step fails the database is dropped before the error propagates.
 */
export async function createBenchDatabase(adminUrl: string): Promise<BenchDatabase> {
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
      // The curated roles name O*NET occupations, so the official dataset goes in first.
      await seedDatabase(prisma);
    } finally {
      await prisma.$disconnect();
    }
  } catch (error) {
    await drop().catch(() => {});
    throw error;
  }
  return { name, url, drop };
}
