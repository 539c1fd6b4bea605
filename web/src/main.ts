/**
 * The career map page: pick a start and a goal, see the best pathways drawn on the lattice, shade
 * what is within reach, read about a role, print a handout. Everything chosen is in the URL, so an
 * advisor can send a link that opens the same view.
 */
import './map.css';
import {
  ApiError,
  apiKey,
  findPathways,
  type Lattice,
  loadLattice,
  type Pathway,
  reachableRoles,
  type Role,
  roleDetails,
} from './api.js';
import { roleCombobox } from './combobox.js';
import { fill, h } from './dom.js';
import { renderHandout } from './handout.js';
import { LEVEL_NAMES, LEVELS, levelRow, place } from './layout.js';
import { MapView } from './map-view.js';
import { renderPanel } from './panel.js';
import { pathwayLabel, renderPathways } from './pathways.js';
import { readState, type State, writeState } from './url-state.js';

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

const status = $<HTMLDivElement>('status');
const pathwaysSection = $<HTMLElement>('pathways');
const panel = $<HTMLElement>('panel');
const handout = $<HTMLElement>('handout');
const trackSelect = $<HTMLSelectElement>('to-track');
const rankSelect = $<HTMLSelectElement>('rank');
const withinInput = $<HTMLInputElement>('within');
const printButton = $<HTMLButtonElement>('print');

let state: State = readState(location.search);
let lattice: Lattice | undefined;
let view: MapView | undefined;
let pathways: Pathway[] = [];
let pending = 0;
/** Renders the handout of the pathway shown, with the address as it is when printing. */
let printHandout = () => {};

const roleOf = (slug: string | undefined): Role | undefined => lattice?.roles.find((r) => r.slug === slug);

function busy<T>(work: Promise<T>): Promise<T> {
  pending++;
  document.documentElement.dataset.mapState = 'loading';
  return work.finally(() => {
    if (--pending === 0) document.documentElement.dataset.mapState = 'ready';
  });
}

function say(message: string, error = false): void {
  status.textContent = message;
  status.classList.toggle('error', error);
}

function fail(error: unknown): void {
  if (error instanceof ApiError && error.code === 'UNAUTHENTICATED') {
    $('key-form').hidden = false;
    say('This service needs an API key for reading.', true);
  } else {
    say(error instanceof Error ? `Something went wrong: ${error.message}` : 'Something went wrong.', true);
  }
  document.documentElement.dataset.mapState = 'error';
}

function update(change: Partial<State>): void {
  state = { ...state, ...change };
  writeState(state);
}

/** The table of roles by level and track: the picture's text alternative. */
function renderList(l: Lattice, lanes: string[]): void {
  const tracks = lanes.map((slug) => l.tracks.find((t) => t.slug === slug)!);
  const rows = [...new Set(l.roles.map((r) => levelRow(r.level)))].sort((a, b) => a - b);
  fill(
    $('roles-list'),
    h(
      'p',
      {},
      `${l.roles.length} roles and ${l.moves.length} moves${l.whole ? '' : ' around the chosen roles'}. `,
      `${l.moves.filter((m) => m.crossesTracks).length} moves change track. Choose a role to see its next steps.`,
    ),
    h(
      'table',
      {},
      h('caption', { class: 'visually-hidden' }, 'Roles by level (rows) and track (columns)'),
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          h('th', { scope: 'col' }, 'Level'),
          tracks.map((t) => h('th', { scope: 'col' }, t.name)),
        ),
      ),
      h(
        'tbody',
        {},
        rows.map((row) =>
          h(
            'tr',
            {},
            h('th', { scope: 'row' }, LEVEL_NAMES[LEVELS[row] ?? ''] ?? 'Other'),
            tracks.map((t) => {
              const here = l.roles.filter((r) => r.track.slug === t.slug && levelRow(r.level) === row);
              return h(
                'td',
                { 'data-track': t.name },
                here.length
                  ? h(
                      'ul',
                      {},
                      here.map((r) =>
                        h(
                          'li',
                          {},
                          h(
                            'button',
                            {
                              type: 'button',
                              class: 'link',
                              'data-slug': r.slug,
                              onclick: () => void openRole(r.slug),
                            },
                            r.title,
                          ),
                        ),
                      ),
                    )
                  : null,
              );
            }),
          ),
        ),
      ),
    ),
  );
}

/** Loads (or reloads, around new roles when the graph is too big to show whole) and draws the map. */
async function drawMap(): Promise<void> {
  const focus = [state.from, state.to, state.role].filter((s): s is string => !!s);
  if (lattice && (lattice.whole || focus.every((s) => roleOf(s)))) return;
  lattice = await busy(loadLattice(focus));
  const placement = await place(lattice);
  view?.cy.destroy();
  view = new MapView($('cy'), lattice, placement, {
    open: (slug) => void openRole(slug),
    setStart: (slug) => void setStart(slug),
    setTarget: (slug) => void setTarget(slug),
    announce: (text) => ($('announce').textContent = text),
  });
  renderList(
    lattice,
    placement.lanes.map((l) => l.slug),
  );
  fill(
    trackSelect,
    h('option', { value: '' }, '(choose a role instead)'),
    lattice.tracks.map((t) => h('option', { value: t.slug }, `${t.name} track`)),
  );
  trackSelect.value = state.toTrack ?? '';
}

function mark(): void {
  view?.mark({ start: state.from, target: state.to, selected: state.role });
  from.show(roleOf(state.from));
  to.show(roleOf(state.to));
  trackSelect.value = state.toTrack ?? '';
  rankSelect.value = state.rank;
  withinInput.value = state.within === undefined ? '' : String(state.within);
}

async function showPathways(): Promise<void> {
  pathways = [];
  if (!state.from || (!state.to && !state.toTrack)) {
    pathwaysSection.replaceChildren();
    view?.highlight(null);
    printButton.disabled = true;
    return;
  }
  pathways = await busy(findPathways({ from: state.from, to: state.to, toTrack: state.toTrack, rankBy: state.rank }));
  const chosen = Math.min(state.path, Math.max(pathways.length - 1, 0));
  renderPathways(pathwaysSection, pathways, chosen, (i) => {
    update({ path: i });
    void choosePathway();
  });
  await choosePathway();
}

async function choosePathway(): Promise<void> {
  const pathway = pathways[Math.min(state.path, pathways.length - 1)] ?? null;
  view?.highlight(pathway);
  printButton.disabled = !pathway;
  if (!pathway) return say('No pathway leads there within the limits.');
  say(`Showing ${pathwayLabel(pathway, pathways.indexOf(pathway))}.`);
  const goal = pathway.steps[pathway.steps.length - 1]!.to.slug;
  const details = await busy(roleDetails(goal));
  printHandout = () => renderHandout(handout, pathway, details, location.href);
  printHandout();
}

async function shade(): Promise<void> {
  if (!state.from || state.within === undefined) return view?.shade(null);
  const reach = await busy(reachableRoles(state.from, state.within));
  view?.shade(new Set([state.from, ...reach.map((r) => r.slug)]));
  say(
    `${reach.length} roles are within reach in ${state.within} months from ${roleOf(state.from)?.title ?? state.from}.`,
  );
}

async function openRole(slug: string): Promise<void> {
  update({ role: slug });
  mark();
  const details = await busy(roleDetails(slug));
  if (!details) return say(`There is no role "${slug}".`, true);
  renderPanel(panel, details, {
    open: (s) => void openRole(s).catch(fail),
    setStart: (s) => void setStart(s).catch(fail),
    setTarget: (s) => void setTarget(s).catch(fail),
  });
  if (window.matchMedia('(max-width: 1100px)').matches) panel.scrollIntoView({ block: 'start' });
}

async function setStart(slug: string): Promise<void> {
  update({ from: slug, path: 0 });
  await drawMap();
  mark();
  await Promise.all([showPathways(), shade()]);
}

async function setTarget(slug: string): Promise<void> {
  update({ to: slug, toTrack: undefined, path: 0 });
  await drawMap();
  mark();
  await showPathways();
}

const from = roleCombobox($('from-input'), $('from-options'), (r) => void setStart(r.slug).catch(fail), fail);
const to = roleCombobox($('to-input'), $('to-options'), (r) => void setTarget(r.slug).catch(fail), fail);

trackSelect.addEventListener('change', () => {
  update({ toTrack: trackSelect.value || undefined, to: trackSelect.value ? undefined : state.to, path: 0 });
  mark();
  showPathways().catch(fail);
});
rankSelect.addEventListener('change', () => {
  update({ rank: rankSelect.value, path: 0 });
  showPathways().catch(fail);
});
withinInput.addEventListener('change', () => {
  const months =
    withinInput.value === '' ? undefined : Math.max(0, Math.min(600, Math.round(Number(withinInput.value))));
  update({ within: Number.isFinite(months) ? months : undefined });
  shade().catch(fail);
});
printButton.addEventListener('click', () => window.print());
window.addEventListener('beforeprint', () => printHandout());
$('clear').addEventListener('click', () => {
  state = readState('');
  writeState(state);
  mark();
  fill(
    panel,
    h('p', { class: 'hint' }, 'Choose a role on the map or in the list to see its duties, pay and next steps.'),
  );
  say('');
  Promise.all([showPathways(), shade()]).catch(fail);
});
$('key-form').addEventListener('submit', (event) => {
  event.preventDefault();
  apiKey.set($<HTMLInputElement>('key-input').value.trim());
  location.reload();
});

async function start(): Promise<void> {
  await drawMap();
  mark();
  await Promise.all([showPathways(), shade(), state.role ? openRole(state.role) : undefined]);
  if (pending === 0) document.documentElement.dataset.mapState = 'ready';
}

start().catch(fail);
