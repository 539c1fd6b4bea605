/**
 * How long `buildIndex` takes and how much memory it needs, on the generated graphs L (100,000
 * roles, 1,000,000 moves) and XL (1,000,000 roles, 10,000,000 moves) of bench/generators.ts.
 *
 *   npx tsx bench/build-index.ts            # L and XL, each in a child process of its own (XL: about
 *                                           # 4 minutes and 10 GB: it builds from 10M plain objects first)
 *   npx tsx bench/build-index.ts L          # one scale (each scale runs in a child process with a 16 GB heap)
 *   RUNS=3 npx tsx bench/build-index.ts L   # builds per scale (default 3 for L, 1 for XL)
 *
 * Per scale: the build time (the fastest run, wall clock and the process's CPU time), the process's memory before and after (RSS, V8
 * heap, external, ArrayBuffers; after a full GC), the peak RSS during the build above what the
 * process held before it (Linux: VmHWM, reset through /proc/self/clear_refs), and the index's own
 * size: the bytes of its typed arrays, and its slug strings. The input (the engine's plain objects)
 * is generated first and is not counted in the build's figures. Never part of `npm test`.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import v8 from 'node:v8';
import vm from 'node:vm';
import { buildIndex, type GraphIndex, type GraphInput } from '../src/graph/index.js';
import { transitionColumns, type TransitionColumns } from '../src/graph/columns.js';
import type { BuildInput } from '../src/graph/types.js';
import { indexBuffers } from '../src/graph/transfer.js';
import path from 'node:path';
import { generateL, generateLColumns } from './generators.js';

// An older engine's build, side by side, from the checkout BASELINE names (e.g. git worktree add
// /tmp/base 401c9e3); none without it.
const baseline = process.env.BASELINE;
const buildIndexBefore = baseline
  ? ((await import(path.resolve(baseline, 'src/graph/index.js'))) as { buildIndex: (input: GraphInput) => GraphIndex })
      .buildIndex
  : null;

const SCALES: Record<string, { objects: () => GraphInput; columns: () => BuildInput }> = {
  L: { objects: () => generateL(2), columns: () => generateLColumns(2) },
  XL: {
    objects: () => generateL(3, { roleCount: 1_000_000, transitionCount: 10_000_000, trackCount: 40 }),
    columns: () => generateLColumns(3, { roleCount: 1_000_000, transitionCount: 10_000_000, trackCount: 40 }),
  },
};

const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MB`;

/** Peak resident memory since the last reset, in bytes (Linux). */
function peakRss(): number {
  const line = readFileSync('/proc/self/status', 'utf8')
    .split('\n')
    .find((l) => l.startsWith('VmHWM:'));
  return Number(line?.match(/(\d+)/)?.[1] ?? NaN) * 1024;
}

function resetPeakRss(): void {
  writeFileSync('/proc/self/clear_refs', '5');
}

function indexBytes(index: GraphIndex): { arrays: number; slugs: number } {
  const arrays = indexBuffers(index).reduce((sum, b) => sum + b.byteLength, 0);
  // A slug of n one-byte characters: a V8 sequential string of about 16 + n bytes, and its array slot.
  const slugs = [index.roleSlugs, index.certSlugs, index.programSlugs, index.trackSlugs]
    .flat()
    .reduce((sum, s) => sum + 16 + s.length + 8, 0);
  return { arrays, slugs };
}

/** Where two values differ (typed arrays by content, objects by their own fields), or null. */
function difference(a: unknown, b: unknown, path = 'index'): string | null {
  if (ArrayBuffer.isView(a) || ArrayBuffer.isView(b)) {
    if (!ArrayBuffer.isView(a) || !ArrayBuffer.isView(b) || a.constructor !== b.constructor) return `${path}: types`;
    const x = new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
    const y = new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
    if (x.length !== y.length) return `${path}: lengths ${x.length} and ${y.length}`;
    for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return `${path}: byte ${i}`;
    return null;
  }
  if (typeof a === 'object' && a !== null && typeof b === 'object' && b !== null) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const k of keys) {
      const d = difference((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${path}.${k}`);
      if (d !== null) return d;
    }
    return null;
  }
  return Object.is(a, b) ? null : `${path}: ${String(a)} and ${String(b)}`;
}

function sameColumns(a: TransitionColumns, b: TransitionColumns): string | null {
  return difference({ ...a }, { ...b }, 'columns');
}

function measure(scale: string, runs: number): void {
  v8.setFlagsFromString('--expose-gc');
  const gc = vm.runInNewContext('gc') as () => void;
  const collect = () => {
    gc();
    gc();
    return process.memoryUsage();
  };
  const empty = collect();
  // Held in an object so that dropping them (for the GC) is a plain property write.
  const held: { input?: BuildInput; index?: GraphIndex; previous?: GraphIndex; columns?: TransitionColumns } = {};
  let t = performance.now();
  held.input = SCALES[scale]!.objects();
  const generateObjectsS = (performance.now() - t) / 1000;
  const objectsHeap = collect().heapUsed - empty.heapUsed;

  const rows: Record<string, unknown>[] = [];
  const build = (mode: string, fn: (input: BuildInput) => GraphIndex, note: Record<string, unknown>) => {
    const times: number[] = [];
    const cpuTimes: number[] = [];
    let peak = 0;
    held.previous = held.index;
    delete held.index;
    for (let run = 0; run < runs; run++) {
      delete held.index;
      const start = collect();
      resetPeakRss();
      const cpu = process.cpuUsage();
      t = performance.now();
      held.index = fn(held.input!);
      times.push(performance.now() - t);
      const used = process.cpuUsage(cpu);
      cpuTimes.push((used.user + used.system) / 1000);
      peak = Math.max(peak, peakRss() - start.rss);
    }
    const index = held.index!;
    const size = indexBytes(index);
    // Fields the older build did not make (inFrom, decision 019) are named, not compared.
    const added = held.previous === undefined ? [] : Object.keys(index).filter((k) => !(k in held.previous!));
    const common = Object.fromEntries(Object.entries(index).filter(([k]) => !added.includes(k)));
    const same =
      held.previous === undefined
        ? 'first'
        : (difference(held.previous, common) ?? (added.length ? `identical, plus ${added.join(', ')}` : 'identical'));
    delete held.previous;
    rows.push({
      scale,
      mode,
      counts: `${index.roleCount.toLocaleString('en-US')} roles, ${index.edgeCount.toLocaleString('en-US')} moves`,
      buildS: +(Math.min(...times) / 1000).toFixed(2),
      runs: times.map((x) => +(x / 1000).toFixed(2)),
      // CPU time of the process (GC helper threads included): robust to other load on the machine.
      cpuS: +(Math.min(...cpuTimes) / 1000).toFixed(2),
      peakRssDuringBuild: mb(peak),
      indexArrays: mb(size.arrays),
      indexSlugs: mb(size.slugs),
      indexAsBefore: same,
      ...note,
    });
    console.error(JSON.stringify(rows[rows.length - 1]));
  };

  const objectsNote = { input: 'objects', inputHeap: mb(objectsHeap), generateS: +generateObjectsS.toFixed(1) };
  if (buildIndexBefore !== null)
    build(`before (${baseline}), objects`, (input) => buildIndexBefore(input as GraphInput), objectsNote);
  build('after, objects (through transitionColumns)', (input) => buildIndex(input), objectsNote);

  // The same transitions as columns: converted from the objects, and generated as columns (the
  // two must agree); then the objects are dropped and the index built from the columns.
  t = performance.now();
  const converted = transitionColumns((held.input as GraphInput).transitions);
  const convertS = (performance.now() - t) / 1000;
  held.input = { ...held.input, transitions: converted };
  t = performance.now();
  const generated = SCALES[scale]!.columns();
  const generateColumnsS = (performance.now() - t) / 1000;
  const columnsSame = sameColumns(converted, generated.transitions as TransitionColumns) ?? 'identical';
  held.input = generated;
  const columnsBytes = Object.values(generated.transitions)
    .filter((v) => ArrayBuffer.isView(v))
    .reduce((sum, v) => sum + (v as ArrayBufferView).buffer.byteLength, 0);
  build('after, columns', (input) => buildIndex(input), {
    input: 'columns',
    generateS: +generateColumnsS.toFixed(1),
    convertFromObjectsS: +convertS.toFixed(1),
    columnsFromGeneratorAndConversion: columnsSame,
    columnsArrays: mb(columnsBytes),
  });
  for (const row of rows) console.log(JSON.stringify(row));
}

function main(): void {
  const [scale] = process.argv.slice(2);
  if (scale && !SCALES[scale]) throw new Error(`Unknown scale ${scale}: ${Object.keys(SCALES).join(', ')}`);
  if (process.env.BUILD_INDEX_CHILD === '1') {
    measure(scale!, Number(process.env.RUNS ?? (scale === 'XL' ? 1 : 3)));
    return;
  }
  for (const s of scale ? [scale] : Object.keys(SCALES)) {
    // A process per scale, with room for XL's input (10 million plain objects), whether one scale
    // or all are asked for.
    const out = execFileSync(
      process.execPath,
      ['--max-old-space-size=16384', '--import', 'tsx', import.meta.filename, s],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, BUILD_INDEX_CHILD: '1' } },
    );
    process.stdout.write(out);
  }
}

main();
