/**
 * The in-memory index of the career graph: dense indices, compressed adjacency (CSR) in typed arrays,
 * requirement groups flattened and interned. Built once from plain input, then read-only.
 */
import { experienceMonths, usdToCents } from './cost.js';
import { GraphInputError } from './errors.js';
import type { GraphInput } from './types.js';
import { computeLandmarks, defaultLandmarkCount, type Landmarks } from './landmarks.js';

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
  /** Roles of each track: trackRoles[trackRoleOffsets[t] .. trackRoleOffsets[t+1]). */
  readonly trackRoleOffsets: Int32Array;
  readonly trackRoles: Int32Array;

  readonly certIds: Float64Array;
  readonly certSlugs: readonly string[];
  readonly certFeeCents: Float64Array;
  /** 1 when the exam fee is known (not null). */
  readonly certFeeKnown: Uint8Array;
  /** Position of each certification in the order (fee, slug, id): the tie-break between options. */
  readonly certRank: Int32Array;

  readonly programIds: Float64Array;
  readonly programSlugs: readonly string[];
  readonly programMinMonths: Float64Array;
  readonly programCostCents: Float64Array;
  readonly programCostKnown: Uint8Array;

  /** Out-edges of role r: edges outOffsets[r] .. outOffsets[r+1]-1, sorted by transition id. */
  readonly outOffsets: Int32Array;
  readonly edgeFrom: Int32Array;
  readonly edgeTo: Int32Array;
  readonly edgeTransitionId: Float64Array;
  readonly edgeMinYears: Float64Array;
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
   * 1 for a program that no loopless path can require twice: every transition requiring it leads to the
   * same role, or every one leaves the same role (typically a role's entry training). Only these count in
   * the search's lower bounds.
   */
  readonly programOncePerPath: Uint8Array;
  /** Per edge: experience months plus the minMonths of its once-per-path programs (a lower bound). */
  readonly edgeBoundMonths: Float64Array;
  /** Per edge: typical cost (cents) of its once-per-path programs (a lower bound). */
  readonly edgeBoundCostCents: Float64Array;
  /** In-edges of role r: edge indices inEdges[inOffsets[r] .. inOffsets[r+1]). */
  readonly inOffsets: Int32Array;
  readonly inEdges: Int32Array;

  /** Landmark distances for lower bounds (src/graph/landmarks.ts); null when the graph has none. */
  readonly landmarks: Landmarks | null;

  readonly roleIndexById: ReadonlyMap<number, number>;
  readonly certIndexById: ReadonlyMap<number, number>;
  readonly programIndexById: ReadonlyMap<number, number>;
  readonly trackIndexById: ReadonlyMap<number, number>;
}

function sortedIndexById(ids: readonly number[], what: string): { order: Int32Array; byId: Map<number, number> } {
  const n = ids.length;
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  order.sort((a, b) => ids[a]! - ids[b]!);
  const byId = new Map<number, number>();
  for (let d = 0; d < n; d++) {
    const id = ids[order[d]!]!;
    if (!Number.isFinite(id)) throw new GraphInputError(`${what} id ${id} is not a number`);
    if (byId.has(id)) throw new GraphInputError(`duplicate ${what} id ${id}`);
    byId.set(id, d);
  }
  return { order, byId };
}

export interface BuildOptions {
  /** Number of landmarks for lower bounds (default: 16 from 5,000 roles, 8 from 200, else none). */
  landmarks?: number;
}

export function buildIndex(input: GraphInput, options: BuildOptions = {}): GraphIndex {
  // Roles and tracks.
  const roles = input.roles;
  const R = roles.length;
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
  const trackIdList = [...trackSlugById.keys()].sort((a, b) => a - b);
  const trackIndexById = new Map<number, number>();
  trackIdList.forEach((id, i) => trackIndexById.set(id, i));
  const trackCount = trackIdList.length;
  const trackIds = Float64Array.from(trackIdList);
  const trackSlugs = trackIdList.map((id) => trackSlugById.get(id)!);
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

  // Certifications.
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
  for (let d = 0; d < C; d++) {
    const c = certs[certOrder[d]!]!;
    if (c.examFeeUsd !== null && !(c.examFeeUsd >= 0))
      throw new GraphInputError(`certification ${c.id} has an invalid exam fee ${c.examFeeUsd}`);
    certIds[d] = c.id;
    certSlugs[d] = c.slug;
    certFeeCents[d] = usdToCents(c.examFeeUsd);
    certFeeKnown[d] = c.examFeeUsd === null ? 0 : 1;
  }
  const byRank = Array.from({ length: C }, (_, i) => i).sort(
    (a, b) =>
      certFeeCents[a]! - certFeeCents[b]! ||
      (certSlugs[a]! < certSlugs[b]! ? -1 : certSlugs[a]! > certSlugs[b]! ? 1 : 0) ||
      certIds[a]! - certIds[b]!,
  );
  const certRank = new Int32Array(C);
  byRank.forEach((c, rank) => (certRank[c] = rank));

  // Programs.
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
  for (let d = 0; d < P; d++) {
    const p = programs[programOrder[d]!]!;
    if (!(p.minMonths >= 0)) throw new GraphInputError(`program ${p.id} has an invalid minMonths ${p.minMonths}`);
    if (p.typicalCostUsd !== null && !(p.typicalCostUsd >= 0))
      throw new GraphInputError(`program ${p.id} has an invalid typicalCostUsd ${p.typicalCostUsd}`);
    programIds[d] = p.id;
    programSlugs[d] = p.slug;
    programMinMonths[d] = p.minMonths;
    programCostCents[d] = usdToCents(p.typicalCostUsd);
    programCostKnown[d] = p.typicalCostUsd === null ? 0 : 1;
  }

  // Transitions: counting sort by source role, then by transition id within a source.
  const transitions = input.transitions;
  const T = transitions.length;
  const srcOf = new Int32Array(T);
  const outOffsets = new Int32Array(R + 1);
  let groupCount = 0;
  let programRefCount = 0;
  for (let i = 0; i < T; i++) {
    const t = transitions[i]!;
    const f = roleIndexById.get(t.from);
    if (f === undefined) throw new GraphInputError(`transition ${t.id}: unknown from role ${t.from}`);
    if (!roleIndexById.has(t.to)) throw new GraphInputError(`transition ${t.id}: unknown to role ${t.to}`);
    if (!(t.minYearsExperience >= 0))
      throw new GraphInputError(`transition ${t.id}: invalid minYearsExperience ${t.minYearsExperience}`);
    srcOf[i] = f;
    outOffsets[f + 1]!++;
    groupCount += t.requirementGroups.length;
    programRefCount += t.training.length;
  }
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
    for (let e = lo + 1; e < hi && sorted; e++)
      if (transitions[edgeOrder[e]!]!.id <= transitions[edgeOrder[e - 1]!]!.id) sorted = false;
    if (!sorted) edgeOrder.subarray(lo, hi).sort((a, b) => transitions[a]!.id - transitions[b]!.id);
  }

  const edgeFrom = new Int32Array(T);
  const edgeTo = new Int32Array(T);
  const edgeTransitionId = new Float64Array(T);
  const edgeMinYears = new Float64Array(T);
  const edgeExpMonths = new Int32Array(T);
  const edgeGroupOffsets = new Int32Array(T + 1);
  const groupClass = new Int32Array(groupCount);
  const edgeProgramOffsets = new Int32Array(T + 1);
  const edgePrograms = new Int32Array(programRefCount);
  const inOffsets = new Int32Array(R + 1);

  // Multi-option requirement groups are interned by their option set.
  const classKey = new Map<string, number>();
  const classOptionList: number[] = [];
  const classOptionOffsetList: number[] = [];
  for (let c = 0; c < C; c++) {
    classOptionOffsetList.push(c);
    classOptionList.push(c);
  }
  let classCount = C;
  const opts: number[] = [];
  const seenTransitionIds = new Set<number>();
  let g = 0;
  let pr = 0;
  for (let e = 0; e < T; e++) {
    const t = transitions[edgeOrder[e]!]!;
    if (seenTransitionIds.has(t.id)) throw new GraphInputError(`duplicate transition id ${t.id}`);
    seenTransitionIds.add(t.id);
    const from = srcOf[edgeOrder[e]!]!;
    const to = roleIndexById.get(t.to)!;
    edgeFrom[e] = from;
    edgeTo[e] = to;
    inOffsets[to + 1]!++;
    edgeTransitionId[e] = t.id;
    edgeMinYears[e] = t.minYearsExperience;
    edgeExpMonths[e] = experienceMonths(t.minYearsExperience);
    for (const group of t.requirementGroups) {
      opts.length = 0;
      for (const certId of group) {
        const c = certIndexById.get(certId);
        if (c === undefined) throw new GraphInputError(`transition ${t.id}: unknown certification ${certId}`);
        if (!opts.includes(c)) opts.push(c);
      }
      if (opts.length === 0) throw new GraphInputError(`transition ${t.id}: empty requirement group`);
      let cls: number;
      if (opts.length === 1) cls = opts[0]!;
      else {
        opts.sort((a, b) => certRank[a]! - certRank[b]!);
        const key = opts.join(',');
        const known = classKey.get(key);
        if (known !== undefined) cls = known;
        else {
          cls = classCount++;
          classKey.set(key, cls);
          classOptionOffsetList.push(classOptionList.length);
          for (const o of opts) classOptionList.push(o);
        }
      }
      groupClass[g++] = cls;
    }
    edgeGroupOffsets[e + 1] = g;
    const start = pr;
    for (const programId of t.training) {
      const p = programIndexById.get(programId);
      if (p === undefined) throw new GraphInputError(`transition ${t.id}: unknown program ${programId}`);
      let dup = false;
      for (let j = start; j < pr; j++) if (edgePrograms[j] === p) dup = true;
      if (!dup) edgePrograms[pr++] = p;
    }
    edgePrograms.subarray(start, pr).sort();
    edgeProgramOffsets[e + 1] = pr;
  }
  classOptionOffsetList.push(classOptionList.length);

  // Programs no loopless path can require twice: all requiring edges share their target, or their source.
  const programTo = new Int32Array(P).fill(-1);
  const programFrom = new Int32Array(P).fill(-1);
  for (let e = 0; e < T; e++)
    for (let j = edgeProgramOffsets[e]!; j < edgeProgramOffsets[e + 1]!; j++) {
      const p = edgePrograms[j]!;
      programTo[p] = programTo[p] === -1 || programTo[p] === edgeTo[e] ? edgeTo[e]! : -2;
      programFrom[p] = programFrom[p] === -1 || programFrom[p] === edgeFrom[e] ? edgeFrom[e]! : -2;
    }
  const programOncePerPath = new Uint8Array(P);
  for (let p = 0; p < P; p++) programOncePerPath[p] = programTo[p]! >= 0 || programFrom[p]! >= 0 ? 1 : 0;
  const edgeBoundMonths = new Float64Array(T);
  const edgeBoundCostCents = new Float64Array(T);
  for (let e = 0; e < T; e++) {
    let months = edgeExpMonths[e]!;
    let cost = 0;
    for (let j = edgeProgramOffsets[e]!; j < edgeProgramOffsets[e + 1]!; j++) {
      const p = edgePrograms[j]!;
      if (programOncePerPath[p] === 0) continue;
      months += programMinMonths[p]!;
      cost += programCostCents[p]!;
    }
    edgeBoundMonths[e] = months;
    edgeBoundCostCents[e] = cost;
  }

  for (let r = 0; r < R; r++) inOffsets[r + 1]! += inOffsets[r]!;
  const inEdges = new Int32Array(T);
  {
    const fill = inOffsets.slice(0, R);
    for (let e = 0; e < T; e++) inEdges[fill[edgeTo[e]!]!++] = e;
  }

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
    trackRoleOffsets,
    trackRoles,
    certIds,
    certSlugs,
    certFeeCents,
    certFeeKnown,
    certRank,
    programIds,
    programSlugs,
    programMinMonths,
    programCostCents,
    programCostKnown,
    outOffsets,
    edgeFrom,
    edgeTo,
    edgeTransitionId,
    edgeMinYears,
    edgeExpMonths,
    edgeGroupOffsets,
    groupClass,
    classOptionOffsets: Int32Array.from(classOptionOffsetList),
    classOptions: Int32Array.from(classOptionList),
    edgeProgramOffsets,
    edgePrograms: pr === programRefCount ? edgePrograms : edgePrograms.slice(0, pr),
    programOncePerPath,
    edgeBoundMonths,
    edgeBoundCostCents,
    inOffsets,
    inEdges,
    roleIndexById,
    certIndexById,
    programIndexById,
    trackIndexById,
    landmarks: null,
  };
  const landmarkCount = options.landmarks ?? defaultLandmarkCount(R);
  return landmarkCount > 0 && R > 0 ? { ...index, landmarks: computeLandmarks(index, landmarkCount) } : index;
}
