/**
 * The parent side of ./child.ts: starts a server script in a child Node process (with tsx loaded
 * in-process, so the PID is the server itself and /proc/<pid> describes it), waits for its URL,
 * reads its memory and CPU time, and stops it.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { SERVICE_NODE_FLAGS } from '../../src/node-flags.js';
import { projectRoot } from '../../src/paths.js';
import type { FromChild, ProcessStats, ToChild } from './child.js';

export type ServerProcess = {
  label: string;
  url: string;
  pid: number;
  /** Resident set size (bytes) and CPU time used so far (seconds). */
  stats: () => Promise<ProcessStats>;
  stop: () => Promise<void>;
};

const live = new Set<ChildProcess>();

/** Last resort for any exit path: children are also told by the IPC channel closing. */
process.on('exit', () => {
  for (const child of live) child.kill('SIGKILL');
});

/** Clock ticks per second, the unit of CPU times in /proc/<pid>/stat. */
const clockTicks = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/**
 * RSS and CPU time from /proc, read from outside the child so that a busy event loop cannot delay
 * the sample. Undefined where /proc is not available (then the child is asked over IPC).
 */
function procStats(pid: number): ProcessStats | undefined {
  try {
    const rss = /^VmRSS:\s+(\d+)\s+kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    // Fields after the parenthesised command name; utime and stime are the 14th and 15th overall.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    if (!rss || !Number.isFinite(ticks)) return undefined;
    return { rss: Number(rss[1]) * 1024, cpu: ticks / clockTicks };
  } catch {
    return undefined;
  }
}

/** `env` is added to (and overrides) what the child inherits from this process. */
export async function startServer(
  label: string,
  script: string,
  databaseUrl: string,
  env: Record<string, string> = {},
  /** Extra Node.js options for the child, e.g. `--cpu-prof` (bench/load/ab.ts). */
  nodeArgs: string[] = [],
  /** Another checkout of this project to run the script from (bench/load/ab.ts's AB_A and AB_B). */
  root = projectRoot,
): Promise<ServerProcess> {
  const scriptPath = path.join(root, path.relative(projectRoot, import.meta.dirname), script);
  // Ours runs with the Node.js options it is deployed with (npm start, the Dockerfile), and so does
  // PostGraphile: they tune the runtime, not our code, and would help any Node.js server (they cut
  // PostGraphile's CPU per request as much as ours), so both get them or the ratio would count
  // runtime tuning as our advantage.
  const child = spawn(process.execPath, [...SERVICE_NODE_FLAGS, ...nodeArgs, '--import', 'tsx', scriptPath], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
    env: {
      ...process.env,
      BENCH_DATABASE_URL: databaseUrl,
      // Both servers as deployed: production mode skips Grafast's development-time plan checks
      // and Pothos' unused-query warnings.
      NODE_ENV: 'production',
      GRAPHILE_ENV: 'production',
      ...env,
    },
  });
  live.add(child);
  child.once('exit', () => live.delete(child));
  child.stdout?.resume(); // the URL comes over IPC; stdout is only drained

  const send = (message: ToChild) => child.connected && child.send(message);
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${label} did not start within 60 s`)), 60_000);
    child.on('message', (message: FromChild) => {
      if (message.type === 'listening') {
        clearTimeout(timer);
        resolve(message.url);
      }
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`${label} exited before listening (code ${code}, signal ${signal})`));
    });
  });
  const pid = child.pid!;

  const ipcStats = () =>
    new Promise<ProcessStats>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${label} did not report its stats`)), 10_000);
      const onMessage = (message: FromChild) => {
        if (message.type !== 'stats') return;
        clearTimeout(timer);
        child.off('message', onMessage);
        resolve({ rss: message.rss, cpu: message.cpu });
      };
      child.on('message', onMessage);
      send({ type: 'stats' });
    });

  return {
    label,
    url,
    pid,
    stats: async () => procStats(pid) ?? ipcStats(),
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      send({ type: 'stop' });
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
