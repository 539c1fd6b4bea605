/** What the load-test scripts read from the environment, bounded so a typo cannot run for hours. */
import { DEFAULT_ADMIN_URL } from './database.js';

/** A whole number from 1 to `max` in `name`, or `fallback` when it is unset. */
export function intFromEnv(name: string, fallback: number, max: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > max) {
    throw new Error(`${name} must be a whole number from 1 to ${max} (got "${raw}").`);
  }
  return value;
}

/** The PostgreSQL server the throwaway bench database is created on. */
export const adminUrl = process.env.DATABASE_URL || DEFAULT_ADMIN_URL;
/** Concurrent connections of every measured run. @default 50 */
export const connections = intFromEnv('LOAD_CONNECTIONS', 50, 1000);

/** Progress lines go to stderr, so that stdout holds only the report. */
export const logger = (prefix: string) => (message: string) => console.error(`[${prefix}] ${message}`);
