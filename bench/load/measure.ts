/**
 * How the load test measures a server: warm-up, a measured run with its RSS and CPU time per
 * request (read from /proc, outside the server), one request at a time per kind, and two servers
 * interleaved in segments.
 */
import { combine, graphql, type GraphQLRequest, type LoadResult, runLoad } from './cannon.js';
import type { ServerProcess } from './servers.js';
import { logger } from './settings.js';

/** How long and how hard: LOAD_SECONDS, LOAD_WARMUP_SECONDS and LOAD_CONNECTIONS. */
export type Plan = { seconds: number; warmupSeconds: number; connections: number };

const log = logger('load');
const ms = (value: number) => value.toFixed(2);
const rate = (value: number) => value.toFixed(0);

/**
 * Median latency of each request kind sent one at a time, after warm-up. Not a target, but the
 * aggregate percentiles under load do not say which kind is expensive; this does.
 */
export async function serialLatencies(server: ServerProcess, requests: GraphQLRequest[], repeats = 7) {
  const byKind = new Map<string, number[]>();
  for (let round = 0; round < repeats; round++) {
    for (const request of requests) {
      const started = performance.now();
      await graphql(server.url, request.query, request.variables);
      const list = byKind.get(request.kind) ?? [];
      list.push(performance.now() - started);
      byKind.set(request.kind, list);
    }
  }
  return [...byKind].map(([kind, times]) => {
    const sorted = [...times].sort((a, b) => a - b);
    return { kind, median: sorted[Math.floor(sorted.length / 2)]!, samples: sorted.length };
  });
}

export type Measured = LoadResult & {
  rss: { start: number; mid: number; end: number };
  /** Server CPU time (user + system) per completed request, in milliseconds. */
  cpuPerRequest: number;
};

export async function warmUp(
  plan: Plan,
  server: ServerProcess,
  requests: GraphQLRequest[],
  what: string,
  secs = plan.warmupSeconds,
): Promise<void> {
  log(`${server.label}: ${what}: warm-up ${secs} s`);
  await runLoad({ url: server.url, requests, connections: plan.connections, seconds: secs });
}

/**
 * Waits until the server has worked off what a finished run left in flight: a trivial request
 * queues behind those, so CPU samples taken after it belong to the run being measured.
 */
async function settle(server: ServerProcess): Promise<void> {
  await graphql(server.url, '{ __typename }');
}

/**
 * A measured run (after a warm-up unless `warm`), with the server's RSS at start, middle and end
 * and its CPU time per request. CPU per request is the figure least disturbed by other processes
 * competing for the same cores, which throughput and latency are not.
 */
export async function measure(
  plan: Plan,
  server: ServerProcess,
  requests: GraphQLRequest[],
  what: string,
  warm = false,
  secs = plan.seconds,
): Promise<Measured> {
  if (!warm) await warmUp(plan, server, requests, what);
  await settle(server);
  log(`${server.label}: ${what}: measuring ${secs} s at ${plan.connections} connections`);
  const start = await server.stats();
  let midSample: Promise<number> | undefined;
  const result = await runLoad({
    url: server.url,
    requests,
    connections: plan.connections,
    seconds: secs,
    atHalfway: () => {
      midSample = server.stats().then((s) => s.rss);
      midSample.catch(() => {}); // awaited below; avoid an unhandled rejection meanwhile
    },
  });
  await settle(server);
  const end = await server.stats();
  const mid = midSample ? await midSample : Number.NaN;
  const cpuPerRequest = ((end.cpu - start.cpu) * 1000) / Math.max(1, result.requests);
  log(
    `${server.label}: ${what}: ${rate(result.rps)} req/s, p50 ${ms(result.p50)} ms, p99 ${ms(result.p99)} ms, ` +
      `${ms(cpuPerRequest)} CPU ms/req, ${result.non2xx} non-2xx, ${result.graphqlErrors} GraphQL errors`,
  );
  return { ...result, rss: { start: start.rss, mid, end: end.rss }, cpuPerRequest };
}

/**
 * How many alternating segments the like-for-like pair's measured time is cut into: 12, 5 s each
 * at the default 60 s. These machines have slow spells of 15 to 30 s that raise either server's CPU
 * per request by up to a third; with four 15 s segments a spell fell on one side's segment
 * and decided the run. Shorter segments share each spell between both sides.
 */
export const SEGMENTS = 12;

/**
 * Each segment's length (LOAD_SECONDS / SEGMENTS rounded up, so a side gets at least
 * LOAD_SECONDS), and the pair's unmeasured warm-up rounds of segments, interleaved like the
 * measured ones (measurePair says why): 3 rounds, 15 s a side, at the defaults.
 */
export function segmentsOf(plan: Plan) {
  const segmentSeconds = Math.ceil(plan.seconds / SEGMENTS);
  const warmupRounds = Math.ceil(Math.max(plan.warmupSeconds, plan.seconds / 4) / segmentSeconds);
  return { segmentSeconds, warmupRounds, warmupSeconds: warmupRounds * segmentSeconds };
}

/**
 * The like-for-like pair of phase 2, measured interleaved: each side's `seconds` are cut into
 * SEGMENTS runs, sent in ABBA order (A B, B A, A B, ..., each side first in half the rounds)
 * after unmeasured warm-up rounds in the same order, and each
 * side's runs are then combined into one result. A machine whose speed drifts over a minute (a
 * shared VM's often does, by 10% and more) then slows both sides alike, where two runs one after
 * the other would charge the drift to one side. RSS: at the first segment's start, halfway through
 * the middle one, and at the last one's end.
 */
export async function measurePair(
  plan: Plan,
  a: { server: ServerProcess; requests: GraphQLRequest[] },
  b: { server: ServerProcess; requests: GraphQLRequest[] },
  what: string,
): Promise<[Measured, Measured]> {
  // Both warm up in the same interleaved rounds, unmeasured, that the measured ones continue, so
  // that neither meets its first measured segment straight from the minutes it sat idle while the
  // others were measured, nor from a longer pause than the other side had. (When A warmed up for
  // 15 s and then B did, A sat idle through B's warm-up and its first segment spent up to 1.5 times
  // the CPU per request of its later ones: V8 starts shrinking an idle process's heap after 8 s,
  // docs/load-test.md.) In ABBA order each side pauses for two of the other's segments at most.
  const { segmentSeconds, warmupRounds } = segmentsOf(plan);
  const runs: [Measured[], Measured[]] = [[], []];
  for (let i = 0; i < warmupRounds + SEGMENTS; i++) {
    for (const side of i % 2 === 0 ? [0, 1] : [1, 0]) {
      const { server, requests } = side === 0 ? a : b;
      if (i < warmupRounds) {
        await warmUp(plan, server, requests, what, segmentSeconds);
        continue;
      }
      log(`${what}: segment ${i - warmupRounds + 1} of ${SEGMENTS}`);
      runs[side]!.push(await measure(plan, server, requests, what, true, segmentSeconds));
    }
  }
  const together = (parts: Measured[]): Measured => {
    const result = combine(parts);
    const cpu = parts.reduce((total, p) => total + p.cpuPerRequest * p.requests, 0);
    return {
      ...result,
      rss: {
        start: parts[0]!.rss.start,
        mid: parts[Math.floor(parts.length / 2)]!.rss.mid,
        end: parts.at(-1)!.rss.end,
      },
      cpuPerRequest: cpu / Math.max(1, result.requests),
    };
  };
  return [together(runs[0]), together(runs[1])];
}
