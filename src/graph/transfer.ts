/**
 * Moving an index between threads without copying it: its typed arrays' buffers are transferred
 * (`postMessage(value, transferList)`), the rest — counts, slug lists — is structured-cloned, and
 * the lookups, which arrive as plain objects, are rewrapped around the same arrays.
 */
import { type GraphIndex, IdLookup, SlugLookup } from './build.js';

const ID_LOOKUPS = [
  'roleIndexById',
  'certIndexById',
  'programIndexById',
  'trackIndexById',
  'edgeIndexByTransitionId',
] as const;
const SLUG_LOOKUPS = ['roleBySlug', 'certBySlug', 'programBySlug', 'trackBySlug'] as const;

/** The buffers of the index's typed arrays (its own and its lookups' and landmarks'), each once. */
export function indexBuffers(index: GraphIndex): ArrayBuffer[] {
  const buffers = new Set<ArrayBuffer>();
  const add = (value: unknown) => {
    if (ArrayBuffer.isView(value) && value.buffer instanceof ArrayBuffer) buffers.add(value.buffer);
  };
  for (const value of Object.values(index)) {
    add(value);
    if (typeof value === 'object' && value !== null && !Array.isArray(value) && !ArrayBuffer.isView(value))
      for (const inner of Object.values(value)) add(inner);
  }
  return [...buffers];
}

/** The index as it arrives from another thread, with its lookups working again. */
export function reviveIndex(received: GraphIndex): GraphIndex {
  const index: Record<string, unknown> = { ...received };
  for (const key of ID_LOOKUPS) {
    const { ids, positions } = received[key];
    index[key] = new IdLookup(ids, positions);
  }
  for (const key of SLUG_LOOKUPS) {
    const { slugs, order } = received[key];
    index[key] = new SlugLookup(slugs, order);
  }
  return index as unknown as GraphIndex;
}
