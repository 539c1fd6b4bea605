/**
 * Which errors reach the client. Errors raised on purpose are GraphQLErrors with a code and pass
 * through; Pothos' own validation errors at request time (a malformed global ID or cursor, an
 * unsupported mix of paging arguments) are the client's doing, so they become BAD_USER_INPUT;
 * everything else is masked by yoga as an unexpected error.
 */
import { PothosValidationError } from '@pothos/core';
import { GraphQLError } from 'graphql';
import { maskError, type YogaServerOptions } from 'graphql-yoga';

type MaskError = NonNullable<
  Exclude<YogaServerOptions<object, object>['maskedErrors'], boolean | undefined>['maskError']
>;

export const maskUnexpectedErrors: MaskError = (error, message, isDev) => {
  const original = error instanceof GraphQLError ? error.originalError : undefined;
  if (error instanceof GraphQLError && original instanceof PothosValidationError) {
    return new GraphQLError(original.message, {
      nodes: error.nodes,
      path: error.path,
      extensions: { code: 'BAD_USER_INPUT' },
    });
  }
  return maskError(error, message, isDev);
};
