/**
 * A role picker: type part of a title or an alternate title ("MOA", "phleb"), and the API's own
 * search offers the matching roles (and, while `occupations()` says so, O*NET occupations by title
 * or O*NET-SOC code). The ARIA 1.2 combobox pattern: arrow keys move through the
 * options, Enter picks, Escape closes, and the active option is announced.
 */
import { distance } from 'fastest-levenshtein';
import { type Role, searchRoles } from './api.js';
import { LEVEL_NAMES } from './layout.js';

/** What was typed as the API reads a search: trimmed, lower case, a run of spaces as one ("medical  assistant"). */
const normalized = (typed: string) => typed.trim().replace(/\s+/g, ' ').toLowerCase();

/**
 * The roles whose title or an alternate title is nearest what was typed, by edit distance, within
 * a third of its length (at least 2): "medcal assistant", "regsitered nurse". Three at most.
 */
function nearestRoles(typed: string, roles: readonly Role[]): Role[] {
  const text = normalized(typed);
  if (text.length < 3) return [];
  const within = Math.max(2, Math.floor(text.length / 3));
  return roles
    .map((role) => ({
      role,
      d: Math.min(...[role.title, ...role.alternateTitles].map((t) => distance(text, t.toLowerCase()))),
    }))
    .filter((x) => x.d <= within)
    .sort((a, b) => a.d - b.d || a.role.title.localeCompare(b.role.title))
    .slice(0, 3)
    .map((x) => x.role);
}

/**
 * How well a role's names match what was typed, best first: a title or alternate title that is the
 * text (0: "MA" for Medical Assistant), one that starts with it (1), one with a word that starts with
 * it (2), any other match (3). "MA" found Medical Assistant seventh, after every title with "ma"
 * somewhere in it (Health Information Technician).
 */
function matchRank(typed: string, role: Role): number {
  // O*NET's titles for a role's occupation count too (the option says whose they are): "staff
  // nurse", a title O*NET reports for registered nurses, put the role last. But a step behind the
  // role's own names and an occupation's own title: "respiratory" offered the healthcare
  // administrator first (O*NET lists "Respiratory Therapy Director" under its occupation), above
  // respiratory therapists, and a counsellor took it with Enter.
  const own = [role.title, ...role.alternateTitles].map((t) => titleRank(typed, t));
  const onet = (role.occupationTitles ?? []).map((t) => titleRank(typed, t) + 1);
  return Math.min(3, ...own, ...onet);
}

/**
 * How well one title matches what was typed: 0 it is the text, 1 starts with it or has it as a whole
 * word, 2 a word starts with it, 3 contains it, 4 not at all. A whole word ranks as a start: for
 * "nurse", Nurse Midwives, Nurse Anesthetists and Nurse Practitioners (O*NET occupations) came before
 * the licensed practical and registered nurses, whose titles end with the word.
 */
function titleRank(typed: string, title: string): number {
  const text = normalized(typed);
  const t = title.toLowerCase();
  if (t === text) return 0;
  if (t.startsWith(text) || ` ${t} `.includes(` ${text} `)) return 1;
  if (t.split(/[\s(/,-]+/).some((w) => w.startsWith(text))) return 2;
  return t.includes(text) ? 3 : 4;
}

/** `found` in matchRank order, the API's order kept among equals; twelve at most. */
const byMatch = (typed: string, found: readonly Role[]): Role[] =>
  found
    .map((role, i) => ({ role, i, rank: matchRank(typed, role) }))
    // Among equal matches a curated role before an O*NET occupation: for "nurse" the licensed
    // practical and registered nurses came after five occupations reached only by estimated moves.
    .sort((a, b) => a.rank - b.rank || Number(!!a.role.occupation) - Number(!!b.role.occupation) || a.i - b.i)
    .slice(0, 12)
    .map((x) => x.role);

export type Combobox = {
  /** Shows `role` as the current choice without searching. */
  show(role: Role | undefined): void;
};

export function roleCombobox(
  input: HTMLInputElement,
  listbox: HTMLElement,
  onPick: (role: Role) => void,
  onError: (error: unknown) => void,
  occupations: () => boolean = () => false,
  /** The box emptied and left: the choice is dropped. */
  onClear?: () => void,
  /** The curated roles, for the nearest titles when the search finds none (a typo). */
  known: () => readonly Role[] = () => [],
  /** Whether the box can search O*NET occupations once they are included (then says so when nothing matches). */
  offersOccupations = false,
  /** A role not to offer (the goal box: the start, which "respiratory" offered by an O*NET title). */
  excluded: () => string | undefined = () => undefined,
): Combobox {
  let options: Role[] = [];
  /** Options that are the nearest titles to a search that matched none ("Did you mean"). */
  let nearest = false;
  /** The choice the box stands for; leaving it with other text puts its title back. */
  let current: Role | undefined;
  let active = -1;
  let timer: number | undefined;
  let asked = 0;

  const close = () => {
    listbox.hidden = true;
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
    active = -1;
  };

  /** The role's alternate title that matches what is typed, when its title does not. */
  const aliasOf = (role: Role, text: string) =>
    role.alternateTitles.find((t) => t.toLowerCase().includes(text) && !role.title.toLowerCase().includes(text));
  /** The best-matching of O*NET's titles for the role's occupation, when none of the role's own names matches. */
  const onetTitleOf = (role: Role, text: string) =>
    aliasOf(role, text) || role.title.toLowerCase().includes(text)
      ? undefined
      : role.occupationTitles
          ?.filter((t) => titleRank(text, t) < 4)
          .sort((a, b) => titleRank(text, a) - titleRank(text, b))[0];

  const render = () => {
    const text = normalized(input.value);
    listbox.replaceChildren(
      ...options.map((role, i) => {
        const li = document.createElement('li');
        li.id = `${listbox.id}-${i}`;
        li.setAttribute('role', 'option');
        li.setAttribute('aria-selected', String(i === active));
        li.dataset.slug = role.slug;
        const alias = aliasOf(role, text);
        const onetTitle = onetTitleOf(role, text);
        // A title O*NET gives the role's occupation is said to be O*NET's: "Medical Assistant
        // (Respiratory Therapist Assistant)" read as a respiratory job.
        li.textContent = alias
          ? `${role.title} (${alias})`
          : onetTitle
            ? `${role.title} (O*NET also lists “${onetTitle}” under its occupation)`
            : role.title;
        const meta = document.createElement('span');
        meta.className = 'option-meta';
        meta.textContent = role.occupation
          ? ` ${role.slug} · O*NET occupation`
          : ` ${role.track.name} · ${LEVEL_NAMES[role.level] ?? role.level}`;
        li.append(meta);
        li.addEventListener('mousedown', (e) => e.preventDefault());
        li.addEventListener('click', () => pick(i));
        return li;
      }),
    );
    const note = (text: string) => {
      const li = document.createElement('li');
      li.className = 'no-match';
      li.textContent = text;
      return li;
    };
    if (nearest) listbox.prepend(note(`No role matches “${input.value.trim()}”. Did you mean:`));
    else if (options.length === 0) listbox.append(note('No role matches.'));
    // Roles found only through the titles O*NET gives their occupations ("respiratory" offered the
    // medical assistant, through "Respiratory Therapist Assistant", and a counsellor took it for the
    // goal): the occupation asked for may be one of O*NET's own, which the box searches once ticked.
    // Said as a condition: O*NET's title may also name the role offered ("RHIT", "staff nurse").
    const onetOnly = !nearest && options.length > 0 && options.every((role) => onetTitleOf(role, text) !== undefined);
    if ((nearest || options.length === 0 || onetOnly) && offersOccupations && !occupations())
      listbox.append(
        note(
          onetOnly
            ? 'If none of these is the job you mean, tick “Include O*NET occupations” to search every occupation too.'
            : 'Tick “Include O*NET occupations” to search every occupation too.',
        ),
      );
    listbox.hidden = false;
    input.setAttribute('aria-expanded', 'true');
    if (active >= 0) input.setAttribute('aria-activedescendant', `${listbox.id}-${active}`);
    else input.removeAttribute('aria-activedescendant');
  };

  const pick = (i: number) => {
    const role = options[i];
    if (!role) return;
    input.value = role.title;
    current = role;
    close();
    onPick(role);
  };

  /**
   * The option Enter takes when none is chosen: the one whose title (or an alternate title) is what
   * was typed, else the first. The API lists them by title, so "medical assistant" came after
   * "Administrative Medical Assistant" and Enter took the wrong one.
   */
  const named = (typed: string): number => {
    const text = normalized(typed);
    const exact = options.findIndex(
      (r) => r.title.toLowerCase() === text || r.alternateTitles.some((t) => t.toLowerCase() === text),
    );
    return exact >= 0 ? exact : 0;
  };

  const search = async () => {
    const text = input.value.trim().replace(/\s+/g, ' ');
    if (text.length < 2) return close();
    const mine = ++asked;
    // Nothing to find without a letter or a digit (the API refuses such a search): said as for any
    // text that matches nothing ("--" closed the list without a word).
    if (!/[\p{L}\p{N}]/u.test(text)) {
      options = [];
      nearest = false;
      active = -1;
      return render();
    }
    try {
      const found = (await searchRoles(text, occupations())).filter((r) => r.slug !== excluded());
      if (mine !== asked) return;
      options = found.length ? byMatch(text, found) : nearestRoles(text, known());
      nearest = found.length === 0 && options.length > 0;
      active = -1;
      render();
    } catch (error) {
      onError(error);
    }
  };

  input.setAttribute('role', 'combobox');
  input.setAttribute('aria-autocomplete', 'list');
  input.setAttribute('aria-expanded', 'false');
  input.setAttribute('aria-controls', listbox.id);
  input.autocomplete = 'off';
  listbox.setAttribute('role', 'listbox');
  close();

  input.addEventListener('input', () => {
    window.clearTimeout(timer);
    timer = window.setTimeout(search, 150);
  });
  input.addEventListener('keydown', (event) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      if (listbox.hidden) return void search();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      active = (active + step + options.length) % Math.max(options.length, 1);
      render();
    } else if (event.key === 'Enter' && !listbox.hidden) {
      event.preventDefault();
      // A guess at a misspelling is taken only when chosen with the arrows, never by Enter alone.
      if (active >= 0) pick(active);
      else if (!nearest) pick(named(input.value));
    } else if (event.key === 'Escape') {
      close();
    }
  });
  input.addEventListener('blur', () =>
    window.setTimeout(() => {
      close();
      if (document.activeElement === input) return;
      // Never text that disagrees with what is shown: typed and left, it read "Phlebotomy
      // Technician" over a pathway to the registered nurse.
      if (input.value.trim() === '' && current && onClear) {
        current = undefined;
        onClear();
      } else input.value = current?.title ?? '';
    }, 100),
  );

  return {
    show: (role) => {
      current = role;
      input.value = role?.title ?? '';
    },
  };
}
