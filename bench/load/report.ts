/** The load test's report: the machine it ran on, then markdown tables of both phases. */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { SERVICE_NODE_FLAGS } from '../../src/node-flags.js';
import type { LoadResult } from './cannon.js';
import { POOL_SIZE } from './child.js';
import { type Measured, type Plan, SEGMENTS, segmentsOf } from './measure.js';
import type { Lookup } from './queries.js';

const mib = (bytes: number) => (bytes / 1024 / 1024).toFixed(0);
const ms = (value: number) => value.toFixed(2);
const rate = (value: number) => value.toFixed(0);

export function machine(postgresVersion: string, loadBefore: number[], loadAfter: number[]) {
  let cpu = os.cpus()[0]?.model ?? 'unknown';
  try {
    cpu = /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? cpu;
  } catch {
    // not Linux: keep os.cpus()
  }
  let nproc = String(os.availableParallelism());
  try {
    nproc = execFileSync('nproc', { encoding: 'utf8' }).trim();
  } catch {
    // no coreutils: keep availableParallelism()
  }
  const envParts = ['LOAD_SECONDS', 'LOAD_CONNECTIONS', 'LOAD_WARMUP_SECONDS', 'LOAD_CACHE_TTL_MS', 'DATABASE_URL']
    .filter((name) => process.env[name])
    .map((name) => `${name}=${name === 'DATABASE_URL' ? '<set>' : process.env[name]}`);
  const fmt = (l: number[]) => l.map((x) => x.toFixed(2)).join(' / ');
  return {
    nproc,
    cpu,
    node: process.version,
    postgresVersion,
    loadavg: `${fmt(loadBefore)} before, ${fmt(loadAfter)} after (1 / 5 / 15 min)`,
    command: [...envParts, 'npx tsx bench/load/run.ts'].join(' '),
  };
}

function errorCell(result: LoadResult): string {
  if (result.graphqlErrors === 0) return '0';
  const parts = Object.entries(result.graphqlErrorsByKind)
    .filter(([, n]) => n > 0)
    .map(([kind, n]) => `${kind}: ${n}`);
  return `${result.graphqlErrors} (${parts.join(', ')})`;
}

export type Phase2Row = {
  lookup: Lookup;
  /** Distinct requests (document + variables) the lookup's runs cycle through. */
  distinct: number;
  equivalent: { uncached: string; cached: string };
  ours: Measured;
  theirs: Measured;
  cached: Measured;
  /** The uncached ours that served phase 1 first. */
  afterMix: Measured;
};

export function report(options: {
  plan: Plan;
  /** TTL of the cached variant of ours. */
  cacheTtlMs: number;
  info: ReturnType<typeof machine>;
  cacheCheck: string;
  pathwayNote: string;
  serial: { kind: string; median: number; samples: number }[];
  phase1: { label: string; idleRss: number; result: Measured; distinct: number }[];
  phase2: Phase2Row[];
}): string {
  const { info, plan, cacheTtlMs } = options;
  const { connections, seconds, warmupSeconds } = plan;
  const { segmentSeconds, warmupSeconds: pairWarmupSeconds } = segmentsOf(plan);
  const ttl = `${cacheTtlMs / 1000} s`;
  const lines: string[] = [];
  lines.push('## Career Lattice load test', '');
  lines.push('| machine | value |', '|---|---|');
  lines.push(`| nproc | ${info.nproc} |`);
  lines.push(`| CPU | ${info.cpu} |`);
  lines.push(`| node | ${info.node} |`);
  lines.push(`| PostgreSQL | ${info.postgresVersion} (same machine) |`);
  lines.push(`| load average | ${info.loadavg} |`);
  lines.push(`| command | \`${info.command}\` |`);
  lines.push(
    `| load | ${connections} connections, ${seconds} s per measured run (after ${warmupSeconds} s warm-up), ` +
      `loopback, pool size ${POOL_SIZE} for all servers (idle connections kept 5 min), load generator in the parent process. Phase 2's ` +
      `like-for-like pair (ours fresh, PostGraphile) interleaved: ${SEGMENTS} segments of ${segmentSeconds} s ` +
      `per side (${SEGMENTS * segmentSeconds} s each) in ABBA order (A B, B A, ...), after ` +
      `${pairWarmupSeconds} s of warm-up each in the same interleaved order |`,
  );
  lines.push(
    '| servers | NODE_ENV=production. **ours**: default settings (response cache off: RESPONSE_CACHE_TTL_MS ' +
      'unset; a JSON log line per request at info on stdout, as npm start) but its per-client rate limit ' +
      'off (serve-ours.ts says why), listening for change ' +
      `notifications as src/main.ts does. **ours, cached**: the same plus the anonymous response cache, ` +
      `TTL ${ttl} (docker-compose.yml sets RESPONSE_CACHE_TTL_MS=30000). **PostGraphile**: its defaults ` +
      '(Amber preset; no response cache). ' +
      `**All** with the Node.js options npm start uses (${SERVICE_NODE_FLAGS.join(' ')}): runtime tuning, the same for both sides |`,
  );
  lines.push(`| response cache check | ours, cached: ${options.cacheCheck} |`);
  lines.push('');

  lines.push('### Phase 1: ours, realistic mix', '');
  lines.push(`Mix (round-robin): role by slug, nested roles, compareRoles${options.pathwayNote}`, '');
  lines.push(
    '| server | requests | req/s | p50 ms | p99 ms | server CPU ms/req | non-2xx | 5xx | conn. errors / timeouts | GraphQL errors | RSS MiB idle → start → mid → end |',
  );
  lines.push('|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---|');
  for (const { label, idleRss, result: r } of options.phase1) {
    lines.push(
      `| ${label} | ${r.requests} | ${rate(r.rps)} | ${ms(r.p50)} | ${ms(r.p99)} | ${ms(r.cpuPerRequest)} | ${r.non2xx} | ` +
        `${r.status5xx} | ${r.connectionErrors} / ${r.timeouts} | ${errorCell(r)} | ` +
        `${mib(idleRss)} → ${mib(r.rss.start)} → ${mib(r.rss.mid)} → ${mib(r.rss.end)} |`,
    );
  }
  for (const { label, result } of options.phase1) {
    if (result.firstErrorBody) {
      lines.push('', `${label}, first error body: \`${result.firstErrorBody.replaceAll('`', "'")}\``);
    }
  }
  const mixDistinct = options.phase1[0]?.distinct ?? 0;
  lines.push(
    '',
    `The mix is a fixed list of ${mixDistinct} distinct requests sent over and over, each already sent before ` +
      `measuring, so every measured request repeats an earlier identical one and the cached row answers ` +
      `(nearly) all of them from memory. It shows what the cache does for repeated anonymous reads, not ` +
      `what the server costs per query.`,
  );
  lines.push('', 'Per kind, one request at a time after warm-up, ours uncached (diagnostic, not a target):', '');
  lines.push('| kind | median ms | samples |', '|---|---:|---:|');
  for (const row of options.serial) lines.push(`| ${row.kind} | ${ms(row.median)} | ${row.samples} |`);
  lines.push('');

  lines.push(
    '### Phase 2: plain lookups, ours vs PostGraphile (Amber preset + 2 smart tags, see serve-postgraphile.ts)',
    '',
  );
  lines.push(
    '| lookup | server | requests | req/s | p50 ms | p99 ms | server CPU ms/req | non-2xx | 5xx | GraphQL errors | RSS MiB start → end |',
  );
  lines.push('|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|');
  const runs = (row: Phase2Row) =>
    [
      ['ours (fresh process)', row.ours],
      ['PostGraphile', row.theirs],
      [`ours, cached (${ttl})`, row.cached],
      ['ours, after phase 1', row.afterMix],
    ] as const;
  for (const row of options.phase2) {
    for (const [label, r] of runs(row)) {
      lines.push(
        `| ${row.lookup.name} | ${label} | ${r.requests} | ${rate(r.rps)} | ${ms(r.p50)} | ${ms(r.p99)} | ` +
          `${ms(r.cpuPerRequest)} | ${r.non2xx} | ${r.status5xx} | ${r.graphqlErrors} | ` +
          `${mib(r.rss.start)} → ${mib(r.rss.end)} |`,
      );
    }
  }
  lines.push('');
  lines.push(
    '| lookup | ours | same data | req/s ratio ours/theirs (target ≥ 1.0) | CPU-per-request ratio theirs/ours | p50 ms ours / theirs |',
  );
  lines.push('|---|---|---|---|---:|---|');
  for (const row of options.phase2) {
    const { lookup, theirs } = row;
    for (const [label, ours, equivalent, likeForLike] of [
      ['uncached, fresh process (like-for-like)', row.ours, row.equivalent.uncached, true],
      [`cached, ${ttl} (all requests repeats)`, row.cached, row.equivalent.cached, false],
      ['uncached, after serving phase 1', row.afterMix, row.equivalent.uncached, false],
    ] as const) {
      const ratio = ours.rps / theirs.rps;
      // Refusals and errors are cheap to produce; a ratio over them says nothing about the lookup.
      const clean = [ours, theirs].every((r) => r.non2xx === 0 && r.graphqlErrors === 0 && r.connectionErrors === 0);
      const verdict = !clean
        ? '(invalid: errors in the run)'
        : ours === row.cached
          ? '(from cache; not the target comparison)'
          : !likeForLike
            ? '(diagnostic; not the target comparison)'
            : ratio >= 1
              ? '(met)'
              : '(NOT met)';
      lines.push(
        `| ${lookup.name} | ${label} | ${equivalent} | ${ratio.toFixed(2)} ${verdict} | ` +
          `${(theirs.cpuPerRequest / ours.cpuPerRequest).toFixed(2)} | ${ms(ours.p50)} / ${ms(theirs.p50)} |`,
      );
    }
  }
  for (const row of options.phase2) {
    for (const [label, r] of runs(row)) {
      if (r.firstErrorBody) lines.push('', `${row.lookup.name}, ${label}, first error body: \`${r.firstErrorBody}\``);
    }
  }
  const distinctNote = options.phase2.map((row) => `${row.lookup.name.split(' ')[0]} ${row.distinct}`).join(', ');
  lines.push(
    '',
    '**Uncached, fresh process is the like-for-like ratio**: ours as deployed by default ' +
      '(RESPONSE_CACHE_TTL_MS unset) against PostGraphile with its defaults, which include no response cache; ' +
      'both execute every request, and neither process has served anything but the phase-2 lookups.',
    '',
    '**After serving phase 1** is the uncached ours that ran the realistic mix first. PostGraphile cannot ' +
      'serve that mix, so there is no like-for-like counterpart; it shows what a history of varied queries ' +
      '(pathways, nested reads) costs ours on the same lookups.',
    '',
    `**The cached ratio is not like-for-like.** That run is ours as docker-compose.yml deploys it: repeated ` +
      `identical anonymous queries are answered from memory without being executed. The lookups are fixed ` +
      `(distinct requests: ${distinctNote}), each already sent before measuring, so **all** measured requests ` +
      `in phase 2 are repeats; the cache misses only when an entry's ${ttl} TTL runs out or data changes ` +
      `(none during the runs). Real traffic has fewer repeats, and requests with an Authorization header ` +
      `bypass the cache, so it lands between the two rows.`,
    '',
    'CPU-per-request ratio above 1.0 means ours spends less server CPU per request; it is the comparison ' +
      'least affected by other load on the machine (see load average above).',
  );
  return lines.join('\n');
}
