/**
 * The estimation rules: every O*NET occupation becomes a node of the career graph and every O*NET
 * related-occupation link a move whose requirements are estimated from what the agencies publish
 * for the target (docs/cost-model.md, "Estimated moves"). Each rule names its source; a figure no
 * source gives is never made up (an unknown tuition stays unknown, with no estimate).
 *
 * Pure: it takes rows already read and returns the engine's input parts and their words.
 */
import { SOC_MAJOR_GROUPS } from '../db/soc-major-groups.js';
import { AFTER_BACHELORS, entryProgramId, PLAIN, WITH_BACHELORS } from '../graph/entry-programs.js';
import { aOrAn, list } from '../graph/explain.js';
import type { ProgramInput, RoleInput, TransitionInput } from '../graph/types.js';

export interface OccupationRow {
  id: number;
  code: string;
  title: string;
  majorGroup: string;
  typicalEducation: string | null;
  workExperience: string | null;
  onTheJobTraining: string | null;
  /** O*NET's Job Zone (1 to 5), when it gives one. */
  jobZone?: number | null;
  /**
   * The broader BLS occupation whose figures (education, experience, training) stand for it, as
   * "Clinical laboratory technologists and technicians (29-2010)"; null or absent when BLS's row is its own.
   */
  broaderBls?: string | null;
}

export interface RelatedRow {
  occupationId: number;
  relatedId: number;
  tier: string;
  position: number;
}

/** A curated role as the rules need it. */
export interface CuratedRole extends RoleInput {
  title: string;
  occupationId: number | null;
  occupationFit: string | null;
  /**
   * Whether whoever holds the role has a bachelor's degree or more: the role implies such a program,
   * or every curated move into it trains one. Not its occupation's typical education: a registered
   * nurse's is a bachelor's (BLS), but the curated ways in include the LPN-to-RN bridge and the ADN.
   */
  hasBachelors: boolean;
}

/**
 * How anyone enters a curated role: what every curated move into it from an entry-level role asks
 * (src/server/graph-input.ts, openEntriesOf), and the titles of those roles.
 */
export interface OpenEntry {
  training: readonly number[];
  requirementGroups: readonly (readonly number[])[];
  from: readonly string[];
}

/** The node id of an occupation without a curated role of its own (negative: never a role id). */
const occupationNodeId = (occupationId: number) => -occupationId;
/** The track id of a SOC major group (negative: never a curated track id). */
const socTrackId = (majorGroup: string) => -Number(majorGroup);
/**
 * The parts of an estimated move into `target` whose length no source gives, in words (each counted
 * as 0 months, and answers say "at least"): BLS's related work experience of "less than 5 years",
 * which has no least amount, or of "5 years or more", which has no most (5 are counted); a master's or doctoral degree past IPEDS's least length for it (the
 * least is counted, 1 or 2 years beyond a bachelor's: a floor, and no source here says how much
 * longer a given occupation's degree takes); and entry into an occupation no BLS row covers (SOC 2018 occupations
 * BLS publishes only inside a combination no official page here names, such as teaching assistants
 * within 25-9045), which BLS publishes no education, experience or training for: counted as nothing, it would read as a known 0 months.
 */
/**
 * Whether entering the occupation may ask work of unknown length before it (related experience with
 * no least amount, or nothing published at all): then the role before it is worked in, not passed
 * through (explain.ts, passesThrough). A graduate degree past its least length asks study, not work.
 */
function asksUnknownWork(target: Pick<OccupationRow, 'typicalEducation' | 'workExperience' | 'onTheJobTraining'>) {
  return (
    target.workExperience === 'LESS_THAN_FIVE_YEARS' ||
    (!target.typicalEducation && !target.workExperience && !target.onTheJobTraining)
  );
}

function untimedParts(
  target: Pick<OccupationRow, 'title' | 'typicalEducation' | 'workExperience' | 'onTheJobTraining'>,
  edu: { words: string; afterBachelors: boolean; months: number | null } | null,
): string[] {
  const parts: string[] = [];
  if (target.workExperience === 'LESS_THAN_FIVE_YEARS')
    parts.push('the related work experience BLS asks for (less than 5 years, no least amount)');
  // "5 years or more" is a floor: counted as 5, it read "about 9 years" to a chief executive.
  if (target.workExperience === 'FIVE_YEARS_OR_MORE')
    parts.push('the related work experience BLS asks for beyond the 5 years counted (BLS: 5 years or more)');
  if (edu?.afterBachelors && edu.months !== null) {
    const years = edu.months / 12;
    parts.push(
      `${edu.words} past its least length (IPEDS: ${years} year${years === 1 ? '' : 's'} after a bachelor’s degree)`,
    );
  }
  if (!target.typicalEducation && !target.workExperience && !target.onTheJobTraining)
    parts.push(
      `the preparation for ${target.title} (BLS publishes no typical education, experience or training for it)`,
    );
  return parts;
}

/**
 * SOC codes whose O*NET specialties (29-1141.01 acute care nurses to .04 clinical nurse
 * specialists) are kinds of the curated role that is the SOC's occupation: registered nurses
 * (BLS, Occupational Outlook Handbook: Registered Nurses, bls-ooh-rn: registered nurses may
 * specialise, among others in critical care, and every state licenses them). An estimated move
 * into one asks what the curated role implies (the RN licence, whose exam asks a nursing degree),
 * not BLS's typical education: estimated from the bachelor's alone, acute care nurses were 48 months
 * from a medical assistant with no nursing program, exam or licence (decision 024 keeps curated
 * roles' requirements; this keeps them for their specialties). Not every O*NET code under a
 * curated role's SOC is such a kind: anesthesiologist assistants (29-1071.01) are not physician
 * assistants, and no PA licence is asked of them.
 */
const SPECIALTIES_OF_ROLE = new Set(['29-1141']);

/**
 * O*NET occupations whose workers hold a curated role and more, by the SOC of that role: nurse
 * anesthetists, nurse midwives and nurse practitioners are advanced practice registered nurses
 * (APRNs), who must earn at least a master's degree in one of the APRN roles and be licensed (BLS,
 * Occupational Outlook Handbook: Nurse Anesthetists, Nurse Midwives, and Nurse Practitioners,
 * https://www.bls.gov/ooh/healthcare/nurse-anesthetists-nurse-midwives-and-nurse-practitioners.htm).
 * An estimated move into one is made only from the role, asking BLS's typical entry education as
 * any estimated move does: from elsewhere, a medical assistant became a nurse practitioner through
 * home health aides in 60 months with no nursing degree, NCLEX-RN or RN licence. Unlike a specialty,
 * such an occupation is left by its own related links: its move in asks a degree, not nothing.
 */
const ADVANCED_OF_ROLE: ReadonlyMap<string, string> = new Map([
  ['29-1151.00', '29-1141'],
  ['29-1161.00', '29-1141'],
  ['29-1171.00', '29-1141'],
]);

/** IPEDS: a bachelor's degree takes at least 4 years of full-time college work. */
const BACHELORS_MONTHS = 48;

/**
 * Typical entry education (BLS Employment Projections 2024-34, table 1.2) as a program, with the
 * least full-time length IPEDS' definition of the award allows (IPEDS Glossary, NCES,
 * https://nces.ed.gov/ipeds/glossary/; a year counted as 12 months, as the curated programs do):
 * an associate's degree at least 2 years, a bachelor's at least 4; a master's at least 1 year beyond
 * the bachelor's; a doctoral or professional degree a total of at least 6 years of college, 2 beyond
 * the bachelor's. A postsecondary nondegree award and "some college" have no least length (IPEDS
 * counts awards of under a year): answers count 0 months and say the length is unknown; ranking and
 * limits count a stand-in (estimatedGraph's unknownLengthMonths, decision 029).
 * High school or no formal credential: no program.
 */
const EDUCATION: Record<
  string,
  { words: string; credential: string; months: number | null; afterBachelors: boolean; lengthNote: string } | null
> = {
  DOCTORAL_OR_PROFESSIONAL_DEGREE: {
    words: 'a doctoral or professional degree',
    credential: 'DOCTORAL',
    months: 24,
    afterBachelors: true,
    lengthNote: 'at least 2 years beyond a bachelor’s degree, IPEDS’s least length',
  },
  MASTERS_DEGREE: {
    words: 'a master’s degree',
    credential: 'MASTER',
    months: 12,
    afterBachelors: true,
    lengthNote: 'at least 1 year beyond a bachelor’s degree, IPEDS’s least length',
  },
  BACHELORS_DEGREE: {
    words: 'a bachelor’s degree',
    credential: 'BACHELOR',
    months: 48,
    afterBachelors: false,
    // Its length, as the schema and the months count it: "at least 4 years" beside "about 4 years".
    lengthNote: '4 years full time, IPEDS’s least length for the award, counted as its length',
  },
  ASSOCIATES_DEGREE: {
    words: 'an associate’s degree',
    credential: 'ASSOCIATE',
    months: 24,
    afterBachelors: false,
    lengthNote: '2 years full time, IPEDS’s least length for the award, counted as its length',
  },
  POSTSECONDARY_NONDEGREE_AWARD: {
    words: 'a postsecondary nondegree award',
    credential: 'CERTIFICATE',
    months: null,
    afterBachelors: false,
    lengthNote: 'its length unknown, counted as 0 months',
  },
  SOME_COLLEGE_NO_DEGREE: {
    words: 'some college, no degree',
    credential: 'CERTIFICATE',
    months: null,
    afterBachelors: false,
    lengthNote: 'its length unknown, counted as 0 months',
  },
  HIGH_SCHOOL_DIPLOMA_OR_EQUIVALENT: null,
  NO_FORMAL_EDUCATIONAL_CREDENTIAL: null,
};
const AT_LEAST_BACHELORS = new Set(['BACHELORS_DEGREE', 'MASTERS_DEGREE', 'DOCTORAL_OR_PROFESSIONAL_DEGREE']);

/**
 * A curated role's O*NET specialty that O*NET puts in Job Zone 5, "Extensive Preparation Needed":
 * "Most of these occupations require graduate school. For example, they may require a master's
 * degree" (O*NET 29.3, Job Zone Reference). BLS publishes its figures for the SOC alone (a registered
 * nurse's bachelor's), so the zone is the only official word on the specialty's own education:
 * advanced practice psychiatric nurses (29-1141.02) and clinical nurse specialists (.04) were "at
 * least 2 years" from a medical assistant, the specialty itself counted as nothing, though both are
 * advanced practice nurses with a master's.
 */
const graduateSpecialty = (o: Pick<OccupationRow, 'code' | 'jobZone'>) =>
  o.jobZone === 5 && !o.code.endsWith('.00') && SPECIALTIES_OF_ROLE.has(o.code.slice(0, 7));

/** A graduate specialty's entry education: a master's, as Job Zone 5 gives for example. */
const GRADUATE_SPECIALTY_EDUCATION = { ...EDUCATION.MASTERS_DEGREE! };

/** The entry education an estimated move into `o` asks: BLS's typical one, or a graduate specialty's. */
const entryEducation = (o: OccupationRow) =>
  graduateSpecialty(o) ? GRADUATE_SPECIALTY_EDUCATION : o.typicalEducation ? EDUCATION[o.typicalEducation] : null;

/**
 * Related work experience (BLS EP table 1.2) as years in the source role: "5 years or more" is at
 * least 5; "less than 5 years" states no least amount above none, so none is counted and the words
 * say so; "none" is none.
 */
const EXPERIENCE: Record<string, { years: number; words: string }> = {
  FIVE_YEARS_OR_MORE: { years: 5, words: '5 years or more of related work experience (5 years counted)' },
  LESS_THAN_FIVE_YEARS: {
    years: 0,
    words: 'less than 5 years of related work experience (no least amount given, none counted)',
  },
  NONE: { years: 0, words: 'no related work experience' },
};

/** BLS's typical on-the-job training, with the lengths BLS's categories give (Employment Projections). */
const TRAINING: Record<string, string> = {
  INTERNSHIP_OR_RESIDENCY: 'an internship or residency',
  APPRENTICESHIP: 'an apprenticeship',
  LONG_TERM: 'long-term on-the-job training (more than 12 months)',
  MODERATE_TERM: 'moderate-term on-the-job training (1 to 12 months)',
  SHORT_TERM: 'short-term on-the-job training (a month or less)',
  NONE: 'no on-the-job training',
};

/** Training in the new job a pathway's summary names (longer than a month), uncounted as the move's. */
const NAMED_ON_THE_JOB = new Set(['INTERNSHIP_OR_RESIDENCY', 'APPRENTICESHIP', 'LONG_TERM', 'MODERATE_TERM']);

/** BLS's typical on-the-job training for an occupation, in words, and whether a summary names it. */
interface OnTheJob {
  words: string;
  named: boolean;
}

/** "4th of O*NET's related occupations, among the closest": "(among the closest, #4)" read as jargon. */
const relatedWords = (link: { tier: string; position: number }) =>
  `${ordinal(link.position)} of O*NET's related occupations, ${TIERS[link.tier] ?? 'related'}`;

const ordinal = (n: number) =>
  `${n}${n % 100 >= 11 && n % 100 <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th')}`;

const TIERS: Record<string, string> = {
  PRIMARY_SHORT: 'among the closest',
  PRIMARY_LONG: 'closely related',
  SUPPLEMENTAL: 'less closely related',
};

/** What the estimated part of the graph adds to the engine's input, and its words. */
export interface EstimatedGraph {
  nodes: RoleInput[];
  programs: ProgramInput[];
  transitions: TransitionInput[];
  /** Why each estimated move asks what it asks, by transition id. */
  notes: Map<number, string>;
  /**
   * Estimated moves whose time is not known, by transition id, in words: related work experience with
   * no least amount (BLS: "less than 5 years"), or entry into an occupation BLS publishes no
   * education, experience or training for. None is counted (0 months), and answers say so.
   */
  experienceUnknown: Map<number, string[]>;
  /** Moves whose entry may ask work of unknown length in the role they leave (asksUnknownWork). */
  workUnknown: Set<number>;
  /**
   * Estimated moves into an occupation with BLS typical on-the-job training, by transition id: that
   * training, in words ("moderate-term on-the-job training (1 to 12 months)"), and whether a pathway's
   * summary names it (longer than a month). It happens once hired, in the new job: not counted in the
   * move's months, and said, but not of a job the pathway only passes through.
   */
  onTheJob: Map<number, OnTheJob>;
  /**
   * Moves into a curated role's specialty, by transition id: what the specialty asks beyond the role,
   * which no source describes, in words (of unknown length and cost: GraphInput.unknownTrainingTransitions).
   */
  unknownTraining: Map<number, string>;
  /** Names of the occupation nodes, SOC tracks and estimated programs, by id. */
  nodeNames: Map<number, { title: string; trackId: number }>;
  trackNames: Map<number, { name: string }>;
  programNames: Map<number, { name: string; credential: string }>;
  /** O*NET-SOC code -> node id, for every occupation (a curated EXACT role's node for its occupation). */
  nodeByCode: Map<string, number>;
  /** Node id -> occupation id, for the occupation nodes (not curated roles). */
  occupationOfNode: Map<number, number>;
  /** Occupation nodes that are a curated role's specialty (SPECIALTIES_OF_ROLE): the role's id, by node id. */
  specialtyRole: Map<number, number>;
  /**
   * Occupation nodes entered only from a curated role, by node id: its specialties and the
   * occupations whose workers hold it and more (ADVANCED_OF_ROLE). The role's id.
   */
  enteredOnlyFrom: Map<number, number>;
  /** Moves of a curated role into the wider O*NET occupation it is within (asking nothing), by transition id. */
  withinMoves: Set<number>;
  /** Estimated moves into a curated role from an O*NET occupation, asking its open entry, by transition id. */
  openEntryMoves: Set<number>;
  /**
   * Entry programs of no known length (a postsecondary nondegree award, "some college"), by program id:
   * the months the engine counts them at for ranking and limits (the `unknownLengthMonths` given), which
   * answers take out again (src/schema/pathway.ts, withoutLengthStandIns).
   */
  lengthStandIns: Map<number, number>;
}

/**
 * The occupations as nodes, their O*NET related-occupation links as estimated moves, and the
 * links between curated roles and their occupations. A curated role that is its occupation
 * (fit EXACT) is that occupation's node.
 */
export function estimatedGraph(
  roles: readonly CuratedRole[],
  occupations: readonly OccupationRow[],
  related: readonly RelatedRow[],
  /**
   * The curated "bachelor's degree (any field)" program, when the dataset has one: a graduate entry
   * program asks it as a prerequisite, so that a learner who has it (completed on the way, or in
   * their profile) is not asked it again. Without it, the graduate program counts its 48 months.
   */
  bachelors: { id: number } | null = null,
  /** Curated roles' open entries, by role id: asked by an estimated move into the role (decision 024). */
  openEntries: ReadonlyMap<number, OpenEntry> = new Map(),
  /**
   * The months an entry program of no known length counts for ranking and limits (lengthStandIns):
   * counted as 0, FASTEST ranked five pathways through such programs before a known 4-month one.
   */
  unknownLengthMonths = 0,
): EstimatedGraph {
  const byId = new Map(occupations.map((o) => [o.id, o]));
  const exactRole = new Map<number, CuratedRole>();
  for (const r of [...roles].sort((a, b) => a.id - b.id))
    if (r.occupationFit === 'EXACT' && r.occupationId !== null && !exactRole.has(r.occupationId))
      exactRole.set(r.occupationId, r);

  const out: EstimatedGraph = {
    nodes: [],
    programs: [],
    transitions: [],
    notes: new Map(),
    experienceUnknown: new Map(),
    unknownTraining: new Map(),
    lengthStandIns: new Map(),
    workUnknown: new Set(),
    onTheJob: new Map(),
    openEntryMoves: new Set(),
    nodeNames: new Map(),
    trackNames: new Map(),
    programNames: new Map(),
    nodeByCode: new Map(),
    occupationOfNode: new Map(),
    specialtyRole: new Map(),
    enteredOnlyFrom: new Map(),
    withinMoves: new Set(),
  };
  const nodeOf = (occupationId: number) => exactRole.get(occupationId)?.id ?? occupationNodeId(occupationId);
  const roleById = new Map(roles.map((r) => [r.id, r]));

  for (const o of occupations) {
    out.nodeByCode.set(o.code, nodeOf(o.id));
    const edu = entryEducation(o);
    if (edu) {
      // Each program is asked for only by moves into this occupation: at most once on a pathway.
      out.programs.push({
        id: entryProgramId(o.id),
        slug: `entry-${o.code}`,
        minMonths: edu.months ?? unknownLengthMonths,
        typicalCostUsd: null,
        costEstimateUsd: null,
      });
      if (edu.months === null && unknownLengthMonths > 0)
        out.lengthStandIns.set(entryProgramId(o.id), unknownLengthMonths);
      out.programNames.set(entryProgramId(o.id), {
        name: `Entry education for ${o.title} (${edu.words}, estimated)`,
        credential: edu.credential,
      });
      if (edu.afterBachelors) {
        out.programs.push({
          id: entryProgramId(o.id, WITH_BACHELORS),
          slug: `entry-${o.code}-with-bachelors`,
          minMonths: BACHELORS_MONTHS + edu.months!,
          typicalCostUsd: null,
          costEstimateUsd: null,
        });
        out.programNames.set(entryProgramId(o.id, WITH_BACHELORS), {
          name: `Entry education for ${o.title} (a bachelor’s degree, then ${edu.words}, estimated)`,
          credential: edu.credential,
        });
        if (bachelors !== null) {
          out.programs.push({
            id: entryProgramId(o.id, AFTER_BACHELORS),
            slug: `entry-${o.code}-after-bachelors`,
            minMonths: edu.months!,
            typicalCostUsd: null,
            costEstimateUsd: null,
            prerequisites: [bachelors.id],
          });
          out.programNames.set(entryProgramId(o.id, AFTER_BACHELORS), {
            name: `Entry education for ${o.title} (${edu.words} after a bachelor’s degree, estimated)`,
            credential: edu.credential,
          });
        }
      }
    }
    if (exactRole.has(o.id)) continue;
    const id = occupationNodeId(o.id);
    const trackId = socTrackId(o.majorGroup);
    out.nodes.push({
      id,
      slug: o.code,
      trackId,
      trackSlug: `soc-${o.majorGroup}`,
      impliedPrograms: [],
      impliedCertifications: [],
    });
    out.nodeNames.set(id, { title: o.title, trackId });
    out.occupationOfNode.set(id, o.id);
    out.trackNames.set(trackId, {
      name: `${SOC_MAJOR_GROUPS[o.majorGroup] ?? `SOC major group ${o.majorGroup}`} occupations (SOC ${o.majorGroup}-0000)`,
    });
  }

  // The curated role each specialty of SPECIALTIES_OF_ROLE is a kind of.
  const specialtyOf = new Map<number, CuratedRole>();
  for (const o of occupations) {
    if (o.code.endsWith('.00') || !SPECIALTIES_OF_ROLE.has(o.code.slice(0, 7))) continue;
    const parent = occupations.find((p) => p.code === `${o.code.slice(0, 7)}.00`);
    const role = parent && exactRole.get(parent.id);
    if (role) {
      specialtyOf.set(o.id, role);
      out.specialtyRole.set(nodeOf(o.id), role.id);
      out.enteredOnlyFrom.set(nodeOf(o.id), role.id);
    }
  }
  // The curated role each occupation of ADVANCED_OF_ROLE asks of its workers.
  const advancedOf = new Map<number, CuratedRole>();
  for (const o of occupations) {
    const soc = ADVANCED_OF_ROLE.get(o.code);
    const parent = soc === undefined ? undefined : occupations.find((p) => p.code === `${soc}.00`);
    const role = parent && exactRole.get(parent.id);
    if (role && !exactRole.has(o.id)) {
      advancedOf.set(o.id, role);
      out.enteredOnlyFrom.set(nodeOf(o.id), role.id);
    }
  }

  /**
   * Whether a learner at a node has a bachelor's degree or more, and if not, why not in words: at an
   * occupation, its typical entry education says (the estimated move into it asked for it); at a
   * curated role, the curated ways into it say (CuratedRole.hasBachelors).
   */
  const bachelorsAt = (node: number): { has: boolean; why: string } => {
    const role = roleById.get(node) ?? (node < 0 ? specialtyOf.get(-node) : undefined);
    if (role !== undefined) return { has: role.hasBachelors, why: `${aOrAn(role.title)} ${role.title} need not have` };
    const education = node < 0 ? byId.get(-node)?.typicalEducation : undefined;
    return {
      has: education !== undefined && education !== null && AT_LEAST_BACHELORS.has(education),
      why: 'the starting occupation does not typically have',
    };
  };

  /**
   * The requirements of an estimated move from node `from` into occupation `target`, and their
   * words: the target's typical entry education as its own estimated program (for a graduate degree,
   * with the bachelor's it builds on unless the learner at the source has one: see bachelorsAt),
   * the years of related experience BLS states, nothing for on-the-job training (it happens in the
   * new job). Curated programs and licences are not asked for: the curated moves carry those.
   */
  const requirements = (from: number, target: OccupationRow) => {
    const role = specialtyOf.get(target.id);
    if (role !== undefined && !graduateSpecialty(target))
      return {
        minYearsExperience: 0,
        training: [] as number[],
        requirementGroups: [] as number[][],
        words:
          `${target.title} are ${role.title.toLowerCase()}s with a specialty (O*NET's ${target.code}, within ${role.title}), ` +
          `entered only from ${role.title}, whose curated moves ask its licence, exam and programs; ` +
          'what the specialty asks beyond that, no source here says',
        // Of unknown length and cost: "No tuition or fee is counted" read as free.
        untimed: [] as string[],
        undescribed: `what the specialty of ${target.title} asks beyond being ${aOrAn(role.title)} ${role.title}`,
        unknownWork: true,
        onTheJob: undefined as OnTheJob | undefined,
      };
    const words: string[] = [];
    // A graduate specialty (graduateSpecialty): the role's curated moves, then the master's Job Zone 5
    // gives (below); what it asks beyond both, no source here says.
    if (role !== undefined)
      words.push(
        `${target.title} are ${role.title.toLowerCase()}s with a specialty (O*NET's ${target.code}, within ${role.title}), ` +
          `entered only from ${role.title}, whose curated moves ask its licence, exam and programs; ` +
          'O*NET puts the specialty in Job Zone 5, whose occupations most require graduate school, for example a master’s degree',
      );
    const advanced = advancedOf.get(target.id);
    if (advanced !== undefined)
      words.push(
        `${target.title} are ${advanced.title.toLowerCase()}s with more education (BLS), entered only from ${advanced.title}, ` +
          'whose curated moves ask its licence, exam and programs',
      );
    let training: number[] = [];
    const edu = entryEducation(target);
    if (edu) {
      const source = edu.afterBachelors ? bachelorsAt(from) : { has: true, why: '' };
      const withBachelors = !source.has;
      const way = !withBachelors
        ? PLAIN
        : (roleById.has(from) || specialtyOf.has(-from)) && bachelors !== null
          ? AFTER_BACHELORS
          : WITH_BACHELORS;
      training = [entryProgramId(target.id, way)];
      // After the dataset's bachelor's as a prerequisite, a learner who has it is not asked it again
      // ("which a Registered Nurse need not have" read to a BSN holder as asking it of them).
      const bachelorsWords = !withBachelors
        ? ''
        : `, after a bachelor’s degree of at least 4 years, which ${source.why}` +
          (way === AFTER_BACHELORS ? ' (one who has completed it is not asked it again)' : '');
      words.push(
        `${edu.words} ${edu === GRADUATE_SPECIALTY_EDUCATION ? 'is counted' : 'is the typical entry education'} (${edu.lengthNote}${bachelorsWords}; tuition unknown` +
          // A graduate program takes a bachelor's of any field; BLS names no field for the others, so
          // a degree already held (a BSN, on the way to an accountant) is not taken for this one.
          // "BLS names no field of study, so a degree already held is not taken" read as backwards.
          (['ASSOCIATE', 'BACHELOR'].includes(edu.credential)
            ? '; BLS does not say in which field, so a degree already held is not assumed to be in it)'
            : ')'),
      );
    } else if (target.typicalEducation) {
      words.push(
        `${target.typicalEducation === 'HIGH_SCHOOL_DIPLOMA_OR_EQUIVALENT' ? 'a high school diploma or equivalent' : 'no formal educational credential'} is the typical entry education, so no program is required`,
      );
    } else if (target.workExperience || target.onTheJobTraining)
      words.push('BLS publishes no typical entry education for it, so no program is assumed');
    else
      words.push(
        'BLS publishes no typical entry education, experience or training for it (no BLS row covers this O*NET occupation), so what entering it takes is unknown and not counted',
      );
    // A graduate specialty's BLS figures are the registered nurses' as a whole ("no related work
    // experience" beside Job Zone 5's "many require more than five years of experience"): not said of
    // it. What it asks beyond the role and the master's, no source here says.
    if (role !== undefined)
      return {
        minYearsExperience: 0,
        training,
        requirementGroups: [] as number[][],
        words: `estimated from O*NET for ${target.title}: ${words.join('; ')}`,
        untimed: untimedParts({ ...target, workExperience: null }, edu ?? null),
        undescribed: `what the specialty of ${target.title} asks beyond being ${aOrAn(role.title)} ${role.title} with a master’s degree`,
        unknownWork: true,
        onTheJob: undefined as OnTheJob | undefined,
      };
    const exp = target.workExperience ? EXPERIENCE[target.workExperience] : undefined;
    if (exp) words.push(exp.words);
    // Said by the step's words after these (src/graph/explain.ts), not of a job only passed through.
    const onTheJobTraining = target.onTheJobTraining;
    const onTheJob: OnTheJob | undefined =
      onTheJobTraining && onTheJobTraining !== 'NONE'
        ? { words: TRAINING[onTheJobTraining] ?? 'on-the-job training', named: NAMED_ON_THE_JOB.has(onTheJobTraining) }
        : undefined;
    return {
      minYearsExperience: exp?.years ?? 0,
      training,
      requirementGroups: [] as number[][],
      // BLS's row for a wider group (29-2010 for laboratory technicians and technologists alike) is
      // said to be one: its bachelor's read as what a technician needs.
      words: `estimated from BLS for ${target.title}${target.broaderBls ? ` (BLS publishes these figures only for the broader ${target.broaderBls})` : ''}: ${words.join('; ')}`,
      untimed: untimedParts(target, edu ?? null),
      undescribed: undefined as string | undefined,
      unknownWork: asksUnknownWork(target),
      onTheJob,
    };
  };

  const seen = new Set<string>();
  let nextId = -1;
  const add = (
    from: number,
    to: number,
    parts: Omit<TransitionInput, 'id' | 'from' | 'to'>,
    note: string,
    {
      untimed = [],
      unknownWork = false,
      undescribed,
      onTheJob,
    }: { untimed?: string[]; unknownWork?: boolean; undescribed?: string; onTheJob?: OnTheJob } = {},
  ): number | undefined => {
    const key = `${from}>${to}`;
    if (from === to || seen.has(key)) return undefined;
    seen.add(key);
    const id = nextId--;
    // Out of a curated role (a positive id) into the occupations, but for those entered only from it:
    // a search from an occupation, which takes open entries, does not leave the curated roles again
    // (decision 024), so that the certifications earned there do not multiply its labels over every
    // occupation.
    const leaves = from > 0 && parts.openEntry !== true && !out.enteredOnlyFrom.has(to);
    out.transitions.push({ id, from, to, ...parts, estimated: true, ...(leaves ? { leavesCurated: true } : {}) });
    out.notes.set(id, note);
    if (untimed.length) out.experienceUnknown.set(id, untimed);
    if (unknownWork) out.workUnknown.add(id);
    if (undescribed !== undefined) out.unknownTraining.set(id, undescribed);
    if (onTheJob !== undefined) out.onTheJob.set(id, onTheJob);
    return id;
  };

  // Curated roles within a wider occupation (not EXACT) whose holders may lack the bachelor's or
  // more the occupation typically asks (a compliance specialist): past the occupation's node a
  // learner counts as having it (bachelorsAt), so such a role does not enter the node; it takes the
  // occupation's related links itself, each asking what it asks of someone at the role.
  // Curated roles within a wider occupation that is no curated role's, with it, and whether the
  // role's holders may lack the bachelor's or more it typically asks.
  const within = roles.flatMap((r) => {
    const o = r.occupationId === null || r.occupationFit === 'EXACT' ? undefined : byId.get(r.occupationId);
    if (o === undefined || exactRole.has(o.id)) return [];
    const lacksEducation = !!o.typicalEducation && AT_LEAST_BACHELORS.has(o.typicalEducation) && !r.hasBachelors;
    return [{ r, o, lacksEducation }];
  });
  const withoutItsEducation = new Map<number, CuratedRole[]>();
  for (const { r, o, lacksEducation } of within)
    if (lacksEducation) withoutItsEducation.set(o.id, [...(withoutItsEducation.get(o.id) ?? []), r]);

  for (const link of [...related].sort((a, b) => a.occupationId - b.occupationId || a.position - b.position)) {
    const source = byId.get(link.occupationId);
    const target = byId.get(link.relatedId);
    if (!source || !target) continue;
    // A curated role is entered only by its curated moves, here as below: an estimated move into
    // it would ask BLS's typical entry education and none of the role's curated programs and
    // licences, so a pathway through it would be shorter and cheaper than the curated data says
    // (medical assistant → licensed practical nurse in 0 months, with no practical-nursing program
    // and no NCLEX-PN).
    // Except from an O*NET occupation into a role anyone enters the same way (its open entry: the
    // LPN's practical nursing program and licence), asking exactly that: a nursing assistant could
    // not become an LPN at all. Searches use these moves only from an occupation (openEntries), so
    // that answers from curated roles stay the curated graph's.
    const role = exactRole.get(target.id);
    if (role !== undefined) {
      const entry = openEntries.get(role.id);
      // Not from an occupation entered only from a curated role (nurse practitioners are registered
      // nurses with more education: an open entry made them registered nurses again in 24 months).
      if (entry === undefined || exactRole.has(source.id) || specialtyOf.has(source.id) || advancedOf.has(source.id))
        continue;
      const id = add(
        nodeOf(source.id),
        role.id,
        {
          minYearsExperience: 0,
          training: [...entry.training],
          requirementGroups: entry.requirementGroups.map((g) => [...g]),
          estimated: true,
          openEntry: true,
        },
        `O*NET relates ${role.title} to ${source.title} (${relatedWords(link)}); it asks what every curated move into ` +
          `${role.title} from an entry-level role asks (from ${list(entry.from)}), with the curated figures`,
      );
      if (id !== undefined) out.openEntryMoves.add(id);
      continue;
    }
    // Likewise a specialty of a curated role is entered from that role only (below, if O*NET does
    // not relate them).
    const specialist = specialtyOf.get(target.id);
    if (specialist !== undefined && nodeOf(source.id) !== specialist.id) continue;
    // And an occupation whose workers hold a curated role and more from that role only (an RN first).
    const advanced = advancedOf.get(target.id);
    if (advanced !== undefined && nodeOf(source.id) !== advanced.id) continue;
    // And left by none: its move in asked nothing known, so moves out of it made a free shortcut
    // from the role (registered nurse → advanced practice psychiatric nurses, 0 months → aides →
    // nurse practitioners ranked before the direct move); the role's own links lead on. A graduate
    // specialty's move now asks a master's, but still leaves no way on that the role's links lack.
    if (specialtyOf.has(source.id)) continue;
    const { words, untimed, unknownWork, undescribed, onTheJob, ...parts } = requirements(nodeOf(source.id), target);
    add(
      nodeOf(source.id),
      nodeOf(target.id),
      { ...parts, estimated: true },
      `O*NET relates ${target.title} to ${source.title} (${relatedWords(link)}); ${words}`,
      { untimed, unknownWork, undescribed, onTheJob },
    );
    for (const r of withoutItsEducation.get(source.id) ?? []) {
      const own = requirements(r.id, target);
      add(
        r.id,
        nodeOf(target.id),
        {
          minYearsExperience: own.minYearsExperience,
          training: own.training,
          requirementGroups: own.requirementGroups,
          estimated: true,
        },
        `O*NET relates ${target.title} to ${source.title}, the occupation ${r.title} is within ` +
          `(${relatedWords(link)}); ${own.words}`,
        own,
      );
    }
  }

  // From a role into its specialties, then into the occupations whose workers hold it, where O*NET
  // does not relate them (in that order, as the moves' ids are given).
  for (const [occupationId, role] of [...specialtyOf, ...advancedOf]) {
    const { words, untimed, unknownWork, undescribed, onTheJob, ...parts } = requirements(
      role.id,
      byId.get(occupationId)!,
    );
    add(role.id, nodeOf(occupationId), { ...parts, estimated: true }, words, {
      untimed,
      unknownWork,
      undescribed,
      onTheJob,
    });
  }

  // A curated role narrower or broader than its occupation leads into it, asking nothing: its holder
  // already works in that occupation. Not the other way: no source says what moving from the wider
  // occupation into the role asks, and a move counted as free would let a pathway skip the role's
  // curated requirements (a certification, a program) — an unknown shown as nothing. The role is
  // entered by its curated moves. For the same reason, not when the occupation is itself a curated
  // role (EXACT): a practice administrator would become a healthcare administrator for nothing.
  for (const { r, o, lacksEducation } of within) {
    if (lacksEducation) continue;
    const id = add(
      r.id,
      nodeOf(o.id),
      { minYearsExperience: 0, training: [], requirementGroups: [] },
      `${r.title} is within the O*NET occupation ${o.title} (${o.code}), so the move asks nothing`,
    );
    if (id !== undefined) out.withinMoves.add(id);
  }
  return out;
}
