/**
 * `npm run bench`: the pathway engine's benchmarks, bounded and never part of `npm test`.
 *
 *   npm run bench                        # S and M: about 3-5 minutes
 *   BENCH_SCALES=S,M,L npm run bench     # and L (100k roles, 1M transitions): add several minutes
 *   BENCH_SCALES=S,M,L,XL npm run bench  # and XL (1M roles, 10M transitions) in the engine benchmark
 *   BENCH_SKIP_ENGINE=1 npm run bench    # only the comparison
 *   BENCH_ENGINE_TIMEOUT_S=600           # how long bench/engine.ts may run (default 180 s, 600 s with L)
 *
 * 1. bench/engine.ts (the engine's benchmark on the generated M, L and XL graphs, in memory), as a
 *    child process: it is a script with top-level code. L and XL only when BENCH_SCALES names them;
 *    QUERIES (pairs per kind) is passed through. It is
 *    stopped after BENCH_ENGINE_TIMEOUT_S, keeping what it printed, so that the run stays bounded.
 * 2. bench/compare/main.ts, as a child process with a larger heap: for each scale the same seeded
 *    pathway questions, side by side on the same data in a fresh PostgreSQL database, to the engine,
 *    a plain BFS, graphology's Dijkstra, a recursive CTE and the GraphQL server over HTTP. Its
 *    settings are in bench/compare/settings.ts (DATABASE_URL is the admin connection).
 * 3. The report (machine, tables, ratios, which targets are met, and step 1's output) goes to stdout
 *    and docs/benchmarks.md (BENCH_REPORT=- to print only).
 *
 * Exits non-zero when a step could not run; a missed target is reported, not failed.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { projectRoot } from '../src/paths.js';

const scales = (process.env.BENCH_SCALES ?? 'S,M').toUpperCase();
const scaleList = scales.split(',').map((s) => s.trim());
const withL = scaleList.includes('L') || scaleList.includes('XL');

/** bench/engine.ts is stopped after this long: a pathological query kind must not hold up the run. */
const engineLimitSeconds = (() => {
  const raw = process.env.BENCH_ENGINE_TIMEOUT_S;
  const value = raw ? Number(raw) : withL ? 600 : 180;
  if (!Number.isInteger(value) || value < 1 || value > 7200)
    throw new Error(`BENCH_ENGINE_TIMEOUT_S must be a whole number of seconds from 1 to 7200 (got "${raw}").`);
  return value;
})();

function shapingEnv(): string {
  return Object.entries(process.env)
    .filter(([k]) => k.startsWith('BENCH_') || k === 'QUERIES' || k === 'DATABASE_URL')
    .filter(([k]) => k !== 'BENCH_ENGINE_OUTPUT' && k !== 'BENCH_COMMAND')
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, v]) => (k === 'DATABASE_URL' ? `${k}=<admin url> ` : `${k}=${v} `))
    .join('');
}
const command = `${shapingEnv()}${process.env.npm_lifecycle_event === 'bench' ? 'npm run bench' : 'npx tsx bench/run.ts'}`;

/**
 * Runs a TypeScript file in a child Node process; resolves with its exit code, and whether it was
 * stopped (SIGTERM, then SIGKILL) for running longer than `limitMs`.
 */
function runChild(
  file: string,
  env: NodeJS.ProcessEnv,
  opts: { nodeArgs?: string[]; onStdout?: (chunk: Buffer) => void; limitMs?: number } = {},
): Promise<{ code: number; timedOut: boolean }> {
  const child = spawn(process.execPath, [...(opts.nodeArgs ?? []), '--import', 'tsx', path.join(projectRoot, file)], {
    cwd: projectRoot,
    env: { ...process.env, ...env },
    stdio: ['ignore', opts.onStdout ? 'pipe' : 'inherit', 'inherit'],
  });
  child.stdout?.on('data', (chunk: Buffer) => {
    process.stdout.write(chunk);
    opts.onStdout?.(chunk);
  });
  let timedOut = false;
  let killTimer: NodeJS.Timeout | undefined;
  const limitTimer =
    opts.limitMs === undefined
      ? undefined
      : setTimeout(() => {
          timedOut = true;
          child.kill('SIGTERM');
          killTimer = setTimeout(() => child.kill('SIGKILL'), 5_000);
        }, opts.limitMs);
  return new Promise((resolve) =>
    child.once('exit', (code, signal) => {
      clearTimeout(limitTimer);
      clearTimeout(killTimer);
      resolve({ code: code ?? (signal ? 128 : 1), timedOut });
    }),
  );
}

// Ctrl-C reaches the children too (same process group): let them clean up (the comparison drops its
// databases), then stop instead of starting the next step.
let interrupted = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => (interrupted = true));

const tmp = mkdtempSync(path.join(os.tmpdir(), 'career-lattice-bench-'));
let status = 0;
try {
  let engineOutputFile: string | undefined;
  if (!process.env.BENCH_SKIP_ENGINE) {
    // The engine benchmark's own scales: M always, L and XL when named.
    const engineScales = ['M', ...['L', 'XL'].filter((s) => scaleList.includes(s))].join(',');
    console.error(`[bench] bench/engine.ts on ${engineScales}`);
    const chunks: Buffer[] = [];
    const env: NodeJS.ProcessEnv = { BENCH_SCALES: engineScales };
    if (process.env.QUERIES) env.QUERIES = process.env.QUERIES;
    const { code, timedOut } = await runChild('bench/engine.ts', env, {
      onStdout: (c) => chunks.push(c),
      limitMs: engineLimitSeconds * 1000,
    });
    let text = Buffer.concat(chunks).toString('utf8');
    if (timedOut) {
      text += `\n(bench/engine.ts was stopped after ${engineLimitSeconds} s, BENCH_ENGINE_TIMEOUT_S; what it had printed is above)\n`;
      console.error(
        `[bench] bench/engine.ts ran over ${engineLimitSeconds} s and was stopped; continuing with the comparison`,
      );
    } else if (code !== 0) {
      status = code;
      text += `\n(bench/engine.ts exited with status ${code}; see its stderr)\n`;
      console.error(`[bench] bench/engine.ts exited with status ${code}; continuing with the comparison`);
    }
    engineOutputFile = path.join(tmp, 'engine.txt');
    writeFileSync(engineOutputFile, text);
  }
  if (interrupted) throw new Error('interrupted');
  console.error('[bench] bench/compare/main.ts');
  const { code } = await runChild(
    'bench/compare/main.ts',
    { BENCH_COMMAND: command, ...(engineOutputFile ? { BENCH_ENGINE_OUTPUT: engineOutputFile } : {}) },
    // L holds the generated graph, the database's copy, the index and graphology's graph at once.
    { nodeArgs: ['--max-old-space-size=8192'] },
  );
  if (code !== 0) status = code;
  if (interrupted) status = 130;
} catch (error) {
  if (!interrupted) throw error;
  status = 130;
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
process.exit(status);
