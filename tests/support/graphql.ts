/** Sends GraphQL requests through the real yoga app (no network), as a client would. */
import { execute, parse } from 'graphql';
import type { ApiKeyIdentity } from '../../src/db/api-keys.js';
import type { PrismaClient } from '../../src/db/client.js';
import type { Context } from '../../src/schema/builder.js';
import { schema } from '../../src/schema/index.js';
import { GraphStore } from '../../src/server/graph-store.js';
import { type App, createApp } from '../../src/server/app.js';

export type GraphQLResponse<T = any> = {
  data?: T;
  errors?: { message: string; path?: string[]; extensions?: Record<string, unknown> }[];
  extensions?: Record<string, unknown>;
};

export type Client = {
  app: App;
  query: <T = any>(query: string, variables?: Record<string, unknown>) => Promise<GraphQLResponse<T>>;
};

export function graphqlClient(
  prisma: PrismaClient,
  graph?: GraphStore,
  config?: Parameters<typeof createApp>[0]['config'],
): Client {
  const app = createApp({ prisma, graph, config });
  return {
    app,
    query: async (query, variables) => {
      const response = await app.fetch('http://localhost/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
        body: JSON.stringify({ query, variables }),
      });
      return (await response.json()) as GraphQLResponse;
    },
  };
}

/**
 * Runs an operation directly against the schema as a given API-key holder, for tests of what the
 * schema does with an identity (the HTTP layer's key checking has tests of its own).
 */
export function clientAs(prisma: PrismaClient, apiKey: ApiKeyIdentity | null) {
  const graph = new GraphStore(prisma);
  return async <T = any>(query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse<T>> => {
    const result = await execute({
      schema,
      document: parse(query),
      variableValues: variables,
      contextValue: { prisma, graph, apiKey, mayRead: true } satisfies Context,
    });
    return JSON.parse(JSON.stringify(result)) as GraphQLResponse<T>;
  };
}
