/**
 * `npm run db:seed [-- DIR]`: loads a dataset directory (the curated one by default) into the
 * database. Idempotent: only what differs is written.
 */
import path from 'node:path';
import { loadDataset } from '../db/dataset/load.js';
import { curatedDataDir, readDataset } from '../db/dataset/read.js';
import { run, withDatabase } from './with-database.js';

run(async () => {
  const dir = process.argv[2] ? path.resolve(process.argv[2]) : curatedDataDir;
  const dataset = await readDataset(dir);
  await withDatabase(async ({ prisma }) => {
    const summary = await loadDataset(prisma, dataset);
    for (const [kind, c] of Object.entries(summary)) {
      console.log(`${kind.padEnd(18)} created ${c.created}, updated ${c.updated}, unchanged ${c.unchanged}`);
    }
  });
});
