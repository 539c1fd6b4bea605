/**
 * The pages the service serves itself: the map at /map and GraphiQL's code under
 * /static/graphiql/. Nothing is fetched from elsewhere, files are revalidated by ETag, and text
 * is gzipped for browsers that accept it.
 */
import { gunzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import type { PrismaClient } from '../../src/db/client.js';
import { type App, createApp } from '../../src/server/app.js';
import { testDatabase } from '../support/database.js';

let prisma: PrismaClient;
let app: App;

const get = (a: App, path: string, headers: Record<string, string> = {}) =>
  a.fetch(`http://localhost${path}`, { headers });
/**
 * Every URL a page's markup loads (src, and href but a link's to follow: the map's O*NET credit links
 * to O*NET and the licence), to check that none leaves the service.
 */
const loadedUrls = (html: string) =>
  [...html.matchAll(/<(\w+)\b[^>]*?\b(?:src|href)="([^"]+)"/g)].filter((m) => m[1] !== 'a').map((m) => m[2]!);

beforeAll(async () => {
  ({ prisma } = await testDatabase('seeded'));
  app = createApp({ prisma });
});

describe('the map’s files', () => {
  it('serves the page at /map, loading only its own files', async () => {
    const response = await get(app, '/map');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const html = await response.text();
    expect(html).toContain('<script src="/map/app.js"></script>');
    const external = loadedUrls(html).filter((u) => /^(https?:)?\/\//.test(u));
    expect(external).toEqual([]);
  });

  it('serves the bundle gzipped when asked, and 304 when the browser has it', async () => {
    const plain = await get(app, '/map/app.js');
    expect(plain.status).toBe(200);
    expect(plain.headers.get('content-type')).toBe('application/javascript; charset=utf-8');
    const body = new Uint8Array(await plain.arrayBuffer());
    expect(body.byteLength).toBeGreaterThan(100_000);
    const zipped = await get(app, '/map/app.js', { 'accept-encoding': 'gzip, br' });
    expect(zipped.headers.get('content-encoding')).toBe('gzip');
    const compressed = new Uint8Array(await zipped.arrayBuffer());
    expect(compressed.byteLength).toBeLessThan(body.byteLength / 2);
    expect(gunzipSync(compressed).equals(body)).toBe(true);
    const again = await get(app, '/map/app.js', { 'if-none-match': plain.headers.get('etag')! });
    expect(again.status).toBe(304);
    expect((await get(app, '/map/app.css')).headers.get('content-type')).toBe('text/css; charset=utf-8');
  });

  it('answers 404 for files it does not have and 405 for writes', async () => {
    expect((await get(app, '/map/secret.txt')).status).toBe(404);
    expect((await app.fetch('http://localhost/map', { method: 'POST' })).status).toBe(405);
  });
});

describe('GraphiQL without a CDN', () => {
  it('serves a page that loads GraphiQL from the service, with the example tabs', async () => {
    const response = await get(app, '/graphql', { accept: 'text/html' });
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).not.toMatch(/unpkg|jsdelivr|cdn/i);
    expect(loadedUrls(html).filter((u) => !u.startsWith('/static/graphiql/'))).toEqual([]);
    expect(html).toContain('query NextSteps');
    // The options are inlined as JSON in a script: a "<" must not be able to close it.
    expect(html.split('</script>').length - 1).toBe(html.split('<script').length - 1);
  });

  it('serves GraphiQL’s code and Monaco’s workers', async () => {
    for (const file of [
      'graphiql.js',
      'graphiql.css',
      'editorWorkerService.worker.js',
      'json.worker.js',
      'graphql.worker.js',
      'favicon.ico',
    ]) {
      const response = await get(app, `/static/graphiql/${file}`, { 'accept-encoding': 'gzip' });
      expect(response.status, file).toBe(200);
      expect((await response.arrayBuffer()).byteLength, file).toBeGreaterThan(1000);
    }
    expect((await get(app, '/static/graphiql/other.js')).status).toBe(404);
  });

  it('serves none of it with GRAPHIQL=false', async () => {
    const off = createApp({ prisma, config: { graphiql: false } });
    expect((await get(off, '/graphql', { accept: 'text/html' })).status).toBe(406);
    expect((await get(off, '/static/graphiql/graphiql.js')).status).toBe(404);
  });
});
