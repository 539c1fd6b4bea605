/**
 * Settings of the comparison benchmark, read once from the environment. Every number is capped so
 * that a typo cannot turn a five-minute run into an all-day one.
 *
 * | variable                     | default                                          |
 * | ---------------------------- | ------------------------------------------------ |
 * | `BENCH_SCALES`               | `S,M` (add `L` for the 100k-role graph)          |
 * | `DATABASE_URL`               | `postgresql://postgres@127.0.0.1:5432/postgres`  |
 * | `BENCH_SEED`                 | `42` (pairs; the graphs use generators.ts seeds) |
 * | `BENCH_PAIRS_S/M/L`          | `200 / 1000 / 200` source/target pairs           |
 * | `BENCH_CTE_PAIRS_S/M/L`      | `200 / 30 / 20` (first N of the same pairs)      |
 * | `BENCH_CTE_TIMEOUT_MS_S/M/L` | `2000 / 2000 / 5000` statement_timeout           |
 * | `BENCH_CTE_DEPTH`            | `5` (depth cap of the recursive CTE)             |
 * | `BENCH_REPORT`               | `docs/benchmarks.md`; `-` to print only          |
 */
import path from 'node:path';
import { projectRoot } from '../../src/paths.js';

export type Scale = 'S' | 'M' | 'L';
export const SCALES: readonly Scale[] = ['S', 'M', 'L'];

export const DEFAULT_ADMIN_URL = 'postgresql://postgres@127.0.0.1:5432/postgres';

function intFromEnv(name: string, fallback: number, min: number, max: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max)
    throw new Error(`${name} must be a whole number from ${min} to ${max} (got "${raw}").`);
  return value;
}

export interface ScaleSettings {
  scale: Scale;
  /** Source/target pairs every contender answers. */
  pairs: number;
  /** The recursive CTE runs on the first `ctePairs` of them (it is the slow one). */
  ctePairs: number;
  cteTimeoutMs: number;
  /** Seed of the pair choice. */
  seed: number;
}

export interface Settings {
  scales: ScaleSettings[];
  adminUrl: string;
  cteDepth: number;
  /** Markdown report path, or undefined to print only. */
  reportPath: string | undefined;
  /** Environment variables that shaped this run (for the report's "exact command"). */
  shapingEnv: Record<string, string>;
}

const DEFAULTS: Record<Scale, { pairs: number; ctePairs: number; cteTimeoutMs: number }> = {
  S: { pairs: 200, ctePairs: 200, cteTimeoutMs: 2000 },
  M: { pairs: 1000, ctePairs: 30, cteTimeoutMs: 2000 },
  L: { pairs: 200, ctePairs: 20, cteTimeoutMs: 5000 },
};

export function readSettings(): Settings {
  const rawScales = (process.env.BENCH_SCALES ?? 'S,M')
    .split(',')
    .map((s) => s.trim().toUpperCase())
    .filter(Boolean);
  for (const s of rawScales)
    if (!SCALES.includes(s as Scale)) throw new Error(`BENCH_SCALES: unknown scale "${s}" (use S, M and/or L).`);
  const wanted = SCALES.filter((s) => rawScales.includes(s));
  if (wanted.length === 0) throw new Error('BENCH_SCALES names no scale (use S, M and/or L).');
  const seed = intFromEnv('BENCH_SEED', 42, 0, 2 ** 31 - 1);
  const scales = wanted.map((scale, i): ScaleSettings => {
    const d = DEFAULTS[scale];
    const pairs = intFromEnv(`BENCH_PAIRS_${scale}`, d.pairs, 1, 10_000);
    return {
      scale,
      pairs,
      ctePairs: Math.min(pairs, intFromEnv(`BENCH_CTE_PAIRS_${scale}`, d.ctePairs, 0, 10_000)),
      cteTimeoutMs: intFromEnv(`BENCH_CTE_TIMEOUT_MS_${scale}`, d.cteTimeoutMs, 10, 600_000),
      seed: seed + 1000 * (i + 1) + scale.charCodeAt(0),
    };
  });
  const report = process.env.BENCH_REPORT ?? 'docs/benchmarks.md';
  const shapingEnv = Object.fromEntries(
    Object.entries(process.env)
      .filter(([k, v]) => v !== undefined && (k.startsWith('BENCH_') || k === 'QUERIES' || k === 'SKIP_L'))
      .filter(([k]) => k !== 'BENCH_ENGINE_OUTPUT' && k !== 'BENCH_COMMAND')
      .sort(([a], [b]) => a.localeCompare(b)),
  ) as Record<string, string>;
  return {
    scales,
    adminUrl: process.env.DATABASE_URL || DEFAULT_ADMIN_URL,
    cteDepth: intFromEnv('BENCH_CTE_DEPTH', 5, 1, 10),
    reportPath: report === '-' ? undefined : path.resolve(projectRoot, report),
    shapingEnv,
  };
}
