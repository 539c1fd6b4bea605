/**
 * The in-memory index of the career graph: dense indices, compressed adjacency (CSR) in typed arrays,
 * requirement groups flattened and interned, eligibility routes and program prerequisites resolved.
 * Built once from plain input, then read-only.
 */
import { experienceMonths, usdToCents } from './cost.js';
import { GraphInputError } from './errors.js';
import { isTransitionColumns, transitionColumns } from './columns.js';
import type { BuildInput } from './types.js';
import { computeLandmarks, DEFAULT_LANDMARKS, type Landmarks } from './landmarks.js';

/** Kinds of eligibility route (GraphIndex.routeKind). */
export const ROUTE_PROGRAM = 0;
export const ROUTE_EXPERIENCE = 1;
export const ROUTE_CERTIFICATION = 2;
export const ROUTE_OPEN = 3;

export interface GraphIndex {
  readonly roleCount: number;
  readonly certCount: number;
  readonly programCount: number;
  readonly trackCount: number;
  readonly edgeCount: number;
  readonly groupCount: number;
  /** Requirement-group classes: 0..certCount-1 are the single-option groups {cert}, then multi-option sets. */
  readonly classCount: number;

  /** Dense role index -> id (roles are indexed in ascending id order). */
  readonly roleIds: Float64Array;
  readonly roleSlugs: readonly string[];
  /** Dense role index -> dense track index. */
  readonly roleTrack: Int32Array;
  readonly trackIds: Float64Array;
  readonly trackSlugs: readonly string[];
  /** 1 for a track that bridges the others (moves into or out of it cross no track). */
  readonly trackBridging: Uint8Array;
  /** Roles of each track: trackRoles[trackRoleOffsets[t] .. trackRoleOffsets[t+1]). */
  readonly trackRoleOffsets: Int32Array;
  readonly trackRoles: Int32Array;
  /** What each role implies its holder has: programs and certifications (dense, CSR by role). */
  readonly roleImpliedProgramOffsets: Int32Array;
  readonly roleImpliedPrograms: Int32Array;
  readonly roleImpliedCertOffsets: Int32Array;
  readonly roleImpliedCerts: Int32Array;

  readonly certIds: Float64Array;
  readonly certSlugs: readonly string[];
  /** Exam fee counted, in cents: the known fee, else its estimate, else 0. */
  readonly certFeeCents: Float64Array;
  /**
   * Every program's cost and every exam's fee counted, in cents, summed: no path's bound can cost
   * more (FEWEST_NEW_CERTIFICATIONS packs steps below cost when this is under 2^28; bounds.ts).
   */
  readonly costCentsTotal: number;
  /** 1 when the exam fee is known (not null). */
  readonly certFeeKnown: Uint8Array;
  /** The estimate of an unknown fee in USD, NaN when there is none. */
  readonly certFeeEstimateUsd: Float64Array;
  /**
   * Position of each certification in the order (counted fee, known fee before an estimated one, slug,
   * id): the tie-break between options, so an unknown fee never wins a tie with a known one.
   */
  readonly certRank: Int32Array;
  /** Eligibility routes of certification c: routes certRouteOffsets[c] .. certRouteOffsets[c+1]-1. */
  readonly certRouteOffsets: Int32Array;
  /** ROUTE_PROGRAM, ROUTE_EXPERIENCE, ROUTE_CERTIFICATION or ROUTE_OPEN. */
  readonly routeKind: Uint8Array;
  /** Dense program or certification index, or months of experience; 0 for an open route. */
  readonly routeValue: Float64Array;
  /** Classes some group uses that offer each certification: certClasses[certClassOffsets[c] .. certClassOffsets[c+1]). */
  readonly certClassOffsets: Int32Array;
  readonly certClasses: Int32Array;
  /** 1 for a certification some eligibility route asks to hold. */
  readonly certIsRoutePrereq: Uint8Array;
  /** The largest experience route, in months: work beyond it never helps. */
  readonly maxExperienceRouteMonths: number;

  readonly programIds: Float64Array;
  readonly programSlugs: readonly string[];
  /** Full-time months. */
  readonly programMinMonths: Float64Array;
  /** Cost counted, in cents: the known cost, else its estimate, else 0. */
  readonly programCostCents: Float64Array;
  readonly programCostKnown: Uint8Array;
  /** The estimate of an unknown cost in USD, NaN when there is none. */
  readonly programCostEstimateUsd: Float64Array;
  /**
   * What taking program p means, in order: its prerequisites (transitively, each once) then p itself:
   * programTake[programTakeOffsets[p] .. programTakeOffsets[p+1]).
   */
  readonly programTakeOffsets: Int32Array;
  readonly programTake: Int32Array;

  /** Out-edges of role r: edges outOffsets[r] .. outOffsets[r+1]-1, sorted by transition id. */
  readonly outOffsets: Int32Array;
  readonly edgeFrom: Int32Array;
  readonly edgeTo: Int32Array;
  readonly edgeTransitionId: Float64Array;
  readonly edgeMinYears: Float64Array;
  /** 1 for an estimated move. */
  readonly edgeEstimated: Uint8Array;
  readonly anyEstimated: boolean;
  /** Whether any edge is an open entry (2) or leaves the curated roles (3): edgeUsable must look at each. */
  readonly anyMoveKinds: boolean;
  /**
   * 1 for a move with a part of no known length (GraphInput.untimedTransitions, an estimated program
   * of 0 months, or GraphInput.unknownTrainingTransitions); FASTEST counts them after months
   * (search.ts, UNTIMED_SCALE). A query reads its own copy (QueryContext.untimed).
   */
  readonly edgeUntimed: Uint8Array;
  readonly anyUntimed: boolean;
  /** 1 for a move that may ask training no source describes (GraphInput.unknownTrainingTransitions). */
  readonly edgeUnknownTraining: Uint8Array;
  /**
   * The edges with edgeUnknownTraining that also ask certifications: such training is the way to
   * them, spared a learner who holds them all at the start (QueryContext.untimed).
   */
  readonly sparableTrainingEdges: Int32Array;
  /** experienceMonths(minYearsExperience) from a standing start. */
  readonly edgeExpMonths: Int32Array;
  /** Requirement groups of edge e: groups edgeGroupOffsets[e] .. edgeGroupOffsets[e+1]-1, in input order. */
  readonly edgeGroupOffsets: Int32Array;
  /** Class of each group (its set of options). */
  readonly groupClass: Int32Array;
  /** Options of class c: classOptions[classOptionOffsets[c] .. classOptionOffsets[c+1]), in certRank order. */
  readonly classOptionOffsets: Int32Array;
  readonly classOptions: Int32Array;
  /** Programs of edge e (dense, ascending, distinct). */
  readonly edgeProgramOffsets: Int32Array;
  readonly edgePrograms: Int32Array;
  /**
   * Per program of a move (parallel to edgePrograms), the class of the move's requirement group it
   * trains for, or -1: a program that is the eligibility route of one of the group's options (the
   * medical assisting diploma on the move into clinical medical assistant, whose group is CCMA, CMA,
   * RMA or NCMA). A learner who held any option of that group at the start of the pathway need not
   * take it (step.ts, beginStep): the program is the way to a certification they already have. Only
   * where nothing else on the move would take it: not when another group offers it as a route too,
   * another training program of the move has it as a prerequisite, or another group's options may
   * take it on their way (a step saying a program is not needed, then taking it).
   */
  readonly edgeProgramWaiver: Int32Array;
  /** 1 for a certification that is an option of some move's waiver class (edgeProgramWaiver): holding it may spare a program. */
  readonly certWaives: Uint8Array;
  /**
   * 1 for a program that no loopless path can take twice: every move on which a step may take it (as
   * training, a prerequisite, or an eligibility route of a certification the move's groups may earn,
   * transitively) leads to the same role, or every one leaves the same role (typically a role's entry
   * training). Only these count in the search's lower bounds.
   */
  readonly programOncePerPath: Uint8Array;
  /**
   * 1 for a once-per-path program nothing asks for as completed: no eligibility route and no other
   * program's prerequisites name it. A step taking it need not record it among the learner's
   * completed programs (step.ts): on a loopless path no later step can take it or ask for it.
   */
  readonly programInert: Uint8Array;
  /** Likewise for certifications: every move that may earn it (an option, or a route's, transitively) enters one role, or leaves one. */
  readonly certOncePerPath: Uint8Array;
  /** Per edge: experience months plus the full-time months of the once-per-path programs it must take (a lower bound, edgeBounds). */
  readonly edgeBoundMonths: Float64Array;
  /** Per edge: cost (cents) of the once-per-path programs and certifications it must take and earn (a lower bound). */
  readonly edgeBoundCostCents: Float64Array;
  /** Per edge: certifications it must earn (a lower bound, from once-per-path certifications only). */
  readonly edgeBoundCerts: Float64Array;
  /** In-edges of role r: edge indices inEdges[inOffsets[r] .. inOffsets[r+1]). */
  readonly inOffsets: Int32Array;
  readonly inEdges: Int32Array;
  /** Source role of each in-edge: edgeFrom[inEdges[j]], stored in in-edge order so the reverse searches read it in sequence. */
  readonly inFrom: Int32Array;
  /** edgeBoundMonths and edgeBoundCostCents of each in-edge, in in-edge order likewise. */
  readonly inBoundMonths: Float64Array;
  readonly inBoundCostCents: Float64Array;
  /** edgeBoundCerts of each in-edge likewise, at most 255 (a lower bound still). */
  readonly inBoundCerts: Uint8Array;
  /**
   * 1 for an in-edge whose bounds may depend on the learner's start (held certifications, programs
   * done, study load): it asks for a once-per-path program or offers a once-per-path
   * certification, the only things edgeBounds reads of the start. Others' bounds are the index's.
   */
  readonly inStartDependent: Uint8Array;

  /** Landmark distances for lower bounds (src/graph/landmarks.ts); null when the graph has none. */
  readonly landmarks: Landmarks | null;

  readonly roleIndexById: IdLookup;
  readonly certIndexById: IdLookup;
  readonly programIndexById: IdLookup;
  readonly trackIndexById: IdLookup;
  readonly edgeIndexByTransitionId: IdLookup;
  /** Dense indices by slug (exact match; slugs are lowercase). */
  readonly roleBySlug: SlugLookup;
  readonly certBySlug: SlugLookup;
  readonly programBySlug: SlugLookup;
  readonly trackBySlug: SlugLookup;
}

/**
 * Dense index by id, over ids in ascending order (binary search): plain typed arrays, so that an
 * index can be built in one thread and used in another (transfer.ts).
 */
export class IdLookup {
  constructor(
    /** Ids, ascending. */
    readonly ids: Float64Array,
    /** The dense index of the i-th id; absent when it is i. */
    readonly positions: Int32Array | null = null,
  ) {}
  get(id: number): number | undefined {
    const ids = this.ids;
    let lo = 0;
    let hi = ids.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const v = ids[mid]!;
      if (v === id) return this.positions === null ? mid : this.positions[mid]!;
      if (v < id) lo = mid + 1;
      else hi = mid - 1;
    }
    return undefined;
  }
  has(id: number): boolean {
    return this.get(id) !== undefined;
  }
}

/**
 * Dense index by id for the build's millions of look-ups: a table by id when the ids are compact
 * (database ids mostly are), else the IdLookup's binary search. -1 for an unknown id.
 */
class DenseIds {
  private constructor(
    private readonly lookup: IdLookup,
    private readonly min: number,
    private readonly table: Int32Array | null,
  ) {}
  static of(lookup: IdLookup): DenseIds {
    const ids = lookup.ids;
    const n = ids.length;
    if (n === 0) return new DenseIds(lookup, 0, null);
    const min = ids[0]!;
    const span = ids[n - 1]! - min + 1;
    if (!Number.isInteger(min) || !(span <= 4 * n + 64)) return new DenseIds(lookup, 0, null);
    const table = new Int32Array(span).fill(-1);
    for (let i = 0; i < n; i++) {
      const id = ids[i]!;
      if (Number.isInteger(id)) table[id - min] = lookup.positions === null ? i : lookup.positions[i]!;
    }
    return new DenseIds(lookup, min, table);
  }
  get(id: number): number {
    const table = this.table;
    if (table === null) return this.lookup.get(id) ?? -1;
    const k = id - this.min;
    return k >= 0 && k < table.length && Math.floor(k) === k ? table[k]! : -1;
  }
}

/**
 * A map from positive numbers (exact integers up to 2^53) to non-negative integers, by open
 * addressing in typed arrays: the build interns millions of requirement groups by such keys, and
 * a Map of that size spends most of the build's time in its lookups.
 */
class NumberTable {
  private keys = new Float64Array(1024);
  private values = new Int32Array(1024);
  private size = 0;
  private mask = 1023;
  private slot(key: number): number {
    const h = Math.imul((key % 4294967296) ^ Math.floor(key / 4294967296), 0x9e3779b1);
    return (h ^ (h >>> 15)) & this.mask;
  }
  get(key: number): number | undefined {
    const keys = this.keys;
    for (let i = this.slot(key); ; i = (i + 1) & this.mask) {
      const k = keys[i]!;
      if (k === key) return this.values[i]!;
      if (k === 0) return undefined;
    }
  }
  /** Adds a key not in the table. */
  set(key: number, value: number): void {
    if (2 * (this.size + 1) > this.keys.length) this.grow();
    let i = this.slot(key);
    while (this.keys[i] !== 0) i = (i + 1) & this.mask;
    this.keys[i] = key;
    this.values[i] = value;
    this.size++;
  }
  private grow(): void {
    const { keys, values } = this;
    this.keys = new Float64Array(keys.length * 2);
    this.values = new Int32Array(keys.length * 2);
    this.mask = keys.length * 2 - 1;
    this.size = 0;
    for (let i = 0; i < keys.length; i++) if (keys[i] !== 0) this.set(keys[i]!, values[i]!);
  }
}

/** Dense index by slug, over a slug order (binary search). */
export class SlugLookup {
  readonly order: Int32Array;
  constructor(
    readonly slugs: readonly string[],
    /** The slugs' order, when known (an index moved from another thread). */
    order?: Int32Array,
  ) {
    this.order = order ?? Int32Array.from(slugs.keys()).sort((a, b) => compareStrings(slugs[a]!, slugs[b]!));
  }
  get(slug: string): number | undefined {
    const { slugs, order } = this;
    let lo = 0;
    let hi = order.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const v = slugs[order[mid]!]!;
      if (v === slug) return order[mid]!;
      if (v < slug) lo = mid + 1;
      else hi = mid - 1;
    }
    return undefined;
  }
}

function sortedIndexById(ids: readonly number[], what: string): { order: Int32Array; byId: IdLookup } {
  const n = ids.length;
  const order = new Int32Array(n);
  let ascending = true;
  for (let i = 0; i < n; i++) {
    order[i] = i;
    if (i > 0 && !(ids[i - 1]! < ids[i]!)) ascending = false;
  }
  // Rows read in id order (the usual case) need no sort.
  if (!ascending) order.sort((a, b) => ids[a]! - ids[b]!);
  const sorted = new Float64Array(n);
  for (let d = 0; d < n; d++) {
    const id = ids[order[d]!]!;
    if (typeof id !== 'number' || !Number.isFinite(id)) throw new GraphInputError(`${what} id ${id} is not a number`);
    if (d > 0 && sorted[d - 1] === id) throw new GraphInputError(`duplicate ${what} id ${id}`);
    sorted[d] = id;
  }
  return { order, byId: new IdLookup(sorted) };
}

/** A CSR list from per-item lists. */
function csr(lists: readonly (readonly number[])[]): { offsets: Int32Array; items: Int32Array } {
  const offsets = new Int32Array(lists.length + 1);
  for (let i = 0; i < lists.length; i++) offsets[i + 1] = offsets[i]! + lists[i]!.length;
  const items = new Int32Array(offsets[lists.length]!);
  for (let i = 0; i < lists.length; i++) items.set(lists[i]!, offsets[i]!);
  return { offsets, items };
}

const compareStrings = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Sharing a target or a source: -1 none seen yet, -2 two different ones. */
function sameEnd(seen: number, end: number): number {
  return seen === -1 || seen === end ? end : -2;
}

/** sameEnd of two such summaries (-1: none seen, -2: several ends, else the one end). */
function joinEnds(a: number, b: number): number {
  return b === -1 ? a : b === -2 ? -2 : sameEnd(a, b);
}

export interface BuildOptions {
  /** Number of landmarks for lower bounds (default: none; see landmarks.ts). */
  landmarks?: number;
}

export function buildIndex(input: BuildInput, options: BuildOptions = {}): GraphIndex {
  // Roles and tracks.
  const roles = input.roles;
  const R = roles.length;
  // The lower bounds pack a pathway's moves below 2^24 (bounds.ts, HOPS_SCALE).
  if (R >= 2 ** 24) throw new GraphInputError(`${R} roles: at most ${2 ** 24 - 1} are supported`);
  const { order: roleOrder, byId: roleIndexById } = sortedIndexById(
    roles.map((r) => r.id),
    'role',
  );
  const roleIds = new Float64Array(R);
  const roleSlugs: string[] = new Array<string>(R);
  const trackSlugById = new Map<number, string>();
  for (let d = 0; d < R; d++) {
    const r = roles[roleOrder[d]!]!;
    roleIds[d] = r.id;
    roleSlugs[d] = r.slug;
    const known = trackSlugById.get(r.trackId);
    if (known === undefined) trackSlugById.set(r.trackId, r.trackSlug);
    else if (known !== r.trackSlug)
      throw new GraphInputError(`track id ${r.trackId} has two slugs: "${known}" and "${r.trackSlug}"`);
  }
  const bridgingTrackIds = new Set<number>();
  for (const t of input.tracks ?? []) {
    const known = trackSlugById.get(t.id);
    if (known !== undefined && known !== t.slug)
      throw new GraphInputError(`track id ${t.id} has two slugs: "${known}" and "${t.slug}"`);
    if (t.bridging) bridgingTrackIds.add(t.id);
  }
  const trackIdList = [...trackSlugById.keys()].sort((a, b) => a - b);
  const trackCount = trackIdList.length;
  const trackIds = Float64Array.from(trackIdList);
  const trackIndexById = new IdLookup(trackIds);
  const trackSlugs = trackIdList.map((id) => trackSlugById.get(id)!);
  const trackBridging = Uint8Array.from(trackIdList, (id) => (bridgingTrackIds.has(id) ? 1 : 0));
  const roleTrack = new Int32Array(R);
  const trackRoleOffsets = new Int32Array(trackCount + 1);
  for (let d = 0; d < R; d++) {
    const t = trackIndexById.get(roles[roleOrder[d]!]!.trackId)!;
    roleTrack[d] = t;
    trackRoleOffsets[t + 1]!++;
  }
  for (let t = 0; t < trackCount; t++) trackRoleOffsets[t + 1]! += trackRoleOffsets[t]!;
  const trackRoles = new Int32Array(R);
  {
    const fill = trackRoleOffsets.slice(0, trackCount);
    for (let d = 0; d < R; d++) trackRoles[fill[roleTrack[d]!]!++] = d;
  }

  // Programs (before certifications: routes name them).
  const programs = input.programs;
  const P = programs.length;
  const { order: programOrder, byId: programIndexById } = sortedIndexById(
    programs.map((p) => p.id),
    'program',
  );
  const programIds = new Float64Array(P);
  const programSlugs: string[] = new Array<string>(P);
  const programMinMonths = new Float64Array(P);
  const programCostCents = new Float64Array(P);
  const programCostKnown = new Uint8Array(P);
  const programCostEstimateUsd = new Float64Array(P);
  const prereqLists: number[][] = [];
  for (let d = 0; d < P; d++) {
    const p = programs[programOrder[d]!]!;
    if (!(p.minMonths >= 0)) throw new GraphInputError(`program ${p.id} has an invalid minMonths ${p.minMonths}`);
    if (p.typicalCostUsd !== null && !(p.typicalCostUsd >= 0))
      throw new GraphInputError(`program ${p.id} has an invalid typicalCostUsd ${p.typicalCostUsd}`);
    if (p.costEstimateUsd != null && !(p.costEstimateUsd >= 0))
      throw new GraphInputError(`program ${p.id} has an invalid costEstimateUsd ${p.costEstimateUsd}`);
    programIds[d] = p.id;
    programSlugs[d] = p.slug;
    programMinMonths[d] = p.minMonths;
    programCostKnown[d] = p.typicalCostUsd === null ? 0 : 1;
    programCostEstimateUsd[d] = p.costEstimateUsd ?? NaN;
    programCostCents[d] = usdToCents(p.typicalCostUsd ?? p.costEstimateUsd);
    prereqLists.push(
      (p.prerequisites ?? []).map((id) => {
        const q = programIndexById.get(id);
        if (q === undefined) throw new GraphInputError(`program ${p.id}: unknown prerequisite ${id}`);
        return q;
      }),
    );
  }
  // Taking a program takes its prerequisites first, depth first, each once; a cycle is an error.
  const takeLists: number[][] = new Array<number[]>(P);
  {
    const visit = (p: number, out: number[], seen: Set<number>, trail: number[]): void => {
      if (seen.has(p)) return;
      if (trail.includes(p))
        throw new GraphInputError(
          `program ${programIds[p]} is its own prerequisite (through ${trail.map((q) => programIds[q]).join(' -> ')})`,
        );
      trail.push(p);
      for (const q of prereqLists[p]!) visit(q, out, seen, trail);
      trail.pop();
      seen.add(p);
      out.push(p);
    };
    for (let p = 0; p < P; p++) {
      const out: number[] = [];
      visit(p, out, new Set(), []);
      takeLists[p] = out;
    }
  }
  const { offsets: programTakeOffsets, items: programTake } = csr(takeLists);

  // Certifications and their eligibility routes.
  const certs = input.certifications;
  const C = certs.length;
  const { order: certOrder, byId: certIndexById } = sortedIndexById(
    certs.map((c) => c.id),
    'certification',
  );
  const certIds = new Float64Array(C);
  const certSlugs: string[] = new Array<string>(C);
  const certFeeCents = new Float64Array(C);
  const certFeeKnown = new Uint8Array(C);
  const certFeeEstimateUsd = new Float64Array(C);
  for (let d = 0; d < C; d++) {
    const c = certs[certOrder[d]!]!;
    if (c.examFeeUsd !== null && !(c.examFeeUsd >= 0))
      throw new GraphInputError(`certification ${c.id} has an invalid exam fee ${c.examFeeUsd}`);
    if (c.feeEstimateUsd != null && !(c.feeEstimateUsd >= 0))
      throw new GraphInputError(`certification ${c.id} has an invalid fee estimate ${c.feeEstimateUsd}`);
    certIds[d] = c.id;
    certSlugs[d] = c.slug;
    certFeeCents[d] = usdToCents(c.examFeeUsd ?? c.feeEstimateUsd);
    certFeeKnown[d] = c.examFeeUsd === null ? 0 : 1;
    certFeeEstimateUsd[d] = c.feeEstimateUsd ?? NaN;
  }
  const byRank = Array.from({ length: C }, (_, i) => i).sort(
    (a, b) =>
      certFeeCents[a]! - certFeeCents[b]! ||
      certFeeKnown[b]! - certFeeKnown[a]! ||
      compareStrings(certSlugs[a]!, certSlugs[b]!) ||
      certIds[a]! - certIds[b]!,
  );
  const certRank = new Int32Array(C);
  byRank.forEach((c, rank) => (certRank[c] = rank));
  const certRouteOffsets = new Int32Array(C + 1);
  const routeKindList: number[] = [];
  const routeValueList: number[] = [];
  const certIsRoutePrereq = new Uint8Array(C);
  let maxExperienceRouteMonths = 0;
  for (let d = 0; d < C; d++) {
    const c = certs[certOrder[d]!]!;
    const routes = c.routes ?? [];
    if (routes.length === 0) {
      routeKindList.push(ROUTE_OPEN);
      routeValueList.push(0);
    }
    for (const route of routes) {
      const set = [route.program, route.minMonthsExperience, route.certification].filter((v) => v !== undefined);
      if (set.length > 1) throw new GraphInputError(`certification ${c.id}: a route has more than one condition`);
      if (route.program !== undefined) {
        const p = programIndexById.get(route.program);
        if (p === undefined) throw new GraphInputError(`certification ${c.id}: unknown route program ${route.program}`);
        routeKindList.push(ROUTE_PROGRAM);
        routeValueList.push(p);
      } else if (route.minMonthsExperience !== undefined) {
        const m = route.minMonthsExperience;
        if (!(m >= 0) || !Number.isFinite(m))
          throw new GraphInputError(`certification ${c.id}: invalid route minMonthsExperience ${m}`);
        routeKindList.push(ROUTE_EXPERIENCE);
        routeValueList.push(Math.ceil(m - 1e-9));
        maxExperienceRouteMonths = Math.max(maxExperienceRouteMonths, Math.ceil(m - 1e-9));
      } else if (route.certification !== undefined) {
        const other = certIndexById.get(route.certification);
        if (other === undefined)
          throw new GraphInputError(`certification ${c.id}: unknown route certification ${route.certification}`);
        if (other === d) throw new GraphInputError(`certification ${c.id}: a route asks for the certification itself`);
        certIsRoutePrereq[other] = 1;
        routeKindList.push(ROUTE_CERTIFICATION);
        routeValueList.push(other);
      } else {
        routeKindList.push(ROUTE_OPEN);
        routeValueList.push(0);
      }
    }
    certRouteOffsets[d + 1] = routeKindList.length;
  }

  // What each role implies (filled straight into CSR arrays: no list per role).
  const roleImpliedProgramOffsets = new Int32Array(R + 1);
  const roleImpliedCertOffsets = new Int32Array(R + 1);
  for (let d = 0; d < R; d++) {
    const r = roles[roleOrder[d]!]!;
    roleImpliedProgramOffsets[d + 1] = roleImpliedProgramOffsets[d]! + (r.impliedPrograms?.length ?? 0);
    roleImpliedCertOffsets[d + 1] = roleImpliedCertOffsets[d]! + (r.impliedCertifications?.length ?? 0);
  }
  const roleImpliedPrograms = new Int32Array(roleImpliedProgramOffsets[R]!);
  const roleImpliedCerts = new Int32Array(roleImpliedCertOffsets[R]!);
  for (let d = 0; d < R; d++) {
    const r = roles[roleOrder[d]!]!;
    let j = roleImpliedProgramOffsets[d]!;
    for (const id of r.impliedPrograms ?? []) {
      const p = programIndexById.get(id);
      if (p === undefined) throw new GraphInputError(`role ${r.id}: unknown implied program ${id}`);
      roleImpliedPrograms[j++] = p;
    }
    j = roleImpliedCertOffsets[d]!;
    for (const id of r.impliedCertifications ?? []) {
      const c = certIndexById.get(id);
      if (c === undefined) throw new GraphInputError(`role ${r.id}: unknown implied certification ${id}`);
      roleImpliedCerts[j++] = c;
    }
  }

  // Transitions, read from columns (columns.ts; objects are turned into columns first): counting
  // sort by source role, then by transition id within a source.
  const cols = isTransitionColumns(input.transitions) ? input.transitions : transitionColumns(input.transitions);
  const T = cols.length;
  const tid = cols.id;
  const roleIndex = DenseIds.of(roleIndexById);
  const srcOf = new Int32Array(T);
  const dstOf = new Int32Array(T);
  const outOffsets = new Int32Array(R + 1);
  let idsAscending = true;
  for (let i = 0; i < T; i++) {
    const id = tid[i]!;
    if (i > 0 && !(tid[i - 1]! < id)) idsAscending = false;
    const fromId = cols.from[i]!;
    const toId = cols.to[i]!;
    const f = roleIndex.get(fromId);
    if (f < 0) throw new GraphInputError(`transition ${id}: unknown from role ${fromId}`);
    const to = roleIndex.get(toId);
    if (to < 0) throw new GraphInputError(`transition ${id}: unknown to role ${toId}`);
    dstOf[i] = to;
    if (fromId === toId) throw new GraphInputError(`transition ${id}: leads from a role to itself`);
    const years = cols.minYearsExperience[i]!;
    if (!(years >= 0)) throw new GraphInputError(`transition ${id}: invalid minYearsExperience ${years}`);
    srcOf[i] = f;
    outOffsets[f + 1]!++;
  }
  const groupCount = cols.groupOffsets[T]! - cols.groupOffsets[0]!;
  const programRefCount = cols.trainingOffsets[T]! - cols.trainingOffsets[0]!;
  for (let r = 0; r < R; r++) outOffsets[r + 1]! += outOffsets[r]!;
  const edgeOrder = new Int32Array(T);
  {
    const fill = outOffsets.slice(0, R);
    for (let i = 0; i < T; i++) edgeOrder[fill[srcOf[i]!]!++] = i;
  }
  for (let r = 0; r < R; r++) {
    const lo = outOffsets[r]!;
    const hi = outOffsets[r + 1]!;
    let sorted = true;
    for (let e = lo + 1; e < hi && sorted; e++) if (tid[edgeOrder[e]!]! <= tid[edgeOrder[e - 1]!]!) sorted = false;
    if (!sorted) edgeOrder.subarray(lo, hi).sort((a, b) => tid[a]! - tid[b]!);
  }

  const edgeFrom = new Int32Array(T);
  const edgeTo = new Int32Array(T);
  const edgeTransitionId = new Float64Array(T);
  const edgeMinYears = new Float64Array(T);
  const edgeEstimated = new Uint8Array(T);
  const edgeExpMonths = new Int32Array(T);
  const edgeGroupOffsets = new Int32Array(T + 1);
  const groupClass = new Int32Array(groupCount);
  const edgeProgramOffsets = new Int32Array(T + 1);
  const edgePrograms = new Int32Array(programRefCount);
  const inOffsets = new Int32Array(R + 1);

  // Multi-option requirement groups are interned by their option set.
  // The key of an option set: its options (in rank order) as digits of a number when that is exact
  // (up to 3 options; a small integer when there are fewer than about 1,000 certifications), else
  // joined into a string.
  const numericClass = new NumberTable();
  const stringClass = new Map<string, number>();
  const KEY_BASE = C + 1;
  const numericKeys = KEY_BASE ** 3 < 2 ** 53;
  const classOptionList: number[] = [];
  const classOptionOffsetList: number[] = [];
  for (let c = 0; c < C; c++) {
    classOptionOffsetList.push(c);
    classOptionList.push(c);
  }
  let classCount = C;
  const certIndex = DenseIds.of(certIndexById);
  const programIndex = DenseIds.of(programIndexById);
  const { groupOffsets: colGroups, optionOffsets: colOptionOffsets, options: colOptions } = cols;
  const { trainingOffsets: colTrainingOffsets, training: colTraining } = cols;
  const colYears = cols.minYearsExperience;
  const colEstimated = cols.estimated;
  let opts = new Int32Array(16);
  let anyEstimated = false;
  let anyMoveKinds = false;
  let g = 0;
  let pr = 0;
  for (let e = 0; e < T; e++) {
    const i = edgeOrder[e]!;
    const id = tid[i]!;
    const to = dstOf[i]!;
    edgeFrom[e] = srcOf[i]!;
    edgeTo[e] = to;
    inOffsets[to + 1]!++;
    edgeTransitionId[e] = id;
    const years = colYears[i]!;
    edgeMinYears[e] = years;
    edgeExpMonths[e] = experienceMonths(years);
    if (colEstimated[i] !== 0) {
      edgeEstimated[e] = colEstimated[i]!;
      anyEstimated = true;
      if (colEstimated[i]! >= 2) anyMoveKinds = true;
    }
    for (let gi = colGroups[i]!; gi < colGroups[i + 1]!; gi++) {
      const o0 = colOptionOffsets[gi]!;
      const o1 = colOptionOffsets[gi + 1]!;
      if (o1 - o0 > opts.length) opts = new Int32Array(2 * (o1 - o0));
      // The group's options, each once, by rank (insertion sort: a group has a few options).
      let n = 0;
      for (let j = o0; j < o1; j++) {
        const certId = colOptions[j]!;
        const c = certIndex.get(certId);
        if (c < 0) throw new GraphInputError(`transition ${id}: unknown certification ${certId}`);
        const rank = certRank[c]!;
        let b = n - 1;
        let dup = false;
        for (let k = 0; k < n; k++) if (opts[k] === c) dup = true;
        if (dup) continue;
        for (; b >= 0 && certRank[opts[b]!]! > rank; b--) opts[b + 1] = opts[b]!;
        opts[b + 1] = c;
        n++;
      }
      if (n === 0) throw new GraphInputError(`transition ${id}: empty requirement group`);
      let cls: number;
      if (n === 1) cls = opts[0]!;
      else {
        // The key of an option set: its options (in rank order) as digits of a number when that is
        // exact (up to 3 options; a small integer when there are fewer than about 1,000
        // certifications), else joined into a string.
        let known: number | undefined;
        let key = 0;
        let text = '';
        if (numericKeys && n <= 3) {
          for (let k = 0; k < n; k++) key = key * KEY_BASE + opts[k]! + 1;
          known = numericClass.get(key);
        } else {
          text = Array.from(opts.subarray(0, n)).join(',');
          known = stringClass.get(text);
        }
        if (known !== undefined) cls = known;
        else {
          cls = classCount++;
          if (numericKeys && n <= 3) numericClass.set(key, cls);
          else stringClass.set(text, cls);
          classOptionOffsetList.push(classOptionList.length);
          for (let k = 0; k < n; k++) classOptionList.push(opts[k]!);
        }
      }
      groupClass[g++] = cls;
    }
    edgeGroupOffsets[e + 1] = g;
    const start = pr;
    for (let j = colTrainingOffsets[i]!; j < colTrainingOffsets[i + 1]!; j++) {
      const programId = colTraining[j]!;
      const p = programIndex.get(programId);
      if (p < 0) throw new GraphInputError(`transition ${id}: unknown program ${programId}`);
      let dup = false;
      for (let k = start; k < pr; k++) if (edgePrograms[k] === p) dup = true;
      if (!dup) edgePrograms[pr++] = p;
    }
    if (pr - start > 1) edgePrograms.subarray(start, pr).sort();
    edgeProgramOffsets[e + 1] = pr;
  }
  classOptionOffsetList.push(classOptionList.length);
  // Edges by transition id.
  const edgeByIdOrder = new Int32Array(T);
  // Input in id order (as read from the database): the i-th id is the i-th transition's edge.
  if (idsAscending) for (let e = 0; e < T; e++) edgeByIdOrder[edgeOrder[e]!] = e;
  else {
    for (let e = 0; e < T; e++) edgeByIdOrder[e] = e;
    edgeByIdOrder.sort((a, b) => edgeTransitionId[a]! - edgeTransitionId[b]!);
  }
  const sortedTransitionIds = new Float64Array(T);
  for (let i = 0; i < T; i++) {
    const id = edgeTransitionId[edgeByIdOrder[i]!]!;
    if (!Number.isFinite(id)) throw new GraphInputError(`transition id ${id} is not a number`);
    if (i > 0 && sortedTransitionIds[i - 1] === id) throw new GraphInputError(`duplicate transition id ${id}`);
    sortedTransitionIds[i] = id;
  }
  const edgeIndexByTransitionId = new IdLookup(sortedTransitionIds, edgeByIdOrder);
  const classOptionOffsets = Int32Array.from(classOptionOffsetList);
  const classOptions = Int32Array.from(classOptionList);

  // Classes offering each certification, among those some requirement group uses.
  const classUsed = new Uint8Array(classCount);
  for (let gi = 0; gi < groupCount; gi++) classUsed[groupClass[gi]!] = 1;
  const certClassLists: number[][] = Array.from({ length: C }, () => []);
  for (let cls = 0; cls < classCount; cls++)
    if (classUsed[cls] === 1)
      for (let j = classOptionOffsets[cls]!; j < classOptionOffsets[cls + 1]!; j++)
        certClassLists[classOptions[j]!]!.push(cls);
  const { offsets: certClassOffsets, items: certClasses } = csr(certClassLists);

  // Programs and certifications no loopless path can need twice: every move on which a step may
  // take the program or earn the certification (as the move's training or a prerequisite of it, as
  // a group's option, or through an eligibility route of one, transitively) leads to the same role,
  // or every one leaves the same role. A loopless path makes one such move at most.
  const routeKind = Uint8Array.from(routeKindList);
  const routeValue = Float64Array.from(routeValueList);
  const closures = certClosures(certRouteOffsets, routeKind, routeValue, programTakeOffsets, programTake);
  // Where each training program and each class is asked for (sameEnd of the moves' ends), then
  // passed on to what they may take or earn: once per move, not once per item of the closure.
  const trainingTo = new Int32Array(P).fill(-1);
  const trainingFrom = new Int32Array(P).fill(-1);
  const classTo = new Int32Array(classCount).fill(-1);
  const classFrom = new Int32Array(classCount).fill(-1);
  for (let e = 0; e < T; e++) {
    const to = edgeTo[e]!;
    const from = edgeFrom[e]!;
    for (let j = edgeProgramOffsets[e]!; j < edgeProgramOffsets[e + 1]!; j++) {
      const p = edgePrograms[j]!;
      trainingTo[p] = sameEnd(trainingTo[p]!, to);
      trainingFrom[p] = sameEnd(trainingFrom[p]!, from);
    }
    for (let gi = edgeGroupOffsets[e]!; gi < edgeGroupOffsets[e + 1]!; gi++) {
      const cls = groupClass[gi]!;
      classTo[cls] = sameEnd(classTo[cls]!, to);
      classFrom[cls] = sameEnd(classFrom[cls]!, from);
    }
  }
  const programTo = new Int32Array(P).fill(-1);
  const programFrom = new Int32Array(P).fill(-1);
  const certTo = new Int32Array(C).fill(-1);
  const certFrom = new Int32Array(C).fill(-1);
  for (let p0 = 0; p0 < P; p0++) {
    if (trainingTo[p0] === -1) continue;
    for (let k = programTakeOffsets[p0]!; k < programTakeOffsets[p0 + 1]!; k++) {
      const p = programTake[k]!;
      programTo[p] = joinEnds(programTo[p]!, trainingTo[p0]!);
      programFrom[p] = joinEnds(programFrom[p]!, trainingFrom[p0]!);
    }
  }
  for (let cls = 0; cls < classCount; cls++) {
    if (classTo[cls] === -1) continue;
    for (let j = classOptionOffsets[cls]!; j < classOptionOffsets[cls + 1]!; j++) {
      const option = classOptions[j]!;
      for (const c of closures.certs[option]!) {
        certTo[c] = joinEnds(certTo[c]!, classTo[cls]!);
        certFrom[c] = joinEnds(certFrom[c]!, classFrom[cls]!);
      }
      for (const p of closures.programs[option]!) {
        programTo[p] = joinEnds(programTo[p]!, classTo[cls]!);
        programFrom[p] = joinEnds(programFrom[p]!, classFrom[cls]!);
      }
    }
  }
  const programOncePerPath = new Uint8Array(P);
  for (let p = 0; p < P; p++) programOncePerPath[p] = programTo[p]! >= 0 || programFrom[p]! >= 0 ? 1 : 0;
  const programInert = programOncePerPath.slice();
  for (let r = 0; r < routeKind.length; r++) if (routeKind[r] === ROUTE_PROGRAM) programInert[routeValue[r]!] = 0;
  for (let p0 = 0; p0 < P; p0++)
    for (let k = programTakeOffsets[p0]!; k < programTakeOffsets[p0 + 1]!; k++)
      if (programTake[k] !== p0) programInert[programTake[k]!] = 0;
  const certOncePerPath = new Uint8Array(C);
  for (let c = 0; c < C; c++) certOncePerPath[c] = certTo[c]! >= 0 || certFrom[c]! >= 0 ? 1 : 0;
  // Whether a move's bounds may depend on the learner's start: taking a training program (with its
  // prerequisites), or meeting a class, may involve a once-per-path item (inStartDependent).
  const takeDependent = new Uint8Array(P);
  for (let p0 = 0; p0 < P; p0++)
    for (let k = programTakeOffsets[p0]!; k < programTakeOffsets[p0 + 1]! && takeDependent[p0] === 0; k++)
      takeDependent[p0] = programOncePerPath[programTake[k]!]!;
  const classDependent = new Uint8Array(classCount);
  for (let cls = 0; cls < classCount; cls++) {
    for (let j = classOptionOffsets[cls]!; j < classOptionOffsets[cls + 1]!; j++) {
      const option = classOptions[j]!;
      for (const c of closures.certs[option]!) if (certOncePerPath[c] === 1) classDependent[cls] = 1;
      for (const p of closures.programs[option]!) if (programOncePerPath[p] === 1) classDependent[cls] = 1;
    }
  }

  // What each move's training trains for (GraphIndex.edgeProgramWaiver): a program that is a route
  // of an option of exactly one of the move's groups, which no other program of the move takes first
  // and no other group's options may take on their way (else the step would take it anyway).
  const edgeProgramWaiver = new Int32Array(pr).fill(-1);
  const certWaives = new Uint8Array(C);
  const routesTo = (c: number, p: number) => {
    for (let r = certRouteOffsets[c]!; r < certRouteOffsets[c + 1]!; r++)
      if (routeKind[r] === ROUTE_PROGRAM && routeValue[r] === p) return true;
    return false;
  };
  const classRoutesTo = (cls: number, p: number) => {
    for (let k = classOptionOffsets[cls]!; k < classOptionOffsets[cls + 1]!; k++)
      if (routesTo(classOptions[k]!, p)) return true;
    return false;
  };
  const classMayTake = (cls: number, p: number) => {
    for (let k = classOptionOffsets[cls]!; k < classOptionOffsets[cls + 1]!; k++)
      if (closures.programs[classOptions[k]!]!.includes(p)) return true;
    return false;
  };
  for (let e = 0; e < T; e++)
    for (let j = edgeProgramOffsets[e]!; j < edgeProgramOffsets[e + 1]!; j++) {
      const p = edgePrograms[j]!;
      let cls = -1;
      let offered = 0;
      for (let gi = edgeGroupOffsets[e]!; gi < edgeGroupOffsets[e + 1]!; gi++)
        if (classRoutesTo(groupClass[gi]!, p)) {
          offered++;
          cls = groupClass[gi]!;
        }
      if (offered !== 1) continue;
      let taken = false;
      for (let i = edgeProgramOffsets[e]!; i < edgeProgramOffsets[e + 1]! && !taken; i++) {
        const q = edgePrograms[i]!;
        if (q === p) continue;
        for (let k = programTakeOffsets[q]!; k < programTakeOffsets[q + 1]! && !taken; k++)
          taken = programTake[k] === p;
      }
      for (let gi = edgeGroupOffsets[e]!; gi < edgeGroupOffsets[e + 1]! && !taken; gi++)
        taken = groupClass[gi] !== cls && classMayTake(groupClass[gi]!, p);
      if (taken) continue;
      edgeProgramWaiver[j] = cls;
      for (let k = classOptionOffsets[cls]!; k < classOptionOffsets[cls + 1]!; k++) certWaives[classOptions[k]!] = 1;
    }

  // Moves with a part of no known length: listed so, training in an estimated program of 0 months,
  // or training no source describes (which QueryContext.untimed spares some learners).
  const untimedIds = new Set(input.untimedTransitions ?? []);
  const unknownTrainingIds = new Set(input.unknownTrainingTransitions ?? []);
  const edgeUntimed = new Uint8Array(T);
  /** 1 for a move of unknown length for a reason other than undescribed training. */
  const untimedOtherwise = new Uint8Array(T);
  let anyUntimed = false;
  for (let e = 0; e < T; e++) {
    let u = untimedIds.has(edgeTransitionId[e]!);
    for (let i = edgeProgramOffsets[e]!; i < edgeProgramOffsets[e + 1]! && !u; i++) {
      const p = edgePrograms[i]!;
      u = programIds[p]! < 0 && programMinMonths[p] === 0;
    }
    if (u) untimedOtherwise[e] = 1;
    if (u || unknownTrainingIds.has(edgeTransitionId[e]!)) {
      edgeUntimed[e] = 1;
      anyUntimed = true;
    }
  }
  const edgeUnknownTraining = new Uint8Array(T);
  const sparable: number[] = [];
  if (unknownTrainingIds.size > 0)
    for (let e = 0; e < T; e++)
      if (unknownTrainingIds.has(edgeTransitionId[e]!)) {
        edgeUnknownTraining[e] = 1;
        // Spared only where the training is the move's one part of unknown length.
        if (edgeGroupOffsets[e] !== edgeGroupOffsets[e + 1] && !untimedOtherwise[e]) sparable.push(e);
      }
  const sparableTrainingEdges = Int32Array.from(sparable);

  let costCentsTotal = 0;
  for (let p = 0; p < P; p++) costCentsTotal += programCostCents[p]!;
  for (let c = 0; c < C; c++) costCentsTotal += certFeeCents[c]!;

  const index: GraphIndex = {
    roleCount: R,
    certCount: C,
    programCount: P,
    trackCount,
    edgeCount: T,
    groupCount,
    classCount,
    roleIds,
    roleSlugs,
    roleTrack,
    trackIds,
    trackSlugs,
    trackBridging,
    trackRoleOffsets,
    trackRoles,
    roleImpliedProgramOffsets,
    roleImpliedPrograms,
    roleImpliedCertOffsets,
    roleImpliedCerts,
    certIds,
    certSlugs,
    certFeeCents,
    costCentsTotal,
    certFeeKnown,
    certFeeEstimateUsd,
    certRank,
    certRouteOffsets,
    routeKind,
    routeValue,
    certClassOffsets,
    certClasses,
    certIsRoutePrereq,
    maxExperienceRouteMonths,
    programIds,
    programSlugs,
    programMinMonths,
    programCostCents,
    programCostKnown,
    programCostEstimateUsd,
    programTakeOffsets,
    programTake,
    outOffsets,
    edgeFrom,
    edgeTo,
    edgeTransitionId,
    edgeMinYears,
    edgeEstimated,
    anyEstimated,
    anyMoveKinds,
    edgeUntimed,
    anyUntimed,
    edgeUnknownTraining,
    sparableTrainingEdges,
    edgeExpMonths,
    edgeGroupOffsets,
    groupClass,
    classOptionOffsets,
    classOptions,
    edgeProgramOffsets,
    edgePrograms: pr === programRefCount ? edgePrograms : edgePrograms.slice(0, pr),
    edgeProgramWaiver,
    certWaives,
    programOncePerPath,
    programInert,
    certOncePerPath,
    edgeBoundMonths: new Float64Array(T),
    edgeBoundCostCents: new Float64Array(T),
    edgeBoundCerts: new Float64Array(T),
    inOffsets,
    inEdges: new Int32Array(T),
    inFrom: new Int32Array(T),
    inBoundMonths: new Float64Array(T),
    inBoundCostCents: new Float64Array(T),
    inBoundCerts: new Uint8Array(T),
    inStartDependent: new Uint8Array(T),
    roleIndexById,
    certIndexById,
    programIndexById,
    trackIndexById,
    edgeIndexByTransitionId,
    roleBySlug: new SlugLookup(roleSlugs),
    certBySlug: new SlugLookup(certSlugs),
    programBySlug: new SlugLookup(programSlugs),
    trackBySlug: new SlugLookup(trackSlugs),
    landmarks: null,
  };
  closureCache.set(index, closures);
  const noneHeld = new Uint8Array(C);
  const noneDone = new Uint8Array(P);
  for (let e = 0; e < T; e++) {
    const b = edgeBounds(index, e, noneHeld, noneDone, 1, true);
    index.edgeBoundMonths[e] = b.months;
    index.edgeBoundCostCents[e] = b.cents;
    index.edgeBoundCerts[e] = b.certs;
  }

  for (let r = 0; r < R; r++) inOffsets[r + 1]! += inOffsets[r]!;
  {
    const fill = inOffsets.slice(0, R);
    for (let e = 0; e < T; e++) {
      const j = fill[edgeTo[e]!]!++;
      index.inEdges[j] = e;
      index.inFrom[j] = edgeFrom[e]!;
      index.inBoundMonths[j] = index.edgeBoundMonths[e]!;
      index.inBoundCostCents[j] = index.edgeBoundCostCents[e]!;
      index.inBoundCerts[j] = Math.min(255, index.edgeBoundCerts[e]!);
      let dependent = 0;
      for (let k = edgeProgramOffsets[e]!; k < edgeProgramOffsets[e + 1]! && dependent === 0; k++)
        dependent = takeDependent[edgePrograms[k]!]!;
      for (let gi = edgeGroupOffsets[e]!; gi < edgeGroupOffsets[e + 1]! && dependent === 0; gi++)
        dependent = classDependent[groupClass[gi]!]!;
      index.inStartDependent[j] = dependent;
    }
  }

  const landmarkCount = options.landmarks ?? DEFAULT_LANDMARKS;
  return landmarkCount > 0 && R > 0 ? { ...index, landmarks: computeLandmarks(index, landmarkCount) } : index;
}

/**
 * Lower bounds of what edge e adds to any loopless pathway, whatever came before it: its experience
 * months from a standing start, and what it must take and earn of the once-per-path programs and
 * certifications (GraphIndex.programOncePerPath) the learner did not start with (`held`, `done`): a
 * once-per-path item the step may need can only be needed on this move of the path, so if it is
 * needed at all it is paid for here. The training's programs (with their prerequisites) count in
 * full, but for one that trains for one of the move's groups (edgeProgramWaiver) when the learner
 * started holding an option of that group (`startHeld`), which the step skips; each requirement group adds the least, over its options, of the option's fee and one
 * certification, plus the least of its routes (a program route's programs beyond the training's, a
 * certification route's own bound, recursively; a wait or an open route nothing). An option held or
 * not once-per-path adds nothing. Groups whose options or routes may overlap count once, as the
 * largest; others add up. Months are times `monthsFactor`, rounded up per program.
 */
export function edgeBounds(
  index: GraphIndex,
  e: number,
  held: Uint8Array,
  done: Uint8Array,
  monthsFactor: number,
  /** A standing start (nothing held or done, full time): groups' bounds may come from a per-class cache. */
  standing = false,
  /** Every certification held at the start (ascending): a training program it spares counts nothing (edgeProgramWaiver). */
  startHeld: readonly number[] = [],
): { months: number; cents: number; certs: number } {
  let months = index.edgeExpMonths[e]!;
  let cents = 0;
  const { programTakeOffsets: takeOff, programTake: take } = index;
  const p0 = index.edgeProgramOffsets[e]!;
  const p1 = index.edgeProgramOffsets[e + 1]!;
  // The training's programs, prerequisites included, each once (a scratch list: edgeBounds never
  // runs inside itself).
  const training = trainingScratch;
  training.length = 0;
  for (let j = p0; j < p1; j++) {
    // A program the learner does not need (holding at the start an option of the group it trains
    // for) counts nothing.
    const waiver = index.edgeProgramWaiver[j]!;
    if (waiver !== -1 && startHeld.length > 0 && holdsOption(index, startHeld, waiver)) continue;
    const p = index.edgePrograms[j]!;
    for (let k = takeOff[p]!; k < takeOff[p + 1]!; k++) {
      const q = take[k]!;
      if (index.programOncePerPath[q] === 0 || done[q] === 1 || training.includes(q)) continue;
      training.push(q);
      const m = index.programMinMonths[q]!;
      months += monthsFactor === 1 ? m : Math.ceil(m * monthsFactor - 1e-9);
      cents += index.programCostCents[q]!;
    }
  }
  const { edgeGroupOffsets, groupClass, classOptionOffsets: off, classOptions: opt } = index;
  const g0 = edgeGroupOffsets[e]!;
  const g1 = edgeGroupOffsets[e + 1]!;
  if (g0 === g1) return { months, cents, certs: 0 };
  const bound = groupBound;
  bound.reset(index, held, done, monthsFactor, training);
  // A certification's bound depends on the move only through its training (route programs it
  // takes anyway): for a standing start and no program in common, it is the certification's own.
  let cache: Float64Array | undefined;
  if (standing) {
    cache = certBounds.get(index);
    if (cache === undefined) certBounds.set(index, (cache = new Float64Array(3 * index.certCount).fill(NaN)));
  }
  const closures = cache !== undefined && training.length > 0 ? closuresOf(index) : null;
  let sumMonths = 0;
  let maxMonths = 0;
  let sumCents = 0;
  let maxCents = 0;
  let sumCerts = 0;
  let maxCerts = 0;
  let overlapping = false;
  for (let gi = g0; gi < g1; gi++) {
    const cls = groupClass[gi]!;
    let gm = Infinity;
    let gc = Infinity;
    let gn = Infinity;
    for (let j = off[cls]!; j < off[cls + 1]!; j++) {
      const c = opt[j]!;
      const cached = cache !== undefined && (closures === null || !sharesAny(training, closures.programs[c]!));
      if (cached && !Number.isNaN(cache![3 * c]!)) {
        gm = Math.min(gm, cache![3 * c]!);
        gc = Math.min(gc, cache![3 * c + 1]!);
        gn = Math.min(gn, cache![3 * c + 2]!);
        continue;
      }
      bound.cert(c, NO_CHAIN);
      if (cached) {
        cache![3 * c] = bound.months;
        cache![3 * c + 1] = bound.cents;
        cache![3 * c + 2] = bound.certs;
      }
      gm = Math.min(gm, bound.months);
      gc = Math.min(gc, bound.cents);
      gn = Math.min(gn, bound.certs);
    }
    // No way to earn any option: the move cannot be made; its bound is left at what else it needs.
    if (gm === Infinity) gm = gc = gn = 0;
    sumMonths += gm;
    maxMonths = Math.max(maxMonths, gm);
    sumCents += gc;
    maxCents = Math.max(maxCents, gc);
    sumCerts += gn;
    maxCerts = Math.max(maxCerts, gn);
    for (let hi = g0; hi < gi && !overlapping; hi++) overlapping = mayOverlap(index, groupClass[hi]!, cls);
  }
  months += overlapping ? maxMonths : sumMonths;
  cents += overlapping ? maxCents : sumCents;
  return { months, cents, certs: overlapping ? maxCerts : sumCerts };
}

function holdsOption(index: GraphIndex, held: readonly number[], cls: number): boolean {
  for (let k = index.classOptionOffsets[cls]!; k < index.classOptionOffsets[cls + 1]!; k++)
    if (held.includes(index.classOptions[k]!)) return true;
  return false;
}

/**
 * Whether a training program of edge e is spared by a certification in `held` (the start's), so that
 * its bounds differ from the index's (edgeProgramWaiver).
 */
export function edgeWaives(index: GraphIndex, e: number, held: readonly number[]): boolean {
  for (let j = index.edgeProgramOffsets[e]!; j < index.edgeProgramOffsets[e + 1]!; j++) {
    const cls = index.edgeProgramWaiver[j]!;
    if (cls !== -1 && holdsOption(index, held, cls)) return true;
  }
  return false;
}

/** The least a step adds to earn one certification (edgeBounds), in months, cents and certifications. */
class GroupBound {
  months = 0;
  cents = 0;
  certs = 0;
  private index!: GraphIndex;
  private held!: Uint8Array;
  private done!: Uint8Array;
  private monthsFactor = 1;
  private training: readonly number[] = [];

  reset(
    index: GraphIndex,
    held: Uint8Array,
    done: Uint8Array,
    monthsFactor: number,
    training: readonly number[],
  ): void {
    this.index = index;
    this.held = held;
    this.done = done;
    this.monthsFactor = monthsFactor;
    this.training = training;
  }

  /** Sets (months, cents, certs) for earning c on this step (Infinity: no route; `chain`: certifications being earned through c). */
  cert(c: number, chain: readonly number[]): void {
    const ix = this.index;
    if (this.held[c] === 1 || ix.certOncePerPath[c] === 0) {
      this.months = this.cents = this.certs = 0;
      return;
    }
    let bm = Infinity;
    let bc = Infinity;
    let bn = Infinity;
    for (let r = ix.certRouteOffsets[c]!; r < ix.certRouteOffsets[c + 1]! && bm + bc + bn > 0; r++) {
      const kind = ix.routeKind[r]!;
      const value = ix.routeValue[r]!;
      let m = 0;
      let cents = 0;
      let n = 0;
      if (kind === ROUTE_PROGRAM) {
        for (let k = ix.programTakeOffsets[value]!; k < ix.programTakeOffsets[value + 1]!; k++) {
          const q = ix.programTake[k]!;
          if (ix.programOncePerPath[q] === 0 || this.done[q] === 1 || this.training.includes(q)) continue;
          const pm = ix.programMinMonths[q]!;
          m += this.monthsFactor === 1 ? pm : Math.ceil(pm * this.monthsFactor - 1e-9);
          cents += ix.programCostCents[q]!;
        }
      } else if (kind === ROUTE_CERTIFICATION) {
        if (value === c || chain.includes(value)) continue;
        this.cert(value, [...chain, c]);
        m = this.months;
        cents = this.cents;
        n = this.certs;
      }
      bm = Math.min(bm, m);
      bc = Math.min(bc, cents);
      bn = Math.min(bn, n);
    }
    this.months = bm;
    this.cents = bc + ix.certFeeCents[c]!;
    this.certs = bn + 1;
  }
}

const trainingScratch: number[] = [];
const groupBound = new GroupBound();
const NO_CHAIN: readonly number[] = [];
/** Per index, each certification's bound (GroupBound) for a standing start and a move whose training shares no program with its routes (NaN: not known yet). */
const certBounds = new WeakMap<GraphIndex, Float64Array>();

function sharesAny(list: readonly number[], set: Int32Array): boolean {
  for (const x of list) if (set.includes(x)) return true;
  return false;
}

/**
 * Whether two classes' steps may share something: an option, or a certification or program their
 * options' routes may need (transitively). Then earning both groups may cost no more than one.
 */
function mayOverlap(index: GraphIndex, a: number, b: number): boolean {
  const { certs, programs } = closuresOf(index);
  const { classOptionOffsets: off, classOptions: opt } = index;
  for (let i = off[a]!; i < off[a + 1]!; i++)
    for (let j = off[b]!; j < off[b + 1]!; j++) {
      const x = opt[i]!;
      const y = opt[j]!;
      if (x === y || intersects(certs[x]!, certs[y]!) || intersects(programs[x]!, programs[y]!)) return true;
    }
  return false;
}

function intersects(a: Int32Array, b: Int32Array): boolean {
  for (let i = 0; i < a.length; i++) if (b.includes(a[i]!)) return true;
  return false;
}

/**
 * Whether edge e's bounds depend on what the learner starts with: a step on it may take a program in
 * `done` or earn a certification in `held` (the once-per-path ones, the only ones edgeBounds reads).
 */
export function edgeTouches(index: GraphIndex, e: number, held: Uint8Array, done: Uint8Array): boolean {
  for (let j = index.edgeProgramOffsets[e]!; j < index.edgeProgramOffsets[e + 1]!; j++) {
    const p = index.edgePrograms[j]!;
    for (let k = index.programTakeOffsets[p]!; k < index.programTakeOffsets[p + 1]!; k++)
      if (done[index.programTake[k]!] === 1) return true;
  }
  const g0 = index.edgeGroupOffsets[e]!;
  const g1 = index.edgeGroupOffsets[e + 1]!;
  if (g0 === g1) return false;
  const { certs, programs } = closuresOf(index);
  const { classOptionOffsets: off, classOptions: opt } = index;
  for (let gi = g0; gi < g1; gi++) {
    const cls = index.groupClass[gi]!;
    for (let j = off[cls]!; j < off[cls + 1]!; j++) {
      for (const c of certs[opt[j]!]!) if (held[c] === 1) return true;
      for (const p of programs[opt[j]!]!) if (done[p] === 1) return true;
    }
  }
  return false;
}

/**
 * Per certification: the certifications earning it may earn too (itself, and its route
 * certifications, transitively), and the programs their routes may take (prerequisites included).
 */
interface Closures {
  certs: Int32Array[];
  programs: Int32Array[];
}

/** Closures per index: seeded by buildIndex, computed again for an index that came from another thread. */
const closureCache = new WeakMap<GraphIndex, Closures>();

function closuresOf(index: GraphIndex): Closures {
  let found = closureCache.get(index);
  if (found === undefined) {
    found = certClosures(
      index.certRouteOffsets,
      index.routeKind,
      index.routeValue,
      index.programTakeOffsets,
      index.programTake,
    );
    closureCache.set(index, found);
  }
  return found;
}

function certClosures(
  certRouteOffsets: Int32Array,
  routeKind: Uint8Array,
  routeValue: Float64Array,
  programTakeOffsets: Int32Array,
  programTake: Int32Array,
): Closures {
  const C = certRouteOffsets.length - 1;
  const out: Closures = { certs: new Array<Int32Array>(C), programs: new Array<Int32Array>(C) };
  for (let c0 = 0; c0 < C; c0++) {
    const certs = new Set<number>();
    const programs = new Set<number>();
    const stack = [c0];
    while (stack.length) {
      const c = stack.pop()!;
      if (certs.has(c)) continue;
      certs.add(c);
      for (let r = certRouteOffsets[c]!; r < certRouteOffsets[c + 1]!; r++) {
        const value = routeValue[r]!;
        if (routeKind[r] === ROUTE_CERTIFICATION) stack.push(value);
        else if (routeKind[r] === ROUTE_PROGRAM)
          for (let j = programTakeOffsets[value]!; j < programTakeOffsets[value + 1]!; j++)
            programs.add(programTake[j]!);
      }
    }
    out.certs[c0] = Int32Array.from(certs);
    out.programs[c0] = Int32Array.from(programs);
  }
  return out;
}
