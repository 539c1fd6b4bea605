/**
 * How long `buildIndex` takes and how much memory it needs, on the generated graphs L (100,000
 * roles, 1,000,000 moves) and XL (1,000,000 roles, 10,000,000 moves) of bench/generators.ts.
 *
 *   npx tsx bench/build-index.ts            # L and XL, each in a child process of its own
 *   npx tsx bench/build-index.ts L          # one scale
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
import { indexBuffers } from '../src/graph/transfer.js';
import { generateL } from './generators.js';

const SCALES: Record<string, () => GraphInput> = {
  L: () => generateL(2),
  XL: () => generateL(3, { roleCount: 1_000_000, transitionCount: 10_000_000, trackCount: 40 }),
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

function measure(scale: string, runs: number): void {
  v8.setFlagsFromString('--expose-gc');
  const gc = vm.runInNewContext('gc') as () => void;
  const collect = () => {
    gc();
    gc();
    return process.memoryUsage();
  };
  const empty = collect();
  let t = performance.now();
  // Held in an object so that dropping them (for the GC) is a plain property write.
  const held: { input?: GraphInput; index?: GraphIndex } = { input: SCALES[scale]!() };
  const generateMs = performance.now() - t;
  const before = collect();
  const times: number[] = [];
  const cpuTimes: number[] = [];
  let peak = 0;
  for (let run = 0; run < runs; run++) {
    delete held.index;
    const start = collect();
    resetPeakRss();
    t = performance.now();
    const cpu = process.cpuUsage();
    held.index = buildIndex(held.input!);
    times.push(performance.now() - t);
    const used = process.cpuUsage(cpu);
    cpuTimes.push((used.user + used.system) / 1000);
    peak = Math.max(peak, peakRss() - start.rss);
  }
  const after = collect();
  const index = held.index!;
  const size = indexBytes(index);
  const counts = `${index.roleCount.toLocaleString('en-US')} roles, ${index.edgeCount.toLocaleString('en-US')} moves`;
  delete held.input;
  const withoutInput = collect();
  const row = {
    scale,
    counts,
    generateS: generateMs / 1000,
    buildS: Math.min(...times) / 1000,
    runs: times.map((x) => +(x / 1000).toFixed(2)),
    // CPU time of the process (GC helper threads included): robust to other load on the machine.
    cpuS: Math.min(...cpuTimes) / 1000,
    inputHeap: mb(before.heapUsed - empty.heapUsed),
    peakRssDuringBuild: mb(peak),
    retained: {
      rss: mb(after.rss - before.rss),
      heapUsed: mb(after.heapUsed - before.heapUsed),
      external: mb(after.external - before.external),
      arrayBuffers: mb(after.arrayBuffers - before.arrayBuffers),
    },
    indexArrays: mb(size.arrays),
    indexSlugs: mb(size.slugs),
    processWithIndexOnly: {
      rss: mb(withoutInput.rss),
      heapUsed: mb(withoutInput.heapUsed),
      arrayBuffers: mb(withoutInput.arrayBuffers),
    },
    bytesPerRole: Math.round(size.arrays / index.roleCount),
  };
  console.log(JSON.stringify(row));
}

function main(): void {
  const [scale] = process.argv.slice(2);
  if (scale) {
    if (!SCALES[scale]) throw new Error(`Unknown scale ${scale}: ${Object.keys(SCALES).join(', ')}`);
    measure(scale, Number(process.env.RUNS ?? (scale === 'XL' ? 1 : 3)));
    return;
  }
  for (const s of Object.keys(SCALES)) {
    // A process per scale, with room for XL's input (10 million plain objects).
    const out = execFileSync(
      process.execPath,
      ['--max-old-space-size=16384', '--import', 'tsx', import.meta.filename, s],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] },
    );
    process.stdout.write(out);
  }
}

main();
