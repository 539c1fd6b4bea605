/**
 * One bounded load run with autocannon, plus what autocannon does not give on its own:
 * sub-millisecond latency percentiles (its histogram rounds to whole milliseconds) and a count of
 * responses whose JSON carries a GraphQL `errors` entry, per query kind.
 */
import autocannon from 'autocannon';

/** One GraphQL operation to send; `kind` groups requests in the error report. */
export type GraphQLRequest = { kind: string; query: string; variables?: Record<string, unknown> };

export type LoadOptions = {
  url: string;
  requests: GraphQLRequest[];
  connections: number;
  seconds: number;
  /** Called once, halfway through (used to sample the server's memory under load). */
  atHalfway?: () => void;
};

export type LoadResult = {
  requests: number;
  seconds: number;
  /** Completed responses per second over the whole run. */
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
  status5xx: number;
  /** Socket errors and timeouts (no response at all). */
  connectionErrors: number;
  timeouts: number;
  /** Responses (any status) whose body has a top-level GraphQL `errors` entry. */
  graphqlErrors: number;
  graphqlErrorsByKind: Record<string, number>;
  /** The first error body seen, to say what went wrong. */
  firstErrorBody?: string;
  /** Every response's latency in milliseconds, ascending (to combine runs with `combine`). */
  latencies: Float64Array;
};

/** The value at quantile `q` of ascending `sorted` (nearest rank). */
function quantile(sorted: Float64Array, q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[index]!;
}

export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const graphqlErrorsByKind: Record<string, number> = {};
  let firstErrorBody: string | undefined;
  const requests: autocannon.Request[] = options.requests.map((request) => {
    graphqlErrorsByKind[request.kind] ??= 0;
    return {
      method: 'POST',
      body: JSON.stringify({ query: request.query, variables: request.variables ?? {} }),
      // Every response is checked, not a sample: a substring test is cheap next to a request,
      // and both servers in a comparison pay the same for it. Both emit compact JSON.
      onResponse: (_status: number, body: string) => {
        if (body.includes('"errors":[')) {
          graphqlErrorsByKind[request.kind]! += 1;
          firstErrorBody ??= body.slice(0, 500);
        }
      },
    };
  });

  // Grows as needed; a fast run here is tens of thousands of requests per second.
  let latencies = new Float64Array(1 << 16);
  let count = 0;
  let halfway: NodeJS.Timeout | undefined;
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    // The callback form returns the instance, whose 'response' event carries exact latencies.
    const instance = autocannon(
      {
        url: options.url,
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        requests,
        connections: options.connections,
        pipelining: 1,
        duration: options.seconds,
        timeout: 10,
      },
      (error: unknown, done: autocannon.Result) => (error ? reject(error) : resolve(done)),
    );
    instance.on('response', (_client, _status, _bytes, responseTime) => {
      if (count === latencies.length) {
        const bigger = new Float64Array(latencies.length * 2);
        bigger.set(latencies);
        latencies = bigger;
      }
      latencies[count++] = responseTime;
    });
    if (options.atHalfway) halfway = setTimeout(options.atHalfway, (options.seconds * 1000) / 2);
  }).finally(() => clearTimeout(halfway));

  const sorted = latencies.subarray(0, count).sort();
  const graphqlErrors = Object.values(graphqlErrorsByKind).reduce((a, b) => a + b, 0);
  return {
    requests: count,
    seconds: result.duration,
    rps: count / result.duration,
    p50: quantile(sorted, 0.5),
    p99: quantile(sorted, 0.99),
    non2xx: result.non2xx,
    status5xx: result['5xx'],
    connectionErrors: result.errors,
    timeouts: result.timeouts,
    graphqlErrors,
    graphqlErrorsByKind,
    firstErrorBody,
    latencies: sorted,
  };
}

/**
 * Runs against one server taken together as if they were one: counts and durations summed,
 * throughput over the summed duration, percentiles over all the runs' latencies.
 */
export function combine(results: LoadResult[]): LoadResult {
  if (results.length === 0) throw new Error('combine: no runs');
  const sum = (pick: (r: LoadResult) => number) => results.reduce((total, r) => total + pick(r), 0);
  const latencies = new Float64Array(sum((r) => r.latencies.length));
  let offset = 0;
  for (const r of results) {
    latencies.set(r.latencies, offset);
    offset += r.latencies.length;
  }
  latencies.sort();
  const graphqlErrorsByKind: Record<string, number> = {};
  for (const r of results) {
    for (const [kind, n] of Object.entries(r.graphqlErrorsByKind))
      graphqlErrorsByKind[kind] = (graphqlErrorsByKind[kind] ?? 0) + n;
  }
  const requests = sum((r) => r.requests);
  const seconds = sum((r) => r.seconds);
  return {
    requests,
    seconds,
    rps: requests / seconds,
    p50: quantile(latencies, 0.5),
    p99: quantile(latencies, 0.99),
    non2xx: sum((r) => r.non2xx),
    status5xx: sum((r) => r.status5xx),
    connectionErrors: sum((r) => r.connectionErrors),
    timeouts: sum((r) => r.timeouts),
    graphqlErrors: sum((r) => r.graphqlErrors),
    graphqlErrorsByKind,
    firstErrorBody: results.find((r) => r.firstErrorBody !== undefined)?.firstErrorBody,
    latencies,
  };
}

/** Sends one GraphQL request (outside any load run) and returns its parsed response. */
export async function graphql<T = Record<string, unknown>>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<{ status: number; data?: T; errors?: { message: string }[] }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  const text = await response.text();
  try {
    return { status: response.status, ...(JSON.parse(text) as { data?: T; errors?: { message: string }[] }) };
  } catch {
    return { status: response.status, errors: [{ message: `non-JSON response: ${text.slice(0, 200)}` }] };
  }
}
