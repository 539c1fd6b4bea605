/**
 * Where each role sits: rows are levels (entry at the bottom, executive at the top), lanes are
 * tracks. ELK's layered algorithm, with each role's level as its partition, decides the order of
 * the roles within a row so that moves cross as little as possible; the roles are then packed into
 * their track's lane in that order, and the lanes ordered by where ELK put their roles.
 */
import cytoscape from 'cytoscape';
import elk from 'cytoscape-elk';
import { type Lattice, OCCUPATION_LEVEL } from './api.js';

cytoscape.use(elk);

/** Levels from the bottom row up (RoleLevel, in the API's order of seniority). */
const LEVELS = ['ENTRY', 'INTERMEDIATE', 'ADVANCED', 'SUPERVISORY', 'MANAGEMENT', 'EXECUTIVE'];
/**
 * The row of an O*NET occupation that is the start: below the entry row, so that the moves out of a
 * nursing assistant's job climb to the LPN (on the occupations' row at the top, they pointed down).
 */
const START_ROW = 'START_OCCUPATION';
export const LEVEL_NAMES: Record<string, string> = {
  ENTRY: 'Entry',
  INTERMEDIATE: 'Intermediate',
  ADVANCED: 'Advanced',
  SUPERVISORY: 'Supervisory',
  MANAGEMENT: 'Management',
  EXECUTIVE: 'Executive',
  [OCCUPATION_LEVEL]: 'O*NET occupation',
  [START_ROW]: 'Start (O*NET occupation)',
};
/**
 * A level the map does not know yet goes on a row of its own at the top; O*NET occupations (which
 * have no curated level) on one above that.
 */
const levelRow = (level: string) =>
  LEVELS.includes(level) ? LEVELS.indexOf(level) : level === OCCUPATION_LEVEL ? LEVELS.length + 1 : LEVELS.length;
/** The level of a row, as levelRow numbers them. */
const rowLevel = (row: number) =>
  row < 0 ? START_ROW : (LEVELS[row] ?? (row > LEVELS.length ? OCCUPATION_LEVEL : 'OTHER'));

export const NODE_WIDTH = 150;
export const NODE_HEIGHT = 54;
const COLUMN = NODE_WIDTH + 20;
const ROW = NODE_HEIGHT + 56;
/** Extra lines within a crowded row sit a little closer than rows do, with room for a move between them (at 22 px apart Cytoscape could not draw phlebotomy → clinical MA). */
const LINE = NODE_HEIGHT + 48;
const PER_ROW = 3;
const LANE_GAP = 30;

export type Placement = {
  positions: Map<string, { x: number; y: number }>;
  /** Tracks left to right, with the horizontal extent of each lane. */
  lanes: { slug: string; name: string; x1: number; x2: number }[];
  /** Rows bottom to top, with their vertical centre. */
  rows: { level: string; y: number }[];
  /** Each role's row, as `rows` names it (an occupation that is the start has a row of its own). */
  rowOf: Map<string, string>;
};

/** ELK's layered layout of these roles and moves (without drawing them): each role's x. */
async function elkPositions(
  roles: Lattice['roles'],
  moves: Lattice['moves'],
  levelRow: (r: Lattice['roles'][number]) => number,
): Promise<Map<string, number>> {
  const scratch = cytoscape({
    headless: true,
    styleEnabled: true,
    elements: [
      ...roles.map((r) => ({ data: { id: r.slug, row: levelRow(r) } })),
      ...moves.map((m) => ({ data: { id: `${m.from}>${m.to}`, source: m.from, target: m.to } })),
    ],
    style: [{ selector: 'node', style: { width: NODE_WIDTH, height: NODE_HEIGHT } }],
  });
  const layout = scratch.layout({
    name: 'elk',
    fit: false,
    animate: false,
    nodeLayoutOptions: (node: cytoscape.NodeSingular) => ({ 'elk.partitioning.partition': node.data('row') }),
    elk: {
      algorithm: 'layered',
      'elk.direction': 'UP',
      'elk.partitioning.activate': true,
      'elk.layered.crossingMinimization.strategy': 'LAYER_SWEEP',
      'elk.spacing.nodeNode': 30,
    },
  } as cytoscape.LayoutOptions);
  const done = layout.promiseOn('layoutstop');
  layout.run();
  await done;
  const xs = new Map(scratch.nodes().map((n) => [n.id(), n.position('x')]));
  scratch.destroy();
  return xs;
}

/**
 * Runs ELK on the lattice (without drawing it) and packs the result into lanes and rows; `start`, the
 * start when it is an O*NET occupation, on a row below the entry row.
 */
export async function place(lattice: Lattice, start?: string): Promise<Placement> {
  const rowOfRole = (r: Lattice['roles'][number]) =>
    r.slug === start && r.level === OCCUPATION_LEVEL ? -1 : levelRow(r.level);
  const elkX = await elkPositions(lattice.roles, lattice.moves, rowOfRole);
  const trackOf = new Map(lattice.roles.map((r) => [r.slug, r.track.slug]));
  const present = lattice.tracks.filter((t) => lattice.roles.some((r) => r.track.slug === t.slug));
  const meanX = (xs: Map<string, number>, track: string) => {
    const of = lattice.roles.filter((r) => r.track.slug === track && xs.has(r.slug)).map((r) => xs.get(r.slug)!);
    return of.reduce((a, b) => a + b, 0) / of.length;
  };
  present.sort((a, b) => meanX(elkX, a.slug) - meanX(elkX, b.slug));
  // The curated lanes keep the order they have without the O*NET occupations, which take their own
  // places among them: ticking "Include O*NET occupations" swapped the clinical and administrative
  // lanes, and a student lost the map they had been reading.
  const curated = lattice.roles.filter((r) => r.level !== OCCUPATION_LEVEL);
  if (curated.length < lattice.roles.length && curated.length > 0) {
    const kept = new Set(curated.map((r) => r.slug));
    const curatedX = await elkPositions(
      curated,
      lattice.moves.filter((m) => kept.has(m.from) && kept.has(m.to)),
      rowOfRole,
    );
    const isCurated = (slug: string) => curated.some((r) => r.track.slug === slug);
    const inOrder = present
      .filter((t) => isCurated(t.slug))
      .sort((a, b) => meanX(curatedX, a.slug) - meanX(curatedX, b.slug));
    for (let i = 0, j = 0; i < present.length; i++) if (isCurated(present[i]!.slug)) present[i] = inOrder[j++]!;
    // And their roles the order they have within a row without them (a lane holds curated roles only).
    for (const [slug, x] of curatedX) elkX.set(slug, x);
  }

  // A row of a lane holds at most PER_ROW roles side by side; more wrap onto extra lines, so
  // that one crowded level does not make the whole map wide.
  const cells = new Map<string, Map<number, string[]>>(present.map((t) => [t.slug, new Map()]));
  for (const r of lattice.roles) {
    const lane = cells.get(trackOf.get(r.slug)!)!;
    const row = rowOfRole(r);
    lane.set(row, [...(lane.get(row) ?? []), r.slug]);
  }
  const usedRows = [...new Set(lattice.roles.map(rowOfRole))].sort((a, b) => a - b);
  const linesOf = (row: number) =>
    Math.max(...present.map((t) => Math.ceil((cells.get(t.slug)!.get(row)?.length ?? 0) / PER_ROW)), 1);
  const rowY = new Map<number, number>();
  let bottom = 0;
  for (const row of usedRows) {
    rowY.set(row, bottom - ((linesOf(row) - 1) * LINE) / 2);
    bottom -= (linesOf(row) - 1) * LINE + ROW;
  }

  const positions = new Map<string, { x: number; y: number }>();
  const lanes: Placement['lanes'] = [];
  let left = 0;
  for (const track of present) {
    const lane = cells.get(track.slug)!;
    const width = Math.min(Math.max(...[...lane.values()].map((c) => c.length)), PER_ROW) * COLUMN;
    for (const [row, slugs] of lane) {
      slugs.sort((a, b) => elkX.get(a)! - elkX.get(b)!);
      const lines = Math.ceil(slugs.length / PER_ROW);
      slugs.forEach((slug, i) => {
        const line = Math.floor(i / PER_ROW);
        const onLine = Math.min(PER_ROW, slugs.length - line * PER_ROW);
        // Centre each line's roles in the lane, and the lines on the row.
        const x = left + (width - onLine * COLUMN) / 2 + COLUMN / 2 + (i % PER_ROW) * COLUMN;
        const y = rowY.get(row)! + (line - (lines - 1) / 2) * LINE;
        positions.set(slug, { x, y });
      });
    }
    lanes.push({ slug: track.slug, name: track.name, x1: left, x2: left + width });
    left += width + LANE_GAP;
  }
  return {
    positions,
    lanes,
    rows: usedRows.map((row) => ({ level: rowLevel(row), y: rowY.get(row)! })),
    rowOf: new Map(lattice.roles.map((r) => [r.slug, rowLevel(rowOfRole(r))])),
  };
}
