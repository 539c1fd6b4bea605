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
export function edgeMonths(input: GraphInput): number[] {
  const programMonths = new Map(input.programs.map((p) => [p.id, p.minMonths]));
  return input.transitions.map(
    (t) =>
      experienceMonths(t.minYearsExperience) +
      [...new Set(t.training)].reduce((sum, p) => sum + (programMonths.get(p) ?? 0), 0),
  );
}

export function buildGraphology(input: GraphInput): DirectedGraph<Record<string, never>, EdgeAttributes> {
  const graph = new DirectedGraph<Record<string, never>, EdgeAttributes>();
  for (const r of input.roles) graph.addNode(String(r.id));
  const months = edgeMonths(input);
  input.transitions.forEach((t, i) => graph.addDirectedEdge(String(t.from), String(t.to), { months: months[i]! }));
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
