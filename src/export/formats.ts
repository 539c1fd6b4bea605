/**
 * The lattice as files that networkx, igraph and Gephi load as they are: GraphML, GEXF (1.2, the
 * version networkx and Gephi both read), and CSV (a zip of nodes.csv and edges.csv). Attribute
 * names are the same in all three; an unknown cost is left out (GraphML, GEXF) or empty (CSV),
 * never written as 0.
 */
import { stringify } from 'csv-stringify/sync';
import { zipSync } from 'fflate';
import { DirectedGraph } from 'graphology';
import gexf from 'graphology-gexf';
import { create } from 'xmlbuilder2';
import type { Lattice, LatticeEdge, LatticeNode } from './lattice.js';

export const FORMATS = {
  graphml: { extension: 'graphml', contentType: 'application/graphml+xml; charset=utf-8' },
  gexf: { extension: 'gexf', contentType: 'application/gexf+xml; charset=utf-8' },
  csv: { extension: 'csv.zip', contentType: 'application/zip' },
} as const;

export type GraphFormat = keyof typeof FORMATS;

type Column<T> = {
  name: string;
  type: 'string' | 'int' | 'double' | 'boolean';
  value: (row: T) => string | number | boolean | null;
};

const NODE_COLUMNS: Column<LatticeNode>[] = [
  { name: 'label', type: 'string', value: (n) => n.title },
  { name: 'title', type: 'string', value: (n) => n.title },
  { name: 'track', type: 'string', value: (n) => n.track },
  { name: 'level', type: 'string', value: (n) => n.level },
];

const EDGE_COLUMNS: Column<LatticeEdge>[] = [
  { name: 'kind', type: 'string', value: (e) => e.kind },
  { name: 'months', type: 'int', value: (e) => e.months },
  // The range's top where the sources give one (an EKG course of 1 to 12 months): `months` is its least.
  { name: 'months_up_to', type: 'int', value: (e) => e.monthsUpTo },
  { name: 'cost_usd', type: 'int', value: (e) => e.costUsd },
  { name: 'known_cost_usd', type: 'int', value: (e) => e.knownCostUsd },
  { name: 'min_years_experience', type: 'double', value: (e) => e.minYearsExperience },
  // The curators' estimate where no source states the years (19 of the 103 moves).
  { name: 'years_estimated', type: 'boolean', value: (e) => e.yearsEstimated },
  { name: 'requirements', type: 'string', value: (e) => e.requirements },
  { name: 'training', type: 'string', value: (e) => e.training },
  { name: 'sources', type: 'string', value: (e) => e.sources },
  { name: 'basis', type: 'string', value: (e) => e.basis },
  { name: 'unknown_training', type: 'string', value: (e) => e.unknownTraining },
];

const edgeId = (e: LatticeEdge) => `${e.from}->${e.to}`;

/** GraphML with typed keys; igraph and networkx read the types back. */
function toGraphml({ nodes, edges }: Lattice): string {
  const root = create({ version: '1.0', encoding: 'UTF-8' }).ele('http://graphml.graphdrawing.org/xmlns', 'graphml');
  const keys = [
    ...NODE_COLUMNS.map((c) => ({ ...c, for: 'node', id: `n_${c.name}` })),
    ...EDGE_COLUMNS.map((c) => ({ ...c, for: 'edge', id: `e_${c.name}` })),
  ];
  for (const k of keys) root.ele('key', { id: k.id, for: k.for, 'attr.name': k.name, 'attr.type': k.type });
  const graph = root.ele('graph', { id: 'career-lattice', edgedefault: 'directed' });
  const data = <T>(element: ReturnType<typeof graph.ele>, prefix: string, columns: Column<T>[], row: T) => {
    for (const c of columns) {
      const value = c.value(row);
      if (value !== null && value !== '') element.ele('data', { key: `${prefix}_${c.name}` }).txt(String(value));
    }
  };
  for (const n of nodes) data(graph.ele('node', { id: n.id }), 'n', NODE_COLUMNS, n);
  for (const e of edges) data(graph.ele('edge', { id: edgeId(e), source: e.from, target: e.to }), 'e', EDGE_COLUMNS, e);
  return root.end({ prettyPrint: true });
}

const attributes = <T>(columns: Column<T>[], row: T) =>
  Object.fromEntries(columns.filter((c) => c.name !== 'label').map((c) => [c.name, c.value(row)]));

/** GEXF's name of each column type. */
const GEXF_TYPES = { string: 'string', int: 'integer', double: 'double', boolean: 'boolean' } as const;

/**
 * GEXF 1.2 through graphology-gexf. It infers each attribute's type from the values and takes no
 * types of its own: `min_years_experience`, whole years today, was declared integer where GraphML
 * declares it double, so networkx read 2 from one file and 2.0 from the other. Each attribute's
 * declaration is set to the column's type.
 */
function toGexf({ nodes, edges }: Lattice): string {
  const graph = new DirectedGraph();
  for (const n of nodes) graph.addNode(n.id, attributes(NODE_COLUMNS, n));
  for (const e of edges) graph.addDirectedEdgeWithKey(edgeId(e), e.from, e.to, attributes(EDGE_COLUMNS, e));
  const xml = gexf.write(graph, {
    version: '1.2',
    formatNode: (_key, attrs) => ({ label: String(attrs.title), attributes: attrs }),
    formatEdge: (_key, attrs) => ({ label: String(attrs.kind), attributes: attrs }),
  });
  const types = new Map([...NODE_COLUMNS, ...EDGE_COLUMNS].map((c) => [c.name, GEXF_TYPES[c.type]]));
  return xml.replace(
    /(<attribute id="([a-z_]+)" title="\2" type=")[a-z]+("\/>)/g,
    (whole, head: string, name: string, tail: string) => (types.has(name) ? `${head}${types.get(name)}${tail}` : whole),
  );
}

const csv = <T>(columns: Column<T>[], rows: T[]) =>
  new TextEncoder().encode(
    // A boolean as "true" or "false" (csv-stringify's own is "1" or empty, which reads as unknown).
    stringify([columns.map((c) => c.name), ...rows.map((r) => columns.map((c) => String(c.value(r) ?? '')))]),
  );

/**
 * A zip of nodes.csv and edges.csv. The first columns are named as Gephi's spreadsheet import
 * wants them (Id and Label; Source, Target and Type); the attributes follow.
 */
function toCsvZip({ nodes, edges }: Lattice): Uint8Array<ArrayBuffer> {
  const nodeColumns: Column<LatticeNode>[] = [
    { name: 'Id', type: 'string', value: (n) => n.id },
    { name: 'Label', type: 'string', value: (n) => n.title },
    ...NODE_COLUMNS.filter((c) => c.name !== 'label'),
  ];
  const edgeColumns: Column<LatticeEdge>[] = [
    { name: 'Source', type: 'string', value: (e) => e.from },
    { name: 'Target', type: 'string', value: (e) => e.to },
    { name: 'Type', type: 'string', value: () => 'Directed' },
    ...EDGE_COLUMNS,
  ];
  return new Uint8Array(zipSync({ 'nodes.csv': csv(nodeColumns, nodes), 'edges.csv': csv(edgeColumns, edges) }));
}

/** The lattice in `format`. */
export function writeGraph(lattice: Lattice, format: GraphFormat): string | Uint8Array<ArrayBuffer> {
  return format === 'graphml' ? toGraphml(lattice) : format === 'gexf' ? toGexf(lattice) : toCsvZip(lattice);
}
