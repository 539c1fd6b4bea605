/**
 * What a request searches: one version of the data as the pathway engine indexed it, with the
 * estimates of its unknown costs and the names its answers mention, so that pathways, their
 * summaries and explanations come from memory alone (src/server/graph-store.ts builds it).
 */
import type { Estimate } from '../db/estimates.js';
import type { GraphIndex } from '../graph/index.js';
import type { CertificationNames } from '../graph/explain.js';

/**
 * The curated bachelor's degree of any field: the one a graduate degree's entry program estimated
 * from BLS builds on (src/server/estimated-moves.ts), and the one a learner with any bachelor's or
 * master's has (resolveProfile in ./pathway-inputs.ts).
 */
export const BACHELORS_PROGRAM_SLUG = 'bachelors-degree';

/** Records by database id: a Map, or a lookup over packed columns (src/server/packed-names.ts). */
export interface ById<T> {
  get(id: number): T | undefined;
}

/** What pathways' words need, by database id: titles and names. */
interface GraphNames {
  roles: ById<{ title: string; trackId: number }>;
  tracks: ById<{ name: string }>;
  certifications: ById<CertificationNames>;
  programs: ById<ProgramNames>;
}

/** A program's names and the figures its words need. */
export interface ProgramNames {
  name: string;
  credential: string;
  /** The longest full-time length a source gives (the engine counts the shortest); null when none. */
  maxMonths: number | null;
  /** The program's CIP code ('' when none: an estimated entry program). */
  cipCode: string;
  costSource: string;
  /** Which bound no cited source gives ('min', 'max', 'both' or ''): the curators' usual length. */
  lengthEstimated: string;
}

/** The index of one version of the data, with its estimates and names. */
export interface GraphSnapshot {
  index: GraphIndex;
  programEstimates: ReadonlyMap<number, Estimate>;
  feeEstimates: ReadonlyMap<number, Estimate>;
  names: GraphNames;
  /** Why each estimated move asks what it asks, by transition id (src/server/estimated-moves.ts). */
  moveNotes: ReadonlyMap<number, string>;
  /** Estimated moves' parts of no known length, in words (estimated-moves.ts). */
  experienceUnknown: ReadonlyMap<number, readonly string[]>;
  /** Moves that may ask training no source describes: what, in words (Transition.unknownTraining; estimated moves into a curated role's specialty). */
  unknownTraining: ReadonlyMap<number, string>;
  /**
   * Estimated entry programs of no known length, by program id: the months the engine counts them at
   * for ranking and limits, taken out of every answer (EstimatedGraph.lengthStandIns).
   */
  lengthStandIns: ReadonlyMap<number, number>;
  /** How that stand-in is made, in words ("the median shortest length of the 4 …"). */
  lengthStandInBasis: string;
  /** Curated moves whose years of experience are the curators' estimate (Transition.yearsEstimated). */
  yearsEstimated: ReadonlySet<number>;
  /** Estimated moves that may ask work of unknown length in the role they leave (estimated-moves.ts). */
  workUnknown: ReadonlySet<number>;
  /** Estimated moves into an occupation with BLS on-the-job training: that training, in words (estimated-moves.ts). */
  onTheJob: ReadonlyMap<number, { words: string; named: boolean }>;
  /** O*NET-SOC code -> node id (a curated role's id where the role is its occupation, EXACT). */
  nodeByCode: ReadonlyMap<string, number>;
  /** Node id -> occupation id, for the nodes that are occupations rather than curated roles. */
  occupationOfNode: ReadonlyMap<number, number>;
  /** Occupation nodes entered only from a curated role, their specialty's (estimated-moves.ts): the role's id. */
  specialtyRole: ReadonlyMap<number, number>;
  /** Occupation nodes entered only from a curated role: its specialties and its advanced practice (estimated-moves.ts). */
  enteredOnlyFrom: ReadonlyMap<number, number>;
  /** Moves of a curated role into the wider O*NET occupation it is within (estimated-moves.ts). */
  withinMoves: ReadonlySet<number>;
  /** Estimated moves into a curated role from an O*NET occupation, asking its open entry (estimated-moves.ts). */
  openEntryMoves: ReadonlySet<number>;
  /**
   * Other names people give a record, by aliasKey, to the slug they name: a role's alternate titles
   * ("LPN"), a certification's acronym ("CMA (AAMA)"), the acronym in a program's name ("ADN").
   * Suggested when a slug is not found: `to: "rn"` hears of "registered-nurse".
   */
  aliases: Readonly<Record<'role' | 'certification' | 'training program', ReadonlyMap<string, string>>>;
}

/** How an alias is matched: lower case, letters and digits only ("CMA (AAMA)" and "cma-aama" alike). */
export const aliasKey = (name: string): string => name.toLowerCase().replace(/[^a-z0-9]+/g, '');

/** The acronyms a name gives in brackets: "Associate degree in nursing (ADN)" gives "ADN". */
const bracketedAcronyms = (name: string): string[] =>
  [...name.matchAll(/\(([A-Z][A-Za-z-]{1,9})\)/g)].map((m) => m[1]!);

/** The other names of each kind of record that GraphSnapshot.aliases holds. */
export const ALIAS_NAMES = {
  role: (r: { title: string; alternateTitles: readonly string[] }) => [r.title, ...r.alternateTitles],
  certification: (c: { acronym: string; name: string }) => [c.acronym, c.name],
  'training program': (p: { name: string }) => [p.name, ...bracketedAcronyms(p.name)],
};

/** Records' other names (`names`) as aliasKey → slug; a key two records share names neither. */
export function aliasMap<T extends { slug: string }>(
  rows: readonly T[],
  names: (row: T) => string[],
): Map<string, string> {
  const out = new Map<string, string>();
  const shared = new Set<string>();
  for (const row of rows)
    for (const name of names(row)) {
      const key = aliasKey(name);
      if (key === '' || shared.has(key)) continue;
      const known = out.get(key);
      if (known === undefined) out.set(key, row.slug);
      else if (known !== row.slug) {
        out.delete(key);
        shared.add(key);
      }
    }
  return out;
}
