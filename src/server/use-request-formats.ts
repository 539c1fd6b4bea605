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
 * - A JSON body that is not JSON came back as yoga's "POST body sent invalid JSON." with the
 *   parser's own error in `extensions.originalError`; it is a 400 BAD_REQUEST saying what to send.
 * - A request accepting none of the formats yoga answers in (`accept: application/xml`) was run,
 *   a mutation's change made, and then answered 406 with an empty body: yoga chooses the format
 *   after the result (as it did for `application/json; charset=iso-8859-1`: yoga answers in utf-8
 *   only). It is refused before anything runs, in JSON, naming the formats; ranges weighted q=0 are
 *   taken out of the header first, which yoga did not read (it answered in application/json to
 *   `application/json;q=0, application/graphql-response+json`). On `/graphql/` too, which yoga serves.
 * - A CORS preflight (OPTIONS) to a server that allows no other origin (CORS_ORIGINS unset) reached
 *   the CSRF check and came back 403 CSRF_HEADER_REQUIRED, which named a header the browser cannot
 *   add to a preflight. It is answered as yoga answers one from an origin not listed when some are:
 *   204, without CORS headers, so the browser refuses the request itself.
 */
import { GraphQLError } from 'graphql';
import { type Plugin, shouldRenderGraphiQL } from 'graphql-yoga';
import { problemResponse } from './errors.js';

/** The formats yoga answers a query in (its result processors), in its order of preference. */
const ANSWER_TYPES = ['application/graphql-response+json', 'application/json', 'text/event-stream', 'multipart/mixed'];

/**
 * The media ranges of an Accept header as yoga reads them (graphql-yoga 5's
 * getMediaTypesForRequestInOrder: spaces dropped, lower case, split at commas), less those it
 * could not answer in or must not: a range with a charset other than utf-8 (yoga skips it), and one
 * weighted q=0, "not this" (RFC 9110, 12.4.2), which yoga does not read and answered in all the same.
 * `matching`: those of them that match one of ANSWER_TYPES (wildcards included).
 */
function acceptedRanges(accept: string): { usable: string[]; matching: string[] } {
  const usable = accept
    .replace(/\s/g, '')
    .toLowerCase()
    .split(',')
    .filter((range) => {
      const [, ...params] = range.split(';');
      const q = params.find((param) => param.startsWith('q='));
      if (q !== undefined && !(Number(q.slice(2)) > 0)) return false;
      return (params.find((param) => param.includes('charset=')) ?? 'charset=utf-8') === 'charset=utf-8';
    });
  const matching = usable.filter((range) => {
    const [type, subtype] = range.split(';')[0]!.split('/');
    return ANSWER_TYPES.some((answer) => {
      const [answerType, answerSubtype] = answer.split('/');
      return (type === '*' || type === answerType) && (subtype === '*' || subtype === answerSubtype);
    });
  });
  return { usable, matching };
}

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

/** What a JSON body should look like, for the words of a refusal. */
const EXAMPLE_BODY = '{"query": "{ __typename }"}';

function malformed(which: string, reason?: string): GraphQLError {
  return new GraphQLError(
    `The request's ${which} parameter is not valid JSON${reason ? ` (${reason})` : ''}: send an object, e.g. variables={"slug":"medical-assistant"}.`,
    { extensions: { code: 'BAD_REQUEST', http: { status: 400 } } },
  );
}

/**
 * `endpoint`: the GraphQL path, which yoga serves with a trailing slash too (other paths, the map's
 * and the exports', have formats of their own). `answerPreflights`: whether it answers preflights
 * (CORS off: with CORS on, yoga's CORS plugin does). `graphiql`: whether a browser asking for a page
 * gets GraphiQL (then its Accept is the page's, not the answer's).
 */
export function useRequestFormats(
  endpoint: string,
  { answerPreflights, graphiql }: { answerPreflights: boolean; graphiql: boolean },
): Plugin {
  return {
    onRequest({ request, url, endResponse, fetchAPI }) {
      const type = request.headers.get('content-type');
      const lower = type?.replace(/^[^;]*/, (mediaType) => mediaType.toLowerCase());
      if (type != null && lower !== type) request.headers.set('content-type', lower!);
      if (url.pathname !== endpoint && url.pathname !== `${endpoint}/`) return;
      const method = request.method.toUpperCase();
      if (method === 'OPTIONS' && answerPreflights) {
        endResponse(
          new fetchAPI.Response(null, { status: 204, headers: { allow: 'GET, POST, OPTIONS', 'content-length': '0' } }),
        );
        return;
      }
      const accept = request.headers.get('accept');
      // No header, or an empty one, is anything (yoga reads it as */*).
      if (method !== 'GET' && method !== 'POST') return;
      if (accept === null || accept.trim() === '' || (graphiql && shouldRenderGraphiQL(request))) return;
      const { usable, matching } = acceptedRanges(accept);
      if (matching.length === 0) {
        endResponse(
          problemResponse(
            fetchAPI,
            406,
            'NOT_ACCEPTABLE',
            `This API answers in ${ANSWER_TYPES.join(', ')} (charset utf-8), none of which the request accepts ` +
              `("${accept.slice(0, 100)}"): send accept: application/json, or leave the header out.`,
          ),
        );
        return;
      }
      // What yoga chooses from: without the ranges it would answer in though the client refused them.
      request.headers.set('accept', usable.join(','));
    },
    onRequestParse({ request, requestParser, setRequestParser }) {
      if (!requestParser) {
        if (request.method !== 'POST') return;
        const type = request.headers.get('content-type');
        const files = type?.startsWith('multipart/') ? ': this API takes no files' : '';
        throw new GraphQLError(
          `A POST must have the content-type application/json (or application/graphql, or application/x-www-form-urlencoded), not ${type ? `"${type.slice(0, 100)}"` : 'none'}${files}.`,
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
          // yoga's own error for a JSON body that is not JSON, its parser's error in its extensions.
          const inner = (error as { extensions?: { originalError?: { name?: unknown; message?: unknown } } }).extensions
            ?.originalError;
          if (req.method === 'POST' && inner?.name === 'SyntaxError' && typeof inner.message === 'string')
            throw new GraphQLError(
              // The parser's words up to where it quotes the body back ("Unexpected token 'o', "not json" is …").
              `The request's body is not valid JSON (${inner.message.replace(/, ".*$/s, '').slice(0, 120)}): send an object, e.g. ${EXAMPLE_BODY}.`,
              { extensions: { code: 'BAD_REQUEST', http: { status: 400 } } },
            );
          if (!(error instanceof SyntaxError)) throw error;
          const bad =
            req.method === 'GET' ? badParam(new URLSearchParams(req.url.slice(req.url.indexOf('?') + 1))) : undefined;
          throw bad ? malformed(`"${bad.name}"`, bad.reason) : malformed(`"variables" or "extensions"`);
        }
      });
    },
  };
}
