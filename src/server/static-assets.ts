/**
 * Files the service serves itself (the map's bundle, GraphiQL's code), so that both work offline
 * and behind firewalls that block CDNs. Each is kept in memory with its ETag and a gzipped copy:
 * a browser revalidates with `If-None-Match` and gets 304, and GraphiQL's 5 MB of code travels
 * as about 1.5 MB.
 */
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';

export type StaticAsset = {
  contentType: string;
  body: Uint8Array<ArrayBuffer>;
  etag: string;
  gzipped: Uint8Array<ArrayBuffer> | undefined;
};

const COMPRESSIBLE = /^(text\/|application\/(javascript|json|xml))|\+xml/;

/** Wraps a file's content for serving; text types smaller than a kilobyte are not compressed. */
export function staticAsset(contentType: string, content: string | Uint8Array): StaticAsset {
  const body = typeof content === 'string' ? new TextEncoder().encode(content) : new Uint8Array(content);
  const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
  const gzipped = COMPRESSIBLE.test(contentType) && body.byteLength > 1024 ? new Uint8Array(gzipSync(body)) : undefined;
  return { contentType, body, etag, gzipped };
}

/** The response for `asset`: 304 when the browser has it, gzipped when the browser accepts it. */
export function assetResponse(request: Request, asset: StaticAsset, fetchAPI: { Response: typeof Response }): Response {
  const headers: Record<string, string> = {
    'content-type': asset.contentType,
    etag: asset.etag,
    // Revalidate every time: a 304 is cheap, and a new deployment is seen at once.
    'cache-control': 'no-cache',
    vary: 'accept-encoding',
    'x-content-type-options': 'nosniff',
  };
  if (request.headers.get('if-none-match') === asset.etag) return new fetchAPI.Response(null, { status: 304, headers });
  const gzip = asset.gzipped && /\bgzip\b/.test(request.headers.get('accept-encoding') ?? '');
  if (gzip) headers['content-encoding'] = 'gzip';
  const body = gzip ? asset.gzipped! : asset.body;
  headers['content-length'] = String(body.byteLength);
  return new fetchAPI.Response(request.method === 'HEAD' ? null : body, { status: 200, headers });
}
