/** INTROSPECTION=false: a query that asks for `__schema` or `__type` fails validation (400). */
import { NoSchemaIntrospectionCustomRule } from 'graphql';
import type { Plugin } from 'graphql-yoga';

/** Adds graphql-js' NoSchemaIntrospectionCustomRule to validation. */
export function useNoIntrospection(): Plugin {
  return {
    onValidate({ addValidationRule }) {
      addValidationRule(NoSchemaIntrospectionCustomRule);
    },
  };
}
