/**
 * Records by id packed into columns, so that a worker thread can hand the names of a large graph
 * (100,000 role titles) to the main thread in a few buffers instead of as a Map of objects, whose
 * structured clone the main thread would spend hundreds of milliseconds reading (graph-build.ts).
 * Ids ascending and typed arrays (transferred), each string field one string with offsets.
 */
import type { ById } from '../schema/snapshot.js';

type Value = string | number | null;
type Column =
  | { field: string; kind: 'string'; text: string; offsets: Int32Array }
  | { field: string; kind: 'number'; values: Float64Array; isNull: Uint8Array };

/** A Map's records as columns; every record has the same fields, each a string, or a number or null. */
export type Packed = { ids: Float64Array; columns: Column[] };

export function packNames(map: ReadonlyMap<number, Record<string, Value>>): Packed {
  const entries = [...map].sort((a, b) => a[0] - b[0]);
  const ids = Float64Array.from(entries, ([id]) => id);
  const first = entries[0]?.[1] ?? {};
  const columns = Object.keys(first).map((field): Column => {
    if (typeof first[field] === 'string') {
      const offsets = new Int32Array(entries.length + 1);
      const parts: string[] = [];
      entries.forEach(([, record], i) => {
        const s = record[field] as string;
        parts.push(s);
        offsets[i + 1] = offsets[i]! + s.length;
      });
      return { field, kind: 'string', text: parts.join(''), offsets };
    }
    const values = new Float64Array(entries.length);
    const isNull = new Uint8Array(entries.length);
    entries.forEach(([, record], i) => {
      const v = record[field];
      if (v === null) isNull[i] = 1;
      else values[i] = v as number;
    });
    return { field, kind: 'number', values, isNull };
  });
  return { ids, columns };
}

/** The buffers to transfer with a packed set of records. */
export function packedBuffers(packed: Packed): ArrayBuffer[] {
  const views: ArrayBufferView[] = [packed.ids];
  for (const c of packed.columns) views.push(...(c.kind === 'string' ? [c.offsets] : [c.values, c.isNull]));
  return views.map((v) => v.buffer as ArrayBuffer);
}

/** Records by id over packed columns; each `get` builds the record it returns. */
export class PackedNames<T> implements ById<T> {
  constructor(private readonly packed: Packed) {}

  get(id: number): T | undefined {
    const { ids, columns } = this.packed;
    let lo = 0;
    let hi = ids.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const v = ids[mid]!;
      if (v < id) lo = mid + 1;
      else if (v > id) hi = mid - 1;
      else {
        const record: Record<string, Value> = {};
        for (const c of columns)
          record[c.field] =
            c.kind === 'string'
              ? c.text.slice(c.offsets[mid]!, c.offsets[mid + 1]!)
              : c.isNull[mid]
                ? null
                : c.values[mid]!;
        return record as T;
      }
    }
    return undefined;
  }
}
