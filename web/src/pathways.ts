/** The pathways found, one chosen at a time, and the chosen one step by step. */
import type { Pathway } from './api.js';
import { fill, h, sourceLine } from './dom.js';
import {
  asRole,
  duration,
  money,
  MOVE_KINDS,
  months,
  monthsRange,
  PASS_THROUGH,
  stepStart,
  usd,
  withinWords,
} from './format.js';

/** "Pathway 2: 30 months, $1,450, 3 steps" ("at least 24 months", "length unknown" when a program's length is). */
export const pathwayLabel = (p: Pathway, i: number, short = false) =>
  `Pathway ${i + 1}: ${p.untimed.length ? (p.totalMonths > 0 ? `at least ${months(p.totalMonths)}` : 'length unknown') : monthsRange(p.totalMonths, p.totalMonthsUpTo)}, ${short ? shortMoney(p.cost) : money(p.cost)}, ${p.steps.length} ${p.steps.length === 1 ? 'step' : 'steps'}`;

/** A cost in a few words, for the status line (the pathway below names what is unknown). */
const shortMoney = (cost: Pathway['cost']) =>
  cost.usd !== null
    ? money(cost)
    : cost.tuitionUnknown
      ? // "tuition unknown" where a licence fee was unknown too read as the only gap.
        `cost not known (tuition${cost.moreUnknown ? ' and more' : ''} unknown)`
      : cost.knownUsd > 0
        ? cost.approximate
          ? `about ${usd(cost.knownUsd)} known, part of the cost unknown`
          : `at least ${usd(cost.knownUsd)}, part of the cost unknown`
        : 'cost unknown';

/**
 * How the ranking treats what no source gives, when a pathway listed has such a part: the order is
 * the API's, and a student comparing "at least $16,950" with "at least $16,950" should know why one
 * comes first.
 */
export function orderNote(pathways: Pathway[], rank: string): string | null {
  if (rank === 'CHEAPEST' && pathways.some((p) => p.cost.usd === null))
    return 'How these are ordered: a cost no source gives counts at an estimate, at a stand-in when too few figures are known, or at nothing when there is nothing to go on (each pathway’s summary says which). Where costs are unknown, the order is only as good as those figures.';
  if (rank !== 'FASTEST') return null;
  const notes = [
    pathways.some((p) => p.untimed.length > 0)
      ? 'a part whose length no source gives counts as 0 months, so a pathway taking “at least” some months may take longer than one listed after it'
      : '',
    pathways.some((p) => p.totalMonthsUpTo > p.totalMonths)
      ? 'a program whose length is a range counts at its shortest, so a pathway shown as “24–36 months” may take longer than one listed after it'
      : '',
  ].filter(Boolean);
  return notes.length ? `How these are ordered: ${notes.join('; and ')}.` : null;
}

/**
 * What a step's months are made of, in words: " (12 months of training)", " (12 months of experience,
 * then 6 months of training)"; waiting to be eligible for an exam is the rest. Nothing when only one
 * part makes the whole (it says no more than the months).
 */
function timeParts(s: Pathway['steps'][number]): string {
  const wait = s.months - s.experienceMonths - s.trainingMonths;
  const parts = [
    s.experienceMonths > 0
      ? `${s.experienceEstimated ? 'about ' : ''}${months(s.experienceMonths)} of experience${s.experienceEstimated ? ' (the curators’ estimate)' : ''}`
      : '',
    s.trainingMonths > 0 ? `${months(s.trainingMonths)} of training` : '',
    wait > 0 ? `${months(wait)} of work to become eligible for an exam` : '',
  ].filter(Boolean);
  const ranged = s.monthsUpTo > s.months ? ', programs at their shortest' : '';
  return parts.length > 1 || ranged || s.experienceEstimated ? ` (${parts.join(', then ')}${ranged})` : '';
}

/** Fills `section` with the choice of pathways, ranked by `rank`, and the chosen one's steps. */
export function renderPathways(
  section: HTMLElement,
  pathways: Pathway[],
  chosen: number,
  choose: (i: number) => void,
  rank: string,
  /** Without a pathway: why, and what to try. */
  none = 'No pathway leads there.',
): void {
  if (!pathways[chosen]) {
    fill(section, h('p', {}, none));
    return;
  }
  // The chosen pathway's words, figures and steps: drawn again when another is chosen (its text
  // stayed the first's while the picture, the status and the handout showed the second).
  let shownDetail = detail(pathways[chosen]!, chosen, rank);
  fill(
    section,
    h(
      'fieldset',
      { class: 'choices' },
      h('legend', {}, 'Best pathways'),
      pathways.map((p, i) =>
        h(
          'label',
          {},
          h('input', {
            type: 'radio',
            name: 'pathway',
            value: i,
            checked: i === chosen,
            onchange: () => {
              const next = detail(p, i, rank);
              shownDetail.replaceWith(next);
              shownDetail = next;
              choose(i);
            },
          }),
          ` ${pathwayLabel(p, i)}`,
          // Where it leads: two pathways of "36 months, $0, 1 step" into a track went to different roles.
          h('span', { class: 'route' }, `: ${p.steps.map((s) => s.to.title).join(' → ')}`),
        ),
      ),
      pathways.length > 1 && orderNote(pathways, rank) !== null
        ? h('p', { class: 'hint order-note' }, orderNote(pathways, rank))
        : null,
    ),
    shownDetail,
  );
}

/** A pathway's summary, totals and steps, as renderPathways shows the chosen one. */
function detail(pathway: Pathway, index: number, rank: string): HTMLElement {
  return h(
    'div',
    { class: 'pathway', 'aria-label': `Pathway ${index + 1}` },
    // What unknown costs count as for ranking only where the ranking is by cost: under FASTEST a
    // stand-in tuition ("we count … as $39,103") was the one large dollar figure, read as the price.
    h('p', { class: 'summary' }, rank === 'CHEAPEST' ? pathway.summary : pathway.printSummary),
    h(
      'p',
      { class: 'totals' },
      'In all: ',
      h(
        'span',
        { class: 'total-months' + (pathway.untimed.length ? ' unknown' : '') },
        duration(pathway.totalMonths, pathway.untimed, pathway.totalMonthsUpTo),
      ),
      ', ',
      h('span', { class: 'total-cost' + (pathway.cost.usd === null ? ' unknown' : '') }, money(pathway.cost)),
      pathway.certificationsToEarn.length ? `; certifications to earn: ${pathway.certificationsToEarn.join(', ')}` : '',
      pathway.crossesTracks ? '; changes track' : '',
    ),
    h(
      'ol',
      { class: 'steps' },
      pathway.steps.map((s, i) =>
        h(
          'li',
          {
            class: s.basis === 'ESTIMATED' ? 'step estimated' : 'step',
            'data-from': s.from.slug,
            'data-to': s.to.slug,
            'data-basis': s.basis,
          },
          h('strong', {}, `${s.from.title} → ${s.to.title}`),
          // "(move to another track, changes track)" said it twice.
          ` (${MOVE_KINDS[s.kind] ?? s.kind}${s.crossesTracks && s.kind !== 'CROSS_TRACK' ? ', changes track' : ''})`,
          s.basis === 'ESTIMATED'
            ? h('p', { class: 'estimated-note' }, 'This move is estimated from O*NET and BLS, not curated.')
            : null,
          s.passesThrough ? h('p', { class: 'pass-through' }, `Working ${asRole(s.to)} is ${PASS_THROUGH}.`) : null,
          // The student's own job's occupation read as a step to take (an EKG technician "moving" to
          // cardiovascular technologists and technicians).
          s.withinOccupation && s.months === 0
            ? h('p', { class: 'pass-through' }, withinWords(s.from.title, s.to.title))
            : null,
          h(
            'div',
            {},
            // After an earlier step's range or unknown length, when it starts is said as such.
            stepStart(pathway.steps, i) !== null
              ? `Starting ${stepStart(pathway.steps, i)}: `
              : // A range of lengths starts at a month, and ends when the programs do.
                s.untimed.length || s.monthsUpTo > s.months
                ? `From month ${s.startMonth}: `
                : s.months === 0
                  ? `At month ${s.startMonth}: `
                  : `Months ${s.startMonth}–${s.endMonth}: `,
            h(
              'span',
              { class: 'step-months' + (s.untimed.length ? ' unknown' : '') },
              duration(s.months, s.untimed, s.monthsUpTo),
            ),
            s.months > 0 ? timeParts(s) : '',
          ),
          h(
            'div',
            {},
            'Cost: ',
            h(
              'span',
              { class: 'step-cost' + (s.cost.usd === null ? ' unknown' : '') },
              // "Cost: not known (...)", not "Cost: cost unknown (...)" or "Cost: cost not known: ...".
              money(s.cost).replace(/^cost (unknown|not known)/, 'not known'),
            ),
            // Who publishes each known tuition and fee counted: the figures' sources, on the step.
            s.costSources.length
              ? h(
                  'span',
                  { class: 'cost-sources' },
                  ' — ',
                  s.costSources.flatMap((c, i) => [i ? '; ' : '', sourceLine(c)]),
                )
              : null,
          ),
          s.requirements.length ? h('div', {}, `Requirements: ${s.requirements.join('; ')}`) : null,
          s.training.length ? h('div', {}, `Training: ${s.training.join('; ')}`) : null,
          h('p', { class: 'explanation' }, s.explanation),
        ),
      ),
    ),
  );
}
