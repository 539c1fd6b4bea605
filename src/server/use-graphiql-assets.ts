/**
 * GraphiQL without a CDN. Yoga's default page loads GraphiQL's code from unpkg, so offline or
 * behind a college firewall it stays on "Loading..." for good. `@graphql-yoga/render-graphiql`
 * ships the same GraphiQL whole; its own page inlines all of it (about 9 MB of HTML on every
 * visit), so instead the page here is small and the code is served beside it under
 * /static/graphiql/, revalidated by ETag and gzipped (static-assets.ts).
 */
import type { GraphiQLOptions, Plugin } from 'graphql-yoga';
import { assetResponse, type StaticAsset, staticAsset } from './static-assets.js';

const PREFIX = '/static/graphiql/';
const JS = 'application/javascript; charset=utf-8';

type Bundle = typeof import('@graphql-yoga/render-graphiql/graphiql');
let assets: Promise<Map<string, StaticAsset>> | undefined;

/** GraphiQL's files by name, loaded on first use (they are large, and many servers never need them). */
function graphiqlAssets(): Promise<Map<string, StaticAsset>> {
  assets ??= import('@graphql-yoga/render-graphiql/graphiql').then(
    (b: Bundle) =>
      new Map([
        ['graphiql.js', staticAsset(JS, b.js)],
        ['graphiql.css', staticAsset('text/css; charset=utf-8', b.css)],
        // Monaco asks for a worker by label (getWorkerUrl below).
        ['editorWorkerService.worker.js', staticAsset(JS, b.editorWorkerService)],
        ['json.worker.js', staticAsset(JS, b.jsonWorker)],
        ['graphql.worker.js', staticAsset(JS, b.graphqlWorker)],
        ['favicon.ico', staticAsset('image/x-icon', Buffer.from(b.favicon.replace(/^data:[^,]*,/, ''), 'base64'))],
      ]),
  );
  return assets;
}

/** Serves GraphiQL's code under /static/graphiql/. */
export function useGraphiQLAssets(): Plugin {
  return {
    onRequest({ request, url, fetchAPI, endResponse }) {
      if (!url.pathname.startsWith(PREFIX) || (request.method !== 'GET' && request.method !== 'HEAD')) return;
      return graphiqlAssets().then((files) => {
        const asset = files.get(url.pathname.slice(PREFIX.length));
        endResponse(
          asset
            ? assetResponse(request, asset, fetchAPI)
            : new fetchAPI.Response('Not found\n', { status: 404, headers: { 'content-type': 'text/plain' } }),
        );
      });
    },
  };
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** JSON that can sit inside a <script> element (no `</script>` or `<!--` can close it early). */
const scriptJson = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c');

/** The GraphiQL page, for yoga's `renderGraphiQL` option: the same app, its code served locally. */
export function renderOfflineGraphiQL(options: GraphiQLOptions): string {
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>${escapeHtml(options.title ?? 'GraphiQL')}</title>
    <link rel="icon" href="${PREFIX}favicon.ico" />
    <link rel="stylesheet" href="${PREFIX}graphiql.css" />
    <style>
      /* The tab strip is a drag-to-reorder list whose items start with stale offsets: the first
         press on a tab moves the strip, so the click lands on another tab (or none) and the
         example tabs seem to open the wrong query. Without the offsets each tab opens its own. */
      .graphiql-tab { transform: none !important; }
    </style>
  </head>
  <body id="body" class="no-focus-outline">
    <noscript>GraphiQL needs JavaScript. Without it, send GraphQL requests as JSON to this URL.</noscript>
    <div id="root"></div>
    <script>
      self.MonacoEnvironment = {
        globalAPI: false,
        getWorkerUrl: function (moduleId, label) { return '${PREFIX}' + label + '.worker.js'; },
      };
    </script>
    <script src="${PREFIX}graphiql.js"></script>
    <script>
      YogaGraphiQL.renderYogaGraphiQL(document.querySelector('#root'), ${scriptJson(options)});
    </script>
  </body>
</html>
`;
}
