/**
 * Which errors reach the client. Errors raised on purpose are GraphQLErrors with a code and pass
 * through; Pothos' own validation errors at request time (a malformed global ID or cursor, an
 * unsupported mix of paging arguments) are the client's doing, so they become BAD_USER_INPUT;
 * a database that cannot be reached becomes DATABASE_UNAVAILABLE (HTTP 503, worth retrying);
 * everything else is masked by yoga as an unexpected error.
 */
import { PothosValidationError } from '@pothos/core';
import { GraphQLError, Kind } from 'graphql';
import { maskError, type YogaServerOptions } from 'graphql-yoga';
import { isDatabaseUnavailable } from './database-unavailable.js';
import { coercionError } from './input-errors.js';

type MaskError = NonNullable<
  Exclude<YogaServerOptions<object, object>['maskedErrors'], boolean | undefined>['maskError']
>;

/** Seconds a client should wait before retrying while the database is away. */
const RETRY_AFTER_SECONDS = 5;

/** The error a client sees while the database cannot be reached. */
function databaseUnavailable(error?: GraphQLError): GraphQLError {
  return new GraphQLError('The database is unavailable at the moment; please retry shortly.', {
    nodes: error?.nodes,
    path: error?.path,
    extensions: {
      code: 'DATABASE_UNAVAILABLE',
      http: { status: 503, headers: { 'retry-after': String(RETRY_AFTER_SECONDS) } },
    },
  });
}

/** graphql-js' refusal of an operation type the schema has no root for (a subscription): it carries no code. */
const UNSUPPORTED_OPERATION = /^Schema is not configured to execute (subscription|mutation|query) operation\.$/;

/** yoga's `maskError`: keeps deliberate errors, maps the client's and the database's, masks the rest. */
export const maskUnexpectedErrors: MaskError = (error, message, isDev) => {
  const coercion = coercionError(error);
  if (coercion) return coercion;
  if (error instanceof GraphQLError && !error.originalError && !error.extensions?.code) {
    const unsupported = UNSUPPORTED_OPERATION.exec(error.message);
    if (unsupported)
      return new GraphQLError(`This API has no ${unsupported[1]}s: send a query or a mutation.`, {
        nodes: error.nodes,
        extensions: { code: 'OPERATION_NOT_SUPPORTED', http: { status: 400 } },
      });
  }
  const original = error instanceof GraphQLError ? error.originalError : undefined;
  // Thrown in a resolver (then wrapped) or while pricing the query (use-query-cost.ts).
  const pothos = error instanceof PothosValidationError ? error : original;
  if (error instanceof GraphQLError && pothos instanceof PothosValidationError) {
    // Refused in a field's arguments (a malformed global ID): the argument is named, as every other
    // refusal names it, where the field has only one (node's id, nodes' ids).
    const field = error.path ? error.nodes?.[0] : undefined;
    const only =
      field?.kind === Kind.FIELD && field.arguments?.length === 1 ? field.arguments[0]!.name.value : undefined;
    return new GraphQLError(pothos.message, {
      nodes: error.nodes,
      path: error.path,
      extensions: { code: 'BAD_USER_INPUT', ...(only ? { argument: only } : {}) },
    });
  }
  // Errors raised on purpose keep their code even if a database error is their cause.
  const deliberate = error instanceof GraphQLError && !original && error.extensions?.code;
  if (!deliberate && isDatabaseUnavailable(error)) {
    return databaseUnavailable(error instanceof GraphQLError ? error : undefined);
  }
  return maskError(error, message, isDev);
};

/**
 * A refusal answered before GraphQL runs (an export, a request in a form the API cannot answer), in
 * the shape of a GraphQL error response and in JSON, whatever the request accepts.
 */
export const problemResponse = (
  fetchAPI: { Response: typeof Response },
  status: number,
  code: string,
  message: string,
  headers: Record<string, string> = {},
) =>
  new fetchAPI.Response(JSON.stringify({ errors: [{ message, extensions: { code } }] }), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
  });
