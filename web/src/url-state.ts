/**
 * What the page shows, kept in the URL so that an advisor can send a link that opens the same
 * view: ?from=medical-assistant&to=medical-office-manager&rank=CHEAPEST&path=2&within=24&role=...
 * `path` counts from 1 in the URL (as the page does), from 0 here. `onet=1` includes the O*NET
 * occupations and their estimated moves; then `to` and `role` may be O*NET-SOC codes ("29-2034.00").
 */
import { isOccupationCode } from './api.js';

const RANKINGS = ['FASTEST', 'CHEAPEST', 'FEWEST_NEW_CERTIFICATIONS', 'FEWEST_STEPS'];

export type State = {
  from?: string;
  to?: string;
  toTrack?: string;
  rank: string;
  /** Which of the pathways found is shown, from 0. */
  path: number;
  /** Shade the roles reachable within this many months. */
  within?: number;
  /** The role (or occupation) whose details are open. */
  role?: string;
  /** Include O*NET occupations and the moves estimated into them. */
  onet: boolean;
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
  const rank = p.get('rank') ?? '';
  const onet = p.get('onet') === '1';
  const to = key(p.get('to'), onet);
  return {
    from: slug(p.get('from')),
    to,
    toTrack: to ? undefined : slug(p.get('track')),
    rank: RANKINGS.includes(rank) ? rank : 'FASTEST',
    path: Math.max((integer(p.get('path'), 10) ?? 1) - 1, 0),
    within: integer(p.get('within'), 600),
    role: key(p.get('role'), onet),
    onet,
  };
}

/** Puts `state` in the address bar without adding a history entry per click. */
export function writeState(state: State): void {
  const p = new URLSearchParams();
  if (state.from) p.set('from', state.from);
  if (state.to) p.set('to', state.to);
  if (state.toTrack) p.set('track', state.toTrack);
  if (state.rank !== 'FASTEST') p.set('rank', state.rank);
  if (state.path > 0) p.set('path', String(state.path + 1));
  if (state.within !== undefined) p.set('within', String(state.within));
  if (state.role) p.set('role', state.role);
  if (state.onet) p.set('onet', '1');
  const query = p.toString();
  history.replaceState(null, '', `${location.pathname}${query ? `?${query}` : ''}`);
}
