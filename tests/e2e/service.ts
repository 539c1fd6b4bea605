/**
 * Runs the real entry point (src/main.ts) as a child process, as production does, and waits for
 * it to say it is ready.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { SERVICE_NODE_FLAGS } from '../../src/node-flags.js';

const root = path.resolve(import.meta.dirname, '../..');

export type Service = {
  child: ChildProcess;
  /** The GraphQL endpoint. */
  url: string;
  /** Origin, for /health, /ready and /metrics. */
  base: string;
  /** Everything the process printed so far. */
  output: () => string;
  /** Resolves with the exit code once the process has exited. */
  exited: Promise<number | null>;
};

/** Running children, and whether each leads a process group of its own. */
const running = new Map<ChildProcess, boolean>();

/**
 * Starts the service with these variables on top of the test's environment (an undefined value
 * removes the variable). With `npmStart`, runs exactly `npm start`, as a new user does, in a
 * process group of its own so that a signal reaches npm and everything under it, as Ctrl-C does.
 */
export async function startService(
  env: Record<string, string | undefined>,
  options: { npmStart?: boolean } = {},
): Promise<Service> {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'info', ...env };
  for (const [name, value] of Object.entries(childEnv)) if (value === undefined) delete childEnv[name];
  const group = options.npmStart ?? false;
  const [command, args] = group
    ? ['npm', ['start']]
    : [process.execPath, [...SERVICE_NODE_FLAGS, '--import', 'tsx', 'src/main.ts']];
  const child = spawn(command, args, {
    cwd: root,
    detached: group,
    env: childEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.set(child, group);
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => {
      running.delete(child);
      resolve(code);
    }),
  );
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the service did not become ready:\n${output}`)), 90_000);
    const check = () => {
      const match = /ready at (http:\/\/\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    child.stdout!.on('data', check);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`the service exited with ${code}:\n${output}`));
    });
  });
  return { child, url, base: new URL(url).origin, output: () => output, exited };
}

/** Kills whatever is still running (for afterAll). */
export function killServices(): void {
  for (const [child, group] of running) {
    if (group) process.kill(-child.pid!, 'SIGKILL');
    else child.kill('SIGKILL');
  }
}

/** POSTs a GraphQL query. */
export async function graphql(
  url: string,
  query: string,
  variables?: Record<string, unknown>,
  headers: Record<string, string> = {},
) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return {
    status: response.status,
    body: (await response.json()) as { data?: any; errors?: { message: string; extensions?: { code?: string } }[] },
  };
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
