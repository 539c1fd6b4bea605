/**
 * One scale of the comparison, start to finish: a fresh database, the data loaded into it, the
 * engine's index read back from it, then every contender on the same seeded pairs. The database is
 * dropped and the server stopped whatever happens.
 */
import { createPrisma } from '../../src/db/client.js';
import { readGraphInput } from '../../src/server/graph-input.js';
import { buildIndex, type GraphIndex, type GraphInput } from '../../src/graph/index.js';
import { generateL, generateM } from '../generators.js';
import { runCte } from './cte.js';
import { createBenchDatabase, type LoadTiming, loadCurated, loadGenerated } from './database.js';
import { buildGraphology, plainEdges, runGraphology } from './graphology.js';
import { runHttp, type Server, startServer } from './http.js';
import { engineFastestWithin, popularCertifications, runEngine } from './in-process.js';
import { choosePairs } from './pairs.js';
import type { ScaleSettings } from './settings.js';
import { gc, retainedBytes, type Row } from './stats.js';

export interface Agreement {
  /** Pairs where both found a path (or completed). */
  compared: number;
  same: number;
  /** Engine fewer months (it does not pay twice for a program done earlier on the path). */
  engineLower: number;
  /** Engine more months: would be a bug in one of them. */
  engineHigher: number;
  /** One found a path, the other did not. */
  foundMismatch: number;
}

export interface ScaleResult {
  scale: ScaleSettings;
  title: string;
  counts: {
    roles: number;
    transitions: number;
    tracks: number;
    certifications: number;
    programs: number;
    groups: number;
  };
  generateMs?: number;
  load: LoadTiming;
  database: string;
  readInputMs: number;
  /** Set when readGraphInput failed and the input was read with plain SQL instead. */
  index: { buildMs: number; retained: number; rssDelta: number; rssAfter: number };
  graphologyBuildMs: number;
  pairs: { count: number; ctePairs: number; hops: Record<number, number>; unconstrained: number };
  heldCertifications: string[];
  reachableAverage: number;
  rows: {
    fastest: Row;
    k5: Row;
    constrained: Row;
    reachable: Row;
    bfsTarget: Row;
    bfsAll: Row;
    graphology: Row;
    cte: Row;
    http: Row;
  };
  http: { coldMs: number; serverRss: number | undefined; firstError: string | undefined };
  checks: { graphology: Agreement; cte: Agreement };
  cteDepth: number;
}

const log = (message: string) => console.error(`[compare] ${message}`);

/** Compares months pair by pair; undefined on either side (over budget, timed out) is skipped. */
function agreement(
  engine: readonly (number | null | undefined)[],
  other: readonly (number | null | undefined)[],
): Agreement {
  const a: Agreement = { compared: 0, same: 0, engineLower: 0, engineHigher: 0, foundMismatch: 0 };
  other.forEach((o, i) => {
    const e = engine[i];
    if (o === undefined || e === undefined) return;
    if ((e === null) !== (o === null)) {
      a.foundMismatch++;
      return;
    }
    if (e === null || o === null) return;
    a.compared++;
    if (e === o) a.same++;
    else if (e < o) a.engineLower++;
    else a.engineHigher++;
  });
  return a;
}

function describe(scale: ScaleSettings['scale'], index: GraphIndex): string {
  const what = { S: 'curated dataset (prisma/data)', M: 'O*NET-shaped, generateM(1)', L: 'power law, generateL(2)' }[
    scale
  ];
  return `${scale} — ${what}: ${index.roleCount.toLocaleString('en-US')} roles, ${index.edgeCount.toLocaleString('en-US')} transitions`;
}

export async function runScale(settings: ScaleSettings, adminUrl: string, cteDepth: number): Promise<ScaleResult> {
  const { scale } = settings;
  let generated: GraphInput | undefined;
  let generateMs: number | undefined;
  if (scale !== 'S') {
    log(`${scale}: generating the graph`);
    const t0 = performance.now();
    generated = scale === 'M' ? generateM(1) : generateL(2);
    generateMs = performance.now() - t0;
  }
  const db = await createBenchDatabase(adminUrl, scale);
  log(`${scale}: created database ${db.name}`);
  let server: Server | undefined;
  try {
    log(`${scale}: loading`);
    const load = generated ? await loadGenerated(db.url, generated) : await loadCurated(db.url);
    generated = undefined; // from here on, only what the database returns
    log(`${scale}: loaded in ${(load.totalMs / 1000).toFixed(1)} s; reading the engine input back (readGraphInput)`);

    // The engine reads what the database holds, as the server does: readGraphInput.
    const prisma = createPrisma(db.url);
    let input: GraphInput | undefined;
    let t0 = performance.now();
    try {
      input = (await readGraphInput(prisma)).input;
    } finally {
      await prisma.$disconnect();
    }
    const readInputMs = performance.now() - t0;

    const before = retainedBytes();
    const rssBefore = process.memoryUsage().rss;
    t0 = performance.now();
    const index = buildIndex(input);
    const buildMs = performance.now() - t0;
    const rssAfter = process.memoryUsage().rss;
    const retained = retainedBytes() - before;
    log(`${scale}: index built in ${buildMs.toFixed(0)} ms`);

    const pairSet = choosePairs(index, settings.pairs, settings.seed, cteDepth);
    const pairs = pairSet.pairs;
    const certSlug = new Map(input.certifications.map((c) => [c.id, c.slug]));
    const held = popularCertifications(input, 3);
    const heldSlugs = held.map((id) => certSlug.get(id) ?? String(id));
    const slugs = new Map(input.roles.map((r) => [r.id, r.slug]));
    const edges = plainEdges(input);
    // As in the server, only the index stays alive: a million input objects left on the heap would make
    // every major collection, and so the engine's tail latencies, pay for them.
    input = undefined;
    gc();

    log(`${scale}: engine and BFS, ${pairs.length} pairs`);
    const engine = runEngine(index, pairs, { heldCertifications: held }, heldSlugs);
    const [fastest, k5, constrained, reachable, bfsTarget, bfsAll] = engine.rows as [Row, Row, Row, Row, Row, Row];

    log(`${scale}: graphology`);
    t0 = performance.now();
    let graph: ReturnType<typeof buildGraphology> | undefined = buildGraphology(edges);
    const graphologyBuildMs = performance.now() - t0;
    const graphology = runGraphology(graph, pairs);
    graph = undefined;
    gc();

    const ctePairs = pairs.slice(0, settings.ctePairs);
    log(`${scale}: recursive CTE, ${ctePairs.length} pairs, timeout ${settings.cteTimeoutMs} ms`);
    const cte = await runCte(db.url, ctePairs, { k: 5, depth: cteDepth, timeoutMs: settings.cteTimeoutMs });
    const engineWithinDepth = ctePairs.map((p, i) =>
      cte.months[i] === undefined ? undefined : engineFastestWithin(index, p, cteDepth),
    );

    log(`${scale}: GraphQL server over HTTP`);
    server = await startServer(db.url);
    const http = await runHttp(server, pairs, (id) => slugs.get(id)!);
    await server.stop();

    return {
      scale: settings,
      title: describe(scale, index),
      counts: {
        roles: index.roleCount,
        transitions: index.edgeCount,
        tracks: index.trackCount,
        certifications: index.certCount,
        programs: index.programCount,
        groups: index.groupCount,
      },
      generateMs,
      load,
      database: db.name,
      readInputMs,
      index: { buildMs, retained, rssDelta: rssAfter - rssBefore, rssAfter },
      graphologyBuildMs,
      pairs: {
        count: pairs.length,
        ctePairs: ctePairs.length,
        hops: pairSet.hopHistogram,
        unconstrained: pairSet.unconstrained,
      },
      heldCertifications: heldSlugs,
      reachableAverage: engine.reachableAverage,
      rows: {
        fastest,
        k5,
        constrained,
        reachable,
        bfsTarget,
        bfsAll,
        graphology: graphology.row,
        cte: cte.row,
        http: http.row,
      },
      http: { coldMs: http.coldMs, serverRss: http.serverRss, firstError: http.firstError },
      checks: {
        graphology: agreement(engine.fastestMonths, graphology.months),
        cte: agreement(engineWithinDepth, cte.months),
      },
      cteDepth,
    };
  } finally {
    await server?.stop().catch(() => {});
    await db.drop().then(
      () => log(`${scale}: dropped database ${db.name}`),
      (error: unknown) => log(`${scale}: could not drop database ${db.name}: ${String(error)}`),
    );
  }
}
