/** Latency samples, percentiles and the rows of the report. */
import v8 from 'node:v8';
import vm from 'node:vm';

/** How one timed query ended. */
export type Outcome = 'found' | 'none' | 'timeout' | 'overBudget' | 'error';

export interface Row {
  contender: string;
  query: string;
  n: number;
  found: number;
  /** Statement timeouts (CTE), counted at the timeout value in the percentiles. */
  timeouts: number;
  /** SearchBudgetExceeded (engine), or a SEARCH_BUDGET_EXCEEDED error over HTTP. */
  overBudget: number;
  /** Any other failure (HTTP status or GraphQL error). */
  errors: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  note?: string;
  /** Every sample in pair order (for ratios over a subset of the pairs). */
  times: number[];
}

/** Nearest-rank percentile of an ascending array (the definition bench/engine.ts uses). */
export function percentile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

export class Recorder {
  readonly times: number[] = [];
  readonly counts: Record<Outcome, number> = { found: 0, none: 0, timeout: 0, overBudget: 0, error: 0 };
  constructor(
    readonly contender: string,
    readonly query: string,
  ) {}

  add(ms: number, outcome: Outcome): void {
    this.times.push(ms);
    this.counts[outcome]++;
  }

  row(note?: string): Row {
    const sorted = [...this.times].sort((a, b) => a - b);
    return {
      contender: this.contender,
      query: this.query,
      n: sorted.length,
      found: this.counts.found,
      timeouts: this.counts.timeout,
      overBudget: this.counts.overBudget,
      errors: this.counts.error,
      p50: percentile(sorted, 0.5),
      p95: percentile(sorted, 0.95),
      p99: percentile(sorted, 0.99),
      max: sorted.length ? sorted[sorted.length - 1]! : Number.NaN,
      note,
      times: [...this.times],
    };
  }
}

/**
 * Times `run(i)` for i in 0..n-1 after `warmup` unmeasured calls (on the first pairs). `run` returns
 * the outcome; a thrown error is passed to `classify` (which rethrows what it does not know).
 */
export function measureSync(
  contender: string,
  query: string,
  n: number,
  run: (i: number) => Outcome,
  classify: (error: unknown) => Outcome,
  warmup = Math.min(20, n),
): Row {
  for (let i = 0; i < warmup; i++) {
    try {
      run(i);
    } catch (error) {
      classify(error);
    }
  }
  const rec = new Recorder(contender, query);
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    let outcome: Outcome;
    try {
      outcome = run(i);
    } catch (error) {
      outcome = classify(error);
    }
    rec.add(performance.now() - t0, outcome);
  }
  return rec.row();
}

// ---- memory -------------------------------------------------------------------------------

v8.setFlagsFromString('--expose-gc');
const gcFn = vm.runInNewContext('gc') as () => void;

/** Full collections, then heap used + array buffers (typed arrays live outside the JS heap). */
export function retainedBytes(): number {
  gcFn();
  gcFn();
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

export function gc(): void {
  gcFn();
}

// ---- formatting ---------------------------------------------------------------------------

export const fmtMs = (t: number) =>
  Number.isNaN(t) ? '–' : t < 1 ? t.toFixed(3) : t < 10 ? t.toFixed(2) : t < 1000 ? t.toFixed(1) : t.toFixed(0);
export const fmtSec = (ms: number) => `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
export const fmtMb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MB`;
export const fmtRatio = (r: number) =>
  !Number.isFinite(r) ? '–' : r >= 100 ? `${r.toFixed(0)}×` : r >= 10 ? `${r.toFixed(1)}×` : `${r.toFixed(2)}×`;
