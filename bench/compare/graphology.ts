/**
 * graphology + graphology-shortest-path: what a TypeScript developer would reach for first. A
 * DirectedGraph of the same input (nodes are role ids as strings), each edge weighted by its months
 * from a standing start: experienceMonths(minYearsExperience) + the minMonths of its required
 * programs. `dijkstra.bidirectional` finds the single fastest path. It knows nothing of programs
 * already completed earlier on the path (or of certifications), so it can only over-estimate months
 * compared with the engine, never under-estimate.
 */
import { DirectedGraph } from 'graphology';
import shortestPath from 'graphology-shortest-path';
import { experienceMonths, type GraphInput } from '../../src/graph/index.js';
import type { Pair } from './pairs.js';
import { measureSync, type Outcome, type Row } from './stats.js';

export const GRAPHOLOGY = 'graphology Dijkstra';

type EdgeAttributes = { months: number };

/** Months of each transition from a standing start, in input order (shared with the CTE's definition). */
/** What graphology needs of the graph, in flat arrays, so the engine input need not stay alive. */
export interface PlainEdges {
  roleIds: Int32Array;
  from: Int32Array;
  to: Int32Array;
  /** Months of each transition from a standing start: experience plus all its training. */
  months: Float64Array;
}

export function plainEdges(input: GraphInput): PlainEdges {
  const programMonths = new Map(input.programs.map((p) => [p.id, p.minMonths]));
  const T = input.transitions;
  const edges: PlainEdges = {
    roleIds: Int32Array.from(input.roles, (r) => r.id),
    from: new Int32Array(T.length),
    to: new Int32Array(T.length),
    months: new Float64Array(T.length),
  };
  T.forEach((t, i) => {
    edges.from[i] = t.from;
    edges.to[i] = t.to;
    edges.months[i] =
      experienceMonths(t.minYearsExperience) +
      [...new Set(t.training)].reduce((sum, p) => sum + (programMonths.get(p) ?? 0), 0);
  });
  return edges;
}

export function buildGraphology(edges: PlainEdges): DirectedGraph<Record<string, never>, EdgeAttributes> {
  const graph = new DirectedGraph<Record<string, never>, EdgeAttributes>();
  for (const id of edges.roleIds) graph.addNode(String(id));
  for (let i = 0; i < edges.from.length; i++)
    graph.addDirectedEdge(String(edges.from[i]), String(edges.to[i]), { months: edges.months[i]! });
  return graph;
}

export interface GraphologyResult {
  row: Row;
  /** Pair index -> months of the path found, or null when none. */
  months: (number | null)[];
}

export function runGraphology(
  graph: DirectedGraph<Record<string, never>, EdgeAttributes>,
  pairs: readonly Pair[],
): GraphologyResult {
  const paths: (string[] | null)[] = new Array<string[] | null>(pairs.length).fill(null);
  const row = measureSync(
    GRAPHOLOGY,
    'fastest path: dijkstra.bidirectional, weight = months',
    pairs.length,
    (i): Outcome => {
      const path = shortestPath.dijkstra.bidirectional(
        graph,
        String(pairs[i]!.from),
        String(pairs[i]!.to),
        'months',
      ) as string[] | null;
      paths[i] = path;
      return path && path.length > 1 ? 'found' : 'none';
    },
    (error) => {
      throw error;
    },
  );
  const months = paths.map((path) => {
    if (!path || path.length < 2) return null;
    let sum = 0;
    for (let j = 1; j < path.length; j++) sum += graph.getEdgeAttribute(path[j - 1]!, path[j]!, 'months');
    return sum;
  });
  return { row, months };
}
