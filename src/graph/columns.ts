/**
 * The transitions of a graph as columns: one typed array per field of TransitionInput, the lists
 * (requirement groups, their options, training) in compressed form. A graph of millions of moves
 * read as one object per move is gigabytes of live objects that every major garbage collection
 * walks; as columns it is a dozen arrays the collector never looks into (docs/scaling.md,
 * decision 019). `buildIndex` takes either form; the object form goes through `transitionColumns`.
 */
import type { TransitionInput } from './types.js';

export interface TransitionColumns {
  /** Number of transitions. */
  readonly length: number;
  readonly id: Float64Array;
  /** Role ids. */
  readonly from: Float64Array;
  readonly to: Float64Array;
  readonly minYearsExperience: Float64Array;
  /**
   * 0 for a curated move, 1 for an estimated one, 2 for an estimated move that is a curated role's
   * open entry, 3 for one that leaves the curated roles (TransitionInput).
   */
  readonly estimated: Uint8Array;
  /** Requirement groups of transition i: groups groupOffsets[i] .. groupOffsets[i+1]-1, in order. */
  readonly groupOffsets: Int32Array;
  /** Options of group g (certification ids): options[optionOffsets[g] .. optionOffsets[g+1]). */
  readonly optionOffsets: Int32Array;
  readonly options: Float64Array;
  /** Programs of transition i (program ids, all required): training[trainingOffsets[i] .. trainingOffsets[i+1]). */
  readonly trainingOffsets: Int32Array;
  readonly training: Float64Array;
}

export function isTransitionColumns(
  transitions: readonly TransitionInput[] | TransitionColumns,
): transitions is TransitionColumns {
  return !Array.isArray(transitions) && ArrayBuffer.isView((transitions as TransitionColumns).id);
}

/**
 * Collects transitions into columns one at a time, without an object per move: `add` a transition,
 * then its `group`s and `program`s, then the next one. Capacities are hints; arrays grow as needed.
 */
/** An estimated move's kind beyond `estimated` (TransitionInput.openEntry, .leavesCurated). */
export type MoveKind = 'open-entry' | 'leaves-curated';

/** What TransitionColumnsBuilder.add takes for a transition's `estimated` and its kind. */
export const moveKind = (t: TransitionInput): boolean | MoveKind =>
  t.openEntry === true ? 'open-entry' : t.leavesCurated === true ? 'leaves-curated' : t.estimated === true;

export class TransitionColumnsBuilder {
  #n = 0;
  #groups = 0;
  #options = 0;
  #programs = 0;
  #id: Float64Array;
  #from: Float64Array;
  #to: Float64Array;
  #years: Float64Array;
  #estimated: Uint8Array;
  #groupOffsets: Int32Array;
  #optionOffsets: Int32Array;
  #optionList: Float64Array;
  #trainingOffsets: Int32Array;
  #training: Float64Array;

  constructor(capacity = 1024, capacities: { groups?: number; options?: number; programs?: number } = {}) {
    const n = Math.max(1, capacity);
    this.#id = new Float64Array(n);
    this.#from = new Float64Array(n);
    this.#to = new Float64Array(n);
    this.#years = new Float64Array(n);
    this.#estimated = new Uint8Array(n);
    this.#groupOffsets = new Int32Array(n + 1);
    this.#trainingOffsets = new Int32Array(n + 1);
    const groups = Math.max(1, capacities.groups ?? n);
    this.#optionOffsets = new Int32Array(groups + 1);
    this.#optionList = new Float64Array(Math.max(1, capacities.options ?? 2 * groups));
    this.#training = new Float64Array(Math.max(1, capacities.programs ?? n >> 2));
  }

  get length(): number {
    return this.#n;
  }

  /** Starts a transition; the groups and programs added next are its own. */
  add(id: number, from: number, to: number, minYearsExperience: number, estimated: boolean | MoveKind = false): void {
    const i = this.#n;
    if (i === this.#id.length) this.#growTransitions();
    this.#id[i] = id;
    this.#from[i] = from;
    this.#to[i] = to;
    this.#years[i] = minYearsExperience;
    this.#estimated[i] = estimated === 'open-entry' ? 2 : estimated === 'leaves-curated' ? 3 : estimated ? 1 : 0;
    this.#groupOffsets[i] = this.#groups;
    this.#trainingOffsets[i] = this.#programs;
    this.#n = i + 1;
  }

  /** A requirement group of the last transition added: any one of these certifications. */
  group(options: readonly number[]): void {
    const g = this.#groups;
    if (g + 1 >= this.#optionOffsets.length) this.#optionOffsets = grow(this.#optionOffsets, g + 2);
    if (this.#options + options.length > this.#optionList.length)
      this.#optionList = grow(this.#optionList, this.#options + options.length);
    this.#optionOffsets[g] = this.#options;
    for (const c of options) this.#optionList[this.#options++] = c;
    this.#groups = g + 1;
  }

  /** A program the last transition added requires. */
  program(programId: number): void {
    if (this.#programs === this.#training.length) this.#training = grow(this.#training, this.#programs + 1);
    this.#training[this.#programs++] = programId;
  }

  /** The columns (views of the builder's arrays: add nothing after). */
  finish(): TransitionColumns {
    const n = this.#n;
    this.#groupOffsets[n] = this.#groups;
    this.#trainingOffsets[n] = this.#programs;
    this.#optionOffsets[this.#groups] = this.#options;
    return {
      length: n,
      id: this.#id.subarray(0, n),
      from: this.#from.subarray(0, n),
      to: this.#to.subarray(0, n),
      minYearsExperience: this.#years.subarray(0, n),
      estimated: this.#estimated.subarray(0, n),
      groupOffsets: this.#groupOffsets.subarray(0, n + 1),
      optionOffsets: this.#optionOffsets.subarray(0, this.#groups + 1),
      options: this.#optionList.subarray(0, this.#options),
      trainingOffsets: this.#trainingOffsets.subarray(0, n + 1),
      training: this.#training.subarray(0, this.#programs),
    };
  }

  #growTransitions(): void {
    const n = this.#id.length * 2;
    this.#id = grow(this.#id, n);
    this.#from = grow(this.#from, n);
    this.#to = grow(this.#to, n);
    this.#years = grow(this.#years, n);
    this.#estimated = grow(this.#estimated, n);
    this.#groupOffsets = grow(this.#groupOffsets, n + 1);
    this.#trainingOffsets = grow(this.#trainingOffsets, n + 1);
  }
}

function grow<A extends Float64Array | Int32Array | Uint8Array>(array: A, atLeast: number): A {
  const next = new (array.constructor as new (n: number) => A)(Math.max(atLeast, array.length * 2));
  next.set(array);
  return next;
}

/** The columns of transitions given as objects. */
export function transitionColumns(transitions: readonly TransitionInput[]): TransitionColumns {
  const T = transitions.length;
  let groups = 0;
  let options = 0;
  let programs = 0;
  for (let i = 0; i < T; i++) {
    const t = transitions[i]!;
    groups += t.requirementGroups.length;
    for (const g of t.requirementGroups) options += g.length;
    programs += t.training.length;
  }
  const builder = new TransitionColumnsBuilder(T, { groups, options, programs });
  for (let i = 0; i < T; i++) {
    const t = transitions[i]!;
    builder.add(t.id, t.from, t.to, t.minYearsExperience, moveKind(t));
    for (const g of t.requirementGroups) builder.group(g);
    for (const p of t.training) builder.program(p);
  }
  return builder.finish();
}

/** The transitions of columns as objects (tests, and code that wants the object form). */
export function transitionObjects(columns: TransitionColumns): TransitionInput[] {
  const out: TransitionInput[] = new Array<TransitionInput>(columns.length);
  const { groupOffsets, optionOffsets, options, trainingOffsets, training } = columns;
  for (let i = 0; i < columns.length; i++) {
    const requirementGroups: number[][] = [];
    for (let g = groupOffsets[i]!; g < groupOffsets[i + 1]!; g++)
      requirementGroups.push(Array.from(options.subarray(optionOffsets[g]!, optionOffsets[g + 1]!)));
    const t: TransitionInput = {
      id: columns.id[i]!,
      from: columns.from[i]!,
      to: columns.to[i]!,
      minYearsExperience: columns.minYearsExperience[i]!,
      requirementGroups,
      training: Array.from(training.subarray(trainingOffsets[i]!, trainingOffsets[i + 1]!)),
    };
    if (columns.estimated[i] !== 0) t.estimated = true;
    if (columns.estimated[i] === 2) t.openEntry = true;
    if (columns.estimated[i] === 3) t.leavesCurated = true;
    out[i] = t;
  }
  return out;
}
