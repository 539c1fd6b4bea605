/** The side panel: one role's duties, wages and outlook with their sources and years, and next steps. */
import type { Figure, RoleDetails } from './api.js';
import { fill, h, sourceLine } from './dom.js';
import { figure, figureWhat, MOVE_KINDS, monthsRange, yearlyMedian } from './format.js';
import { LEVEL_NAMES } from './layout.js';

export type PanelActions = { open(slug: string): void; setStart(slug: string): void; setTarget(slug: string): void };

const figures = (caption: string, list: Figure[], noun: string) =>
  list.length === 0
    ? // Beside a wider occupation's median or BLS's projection, "No wage figures yet." read as a contradiction.
      h('p', {}, `No ${noun} figures for this role itself yet.`)
    : h(
        'table',
        { class: 'figures' },
        h('caption', {}, caption),
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            h('th', { scope: 'col' }, 'Figure'),
            h('th', { scope: 'col' }, 'Value'),
            h('th', { scope: 'col' }, 'Source'),
          ),
        ),
        h(
          'tbody',
          {},
          list.map((f) =>
            h('tr', {}, h('td', {}, figureWhat(f)), h('td', {}, figure(f)), h('td', {}, sourceLine(f.source))),
          ),
        ),
      );

/**
 * The median the API chooses for the role: the official BLS figure where one exists. When it is a
 * wider occupation's (the role only part of it: clinical coordinators among all medical and health
 * services managers) it is never the headline: it says whose median it is, and comes after the
 * role's own figures where there are any.
 */
function medianPay(wage: RoleDetails['medianWage']) {
  if (!wage || wage.value === null) return h('p', {}, 'No national median wage is known for this role.');
  const amount = yearlyMedian({ value: wage.value, atLeast: wage.atLeast });
  if (!wage.standIn)
    return h(
      'p',
      { class: 'median-pay' },
      h('strong', {}, 'Median pay: '),
      `${amount} (${wage.period ?? 'year not given'}), for ${wage.occupation}. `,
      sourceLine(wage.source),
    );
  return h(
    'p',
    { class: 'median-pay stand-in' },
    h('strong', {}, 'Median pay of a wider occupation: '),
    `${amount} (${wage.period ?? 'year not given'}) for all ${wage.occupation}, a group with other jobs in it: not this role’s own pay. `,
    sourceLine(wage.source),
  );
}

/**
 * BLS's official projection for the role's occupation, beside the outlook figures the curated
 * sources give: an EKG technician's page showed only clinical medical assistants' 12% (a secondary
 * page), where BLS projects 3.0% for its occupation.
 */
function projectionLine(projection: RoleDetails['projection']) {
  if (!projection || projection.changePercent === null) return null;
  // As BLS publishes it, to one decimal ("3.0%").
  const change = `${projection.changePercent > 0 ? '+' : ''}${projection.changePercent.toFixed(1)}%`;
  return h(
    'p',
    { class: 'projection' },
    h('strong', {}, 'BLS projection: '),
    `${change} jobs over ${projection.period.replace('-', '–')} for ${projection.wider ? 'all ' : ''}${projection.blsTitle} (${projection.blsCode})` +
      (projection.wider ? ', a group with other jobs in it: not this role’s alone. ' : '. '),
    sourceLine(projection.source),
  );
}

/** Fills `panel` with `role`. */
export function renderPanel(
  panel: HTMLElement,
  role: RoleDetails,
  actions: PanelActions,
  /** Whether the student is said to hold some certification (Already holds): next steps do not count it. */
  holdsSome = false,
  /** The start and the goal chosen: a role that is one offers no button to make it so again. */
  chosen: { start?: string; goal?: string } = {},
  /** The student was trained on the job in this role (the start): its usual program may be asked. */
  trainedOnTheJob = false,
  /**
   * What else the pathways count for the student: part-time study, and years in this role (the
   * start). The moves' months here are full time from a standing start: beside a part-time pathway
   * the LPN read "about 12 months" where the pathway took 24.
   */
  counts: { partTime: boolean; years: boolean } = { partTime: false, years: false },
): void {
  const counted = [
    counts.partTime ? 'part-time study' : '',
    counts.years ? 'the student’s years in this role' : '',
    holdsSome ? 'what the student already holds' : '',
  ].filter(Boolean);
  const list = (items: string[]) =>
    items.length > 1 ? `${items.slice(0, -1).join(', ')} and ${items.at(-1)}` : (items[0] ?? '');
  const countedWords = counted.length ? `; the pathways count ${list(counted)}.` : '.';
  fill(
    panel,
    h('h2', { id: 'panel-title', tabindex: -1 }, role.title),
    h('p', { class: 'meta' }, `${role.track.name} track · ${LEVEL_NAMES[role.level] ?? role.level} level`),
    role.alternateTitles.length ? h('p', { class: 'meta' }, `Also called: ${role.alternateTitles.join(', ')}`) : null,
    h(
      'div',
      { class: 'actions' },
      chosen.start === role.slug
        ? h('span', { class: 'meta' }, 'The start. ')
        : h('button', { type: 'button', onclick: () => actions.setStart(role.slug) }, 'Start from here'),
      chosen.goal === role.slug
        ? h('span', { class: 'meta' }, 'The goal.')
        : h('button', { type: 'button', onclick: () => actions.setTarget(role.slug) }, 'Make this the goal'),
    ),
    h('p', {}, role.summary),
    h('p', {}, h('strong', {}, 'Typical education: '), role.typicalEducation),
    h('h3', {}, 'Duties'),
    h(
      'ul',
      {},
      role.duties.map((d) => h('li', {}, d)),
    ),
    h('h3', {}, 'Pay'),
    // A wider occupation's median after the role's own figures, never before them.
    role.medianWage?.standIn && role.wages.length
      ? [figures('Wage figures and their sources', role.wages, 'wage'), medianPay(role.medianWage)]
      : [medianPay(role.medianWage), figures('Wage figures and their sources', role.wages, 'wage')],
    h('h3', {}, 'Outlook'),
    projectionLine(role.projection),
    figures('Outlook figures and their sources', role.outlook, 'outlook'),
    h('h3', {}, 'Next steps'),
    holdsSome || trainedOnTheJob || counts.partTime || counts.years
      ? h(
          'p',
          { class: 'meta' },
          // With "trained on the job" the panel read "no training or experience needed first" where the
          // pathway beside it took the medical assisting program (9 months).
          trainedOnTheJob
            ? `What each move asks of anyone in this role who completed the program it usually takes${counts.partTime ? ', with study counted full time' : ''}; a student trained on the job may be asked that program too: the pathways count it${counted.length ? `, and ${list(counted)}` : ''}.`
            : `What each move asks of anyone in this role${counts.partTime ? ', with study counted full time' : ''}${countedWords}`,
        )
      : null,
    role.nextSteps.length === 0
      ? // With the O*NET occupations a pathway out of it may take an estimated move (the registered
        // nurse's to nurse practitioners): "no moves" contradicted the pathway beside it.
        h(
          'p',
          {},
          'No curated moves out of this role are recorded yet. “Include O*NET occupations” searches the moves estimated from O*NET and BLS too.',
        )
      : h(
          'ul',
          { class: 'next-steps' },
          role.nextSteps.map((n) =>
            h(
              'li',
              {},
              h('button', { type: 'button', class: 'link', onclick: () => actions.open(n.to.slug) }, n.to.title),
              ` — ${MOVE_KINDS[n.kind] ?? n.kind}, ${
                n.unknownTraining
                  ? n.months === 0
                    ? 'length not known'
                    : `at least ${monthsRange(n.months, n.monthsUpTo)} from starting out in this role`
                  : n.months === 0
                    ? 'no training or experience needed first'
                    : `about ${monthsRange(n.months, n.monthsUpTo)} from starting out in this role`
              }`,
              n.requirements.length ? `; needs ${n.requirements.join(' and ')}` : '',
            ),
          ),
        ),
  );
}
