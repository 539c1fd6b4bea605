/**
 * `npm run -s dataset -- export > data.json` writes the whole dataset as one JSON document (`-s`
 * keeps npm's own header lines out of the file);
 * `npm run dataset -- import data.json [--dry-run] [--replace]` imports one, all or nothing.
 */
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { fromDocument, toDocument } from '../db/dataset/document.js';
import { exportDataset } from '../db/dataset/export.js';
import { loadDataset } from '../db/dataset/load.js';
import { run, withDatabase } from './with-database.js';

const usage = 'usage: npm run -s dataset -- export > data.json | import FILE [--dry-run] [--replace]';

run(async () => {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { 'dry-run': { type: 'boolean', default: false }, replace: { type: 'boolean', default: false } },
  });
  const [command, file] = positionals;
  if (command === 'export') {
    await withDatabase(async ({ prisma }) => {
      process.stdout.write(`${JSON.stringify(toDocument(await exportDataset(prisma)), null, 2)}\n`);
    });
  } else if (command === 'import' && file) {
    let document: unknown;
    try {
      document = JSON.parse(await readFile(file, 'utf8'));
    } catch (error) {
      throw new Error(`Cannot read ${file} as JSON: ${(error as Error).message}`, { cause: error });
    }
    const records = fromDocument(document);
    await withDatabase(async ({ prisma }) => {
      const mode = values.replace ? 'REPLACE' : 'MERGE';
      const summary = await loadDataset(prisma, records, {
        mode,
        dryRun: values['dry-run'],
        actor: `cli:${os.userInfo().username}`,
        action: `importDataset:${mode}`,
        fileOf: (kind) => `${file}#${kind}`,
      });
      console.log(values['dry-run'] ? `Dry run (${mode}): nothing was written.` : `Imported (${mode}).`);
      for (const [kind, c] of Object.entries(summary)) {
        console.log(
          `${kind.padEnd(18)} created ${c.created}, updated ${c.updated}, deleted ${c.deleted}, unchanged ${c.unchanged}`,
        );
      }
    });
  } else {
    throw new Error(usage);
  }
});
