/**
 * A process that ends with `process.exit()` while its embedded PostgreSQL runs (a failed start,
 * say) keeps its exit code and does not leave the postmaster running on the data directory, where
 * its lock file would stop the next start (src/db/embedded.ts).
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { freePort } from '../support/global-setup.js';

const dir = path.join(os.tmpdir(), `embedded-exit-${process.pid}-${Date.now()}`);
let postmaster: number | undefined;

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

afterAll(async () => {
  if (postmaster !== undefined && alive(postmaster)) process.kill(postmaster, 'SIGKILL');
  await fs.rm(dir, { recursive: true, force: true });
});

it('process.exit() keeps its code and stops the embedded PostgreSQL', async () => {
  const run = spawnSync(
    process.execPath,
    ['--import', 'tsx', 'tests/fixtures/embedded-exit.fixture.ts', dir, String(await freePort())],
    { encoding: 'utf8', timeout: 120_000 },
  );
  const output = `${run.stdout}\n${run.stderr}`;
  expect(run.stdout, output).toMatch(/READY/);
  expect(run.status, output).toBe(3);
  // postmaster.pid's first line is the server's pid; PostgreSQL removes the file once it has stopped.
  let pidFile: string | undefined;
  try {
    pidFile = readFileSync(path.join(dir, 'postmaster.pid'), 'utf8');
  } catch {
    return; // already stopped and cleaned up
  }
  postmaster = Number(pidFile.split('\n')[0]);
  const deadline = Date.now() + 15_000;
  while (alive(postmaster) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  expect(alive(postmaster), `postmaster ${postmaster} still running`).toBe(false);
}, 150_000);
