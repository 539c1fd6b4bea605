/**
 * The real graph as the headline scale: the curated roles and every O*NET 29.3 occupation, with
 * O*NET's related occupations as estimated moves (src/server/estimated-moves.ts), read from a
 * seeded database exactly as the server reads it.
 *
 *   npx tsx bench/real.ts                 # about 5 minutes on the 2-core machine
 *   QUERIES=200 npx tsx bench/real.ts     # pairs per kind (default 100)
 *   HTTP_ROUNDS=400 npx tsx bench/real.ts # interleaved HTTP requests per query (default 200)
 *
 * Measures every ranking at k = 5 with includeEstimated over uniformly random pairs and near pairs
 * (a target one to three moves away), the work budget (default) included: p50/p95/p99 and how many
 * queries ran over it. Then a pathway query over HTTP against a trivial `{ __typename }`, interleaved,
 * medians compared. Prints a markdown section for docs/benchmarks.md. Never part of `npm test`.
 */
import { createPrisma } from '../src/db/client.js';
import { migrate } from '../src/db/migrate.js';
import { seedDatabase } from '../src/db/seed.js';
import {
  buildIndex,
  findPathways,
  lastSearchStats,
  RANK_BY_VALUES,
  SearchBudgetExceeded,
  type GraphIndex,
} from '../src/graph/index.js';
import { readGraphInput } from '../src/server/graph-input.js';
import { rng } from './generators.js';
import { createBenchDatabase } from './compare/database.js';
import { startServer } from './compare/http.js';
import { DEFAULT_ADMIN_URL } from './compare/settings.js';
import { percentile } from './compare/stats.js';

const QUERIES = Math.min(1000, Number(process.env.QUERIES ?? 100));
const HTTP_ROUNDS = Math.min(2000, Number(process.env.HTTP_ROUNDS ?? 200));
const P99_TARGET_MS = 5;
const fmt = (t: number) => (t < 10 ? t.toFixed(2) : t.toFixed(0));

/** Nodes one to three moves away from src over every move (curated or estimated), BFS order. */
function near(index: GraphIndex, src: number): number[] {
  const depth = new Map<number, number>([[src, 0]]);
  const queue = [src];
  const out: number[] = [];
  while (queue.length) {
    const u = queue.shift()!;
    const d = depth.get(u)!;
    if (d === 3) continue;
    for (let e = index.outOffsets[u]!; e < index.outOffsets[u + 1]!; e++) {
      const v = index.edgeTo[e]!;
      if (depth.has(v)) continue;
      depth.set(v, d + 1);
      out.push(v);
      queue.push(v);
    }
  }
  return out;
}

const admin = process.env.DATABASE_URL ?? DEFAULT_ADMIN_URL;
const db = await createBenchDatabase(admin, 'S');
const lines: string[] = [];
try {
  await migrate(db.url);
  const prisma = createPrisma(db.url);
  let t = performance.now();
  await seedDatabase(prisma);
  const seedMs = performance.now() - t;
  t = performance.now();
  const { input } = await readGraphInput(prisma);
  const readMs = performance.now() - t;
  t = performance.now();
  const index = buildIndex(input);
  const buildMs = performance.now() - t;
  await prisma.$disconnect();
  const estimated = input.transitions.filter((e) => e.estimated).length;
  lines.push(
    `Real graph: ${index.roleCount} nodes (${input.roles.filter((r) => r.id > 0).length} curated roles), ` +
      `${index.edgeCount} moves (${index.edgeCount - estimated} curated, ${estimated} estimated), ` +
      `${index.trackCount} tracks, ${index.programCount} programs. Seeded in ${(seedMs / 1000).toFixed(1)} s; ` +
      `read in ${fmt(readMs)} ms, index built in ${fmt(buildMs)} ms.`,
    '',
    `Every ranking at k = 5, includeEstimated: true, default work budget; ${QUERIES} pairs per kind (seed 7).`,
    '',
    '| pairs | ranking | p50 ms | p95 ms | p99 ms | max ms | found | over budget | p99 ≤ 5 ms |',
    '|---|---|---|---|---|---|---|---|---|',
  );
  const random = rng(7);
  const pick = (n: number) => Math.floor(random() * n);
  const R = index.roleCount;
  const uniform: [number, number][] = [];
  while (uniform.length < QUERIES) {
    const a = pick(R);
    const b = pick(R);
    if (a !== b) uniform.push([a, b]);
  }
  const nearPairs: [number, number][] = [];
  while (nearPairs.length < QUERIES) {
    const a = pick(R);
    const reach = near(index, a);
    if (reach.length) nearPairs.push([a, reach[pick(reach.length)]!]);
  }
  let worst = 0;
  let overall = 0;
  for (const [kind, pairs] of [
    ['uniform', uniform],
    ['near', nearPairs],
  ] as const)
    for (const rankBy of RANK_BY_VALUES) {
      const times: number[] = [];
      let found = 0;
      let over = 0;
      for (const [a, b] of pairs) {
        const start = performance.now();
        try {
          const got = findPathways(index, {
            from: index.roleIds[a]!,
            to: index.roleIds[b]!,
            k: 5,
            rankBy,
            includeEstimated: true,
          });
          if (got.length) found++;
        } catch (error) {
          if (!(error instanceof SearchBudgetExceeded)) throw error;
          over++;
        }
        times.push(performance.now() - start);
        void lastSearchStats();
      }
      times.sort((x, y) => x - y);
      const p99 = percentile(times, 0.99);
      worst = Math.max(worst, p99);
      overall += over;
      lines.push(
        `| ${kind} | ${rankBy} | ${fmt(percentile(times, 0.5))} | ${fmt(percentile(times, 0.95))} | ${fmt(p99)} | ` +
          `${fmt(times.at(-1)!)} | ${found} | ${over} | ${p99 <= P99_TARGET_MS && over === 0 ? 'yes' : '**no**'} |`,
      );
      console.error(lines.at(-1));
    }
  lines.push(
    '',
    `Worst p99 ${fmt(worst)} ms (target ≤ ${P99_TARGET_MS} ms); ${overall} queries over the work budget (target 0).`,
  );

  // Over HTTP: a pathway query vs { __typename }, interleaved, on the same server and connection.
  const server = await startServer(db.url);
  try {
    const post = async (body: object) => {
      const start = performance.now();
      const response = await fetch(server.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
        body: JSON.stringify(body),
      });
      const answer = (await response.json()) as { errors?: unknown[] };
      if (!response.ok || answer.errors)
        throw new Error(`HTTP ${response.status}: ${JSON.stringify(answer).slice(0, 300)}`);
      return performance.now() - start;
    };
    const pathway = {
      query: `{ pathways(from: "medical-assistant", to: "29-1126.00", first: 5, includeEstimated: true) {
        totalMonths estimatedSteps steps { basis toNode { key } } } }`,
    };
    const trivial = { query: '{ __typename }' };
    for (let i = 0; i < 20; i++) {
      await post(pathway); // the first builds the index
      await post(trivial);
    }
    const a: number[] = [];
    const b: number[] = [];
    for (let i = 0; i < HTTP_ROUNDS; i++) {
      if (i % 2) {
        a.push(await post(pathway));
        b.push(await post(trivial));
      } else {
        b.push(await post(trivial));
        a.push(await post(pathway));
      }
    }
    a.sort((x, y) => x - y);
    b.sort((x, y) => x - y);
    const ratio = percentile(a, 0.5) / percentile(b, 0.5);
    lines.push(
      '',
      `Over HTTP (${HTTP_ROUNDS} rounds, interleaved, one keep-alive connection): medical-assistant → 29-1126.00 ` +
        `(respiratory therapists), FASTEST, k = 5, includeEstimated: median ${fmt(percentile(a, 0.5))} ms ` +
        `(p95 ${fmt(percentile(a, 0.95))}); \`{ __typename }\` median ${fmt(percentile(b, 0.5))} ms ` +
        `(p95 ${fmt(percentile(b, 0.95))}): ratio ${ratio.toFixed(2)} (target ≤ 1.5).`,
    );
  } finally {
    await server.stop();
  }
} finally {
  await db.drop();
}
console.log(lines.join('\n'));
