/**
 * Where a sequence of roles passes from one track to another, bridging tracks aside (clinical →
 * hybrid → administrative is one crossing, from clinical to administrative, by way of hybrid).
 * Shared by a pathway's `crossings` (evaluate.ts) and its summary's words where it only passes
 * through some jobs (explain.ts: the crossings between the jobs it works in).
 */
import type { Pathway } from './types.js';

export function trackCrossings(
  roleIds: readonly number[],
  /** A role's track id, and whether that track bridges others. */
  trackOf: (roleId: number) => { trackId: number; bridging: boolean },
): Pathway['crossings'] {
  const crossings: Pathway['crossings'] = [];
  let track: number | undefined;
  let via: number | undefined;
  for (const id of roleIds) {
    const { trackId, bridging } = trackOf(id);
    if (bridging) {
      if (track !== undefined) via = trackId;
      continue;
    }
    if (track !== undefined && trackId !== track)
      crossings.push({ fromTrackId: track, toTrackId: trackId, ...(via !== undefined ? { viaTrackId: via } : {}) });
    track = trackId;
    via = undefined;
  }
  return crossings;
}
