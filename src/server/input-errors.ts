/**
 * graphql-js reports a variable it cannot coerce (`$first: "x"` for an Int, a required variable
 * left out) or an argument it cannot read as an error without a code, repeating the bad value in
 * full; when a scalar's parser threw the cause, yoga's masking would take it for an unexpected
 * error. They are the client's doing: BAD_USER_INPUT, with the HTTP status yoga gives a validation
 * error (400, or 200 to a plain `application/json` client, as the GraphQL-over-HTTP spec says),
 * and long values clipped.
 */
import { GraphQLError } from 'graphql';
import { clipQuoted } from '../schema/errors.js';

/** graphql-js' messages about variables and arguments that do not fit their types. */
const COERCION = /^(Variable "\$|Argument ")/;

/** The client's error for a coercion error of graphql-js; undefined for any other error. */
export function coercionError(error: unknown): GraphQLError | undefined {
  if (!(error instanceof GraphQLError) || error.extensions?.code || !COERCION.test(error.message)) return undefined;
  // Thrown by graphql-js itself, or by a scalar's parser (whose message it repeats).
  const cause = error.originalError;
  if (cause && !(cause instanceof GraphQLError) && !(cause instanceof TypeError)) return undefined;
  return new GraphQLError(clipQuoted(error.message), {
    nodes: error.nodes,
    path: error.path,
    extensions: { code: 'BAD_USER_INPUT', http: { spec: true, status: 400 } },
  });
}
