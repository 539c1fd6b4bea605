/**
 * Bundles the career map (web/src) with esbuild into three files: index.html, app.js, app.css.
 * Cytoscape.js and ELK are bundled in, so the page needs nothing but the service that serves it.
 *
 * `npm run build` runs this file to write dist/web/ beside the compiled server; running from
 * source (npm start, the tests), the server calls `buildWeb()` in memory on the first request for
 * the map instead (src/server/map-assets.ts).
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';

const here = import.meta.dirname;

export type WebFile = { name: string; contents: Uint8Array };

/** Builds the map's files; with `outdir`, also writes them there. */
export async function buildWeb(options: { outdir?: string } = {}): Promise<WebFile[]> {
  const result = await esbuild.build({
    entryPoints: { app: path.join(here, 'src/main.ts') },
    bundle: true,
    minify: true,
    format: 'iife',
    target: ['es2022'],
    platform: 'browser',
    outdir: 'out',
    write: false,
    legalComments: 'none',
    logLevel: 'silent',
    define: { 'process.env.NODE_ENV': '"production"' },
  });
  const files: WebFile[] = result.outputFiles.map((f) => ({ name: path.basename(f.path), contents: f.contents }));
  files.push({ name: 'index.html', contents: await readFile(path.join(here, 'index.html')) });
  if (options.outdir) {
    await mkdir(options.outdir, { recursive: true });
    for (const file of files) await writeFile(path.join(options.outdir, file.name), file.contents);
  }
  return files;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const outdir = path.resolve(process.argv[2] ?? path.join(here, '../dist/web'));
  const files = await buildWeb({ outdir });
  console.log(
    `Built the map into ${outdir}: ${files.map((f) => `${f.name} (${Math.round(f.contents.byteLength / 1024)} kB)`).join(', ')}`,
  );
}
