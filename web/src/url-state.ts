/**
 * What the page shows, kept in the URL so that an advisor can send a link that opens the same
 * view: ?from=medical-assistant&to=medical-office-manager&rank=CHEAPEST&path=2&within=24&role=...
 * `path` counts from 1 in the URL (as the page does), from 0 here. `onet=1` includes the O*NET
 * occupations and their estimated moves; then `to` and `role` may be O*NET-SOC codes ("29-2034.00").
 * `held=rn-license,cma` lists the certifications and licences the student already holds, `years=3`
 * their years in the starting role, `load=part` part-time study, `trained=job` a student trained on
 * the job in the starting role (without its usual program).
 */
import { isOccupationCode } from './api.js';

const RANKINGS = ['FASTEST', 'CHEAPEST', 'FEWEST_NEW_CERTIFICATIONS', 'FEWEST_STEPS'];

export type State = {
  from?: string;
  to?: string;
  toTrack?: string;
  rank: string;
  /**
   * Which of the pathways found the student chose, from 0; undefined when none was chosen (the first
   * is shown). A chosen first pathway is `path=1` in the URL: without it, Back, Forward or a reload
   * took the student's choice of Pathway 1 for the ranking's answer, and a ranking change let it go.
   */
  path?: number | undefined;
  /** Shade the roles reachable within this many months. */
  within?: number;
  /** The role (or occupation) whose details are open. */
  role?: string;
  /** Include O*NET occupations and the moves estimated into them. */
  onet: boolean;
  /** Certifications and licences the student already holds (slugs): the pathways' profile. */
  held: string[];
  /** The student's years in the starting role (0 to MAX_YEARS, in halves): the profile's too. */
  years: number;
  /** Part-time study: programs take twice as long. */
  partTime: boolean;
  /** Trained on the job in the starting role: its usual program is not taken as done. */
  onTheJob: boolean;
};

/** The most years in a role a link or the form may give. */
export const MAX_YEARS = 50;
/** Years in halves, 0 to MAX_YEARS; undefined for anything else. */
const readYears = (value: string | null): number | undefined => {
  const n = value === null || value === '' ? NaN : Number(value);
  return Number.isFinite(n) && n >= 0 && n <= MAX_YEARS && Number.isInteger(n * 2) ? n : undefined;
};

const slug = (value: string | null) => (value && /^[a-z0-9-]{1,100}$/.test(value) ? value : undefined);
/** A role's slug, or (with the O*NET occupations) an O*NET-SOC code. */
const key = (value: string | null, onet: boolean) =>
  slug(value) ?? (onet && value && isOccupationCode(value) ? value : undefined);
const integer = (value: string | null, max: number) => {
  const n = value === null || value === '' ? NaN : Number(value);
  return Number.isInteger(n) && n >= 0 && n <= max ? n : undefined;
};

/** The state a query string asks for; anything malformed is ignored. */
export function readState(search: string): State {
  const p = new URLSearchParams(search);
  // In any case, as held certifications are: "rank=cheapest" was refused while "held=CPC" was read.
  const rank = (p.get('rank') ?? '').toUpperCase();
  const onet = p.get('onet') === '1';
  const to = key(p.get('to'), onet);
  // Counted from 1, as the page does; 0 is no choice.
  const path = integer(p.get('path'), 10);
  return {
    from: key(p.get('from'), onet),
    to,
    toTrack: to ? undefined : slug(p.get('track')),
    rank: RANKINGS.includes(rank) ? rank : 'FASTEST',
    path: path ? path - 1 : undefined,
    within: integer(p.get('within'), 600),
    role: key(p.get('role'), onet),
    onet,
    held: [
      ...new Set(
        (p.get('held') ?? '')
          .split(',')
          // "CPC" typed in capitals is the CPC.
          .map((s) => slug(s.trim().toLowerCase()))
          .filter((s) => s !== undefined),
      ),
    ],
    years: readYears(p.get('years')) ?? 0,
    partTime: p.get('load') === 'part',
    onTheJob: p.get('trained') === 'job',
  };
}

/**
 * What a query string asked for that readState could not use, in words for the page to show: a
 * link with a typo otherwise opened an empty map with no word of why.
 */
export function unreadParams(search: string): string[] {
  const p = new URLSearchParams(search);
  const state = readState(search);
  const out: string[] = [];
  const asked = (name: string) => {
    const value = p.get(name);
    return value === null || value === '' ? undefined : value;
  };
  const quoted = (value: string) => `"${value.length > 60 ? `${value.slice(0, 60)}…` : value}"`;
  const role = (name: 'from' | 'to' | 'role', value: string | undefined, read: string | undefined) => {
    if (value === undefined || read !== undefined) return;
    if (!state.onet && isOccupationCode(value))
      out.push(`${name} ${quoted(value)} (an O*NET occupation: tick “Include O*NET occupations”, onet=1 in a link)`);
    else out.push(`${name} ${quoted(value)} (not a role's slug, such as medical-assistant)`);
  };
  role('from', asked('from'), state.from);
  role('to', asked('to'), state.to);
  role('role', asked('role'), state.role);
  const track = asked('track');
  if (track !== undefined && state.toTrack === undefined)
    out.push(
      state.to
        ? `track ${quoted(track)} (the link names a goal role too, which is used)`
        : `track ${quoted(track)} (not a track's slug)`,
    );
  const rank = asked('rank');
  if (rank !== undefined && rank.toUpperCase() !== state.rank)
    out.push(`rank ${quoted(rank)} (one of ${RANKINGS.join(', ')})`);
  const path = asked('path');
  if (path !== undefined && !integer(path, 10)) out.push(`path ${quoted(path)} (a number from 1 to 10)`);
  const onet = asked('onet');
  if (onet !== undefined && onet !== '1') out.push(`onet ${quoted(onet)} (1 includes the O*NET occupations)`);
  const within = asked('within');
  if (within !== undefined && state.within === undefined) out.push(`within ${quoted(within)} (months, from 0 to 600)`);
  const years = asked('years');
  if (years !== undefined && readYears(years) === undefined)
    out.push(`years ${quoted(years)} (years in the starting role, 0 to ${MAX_YEARS}, in halves)`);
  const load = asked('load');
  if (load !== undefined && load !== 'part') out.push(`load ${quoted(load)} (part for part-time study)`);
  const trained = asked('trained');
  if (trained !== undefined && trained !== 'job')
    out.push(`trained ${quoted(trained)} (job for a student trained on the job)`);
  for (const held of (asked('held') ?? '').split(',').filter((s) => s.trim() !== ''))
    if (slug(held.trim().toLowerCase()) === undefined)
      out.push(`held ${quoted(held)} (not a certification's slug, such as cma)`);
  return out;
}

/**
 * Puts `state` in the address bar: as a new entry of the browser's history for a choice the student
 * made (`push`), so that Back returns to the view before it (it left the map), or in place of the
 * current one (`replace`: the address a link opened with, tidied). An address that does not change
 * adds no entry.
 */
export function writeState(state: State, how: 'push' | 'replace' = 'replace'): void {
  const p = new URLSearchParams();
  if (state.from) p.set('from', state.from);
  if (state.to) p.set('to', state.to);
  if (state.toTrack) p.set('track', state.toTrack);
  if (state.rank !== 'FASTEST') p.set('rank', state.rank);
  if (state.path !== undefined) p.set('path', String(state.path + 1));
  if (state.within !== undefined) p.set('within', String(state.within));
  if (state.role) p.set('role', state.role);
  if (state.onet) p.set('onet', '1');
  if (state.held.length) p.set('held', state.held.join(','));
  if (state.years > 0) p.set('years', String(state.years));
  if (state.partTime) p.set('load', 'part');
  if (state.onTheJob) p.set('trained', 'job');
  const query = p.toString().replace(/%2C/g, ',');
  const address = `${location.pathname}${query ? `?${query}` : ''}`;
  if (how === 'push' && address !== `${location.pathname}${location.search}`) history.pushState(null, '', address);
  else history.replaceState(null, '', address);
}
