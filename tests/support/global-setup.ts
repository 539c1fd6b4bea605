/**
 * Once per test run: finds a PostgreSQL server (DATABASE_URL, or an embedded one started just for
 * this run, exactly as the service's default does) and prepares template databases that each test
 * file copies into a database of its own. Everything is removed again at the end.
 */
import { randomBytes } from 'node:crypto';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { createPrisma } from '../../src/db/client.js';
import { startEmbeddedPostgres } from '../../src/db/embedded.js';
import { migrate } from '../../src/db/migrate.js';
import { seedDatabase } from '../../src/db/seed.js';
import { databaseUrl } from './urls.js';

declare module 'vitest' {
  export interface ProvidedContext {
    adminUrl: string;
    migratedTemplate: string;
    seededTemplate: string;
  }
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export default async function setup(project: TestProject) {
  let adminUrl = process.env.DATABASE_URL;
  let stopEmbedded: (() => Promise<void>) | undefined;
  let embeddedDir: string | undefined;
  if (!adminUrl) {
    embeddedDir = await mkdtemp(path.join(tmpdir(), 'career-lattice-test-pg-'));
    // As root, PostgreSQL runs as the `postgres` user, which must be able to reach its data.
    await chmod(embeddedDir, 0o755);
    const embedded = await startEmbeddedPostgres({
      dir: path.join(embeddedDir, 'data'),
      port: await freePort(),
      ephemeral: true,
    });
    adminUrl = embedded.url;
    stopEmbedded = embedded.stop;
  }
  const run = randomBytes(4).toString('hex');
  const migratedTemplate = `cl_tpl_${run}_migrated`;
  const seededTemplate = `cl_tpl_${run}_seeded`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${migratedTemplate}`);
    await migrate(databaseUrl(adminUrl, migratedTemplate));
    await admin.query(`CREATE DATABASE ${seededTemplate} TEMPLATE ${migratedTemplate}`);
    const prisma = createPrisma(databaseUrl(adminUrl, seededTemplate));
    try {
      // The curated dataset with the official one it refers to (prisma/data/official).
      await seedDatabase(prisma);
    } finally {
      await prisma.$disconnect();
    }
  } catch (error) {
    await admin.end();
    await stopEmbedded?.();
    throw error;
  }
  project.provide('adminUrl', adminUrl);
  project.provide('migratedTemplate', migratedTemplate);
  project.provide('seededTemplate', seededTemplate);

  return async () => {
    for (const name of [seededTemplate, migratedTemplate]) {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    }
    await admin.end();
    await stopEmbedded?.();
    if (embeddedDir) await rm(embeddedDir, { recursive: true, force: true });
  };
}
