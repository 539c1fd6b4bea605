/**
 * The baseline a user would otherwise write: one recursive CTE in the same PostgreSQL. It walks
 * every loopless path from the source up to a depth cap (path array, `NOT role = ANY(path)`), stops
 * extending a path at the target, sums each move's months from a standing start
 * (ceil(min_years_experience * 12) + the min_months of its required programs) and keeps the k
 * smallest totals. It ignores certifications and programs already completed earlier on the path
 * (so its months can be higher than the engine's, never lower), and has no profile or constraints.
 *
 * Each query runs under `SET statement_timeout`; a query that hits it counts as a timeout, at the
 * timeout value in the percentiles.
 */
import pg from 'pg';
import type { Pair } from './pairs.js';
import { Recorder, type Row } from './stats.js';

export const CTE = 'PostgreSQL recursive CTE';

export const CTE_SQL = `
WITH RECURSIVE walk(role_id, path, months, depth) AS (
    SELECT $1::int, ARRAY[$1::int], 0, 0
  UNION ALL
    SELECT t.to_role_id, w.path || t.to_role_id,
           w.months + ceil(t.min_years_experience * 12)::int + tr.months,
           w.depth + 1
    FROM walk w
    JOIN transition t ON t.from_role_id = w.role_id
    CROSS JOIN LATERAL (
        SELECT coalesce(sum(p.min_months), 0)::int AS months
        FROM transition_training tt JOIN training_program p ON p.id = tt.program_id
        WHERE tt.transition_id = t.id
    ) tr
    WHERE w.depth < $4            -- depth cap
      AND w.role_id <> $2         -- a path ends at the target
      AND NOT t.to_role_id = ANY(w.path)  -- no cycles
)
SELECT path, months AS total_months
FROM walk
WHERE role_id = $2
ORDER BY months, path
LIMIT $3`;

const QUERY_CANCELED = '57014';

export interface CteResult {
  row: Row;
  /** Pair index -> months of the best path, null when none, undefined when it timed out. */
  months: (number | null | undefined)[];
}

export async function runCte(
  url: string,
  pairs: readonly Pair[],
  opts: { k: number; depth: number; timeoutMs: number },
): Promise<CteResult> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`SET statement_timeout = ${Math.floor(opts.timeoutMs)}`);
    const run = async (pair: Pair) =>
      client.query<{ path: number[]; total_months: number }>(CTE_SQL, [pair.from, pair.to, opts.k, opts.depth]);
    // One unmeasured run on the shallowest pair: connection, catalog caches, parse.
    const warm = [...pairs].sort((a, b) => a.hops - b.hops)[0];
    if (warm) await run(warm).catch(() => {});
    const rec = new Recorder(CTE, `k=${opts.k}: depth ≤ ${opts.depth}, ORDER BY total_months LIMIT ${opts.k}`);
    const months: (number | null | undefined)[] = [];
    for (const pair of pairs) {
      const t0 = performance.now();
      try {
        const { rows } = await run(pair);
        rec.add(performance.now() - t0, rows.length > 0 ? 'found' : 'none');
        months.push(rows[0]?.total_months ?? null);
      } catch (error) {
        if ((error as { code?: string }).code !== QUERY_CANCELED) throw error;
        rec.add(opts.timeoutMs, 'timeout');
        months.push(undefined);
      }
    }
    return {
      row: rec.row(
        `first ${pairs.length} pairs; statement_timeout ${opts.timeoutMs} ms; ignores certification state and training already done`,
      ),
      months,
    };
  } finally {
    await client.end();
  }
}
