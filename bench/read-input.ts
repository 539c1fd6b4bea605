/**
 * What the server's rebuild reads and builds, with the transitions as objects (before decision 019)
 * and as columns read in chunks (since), side by side in one process, on the generated graph L in
 * PostgreSQL: time, CPU and the peak RSS above the start of each (reset between them), and the
 * index (identical). Each form runs twice, alternating, after a full GC.
 *
 *   npx tsx bench/read-input.ts                        # loads L into a new database, drops it after
 *   KEEP_DB=1 FORMS= npx tsx bench/read-input.ts       # only loads L, keeps it and prints its URL
 *   REBUILD_DB_URL=postgresql://... FORMS=columns npx tsx bench/read-input.ts   # one form, L already loaded
 *
 * A process's RSS does not shrink when its heap is freed, so only the first form a process runs
 * has a clean peak: run one form per process (FORMS) for the memory figures.
 *
 * Never part of `npm test`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import v8 from 'node:v8';
import vm from 'node:vm';
import { createPrisma } from '../src/db/client.js';
import { buildIndex } from '../src/graph/index.js';
import { readGraphInput } from '../src/server/graph-input.js';
import { createBenchDatabase, loadGenerated } from './compare/database.js';
import { generateL } from './generators.js';
import { DEFAULT_ADMIN_URL } from './load/database.js';

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;
const peakRss = () =>
  Number(
    readFileSync('/proc/self/status', 'utf8')
      .split('\n')
      .find((l) => l.startsWith('VmHWM:'))
      ?.match(/(\d+)/)?.[1] ?? NaN,
  ) * 1024;
const mb = (b: number) => `${(b / 2 ** 20).toFixed(0)} MB`;

const adminUrl = process.env.DATABASE_URL ?? DEFAULT_ADMIN_URL;
let url = process.env.REBUILD_DB_URL;
let drop = async () => {};
if (!url) {
  const db = await createBenchDatabase(adminUrl, 'L');
  url = db.url;
  if (process.env.KEEP_DB) console.log(`Kept: REBUILD_DB_URL=${db.url}`);
  else drop = db.drop;
  const timing = await loadGenerated(db.url, generateL(2));
  console.log(`L loaded in ${(timing.totalMs / 1000).toFixed(1)} s`);
}
const prisma = createPrisma(url);
try {
  const indexes: Record<string, unknown> = {};
  console.log('| form | read s | build s | CPU s (both) | peak RSS above the start |');
  console.log('| --- | ---: | ---: | ---: | ---: |');
  const forms = (process.env.FORMS ?? 'objects,columns').split(',').filter(Boolean) as ('objects' | 'columns')[];
  for (const round of [1, 2])
    for (const form of forms) {
      gc();
      gc();
      const start = process.memoryUsage.rss();
      writeFileSync('/proc/self/clear_refs', '5');
      const cpu = process.cpuUsage();
      let t = performance.now();
      const { input } =
        form === 'columns' ? await readGraphInput(prisma, { columns: true }) : await readGraphInput(prisma);
      const readS = (performance.now() - t) / 1000;
      t = performance.now();
      const index = buildIndex(input);
      const buildS = (performance.now() - t) / 1000;
      const used = process.cpuUsage(cpu);
      console.log(
        `| ${form} (round ${round}) | ${readS.toFixed(1)} | ${buildS.toFixed(1)} | ${((used.user + used.system) / 1e6).toFixed(1)} | ${mb(peakRss() - start)} |`,
      );
      if (round === 1) indexes[form] = index;
    }
  const { isDeepStrictEqual } = await import('node:util');
  if (forms.length === 2) console.log(`indexes identical: ${isDeepStrictEqual(indexes.objects, indexes.columns)}`);
} finally {
  await prisma.$disconnect();
  await drop();
}
