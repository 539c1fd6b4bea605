/**
 * Replicas on one machine: 1, 2 and 4 processes of the service (serve-ours.ts, as deployed: rate
 * limit off, index built in a worker thread, LISTEN/NOTIFY for data changes) on one database with
 * the curated dataset. For each count it measures
 *
 * - throughput: the realistic mix of bench/load/queries.ts (role pages, lists with next moves,
 *   comparisons, pathways, reachable roles), CONNECTIONS in all split evenly across the replicas
 *   (an even load balancer, without its cost), for SECONDS;
 * - freshness: after a mutation sent to one replica (updateTransition, taking turns), how long until
 *   every replica answers a pathways query with the change (polled every 10 ms), ROUNDS times with
 *   no load and ROUNDS times during a second load run; and how long the mutation itself took to
 *   answer (its commit sends the notification).
 *
 *   npx tsx bench/load/replicas.ts
 *   REPLICAS=1,2 SECONDS=10 CONNECTIONS=16 ROUNDS=5 npx tsx bench/load/replicas.ts
 *
 * The load generator (autocannon) runs in this process, on the same cores as the replicas and
 * PostgreSQL. Never part of `npm test`.
 */
import { createPrisma } from '../../src/db/client.js';
import { createApiKey } from '../../src/db/api-keys.js';
import { readDataset } from '../../src/db/dataset/read.js';
import { graphql, type LoadResult, runLoad } from './cannon.js';
import { createBenchDatabase, DEFAULT_ADMIN_URL } from './database.js';
import { phase1Requests } from './queries.js';
import { type ServerProcess, startServer } from './servers.js';

const REPLICAS = (process.env.REPLICAS ?? '1,2,4').split(',').map(Number);
const SECONDS = Number(process.env.SECONDS ?? 20);
const CONNECTIONS = Number(process.env.CONNECTIONS ?? 16);
const ROUNDS = Number(process.env.ROUNDS ?? 5);
const adminUrl = process.env.DATABASE_URL ?? DEFAULT_ADMIN_URL;

/** The move the freshness probe changes, and the pathway along it. */
const FROM = 'medical-assistant';
const TO = 'lead-medical-assistant';
const PATHWAY = `{ pathways(from: "${FROM}", to: "${TO}", first: 1, constraints: { maxSteps: 1 }) { totalMonths } }`;
const VERSION = `{ role(slug: "${FROM}") { nextSteps { to { slug } version minYearsExperience } } }`;
const UPDATE = `mutation ($input: UpdateTransitionInput!) {
  updateTransition(input: $input) { transition { minYearsExperience } userErrors { message } } }`;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function totalMonths(server: ServerProcess): Promise<number | undefined> {
  const reply = await graphql<{ pathways: { totalMonths: number }[] }>(server.url, PATHWAY);
  return reply.data?.pathways[0]?.totalMonths;
}

/**
 * One mutation through `writer`, then every replica polled until its answer differs from the one
 * before: milliseconds from sending the mutation until the last replica had it.
 */
async function freshnessRound(
  servers: ServerProcess[],
  writer: ServerProcess,
  key: string,
): Promise<{ all: number; answered: number }> {
  const before = await totalMonths(servers[0]!);
  const move = await graphql<{
    role: { nextSteps: { to: { slug: string }; version: number; minYearsExperience: number }[] };
  }>(writer.url, VERSION);
  const step = move.data!.role.nextSteps.find((s) => s.to.slug === TO)!;
  const years = step.minYearsExperience === 2 ? 3 : 2;
  const started = performance.now();
  const response = await fetch(writer.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    body: JSON.stringify({
      query: UPDATE,
      variables: { input: { from: FROM, to: TO, expectedVersion: step.version, minYearsExperience: years } },
    }),
  });
  const body = (await response.json()) as {
    data?: { updateTransition: { userErrors: { message: string }[] } };
    errors?: unknown;
  };
  if (!body.data || body.data.updateTransition.userErrors.length > 0)
    throw new Error(`The mutation failed: ${JSON.stringify(body)}`);
  // The mutation's answer: its transaction, and so the notification, committed before it.
  const answered = performance.now() - started;
  const seen = await Promise.all(
    servers.map(async (server) => {
      for (;;) {
        if ((await totalMonths(server)) !== before) return performance.now() - started;
        if (performance.now() - started > 60_000) throw new Error(`${server.label} did not see the change in 60 s`);
        await sleep(10);
      }
    }),
  );
  return { all: Math.max(...seen), answered };
}

async function freshness(servers: ServerProcess[], key: string): Promise<{ all: number; answered: number }[]> {
  const rounds: { all: number; answered: number }[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    rounds.push(await freshnessRound(servers, servers[i % servers.length]!, key));
    await sleep(300);
  }
  return rounds;
}

const f0 = (n: number) => n.toFixed(0);
const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MB`;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1]!;

type Row = {
  replicas: number;
  rps: number;
  perReplica: number[];
  p50: number;
  p99: number;
  errors: number;
  cpuPerRequestMs: number;
  rss: number[];
  idle: { all: number; answered: number }[];
  loaded: { all: number; answered: number }[];
};

async function loadAll(servers: ServerProcess[], requests: ReturnType<typeof phase1Requests>): Promise<LoadResult[]> {
  const per = Math.max(1, Math.round(CONNECTIONS / servers.length));
  return Promise.all(servers.map((s) => runLoad({ url: s.url, requests, connections: per, seconds: SECONDS })));
}

async function main(): Promise<void> {
  const dataset = await readDataset();
  const slugs = dataset.roles.map((r) => r.slug);
  const requests = phase1Requests(slugs, true);
  const db = await createBenchDatabase(adminUrl);
  const prisma = createPrisma(db.url);
  const rows: Row[] = [];
  try {
    const key = await createApiKey(prisma, 'replicas-bench', 'editor');
    for (const n of REPLICAS) {
      console.log(`${n} replica${n === 1 ? '' : 's'}...`);
      const servers = await Promise.all(
        Array.from({ length: n }, (_, i) => startServer(`replica ${i + 1}`, 'serve-ours.ts', db.url)),
      );
      try {
        for (const s of servers) if ((await totalMonths(s)) === undefined) throw new Error(`${s.label}: no pathway`);
        // Warm-up: a short run, then the measured one.
        await Promise.all(servers.map((s) => runLoad({ url: s.url, requests, connections: 2, seconds: 3 })));
        const cpuBefore = await Promise.all(servers.map((s) => s.stats()));
        const results = await loadAll(servers, requests);
        const after = await Promise.all(servers.map((s) => s.stats()));
        const total = results.reduce((sum, r) => sum + r.requests, 0);
        const cpu = after.reduce((sum, s, i) => sum + s.cpu - cpuBefore[i]!.cpu, 0);
        const latencies = Float64Array.from(results.flatMap((r) => [...r.latencies])).sort();
        const idle = await freshness(servers, key);
        // Freshness under load: the same rounds while a second load run is going.
        const loading = loadAll(servers, requests);
        await sleep(2_000);
        const loaded = await freshness(servers, key);
        await loading;
        rows.push({
          replicas: n,
          rps: results.reduce((sum, r) => sum + r.rps, 0),
          perReplica: results.map((r) => r.rps),
          p50: latencies[Math.floor(latencies.length * 0.5)]!,
          p99: latencies[Math.min(latencies.length - 1, Math.ceil(latencies.length * 0.99) - 1)]!,
          errors: results.reduce((sum, r) => sum + r.graphqlErrors + r.non2xx + r.connectionErrors, 0),
          cpuPerRequestMs: (cpu * 1000) / total,
          rss: after.map((s) => s.rss),
          idle,
          loaded,
        });
      } finally {
        await Promise.all(servers.map((s) => s.stop()));
      }
    }
  } finally {
    await prisma.$disconnect();
    await db.drop();
  }
  console.log(
    `\n${CONNECTIONS} connections in all, split across the replicas; the realistic mix; ${SECONDS} s per run.\n`,
  );
  console.log(
    '| replicas | requests/s, all | per replica | p50 / p99 ms | errors | server CPU ms per request | RSS per replica | freshness, idle: median / max ms (mutation answered: median) | freshness, under load: median / max ms (mutation answered: median) |',
  );
  console.log('| ---: | ---: | --- | ---: | ---: | ---: | --- | ---: | ---: |');
  const fresh = (rounds: { all: number; answered: number }[]) => {
    const all = rounds.map((r) => r.all);
    return `${f0(median(all))} / ${f0(Math.max(...all))} (${f0(median(rounds.map((r) => r.answered)))})`;
  };
  for (const r of rows)
    console.log(
      `| ${r.replicas} | ${f0(r.rps)} | ${r.perReplica.map(f0).join(', ')} | ${r.p50.toFixed(1)} / ${r.p99.toFixed(1)} | ${r.errors} | ${r.cpuPerRequestMs.toFixed(2)} | ${r.rss.map(mb).join(', ')} | ${fresh(r.idle)} | ${fresh(r.loaded)} |`,
    );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
