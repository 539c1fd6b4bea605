/**
 * The side-by-side comparison: for each scale in BENCH_SCALES (default S,M; L opt-in), the pathway
 * engine, a plain BFS, graphology's Dijkstra, a recursive CTE in PostgreSQL and the GraphQL server
 * over HTTP answer the same seeded pathway questions on the same data (see ./settings.ts for every
 * variable). Progress goes to stderr, the markdown report to stdout and to docs/benchmarks.md.
 *
 *   npx tsx bench/compare/main.ts                    # S and M (a few minutes)
 *   BENCH_SCALES=S,M,L npx tsx bench/compare/main.ts # and L (100k roles, 1M transitions)
 *
 * Normally run through `npm run bench` (bench/run.ts), which runs bench/engine.ts first and puts
 * its output in the same report. Exits non-zero only when a scale could not run; a missed target
 * is reported, not failed.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { projectRoot } from '../../src/paths.js';
import { liveDatabases } from './database.js';
import { describeMachine } from './machine.js';
import { renderReport } from './report.js';
import { runScale, type ScaleResult } from './scale.js';
import { readSettings, type Scale } from './settings.js';

const log = (message: string) => console.error(`[compare] ${message}`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    log(`${signal}: dropping the bench databases`);
    void Promise.allSettled(liveDatabases().map((db) => db.drop())).finally(() => process.exit(130));
  });
}

function command(shapingEnv: Record<string, string>): string {
  if (process.env.BENCH_COMMAND) return process.env.BENCH_COMMAND;
  const env = Object.entries(shapingEnv).map(([k, v]) => `${k}=${v} `);
  return `${env.join('')}npx tsx bench/compare/main.ts`;
}

const settings = readSettings();
const startedAt = new Date();
const loadAtStart = os
  .loadavg()
  .map((l) => l.toFixed(2))
  .join(' / ');
const t0 = performance.now();
const results: ScaleResult[] = [];
const failures: { scale: Scale; error: string }[] = [];
for (const scale of settings.scales) {
  try {
    results.push(await runScale(scale, settings.adminUrl, settings.cteDepth));
  } catch (error) {
    log(`${scale.scale} failed: ${(error as Error).stack ?? String(error)}`);
    failures.push({ scale: scale.scale, error: (error as Error).message ?? String(error) });
  }
}
const durationMs = performance.now() - t0;

let engineOutput: string | undefined;
if (process.env.BENCH_ENGINE_OUTPUT) {
  try {
    engineOutput = readFileSync(process.env.BENCH_ENGINE_OUTPUT, 'utf8');
  } catch {
    engineOutput = undefined;
  }
}

/**
 * The report put between its markers in the file, leaving the rest (the real graph's sections, other
 * benchmarks') as it is; the whole file when it has no markers yet.
 */
function withinMarkers(file: string, text: string): string {
  const begin = '<!-- bench/run.ts: begin -->';
  const end = '<!-- bench/run.ts: end -->';
  let current = '';
  try {
    current = readFileSync(file, 'utf8');
  } catch {
    // no file yet
  }
  const i = current.indexOf(begin);
  const j = current.indexOf(end);
  if (i < 0 || j < i) return `${begin}\n${text}\n${end}\n`;
  return `${current.slice(0, i + begin.length)}\n${text}\n${current.slice(j)}`;
}

const report = renderReport({
  settings,
  machine: await describeMachine(settings.adminUrl),
  startedAt,
  durationMs,
  command: command(settings.shapingEnv),
  results,
  failures,
  engineOutput,
  loadAtStart,
});
console.log(report);
if (settings.reportPath) {
  writeFileSync(settings.reportPath, withinMarkers(settings.reportPath, report));
  log(`report written to ${path.relative(projectRoot, settings.reportPath)}`);
}
process.exit(failures.length ? 1 : 0);
