/** Serves an app over node:http and stops it cleanly, letting in-flight requests finish. */
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { App } from './app.js';

export type Listening = {
  server: Server;
  url: string;
  /**
   * Stops accepting connections, closes idle ones, and resolves once the requests in flight have
   * been answered — or, after `drainMs`, closes their connections too. @default drainMs 10000
   */
  close: (drainMs?: number) => Promise<void>;
};

/** Listens on `host:port` (port 0 picks a free one) and resolves with the GraphQL URL. */
export async function listen(app: App, port: number, host: string): Promise<Listening> {
  // yoga answers each request itself, errors included; the promise it returns only says when.
  const server = createServer((request, response) => void app(request, response));
  // Longer than a load balancer's idle timeout (nginx keeps upstream connections 60 s), so that
  // the balancer, not this server, closes idle connections and never reuses one being closed.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  let closing = false;
  const inFlight = new Set<ServerResponse>();
  server.on('request', (_request, response: ServerResponse) => {
    inFlight.add(response);
    if (closing) response.setHeader('connection', 'close');
    response.once('close', () => inFlight.delete(response));
    // Once closing, a keep-alive connection whose request is done has nothing left to do.
    response.once('finish', () => closing && setImmediate(() => server.closeIdleConnections()));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const shownHost = host === '0.0.0.0' || host === '::' ? 'localhost' : host;
  return {
    server,
    url: `http://${shownHost}:${address.port}${app.graphqlEndpoint}`,
    close: (drainMs = 10_000) =>
      new Promise<void>((resolve) => {
        closing = true;
        for (const response of inFlight) if (!response.headersSent) response.setHeader('connection', 'close');
        const deadline = setTimeout(() => server.closeAllConnections(), drainMs);
        server.close(() => {
          clearTimeout(deadline);
          resolve();
        });
        server.closeIdleConnections();
      }),
  };
}
