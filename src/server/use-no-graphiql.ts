/**
 * GRAPHIQL=false: a browser asking /graphql for a page gets 406 and a line saying why, rather
 * than a GraphQL error about a missing query.
 */
import { type Plugin, shouldRenderGraphiQL } from 'graphql-yoga';

/** Answers browsers asking `endpoint` for a page with 406. */
export function useNoGraphiQL(endpoint: string): Plugin {
  return {
    onRequest({ request, url, endResponse, fetchAPI }) {
      if (url.pathname !== endpoint || !shouldRenderGraphiQL(request) || url.searchParams.has('query')) return;
      endResponse(
        new fetchAPI.Response('GraphiQL is turned off on this server. Send GraphQL requests as JSON.\n', {
          status: 406,
          headers: { 'content-type': 'text/plain; charset=utf-8' },
        }),
      );
    },
  };
}
