/** Runs a command against the configured database (DATABASE_URL, or the embedded default). */
import { readConfig } from '../config.js';
import { type Database, openDatabase } from '../db/database.js';

export async function withDatabase(
  task: (db: Database) => Promise<void>,
  options: { seed?: boolean } = {},
): Promise<void> {
  const config = { ...readConfig(), seedOnStart: options.seed ?? false };
  const db = await openDatabase(config, (m) => console.error(m));
  try {
    await task(db);
  } finally {
    await db.close();
  }
}

/** Runs `main`, printing a failure's message (not its stack) and exiting non-zero. */
export function run(main: () => Promise<void>): void {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  });
}
