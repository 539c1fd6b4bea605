/**
 * The names a pathway's words use (src/graph/explain.ts's Names), read from the graph snapshot:
 * no database read. Shared by pathways and by a single move's figures (transition.ts).
 */
import type { Estimate } from '../db/estimates.js';
import type { Names } from '../graph/explain.js';
import type { UnknownCost as EngineUnknown } from '../graph/index.js';
import type { ById, GraphSnapshot as Snapshot } from './snapshot.js';

/** The names pathways' words use, from the snapshot: no database read. */
export function namesOf(snapshot: Snapshot): Names {
  const { names, programEstimates, feeEstimates } = snapshot;
  const need = <T>(map: ById<T>, id: number, what: string): T => {
    const v = map.get(id);
    if (v === undefined) throw new Error(`internal: no ${what} ${id} in the snapshot`);
    return v;
  };
  return {
    role: (id) => {
      const r = need(names.roles, id, 'role');
      return { title: r.title, track: need(names.tracks, r.trackId, 'track').name };
    },
    trackOf: (id) => {
      const { index } = snapshot;
      const t = index.roleTrack[index.roleIndexById.get(id)!]!;
      return { trackId: index.trackIds[t]!, bridging: index.trackBridging[t] === 1 };
    },
    track: (id) => need(names.tracks, id, 'track').name,
    certification: (id) => need(names.certifications, id, 'certification'),
    program: (id) => need(names.programs, id, 'program'),
    estimateBasis: (cost) => estimateOf(programEstimates, feeEstimates, cost),
    estimatedMoveNote: (id) => snapshot.moveNotes.get(id),
    untimedMove: (id) => snapshot.experienceUnknown.get(id),
    unknownTraining: (id) => snapshot.unknownTraining.get(id),
    yearsEstimated: (id) => snapshot.yearsEstimated.has(id),
    asksUnknownWork: (id) => snapshot.workUnknown.has(id),
    onTheJob: (id) => snapshot.onTheJob.get(id),
    withinMove: (id) => snapshot.withinMoves.has(id),
    openEntry: (id) => snapshot.openEntryMoves.has(id),
    lengthStandIn: (id) => snapshot.lengthStandIns.get(id),
    lengthStandInBasis: snapshot.lengthStandInBasis,
  };
}

export function estimateOf(
  programs: ReadonlyMap<number, Estimate>,
  fees: ReadonlyMap<number, Estimate>,
  cost: EngineUnknown,
): Estimate | undefined {
  // An estimated move's fees, a curated move's undescribed training: no figure to estimate from.
  if (cost.kind === 'LICENSING' || cost.kind === 'TRAINING') return undefined;
  return (cost.kind === 'PROGRAM' ? programs : fees).get(cost.id);
}
