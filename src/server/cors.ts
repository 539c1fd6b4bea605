/**
 * Which browser origins may call the API (CORS_ORIGINS). None by default: GraphiQL, served from
 * the API's own origin, needs no CORS. Keys travel in the Authorization header, never cookies,
 * so credentials are not allowed.
 */
import type { YogaServerOptions } from 'graphql-yoga';

type Cors = YogaServerOptions<object, object>['cors'];

/** The yoga `cors` option for CORS_ORIGINS: `*`, a list, or none. */
export function corsFor(origins: '*' | readonly string[]): Cors {
  if (origins !== '*' && origins.length === 0) return false;
  const allowed = {
    methods: ['GET', 'POST'],
    allowedHeaders: ['content-type', 'authorization', 'x-graphql-csrf', 'x-request-id'],
    exposedHeaders: ['x-request-id', 'retry-after'],
    credentials: false,
    maxAge: 600,
  };
  return (request: Request) => {
    const origin = request.headers.get('origin');
    if (!origin || (origins !== '*' && !origins.includes(origin))) return false;
    return { ...allowed, origin: [origin] };
  };
}
