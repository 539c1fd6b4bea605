/**
 * The GraphQL-over-HTTP application: graphql-yoga serving the schema with GraphiQL, hardened by
 * one small plugin per concern. A request meets them in this order: its state (request id,
 * client address), logging and metrics, /health, /ready and /metrics, the body limit (413), CSRF
 * (403), the API key (401), persisted operations (403), the document's shape limits and cost
 * (400), the rate limit (429), and only then execution. The map (/map), GraphiQL's code
 * (/static/graphiql/) and the graph exports (/export/) are answered before any of the GraphQL steps.
 */
import { useCSRFPrevention } from '@graphql-yoga/plugin-csrf-prevention';
import { createYoga, type Plugin, type YogaServerInstance } from 'graphql-yoga';
import { GraphQLError } from 'graphql';
import { type Logger, pino } from 'pino';
import { defaultServerConfig, type ServerConfig } from '../config.js';
import type { PrismaClient } from '../db/client.js';
import type { Context } from '../schema/builder.js';
import { schema } from '../schema/index.js';
import { corsFor } from './cors.js';
import { maskUnexpectedErrors } from './errors.js';
import { clearGraphiqlTabs, graphiqlTabs } from './graphiql.js';
import { GraphStore } from './graph-store.js';
import { requestState, type ServerContext, useRequestState } from './request-state.js';
import { ApiKeyVerifier, identifyCaller, useAuth } from './use-auth.js';
import { useBodyLimit } from './use-body-limit.js';
import { useExport } from './use-export.js';
import { useFreshness } from './use-freshness.js';
import { renderOfflineGraphiQL, useGraphiQLAssets } from './use-graphiql-assets.js';
import { useLogging, yogaLogger } from './use-logging.js';
import { useMap } from './use-map.js';
import { useMetrics } from './use-metrics.js';
import { useNoGraphiQL } from './use-no-graphiql.js';
import { useNoIntrospection } from './use-no-introspection.js';
import { usePersistedOperationsFile } from './use-persisted-operations.js';
import { useQueryCost } from './use-query-cost.js';
import { useQueryLimits } from './use-query-limits.js';
import { useRateLimit } from './use-rate-limit.js';
import { useReadiness } from './use-readiness.js';
import { useRequestFormats } from './use-request-formats.js';
import { ClearableCache, useAnonymousResponseCache } from './use-response-cache.js';

export type AppOptions = {
  prisma: PrismaClient;
  /** The pathway index; one is made from `prisma` when not given. */
  graph?: GraphStore;
  /** Settings that differ from the defaults (src/config.ts). */
  config?: Partial<ServerConfig>;
  /** Where request and error logs go. @default nowhere */
  logger?: Logger;
  /** LISTEN on this database for changes made through other replicas. @default not listening */
  listenUrl?: string;
};

export type App = YogaServerInstance<ServerContext, Context>;

const endpoint = '/graphql';
/** Any of these headers marks a GET (or form-encoded) request as one a browser would preflight. */
const CSRF_HEADERS = ['x-graphql-csrf', 'x-graphql-yoga-csrf', 'apollo-require-preflight'];

/**
 * yoga's CSRF check, refusing with a stable code and words that say what to send: its own error
 * has no code and names no header.
 */
function withCsrfCode(plugin: Plugin): Plugin {
  const check = plugin.onRequestParse!;
  return {
    onRequestParse(payload) {
      try {
        return check(payload);
      } catch (error) {
        if (!(error instanceof GraphQLError) || error.extensions.http?.status !== 403) throw error;
        throw new GraphQLError(
          'A request a browser may send without asking first (a GET, or a POST of content-type text/plain, ' +
            'application/x-www-form-urlencoded or multipart/form-data) must carry one of the headers ' +
            `${CSRF_HEADERS.join(', ')} (e.g. x-graphql-csrf: 1), so that a browser checks it with CORS first.`,
          { extensions: { code: 'CSRF_HEADER_REQUIRED', http: { status: 403 } } },
        );
      }
    },
  };
}

/** Whether a request carries a valid key with the admin scope (a bad key is refused later, with 401). */
async function isAdmin(request: Request, keys: ApiKeyVerifier): Promise<boolean> {
  try {
    return (await identifyCaller(request, keys))?.scopes.includes('admin') ?? false;
  } catch {
    return false;
  }
}

/** Builds the yoga app; it can serve through `node:http` or be called with `app.fetch` in tests. */
export function createApp({
  prisma,
  graph = new GraphStore(prisma),
  config: overrides,
  logger = pino({ level: 'silent' }),
  listenUrl,
}: AppOptions): App {
  const config: ServerConfig = { ...defaultServerConfig(), ...overrides };
  const keys = new ApiKeyVerifier(prisma, config.apiKeyCacheSeconds);
  const responses = new ClearableCache();
  const freshness = listenUrl
    ? useFreshness({
        url: listenUrl,
        logger,
        onChange: () => {
          graph.invalidate();
          keys.clear();
          responses.clear();
          clearGraphiqlTabs(prisma);
        },
        onKeyRevoked: (keyHash) => keys.forget(keyHash),
      })
    : undefined;
  const readContext = (apiKey: Context['apiKey']): Context => ({
    prisma,
    graph,
    apiKey,
    mayRead: !config.readRequiresKey || apiKey !== null,
  });
  const cors = corsFor(config.corsOrigins);
  const plugins: (Plugin<object, ServerContext> | false | undefined | '')[] = [
    useRequestState({ trustProxy: config.trustProxy }),
    useLogging(logger, endpoint),
    useMetrics({ prisma, graph, timeoutMs: config.readyTimeoutMs, endpoint }),
    useReadiness({ prisma, graph, timeoutMs: config.readyTimeoutMs, listening: freshness?.connected }),
    freshness,
    !config.graphiql && useNoGraphiQL(endpoint),
    config.graphiql && useGraphiQLAssets(),
    useMap(logger),
    useExport({ keys, readRequiresKey: config.readRequiresKey, context: readContext, logger }),
    // An admin key may send a whole dataset; anyone else, MAX_BODY_BYTES.
    useBodyLimit(config.maxBodyBytes, { limit: config.adminMaxBodyBytes, allows: (r) => isAdmin(r, keys) }),
    withCsrfCode(useCSRFPrevention({ requestHeaders: CSRF_HEADERS })),
    useRequestFormats(endpoint, { answerPreflights: cors === false, graphiql: config.graphiql }),
    useAuth(keys),
    config.persistedOperationsFile && usePersistedOperationsFile(config.persistedOperationsFile),
    !config.introspection && useNoIntrospection(),
    ...useQueryLimits({ ...config, blockFieldSuggestions: !config.introspection }),
    // Cost before the rate limit: the limit spends what the cost plugin works out.
    useQueryCost({
      maxCost: config.maxQueryCost,
      adminMaxCost: config.adminMaxQueryCost,
      // A full bucket: what a caller may spend at once (10 × MAX_QUERY_COST without rate limits).
      ...(config.rateLimitPoints > 0 && { maxSized: config.rateLimitPoints }),
    }),
    config.rateLimitPoints > 0 &&
      useRateLimit({ points: config.rateLimitPoints, restorePerSecond: config.rateLimitRestorePerSecond }),
    // Last, so that cached answers are still authenticated, limited and charged for.
    config.responseCacheTtlMs > 0 && useAnonymousResponseCache({ ttlMs: config.responseCacheTtlMs, cache: responses }),
  ];
  return createYoga<ServerContext, Context>({
    schema,
    context: ({ request }) => readContext(requestState(request).apiKey),
    graphqlEndpoint: endpoint,
    healthCheckEndpoint: '/health',
    landingPage: false,
    logging: yogaLogger(logger),
    maskedErrors: { maskError: maskUnexpectedErrors },
    // useBodyLimit enforces MAX_BODY_BYTES, chunked bodies included, at less cost than yoga's limit.
    maxRequestBodySize: false,
    // No field takes a file: a multipart request (GraphQL uploads) is refused, not parsed (yoga's
    // multipart parser answered 500 or a code-less 200 to some malformed ones).
    multipart: false,
    extraParamNames: ['documentId'],
    cors,
    renderGraphiQL: renderOfflineGraphiQL,
    graphiql: config.graphiql
      ? async () => ({
          title: 'Career Lattice',
          defaultEditorToolsVisibility: true,
          defaultTabs: await graphiqlTabs(prisma),
        })
      : false,
    plugins: plugins.filter((p) => !!p),
  });
}
