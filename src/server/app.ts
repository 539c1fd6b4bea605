/** The GraphQL-over-HTTP application: graphql-yoga serving the schema with GraphiQL. */
import { createYoga, type YogaServerInstance } from 'graphql-yoga';
import type { PrismaClient } from '../db/client.js';
import type { Context } from '../schema/builder.js';
import { schema } from '../schema/index.js';
import { maskUnexpectedErrors } from './errors.js';
import { graphiqlTabs } from './graphiql.js';

export type AppOptions = {
  prisma: PrismaClient;
};

export type App = YogaServerInstance<Record<string, never>, Context>;

/** Builds the yoga app; it can serve through `node:http` or be called with `app.fetch` in tests. */
export function createApp({ prisma }: AppOptions): App {
  return createYoga<Record<string, never>, Context>({
    schema,
    context: () => ({ prisma }),
    graphqlEndpoint: '/graphql',
    landingPage: false,
    maskedErrors: { maskError: maskUnexpectedErrors },
    graphiql: async () => ({
      title: 'Career Lattice',
      defaultEditorToolsVisibility: true,
      defaultTabs: await graphiqlTabs(prisma),
    }),
  });
}
