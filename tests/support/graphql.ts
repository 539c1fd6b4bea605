/**
 * The GraphQL test client: every request goes through the real yoga app (`app.fetch`, no network)
 * as an HTTP client sends it, with the server's plugins, limits and checks in the way.
 */
import { createApiKey, type Scope } from '../../src/db/api-keys.js';
import type { PrismaClient } from '../../src/db/client.js';
import type { ServerConfig } from '../../src/config.js';
import { type App, createApp } from '../../src/server/app.js';
import { GraphStore } from '../../src/server/graph-store.js';
import { testDatabase } from './database.js';

type GraphQLResponse<T = any> = {
  data?: T;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, any> }[];
  extensions?: any;
};

/** What came back over HTTP. */
export type Reply<T = any> = { status: number; headers: Headers; body: GraphQLResponse<T> };

/** A POST body: an operation, or a persisted operation's id. */
export type Payload = {
  query?: string;
  variables?: Record<string, unknown>;
  operationName?: string;
  extensions?: unknown;
  documentId?: string;
};

/** POSTs a GraphQL request as a JSON client would. */
export async function post(
  app: App,
  payload: Payload | unknown[],
  headers: Record<string, string> = {},
): Promise<Reply> {
  const response = await app.fetch('http://localhost/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', ...headers },
    body: JSON.stringify(payload),
  });
  return { status: response.status, headers: response.headers, body: (await response.json()) as GraphQLResponse };
}

/** The codes of a reply's errors. */
export const codes = (reply: Reply) => (reply.body.errors ?? []).map((e) => e.extensions?.code);

export type Client = {
  app: App;
  /** Sends an operation and resolves with the response body. */
  query: <T = any>(query: string, variables?: Record<string, unknown>) => Promise<GraphQLResponse<T>>;
};

/** A client of an app with default settings (or these), sending `headers` with every request. */
export function graphqlClient(
  prisma: PrismaClient,
  graph?: GraphStore,
  headers: Record<string, string> = {},
  config?: Partial<ServerConfig>,
): Client {
  const app = createApp({ prisma, graph, config });
  return { app, query: async (query, variables) => (await post(app, { query, variables }, headers)).body };
}

/** A client holding a new API key of this name and scope. */
export async function keyedClient(
  prisma: PrismaClient,
  name: string,
  scope: Scope,
  config?: Partial<ServerConfig>,
): Promise<Client> {
  const key = await createApiKey(prisma, name, scope);
  return graphqlClient(prisma, undefined, { authorization: `Bearer ${key}` }, config);
}

/**
 * A client of a fresh seeded database whose pathway graph is already built, without the per-client
 * rate limit (for tests that send hundreds of queries; the limit has tests of its own).
 */
export async function seededClient(): Promise<Client> {
  const { prisma } = await testDatabase('seeded');
  const graph = new GraphStore(prisma);
  await graph.current();
  return graphqlClient(prisma, graph, {}, { rateLimitPoints: 0 });
}
