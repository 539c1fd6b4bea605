// Runs `prisma generate` offline. The CLI insists on a schema-engine binary it cannot download
// here, yet generating needs only its bundled WebAssembly; any existing file satisfies the check
// (docs/decisions/001-sql-migrations-with-own-runner.md).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const bin = path.join(import.meta.dirname, '..', 'node_modules', '.bin');
// The Pothos generator is an npm bin; put node_modules/.bin on PATH as npm scripts do.
const env = {
  ...process.env,
  PATH: `${bin}${path.delimiter}${process.env.PATH ?? ''}`,
  PRISMA_HIDE_UPDATE_MESSAGE: '1',
  CHECKPOINT_DISABLE: '1',
};
if (!env.PRISMA_SCHEMA_ENGINE_BINARY || !existsSync(env.PRISMA_SCHEMA_ENGINE_BINARY)) {
  const dir = path.join(tmpdir(), 'career-lattice');
  mkdirSync(dir, { recursive: true });
  const placeholder = path.join(dir, 'schema-engine-placeholder');
  writeFileSync(
    placeholder,
    '#!/bin/sh\necho "schema-engine is not available here; migrations use npm run db:migrate" >&2\nexit 1\n',
    { mode: 0o755 },
  );
  env.PRISMA_SCHEMA_ENGINE_BINARY = placeholder;
}
const prisma = path.join(import.meta.dirname, '..', 'node_modules', 'prisma', 'build', 'index.js');
const result = spawnSync(process.execPath, [prisma, 'generate'], { stdio: ['ignore', 'ignore', 'inherit'], env });
if (result.status !== 0) {
  console.error('prisma generate failed');
  process.exit(result.status ?? 1);
}
