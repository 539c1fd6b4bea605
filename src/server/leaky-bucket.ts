/**
 * Cost buckets per caller, as Shopify's GraphQL API meters them: each caller has a bucket of
 * points that refills at a steady rate; a query first reserves its requested cost and, once it
 * has run, is settled at its actual cost — the difference is given back, or, when the query
 * returned more than estimated, taken too (the bucket may then dip below empty, down to minus
 * its capacity, and the caller waits longer). In memory, so per process (per replica).
 */

/** A bucket as reported in `extensions.cost.throttleStatus`. */
export type ThrottleStatus = { maximumAvailable: number; currentlyAvailable: number; restoreRate: number };

export type Reservation =
  { granted: true; status: ThrottleStatus } | { granted: false; status: ThrottleStatus; retryAfterSeconds: number };

type Bucket = { level: number; at: number };

/** Full buckets carry no information; past this many callers they are forgotten. */
const SWEEP_ABOVE = 10_000;

/** One cost bucket per caller, created full on first use. */
export class CostBuckets {
  readonly #buckets = new Map<string, Bucket>();

  constructor(
    /** Capacity of every bucket, in points. */
    readonly maximum: number,
    /** Points regained per second. */
    readonly restoreRate: number,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Takes `cost` points from `caller`'s bucket if it holds that many. */
  reserve(caller: string, cost: number): Reservation {
    const bucket = this.#refilled(caller);
    if (bucket.level < cost) {
      const retryAfterSeconds = Math.max(1, Math.ceil((cost - bucket.level) / this.restoreRate));
      return { granted: false, status: this.#status(bucket), retryAfterSeconds };
    }
    bucket.level -= cost;
    this.#sweep();
    return { granted: true, status: this.#status(bucket) };
  }

  /** Settles a reservation at what the query actually cost. */
  settle(caller: string, reserved: number, spent: number): ThrottleStatus {
    const bucket = this.#refilled(caller);
    bucket.level = Math.max(-this.maximum, Math.min(this.maximum, bucket.level + reserved - spent));
    return this.#status(bucket);
  }

  /** The caller's bucket now. */
  status(caller: string): ThrottleStatus {
    return this.#status(this.#refilled(caller));
  }

  #refilled(caller: string): Bucket {
    const now = this.now();
    let bucket = this.#buckets.get(caller);
    if (!bucket) {
      bucket = { level: this.maximum, at: now };
      this.#buckets.set(caller, bucket);
    }
    bucket.level = Math.min(this.maximum, bucket.level + ((now - bucket.at) / 1000) * this.restoreRate);
    bucket.at = now;
    return bucket;
  }

  #status(bucket: Bucket): ThrottleStatus {
    return {
      maximumAvailable: this.maximum,
      currentlyAvailable: Math.max(0, Math.floor(bucket.level)),
      restoreRate: this.restoreRate,
    };
  }

  #sweep(): void {
    if (this.#buckets.size <= SWEEP_ABOVE) return;
    for (const [caller] of this.#buckets) {
      if (this.#refilled(caller).level >= this.maximum) this.#buckets.delete(caller);
    }
  }
}
