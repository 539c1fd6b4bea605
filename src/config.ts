/**
 * The service's configuration, read once from the environment. docs/operations.md lists every
 * variable; README.md the ones a first run needs.
 */
import path from 'node:path';
import { z } from 'zod';

const port = z.coerce.number().int().min(0).max(65535);
const count = z.coerce.number().int().min(0);
const positive = z.coerce.number().int().min(1);
const flag = (fallback: 'true' | 'false') =>
  z
    .enum(['true', 'false'])
    .default(fallback)
    .transform((v) => v === 'true');

/** `*`, or a comma-separated list of origins such as `https://advisor.example.org`. */
const origins = z
  .string()
  .optional()
  .transform((value, ctx): '*' | string[] => {
    const list = (value ?? '')
      .split(',')
      .map((o) => o.trim())
      .filter(Boolean);
    if (list.includes('*')) return '*';
    for (const origin of list) {
      let parsed: URL | undefined;
      try {
        parsed = new URL(origin);
      } catch {
        // not a URL: reported below
      }
      if (parsed?.origin !== origin) ctx.addIssue({ code: 'custom', message: `"${origin}" is not an origin` });
    }
    return list;
  });

const env = z
  .object({
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
    SEED_ON_START: flag('true'),
    /** Reading needs an API key too (writing always does). @default false */
    READ_REQUIRES_KEY: flag('false'),
    /** How long a verified (or refused) API key is remembered; a revocation notice drops it sooner. @default 30 */
    API_KEY_CACHE_SECONDS: count.default(30),
    /** Largest request body accepted, in bytes; larger ones get 413. @default 100000 */
    MAX_BODY_BYTES: positive.default(100_000),
    /** Largest request body from a caller with a valid admin key, in bytes: a whole dataset to import. @default 10000000 */
    ADMIN_MAX_BODY_BYTES: positive.default(10_000_000),
    /** Highest requested cost of one query from a caller with a valid admin key (a whole dataset's import or export). @default 1000000 */
    ADMIN_MAX_QUERY_COST: positive.default(1_000_000),
    /** Deepest selection nesting a query may have (Relay's edges/node count as levels). @default 12 */
    MAX_DEPTH: positive.default(12),
    /** Most aliases in one query. @default 15 */
    MAX_ALIASES: positive.default(15),
    /** Most lexical tokens in one query document. @default 2000 */
    MAX_TOKENS: positive.default(2000),
    /** Most directives in one query. @default 50 */
    MAX_DIRECTIVES: positive.default(50),
    /** Highest requested cost one query may have (docs/operations.md explains the cost). @default 3000 */
    MAX_QUERY_COST: positive.default(3000),
    /** Capacity of each caller's cost bucket; 0 turns rate limiting off. @default 10000 */
    RATE_LIMIT_POINTS: count.default(10_000),
    /** Points each bucket regains per second; 0 turns rate limiting off. @default 500 */
    RATE_LIMIT_RESTORE_PER_SECOND: count.default(500),
    /** Take the client address for rate limiting from X-Forwarded-For (behind a load balancer). @default false */
    TRUST_PROXY: flag('false'),
    /** JSON file mapping hashes to queries; when set, callers without a key may only send those. @default unset */
    PERSISTED_OPERATIONS_FILE: z.string().min(1).optional(),
    /** Origins browsers may call from: `*` or a comma-separated list. @default unset (same origin only) */
    CORS_ORIGINS: origins,
    /** Answer introspection queries. @default true */
    INTROSPECTION: flag('true'),
    /** Serve GraphiQL to browsers at /graphql. @default true */
    GRAPHIQL: flag('true'),
    /** Log level: fatal, error, warn, info, debug, trace or silent. @default "info" */
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    /** Cache responses to anonymous read queries for this many ms, cleared on every data change; 0 turns it off. @default 0 */
    RESPONSE_CACHE_TTL_MS: count.default(0),
    /** How long /ready waits for the database before reporting it unreachable, in ms. @default 1000 */
    READY_TIMEOUT_MS: positive.default(1000),
    /** How long a shutdown waits for in-flight requests before closing their connections, in ms. @default 10000 */
    SHUTDOWN_TIMEOUT_MS: count.default(10_000),
  })
  .refine((e) => e.RATE_LIMIT_POINTS === 0 || e.RATE_LIMIT_POINTS >= e.MAX_QUERY_COST, {
    path: ['RATE_LIMIT_POINTS'],
    message: 'must be 0 (off) or at least MAX_QUERY_COST, or a query within the limit could never run',
  });

/** What the HTTP layer needs (src/server); tests pass any of these to `createApp`. */
export type ServerConfig = {
  readRequiresKey: boolean;
  apiKeyCacheSeconds: number;
  maxBodyBytes: number;
  /** For callers with a valid admin key, who are also not rate limited. */
  adminMaxBodyBytes: number;
  adminMaxQueryCost: number;
  maxDepth: number;
  maxAliases: number;
  maxTokens: number;
  maxDirectives: number;
  maxQueryCost: number;
  /** 0 when rate limiting is off. */
  rateLimitPoints: number;
  rateLimitRestorePerSecond: number;
  trustProxy: boolean;
  persistedOperationsFile: string | undefined;
  /** `*` for any origin; an empty list for none (same origin only). */
  corsOrigins: '*' | string[];
  introspection: boolean;
  graphiql: boolean;
  readyTimeoutMs: number;
  /** 0 when the response cache is off. */
  responseCacheTtlMs: number;
};

export type Config = ServerConfig & {
  databaseUrl: string | undefined;
  port: number;
  host: string;
  embeddedDir: string;
  embeddedPort: number;
  seedOnStart: boolean;
  logLevel: z.infer<typeof env>['LOG_LEVEL'];
  shutdownTimeoutMs: number;
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
    readRequiresKey: e.READ_REQUIRES_KEY,
    apiKeyCacheSeconds: e.API_KEY_CACHE_SECONDS,
    maxBodyBytes: e.MAX_BODY_BYTES,
    adminMaxBodyBytes: Math.max(e.ADMIN_MAX_BODY_BYTES, e.MAX_BODY_BYTES),
    adminMaxQueryCost: Math.max(e.ADMIN_MAX_QUERY_COST, e.MAX_QUERY_COST),
    maxDepth: e.MAX_DEPTH,
    maxAliases: e.MAX_ALIASES,
    maxTokens: e.MAX_TOKENS,
    maxDirectives: e.MAX_DIRECTIVES,
    maxQueryCost: e.MAX_QUERY_COST,
    rateLimitPoints: e.RATE_LIMIT_RESTORE_PER_SECOND === 0 ? 0 : e.RATE_LIMIT_POINTS,
    rateLimitRestorePerSecond: e.RATE_LIMIT_RESTORE_PER_SECOND,
    trustProxy: e.TRUST_PROXY,
    persistedOperationsFile: e.PERSISTED_OPERATIONS_FILE && path.resolve(e.PERSISTED_OPERATIONS_FILE),
    corsOrigins: e.CORS_ORIGINS,
    introspection: e.INTROSPECTION,
    graphiql: e.GRAPHIQL,
    logLevel: e.LOG_LEVEL,
    readyTimeoutMs: e.READY_TIMEOUT_MS,
    responseCacheTtlMs: e.RESPONSE_CACHE_TTL_MS,
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
  };
}

/** The server settings when no variable is set. */
export const defaultServerConfig = (): ServerConfig => readConfig({});
