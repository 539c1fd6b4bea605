/**
 * The same pathway questions through the real GraphQL server: ./serve.ts in a child process (its
 * own event loop and heap), on the bench database, asked one request at a time over a keep-alive
 * connection with fetch. The first request builds the server's pathway index from the database
 * (readGraphInput + buildIndex, as in production); it is timed on its own as the cold start.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { SERVICE_NODE_FLAGS } from '../../src/node-flags.js';
import { projectRoot } from '../../src/paths.js';
import type { Pair } from './pairs.js';
import { Recorder, type Row } from './stats.js';

export const HTTP = 'GraphQL over HTTP (yoga server)';

const live = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of live) child.kill('SIGKILL');
});

export interface Server {
  url: string;
  pid: number;
  rss: () => number | undefined;
  stop: () => Promise<void>;
}

/**
 * Starts ./serve.ts of this checkout, or of another one (`root`: an older commit to compare with):
 * from source through tsx, as `npm start` runs the service, or with `compiled` the checkout's build
 * (dist/, which the caller has built: buildServer), as the Docker image runs it.
 */
export async function startServer(databaseUrl: string, root = projectRoot, { compiled = false } = {}): Promise<Server> {
  // With the flags the service runs with (src/node-flags.ts), as npm start and the Dockerfile start it.
  const script = path.join(root, 'bench', 'compare', 'serve.ts');
  const loader = compiled ? ['--experimental-strip-types', '--disable-warning=ExperimentalWarning'] : ['--import', 'tsx'];
  const child = spawn(process.execPath, [...SERVICE_NODE_FLAGS, ...loader, script], {
    cwd: root,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    env: {
      ...process.env,
      BENCH_DATABASE_URL: databaseUrl,
      NODE_ENV: 'production',
      ...(compiled ? { BENCH_SERVE_FROM: 'dist' } : {}),
    },
  });
  live.add(child);
  child.once('exit', () => live.delete(child));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the GraphQL server did not start within 60 s')), 60_000);
    child.on('message', (m: { type?: string; url?: string }) => {
      if (m.type === 'listening' && m.url) {
        clearTimeout(timer);
        resolve(m.url);
      }
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`the GraphQL server exited before listening (code ${code}, signal ${signal})`));
    });
  });
  return {
    url,
    pid: child.pid!,
    rss: () => {
      try {
        const m = /^VmRSS:\s+(\d+)\s+kB$/m.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
        return m ? Number(m[1]) * 1024 : undefined;
      } catch {
        return undefined;
      }
    },
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      if (child.connected) child.disconnect();
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Compiles a checkout's server into its dist/ (`npm run build`'s TypeScript step; the map is not needed). */
export function buildServer(root = projectRoot): void {
  execFileSync(path.join(root, 'node_modules', '.bin', 'tsc'), ['-p', 'tsconfig.build.json'], {
    cwd: root,
    stdio: 'inherit',
  });
}

export const PATHWAYS_QUERY = `query Pathways($from: String!, $to: String!) {
  pathways(from: $from, to: $to, first: 5) { totalMonths stepCount roles { slug } }
}`;

type Answer = {
  data?: { pathways?: { totalMonths: number }[] | null } | null;
  errors?: { message: string; extensions?: { code?: string } }[];
};

type Outcome = 'found' | 'none' | 'overBudget' | 'error';

async function ask(url: string, from: string, to: string): Promise<{ outcome: Outcome; detail?: string }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
    body: JSON.stringify({ query: PATHWAYS_QUERY, variables: { from, to } }),
  });
  const text = await response.text();
  let answer: Answer;
  try {
    answer = JSON.parse(text) as Answer;
  } catch {
    return { outcome: 'error', detail: `HTTP ${response.status}: ${text.slice(0, 200)}` };
  }
  if (answer.errors?.length) {
    const code = answer.errors[0]!.extensions?.code;
    if (code === 'SEARCH_BUDGET_EXCEEDED') return { outcome: 'overBudget' };
    return { outcome: 'error', detail: `${code ?? response.status}: ${answer.errors[0]!.message}` };
  }
  if (!response.ok) return { outcome: 'error', detail: `HTTP ${response.status}` };
  return { outcome: (answer.data?.pathways?.length ?? 0) > 0 ? 'found' : 'none' };
}

export interface HttpResult {
  row: Row;
  coldMs: number;
  serverRss: number | undefined;
  firstError: string | undefined;
}

/** Sends `pathways(from, to, first: 5)` for every pair, one at a time, after a cold request and a warm-up. */
export async function runHttp(
  server: Server,
  pairs: readonly Pair[],
  slugOf: (roleId: number) => string,
): Promise<HttpResult> {
  let firstError: string | undefined;
  const send = async (pair: Pair) => {
    const result = await ask(server.url, slugOf(pair.from), slugOf(pair.to));
    if (result.outcome === 'error') firstError ??= result.detail;
    return result.outcome;
  };
  let t0 = performance.now();
  const cold = await send(pairs[0]!);
  const coldMs = performance.now() - t0;
  const rec = new Recorder(HTTP, 'pathways(from, to, first: 5) { totalMonths stepCount roles { slug } }');
  if (cold === 'error') {
    // The server could not answer at all (e.g. it cannot build its index); every further request
    // would retry that build, so the measurement stops here and the report shows the error.
    return {
      row: rec.row('not measured: the first request failed (below)'),
      coldMs,
      serverRss: server.rss(),
      firstError,
    };
  }
  for (let i = 0; i < Math.min(20, pairs.length); i++) await send(pairs[i]!);
  for (const pair of pairs) {
    t0 = performance.now();
    const outcome = await send(pair);
    rec.add(performance.now() - t0, outcome);
  }
  return {
    row: rec.row('sequential, one keep-alive connection; includes slug lookups and row loading in the resolver'),
    coldMs,
    serverRss: server.rss(),
    firstError,
  };
}
