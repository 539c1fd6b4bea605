/**
 * GET /export/graph.{graphml,gexf,csv}: each file is loaded with a real parser (graphology's
 * GraphML and GEXF readers, csv-parse, and networkx and igraph where Debian's python3 has them)
 * and checked against the API's own answers; READ_REQUIRES_KEY closes them to anonymous callers.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { parse as parseCsv } from 'csv-parse/sync';
import { unzipSync } from 'fflate';
import { DirectedGraph } from 'graphology';
import gexf from 'graphology-gexf';
import graphml from 'graphology-graphml';
import type { AbstractGraph } from 'graphology-types';
import { beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from '../../src/db/api-keys.js';
import { createPrisma, type PrismaClient } from '../../src/db/client.js';
import { type App, createApp } from '../../src/server/app.js';
import { testDatabase } from '../support/database.js';
import { post } from '../support/graphql.js';

let prisma: PrismaClient;
let app: App;
type Move = {
  kind: string;
  estimatedMonths: number;
  estimatedMonthsUpTo: number;
  minYearsExperience: number;
  yearsEstimated: boolean;
  unknownTraining: string | null;
  to: { slug: string };
  requirements: { anyOf: { acronym: string }[] }[];
};
let roles: { slug: string; title: string; level: string; track: { slug: string }; nextSteps: Move[] }[];
let moves: (Move & { from: string })[];
/** Each move's cost as the API answers it: the cheapest one-step pathway. */
let costs: { totalCostUsd: number | null; knownCostUsd: number; costIncludesUnknowns: boolean }[];

const download = (a: App, file: string, headers: Record<string, string> = {}) =>
  a.fetch(`http://localhost/export/${file}`, { headers });

async function costOf(from: string, to: string) {
  const reply = await post(app, {
    query: `query($f: String!, $t: String!) { pathways(from: $f, to: $t, first: 1, rankBy: CHEAPEST, constraints: { maxSteps: 1 }) { totalCostUsd knownCostUsd costIncludesUnknowns } }`,
    variables: { f: from, t: to },
  });
  return reply.body.data.pathways[0] as {
    totalCostUsd: number | null;
    knownCostUsd: number;
    costIncludesUnknowns: boolean;
  };
}

beforeAll(async () => {
  ({ prisma } = await testDatabase('seeded'));
  app = createApp({ prisma, config: { rateLimitPoints: 0 } });
  const reply = await post(app, {
    query: `{ roles(first: 100) { nodes { slug title level track { slug }
      nextSteps { kind estimatedMonths estimatedMonthsUpTo minYearsExperience yearsEstimated unknownTraining
        to { slug } requirements { anyOf { acronym } } } } } }`,
  });
  roles = reply.body.data.roles.nodes;
  moves = roles.flatMap((r) => r.nextSteps.map((m) => ({ ...m, from: r.slug })));
  costs = await Promise.all(moves.map((m) => costOf(m.from, m.to.slug)));
});

/** Checks a parsed graph against the API: every role, every move, with its attributes. */
async function expectLattice(graph: AbstractGraph) {
  expect(graph.order).toBe(roles.length);
  expect(graph.size).toBe(moves.length);
  for (const r of roles) {
    expect(graph.getNodeAttributes(r.slug)).toMatchObject({ title: r.title, track: r.track.slug, level: r.level });
  }
  for (const m of moves) {
    const attributes = graph.getEdgeAttributes(graph.edge(m.from, m.to.slug));
    expect(attributes).toMatchObject({ kind: m.kind, months: m.estimatedMonths, basis: 'curated' });
    expect(attributes.requirements ?? '').toBe(
      m.requirements.map((g) => g.anyOf.map((c) => c.acronym).join(' or ')).join('; '),
    );
    // Training no source describes: said beside its months, which are then only the known part
    // (medical assistant → specialty medical assistant read as 0 months, an immediate move).
    expect(attributes.unknown_training || null).toBe(m.unknownTraining);
    // A range's top and the curators' estimated years, as the API says them (the files had neither:
    // an EKG course of 1 to 12 months read as 1, estimated years as a source's).
    expect(attributes).toMatchObject({
      months_up_to: m.estimatedMonthsUpTo,
      min_years_experience: m.minYearsExperience,
      years_estimated: m.yearsEstimated,
    });
  }
  expect(moves.some((m) => m.estimatedMonthsUpTo > m.estimatedMonths)).toBe(true);
  expect(moves.some((m) => m.yearsEstimated)).toBe(true);
  expect(moves.some((m) => m.unknownTraining !== null)).toBe(true);
  // Costs, for a known and an unknown one: an unknown is absent, never 0.
  const known = moves.findIndex((_, i) => !costs[i]!.costIncludesUnknowns);
  // Preferably one whose known part is not 0, to tell the known part from the whole.
  const partial = moves.findIndex((_, i) => costs[i]!.costIncludesUnknowns && costs[i]!.knownCostUsd > 0);
  const unknown = partial >= 0 ? partial : moves.findIndex((_, i) => costs[i]!.costIncludesUnknowns);
  expect(known).toBeGreaterThanOrEqual(0);
  expect(unknown).toBeGreaterThanOrEqual(0);
  const edge = (i: number) => graph.getEdgeAttributes(graph.edge(moves[i]!.from, moves[i]!.to.slug));
  expect(edge(known).cost_usd).toBe(costs[known]!.totalCostUsd);
  expect(edge(unknown).cost_usd).toBeUndefined();
  expect(edge(unknown).known_cost_usd).toBe(costs[unknown]!.knownCostUsd);
}

describe('graph exports', () => {
  it('serves GraphML that graphology reads back whole, typed and directed', async () => {
    const response = await download(app, 'graph.graphml');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/graphml\+xml/);
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="career-lattice.graphml"');
    const graph = graphml.parse(DirectedGraph, await response.text());
    expect(graph.type).toBe('directed');
    await expectLattice(graph);
  });

  it('serves GEXF 1.2 that graphology reads back whole', async () => {
    const response = await download(app, 'graph.gexf');
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(text).toMatch(/<gexf version="1.2" xmlns="http:\/\/www.gexf.net\/1.2draft"/);
    await expectLattice(gexf.parse(DirectedGraph, text));
    // Each attribute declared with the column's type, as in the GraphML (graphology-gexf inferred
    // integer from today's whole years).
    expect(text).toContain('<attribute id="min_years_experience" title="min_years_experience" type="double"/>');
    expect(text).toContain('<attribute id="months" title="months" type="integer"/>');
    expect(text).toContain('<attribute id="years_estimated" title="years_estimated" type="boolean"/>');
  });

  it('serves a zip of nodes.csv and edges.csv with the columns Gephi expects', async () => {
    const response = await download(app, 'graph.csv');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/zip');
    const files = unzipSync(new Uint8Array(await response.arrayBuffer()));
    expect(Object.keys(files).sort()).toEqual(['edges.csv', 'nodes.csv']);
    const read = (name: string) =>
      parseCsv(new TextDecoder().decode(files[name]), { columns: true }) as Record<string, string>[];
    const nodes = read('nodes.csv');
    const edges = read('edges.csv');
    expect(nodes.map((n) => n.Id).sort()).toEqual(roles.map((r) => r.slug).sort());
    expect(edges).toHaveLength(moves.length);
    const graph = new DirectedGraph();
    for (const n of nodes) graph.addNode(n.Id!, { ...n, title: n.title });
    for (const e of edges) {
      expect(e.Type).toBe('Directed');
      const cost = e.cost_usd === '' ? undefined : Number(e.cost_usd);
      graph.addEdge(e.Source!, e.Target!, {
        ...e,
        months: Number(e.months),
        months_up_to: Number(e.months_up_to),
        min_years_experience: Number(e.min_years_experience),
        years_estimated: { true: true, false: false }[e.years_estimated!],
        cost_usd: cost,
        known_cost_usd: Number(e.known_cost_usd),
      });
    }
    await expectLattice(graph);
  });

  it('answers anything but GET with 405, and unknown formats with 404', async () => {
    expect((await app.fetch('http://localhost/export/graph.gexf', { method: 'POST' })).status).toBe(405);
    expect((await download(app, 'graph.pdf')).status).toBe(404);
  });

  it('answers 503, not 500, when the database cannot be reached', async () => {
    const unreachable = createPrisma('postgresql://postgres@127.0.0.1:1/none');
    const response = await download(createApp({ prisma: unreachable }), 'graph.graphml');
    await unreachable.$disconnect();
    expect(response.status).toBe(503);
    expect(((await response.json()) as any).errors[0].extensions.code).toBe('SERVICE_UNAVAILABLE');
  });

  it('needs a key when READ_REQUIRES_KEY is on, and refuses a bad key', async () => {
    const closed = createApp({ prisma, config: { readRequiresKey: true } });
    const anonymous = await download(closed, 'graph.graphml');
    expect(anonymous.status).toBe(401);
    expect(((await anonymous.json()) as any).errors[0].extensions.code).toBe('UNAUTHENTICATED');
    const bad = await download(closed, 'graph.gexf', { authorization: 'Bearer cl_not-a-key' });
    expect(bad.status).toBe(401);
    expect(((await bad.json()) as any).errors[0].message).toMatch(/unknown or has been revoked/);
    const key = await createApiKey(prisma, 'analyst', 'editor');
    const keyed = await download(closed, 'graph.csv', { authorization: `Bearer ${key}` });
    expect(keyed.status).toBe(200);
    expect(unzipSync(new Uint8Array(await keyed.arrayBuffer()))['nodes.csv']).toBeDefined();
  });
});

// networkx and igraph, from Debian's packages (.ci/run installs them), read the same files.
const python = '/usr/bin/python3';
const run = promisify(execFile);
const pythonHas = async (modules: string) =>
  existsSync(python) &&
  (await run(python, ['-c', `import ${modules}`]).then(
    () => true,
    () => false,
  ));
const havePython = await pythonHas('networkx, igraph');
if (!havePython && process.env.CI === 'true') throw new Error('CI must have python3-networkx and python3-igraph.');

describe.skipIf(!havePython)(
  havePython ? 'graph exports in networkx and igraph' : 'skipped: no python3-networkx and python3-igraph',
  () => {
    it('loads GraphML and GEXF in networkx, GraphML and the CSV zip in igraph', async () => {
      const dir = await mkdtemp(path.join(tmpdir(), 'career-lattice-export-'));
      for (const file of ['graph.graphml', 'graph.gexf', 'graph.csv']) {
        await writeFile(path.join(dir, file), new Uint8Array(await (await download(app, file)).arrayBuffer()));
      }
      const script = `
import csv, io, json, sys, zipfile
import networkx as nx, igraph as ig
d = sys.argv[1]
g1 = nx.read_graphml(d + '/graph.graphml')
g2 = nx.read_gexf(d + '/graph.gexf')
h1 = ig.Graph.Read_GraphML(d + '/graph.graphml')
z = zipfile.ZipFile(d + '/graph.csv')
rows = lambda name: list(csv.DictReader(io.TextIOWrapper(z.open(name), 'utf-8')))
h2 = ig.Graph.DictList(vertices=rows('nodes.csv'), edges=rows('edges.csv'), directed=True,
                       vertex_name_attr='Id', edge_foreign_keys=('Source', 'Target'))
e = next(iter(g1.edges(data=True)))
print(json.dumps({
  'networkx': [[g.number_of_nodes(), g.number_of_edges(), g.is_directed()] for g in (g1, g2)],
  'igraph': [[h.vcount(), h.ecount(), h.is_directed()] for h in (h1, h2)],
  'months': sorted(d['months'] for _, _, d in g1.edges(data=True)),
  'gexfLevels': sorted(set(d['level'] for _, d in g2.nodes(data=True))),
  # Each attribute's Python type in each file: the same in both (GEXF's were inferred from the values).
  'types': [sorted({(k, type(v).__name__) for _, _, a in g.edges(data=True) for k, v in a.items() if k not in ('id', 'label')}) for g in (g1, g2)],
}))`;
      const { stdout } = await run(python, ['-c', script, dir]);
      const result = JSON.parse(stdout);
      const shape = [roles.length, moves.length, true];
      expect(result.networkx).toEqual([shape, shape]);
      expect(result.igraph).toEqual([shape, shape]);
      expect(result.months).toEqual(moves.map((m) => m.estimatedMonths).sort((a, b) => a - b));
      expect(result.gexfLevels).toEqual([...new Set(roles.map((r) => r.level))].sort());
      expect(result.types[1]).toEqual(result.types[0]);
      expect(result.types[0]).toContainEqual(['min_years_experience', 'float']);
    });
  },
);
