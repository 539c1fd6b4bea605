/** The markdown report: machine, per-scale tables, the side-by-side view, ratios and targets. */
import { CTE_SQL } from './cte.js';
import type { Machine } from './machine.js';
import type { Agreement, ScaleResult } from './scale.js';
import type { Scale, Settings } from './settings.js';
import { fmtMb, fmtMs, fmtRatio, fmtSec, percentile, type Row } from './stats.js';

export interface Target {
  scale: Scale;
  what: string;
  measured: string;
  /** undefined: not measured in this run. */
  met: boolean | undefined;
}

export interface Ratio {
  scale: Scale;
  what: string;
  p50: number;
  p99: number;
  /** The slower side hit a timeout, so the ratio is a lower bound. */
  lowerBound: boolean;
  pairs: number;
}

const sortedTimes = (times: readonly number[]) => [...times].sort((a, b) => a - b);

/** other / engine at p50 and p99, over the first `pairs` pairs (both sides on the same pairs). */
function ratio(scale: Scale, what: string, engine: Row, other: Row): Ratio {
  const n = other.times.length;
  const e = sortedTimes(engine.times.slice(0, n));
  const o = sortedTimes(other.times);
  return {
    scale,
    what,
    p50: percentile(o, 0.5) / percentile(e, 0.5),
    p99: percentile(o, 0.99) / percentile(e, 0.99),
    lowerBound: other.timeouts > 0,
    pairs: n,
  };
}

export function ratios(results: readonly ScaleResult[]): Ratio[] {
  return results.flatMap((r) => [
    ratio(r.scale.scale, 'CTE k=5 / engine FASTEST k=5', r.rows.k5, r.rows.cte),
    ratio(r.scale.scale, 'graphology Dijkstra / engine fastest (k=1)', r.rows.fastest, r.rows.graphology),
    ratio(r.scale.scale, 'engine fastest (k=1) / BFS src → dst', r.rows.bfsTarget, r.rows.fastest),
    ratio(r.scale.scale, 'HTTP pathways first:5 / engine FASTEST k=5', r.rows.k5, r.rows.http),
  ]);
}

export function targets(results: readonly ScaleResult[], rs: readonly Ratio[]): Target[] {
  const get = (s: Scale) => results.find((r) => r.scale.scale === s);
  const ratioOf = (s: Scale, prefix: string) => rs.find((r) => r.scale === s && r.what.startsWith(prefix));
  const out: Target[] = [];
  const m = get('M');
  const cteM = ratioOf('M', 'CTE');
  out.push({
    scale: 'M',
    what: 'engine ≥ 100× faster than the recursive CTE (k=5, p50, same pairs)',
    measured: cteM
      ? `${cteM.lowerBound ? '≥ ' : ''}${fmtRatio(cteM.p50)} at p50 (${cteM.lowerBound ? '≥ ' : ''}${fmtRatio(cteM.p99)} at p99)`
      : 'not run',
    met: cteM ? cteM.p50 >= 100 : undefined,
  });
  for (const s of ['M', 'L'] as const) {
    const g = ratioOf(s, 'graphology');
    out.push({
      scale: s,
      what: 'engine ≥ 2× faster than graphology Dijkstra (fastest path, p50, same graph)',
      measured: g ? `${fmtRatio(g.p50)} at p50 (${fmtRatio(g.p99)} at p99)` : 'not run',
      met: g ? g.p50 >= 2 : undefined,
    });
  }
  out.push({
    scale: 'M',
    what: 'engine FASTEST k=5 p99 ≤ 2 ms',
    measured: m ? `${fmtMs(m.rows.k5.p99)} ms` : 'not run',
    met: m ? m.rows.k5.p99 <= 2 : undefined,
  });
  const l = get('L');
  out.push({
    scale: 'L',
    what: 'engine fastest path (k=1) p99 ≤ 50 ms',
    measured: l ? `${fmtMs(l.rows.fastest.p99)} ms` : 'not run (BENCH_SCALES=S,M,L)',
    met: l ? l.rows.fastest.p99 <= 50 : undefined,
  });
  out.push({
    scale: 'L',
    what: 'engine FASTEST k=5 p99 ≤ 150 ms',
    measured: l ? `${fmtMs(l.rows.k5.p99)} ms` : 'not run (BENCH_SCALES=S,M,L)',
    met: l ? l.rows.k5.p99 <= 150 : undefined,
  });
  out.push({
    scale: 'L',
    what: 'index build < 10 s',
    measured: l ? fmtSec(l.index.buildMs) : 'not run (BENCH_SCALES=S,M,L)',
    met: l ? l.index.buildMs < 10_000 : undefined,
  });
  out.push({
    scale: 'L',
    what: 'index within 300 MB (retained heap + typed arrays after GC)',
    measured: l
      ? `${fmtMb(l.index.retained)} retained; RSS grew ${fmtMb(l.index.rssDelta)} during the build`
      : 'not run (BENCH_SCALES=S,M,L)',
    met: l ? l.index.retained <= 300 * 2 ** 20 : undefined,
  });
  return out;
}

const num = (n: number) => n.toLocaleString('en-US');

function rowLine(r: Row): string {
  const dash = (n: number) => (n ? num(n) : '0');
  return `| ${r.contender} | ${r.query} | ${r.n} | ${r.found} | ${dash(r.timeouts)} | ${dash(r.overBudget)} | ${dash(r.errors)} | ${fmtMs(r.p50)} | ${fmtMs(r.p95)} | ${fmtMs(r.p99)} | ${fmtMs(r.max)} |`;
}

function agreementText(a: Agreement, other: string): string {
  const parts = [`${a.same} of ${a.compared} same months`];
  if (a.engineLower)
    parts.push(
      `${a.engineLower} with fewer months from the engine (a program already completed earlier on the path is not counted twice)`,
    );
  if (a.engineHigher) parts.push(`**${a.engineHigher} with MORE months from the engine (investigate)**`);
  if (a.foundMismatch) parts.push(`**${a.foundMismatch} where only one of them found a path (investigate)**`);
  return `engine vs ${other}: ${parts.join('; ')}.`;
}

function scaleSection(r: ScaleResult): string {
  const lines: string[] = [];
  const c = r.counts;
  lines.push(`#### ${r.title}`, '');
  lines.push(
    `${num(c.roles)} roles, ${num(c.transitions)} transitions, ${num(c.groups)} requirement groups, ${num(c.tracks)} tracks, ` +
      `${num(c.certifications)} certifications, ${num(c.programs)} programs.`,
    '',
  );
  lines.push('| setup step | time | notes |', '|---|---|---|');
  if (r.generateMs !== undefined)
    lines.push(`| generate (bench/generators.ts) | ${fmtSec(r.generateMs)} | in memory |`);
  lines.push(
    `| load into a fresh database | ${fmtSec(r.load.totalMs)} | migrate ${fmtSec(r.load.migrateMs)}, insert + commit ${fmtSec(r.load.insertMs)}${r.load.commitMs !== undefined ? ` (of which COMMIT, where the deferred constraint triggers run: ${fmtSec(r.load.commitMs)})` : ''}, ANALYZE + counts ${fmtSec(r.load.analyzeMs)}; ${r.load.method}; ${num(r.load.rows.transition ?? 0)} transitions, ${num(r.load.rows.requirement_option ?? 0)} requirement options, ${num(r.load.rows.transition_training ?? 0)} training rows |`,
  );
  lines.push(`| readGraphInput | ${fmtSec(r.readInputMs)} | what the server does before its first pathway query |`);
  lines.push(
    `| buildIndex | ${fmtSec(r.index.buildMs)} | retained ${fmtMb(r.index.retained)} (heap + typed arrays after GC, input excluded); RSS ${r.index.rssDelta >= 0 ? '+' : ''}${fmtMb(r.index.rssDelta)} during the build, ${fmtMb(r.index.rssAfter)} after |`,
  );
  lines.push(
    `| graphology DirectedGraph build | ${fmtSec(r.graphologyBuildMs)} | same input, edge attribute \`months\` |`,
  );
  lines.push(
    `| GraphQL server, first pathways request | ${fmtSec(r.http.coldMs)} | cold: the server reads the graph and builds its index; server RSS after the run ${r.http.serverRss ? fmtMb(r.http.serverRss) : 'n/a'} |`,
  );
  lines.push('');
  const hops = Object.entries(r.pairs.hops)
    .sort(([a], [b]) => Number(a) - Number(b))
    .map(([h, n]) => `${h} hop${h === '1' ? '' : 's'}: ${n}`)
    .join(', ');
  lines.push(
    `Pairs: ${r.pairs.count} (seed ${r.scale.seed}), targets drawn among the roles reachable within ${r.cteDepth} moves; fewest moves — ${hops}.` +
      (r.pairs.unconstrained ? ` ${r.pairs.unconstrained} pairs had to be drawn without that condition.` : '') +
      ` The CTE ran on the first ${r.pairs.ctePairs} of them. Held certifications for the constrained query: ${r.heldCertifications.join(', ')} (the most requested).`,
    '',
  );
  lines.push(
    '| contender | query | n | found | timeouts | over budget | errors | p50 ms | p95 ms | p99 ms | max ms |',
    '|---|---|---|---|---|---|---|---|---|---|---|',
  );
  for (const row of [
    r.rows.bfsTarget,
    r.rows.bfsAll,
    r.rows.fastest,
    r.rows.k5,
    r.rows.constrained,
    r.rows.reachable,
    r.rows.graphology,
    r.rows.cte,
    r.rows.http,
  ])
    lines.push(rowLine(row));
  lines.push('');
  lines.push(`- reachableRoles within 24 months: ${r.reachableAverage.toFixed(0)} roles per query on average.`);
  lines.push(`- ${agreementText(r.checks.graphology, 'graphology (fastest path)')}`);
  lines.push(
    `- ${agreementText(r.checks.cte, `the CTE (engine limited to ${r.cteDepth} moves, CTE queries that completed)`)}`,
  );
  if (r.http.firstError) lines.push(`- First HTTP error: \`${r.http.firstError}\``);
  lines.push('');
  return lines.join('\n');
}

function sideBySide(results: readonly ScaleResult[]): string {
  const keys: [keyof ScaleResult['rows'], string][] = [
    ['bfsTarget', 'BFS src → dst (floor)'],
    ['fastest', 'engine fastest, k=1'],
    ['graphology', 'graphology Dijkstra, k=1'],
    ['k5', 'engine FASTEST, k=5'],
    ['constrained', 'engine k=5, maxSteps 5 + 3 held certs'],
    ['reachable', 'engine reachableRoles ≤ 24 months'],
    ['cte', 'recursive CTE, k=5 (timeouts at the timeout)'],
    ['http', 'GraphQL over HTTP, first: 5'],
  ];
  const head = `| query | ${results.map((r) => `${r.scale.scale} found | ${r.scale.scale} p50 | ${r.scale.scale} p99`).join(' | ')} |`;
  const sep = `|---|${results.map(() => '---|---|---').join('|')}|`;
  const lines = [head, sep];
  for (const [key, label] of keys)
    lines.push(
      `| ${label} | ${results
        .map((r) => {
          const row = r.rows[key];
          const found = `${row.found}/${row.n}${row.timeouts ? ` (${row.timeouts} t/o)` : ''}${row.overBudget ? ` (${row.overBudget} over budget)` : ''}`;
          return `${found} | ${fmtMs(row.p50)} | ${fmtMs(row.p99)}`;
        })
        .join(' | ')} |`,
    );
  lines.push('');
  lines.push(
    `| setup | ${results.map((r) => r.scale.scale).join(' | ')} |`,
    `|---|${results.map(() => '---').join('|')}|`,
  );
  const setup: [string, (r: ScaleResult) => string][] = [
    ['roles / transitions', (r) => `${num(r.counts.roles)} / ${num(r.counts.transitions)}`],
    ['load into PostgreSQL (migrate + insert + ANALYZE)', (r) => fmtSec(r.load.totalMs)],
    ['readGraphInput', (r) => fmtSec(r.readInputMs)],
    ['buildIndex', (r) => fmtSec(r.index.buildMs)],
    ['index memory (retained after GC)', (r) => fmtMb(r.index.retained)],
    ['graphology graph build', (r) => fmtSec(r.graphologyBuildMs)],
    ['GraphQL server cold first request', (r) => fmtSec(r.http.coldMs)],
  ];
  for (const [label, value] of setup) lines.push(`| ${label} | ${results.map(value).join(' | ')} |`);
  return lines.join('\n');
}

/** Things a reader should not miss: failures, errors, disagreements between contenders. */
function findProblems(results: readonly ScaleResult[]): string[] {
  const out: string[] = [];
  for (const r of results) {
    const s = r.scale.scale;
    if (r.http.firstError) out.push(`${s}: the GraphQL server answered with errors: \`${r.http.firstError}\`.`);
    const budget = (Object.values(r.rows) as Row[]).filter((row) => row.overBudget > 0);
    for (const row of budget)
      out.push(
        `${s}: ${row.contender}, ${row.query}: ${row.overBudget} of ${row.n} queries exceeded the default work budget (SearchBudgetExceeded).`,
      );
    for (const [name, a] of [
      ['graphology', r.checks.graphology],
      ['the CTE', r.checks.cte],
    ] as const)
      if (a.engineHigher || a.foundMismatch)
        out.push(
          `${s}: the engine and ${name} disagree: ${a.engineHigher} pathways with more months from the engine, ${a.foundMismatch} pairs where only one found a path.`,
        );
  }
  return out;
}

export interface ReportInput {
  settings: Settings;
  machine: Machine;
  startedAt: Date;
  durationMs: number;
  command: string;
  results: ScaleResult[];
  failures: { scale: Scale; error: string }[];
  engineOutput: string | undefined;
  loadAtStart: string;
}

export function renderReport(input: ReportInput): string {
  const { machine, results } = input;
  const rs = ratios(results);
  const ts = targets(results, rs);
  const out: string[] = [];
  out.push('## The engine against PostgreSQL and graphology (`bench/run.ts`)', '');
  out.push(
    `Measured ${input.startedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC by \`bench/run.ts\` (${fmtSec(input.durationMs)} for the comparison). ` +
      'Numbers from one run on one machine; they move with whatever else runs there. Latency percentiles are nearest-rank over every query.',
    '',
  );
  const busy =
    Number(input.loadAtStart.split(' / ')[0]) > machine.nproc ||
    Number(machine.loadAverage.split(' / ')[0]) > machine.nproc;
  if (busy)
    out.push(
      `**The machine was busy with other work during this run** (load average above its ${machine.nproc} CPUs, below): every figure, the tail latencies most, is higher than on an idle machine. Ratios between contenders measured in the same minutes are the more stable numbers.`,
      '',
    );
  out.push('Command:', '', '```sh', input.command, '```', '');
  out.push('| machine | |', '|---|---|');
  out.push(`| CPU | ${machine.cpu} |`, `| nproc | ${machine.nproc} |`, `| memory | ${machine.memory} |`);
  out.push(`| Node.js | ${machine.node} |`, `| PostgreSQL | ${machine.postgres} |`, `| OS | ${machine.os} |`);
  out.push(
    `| load average (1/5/15 min) at the start | ${input.loadAtStart} |`,
    `| load average at the end | ${machine.loadAverage} |`,
    '',
  );

  out.push('### Targets', '');
  const met = ts.filter((t) => t.met === true);
  const missed = ts.filter((t) => t.met === false);
  const notRun = ts.filter((t) => t.met === undefined);
  out.push(
    `**Met:** ${met.length ? met.map((t) => `${t.scale} ${t.what}`).join('; ') : 'none'}.`,
    '',
    `**Not met:** ${missed.length ? missed.map((t) => `${t.scale} ${t.what} (${t.measured})`).join('; ') : 'none'}.`,
    '',
  );
  if (notRun.length)
    out.push(`**Not measured in this run:** ${notRun.map((t) => `${t.scale} ${t.what}`).join('; ')}.`, '');
  out.push('| scale | target | measured | met |', '|---|---|---|---|');
  for (const t of ts)
    out.push(`| ${t.scale} | ${t.what} | ${t.measured} | ${t.met === undefined ? '–' : t.met ? 'yes' : '**no**'} |`);
  out.push('');
  const problems = findProblems(results);
  if (problems.length) {
    out.push('### Problems seen in this run', '');
    for (const p of problems) out.push(`- ${p}`);
    out.push('');
  }
  if (input.failures.length) {
    out.push('### Failed scales', '');
    for (const f of input.failures) out.push(`- ${f.scale}: \`${f.error}\``);
    out.push('');
  }

  if (results.length) {
    out.push('### Side by side', '');
    out.push(
      'Milliseconds per query, the same seeded pairs for every contender within a scale; found = queries that returned a path.',
      '',
    );
    out.push(sideBySide(results), '');
    out.push('### Ratios', '');
    out.push(
      'Slower over faster, at the same percentile, over the same pairs (the CTE ran on a prefix of them). "≥": the slower side hit its timeout, so the true ratio is larger.',
      '',
    );
    out.push('| scale | ratio | pairs | p50 | p99 |', '|---|---|---|---|---|');
    for (const r of rs)
      out.push(
        `| ${r.scale} | ${r.what} | ${r.pairs} | ${r.lowerBound ? '≥ ' : ''}${fmtRatio(r.p50)} | ${r.lowerBound ? '≥ ' : ''}${fmtRatio(r.p99)} |`,
      );
    out.push('');
    out.push('### Per scale', '');
    for (const r of results) out.push(scaleSection(r));
  }

  out.push('### What is measured', '');
  out.push(
    '- Each scale gets a fresh database `bench_<scale>_<random>` (migrated with `src/db/migrate.ts`), dropped at the end even on failure. S is the curated dataset loaded with `loadDataset`; M and L are `generateM(1)` and `generateL(2)` from `bench/generators.ts` (the graphs `bench/engine.ts` uses), bulk-loaded in one transaction with constraints deferred and one synthetic source cited by every transition. `pg-copy-streams` is not installed, so the load uses multi-row `INSERT … SELECT FROM unnest(array parameters)` statements instead of COPY.',
    "- Every contender then works from what the database holds: the engine index is built from `readGraphInput` (as the server does), graphology's graph from the same input, the CTE and the server read the same tables.",
    '- **Engine**: `findPathways` with FASTEST and k=1, k=5, and k=5 with `maxSteps: 5` and the three most requested certifications held; `reachableRoles` within 24 months. Default work budget; searches that exceed it count as "over budget". 20 unmeasured warm-up queries first.',
    "- **BFS**: an unweighted breadth-first search over the engine's CSR arrays, stopping at the target, and one visiting everything reachable: the floor for one traversal.",
    "- **graphology**: `DirectedGraph` + `graphology-shortest-path` `dijkstra.bidirectional` with edge attribute `months` = ceil(years × 12) + the required programs' minimum months. Single fastest path only.",
    `- **Recursive CTE** (what a user would otherwise write; it ignores certification state and programs completed earlier on the path, and has no profile or constraints), parameters $1 from, $2 to, $3 k = 5, $4 depth cap = ${input.settings.cteDepth}, under \`SET statement_timeout\`:`,
    '',
    '```sql' + CTE_SQL + '\n```',
    '',
    "- **HTTP**: the real app (`createApp` + `listen`, rate limit off because every request comes from one address, everything else as deployed) in a child process against the bench database, asked `pathways(from:, to:, first: 5) { totalMonths stepCount roles { slug } }` for the same pairs, one request at a time. The first request builds the server's index and is reported as the cold start.",
    '- The CTE runs on a prefix of the pairs (BENCH_CTE_PAIRS_*) because, on M, each of its queries runs into the timeout and the whole run has to stay within a few minutes; every ratio against it is computed over that same prefix.',
    '- The in-process contenders share one Node process; PostgreSQL, the server child and the benchmark share the machine.',
    '',
  );
  if (input.engineOutput !== undefined) {
    out.push('### `bench/engine.ts` (same run)', '');
    out.push(
      "The engine author's benchmark on the generated graphs directly (no database), run first by `bench/run.ts`:",
      '',
    );
    out.push('```text', input.engineOutput.trim(), '```', '');
  }
  return out.join('\n');
}
