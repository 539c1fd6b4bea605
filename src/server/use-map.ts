/**
 * GET /map: the career map, a page for advisors and students (web/, docs/decisions/007). It is a
 * client of the public GraphQL API like any other, so it needs nothing here but its files.
 */
import type { Plugin } from 'graphql-yoga';
import type { Logger } from 'pino';
import { mapAssets } from './map-assets.js';
import { assetResponse } from './static-assets.js';

const PREFIX = '/map';

/** Serves the map's page at /map and its code under /map/. */
export function useMap(logger: Logger): Plugin {
  return {
    onRequest({ request, url, fetchAPI, endResponse }) {
      const { pathname } = url;
      if (pathname !== PREFIX && !pathname.startsWith(`${PREFIX}/`)) return;
      if (request.method !== 'GET' && request.method !== 'HEAD') {
        return endResponse(new fetchAPI.Response(null, { status: 405, headers: { allow: 'GET, HEAD' } }));
      }
      const name = pathname === PREFIX || pathname === `${PREFIX}/` ? 'index.html' : pathname.slice(PREFIX.length + 1);
      return mapAssets().then(
        (files) => {
          const asset = files.get(name);
          endResponse(
            asset
              ? assetResponse(request, asset, fetchAPI)
              : new fetchAPI.Response('Not found\n', { status: 404, headers: { 'content-type': 'text/plain' } }),
          );
        },
        (error: unknown) => {
          logger.error({ err: error }, 'The map could not be built.');
          endResponse(
            new fetchAPI.Response('The map is not available: its files were not built (npm run build).\n', {
              status: 503,
              headers: { 'content-type': 'text/plain; charset=utf-8' },
            }),
          );
        },
      );
    },
  };
}
