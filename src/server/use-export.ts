/**
 * GET /export/graph.graphml, /export/graph.gexf and /export/graph.csv (a zip of nodes.csv and
 * edges.csv): the lattice as files for networkx, igraph and Gephi (src/export). The caller is
 * identified as for GraphQL, so READ_REQUIRES_KEY closes these to anonymous callers too, and a bad
 * key is refused with 401 before anything is read.
 */
import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { Logger } from 'pino';
import { FORMATS, type GraphFormat, writeGraph } from '../export/formats.js';
import { readLattice } from '../export/lattice.js';
import type { Context } from '../schema/builder.js';
import { type ApiKeyVerifier, identifyCaller } from './use-auth.js';
import { problemResponse } from './errors.js';

export type ExportOptions = {
  keys: ApiKeyVerifier;
  readRequiresKey: boolean;
  /** The GraphQL context the lattice is read with, for the caller's key. */
  context: (apiKey: Context['apiKey']) => Context;
  logger: Logger;
};

const PATH = /^\/export\/graph\.(graphml|gexf|csv)$/;

/** Serves the lattice as GraphML, GEXF or zipped CSV. */
export function useExport({ keys, readRequiresKey, context, logger }: ExportOptions): Plugin {
  async function respond(request: Request, format: GraphFormat, fetchAPI: { Response: typeof Response }) {
    let apiKey: Context['apiKey'];
    try {
      apiKey = await identifyCaller(request, keys);
    } catch (error) {
      if (!(error instanceof GraphQLError)) throw error;
      return problemResponse(fetchAPI, 401, 'UNAUTHENTICATED', error.message, {
        'www-authenticate': 'Bearer realm="career-lattice"',
      });
    }
    if (readRequiresKey && !apiKey) {
      return problemResponse(
        fetchAPI,
        401,
        'UNAUTHENTICATED',
        'Reading needs an API key: send "Authorization: Bearer <key>".',
        {
          'www-authenticate': 'Bearer realm="career-lattice"',
        },
      );
    }
    const { extension, contentType } = FORMATS[format];
    const body = writeGraph(await readLattice(context(apiKey)), format);
    return new fetchAPI.Response(body, {
      status: 200,
      headers: {
        'content-type': contentType,
        'content-disposition': `attachment; filename="career-lattice.${extension}"`,
        'cache-control': 'no-store',
      },
    });
  }

  return {
    onRequest({ request, url, fetchAPI, endResponse }) {
      const match = PATH.exec(url.pathname);
      if (!match) return;
      if (request.method !== 'GET') {
        return endResponse(new fetchAPI.Response(null, { status: 405, headers: { allow: 'GET' } }));
      }
      return respond(request, match[1] as GraphFormat, fetchAPI).then(endResponse, (error: unknown) => {
        // The database or the pathway index is unavailable: a 503 the caller can retry, not a 500.
        logger.error({ err: error }, 'The graph export failed.');
        endResponse(
          problemResponse(
            fetchAPI,
            503,
            'SERVICE_UNAVAILABLE',
            'The graph cannot be read right now; try again shortly.',
          ),
        );
      });
    },
  };
}
