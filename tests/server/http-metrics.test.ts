/**
 * HttpMetrics counts requests without prom-client but must write exactly what prom-client would
 * for the same requests: the same lines, the same cumulative buckets, sums and counts.
 */
import { Counter, Histogram, Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { HttpMetrics } from '../../src/server/http-metrics.js';

const BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

async function promClientText(requests: [string, string, number, number][]): Promise<string> {
  const registry = new Registry();
  const labelNames = ['method', 'route', 'status'];
  const counter = new Counter({
    name: 'http_requests_total',
    help: 'HTTP requests answered, by method, route and status.',
    labelNames,
    registers: [registry],
  });
  const histogram = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'Time to answer an HTTP request, by method, route and status.',
    labelNames,
    buckets: BUCKETS,
    registers: [registry],
  });
  for (const [method, route, status, seconds] of requests) {
    const labels = { method, route, status: String(status) };
    counter.inc(labels);
    histogram.observe(labels, seconds);
  }
  return registry.metrics();
}

describe('HttpMetrics', () => {
  it('writes what prom-client writes for the same requests', async () => {
    const requests: [string, string, number, number][] = [
      ['POST', '/graphql', 200, 0.0042],
      ['POST', '/graphql', 200, 0.005], // on a bucket's bound: counted in it
      ['POST', '/graphql', 200, 0.31],
      ['POST', '/graphql', 400, 0.002],
      ['GET', '/health', 200, 0.0001],
      ['GET', 'other', 404, 12], // above every bound: only +Inf
      ['POST', '/graphql', 200, 0.07],
    ];
    const metrics = new HttpMetrics(BUCKETS);
    for (const request of requests) metrics.record(...request);
    expect(metrics.text()).toBe(await promClientText(requests));
  });

  it('escapes label values as the text format requires', () => {
    const metrics = new HttpMetrics([1]);
    metrics.record('PO"ST', 'a\\b\nc', 200, 0.5);
    expect(metrics.text()).toContain('http_requests_total{method="PO\\"ST",route="a\\\\b\\nc",status="200"} 1');
  });

  it('refuses buckets that are not ascending', () => {
    expect(() => new HttpMetrics([0.1, 0.1])).toThrow(/ascending/);
    expect(() => new HttpMetrics([1, Infinity])).toThrow(/finite/);
  });
});
