/**
 * The career map's files (web/). `npm run build` writes them to dist/web beside the compiled
 * server, which serves those. Running from source (npm start, the tests) there is no such folder,
 * and the map is bundled in memory from web/ on first use, so a fresh clone serves a current map
 * with no build step to forget and no stale bundle to be fooled by.
 */
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type StaticAsset, staticAsset } from './static-assets.js';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'application/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};

type WebFile = { name: string; contents: Uint8Array };
type WebBuilder = { buildWeb(): Promise<WebFile[]> };

/** Where `npm run build` puts the map: dist/web, when this module runs as dist/server/map-assets.js. */
const prebuilt = fileURLToPath(new URL('../web/', import.meta.url));
/** The bundler, for running from source (a computed URL: it is not part of the compiled server). */
const builder = new URL('../../web/build.ts', import.meta.url).href;

async function readWebFiles(): Promise<WebFile[]> {
  if (existsSync(path.join(prebuilt, 'index.html'))) {
    const names = await readdir(prebuilt);
    return Promise.all(names.map(async (name) => ({ name, contents: await readFile(path.join(prebuilt, name)) })));
  }
  const { buildWeb } = (await import(builder)) as WebBuilder;
  return buildWeb();
}

let loading: Promise<Map<string, StaticAsset>> | undefined;

/** The map's files by name (index.html, app.js, app.css), read or built once per process. */
export function mapAssets(): Promise<Map<string, StaticAsset>> {
  loading ??= readWebFiles().then(
    (files) =>
      new Map(
        files
          .filter((f) => TYPES[path.extname(f.name)])
          .map((f) => [f.name, staticAsset(TYPES[path.extname(f.name)]!, f.contents)]),
      ),
  );
  // A failed build (say, web/ missing from an image) is tried again on the next request.
  loading.catch(() => (loading = undefined));
  return loading;
}
