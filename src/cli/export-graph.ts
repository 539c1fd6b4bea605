/**
 * `npm run graph -- graphml|gexf|csv [--out FILE]` writes the lattice as GraphML, GEXF or a zip
 * of nodes.csv and edges.csv: the same files as GET /export/graph.<format> (src/export).
 */
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { FORMATS, type GraphFormat, writeGraph } from '../export/formats.js';
import { readLattice } from '../export/lattice.js';
import { GraphStore } from '../server/graph-store.js';
import { run, withDatabase } from './with-database.js';

const usage = `usage: npm run graph -- ${Object.keys(FORMATS).join('|')} [--out FILE]`;

run(async () => {
  const { positionals, values } = parseArgs({ allowPositionals: true, options: { out: { type: 'string' } } });
  const [format] = positionals;
  if (positionals.length !== 1 || !(format! in FORMATS)) throw new Error(usage);
  await withDatabase(async ({ prisma }) => {
    const lattice = await readLattice({ prisma, graph: new GraphStore(prisma), apiKey: null, mayRead: true });
    const file = writeGraph(lattice, format as GraphFormat);
    if (values.out) {
      await writeFile(values.out, file);
      console.error(`Wrote ${lattice.nodes.length} roles and ${lattice.edges.length} moves to ${values.out}.`);
    } else {
      process.stdout.write(file);
    }
  });
});
