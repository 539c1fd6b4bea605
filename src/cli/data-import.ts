/**
 * `npm run data:import -- <dir> [--out <dir>]`: derives the official dataset from the agencies'
 * files in <dir> (laid out as docs/official-data.md says) and writes it to prisma/data/official, or
 * to --out. A malformed file stops it with the file, line and column named, and nothing is
 * written. Re-running it on the same files changes nothing.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { readDataset } from '../db/dataset/read.js';
import { importOfficialData } from '../db/official/import.js';
import { officialDataDir, readOfficialData, writeOfficialData } from '../db/official/files.js';
import { run } from './with-database.js';

run(async () => {
  const { positionals, values } = parseArgs({ allowPositionals: true, options: { out: { type: 'string' } } });
  if (positionals.length !== 1) throw new Error('usage: npm run data:import -- <dir> [--out <dir>]');
  const curated = await readDataset();
  const data = await importOfficialData(path.resolve(positionals[0]!), {
    sources: new Set(curated.sources.map((s) => s.slug)),
    cipCodes: [...new Set(curated['training-programs'].flatMap((p) => (p.cipCode ? [p.cipCode] : [])))],
  });
  const out = values.out ? path.resolve(values.out) : officialDataDir;
  const changed = await writeOfficialData(data, out);
  console.log(changed.length ? `Wrote ${changed.join(', ')} in ${out}.` : `Nothing changed in ${out}.`);
  const { manifest } = await readOfficialData(out).then((r) => r.data);
  for (const [file, rows] of Object.entries(manifest.files)) console.log(`  ${file.padEnd(26)} ${rows} rows`);
});
