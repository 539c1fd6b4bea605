/**
 * A database of the test file's own, copied from a template the global setup prepared, and
 * dropped when the file finishes.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, inject } from 'vitest';
import { createPrisma, type PrismaClient } from '../../src/db/client.js';
import { databaseUrl } from './urls.js';

const created: { name: string; prisma: PrismaClient }[] = [];

// Registered when a test file imports this module, so it runs after all of that file's tests.
afterAll(async () => {
  for (const { name, prisma } of created.splice(0)) {
    await prisma.$disconnect();
    await admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
  }
});

export type TestDatabase = { name: string; url: string; prisma: PrismaClient };

/** What the new database starts as: empty, migrated, or migrated with the curated dataset. */
export type Start = 'empty' | 'migrated' | 'seeded';

async function admin<T>(task: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: inject('adminUrl') });
  await client.connect();
  try {
    return await task(client);
  } finally {
    await client.end();
  }
}

/** Creates a database for this test file; it is dropped after the file's last test. */
export async function testDatabase(start: Start = 'seeded'): Promise<TestDatabase> {
  const name = `cl_test_${randomBytes(5).toString('hex')}`;
  const template =
    start === 'empty' ? 'template0' : start === 'migrated' ? inject('migratedTemplate') : inject('seededTemplate');
  // Two files copying one template at the same moment can collide; PostgreSQL then says so.
  for (let attempt = 0; ; attempt++) {
    try {
      await admin((c) => c.query(`CREATE DATABASE ${name} TEMPLATE ${template}`));
      break;
    } catch (error) {
      if (attempt >= 20 || !/being accessed by other users/.test((error as Error).message)) throw error;
      await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
    }
  }
  const url = databaseUrl(inject('adminUrl'), name);
  const prisma = createPrisma(url);
  created.push({ name, prisma });
  return { name, url, prisma };
}

/** `prisma`, recording every operation it runs into `calls` (`Role.findMany`, `$raw.$queryRaw`...). */
export function recording(prisma: PrismaClient, calls: string[]): PrismaClient {
  return prisma.$extends({
    query: {
      async $allOperations({ model, operation, args, query }) {
        calls.push(`${model ?? '$raw'}.${operation}`);
        return query(args);
      },
    },
  }) as unknown as PrismaClient;
}
