/**
 * Deterministic synthetic career graphs for the engine benchmarks (bench/engine.ts).
 *
 * - M: O*NET-shaped — 923 roles in 23 job families, 20 related roles each (~18,460 transitions).
 * - L: 100,000 roles, 1,000,000 transitions, ~20 tracks, power-law degrees (out-degrees drawn from a
 *   power law, targets by preferential attachment), a few percent cross-track moves.
 *
 * Both carry random certification requirements (any-of groups, Zipf-popular certifications), experience
 * (mostly 0.5-5 years, a few moves none) and training — mostly a program specific to the role entered,
 * sometimes a generic one — with some unknown (null) fees and costs. Same seed, same graph.
 */
import { isTransitionColumns, TransitionColumnsBuilder, type TransitionColumns } from '../src/graph/columns.js';
import type {
  BuildInput,
  CertificationInput,
  EligibilityRouteInput,
  GraphInput,
  ProgramInput,
  RoleInput,
  TransitionInput,
} from '../src/graph/types.js';

/** A generated graph with its transitions as columns (src/graph/columns.ts). */
export type ColumnarInput = Omit<GraphInput, 'transitions'> & { transitions: TransitionColumns };

/** mulberry32: a small, fast, seeded PRNG returning floats in [0, 1). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const NONE: readonly never[] = Object.freeze([]);

interface Shape {
  certCount: number;
  /** Share of transitions with no certification requirement, one group, two groups. */
  groupShares: [number, number, number];
  /** Share of roles with an entry program of their own, and share of their in-moves requiring it. */
  entryProgramShare: number;
  entryProgramRequired: number;
  /** Generic programs (e.g. a leadership course) required here and there, and how often. */
  genericPrograms: number;
  genericShare: number;
}

function makeCertifications(rand: () => number, n: number): CertificationInput[] {
  return Array.from({ length: n }, (_, i) => ({
    id: 10_000 + i,
    slug: `cert-${i}`,
    examFeeUsd: rand() < 0.1 ? null : rand() < 0.1 ? 0 : Math.round(50 + rand() * 450),
  }));
}

function makePrograms(rand: () => number, n: number): ProgramInput[] {
  return Array.from({ length: n }, (_, i) => ({
    id: 20_000 + i,
    slug: `program-${i}`,
    minMonths: 1 + Math.floor(rand() * 24),
    typicalCostUsd: rand() < 0.1 ? null : Math.round(500 + rand() * 19_500),
  }));
}

/** Years of experience asked for: mostly 0.5-5; a few moves need none. */
const YEARS = [0.5, 1, 1, 1.5, 2, 2, 3, 4, 5];

/**
 * Requirements of one transition: certifications drawn with Zipf-like popularity; training is mostly
 * the target role's entry program, sometimes a generic program.
 */
function requirements(
  rand: () => number,
  shape: Shape,
  certIds: readonly number[],
  entryProgram: number | undefined,
  genericIds: readonly number[],
) {
  const zipf = () => certIds[Math.min(certIds.length - 1, Math.floor(certIds.length * rand() ** 2.5))]!;
  const u = rand();
  const groupsWanted = u < shape.groupShares[0] ? 0 : u < shape.groupShares[0] + shape.groupShares[1] ? 1 : 2;
  let groups: number[][] | readonly never[] = NONE;
  if (groupsWanted > 0) {
    const list: number[][] = [];
    groups = list;
    for (let g = 0; g < groupsWanted; g++) {
      const size = rand() < 0.5 ? 1 : rand() < 0.6 ? 2 : 3;
      const group: number[] = [];
      while (group.length < size) {
        const c = zipf();
        if (!group.includes(c)) group.push(c);
      }
      list.push(group);
    }
  }
  let training: number[] | readonly never[] = NONE;
  if (entryProgram !== undefined && rand() < shape.entryProgramRequired) training = [entryProgram];
  if (genericIds.length > 0 && rand() < shape.genericShare)
    training = [...training, genericIds[Math.floor(genericIds.length * rand() ** 1.5)]!];
  return {
    minYearsExperience: rand() < 0.04 ? 0 : YEARS[Math.floor(rand() * YEARS.length)]!,
    requirementGroups: groups as number[][],
    training: training as number[],
  };
}

/** Programs: one entry program for a share of the roles, then the generic ones. */
function makeRolePrograms(rand: () => number, roleCount: number, shape: Shape) {
  const entry = new Int32Array(roleCount).fill(-1);
  let n = 0;
  for (let r = 0; r < roleCount; r++) if (rand() < shape.entryProgramShare) entry[r] = n++;
  const programs = makePrograms(rand, n + shape.genericPrograms);
  const genericIds = programs.slice(n).map((p) => p.id);
  const entryOf = (r: number): number | undefined => (entry[r]! >= 0 ? programs[entry[r]!]!.id : undefined);
  return { programs, genericIds, entryOf };
}

/** M: 923 roles in 23 job families, 20 related roles each (about 70% in the same family). */
export function generateM(seed = 1): GraphInput {
  const rand = rng(seed);
  const ROLES = 923;
  const FAMILIES = 23;
  const RELATED = 20;
  const shape: Shape = {
    certCount: 150,
    groupShares: [0.5, 0.4, 0.1],
    entryProgramShare: 0.3,
    entryProgramRequired: 0.7,
    genericPrograms: 40,
    genericShare: 0.04,
  };
  const certifications = makeCertifications(rand, shape.certCount);
  const certIds = certifications.map((c) => c.id);
  const { programs, genericIds, entryOf } = makeRolePrograms(rand, ROLES, shape);
  // Family sizes vary like O*NET job families (a few large, many small).
  const weights = Array.from({ length: FAMILIES }, (_, i) => 1 / (i + 2) ** 0.8);
  const total = weights.reduce((s, w) => s + w, 0);
  const roles: RoleInput[] = [];
  const byFamily: number[][] = Array.from({ length: FAMILIES }, () => []);
  for (let i = 0; i < ROLES; i++) {
    let u = rand() * total;
    let f = 0;
    while (f < FAMILIES - 1 && u > weights[f]!) u -= weights[f++]!;
    const id = 1 + i;
    roles.push({ id, slug: `onet-${id}`, trackId: 100 + f, trackSlug: `family-${f}` });
    byFamily[f]!.push(id);
  }
  const transitions: TransitionInput[] = [];
  let tid = 1;
  for (const r of roles) {
    const family = byFamily[r.trackId - 100]!;
    const related = new Set<number>();
    let guard = 0;
    while (related.size < RELATED && guard++ < 1000) {
      const sameFamily = rand() < 0.7 && family.length > 1;
      const to = sameFamily ? family[Math.floor(rand() * family.length)]! : 1 + Math.floor(rand() * ROLES);
      if (to !== r.id) related.add(to);
    }
    for (const to of related)
      transitions.push({
        id: tid++,
        from: r.id,
        to,
        ...requirements(rand, shape, certIds, entryOf(to - 1), genericIds),
      });
  }
  return { roles, certifications, programs, transitions };
}

/**
 * L: `roleCount` roles, `transitionCount` transitions, `trackCount` tracks. Out-degrees follow a power
 * law (exponent ~2.3, mean transitionCount/roleCount); targets are picked by preferential attachment
 * within the source's track (power-law attractiveness; uniformly 15% of the time); `crossTrackShare` of moves change track.
 */
type LOptions = { roleCount?: number; transitionCount?: number; trackCount?: number; crossTrackShare?: number };

export function generateL(seed = 2, opts: LOptions = {}): GraphInput {
  return generateLInto(seed, opts, null) as GraphInput;
}

/**
 * The same graph as generateL, with its transitions as columns: no object per move is made (XL's
 * ten million moves as objects are 3.4 GB of live objects; as columns about 0.4 GB).
 */
export function generateLColumns(seed = 2, opts: LOptions = {}): ColumnarInput {
  const T = opts.transitionCount ?? 1_000_000;
  return generateLInto(seed, opts, new TransitionColumnsBuilder(T, { groups: T, options: 2 * T, programs: T >> 2 })) as ColumnarInput;
}

function generateLInto(seed: number, opts: LOptions, sink: TransitionColumnsBuilder | null): GraphInput | ColumnarInput {
  const rand = rng(seed);
  const R = opts.roleCount ?? 100_000;
  const T = opts.transitionCount ?? 1_000_000;
  const TRACKS = opts.trackCount ?? 20;
  const cross = opts.crossTrackShare ?? 0.04;
  const shape: Shape = {
    certCount: 300,
    groupShares: [0.5, 0.35, 0.15],
    entryProgramShare: 0.2,
    entryProgramRequired: 0.7,
    genericPrograms: 200,
    genericShare: 0.03,
  };
  const certifications = makeCertifications(rand, shape.certCount);
  const certIds = certifications.map((c) => c.id);
  const { programs, genericIds, entryOf } = makeRolePrograms(rand, R, shape);

  const roles: RoleInput[] = new Array<RoleInput>(R);
  const trackOf = new Int32Array(R);
  const members: number[][] = Array.from({ length: TRACKS }, () => []);
  for (let i = 0; i < R; i++) {
    const t = Math.floor(rand() * TRACKS);
    trackOf[i] = t;
    members[t]!.push(i);
    roles[i] = { id: i + 1, slug: `role-${i + 1}`, trackId: 1 + t, trackSlug: `track-${t + 1}` };
  }
  // Preferential attachment with a static, power-law attractiveness: within each track the roles are
  // shuffled and the i-th is picked with probability ~ i^(-2/3) (u^3 sampling), so in-degrees have a
  // power-law tail; 15% of targets are uniform.
  for (const m of members)
    for (let i = m.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [m[i], m[j]] = [m[j]!, m[i]!];
    }

  // Power-law out-degrees scaled to the wanted total.
  const raw = new Float64Array(R);
  let sum = 0;
  for (let i = 0; i < R; i++) {
    raw[i] = Math.min(400, (1 - rand()) ** (-1 / 1.3));
    sum += raw[i]!;
  }
  const outDegree = new Int32Array(R);
  let assigned = 0;
  for (let i = 0; i < R; i++) {
    outDegree[i] = Math.floor((raw[i]! * T) / sum);
    assigned += outDegree[i]!;
  }
  for (let i = 0; assigned < T; i = (i + 1) % R) {
    outDegree[i]!++;
    assigned++;
  }

  const transitions: TransitionInput[] = sink === null ? new Array<TransitionInput>(T) : [];
  let n = 0;
  const seen = new Set<number>();
  for (let u = 0; u < R; u++) {
    seen.clear();
    const want = outDegree[u]!;
    let guard = 0;
    while (seen.size < want && guard++ < want * 4 + 20) {
      const t = rand() < cross ? Math.floor(rand() * TRACKS) : trackOf[u]!;
      const m = members[t]!;
      const v = m[Math.floor(m.length * (rand() < 0.85 ? rand() ** 3 : rand()))]!;
      if (v === u || seen.has(v)) continue;
      seen.add(v);
      if (sink === null)
        transitions[n] = {
          id: n + 1,
          from: u + 1,
          to: v + 1,
          ...requirements(rand, shape, certIds, entryOf(v), genericIds),
        };
      else {
        const req = requirements(rand, shape, certIds, entryOf(v), genericIds);
        sink.add(n + 1, u + 1, v + 1, req.minYearsExperience);
        for (const group of req.requirementGroups) sink.group(group);
        for (const p of req.training) sink.program(p);
      }
      n++;
    }
  }
  if (sink !== null) return { roles, certifications, programs, transitions: sink.finish() };
  transitions.length = n;
  return { roles, certifications, programs, transitions };
}

const CREDENTIALS = [
  // credential, share, months (min, spread), known cost (min, spread)
  ['CERTIFICATE', 0.5, 1, 11, 1_000, 14_000],
  ['DIPLOMA', 0.15, 9, 15, 5_000, 20_000],
  ['ASSOCIATE', 0.2, 24, 0, 8_000, 37_000],
  ['BACHELOR', 0.1, 48, 0, 40_000, 80_000],
  ['MASTER', 0.05, 24, 0, 30_000, 70_000],
] as const;

/**
 * The prerequisites real data has, added to a generated graph (docs/cost-model.md): programs get a
 * credential, a length and cost that fit it (30% of costs unknown, estimated by the dataset rule:
 * the median of the same credential), masters need a bachelor's; certifications get eligibility
 * routes — a program (usually some role's entry program), months of work, sometimes none, and for
 * licences the exam they follow — and 40% unknown fees (estimated likewise); a role with an entry
 * program implies it 70% of the time, as a medical assistant implies an MA program.
 */
export function withPrerequisites<I extends BuildInput>(input: I, seed = 7): I {
  const rand = rng(seed);
  const credentialOf = new Map<number, string>();
  const programs: ProgramInput[] = input.programs.map((p) => {
    let u = rand();
    let c: (typeof CREDENTIALS)[number] = CREDENTIALS[0];
    for (const row of CREDENTIALS) {
      if (u < row[1]) {
        c = row;
        break;
      }
      u -= row[1];
    }
    credentialOf.set(p.id, c[0]);
    return {
      ...p,
      minMonths: c[2] + Math.floor(rand() * (c[3] + 1)),
      typicalCostUsd: rand() < 0.3 ? null : Math.round(c[4] + rand() * c[5]),
    };
  });
  const bachelors = programs.filter((p) => credentialOf.get(p.id) === 'BACHELOR').map((p) => p.id);
  const medianBy = new Map<string, number>();
  for (const [credential] of CREDENTIALS) {
    const known = programs
      .filter((p) => credentialOf.get(p.id) === credential && p.typicalCostUsd !== null)
      .map((p) => p.typicalCostUsd!)
      .sort((a, b) => a - b);
    if (known.length) medianBy.set(credential, known[known.length >> 1]!);
  }
  for (const p of programs) {
    if (p.typicalCostUsd === null) p.costEstimateUsd = medianBy.get(credentialOf.get(p.id)!) ?? null;
    if (credentialOf.get(p.id) === 'MASTER' && bachelors.length)
      p.prerequisites = [bachelors[Math.floor(rand() * bachelors.length)]!];
  }
  const shortPrograms = programs.filter((p) => ['CERTIFICATE', 'DIPLOMA'].includes(credentialOf.get(p.id)!));
  const programIds = (shortPrograms.length ? shortPrograms : programs).map((p) => p.id);
  // Entry programs: the ones some transition into a role requires; prefer them for routes.
  const entry = new Map<number, number>();
  const moves = input.transitions;
  if (isTransitionColumns(moves)) {
    for (let i = 0; i < moves.length; i++) {
      const first = moves.trainingOffsets[i]!;
      if (first < moves.trainingOffsets[i + 1]! && !entry.has(moves.to[i]!)) entry.set(moves.to[i]!, moves.training[first]!);
    }
  } else for (const t of moves) if (t.training.length && !entry.has(t.to)) entry.set(t.to, t.training[0]!);
  const entryIds = [...new Set(entry.values())];
  const knownFees: number[] = [];
  const certifications: CertificationInput[] = input.certifications.map((c, i) => {
    const routes: EligibilityRouteInput[] = [];
    if (rand() < 0.8) {
      const pool = entryIds.length && rand() < 0.7 ? entryIds : programIds;
      if (pool.length) routes.push({ program: pool[Math.floor(rand() * pool.length)]! });
    }
    if (rand() < 0.6) routes.push({ minMonthsExperience: [12, 24, 36][Math.floor(rand() * 3)]! });
    if (rand() < 0.1) routes.push({});
    if (i > 0 && rand() < 0.05) routes.push({ certification: input.certifications[Math.floor(rand() * i)]!.id });
    if (routes.length === 0) routes.push({ minMonthsExperience: 12 });
    const examFeeUsd = rand() < 0.4 ? null : Math.round(100 + rand() * 500);
    if (examFeeUsd !== null) knownFees.push(examFeeUsd);
    return { ...c, examFeeUsd, routes };
  });
  knownFees.sort((a, b) => a - b);
  const feeMedian = knownFees.length ? knownFees[knownFees.length >> 1]! : null;
  for (const c of certifications) if (c.examFeeUsd === null) c.feeEstimateUsd = feeMedian;
  const roles: RoleInput[] = input.roles.map((r) =>
    entry.has(r.id) && rand() < 0.7 ? { ...r, impliedPrograms: [entry.get(r.id)!] } : r,
  );
  return { ...input, roles, programs, certifications };
}
