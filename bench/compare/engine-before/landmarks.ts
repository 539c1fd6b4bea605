/**
 * Landmark lower bounds (ALT: A*, landmarks, triangle inequality). For a few landmark roles L, the
 * index stores the shortest experience months from every role to L and from L to every role. Then for
 * any roles v, t: months(v -> t) >= d(v, L) - d(t, L) and >= d(L, t) - d(L, v). Experience months from a
 * standing start never exceed a step's real months, so these bounds hold for every query and profile.
 */
import type { GraphIndex } from './build.js';

export interface Landmarks {
  readonly roles: Int32Array;
  /** d(v -> L) for landmark l at [l * roleCount + v]; Infinity when unreachable. */
  readonly toLandmark: Float32Array;
  /** d(L -> v) for landmark l at [l * roleCount + v]. */
  readonly fromLandmark: Float32Array;
}

/**
 * Default number of landmarks: none. On the benchmark graphs the reverse search's bounds were as
 * tight where it mattered, so landmarks cost their build time for nothing; BuildOptions.landmarks
 * turns them on (docs/decisions/003-pathway-search.md).
 */
export const DEFAULT_LANDMARKS = 0;

/** Dijkstra over experience months from `source`, forwards (out-edges) or backwards (in-edges). */
function dijkstra(index: GraphIndex, source: number, backwards: boolean, dist: Float32Array, offset: number): void {
  const R = index.roleCount;
  const d = new Float64Array(R).fill(Infinity);
  const done = new Uint8Array(R);
  let keys = new Float64Array(1024);
  let vals = new Int32Array(1024);
  let size = 0;
  const push = (key: number, v: number) => {
    if (size === keys.length) {
      const k2 = new Float64Array(size * 2);
      k2.set(keys);
      keys = k2;
      const v2 = new Int32Array(size * 2);
      v2.set(vals);
      vals = v2;
    }
    let i = size++;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (keys[p]! <= key) break;
      keys[i] = keys[p]!;
      vals[i] = vals[p]!;
      i = p;
    }
    keys[i] = key;
    vals[i] = v;
  };
  const pop = () => {
    const n = --size;
    if (n === 0) return;
    const key = keys[n]!;
    const v = vals[n]!;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const c = l + 1 < n && keys[l + 1]! < keys[l]! ? l + 1 : l;
      if (keys[c]! >= key) break;
      keys[i] = keys[c]!;
      vals[i] = vals[c]!;
      i = c;
    }
    keys[i] = key;
    vals[i] = v;
  };
  const { outOffsets, edgeTo, inOffsets, inEdges, edgeFrom, edgeExpMonths } = index;
  d[source] = 0;
  push(0, source);
  while (size > 0) {
    const key = keys[0]!;
    const u = vals[0]!;
    pop();
    if (done[u] === 1 || key > d[u]!) continue;
    done[u] = 1;
    if (backwards) {
      for (let j = inOffsets[u]!; j < inOffsets[u + 1]!; j++) {
        const e = inEdges[j]!;
        const w = edgeFrom[e]!;
        const nk = key + edgeExpMonths[e]!;
        if (nk < d[w]!) {
          d[w] = nk;
          push(nk, w);
        }
      }
    } else {
      for (let e = outOffsets[u]!; e < outOffsets[u + 1]!; e++) {
        const w = edgeTo[e]!;
        const nk = key + edgeExpMonths[e]!;
        if (nk < d[w]!) {
          d[w] = nk;
          push(nk, w);
        }
      }
    }
  }
  for (let v = 0; v < R; v++) dist[offset + v] = d[v]!;
}

/** Picks `count` landmarks — the best-connected roles of each track in turn — and computes their distances. */
export function computeLandmarks(index: GraphIndex, count: number): Landmarks {
  const R = index.roleCount;
  const n = Math.min(count, R);
  const degree = (r: number) =>
    index.outOffsets[r + 1]! - index.outOffsets[r]! + index.inOffsets[r + 1]! - index.inOffsets[r]!;
  const byTrack: number[][] = [];
  for (let t = 0; t < index.trackCount; t++) {
    const roles = Array.from(index.trackRoles.subarray(index.trackRoleOffsets[t]!, index.trackRoleOffsets[t + 1]!));
    roles.sort((a, b) => degree(b) - degree(a) || a - b);
    byTrack.push(roles);
  }
  byTrack.sort((a, b) => b.length - a.length);
  const chosen: number[] = [];
  for (let round = 0; chosen.length < n; round++) {
    let any = false;
    for (const roles of byTrack) {
      if (round < roles.length && chosen.length < n) {
        chosen.push(roles[round]!);
        any = true;
      }
    }
    if (!any) break;
  }
  const toLandmark = new Float32Array(chosen.length * R);
  const fromLandmark = new Float32Array(chosen.length * R);
  chosen.forEach((l, i) => {
    dijkstra(index, l, true, toLandmark, i * R);
    dijkstra(index, l, false, fromLandmark, i * R);
  });
  return { roles: Int32Array.from(chosen), toLandmark, fromLandmark };
}

/**
 * Lower bound of the experience months from v to t; Infinity when the landmarks show t unreachable from v.
 */
export function landmarkBound(lm: Landmarks, roleCount: number, v: number, t: number): number {
  let best = 0;
  const { toLandmark, fromLandmark } = lm;
  for (let o = 0, n = lm.roles.length * roleCount; o < n; o += roleCount) {
    const vl = toLandmark[o + v]!;
    const tl = toLandmark[o + t]!;
    if (tl !== Infinity) {
      const b = vl - tl; // Infinity when v cannot reach L but t can: v cannot reach t
      if (b > best) best = b;
    }
    const lt = fromLandmark[o + t]!;
    const lv = fromLandmark[o + v]!;
    if (lv !== Infinity) {
      const b = lt - lv; // Infinity when L reaches v but not t
      if (b > best) best = b;
    }
  }
  return best;
}
