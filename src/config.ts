/**
 * The service's configuration, read once from the environment. README.md lists every variable.
 */
import path from 'node:path';
import { z } from 'zod';

const port = z.coerce.number().int().min(0).max(65535);

const env = z.object({
  /** PostgreSQL to use; when unset an embedded server is started under EMBEDDED_PG_DIR. */
  DATABASE_URL: z.string().url().optional(),
  /** HTTP port. @default 4000 */
  PORT: port.default(4000),
  /** Interface to listen on. @default "0.0.0.0" */
  HOST: z.string().default('0.0.0.0'),
  /** Where the embedded PostgreSQL keeps its data. @default "./.data/postgres" */
  EMBEDDED_PG_DIR: z.string().default('.data/postgres'),
  /** Port of the embedded PostgreSQL. @default 54329 */
  EMBEDDED_PG_PORT: port.default(54329),
  /** Load the curated dataset into an empty database at start. @default true */
  SEED_ON_START: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
});

export type Config = {
  databaseUrl: string | undefined;
  port: number;
  host: string;
  embeddedDir: string;
  embeddedPort: number;
  seedOnStart: boolean;
};

/** Reads and validates the configuration; a bad variable stops start-up with its name. */
export function readConfig(source: NodeJS.ProcessEnv = process.env): Config {
  const parsed = env.safeParse(source);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid configuration: ${problems}`);
  }
  const e = parsed.data;
  return {
    databaseUrl: e.DATABASE_URL,
    port: e.PORT,
    host: e.HOST,
    embeddedDir: path.resolve(e.EMBEDDED_PG_DIR),
    embeddedPort: e.EMBEDDED_PG_PORT,
    seedOnStart: e.SEED_ON_START,
  };
}
