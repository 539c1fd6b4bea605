/**
 * `npm run db:seed [-- DIR]`: loads a curated dataset directory (prisma/data by default) into the
 * database, with the official dataset (prisma/data/official) when it changed. Idempotent: only what
 * differs is written.
 */
import path from 'node:path';
import { curatedDataDir } from '../db/dataset/read.js';
import { seedDatabase } from '../db/seed.js';
import { run, withDatabase } from './with-database.js';

run(async () => {
  const dir = process.argv[2] ? path.resolve(process.argv[2]) : curatedDataDir;
  await withDatabase(async ({ prisma }) => {
    const { curated, officialLoaded } = await seedDatabase(prisma, { curated: 'always', curatedDir: dir });
    console.log(`official dataset   ${officialLoaded ? 'loaded' : 'unchanged'}`);
    for (const [kind, c] of Object.entries(curated ?? {})) {
      console.log(`${kind.padEnd(18)} created ${c.created}, updated ${c.updated}, unchanged ${c.unchanged}`);
    }
  });
});
