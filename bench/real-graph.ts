/**
 * The real graph (curated lattice + O*NET occupations) for the benchmarks that use it (bench/real.ts,
 * bench/limits-left.ts): the seed loaded into a database, read as the server reads it, and indexed.
 */
import { createPrisma } from '../src/db/client.js';
import { migrate } from '../src/db/migrate.js';
import { seedDatabase } from '../src/db/seed.js';
import { buildIndex } from '../src/graph/index.js';
import { type GraphData, readGraphInput } from '../src/server/graph-input.js';

/** Seeds the (empty) database at `url`, reads the graph from it and builds the index, timing each. */
export async function loadRealGraph(url: string) {
  await migrate(url);
  const prisma = createPrisma(url);
  try {
    let t = performance.now();
    await seedDatabase(prisma);
    const seedMs = performance.now() - t;
    t = performance.now();
    const data: GraphData = await readGraphInput(prisma);
    const readMs = performance.now() - t;
    t = performance.now();
    const index = buildIndex(data.input);
    return { data, index, seedMs, readMs, buildMs: performance.now() - t };
  } finally {
    await prisma.$disconnect();
  }
}
