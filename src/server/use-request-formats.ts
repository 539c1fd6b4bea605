/**
 * Requests in a format yoga cannot read well, refused with a 4xx, a code and words, not a 500:
 *
 * - A GET request (or a form-encoded POST) carries `variables` and `extensions` as JSON text in its
 *   parameters. yoga's parser hands them to JSON.parse without a catch (graphql-yoga 5.24), so a
 *   malformed one came out as a 500 INTERNAL_SERVER_ERROR; the same mistake in a JSON body is a
 *   400. It is refused as the JSON body's is: 400 BAD_REQUEST, naming the parameter.
 * - A POST in a format no parser takes (multipart uploads are off: no field takes a file) was a
 *   415 with an empty body; it says what to send instead.
 * - Media types are case-insensitive (RFC 9110, 8.3.1), but yoga 5 matches `application/json`
 *   exactly: a client sending `Application/JSON` was refused with that 415. The type and subtype
 *   are read in lower case before yoga chooses its parser; the parameters are left as sent.
 */
import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';

const JSON_PARAMS = ['variables', 'extensions'] as const;

/** The first of the JSON parameters in `params` that is not JSON, and why; undefined when all are. */
function badParam(params: URLSearchParams): { name: string; reason: string } | undefined {
  for (const name of JSON_PARAMS) {
    const text = params.get(name);
    if (!text) continue;
    try {
      JSON.parse(text);
    } catch (error) {
      return { name, reason: error instanceof Error ? error.message : String(error) };
    }
  }
  return undefined;
}

function malformed(which: string, reason?: string): GraphQLError {
  return new GraphQLError(
    `The request's ${which} parameter is not valid JSON${reason ? ` (${reason})` : ''}: send an object, e.g. variables={"slug":"medical-assistant"}.`,
    { extensions: { code: 'BAD_REQUEST', http: { status: 400 } } },
  );
}

export function useRequestFormats(): Plugin {
  return {
    onRequest({ request }) {
      const type = request.headers.get('content-type');
      const lower = type?.replace(/^[^;]*/, (mediaType) => mediaType.toLowerCase());
      if (type != null && lower !== type) request.headers.set('content-type', lower!);
    },
    onRequestParse({ request, requestParser, setRequestParser }) {
      if (!requestParser) {
        if (request.method !== 'POST') return;
        const type = request.headers.get('content-type');
        throw new GraphQLError(
          `A POST must have the content-type application/json (or application/graphql, or application/x-www-form-urlencoded), not ${type ? `"${type.slice(0, 100)}"` : 'none'}: this API takes no files.`,
          { extensions: { code: 'UNSUPPORTED_MEDIA_TYPE', http: { status: 415 } } },
        );
      }
      // Parsed once, by yoga: only a JSON error from it is looked into. A GET's URL says which
      // parameter is wrong, read as yoga reads it (after the first "?", "#" included: `new URL`
      // would drop what follows one); a form-encoded body has been read by then.
      setRequestParser(async (req) => {
        try {
          return await requestParser(req);
        } catch (error) {
          if (!(error instanceof SyntaxError)) throw error;
          const bad =
            req.method === 'GET' ? badParam(new URLSearchParams(req.url.slice(req.url.indexOf('?') + 1))) : undefined;
          throw bad ? malformed(`"${bad.name}"`, bad.reason) : malformed(`"variables" or "extensions"`);
        }
      });
    },
  };
}
