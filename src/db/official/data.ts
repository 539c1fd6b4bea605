/**
 * The official dataset as the service uses it: what `npm run data:import` derives from the
 * agencies' files and writes to prisma/data/official, and what the loader reads back. Kept small:
 * only what the API serves.
 */

import { decimal, matching } from './table.js';

/** OEWS's special values: `*` no wage estimate, `#` at or above the top of the published range, `**` no employment estimate. */
const OEWS_MARKERS = ['*', '#', '**'] as const;
type OewsMarker = (typeof OEWS_MARKERS)[number];
/** A published OEWS cell: a number, or one of the special values kept as it was published. */
export type OewsCell = number | OewsMarker;

/** The OEWS statistics served, in the order of the derived file's columns. */
export const WAGE_STATS = ['mean', 'p10', 'p25', 'median', 'p75', 'p90'] as const;
type WageStat = (typeof WAGE_STATS)[number];

/** BLS Employment Projections categories, as the tables print them, and the names the API uses. */
export const EDUCATION = {
  'Doctoral or professional degree': 'DOCTORAL_OR_PROFESSIONAL_DEGREE',
  "Master's degree": 'MASTERS_DEGREE',
  "Bachelor's degree": 'BACHELORS_DEGREE',
  "Associate's degree": 'ASSOCIATES_DEGREE',
  'Postsecondary nondegree award': 'POSTSECONDARY_NONDEGREE_AWARD',
  'Some college, no degree': 'SOME_COLLEGE_NO_DEGREE',
  'High school diploma or equivalent': 'HIGH_SCHOOL_DIPLOMA_OR_EQUIVALENT',
  'No formal educational credential': 'NO_FORMAL_EDUCATIONAL_CREDENTIAL',
} as const;
export const EXPERIENCE = {
  '5 years or more': 'FIVE_YEARS_OR_MORE',
  'Less than 5 years': 'LESS_THAN_FIVE_YEARS',
  None: 'NONE',
} as const;
export const TRAINING = {
  'Internship/residency': 'INTERNSHIP_OR_RESIDENCY',
  Apprenticeship: 'APPRENTICESHIP',
  'Long-term on-the-job training': 'LONG_TERM',
  'Moderate-term on-the-job training': 'MODERATE_TERM',
  'Short-term on-the-job training': 'SHORT_TERM',
  None: 'NONE',
} as const;
type Education = (typeof EDUCATION)[keyof typeof EDUCATION];
type Experience = (typeof EXPERIENCE)[keyof typeof EXPERIENCE];
type Training = (typeof TRAINING)[keyof typeof TRAINING];

export const TIERS = {
  'Primary-Short': 'PRIMARY_SHORT',
  'Primary-Long': 'PRIMARY_LONG',
  Supplemental: 'SUPPLEMENTAL',
} as const;
type Tier = (typeof TIERS)[keyof typeof TIERS];
export const TASK_TYPES = { Core: 'CORE', Supplemental: 'SUPPLEMENTAL' } as const;
type TaskType = (typeof TASK_TYPES)[keyof typeof TASK_TYPES];
type CostSchools = 'ALL_PROGRAM_REPORTERS' | 'PUBLIC_PROGRAM_REPORTERS';

/** Which releases the files hold, the curated source of each, and each file's row count. */
export type Manifest = {
  onet: { release: string; source: string };
  oews: { year: number; source: string; topCode?: { hourly: number; annual: number } }[];
  projections: { baseYear: number; projectedYear: number; source: string };
  ipeds: { year: number; source: string };
  /** Rows per derived file, for the loader and the tests to check. */
  files: Record<string, number>;
};

type JobZoneRow = {
  zone: number;
  name: string;
  experience: string;
  education: string;
  training: string;
  examples: string;
  svpRange: string;
};
type OccupationRow = { code: string; title: string; description: string; jobZone: number | null };
type AlternateTitleRow = { code: string; title: string; shortTitle: string | null };
type ReportedTitleRow = { code: string; title: string };
type TaskRow = { code: string; taskId: number; type: TaskType | null; statement: string };
type SkillElementRow = { elementId: string; name: string };
type SkillRow = { code: string; elementId: string; importance: number | null; level: number | null };
type RelatedRow = { code: string; relatedCode: string; tier: Tier; index: number };
export type WageRow = {
  year: number;
  code: string;
  title: string;
  employment: OewsCell;
  hourly: Record<WageStat, OewsCell>;
  annual: Record<WageStat, OewsCell>;
};
type ProjectionRow = {
  code: string;
  title: string;
  employmentBase: number | null;
  employmentProjected: number | null;
  employmentChange: number | null;
  changePercent: number | null;
  annualOpenings: number | null;
  education: Education | null;
  experience: Experience | null;
  training: Training | null;
};
export type ProgramCostRow = { cipCode: string; schools: CostSchools; schoolCount: number; medianUsd: number };

export type OfficialData = {
  manifest: Manifest;
  jobZones: JobZoneRow[];
  occupations: OccupationRow[];
  alternateTitles: AlternateTitleRow[];
  reportedTitles: ReportedTitleRow[];
  tasks: TaskRow[];
  skillElements: SkillElementRow[];
  skills: SkillRow[];
  related: RelatedRow[];
  wages: WageRow[];
  projections: ProjectionRow[];
  programCosts: ProgramCostRow[];
};

/** The SOC code of an O*NET-SOC code: "29-1141.01" -> "29-1141". */
export const socOf = (code: string) => code.slice(0, 7);

/**
 * SOC 2018 occupations that O*NET rates apart but BLS publishes only inside another detailed code,
 * whose number does not end in 0: only those BLS's own occupation page names ("This occupation
 * includes the 2018 SOC occupations ..."), listed in docs/official-data.md with the pages. BLS's
 * 25-9045 (teaching assistants) and 51-2028 (assemblers) have no such page here, and their O*NET
 * occupations stay without BLS figures.
 */
const BLS_COMBINATIONS: ReadonlyMap<string, string> = new Map(
  [
    // Substance abuse, behavioral disorder, and mental health counselors (OEWS, May 2020 page).
    { code: '21-1018', includes: ['21-1011', '21-1014'] },
    // Special education teachers, kindergarten and elementary school (OEWS, May 2021 page).
    { code: '25-2052', includes: ['25-2055', '25-2056'] },
    // First-line supervisors of transportation and material moving workers, except aircraft cargo
    // handling supervisors (OEWS, May 2019 page).
    { code: '53-1047', includes: ['53-1042', '53-1043', '53-1044', '53-1049'] },
  ].flatMap(({ code, includes }) => includes.map((soc) => [soc, code] as const)),
);

/**
 * The BLS row (OEWS or Employment Projections) that covers a SOC occupation: its own, or else the
 * combination BLS publishes in its place, coded with a final 0 (e.g. 31-1121 home health aides
 * within 31-1120 home health and personal care aides) or named in BLS_COMBINATIONS (21-1014
 * mental health counselors within 21-1018). Null when BLS publishes none of them.
 */
export function blsCodeFor(soc: string, published: ReadonlySet<string>): string | null {
  if (published.has(soc)) return soc;
  const combined = `${soc.slice(0, 6)}0`;
  if (published.has(combined)) return combined;
  const named = BLS_COMBINATIONS.get(soc);
  return named !== undefined && published.has(named) ? named : null;
}

// ---- cell parsers shared by the importer and the derived files' reader -------------------------

/** An O*NET-SOC code such as "29-1141.00". */
export const onetCode = matching(/^\d{2}-\d{4}\.\d{2}$/, 'an O*NET-SOC code such as "29-1141.00"');
/** A SOC code such as "29-1141". */
export const socCode = matching(/^\d{2}-\d{4}$/, 'a SOC code such as "29-1141"');

/** An OEWS cell: a number with the given decimals, or one of the special values, kept as published. */
export const oewsCell =
  (places: number) =>
  (s: string): OewsCell =>
    (OEWS_MARKERS as readonly string[]).includes(s) ? (s as OewsCell) : decimal(places)(s);
