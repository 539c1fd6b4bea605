/**
 * Shape limits on query documents, by graphql-armor: nesting depth (Relay's edges/node count as
 * levels, hence 12), aliases, directives and tokens. Cost is limited by use-query-cost.ts, whose
 * weights know the schema; armor's own cost rule does not, so it is off. A refused query gets
 * HTTP 400 with code QUERY_TOO_COMPLEX and nothing runs.
 */
import { EnvelopArmorPlugin } from '@escape.tech/graphql-armor';
import { GraphQLError, type ValidationContext } from 'graphql';
import type { Plugin } from 'graphql-yoga';

export type QueryLimits = {
  maxDepth: number;
  maxAliases: number;
  maxTokens: number;
  maxDirectives: number;
  /** Hide "Did you mean ...?" hints; worth it only when the schema itself is hidden. */
  blockFieldSuggestions: boolean;
};

const tooComplex = (error: GraphQLError) =>
  new GraphQLError(error.message.replace(/^Syntax Error: /, ''), { extensions: { code: 'QUERY_TOO_COMPLEX' } });

/** Reports a rejection as a validation error with a code instead of throwing. */
const report = {
  propagateOnRejection: false,
  onReject: [(context: ValidationContext | null, error: GraphQLError) => context?.reportError(tooComplex(error))],
};

/** graphql-armor with these limits, its refusals carrying the code QUERY_TOO_COMPLEX. */
export function useQueryLimits(limits: QueryLimits): Plugin[] {
  const armor = EnvelopArmorPlugin({
    maxDepth: { n: limits.maxDepth, ignoreIntrospection: true, ...report },
    maxAliases: { n: limits.maxAliases, ...report },
    maxDirectives: { n: limits.maxDirectives, ...report },
    maxTokens: { n: limits.maxTokens },
    costLimit: { enabled: false },
    blockFieldSuggestion: { enabled: limits.blockFieldSuggestions },
  });
  const tokenLimitCode: Plugin = {
    // The token limit stops the parser, so its error arrives as a parse result.
    onParse:
      () =>
      ({ result, replaceParseResult }) => {
        if (result instanceof GraphQLError && /Token limit/.test(result.message))
          replaceParseResult(tooComplex(result));
      },
  };
  return [armor as Plugin, tokenLimitCode];
}
