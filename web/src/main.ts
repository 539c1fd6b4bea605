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
  isOccupationCode,
  onTheJob,
  type Lattice,
  loadCertifications,
  loadLattice,
  occupationByCode,
  occupationPay,
  relatedOccupations,
  type Pathway,
  reachableRoles,
  type Role,
  roleDetails,
  SOC_LANE,
  type Student,
  waysInto,
} from './api.js';
import { roleCombobox } from './combobox.js';
import { fill, h, sourceLine } from './dom.js';
import { months } from './format.js';
import { renderHandout } from './handout.js';
import { LEVEL_NAMES, place, type Placement } from './layout.js';
import { MapView } from './map-view.js';
import { renderPanel } from './panel.js';
import { orderNote, pathwayLabel, renderPathways } from './pathways.js';
import { MAX_YEARS, readState, type State, unreadParams, writeState } from './url-state.js';

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

const status = $<HTMLDivElement>('status');
const pathwaysSection = $<HTMLElement>('pathways');
const panel = $<HTMLElement>('panel');
const handout = $<HTMLElement>('handout');
const trackSelect = $<HTMLSelectElement>('to-track');
const rankSelect = $<HTMLSelectElement>('rank');
const withinInput = $<HTMLInputElement>('within');
const yearsInput = $<HTMLInputElement>('years');
const partTimeBox = $<HTMLInputElement>('part-time');
const onTheJobBox = $<HTMLInputElement>('on-the-job');
const onTheJobHint = $('on-the-job-hint');
const printButton = $<HTMLButtonElement>('print');
const onetBox = $<HTMLInputElement>('onet');

/** The address the page was opened with: what it asked for is named even once the map has rewritten it. */
const openedWith = location.search;
/** Set by "Start over": the address the page opened with no longer describes what is shown. */
let linkLeftBehind = false;
let state: State = readState(openedWith);
/** The curated roles and moves (all of them, or the neighbourhood of the chosen roles). */
let base: Lattice | undefined;
/** What is drawn: `base`, and with the O*NET occupations the ones on the pathways found or within reach. */
let lattice: Lattice | undefined;
let view: MapView | undefined;
let pathways: Pathway[] = [];
/** The pathway highlighted, and what is within reach (shaded), to draw again after a new layout. */
let shown: Pathway | null = null;
let reach: { nodes: Role[]; slugs: Set<string>; months: Map<string, string> } | null = null;
let pending = 0;
/** Renders the handout of the pathway shown, with the address as it is when printing. */
let printHandout = () => {};
/** Occupations the search offered, so a chosen one has its title before it is drawn. */
const picked = new Map<string, Role>();

const roleOf = (slug: string | undefined): Role | undefined =>
  lattice?.roles.find((r) => r.slug === slug) ?? (slug ? picked.get(slug) : undefined);
/** How many occupations within reach the map draws at most (the soonest reached): never all of O*NET. */
const REACHED_OCCUPATIONS_DRAWN = 40;

function busy<T>(work: Promise<T>): Promise<T> {
  pending++;
  document.documentElement.dataset.mapState = 'loading';
  return work.finally(() => {
    // Not over an error told meanwhile: the on-the-job lookup, ending after a goal no role has was
    // refused, set "ready" over "error" (a new question sets "loading" first, and clears it).
    if (--pending === 0 && document.documentElement.dataset.mapState !== 'error')
      document.documentElement.dataset.mapState = 'ready';
  });
}

/**
 * The status line says two things, each kept by its own question: what the form's search or the last
 * action said (the pathway shown, its error), and the shading's sentences (what is within reach).
 * Both show, the shading second, whichever answer comes last: one line for both said only the last
 * answer's, the pathway's or the shading's, by a race. A failure says itself in the part whose
 * question failed (failedIn), until that part says something else: a wrong goal's error went when the
 * shading answered, and "Finding the pathways…" came back. One of no part (the lattice, a panel, the
 * key) shows alone until the next thing either part says.
 */
const statusParts = { main: '', mainError: false, reach: '', reachError: false, failure: '' };

function showStatus(): void {
  const { main, mainError, reach, reachError, failure } = statusParts;
  status.textContent = failure || [main, reach].filter(Boolean).join(' ');
  status.classList.toggle('error', !!failure || mainError || reachError);
}

/** Says what the search or an action came to (the shading's sentences stay). */
function say(message: string, error = false): void {
  Object.assign(statusParts, { main: message, mainError: error, failure: '' });
  showStatus();
}

/** Says what the shading came to (what the search said stays); saying nothing leaves a failure shown. */
function sayReach(message: string, error = false): void {
  Object.assign(statusParts, { reach: message, reachError: error }, message ? { failure: '' } : {});
  showStatus();
}

/** Says the service failed, alone: a wrong key, a refused question, an outage. */
function sayFailure(message: string): void {
  statusParts.failure = message;
  showStatus();
}

/**
 * Runs the questions together and waits for all of them: every one that fails is told (in its own
 * part of the status, failedIn), the first by the caller, which it rethrows. Promise.all told only the
 * first: with the search and the shading both failing, the other went unsaid.
 */
async function together(...work: (Promise<unknown> | undefined)[]): Promise<void> {
  const asked = work.filter((w): w is Promise<unknown> => w !== undefined);
  const failed = (await Promise.allSettled(asked)).flatMap((r) => (r.status === 'rejected' ? [r.reason] : []));
  for (const reason of failed.slice(1)) fail(reason);
  if (failed.length) throw failed[0];
}

/** The part of the status whose question an error answered (fail says it there). */
const failedPart = new WeakMap<object, 'main' | 'reach'>();
function failedIn(error: unknown, part: 'main' | 'reach'): unknown {
  if (typeof error === 'object' && error !== null) failedPart.set(error, part);
  return error;
}

/**
 * The API's words for a question the map asked, in the map's: its arguments are the start and the
 * goal, and its switch for estimated moves is the O*NET box ("Invalid the goal: ... ask with
 * includeEstimated: true" told a student nothing they could do).
 */
function inMapWords(message: string): string {
  return (
    message
      .replace(/^Invalid argument "to": /, 'The goal ')
      .replace(/^Invalid argument "from": /, 'The start ')
      .replace(/argument "to"/g, 'the goal')
      .replace(/argument "from"/g, 'the start')
      .replace(/ask with includeEstimated: true\./, 'tick “Include O*NET occupations” to ask.')
      // From an occupation to a curated role it does not reach: the roles by their titles, and the
      // profile as the boxes below the start ("with what they hold in `profile` (docs/decisions/…)").
      .replace(
        /(enters only|start from) ("[a-z0-9-]+"(?: or "[a-z0-9-]+")*)/g,
        (_, words: string, slugs: string) =>
          `${words} ${slugs.replace(/"([a-z0-9-]+)"/g, (quoted, slug: string) => roleOf(slug)?.title ?? quoted)}`,
      )
      .replace(
        /, with what they hold in `profile`(?: \(docs\/decisions\/[^)]+\))?\./,
        ', and tick what the student holds below it.',
      )
  );
}

function fail(error: unknown): void {
  const part = typeof error === 'object' && error !== null ? failedPart.get(error) : undefined;
  const tell = (message: string) =>
    part === 'main' ? say(message, true) : part === 'reach' ? sayReach(message, true) : sayFailure(message);
  if (error instanceof ApiError && error.code === 'UNAUTHENTICATED') {
    $('key-form').hidden = false;
    sayFailure('This service needs an API key for reading.');
  } else if (error instanceof ApiError && (error.code === 'BAD_USER_INPUT' || error.code === 'NOT_FOUND')) {
    // The question asked, not the service, was wrong (a link naming no role, say): the API's words
    // name it and suggest the nearest, in the map's words for its arguments.
    tell(`The map could not ask that: ${inMapWords(error.message)}`);
  } else {
    tell(error instanceof Error ? `Something went wrong: ${error.message}` : 'Something went wrong.');
  }
  // Brought into view: on a laptop's screen the status sits below the form, and a refused link or a
  // failed search changed nothing in sight.
  revealAnswer();
  document.documentElement.dataset.mapState = 'error';
}

/** Set once the link's own view is shown: from then on the page's address is the user's choices. */
let started = false;

/** What the form and the link say of the student: the pathways' and the shading's profile. */
/** Acronyms of the certifications the boxes list, by slug (listHeld). */
const acronyms = new Map<string, string>();
const studentOf = (st: State): Student => ({
  held: st.held,
  years: st.years,
  partTime: st.partTime,
  // Not where it changes nothing (a licensed start): the handout named "trained on the job as" an LPN.
  onTheJob: st.onTheJob && (st.from === undefined || onTheJobAsks.get(st.from)?.asked.length !== 0),
  heldNames: st.held.map((s) => acronyms.get(s) ?? s),
});

/**
 * How many views of the browser's history (Back, Forward) are being shown: what showing one does
 * (opening its role's panel) writes no new entry.
 */
let restoring = 0;

/** `replace`: no step of its own in the history (a pause in typing: "1" on the way to "15"). */
function update(change: Partial<State>, replace = false): void {
  state = { ...state, ...change };
  writeState(state, started && restoring === 0 && !replace ? 'push' : 'replace');
  // The note on what the link asked for is about the link, not about what the user chose since.
  if (started) $('link-note').hidden = true;
}

/**
 * The table of roles by level and track: the picture's text alternative, its rows the picture's (an
 * O*NET occupation that is the start on a row of its own, as drawn: it was listed among the
 * occupations' row, which the picture draws at the top), bottom row first.
 */
function renderList(l: Lattice, placement: Placement): void {
  const tracks = placement.lanes.map((lane) => l.tracks.find((t) => t.slug === lane.slug)!);
  const rows = placement.rows.map((r) => r.level);
  fill(
    $('roles-list'),
    h(
      'p',
      {},
      // O*NET occupations drawn are counted apart from the curated roles ("1 O*NET occupations" read badly).
      `${count(l.roles.filter((r) => !r.occupation).length, 'role', 'roles')}${l.roles.some((r) => r.occupation) ? `, ${count(l.roles.filter((r) => r.occupation).length, 'O*NET occupation', 'O*NET occupations')}` : ''} and ${count(l.moves.length, 'move', 'moves')}${l.whole ? '' : ' around the chosen roles'}. `,
      `${count(
        l.moves.filter((m) => m.crossesTracks).length,
        'move changes',
        'moves change',
      )} track. Choose a role to see its next steps.`,
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
            h('th', { scope: 'row' }, LEVEL_NAMES[row] ?? 'Other'),
            tracks.map((t) => {
              const here = l.roles.filter((r) => r.track.slug === t.slug && placement.rowOf.get(r.slug) === row);
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
                              onclick: () => void openRole(r.slug).catch(fail),
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
  markList();
}

/**
 * The lattice to draw: the curated one, and with the O*NET occupations, the start when it is one, the
 * nodes and moves of the pathways found and the occupations within reach (the soonest
 * REACHED_OCCUPATIONS_DRAWN), each in a lane of its SOC major group.
 */
function compose(curated: Lattice): Lattice {
  if (!state.onet) return curated;
  const roles = new Map(curated.roles.map((r) => [r.slug, r]));
  const moves = new Map(curated.moves.map((m) => [`${m.from}>${m.to}`, m]));
  for (const step of pathways.flatMap((p) => p.steps)) {
    for (const node of [step.from, step.to]) if (!roles.has(node.slug)) roles.set(node.slug, node);
    const id = `${step.from.slug}>${step.to.slug}`;
    if (!moves.has(id))
      moves.set(id, {
        from: step.from.slug,
        to: step.to.slug,
        kind: step.kind,
        crossesTracks: step.crossesTracks,
        months: step.months,
        basis: step.basis,
      });
  }
  // An occupation as the start is drawn whatever is answered: the student's own job, marked.
  const start = state.from === undefined ? undefined : picked.get(state.from);
  if (start && !roles.has(start.slug)) roles.set(start.slug, start);
  const reached = (reach?.nodes ?? []).filter((n) => !roles.has(n.slug));
  for (const node of [
    ...reached.filter((n) => !n.occupation),
    ...reached.filter((n) => n.occupation).slice(0, REACHED_OCCUPATIONS_DRAWN),
  ])
    roles.set(node.slug, node);
  const lanes = new Map(curated.tracks.map((t) => [t.slug, t]));
  for (const r of roles.values()) if (!lanes.has(r.track.slug)) lanes.set(r.track.slug, r.track);
  const soc = [...lanes.values()].filter((t) => t.slug.startsWith(SOC_LANE)).sort((a, b) => (a.slug < b.slug ? -1 : 1));
  return {
    tracks: [...curated.tracks, ...soc],
    roles: [...roles.values()],
    moves: [...moves.values()],
    whole: curated.whole,
  };
}

let drawnAs = '';
let drawing: Promise<void> = Promise.resolve();

/** Draws `compose(base)` when it differs from what is drawn, then marks, highlights and shades again. */
function redraw(): Promise<void> {
  const run = async () => {
    if (!base) return;
    const next = compose(base);
    // An occupation that is the start has a row of its own (layout.ts): another start, another picture.
    const below = state.from !== undefined && isOccupationCode(state.from) ? state.from : undefined;
    const signature = [
      below ?? '',
      ...next.roles.map((r) => r.slug),
      ...next.moves.map((m) => `${m.from}>${m.to}`),
    ].join(' ');
    if (view && signature === drawnAs) return;
    drawnAs = signature;
    lattice = next;
    const placement = await place(next, below);
    view?.destroy();
    view = new MapView($('cy'), next, placement, {
      open: (slug) => void openRole(slug).catch(fail),
      setStart: (slug) => void setStart(slug).catch(fail),
      setTarget: (slug) => void setTarget(slug).catch(fail),
      announce: (text) => ($('announce').textContent = text),
    });
    renderList(next, placement);
    view.mark({ start: state.from, target: state.to, selected: state.role });
    if (shown) view.highlight(shown);
    if (reach) view.shade(reach.slugs);
  };
  drawing = drawing.then(run, run);
  return busy(drawing);
}

/** Loads (or reloads, around new roles when the graph is too big to show whole) and draws the map. */
async function drawMap(): Promise<void> {
  const focus = [state.from, state.to, state.role].filter((s): s is string => !!s && !isOccupationCode(s));
  if (base && (base.whole || focus.every((s) => base!.roles.some((r) => r.slug === s)))) return;
  base = await busy(loadLattice(focus));
  await redraw();
  fill(
    trackSelect,
    h('option', { value: '' }, '(choose a role instead)'),
    base.tracks.map((t) => h('option', { value: t.slug }, `${t.name} track`)),
  );
  trackSelect.value = state.toTrack ?? '';
}

/** What the on-the-job box asks again, by starting role (api.ts onTheJob): `asked` empty where it changes nothing. */
const onTheJobAsks = new Map<string, { asked: string[]; implies: boolean }>();
const ON_THE_JOB_HINT = onTheJobHint.textContent ?? '';

/**
 * The on-the-job box for the start: naming the program it asks again, or disabled, saying why, where
 * it changes nothing (a licensed role, a role or O*NET occupation implying no program); it was
 * offered to an LPN.
 */
async function showOnTheJob(): Promise<void> {
  const from = state.from;
  let learned = false;
  if (from !== undefined && !onTheJobAsks.has(from)) {
    // Counted as loading: the handout waits for it, and "ready" before it was made was not ready.
    const answer = await busy(onTheJob(from)).catch(() => undefined);
    if (answer) onTheJobAsks.set(from, answer);
    learned = answer !== undefined;
  }
  if (from !== state.from) return;
  // The start's panel, drawn before this was known, says what its next steps assume (openRole).
  if (learned && from !== undefined && state.onTheJob && state.role === from) await openRole(from, false);
  const known = from === undefined ? undefined : onTheJobAsks.get(from);
  onTheJobBox.disabled = known?.asked.length === 0;
  onTheJobBox.checked = state.onTheJob && !onTheJobBox.disabled;
  const title = from === undefined ? '' : (roleOf(from)?.title ?? from);
  onTheJobHint.textContent =
    known === undefined
      ? ON_THE_JOB_HINT
      : known.asked.length
        ? `Without the ${known.asked.join(' and the ')} ${/^[aeiou]/i.test(title) ? 'an' : 'a'} ${title} usually completes: each move that needs it asks for it.`
        : `Changes nothing for ${title}: ${
            isOccupationCode(from!)
              ? 'an O*NET occupation implies no training here'
              : known.implies
                ? 'its licence is held, and only its approved program leads to it'
                : 'the role implies no program'
          }.`;
}

function mark(): void {
  view?.mark({ start: state.from, target: state.to, selected: state.role });
  showOnTheJob().catch(fail);
  markList();
  from.show(roleOf(state.from));
  to.show(roleOf(state.to));
  trackSelect.value = state.toTrack ?? '';
  rankSelect.value = state.rank;
  // Not a number box being typed in: an answer arriving mid-typing put "1" back where "15" was typed.
  if (document.activeElement !== withinInput)
    withinInput.value = state.within === undefined ? '' : String(state.within);
  onetBox.checked = state.onet;
  for (const item of document.querySelectorAll<HTMLElement>('.onet-only')) item.hidden = !state.onet;
  for (const box of document.querySelectorAll<HTMLInputElement>('#held-list input'))
    box.checked = state.held.includes(box.value);
  $('held-count').textContent = state.held.length ? ` (${state.held.length})` : '';
  if (document.activeElement !== yearsInput) yearsInput.value = state.years > 0 ? String(state.years) : '';
  partTimeBox.checked = state.partTime;
  // Not ticked where it changes nothing (showOnTheJob disables it there).
  onTheJobBox.checked = state.onTheJob && !onTheJobBox.disabled;
}

/**
 * The map as a list says in words what the picture says in colour: the start, the goal, the roles on
 * the pathway shown, and those within reach with their months ("within reach: 6 months"). The list
 * gave only names, so a screen reader or a printout could not tell what was reachable.
 */
function markList(): void {
  const onPath = new Set(shown ? [shown.steps[0]?.from.slug, ...shown.steps.map((s) => s.to.slug)] : []);
  for (const button of document.querySelectorAll<HTMLElement>('#roles-list button[data-slug]')) {
    const slug = button.dataset.slug!;
    const notes = [
      slug === state.from ? 'start' : '',
      slug === state.to ? 'goal' : '',
      onPath.has(slug) && slug !== state.from && slug !== state.to ? 'on the pathway shown' : '',
      reach?.months.has(slug) ? `within reach: ${reach.months.get(slug)!}` : '',
    ].filter(Boolean);
    let note = button.nextElementSibling as HTMLElement | null;
    if (!note?.classList.contains('list-note')) {
      note = h('span', { class: 'list-note' });
      button.after(note);
    }
    note.textContent = notes.length ? ` (${notes.join('; ')})` : '';
  }
}

/** The API stopped a search over its work budget (SEARCH_BUDGET_EXCEEDED), which can happen over the O*NET graph. */
const tooOpen = (error: unknown): error is ApiError =>
  error instanceof ApiError && error.code === 'SEARCH_BUDGET_EXCEEDED';

/** The route, stop by stop with what each step takes: the same pathway under another ranking. */
const routeOf = (p: Pathway) =>
  JSON.stringify(p.steps.map((s) => [s.to.slug, s.requirements, s.training, s.experienceMonths]));
/**
 * Its stops alone: the same pathway for a student whose settings changed, whose steps then ask
 * otherwise ("CMA (already held)", fewer months of work), so that routeOf matched nothing.
 */
const stopsOf = (p: Pathway) => p.steps.map((s) => s.to.slug).join(' ');
/**
 * The pathway last shown (choosePathway): where the student chose it (chosenByStudent), a ranking
 * change, or a change of the student's settings, asks showPathways to choose it again. Not cleared
 * when a search starts, so two quick changes keep it too.
 */
let lastShown: Pathway | null = null;
/**
 * Whether the student chose the pathway shown (a radio, or a link's `path`): only then is it kept. The
 * first of a list nobody chose from is the ranking's answer: with "Cheapest" chosen, the fastest
 * ranking's first route stayed shown as Pathway 2, the cheapest unselected above it.
 */
let chosenByStudent = false;
/** What a ranking change keeps: the same route with the same steps. */
const sameRoute = () => (lastShown === null || !chosenByStudent ? null : { key: routeOf(lastShown), of: routeOf });
/** What a change of the student's settings keeps: the same stops. */
const sameStops = () => (lastShown === null || !chosenByStudent ? null : { key: stopsOf(lastShown), of: stopsOf });

/**
 * Searches asked so far, of each kind: an answer (or a failure) that arrives after a newer question
 * was asked is dropped, so a slow one cannot replace or clear the newer one's.
 */
const asked = { pathways: 0, shade: 0 };

/** `keep`: a pathway to choose again where the new list has it (sameRoute, sameStops). */
async function showPathways(keep: { key: string; of: (p: Pathway) => string } | null = null): Promise<void> {
  const mine = ++asked.pathways;
  pathways = [];
  shown = null;
  if (!state.from || (!state.to && !state.toTrack)) {
    pathwaysSection.replaceChildren();
    // A status about a pathway no longer shown is cleared with it ("Showing Pathway 1: 24–36 months"),
    // and one about a search no longer asked.
    // An error or "No pathway leads there" answered the search too.
    if (statusParts.mainError || /^(Showing |Finding the pathways|No pathway leads there)/.test(statusParts.main))
      say('');
    noHandout();
    await redraw();
    view?.highlight(null);
    return;
  }
  if (state.to !== undefined && state.to.toLowerCase() === state.from.toLowerCase()) {
    fill(pathwaysSection, h('p', {}, 'The goal is the start: choose another goal to see the ways there.'));
    say('');
    noHandout();
    await redraw();
    view?.highlight(null);
    return;
  }
  // The list on screen answers the last question: while the new one is sought it stays in sight but
  // cannot be chosen from (a radio clicked then chose from a list already emptied: "No pathway leads
  // there" under pathways still drawn). Whatever comes next replaces the list.
  const old = pathwaysSection.querySelector('fieldset');
  if (old) old.disabled = true;
  // Nor printed: the handout of the old answer printed while the new one was sought (part time ticked,
  // "84 months" on paper where the answer was 132).
  if (old) {
    noHandout('Finding the pathways again: the handout follows.');
    say('Finding the pathways again…');
  } else {
    // The first search too: a link opened on a blank status for a second or more.
    noHandout('Finding the pathways: the handout follows.');
    say('Finding the pathways…');
  }
  let found: Pathway[];
  try {
    found = await busy(
      findPathways({
        from: state.from,
        to: state.to,
        toTrack: state.toTrack,
        rankBy: state.rank,
        includeEstimated: state.onet,
        student: studentOf(state),
      }),
    );
  } catch (error) {
    if (mine !== asked.pathways) return;
    // Whatever went wrong, the pathways on screen answered the last question, not this one: they go
    // (and the handout with them) before the error is told.
    fill(pathwaysSection, tooOpen(error) ? h('p', {}, error.message) : null);
    noHandout();
    await redraw();
    view?.highlight(null);
    // "Finding the pathways…" goes too (fail says the error in its place, unless another failed first).
    if (!tooOpen(error)) {
      // Only the search's part: a failure shown alone (another question's) stays.
      Object.assign(statusParts, { main: '', mainError: false });
      showStatus();
      throw failedIn(error, 'main');
    }
    // Over every O*NET occupation some searches exceed the API's work budget; it says what to narrow.
    return say('The pathway search over every O*NET occupation was too open; try another ranking.', true);
  }
  if (mine !== asked.pathways) return;
  // None: "No pathway leads there within the limits" left a billing and coding specialist who asked
  // for practice administrator without a next action (the map sets no limits); the ways into the
  // goal are where to start.
  let none = 'No pathway leads there.';
  if (found.length === 0 && state.to) {
    const into = await busy(waysInto(state.to)).catch(() => []);
    if (mine !== asked.pathways) return;
    const goal = roleOf(state.to)?.title ?? 'the goal';
    none = `No pathway leads from ${roleOf(state.from)?.title ?? 'this start'} to ${goal}.`;
    if (into.length)
      none += ` The moves into ${goal} start from ${into.join(', ')}: make ${into.length === 1 ? 'it' : 'one of them'} the start to see what it takes.`;
    // Not "or include the O*NET occupations": between curated roles (the map starts from one) they
    // find nothing more (decision 024), and an advisor who ticked the box found nothing again.
  }
  pathways = found;
  // A ranking changed under a chosen pathway: the same route stays chosen where the new ranking lists
  // it (an advisor comparing "cheapest" with "fastest" lost the route the student had picked).
  const kept = keep === null ? -1 : found.findIndex((p) => keep.of(p) === keep.key);
  // A link's (or a history entry's) choice beyond the list found is no choice: the ranking's first
  // is shown, not taken for the student's.
  const linked = keep === null && state.path !== undefined && state.path < found.length ? state.path : undefined;
  // Named, as other parts of a link the map cannot use are (only on the view the link opened).
  if (!started && keep === null && state.path !== undefined && linked === undefined && found.length > 0) {
    beyondList = `path "${state.path + 1}" (only ${found.length} pathway${found.length === 1 ? '' : 's'} found; the first is shown)`;
    noteUnread();
  }
  const path = kept >= 0 ? kept : linked;
  if (path !== state.path) {
    state = { ...state, path };
    writeState(state, 'replace');
  }
  chosenByStudent = path !== undefined;
  const chosen = path ?? 0;
  renderPathways(
    pathwaysSection,
    pathways,
    chosen,
    (i) => {
      update({ path: i });
      chosenByStudent = true;
      choosePathway().catch(fail);
    },
    state.rank,
    none,
  );
  await redraw();
  mark();
  await choosePathway();
}

/** The print hint's words when no pathway is chosen yet (index.html's). */
const CHOOSE_HINT = 'Choose a start and a goal: the handout prints the pathway between them.';

/** No handout to print: the one made last was for another pathway (Ctrl+P prints the page's). */
function noHandout(hint = CHOOSE_HINT): void {
  printButton.disabled = true;
  printHandout = () => {};
  handout.replaceChildren();
  // Why the button is greyed out, until a pathway's handout is made.
  $('print-hint').textContent = hint;
  $('print-hint').hidden = false;
}

async function choosePathway(): Promise<void> {
  const pathway = pathways[Math.min(state.path ?? 0, pathways.length - 1)] ?? null;
  shown = pathway;
  if (pathway) lastShown = pathway;
  view?.highlight(pathway);
  markList();
  // Until this pathway's handout is made (it reads the goal's pay), none is printed.
  // With a start and a goal but no pathway, "Choose a start and a goal" read as a wrong instruction.
  noHandout(
    pathway || !(state.from && (state.to || state.toTrack)) ? CHOOSE_HINT : 'No pathway leads there: nothing to print.',
  );
  if (!pathway) return say('No pathway leads there.');
  say(`Showing ${pathwayLabel(pathway, pathways.indexOf(pathway), true)}.`);
  const goal = pathway.steps[pathway.steps.length - 1]!.to;
  const details = goal.occupation ? null : await busy(roleDetails(goal.slug));
  const pay = goal.occupation ? await busy(occupationPay(goal.slug)) : [];
  await showOnTheJob(); // whether "trained on the job" applies to this start, before the handout names it
  if (shown !== pathway) return; // another was chosen meanwhile
  const student = studentOf(state);
  const index = pathways.indexOf(pathway);
  const ranking = $<HTMLSelectElement>('rank').selectedOptions[0]?.textContent?.toLowerCase() ?? 'best';
  // Ranked cheapest among costs no source gives, the order rests on what they count as, which the
  // handout's summary leaves out (a stand-in read as the price): said on paper as on screen.
  const rank = rankSelect.value;
  const order = pathways.length > 1 && rank === 'CHEAPEST' ? orderNote(pathways, rank) : null;
  const choice =
    index > 0
      ? // "of 3" read as the only three ways; to a track, the first may lead elsewhere: said where.
        `Pathway ${index + 1} of the ${pathways.length} best the map found, ranked ${ranking} first. ${pathwayLabel(pathways[0]!, 0, true)}` +
        (state.toTrack ? `, to ${pathways[0]!.steps.at(-1)!.to.title}.` : '.') +
        (order ? ` ${order}` : '')
      : order
        ? `Pathway 1 of the ${pathways.length} best the map found, ranked ${ranking} first. ${order}`
        : undefined;
  printHandout = () => renderHandout(handout, pathway, details, location.href, pay, student, choice);
  printHandout();
  printButton.disabled = false;
  $('print-hint').hidden = true;
}

async function shade(): Promise<void> {
  const mine = ++asked.shade;
  if (!state.from || state.within === undefined) {
    reach = null;
    await redraw();
    // What the status said of the shading goes with it. Months asked with no start (a link's
    // "within=12" alone) said nothing at all.
    sayReach(
      !state.from && state.within !== undefined
        ? `Choose where to start: the map then shades what is within reach in ${months(state.within)}.`
        : '',
    );
    markList();
    return view?.shade(null);
  }
  let found;
  try {
    found = await busy(reachableRoles(state.from, state.within, state.onet, studentOf(state)));
  } catch (error) {
    if (mine !== asked.shade) return;
    // The shading shown answered another question: it goes, whatever went wrong.
    reach = null;
    await redraw();
    view?.shade(null);
    markList();
    // Nor do its words stay (fail says the error in their place, unless another failed first).
    sayReach('');
    if (!tooOpen(error)) throw failedIn(error, 'reach');
    return sayReach(`${error.message} (Searching every O*NET occupation: try fewer months.)`, true);
  }
  if (mine !== asked.shade) return;
  // Reached only by counting a program of unknown length as 0 months: not known to be within reach.
  const unknownLength = found.filter((r) => r.monthsIncludeUnknowns);
  const untimed = unknownLength.length;
  found = found.filter((r) => !r.monthsIncludeUnknowns);
  // Named, a few: "2 more" left the student to guess which roles were meant.
  const NAMED = 5;
  const unnamed = untimed > NAMED ? ` and ${untimed - NAMED} more` : '';
  const unknownNames = `${unknownLength
    .slice(0, NAMED)
    .map((r) => r.node.title)
    .join(', ')}${unnamed}`;
  reach = {
    nodes: found.map((r) => r.node),
    slugs: new Set([state.from, ...found.map((r) => r.slug)]),
    // "9 months (up to 24 if its programs take their longest)" where the soonest way's programs'
    // lengths are ranges ("this way 9–24" read as jargon).
    months: new Map(
      found.map((r) => [
        r.slug,
        (r.earliestMonthUpTo > r.earliestMonth
          ? `${months(r.earliestMonth)} (up to ${months(r.earliestMonthUpTo)} if its programs take their longest)`
          : months(r.earliestMonth)) + (r.estimated ? ', estimated' : ''),
      ]),
    ),
  };
  await redraw();
  view?.shade(reach.slugs);
  markList();
  const startTitle = roleOf(state.from)?.title ?? state.from;
  // Shaded, but said: the soonest way to some takes longer than the months asked if its programs take
  // their longest (another way may not).
  const ranged = found.filter((r) => r.earliestMonthUpTo > state.within!).length;
  const rangeNote = ranged
    ? ` For ${ranged === 1 ? '1 of them' : `${ranged} of them`}, the soonest way takes longer than ${state.within} months if its programs take their longest length (the list gives its range).`
    : '';
  const unknownNote =
    rangeNote +
    (untimed
      ? ` Not shaded: ${untimed} more whose soonest pathway counts a part of unknown length (training or experience) as 0 months, so reaching them may take longer (${unknownNames}).`
      : '');
  if (!state.onet)
    return sayReach(
      `${count(found.length, 'role is', 'roles are')} within reach in ${months(state.within)} from ${startTitle}.${unknownNote}`,
    );
  const occupations = found.filter((r) => r.node.occupation).length;
  const estimated = found.filter((r) => r.estimated).length;
  sayReach(
    `${count(found.length - occupations, 'role', 'roles')} and ${count(occupations, 'O*NET occupation', 'O*NET occupations')} are within reach in ${months(state.within)} from ${startTitle}` +
      (occupations > REACHED_OCCUPATIONS_DRAWN
        ? // The list counts those on the pathways shown too ("42 O*NET occupations" under "draws the 40").
          `; the map draws the ${REACHED_OCCUPATIONS_DRAWN} occupations reached soonest, and any on the pathways shown.`
        : '.') +
      // "Insurance Sales Agents (within reach: 0 months)": a licence no data here names is not counted.
      (estimated
        ? ` ${estimated === 1 ? '1 of them is' : `${estimated} of them are`} reached by estimated moves (the list marks those it shows “estimated”): their months come from what BLS says the job typically asks before hiring (not the on-the-job training it may give once hired), and any licence or certification it needs is not known and not counted.`
        : '') +
      unknownNote,
  );
}

/**
 * The side panel for an O*NET occupation: what it is, that only estimated moves lead there, and the
 * pay BLS publishes for it (as the handout gives it).
 */
async function openOccupation(node: Role): Promise<void> {
  const [pay, related] = await busy(Promise.all([occupationPay(node.slug), relatedOccupations(node.slug)]));
  if (state.role !== node.slug) return; // another panel was asked for meanwhile
  fill(
    panel,
    h('h2', { id: 'panel-title', tabindex: -1 }, node.title),
    h('p', { class: 'meta' }, `O*NET occupation ${node.slug} · ${node.track.name}`),
    h(
      'div',
      { class: 'actions' },
      // In the order a role's panel gives them (panel.ts).
      state.from === node.slug
        ? h('span', { class: 'meta' }, 'The start. ')
        : h('button', { type: 'button', onclick: () => void fromPanel(() => setStart(node.slug)) }, 'Start from here'),
      state.to === node.slug
        ? h('span', { class: 'meta' }, 'The goal.')
        : h(
            'button',
            { type: 'button', onclick: () => void fromPanel(() => setTarget(node.slug)) },
            'Make this the goal',
          ),
    ),
    h(
      'p',
      {},
      'Not a curated role: the moves into it are estimated from O*NET and BLS, not curated, so check them with the sources before relying on them. Its tasks and skills are on ',
      h(
        'a',
        { href: `https://www.onetonline.org/link/summary/${encodeURIComponent(node.slug)}`, rel: 'noopener' },
        'O*NET OnLine',
      ),
      '.',
    ),
    h('h3', {}, 'Pay'),
    // The newest median is the answer; the earlier releases' are history, not three answers.
    pay.length
      ? [
          h(
            'p',
            { class: 'median-pay' },
            h('strong', {}, 'Median pay: '),
            `${pay[0]!.median} a year (${pay[0]!.period})${pay[0]!.broader ? `, for the broader BLS occupation ${pay[0]!.broader}` : ''}. `,
            sourceLine(pay[0]!.source),
          ),
          pay.length > 1
            ? h(
                'p',
                { class: 'meta' },
                'Earlier releases: ',
                pay
                  .slice(1)
                  .flatMap((w, i) => [i ? '; ' : '', `${w.median} a year (${w.period}, `, sourceLine(w.source), ')']),
                '.',
              )
            : null,
        ]
      : h('p', {}, 'BLS publishes no national median wage for this occupation.'),
    // Where a pathway can go from here: a nursing assistant's own job as the start showed its pay and
    // nothing of what could come next (a counsellor's walk).
    related.length
      ? [
          h('h3', {}, 'Related occupations (O*NET)'),
          h(
            'p',
            { class: 'meta' },
            'The moves estimated out of this occupation go to these, closest first, each asking what BLS says it typically needs. A curated role among them is reached from here only when this occupation is the start, asking what its own moves ask. Check them with the sources.',
          ),
          h(
            'ul',
            { class: 'related-occupations' },
            related.map((r) =>
              h(
                'li',
                { 'data-key': r.key },
                // A curated role's ways in are its own ("Registered Nurse: typically a bachelor's
                // degree", BLS's, where its curated moves include the ADN).
                r.curated
                  ? `${r.title} (a curated role): what its own moves into it ask. `
                  : `${r.title}: typically ${r.education ?? 'an entry education BLS does not publish'}. `,
                r.key === state.to || r.key === state.from
                  ? null
                  : h(
                      'button',
                      { type: 'button', class: 'link', onclick: () => void fromPanel(() => setTarget(r.key)) },
                      'Make this the goal',
                    ),
              ),
            ),
          ),
        ]
      : null,
  );
}

/**
 * Opens a role's (or occupation's) panel. Chosen by the user (`reveal`), the panel is scrolled into
 * view and the choice announced: at 1,366 × 768 the panel sits below the role list, and a choice
 * seemed to do nothing. The focus stays where it was (on the map, S and T still act on the role).
 */
async function openRole(slug: string, reveal = true): Promise<void> {
  update({ role: slug });
  mark();
  const node = roleOf(slug);
  if (node?.occupation) {
    await openOccupation(node);
    if (reveal) revealPanel();
    return;
  }
  if (isOccupationCode(slug))
    return say(
      `The occupation ${slug} is not drawn: the map draws O*NET occupations only on the pathways found or within reach.`,
    );
  let details;
  try {
    details = await busy(roleDetails(slug));
  } catch (error) {
    // The panel showed another role, whose buttons would act on it: cleared before the error is told.
    fill(panel, h('p', { class: 'hint' }, 'This role could not be loaded.'));
    throw error;
  }
  if (state.role !== slug) return; // another panel was asked for meanwhile (as openOccupation)
  if (!details) return say(`There is no role "${slug}".`, true);
  renderPanel(
    panel,
    details,
    {
      open: (s) => void openRole(s).catch(fail),
      setStart: (s) => void fromPanel(() => setStart(s)),
      setTarget: (s) => void fromPanel(() => setTarget(s)),
    },
    state.held.length > 0,
    { start: state.from, goal: state.to },
    slug === state.from && studentOf(state).onTheJob,
    { partTime: state.partTime, years: slug === state.from && state.years > 0 },
  );
  if (reveal) revealPanel();
}

function revealPanel(): void {
  panel.scrollIntoView({ block: 'nearest' });
  const title = panel.querySelector('#panel-title')?.textContent;
  if (title) $('announce').textContent = `${title}: shown in the details panel.`;
}

async function setStart(slug: string): Promise<void> {
  // The years were the student's in the old starting role: kept, they counted as years in the new
  // one (3 years as a billing and coding specialist became 3 years as a billing supervisor). So was
  // "trained on the job": kept unseen from a licensed start (the box disabled), it counted for the next.
  const was = startAndGoal();
  update(slug === state.from ? { path: undefined } : { from: slug, path: undefined, years: 0, onTheJob: false });
  await drawMap();
  mark();
  await together(showPathways(), shade(), refreshPanel(was));
}

/**
 * The open panel drawn again after the start or the goal changed: its buttons follow them (the
 * panel still offered "Start from here" to the role just made the start, and "The start." to the
 * one it replaced).
 */
function refreshPanel(was: { from?: string; to?: string }): Promise<void> | undefined {
  const role = state.role;
  if (role === undefined || ![was.from, was.to, state.from, state.to].includes(role)) return undefined;
  return openRole(role, false);
}

/** The start and the goal, before a change (refreshPanel). */
const startAndGoal = () => ({ from: state.from, to: state.to });

/**
 * A panel's "Start from here" or "Make this the goal", then the answer brought into view: the panel
 * sits below the map (far below on a phone), and the pathways it asked for appeared out of sight
 * while the page stayed on the button.
 */
async function fromPanel(act: () => Promise<void>): Promise<void> {
  try {
    await act();
    // The status and the map, whichever is higher (side by side on a wide screen, one above the
    // other on a phone).
    const [top] = [$('status'), $('cy')].sort((a, b) => a.getBoundingClientRect().top - b.getBoundingClientRect().top);
    top!.scrollIntoView({ block: 'start', behavior: 'smooth' });
  } catch (error) {
    fail(error);
  }
}

async function setTarget(slug: string): Promise<void> {
  const was = startAndGoal();
  update({ to: slug, toTrack: undefined, path: undefined });
  await drawMap();
  mark();
  await together(showPathways(), refreshPanel(was));
}

/**
 * After a goal is chosen in the form, the answer's first line brought just into view: on a laptop's
 * screen the status and the pathways sat below the form's settings, out of sight, and only the
 * picture changed.
 */
function revealAnswer(): void {
  if (status.getBoundingClientRect().bottom > window.innerHeight)
    status.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
}

const knownRoles = () => lattice?.roles ?? [];
// With the O*NET occupations included, the start may be one too: a nursing assistant (31-1131.00),
// whom the API answered, could not be the map's start (decision 017, revised).
const from = roleCombobox(
  $('from-input'),
  $('from-options'),
  (r) => {
    if (r.occupation) picked.set(r.slug, r);
    setStart(r.slug).catch(fail);
  },
  fail,
  () => state.onet,
  undefined,
  knownRoles,
  true,
  () => state.to,
);
const to = roleCombobox(
  $('to-input'),
  $('to-options'),
  (r) => {
    if (r.occupation) picked.set(r.slug, r);
    setTarget(r.slug).then(revealAnswer, fail);
  },
  fail,
  () => state.onet,
  // Emptied and left: no goal (the pathways go with it).
  () => {
    const was = startAndGoal();
    update({ to: undefined, path: undefined });
    mark();
    together(showPathways(), refreshPanel(was)).catch(fail);
  },
  knownRoles,
  true,
  () => state.from,
);

trackSelect.addEventListener('change', () => {
  const was = startAndGoal();
  update({ toTrack: trackSelect.value || undefined, to: trackSelect.value ? undefined : state.to, path: undefined });
  mark();
  together(showPathways(), refreshPanel(was)).then(revealAnswer, fail);
});
rankSelect.addEventListener('change', () => {
  update({ rank: rankSelect.value, path: undefined });
  showPathways(sameRoute()).catch(fail);
});
/** How long typing in a number box pauses before what is typed is counted (onSettled). */
const TYPING_PAUSE_MS = 700;

/**
 * Runs `apply` when a number box's value is settled: on a change (Enter, or leaving the box) and after
 * a pause in typing. An advisor typed 3 into the years and read out the old months: nothing was asked
 * until Enter. `typing`: after a pause, when the box is not rewritten under the cursor. `replace`: the
 * value is a step of history only once per spell of editing (the first value counted in it); later
 * pauses in the same spell replace that step. Every pause replaced the step before, so Back skipped
 * the student's previous choice ("study part time" gone with the years typed after it).
 * `apply` says whether it counted a new value.
 */
function onSettled(input: HTMLInputElement, apply: (typing: boolean, replace: boolean) => boolean): void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let spell = false;
  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      if (apply(true, spell)) spell = true;
    }, TYPING_PAUSE_MS);
  });
  input.addEventListener('change', () => {
    clearTimeout(timer);
    apply(false, spell);
    spell = false;
  });
  // Back or Forward ends the spell: the next value typed replaced the step Back had come to.
  window.addEventListener('popstate', () => {
    clearTimeout(timer);
    spell = false;
  });
}

onSettled(withinInput, (typing, replace) => {
  const months =
    withinInput.value === '' ? undefined : Math.max(0, Math.min(600, Math.round(Number(withinInput.value))));
  const within = Number.isFinite(months) ? months : undefined;
  const changed = within !== state.within;
  if (changed) update({ within }, replace);
  // The box shows what is shaded: "-5" read as 0 stayed "-5".
  if (!typing) withinInput.value = state.within === undefined ? '' : String(state.within);
  if (changed) shade().catch(fail);
  return changed;
});
/** The panel as the page opens: no role chosen. */
const emptyPanel = () =>
  fill(
    panel,
    h('p', { class: 'hint' }, 'Choose a role on the map or in the list to see its duties, pay and next steps.'),
  );

onetBox.addEventListener('change', () => {
  const onet = onetBox.checked;
  // Without the occupations, a goal or an open panel that is one is dropped.
  const code = (s: string | undefined) => !onet && !!s && isOccupationCode(s);
  // An occupation's panel goes with it: its "Make this the goal" could only fail.
  if (code(state.role)) emptyPanel();
  const goalDropped = code(state.to);
  const startDropped = code(state.from);
  update({
    onet,
    path: undefined,
    from: startDropped ? undefined : state.from,
    to: goalDropped ? undefined : state.to,
    role: code(state.role) ? undefined : state.role,
  });
  mark();
  // Said where the pathways were: the goal box emptied and they went with no word.
  const said = () => {
    const dropped = [startDropped ? 'start' : '', goalDropped ? 'goal' : ''].filter(Boolean).join(' and the ');
    if (dropped && (startDropped || (!state.to && !state.toTrack)))
      fill(
        pathwaysSection,
        h(
          'p',
          {},
          `The ${dropped} ${startDropped && goalDropped ? 'were O*NET occupations' : 'was an O*NET occupation'}, cleared with them: choose a role as the ${dropped}.`,
        ),
      );
    // Said where the pathways were, out of sight below the box just unticked on a laptop's screen.
    if (dropped && pathwaysSection.getBoundingClientRect().top > window.innerHeight - 40)
      pathwaysSection.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
  };
  together(showPathways().then(said), shade()).catch(fail);
});
// The student's years in the starting role and study load: both change the pathways and the shading.
/** The years box's hint, saying what is counted where it is not what the box reads. */
const YEARS_HINT = $('years-hint').textContent ?? '';
function yearsHint(counted?: number): void {
  $('years-hint').textContent =
    counted === undefined
      ? YEARS_HINT
      : `Counted as ${counted} year${counted === 1 ? '' : 's'} (half years, 0 to ${MAX_YEARS}). ${YEARS_HINT}`;
}
onSettled(yearsInput, (typing, replace) => {
  // Down to a half year: 2.25 counted as 2.5 credited work the student had not done.
  const asked = yearsInput.value === '' ? 0 : Math.floor(Number(yearsInput.value) * 2) / 2;
  const years = Number.isFinite(asked) ? Math.max(0, Math.min(MAX_YEARS, asked)) : 0;
  const changed = years !== state.years;
  if (changed) update({ years, path: undefined }, replace);
  // The box shows what is counted ("-2" counts as 0, "2.3" as 2), once typing ends; while it goes on,
  // the hint says it (1.2 counted as 1 year with no word of it while the box still read 1.2).
  // A box the browser cannot read as a number ("1e") has the value '' and counts as 0: said too.
  const typed = yearsInput.validity.badInput || (yearsInput.value.trim() !== '' && Number(yearsInput.value) !== years);
  yearsHint(typing && typed ? years : undefined);
  if (!typing) yearsInput.value = state.years > 0 ? String(state.years) : '';
  // The start's panel says whether the pathways count the student's years there.
  const reopen =
    changed && state.role !== undefined && state.role === state.from ? openRole(state.role, false) : undefined;
  if (changed) together(showPathways(sameStops()), shade(), reopen).catch(fail);
  return changed;
});
partTimeBox.addEventListener('change', () => {
  update({ partTime: partTimeBox.checked, path: undefined });
  // An open panel says whether its months are full time beside part-time pathways.
  const reopen = state.role !== undefined ? openRole(state.role, false) : undefined;
  together(showPathways(sameStops()), shade(), reopen).catch(fail);
});
onTheJobBox.addEventListener('change', () => {
  update({ onTheJob: onTheJobBox.checked, path: undefined });
  // The start's panel says what its next steps count (renderPanel's trainedOnTheJob).
  const reopen = state.role !== undefined && state.role === state.from ? openRole(state.role, false) : undefined;
  together(showPathways(sameStops()), shade(), reopen).catch(fail);
});
printButton.addEventListener('click', () => window.print());
window.addEventListener('beforeprint', () => printHandout());
$('clear').addEventListener('click', () => {
  state = readState('');
  writeState(state, 'push');
  // What the opening link asked for and the map could not read went with it: the note came back.
  linkLeftBehind = true;
  unknownHeld = [];
  beyondList = '';
  noteUnread();
  mark();
  emptyPanel();
  say('');
  together(showPathways(), shade()).catch(fail);
});
$('key-form').addEventListener('submit', (event) => {
  event.preventDefault();
  apiKey.set($<HTMLInputElement>('key-input').value.trim());
  location.reload();
});

/** Says what the page's address asked for that it could not read, beside the status. */
/** "1 role is", "7 roles are". */
const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** Certifications a link names that the service does not have ("rn-licence"): left out, and named. */
let unknownHeld: string[] = [];
/** A link's `path` beyond the pathways found, in words (showPathways). */
let beyondList = '';

function noteUnread(): void {
  const unread = [
    // The address as opened: leaving out an unknown certification rewrites it, and the rest of what
    // could not be read (a misspelt goal, ranking or years) went unnamed.
    ...(linkLeftBehind ? [] : unreadParams(openedWith)),
    ...unknownHeld.map((s) => `held "${s}" (no certification has this slug; the boxes list them)`),
    ...(beyondList ? [beyondList] : []),
  ];
  const note = $<HTMLParagraphElement>('link-note');
  note.hidden = unread.length === 0;
  note.textContent = unread.length
    ? `This link asked for what the map cannot read, left out: ${unread.join('; ')}.`
    : '';
}

/**
 * On a narrow screen the pathways' details go below the map and its legend (before the map as a
 * list), in the page's order as well as on screen: below the form, a phone showed them first and the
 * map some 3,000 px down. On a wider screen they stay under the form, beside the map.
 */
const narrow = matchMedia('(max-width: 720px)');
function placePathways(): void {
  const section = $('pathways');
  if (narrow.matches) $('text-alternative').before(section);
  else document.querySelector('.plan')!.append(section);
}
narrow.addEventListener('change', placePathways);
placePathways();

/**
 * The certifications and licences a student may already hold, as boxes: a student holding the RN
 * licence was asked the nursing programs, the NCLEX and the licence again (the API's profile counts
 * a licence as what its only ways in ask). Changing one asks the pathways and the shading again.
 */
async function listHeld(): Promise<void> {
  const list = $('held-list');
  const all = await busy(loadCertifications());
  for (const c of all) acronyms.set(c.slug, c.acronym);
  // A link naming one the service does not have ("rn-licence") left every search refused, and no box
  // to untick: it is left out and named under the status, as other parts of a link are.
  unknownHeld = state.held.filter((s) => !all.some((c) => c.slug === s));
  if (unknownHeld.length) {
    update({ held: state.held.filter((s) => !unknownHeld.includes(s)) });
    noteUnread();
  }
  list.append(
    ...all.map((c) =>
      h(
        'label',
        {},
        h('input', {
          type: 'checkbox',
          value: c.slug,
          onchange: (event: Event) => {
            const box = event.target as HTMLInputElement;
            const held = state.held.filter((s) => s !== box.value);
            update({ held: box.checked ? [...held, box.value] : held, path: undefined });
            mark();
            together(showPathways(sameStops()), shade()).catch(fail);
          },
        }),
        ` ${c.acronym}`,
        h('span', { class: 'option-meta' }, ` ${c.name}`),
      ),
    ),
  );
}

/** Shows what `state` asks for once the map is drawn: the pathways, the shading and the open panel. */
async function showState(): Promise<void> {
  mark();
  // An O*NET occupation is drawn only once a pathway or the shading reaches it: its panel opens after them.
  const role = state.role;
  const occupation = role !== undefined && isOccupationCode(role);
  await together(showPathways(), shade(), role && !occupation ? openRole(role, false) : undefined);
  if (role && occupation && state.role === role) await openRole(role, false);
}

/**
 * A link whose goal (or start) is an O*NET-SOC code: the goal box showed nothing, and a code a curated
 * role is (11-9111.00, the healthcare administrator's occupation) led to a pathway ending at the role
 * with "the goal" unnamed. The occupation's node is looked up; a curated role's code becomes its slug.
 */
async function resolveCodes(): Promise<void> {
  for (const end of ['from', 'to'] as const) {
    const code = state[end];
    if (!state.onet || code === undefined || !isOccupationCode(code) || picked.has(code)) continue;
    const node = await busy(occupationByCode(code)).catch(() => null);
    if (node === null || state[end] !== code) continue;
    if (node.occupation) picked.set(node.slug, node);
    // "31-1131" is "31-1131.00": the address says the code the boxes and the map know it by.
    if (node.slug !== code) update({ [end]: node.slug });
  }
}

async function start(): Promise<void> {
  noteUnread();
  await resolveCodes();
  // One after the other: a failure of the first (no API key) is the page's state, not undone when
  // the second's request ends.
  await drawMap();
  await listHeld();
  await showState();
  started = true;
  // Not over an error a question of the view told on its own (as busy() leaves it).
  if (pending === 0 && document.documentElement.dataset.mapState !== 'error')
    document.documentElement.dataset.mapState = 'ready';
}

// Back and Forward go through the student's choices (each one a history entry, writeState): the
// view of the address they come to is shown again. Back used to leave the map altogether.
window.addEventListener('popstate', () => {
  if (!started) return;
  state = readState(location.search);
  // The number boxes too, even the one being typed in: after Back, the months box still read "18"
  // with no shading (mark leaves a focused box alone).
  withinInput.value = state.within === undefined ? '' : String(state.within);
  yearsInput.value = state.years > 0 ? String(state.years) : '';
  yearsHint();
  // The note on what a link asked for is about the link the page opened with.
  $('link-note').hidden = true;
  if (!state.role) emptyPanel();
  restoring++;
  drawMap()
    .then(showState)
    .catch(fail)
    .finally(() => restoring--);
});

start().catch(fail);
