/** Sends GraphQL requests through the real yoga app (no network), as a client would. */
import type { PrismaClient } from '../../src/db/client.js';
import { type App, createApp } from '../../src/server/app.js';

export type GraphQLResponse<T = any> = {
  data?: T;
  errors?: { message: string; path?: string[]; extensions?: Record<string, unknown> }[];
};

export type Client = {
  app: App;
  query: <T = any>(query: string, variables?: Record<string, unknown>) => Promise<GraphQLResponse<T>>;
};

export function graphqlClient(prisma: PrismaClient): Client {
  const app = createApp({ prisma });
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
