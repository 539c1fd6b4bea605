/** Where the project's files are, whether running from src/ (tsx) or from compiled dist/. */
import { existsSync } from 'node:fs';
import path from 'node:path';

function findProjectRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json')) && existsSync(path.join(dir, 'prisma'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`No project root (package.json beside prisma/) above ${from}`);
  }
}

/** The folder holding package.json and prisma/. */
export const projectRoot = findProjectRoot(import.meta.dirname);
/** SQL migrations, one `<timestamp>_<name>/migration.sql` per folder. */
export const migrationsDir = path.join(projectRoot, 'prisma', 'migrations');
/** The curated dataset's YAML files. */
export const curatedDataDir = path.join(projectRoot, 'prisma', 'data');
