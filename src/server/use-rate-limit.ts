/**
 * Cost-based rate limiting, per API key (or per client address for anonymous callers, see
 * useRequestState for TRUST_PROXY): before a
 * query runs its requested cost is taken from the caller's bucket (leaky-bucket.ts); when the
 * bucket holds too little the query is refused with 429, Retry-After and code RATE_LIMITED.
 * Once it has run, it is settled at its actual cost. Buckets live in this process, so each
 * replica meters on its own. Must come after use-query-cost.ts, which works out the cost.
 */
import { GraphQLError } from 'graphql';
import type { Plugin, YogaInitialContext } from 'graphql-yoga';
import { CostBuckets } from './leaky-bucket.js';
import { requestState } from './request-state.js';

export type RateLimitOptions = {
  /** Capacity of each bucket, in points. */
  points: number;
  /** Points regained per second. */
  restorePerSecond: number;
};

/** Meters callers with cost buckets of `points`, refilled at `restorePerSecond`. */
export function useRateLimit({ points, restorePerSecond }: RateLimitOptions): Plugin {
  const buckets = new CostBuckets(points, restorePerSecond);
  return {
    onExecute({ args, setResultAndStopExecution }) {
      const state = requestState((args.contextValue as YogaInitialContext).request);
      // Admin keys are the operators' own (a whole dataset's import costs more than a bucket holds).
      if (!state.cost || state.apiKey?.scopes.includes('admin')) return;
      const caller = state.apiKey ? `key:${state.apiKey.name}` : `ip:${state.clientIp}`;
      const reservation = buckets.reserve(caller, state.cost.requested);
      state.throttle = reservation.status;
      if (!reservation.granted) {
        const { currentlyAvailable } = reservation.status;
        setResultAndStopExecution({
          errors: [
            new GraphQLError(
              `Rate limit exceeded: this query costs ${state.cost.requested} points and ${currentlyAvailable} of ` +
                `${points} are available, regaining ${restorePerSecond} per second. ` +
                `Retry in ${reservation.retryAfterSeconds} s, or ask for less.`,
              {
                extensions: {
                  code: 'RATE_LIMITED',
                  http: { status: 429, headers: { 'retry-after': String(reservation.retryAfterSeconds) } },
                },
              },
            ),
          ],
        });
        return;
      }
      return {
        onExecuteDone() {
          const { requested, actual } = state.cost!;
          state.throttle = buckets.settle(caller, requested, actual ?? requested);
        },
      };
    },
  };
}
