/**
 * The one-page handout a student takes home (browser print, or print to PDF): the chosen pathway
 * in words, the target's pay with its sources (a role's figures, or what BLS publishes for an O*NET
 * occupation), every source with its year, the link that
 * reopens this view, and a line saying it is guidance, not a guarantee.
 */
import type { OccupationPay, Pathway, RoleDetails, Source, Student } from './api.js';
import { fill, h, sourceLine } from './dom.js';
import {
  asRole,
  duration,
  figure,
  figureWhat,
  money,
  months,
  PASS_THROUGH,
  stepStart,
  usd,
  withinWords,
  yearlyMedian,
  years,
} from './format.js';

/**
 * The credit O*NET's licence asks where its information is modified (https://www.onetcenter.org/license_db.html),
 * as the map's footer gives it (index.html), with the addresses written out: on paper a link is not seen.
 */
const onetCredit = () =>
  h(
    'p',
    { class: 'onet-credit' },
    'This page includes information from the ',
    h('a', { href: 'https://www.onetcenter.org/', rel: 'noopener' }, 'O*NET 29.3 Database'),
    ' by the U.S. Department of Labor, Employment and Training Administration (USDOL/ETA). Used under the ',
    h('a', { href: 'https://creativecommons.org/licenses/by/4.0/', rel: 'license noopener' }, 'CC BY 4.0 license'),
    '. O*NET® is a trademark of USDOL/ETA. Career Lattice has modified all or some of this information. ' +
      'USDOL/ETA has not approved, endorsed, or tested these modifications. ' +
      'O*NET: https://www.onetcenter.org/; the licence: https://creativecommons.org/licenses/by/4.0/',
  );

/** "CPT", "CPT and CCMA", "CPT, CCMA and CMA (AAMA)". */
const list = (items: readonly string[]) =>
  items.length < 2 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;

export function renderHandout(
  handout: HTMLElement,
  pathway: Pathway,
  target: RoleDetails | null,
  link: string,
  /** For an O*NET occupation as the goal: what BLS publishes for it. */
  occupationPay: OccupationPay[] = [],
  /** What the pathway counted of the student (the form's years, study load and certifications held). */
  student: Student = { held: [], years: 0, partTime: false },
  /** Where the pathway is not the first found: which it is, and the first, in words. */
  choice?: string,
): void {
  const first = pathway.steps[0]!;
  const last = pathway.steps[pathway.steps.length - 1]!;
  const sources = new Map<string, Source>();
  // The moves' sources, and those of every known tuition and fee the pathway counts (NCES, AAMA).
  for (const s of pathway.steps.flatMap((step) => [...step.sources, ...step.costSources]))
    sources.set(`${s.title}|${s.year}`, s);
  // The median the panel shows (the API's choice), then up to two of the role's own figures; a wider
  // occupation's median after them, said to be that occupation's.
  const median = target?.medianWage?.value != null ? target.medianWage : null;
  const usable = (target?.wages ?? [])
    .filter((f) => f.geography === 'US')
    // The chosen median is said once, first, and no other median beside it: a student read "$93,600
    // a year, the median (2024, BLS); $81,220 a year (median wage, 2022)" as two answers. The panel
    // lists every figure with its year.
    .filter((f) => !(median && f.kind === 'MEDIAN_WAGE'));
  // The role's own figures, a typical one before one its source labels (entry level, top earners:
  // the handout led with "at least $57,000 a year", the top 10%); another group's only where the
  // role has none of its own, and said to be that group's.
  const hasOwn = usable.some((f) => f.scope === 'ROLE');
  const rank = (f: (typeof usable)[number]) =>
    (f.label || f.kind === 'TOP_EARNERS_WAGE' || f.kind === 'ENTRY_WAGE' ? 1 : 0) + (f.scope === 'ROLE' ? 0 : 2);
  const own = usable
    .filter((f) => f.scope === 'ROLE' || !hasOwn)
    .sort((a, b) => rank(a) - rank(b))
    .slice(0, median ? 2 : 3);
  const medianWords = median
    ? `${yearlyMedian({ value: median.value!, atLeast: median.atLeast })}, the median (${median.period ?? 'year not given'}, ${median.source.publisher}` +
      (median.standIn ? `, for all ${median.occupation}: a wider group than this role` : '') +
      ')'
    : null;
  const ownWords = own.map((f) => `${figure(f)} (${figureWhat(f)}, ${f.source.publisher})`);
  const pay =
    medianWords === null ? ownWords : median!.standIn ? [...ownWords, medianWords] : [medianWords, ...ownWords];
  for (const f of own) sources.set(`${f.source.title}|${f.source.year}`, f.source);
  if (median) sources.set(`${median.source.title}|${median.source.year}`, median.source);
  // One median for an occupation too, the newest (BLS's releases come newest first): three years'
  // medians side by side read as three answers, and ran the handout to a second page.
  const newestPay = occupationPay.slice(0, 1);
  for (const w of newestPay) sources.set(`${w.source.title}|${w.source.year}`, w.source);
  // Anything from O*NET on the sheet: an estimated move (O*NET's related occupations), an O*NET
  // occupation on the way or as the goal (its title, and the BLS figures published for it), or a
  // source that is O*NET's. Then its licence's credit is printed, small, at the foot.
  const fromOnet =
    pathway.steps.some((s) => s.basis === 'ESTIMATED' || s.from.occupation || s.to.occupation) ||
    newestPay.length > 0 ||
    [...sources.values()].some((s) => /O\*NET/.test(`${s.title} ${s.publisher}`));
  fill(
    handout,
    h('h2', {}, `From ${first.from.title} to ${last.to.title}`),
    // The second pathway on paper read as the way there, the quicker first one unmentioned.
    choice ? h('p', { class: 'choice' }, choice) : null,
    // Without what unknown costs count as for ranking ("For comparison only, we count the NCLEX-PN
    // exam fee as $550"): a stand-in orders pathways and is no price, and on paper it read as the
    // fee. What is not known is said before it, and in "In all".
    // Whose plan it is: the same pathway reads differently for a student with years behind them.
    student.years > 0 || student.partTime || student.onTheJob || student.held.length > 0
      ? h(
          'p',
          { class: 'counted' },
          h('strong', {}, 'Counted for this student: '),
          [
            student.years > 0 ? `${years(student.years)} ${asRole(first.from)} already` : '',
            student.partTime ? 'part-time study' : '',
            student.onTheJob ? `trained on the job ${asRole(first.from)}` : '',
            // Named: "already holds 1 certification" left the student to guess which.
            student.held.length
              ? `already holds ${student.heldNames?.length ? list(student.heldNames) : student.held.length === 1 ? '1 certification or licence' : `${student.held.length} certifications or licences`}` +
                (pathway.steps.some((s) => s.requirements.some((r) => r.endsWith('(already held)')))
                  ? ' (marked “already held” where a step asks it)'
                  : '')
              : '',
          ]
            .filter(Boolean)
            .join('; ') + '.',
        )
      : null,
    h('p', { class: 'summary' }, pathway.printSummary),
    h(
      'p',
      {},
      h('strong', {}, 'In all: '),
      `${duration(pathway.totalMonths, pathway.untimed, pathway.totalMonthsUpTo)}, ${money(pathway.cost)}.`,
    ),
    // On the first page, whatever the length: a long pathway ran to a second page, and the line with
    // it, which a student handed only the first never saw.
    h(
      'p',
      { class: 'disclaimer' },
      'This is guidance, not a guarantee: times, costs and requirements vary by employer, school and state, and some costs are not known. Check them with the program and the certifying body before you decide.',
    ),
    h(
      'table',
      { class: 'handout-steps' },
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          ['Step', 'Months', 'Cost', 'What it takes'].map((t) => h('th', { scope: 'col' }, t)),
        ),
      ),
      h(
        'tbody',
        {},
        pathway.steps.map((s, i) =>
          h(
            'tr',
            {},
            h(
              'td',
              {},
              `${i + 1}. ${s.from.title} → ${s.to.title}`,
              s.basis === 'ESTIMATED' ? ' (estimated from O*NET and BLS, not curated)' : '',
              // A job the student need not take read as a required step on paper.
              s.passesThrough ? h('br', {}) : null,
              s.passesThrough ? h('em', {}, `Working ${asRole(s.to)} is ${PASS_THROUGH}.`) : null,
              s.withinOccupation && s.months === 0 ? h('br', {}) : null,
              s.withinOccupation && s.months === 0 ? h('em', {}, withinWords(s.from.title, s.to.title)) : null,
            ),
            h(
              'td',
              {},
              stepStart(pathway.steps, i) !== null
                ? `${duration(s.months, s.untimed, s.monthsUpTo)}, starting ${stepStart(pathway.steps, i)}`
                : s.untimed.length || s.monthsUpTo > s.months
                  ? `${duration(s.months, s.untimed, s.monthsUpTo)}, from month ${s.startMonth}`
                  : s.months === 0
                    ? `0 months (at month ${s.startMonth})`
                    : `${months(s.months)} (months ${s.startMonth}–${s.endMonth})`,
            ),
            h(
              'td',
              {},
              money(s.cost),
              // Each known figure with its own source and year: the list at the foot named the sources
              // of the whole pathway, and a student could not tell which gave the $16,615.
              s.costFigures.length
                ? h(
                    'span',
                    { class: 'cost-figures' },
                    s.costFigures.flatMap((f) => [
                      h('br', {}),
                      // A median of schools' prices is no school's price: "about", as the API says it.
                      `${f.what} ${f.schools ? 'about ' : ''}${usd(f.usd)} (${f.source.publisher}, ${f.year}${f.schools ? `: ${f.schools}` : ''})`,
                    ]),
                  )
                : null,
            ),
            h(
              'td',
              {},
              [
                // The years of work a step asks: "60 months | CMA" read as a credential taking 5 years.
                ...(s.experienceMonths > 0
                  ? [
                      `work experience: ${s.experienceEstimated ? 'about ' : ''}${months(s.experienceMonths)}${s.experienceEstimated ? ' (the curators’ estimate: no source states it)' : ''}`,
                    ]
                  : []),
                // Training no source describes (a specialty's): "nothing further" contradicted the step.
                ...(s.basis === 'CURATED' ? s.untimed.map((u) => `${u} (length and cost not known)`) : []),
                ...s.requirements,
                ...s.training.map((t) => `training: ${t}`),
                ...s.notNeeded,
                // The data loaded names no licence for an estimated move into an O*NET occupation: never
                // read as "none needed". A job only passed through is not worked, and a role's step into
                // its own occupation is the same job: neither asks one. An open entry into a curated role
                // (a nursing assistant into the LPN) asks that role's own licence, named above: "any
                // licence it needs: not known" beside "earn LPN licence" contradicted it.
                ...(s.basis === 'ESTIMATED' && s.to.occupation && !s.passesThrough && !s.withinOccupation
                  ? ['any licence it needs: not known']
                  : []),
              ].join('; ') || (s.months > 0 ? 'experience only' : 'nothing further'),
            ),
          ),
        ),
      ),
    ),
    pay.length
      ? h(
          'p',
          {},
          // With no figure for the role itself, other groups' figures are not headed as its pay: a
          // clinical coordinator's read "Pay as Clinical Coordinator: $48,000-$55,000", clinical MAs'.
          h(
            'strong',
            {},
            hasOwn || (median !== null && !median.standIn)
              ? `Pay ${asRole(last.to)}: `
              : `No pay figure for ${last.to.title} itself; figures for related groups: `,
          ),
          pay.join('; '),
        )
      : newestPay.length
        ? h(
            'p',
            {},
            // Reached as a role within it: the whole occupation's pay, said not to be the role's.
            h(
              'strong',
              {},
              last.withinOccupation
                ? `Pay for all ${last.to.title} (${last.from.title} is one of its jobs): `
                : // An O*NET occupation's title is plural ("Respiratory Therapists").
                  `Pay for ${last.to.title}: `,
            ),
            newestPay.flatMap((w, i) => [
              i ? '; ' : '',
              `${w.median} a year, the median (${w.period}, ${w.source.publisher}` +
                (w.broader ? `, for the broader BLS occupation ${w.broader}` : '') +
                ')',
            ]),
            last.withinOccupation ? `; not ${last.from.title}’s own pay.` : '',
          )
        : null,
    h('h3', {}, 'Sources'),
    h(
      'ul',
      { class: 'handout-sources' },
      [...sources.values()].map((s) => h('li', {}, sourceLine(s))),
      // An estimated move has no curated sources of its own: what it is estimated from.
      pathway.steps.some((s) => s.basis === 'ESTIMATED')
        ? [
            // With the years the sources list gives them (prisma/data/sources.yaml: onet-29-3, bls-ep-2024-34,
            // ipeds-ic-2023); the worker characteristics are table 1.2's (it read 1.10, the openings').
            h(
              'li',
              {},
              'O*NET 29.3 Related Occupations (National Center for O*NET Development, 2025): the estimated moves',
            ),
            h(
              'li',
              {},
              'BLS Employment Projections 2024–34, table 1.2 (typical entry education, work experience and training; U.S. Bureau of Labor Statistics, 2025): what the estimated moves ask',
            ),
            h('li', {}, 'IPEDS Glossary (NCES): the least full-time length of each award an estimated move asks'),
          ]
        : [],
    ),
    h('p', { class: 'link' }, `Open this plan again: ${link}`),
    fromOnet ? onetCredit() : null,
  );
}
