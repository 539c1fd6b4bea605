/** Sends requests through a yoga app (no network) and reads back status, headers and JSON. */
import type { App } from '../../src/server/app.js';

export type Reply = {
  status: number;
  headers: Headers;
  body: { data?: any; errors?: { message: string; extensions?: Record<string, any> }[]; extensions?: any };
};

/** POSTs a GraphQL request as a JSON client would. */
export async function post(
  app: App,
  payload: { query?: string; variables?: Record<string, unknown>; extensions?: unknown; documentId?: string },
  headers: Record<string, string> = {},
): Promise<Reply> {
  const response = await app.fetch('http://localhost/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', ...headers },
    body: JSON.stringify(payload),
  });
  return { status: response.status, headers: response.headers, body: (await response.json()) as Reply['body'] };
}

/** The codes of a reply's errors. */
export const codes = (reply: Reply) => (reply.body.errors ?? []).map((e) => e.extensions?.code);
