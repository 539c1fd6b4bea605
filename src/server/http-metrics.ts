/**
 * The two per-request HTTP metrics, `http_requests_total` and `http_request_duration_seconds`,
 * counted in plain numbers and written in Prometheus' text format only when scraped.
 *
 * prom-client's labelled counters and histograms validate and hash their label set on every
 * increment and observation, even through a child from `labels()`; at one of each per request that
 * was about 2% of the server's CPU on a plain lookup (docs/load-test.md). Here a request costs a
 * map lookup, two additions and a bucket search. The output is what prom-client writes for the
 * same metrics (bucket counts cumulative, `le` first), appended to its registry's text at /metrics.
 */

/** One label set's numbers. Bucket counts are per bucket here and summed up when written. */
type Series = { labels: string; count: number; sum: number; buckets: Float64Array };

/** Escapes a label value as the text format requires (backslash, double quote, newline). */
const labelValue = (value: string) => value.replace(/[\\"\n]/g, (c) => (c === '\n' ? '\\n' : `\\${c}`));

export class HttpMetrics {
  private readonly series = new Map<string, Series>();
  private readonly bounds: readonly number[];

  constructor(
    /** Upper bounds of the duration buckets, in seconds, ascending. */
    bounds: readonly number[],
  ) {
    if (bounds.some((b, i) => !Number.isFinite(b) || (i > 0 && b <= bounds[i - 1]!))) {
      throw new Error(`Histogram buckets must be finite and ascending (got ${bounds.join(', ')}).`);
    }
    this.bounds = [...bounds];
  }

  /** Counts one answered request and how long it took. */
  record(method: string, route: string, status: number, seconds: number): void {
    const key = `${method} ${route} ${status}`;
    let series = this.series.get(key);
    if (!series) {
      series = {
        labels: `method="${labelValue(method)}",route="${labelValue(route)}",status="${status}"`,
        count: 0,
        sum: 0,
        buckets: new Float64Array(this.bounds.length),
      };
      this.series.set(key, series);
    }
    series.count += 1;
    series.sum += seconds;
    const { bounds } = this;
    const { buckets } = series;
    for (let i = 0; i < bounds.length; i++) {
      if (seconds <= bounds[i]!) {
        buckets[i]! += 1;
        break;
      }
    }
  }

  /** Both metrics in Prometheus' text exposition format, each line ending in a newline. */
  text(): string {
    const all = [...this.series.values()];
    const lines = [
      '# HELP http_requests_total HTTP requests answered, by method, route and status.',
      '# TYPE http_requests_total counter',
      ...all.map((s) => `http_requests_total{${s.labels}} ${s.count}`),
      '',
      '# HELP http_request_duration_seconds Time to answer an HTTP request, by method, route and status.',
      '# TYPE http_request_duration_seconds histogram',
    ];
    for (const s of all) {
      let cumulative = 0;
      this.bounds.forEach((bound, i) => {
        cumulative += s.buckets[i]!;
        lines.push(`http_request_duration_seconds_bucket{le="${bound}",${s.labels}} ${cumulative}`);
      });
      lines.push(`http_request_duration_seconds_bucket{le="+Inf",${s.labels}} ${s.count}`);
      lines.push(`http_request_duration_seconds_sum{${s.labels}} ${s.sum}`);
      lines.push(`http_request_duration_seconds_count{${s.labels}} ${s.count}`);
    }
    return lines.join('\n') + '\n';
  }
}
