/**
 * The picture: Cytoscape.js drawing the lattice where layout.ts placed it. Lanes are compound
 * nodes, one per track; row labels are nodes at the left. Advancement is a solid line, a lateral
 * move a dashed one, a move that changes track is purple with a diamond on it, and an estimated
 * move (from occupational data rather than curated sources) is grey, dashed and labelled; on a
 * highlighted pathway it is dotted and teal rather than solid orange. O*NET occupations (drawn only
 * with "Include O*NET occupations", and only those on the pathways found or within reach) have a
 * dashed border and sit in lanes of their SOC major group.
 *
 * The canvas takes the keyboard too: arrow keys move a focus ring from role to role (left and
 * right within a row, up and down to the nearest role in the next row), Enter opens the focused
 * role, S makes it the start and T the target. Each move is announced in words.
 */
import cytoscape from 'cytoscape';
import { type Lattice, type Pathway, SOC_LANE } from './api.js';
import { LEVEL_NAMES, NODE_HEIGHT, NODE_WIDTH, type Placement } from './layout.js';

export type MapHandlers = {
  /** A role was clicked, or Enter was pressed on it. */
  open(slug: string): void;
  setStart(slug: string): void;
  setTarget(slug: string): void;
  /** Words for a screen reader, after a keyboard move. */
  announce(text: string): void;
};

// Lane colours stay clear of the purple that marks a change of track and the orange of a pathway.
// A curated track keeps its colour in every view (by its place among the curated tracks, not
// among the lanes drawn, which O*NET lanes shift); O*NET occupations' lanes are all slate.
const TRACK_COLOURS = ['#0f766e', '#1d4ed8', '#a16207', '#be185d'];
const OCCUPATION_COLOUR = '#475569';

/** The least zoom at which a role's 16 px label reads (about 10 px on screen). */
const MIN_READABLE_ZOOM = 0.6;
/** Narrower than this (a phone), the map shows the pathway readable rather than the whole lattice. */
const NARROW_PX = 640;
/**
 * On a wider screen the whole map is shown, the pathway read against the rest, unless that takes it
 * below this zoom (labels of 6 px or less: the O*NET map at 1280 px was drawn at 0.31, 5 px); and a
 * pathway is shown whole down to it.
 */
const MIN_WHOLE_ZOOM = 0.4;
/**
 * The least zoom a pathway too wide for MIN_WHOLE_ZOOM is shown at, whole (Cytoscape's minZoom). At
 * 0.2, medical assistant to respiratory therapists over O*NET was cut at 375 px once the curated
 * moves grew to 85 (their order across the lanes widened it).
 */
const MIN_PATHWAY_ZOOM = 0.15;

/** An estimated move on the chosen pathway (the legend's swatch has the same colour). */
const ESTIMATED_ON_PATH = '#0e7490';

const style: cytoscape.StylesheetJson = [
  {
    selector: 'node.role',
    style: {
      shape: 'round-rectangle',
      width: NODE_WIDTH,
      height: NODE_HEIGHT,
      'background-color': '#ffffff',
      'border-width': 2,
      'border-color': 'data(colour)',
      label: 'data(label)',
      'text-wrap': 'wrap',
      'text-max-width': `${NODE_WIDTH - 14}px`,
      'text-valign': 'center',
      'font-size': 16,
      'line-height': 1.05,
      'font-family': 'system-ui, sans-serif',
      color: '#111827',
    },
  },
  {
    selector: 'node.lane',
    style: {
      shape: 'round-rectangle',
      'background-color': 'data(colour)',
      'background-opacity': 0.07,
      'border-width': 0,
      label: 'data(label)',
      'text-valign': 'top',
      'text-halign': 'center',
      'font-size': 18,
      'font-weight': 'bold',
      color: 'data(colour)',
      padding: '18px',
      events: 'no',
      // Wrapped to the lane's width: a narrow O*NET lane's long name ran over the next lane's.
      'text-wrap': 'wrap',
      'text-max-width': 'data(labelWidth)',
    },
  },
  {
    selector: 'node.lane.occupation-lane',
    style: { 'font-size': 12 },
  },
  {
    selector: 'node.row-label',
    style: {
      shape: 'rectangle',
      width: 90,
      height: 20,
      'background-opacity': 0,
      label: 'data(label)',
      'text-valign': 'center',
      'text-halign': 'center',
      'font-size': 16,
      color: '#374151',
      events: 'no',
    },
  },
  {
    selector: 'edge',
    style: {
      width: 2,
      'curve-style': 'bezier',
      'line-color': '#64748b',
      'target-arrow-color': '#64748b',
      'target-arrow-shape': 'triangle',
      'arrow-scale': 1.1,
      opacity: 0.85,
    },
  },
  { selector: 'edge[kind = "LATERAL"], edge[kind = "CROSS_TRACK"]', style: { 'line-style': 'dashed' } },
  {
    selector: 'edge[?crossesTracks]',
    style: {
      'line-color': '#7c3aed',
      'target-arrow-color': '#7c3aed',
      'mid-target-arrow-shape': 'diamond',
      'mid-target-arrow-color': '#7c3aed',
    },
  },
  {
    selector: 'edge[basis = "ESTIMATED"]',
    style: {
      'line-style': 'dashed',
      'line-color': '#9ca3af',
      'target-arrow-color': '#9ca3af',
      label: 'estimated',
      'font-size': 10,
      color: '#6b7280',
      'text-background-color': '#ffffff',
      'text-background-opacity': 1,
    },
  },
  { selector: 'node.occupation', style: { 'border-style': 'dashed' } },
  { selector: 'node.reachable', style: { 'background-color': '#dcfce7' } },
  { selector: 'node.unreachable', style: { opacity: 0.45 } },
  { selector: 'node.start', style: { 'background-color': '#166534', color: '#ffffff', 'border-color': '#14532d' } },
  { selector: 'node.target', style: { 'background-color': '#1e3a8a', color: '#ffffff', 'border-color': '#172554' } },
  { selector: '.dimmed', style: { opacity: 0.4 } },
  { selector: 'node.on-path', style: { 'border-width': 4, 'border-color': '#ea580c' } },
  // The pathway's roles, the start and the goal stay at full strength when the shading fades what is
  // out of reach: a goal beyond it (a registered nurse, 12 months out) was washed out to pale text.
  { selector: 'node.on-path, node.start, node.target', style: { opacity: 1 } },
  {
    selector: 'edge.on-path',
    style: { width: 6, 'line-color': '#ea580c', 'target-arrow-color': '#ea580c', opacity: 1, 'z-index': 10 },
  },
  {
    selector: 'edge.on-path[basis = "ESTIMATED"]',
    style: {
      'line-style': 'dotted',
      'line-color': ESTIMATED_ON_PATH,
      'target-arrow-color': ESTIMATED_ON_PATH,
      label: 'estimated',
      'font-size': 14,
      color: ESTIMATED_ON_PATH,
    },
  },
  { selector: 'node.selected', style: { 'border-width': 5, 'border-color': '#111827' } },
  {
    selector: 'node.focused',
    style: {
      'overlay-color': '#2563eb',
      'overlay-opacity': 0.25,
      'overlay-padding': 6,
      'overlay-shape': 'round-rectangle',
    },
  },
];

const nextSteps = (n: number) => (n === 1 ? '1 next step' : `${n} next steps`);

/** Words for one role: "Medical Assistant, Hybrid track, entry level, 4 next steps". */
const describe = (node: cytoscape.NodeSingular) =>
  `${node.data('label')}, ${node.data('trackName')} track, ${(LEVEL_NAMES[node.data('level')] ?? node.data('level')).toLowerCase()} level, ${nextSteps(node.outgoers('edge').length)}`;

export class MapView {
  readonly cy: cytoscape.Core;
  #focused: string | undefined;
  readonly #onKey = (event: KeyboardEvent) => this.#key(event);
  readonly #resized: ResizeObserver;
  /** Each level's row, top first: arrow keys move by row, since a row's roles are staggered in height. */
  readonly #rowOf: Map<string, number>;

  constructor(
    private readonly container: HTMLElement,
    lattice: Lattice,
    placement: Placement,
    private readonly handlers: MapHandlers,
  ) {
    this.#rowOf = new Map([...placement.rows].sort((a, b) => a.y - b.y).map((r, i) => [r.level, i]));
    const curated = lattice.tracks
      .map((t) => t.slug)
      .filter((slug) => !slug.startsWith(SOC_LANE))
      .sort();
    const colourOf = new Map(
      placement.lanes.map((l) => {
        const i = curated.indexOf(l.slug);
        return [l.slug, i < 0 ? OCCUPATION_COLOUR : TRACK_COLOURS[i % TRACK_COLOURS.length]!];
      }),
    );
    const left = Math.min(...placement.lanes.map((l) => l.x1));
    this.cy = cytoscape({
      container,
      elements: [
        ...placement.lanes.map((l) => ({
          data: {
            id: `lane:${l.slug}`,
            label: l.slug.startsWith(SOC_LANE) ? l.name : `${l.name} track`,
            colour: colourOf.get(l.slug),
            // The lane's width with its padding, in model units (the label scales with the picture).
            labelWidth: l.x2 - l.x1 + 36,
          },
          classes: l.slug.startsWith(SOC_LANE) ? 'lane occupation-lane' : 'lane',
        })),
        ...placement.rows.map((r) => ({
          data: { id: `row:${r.level}`, label: LEVEL_NAMES[r.level] ?? r.level },
          position: { x: left - 80, y: r.y },
          classes: 'row-label',
        })),
        ...lattice.roles.map((r) => ({
          data: {
            id: r.slug,
            label: r.title,
            level: r.level,
            // Its row (an occupation that is the start has one of its own, below the entry row).
            row: placement.rowOf.get(r.slug) ?? r.level,
            trackName: r.track.name,
            parent: `lane:${r.track.slug}`,
            colour: colourOf.get(r.track.slug),
          },
          position: placement.positions.get(r.slug),
          classes: r.occupation ? 'role occupation' : 'role',
        })),
        ...lattice.moves.map((m) => ({ data: { id: `${m.from}>${m.to}`, source: m.from, target: m.to, ...m } })),
      ],
      style,
      layout: { name: 'preset', fit: true, padding: 16 },
      autoungrabify: true,
      boxSelectionEnabled: false,
      minZoom: MIN_PATHWAY_ZOOM,
      maxZoom: 2.5,
    });
    this.#fitLabels();
    this.cy.on('tap', 'node.role', (event) => {
      this.#focus(event.target.id(), false);
      this.handlers.open(event.target.id());
    });
    // A click on the picture gives it the keyboard, so the arrow keys work from there.
    this.cy.on('tap', () => container.focus({ preventScroll: true }));
    container.addEventListener('keydown', this.#onKey);
    this.#resized = new ResizeObserver(() => {
      this.#size();
      this.cy.resize();
      this.fit();
    });
    this.#resized.observe(container);
    this.#size();
    const occupations = lattice.roles.filter((r) => r.occupation).map((r) => r.slug);
    this.#record('occupations', occupations.length ? occupations.sort() : null);
    // Top row first, each as LEVEL:role+role (for tests and tools: which row holds what).
    this.#record(
      'rows',
      [...this.#rowOf.keys()].map(
        (level) =>
          `${level}:${lattice.roles
            .filter((r) => placement.rowOf.get(r.slug) === level)
            .map((r) => r.slug)
            .sort()
            .join('+')}`,
      ),
    );
    this.#record(
      'lanes',
      [...colourOf].map(([slug, colour]) => `${slug}:${colour}`),
    );
  }

  /**
   * A phone's width: there the whole map cannot be read at once, so it is not shown whole. On a
   * laptop it is (labels small on the O*NET map): a pathway is read against the rest.
   */
  #narrow = () => this.container.clientWidth < NARROW_PX;

  /**
   * Lets go of the container for the next view: its key handler and size observer, then the
   * picture. A handler left behind acted on a destroyed picture ("reading 'isHeadless'").
   */
  destroy(): void {
    this.container.removeEventListener('keydown', this.#onKey);
    this.#resized.disconnect();
    this.cy.destroy();
  }

  /**
   * Gives the canvas the map's own proportions (within reason), so that fitting it wastes no room;
   * where the whole map would be too small to read (a phone), a tall canvas to pan in instead.
   */
  #size(): void {
    const box = this.cy.elements().boundingBox();
    const readable = !this.#narrow() || this.container.clientWidth / box.w >= MIN_READABLE_ZOOM;
    const wanted = readable ? (this.container.clientWidth * box.h) / box.w + 32 : window.innerHeight * 0.6;
    const height = Math.round(Math.min(Math.max(wanted, 320), window.innerHeight * 0.85));
    if (Math.abs(this.container.clientHeight - height) > 2) this.container.style.height = `${height}px`;
  }

  #roles = () => this.cy.nodes('.role');

  /**
   * Gives a role whose name wraps to more lines than a box holds a box tall enough for it: "Junior
   * Administrative Assistant (medical office)" takes four lines, and ran over its box's edges.
   */
  #fitLabels(): void {
    const label = (n: cytoscape.NodeSingular) =>
      n.boundingBox({ includeNodes: false, includeEdges: false, includeLabels: true }).h;
    this.#roles().forEach((n) => {
      const h = label(n);
      if (h > NODE_HEIGHT - 10) n.style('height', Math.ceil(h) + 12);
    });
    // The roles whose name is still taller than its box (the tests read it; none).
    const over = this.#roles().filter((n) => label(n) > n.height());
    this.#record('labelsOver', over.nonempty() ? over.map((n) => n.id()) : ['none']);
  }

  /**
   * Shows the whole map: a pathway is read against everything else it could have been. Where that
   * would make the labels unreadable (at 390 px they were 4 px; on a laptop, the O*NET map's 5 px),
   * it shows the chosen pathway, else the start, at a readable size instead; the rest is a drag away.
   */
  fit(): void {
    this.cy.fit(this.cy.elements(), 16);
    const narrow = this.#narrow();
    const least = narrow ? MIN_READABLE_ZOOM : MIN_WHOLE_ZOOM;
    const path = this.cy.elements('.on-path');
    // A wide screen keeps the whole map unless there is a pathway to frame (a start alone, or the
    // roles in reach, read against the whole map).
    const part = this.cy.zoom() < least && (narrow || path.nonempty());
    if (part) {
      const start = this.cy.nodes('.start');
      // Without a pathway, the roles in reach (the start among them), else the start: on a phone,
      // "within 12 months" showed the start alone and none of the roles shaded.
      const reach = this.cy.nodes('.reachable');
      const focus = path.nonempty()
        ? path
        : reach.nonempty()
          ? reach
          : start.nonempty()
            ? start
            : this.#roles().first();
      this.cy.fit(focus, 16);
      // A pathway (or the roles in reach) too wide to show whole at a readable zoom is shown whole
      // down to the least zoom a wider screen allows, rather than centred at the readable one: on a
      // phone, medical assistant to registered nurse was cut at both edges, its start and its goal
      // half off the screen.
      // A pathway wider still (an O*NET one across SOC lanes) is shown whole all the same, its
      // labels small: on a phone, medical assistant to respiratory therapists showed neither its
      // start nor its goal, and a student can zoom in on what she sees but not find what is off it.
      const floor = path.nonempty()
        ? Math.max(MIN_PATHWAY_ZOOM, Math.min(MIN_WHOLE_ZOOM, this.cy.zoom()))
        : reach.nonempty()
          ? MIN_WHOLE_ZOOM
          : least;
      this.cy.zoom(Math.min(Math.max(this.cy.zoom(), floor), 1));
      this.cy.center(focus);
    }
    this.#record('zoom', [this.cy.zoom().toFixed(2)]);
    this.#record('framed', [part ? 'part' : 'whole']);
    // Whether every role of the pathway is on the canvas as framed, and how many of those in reach
    // are (the tests read them).
    const { x1, y1, x2, y2 } = this.cy.extent();
    const onCanvas = (n: cytoscape.CollectionArgument) => {
      const b = n.boundingBox();
      return b.x1 >= x1 && b.x2 <= x2 && b.y1 >= y1 && b.y2 <= y2;
    };
    const inside = this.cy.nodes('.on-path').every((n) => onCanvas(n));
    this.#record('pathwayShown', path.nonempty() ? [inside ? 'whole' : 'cut'] : null);
    const reached = this.cy.nodes('.reachable');
    this.#record(
      'reachShown',
      reached.nonempty() ? [`${reached.filter((n) => onCanvas(n)).length}/${reached.length}`] : null,
    );
  }

  /** Draws `pathway` over the map (null clears it), dimming everything off it. */
  highlight(pathway: Pathway | null): void {
    this.cy.elements().removeClass('on-path dimmed');
    if (pathway) {
      const roles = new Set([pathway.steps[0]?.from.slug, ...pathway.steps.map((s) => s.to.slug)]);
      const edges = new Set(pathway.steps.map((s) => `${s.from.slug}>${s.to.slug}`));
      this.#roles().forEach((n) => void n.addClass(roles.has(n.id()) ? 'on-path' : 'dimmed'));
      this.cy.edges().forEach((e) => void e.addClass(edges.has(e.id()) ? 'on-path' : 'dimmed'));
    }
    // What is drawn, in words a script (or a test) can read: the moves, as "from>to", and how each
    // line is drawn ("from>to:dotted" for an estimated one), read back from Cytoscape's style.
    this.#record('pathway', pathway && pathway.steps.map((s) => `${s.from.slug}>${s.to.slug}`));
    this.#recordFaded();
    this.#record(
      'lines',
      pathway &&
        pathway.steps.map((s) => {
          const edge = this.cy.getElementById(`${s.from.slug}>${s.to.slug}`);
          return `${s.from.slug}>${s.to.slug}:${edge.empty() ? 'missing' : edge.style('line-style')}`;
        }),
    );
    this.fit();
  }

  /** Shades the roles reachable in time (null clears it). */
  shade(reachable: Set<string> | null): void {
    this.#roles().removeClass('reachable unreachable');
    if (reachable) this.#roles().forEach((n) => void n.addClass(reachable.has(n.id()) ? 'reachable' : 'unreachable'));
    this.#record('reachable', reachable && [...reachable].sort());
    this.#recordFaded();
    // On a phone the framing follows what is shaded (fit: the roles in reach when no pathway is drawn).
    if (this.#narrow()) this.fit();
  }

  /** The roles drawn faded (below full opacity), read back from Cytoscape's style. */
  #recordFaded(): void {
    const faded = this.#roles()
      .filter((n) => Number(n.style('opacity')) < 1)
      .map((n) => n.id())
      .sort();
    this.#record('faded', faded.length ? faded : null);
  }

  #record(
    name:
      | 'pathway'
      | 'lines'
      | 'reachable'
      | 'faded'
      | 'occupations'
      | 'rows'
      | 'lanes'
      | 'zoom'
      | 'framed'
      | 'pathwayShown'
      | 'reachShown'
      | 'labelsOver',
    values: string[] | null,
  ): void {
    if (values) this.container.dataset[name] = values.join(' ');
    else delete this.container.dataset[name];
  }

  /** Marks the start, the target and the role whose details are open. */
  mark({ start, target, selected }: { start?: string; target?: string; selected?: string }): void {
    this.#roles().removeClass('start target selected');
    if (start) this.cy.getElementById(start).addClass('start');
    if (target) this.cy.getElementById(target).addClass('target');
    if (selected) this.cy.getElementById(selected).addClass('selected');
    this.#recordFaded();
  }

  #focus(slug: string, announce = true): void {
    if (this.#focused) this.cy.getElementById(this.#focused).removeClass('focused');
    this.#focused = slug;
    const node = this.cy.getElementById(slug);
    node.addClass('focused');
    if (announce) {
      this.handlers.announce(describe(node));
      // Keep the focused role in view.
      const box = node.renderedBoundingBox();
      if (box.x1 < 0 || box.y1 < 0 || box.x2 > this.cy.width() || box.y2 > this.cy.height()) this.cy.center(node);
    }
  }

  /** The role the arrow key leads to from the focused one. */
  #next(key: string): string | undefined {
    const roles = this.#roles().toArray();
    const current = this.#focused ? this.cy.getElementById(this.#focused) : undefined;
    // By row (level), not by exact height: a row's roles are staggered, and an exact match missed
    // the role beside the focused one ("No role right of here").
    const row = (n: cytoscape.NodeSingular) => this.#rowOf.get(n.data('row') as string) ?? 0;
    if (!current || current.empty()) {
      const bottomLeft = [...roles].sort((a, b) => row(b) - row(a) || a.position('x') - b.position('x'));
      return bottomLeft[0]?.id();
    }
    const { x } = current.position();
    const here = row(current);
    const candidates = roles.filter((n) => {
      if (n.same(current)) return false;
      const r = row(n);
      const dx = n.position('x') - x;
      if (key === 'ArrowLeft') return r === here && (dx < 0 || (dx === 0 && n.id() < current.id()));
      if (key === 'ArrowRight') return r === here && (dx > 0 || (dx === 0 && n.id() > current.id()));
      if (key === 'ArrowUp') return r < here;
      return r > here;
    });
    // Sideways the nearest in the row; up or down the nearest row first, then the nearest in it.
    const distance = (n: cytoscape.NodeSingular) =>
      (key === 'ArrowLeft' || key === 'ArrowRight' ? 0 : Math.abs(row(n) - here) * 1e6) + Math.abs(n.position('x') - x);
    // Ties (roles at one x) go in id order, backwards for the left arrow, so Left retraces Right.
    const back = key === 'ArrowLeft' ? -1 : 1;
    return candidates.sort((a, b) => distance(a) - distance(b) || (a.id() < b.id() ? -back : back))[0]?.id();
  }

  #key(event: KeyboardEvent): void {
    if (event.target !== this.container || event.altKey || event.ctrlKey || event.metaKey) return;
    if (event.key.startsWith('Arrow')) {
      event.preventDefault();
      const next = this.#next(event.key);
      if (next) this.#focus(next);
      else if (this.#focused) this.handlers.announce(`No role ${event.key.slice(5).toLowerCase()} of here.`);
    } else if (this.#focused && (event.key === 'Enter' || event.key === ' ')) {
      event.preventDefault();
      this.handlers.open(this.#focused);
    } else if (this.#focused && (event.key === 's' || event.key === 'S')) {
      this.handlers.setStart(this.#focused);
    } else if (this.#focused && (event.key === 't' || event.key === 'T')) {
      this.handlers.setTarget(this.#focused);
    }
  }
}
