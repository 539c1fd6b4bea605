/**
 * Works out what each query costs (query-cost.ts), refuses one that asks for more than the limit
 * with MAX_COST_EXCEEDED before it runs, and reports the cost in `extensions.cost` as Shopify
 * does: `requestedQueryCost`, `actualQueryCost` once it has run, and the caller's
 * `throttleStatus` when rate limiting is on (use-rate-limit.ts, which runs after this plugin).
 */
import { type ExecutionResult, GraphQLError } from 'graphql';
import type { Plugin, YogaInitialContext } from 'graphql-yoga';
import type { Context } from '../schema/builder.js';
import { maskUnexpectedErrors } from './errors.js';
import { priceRequest, type RequestPricing } from './query-cost.js';
import { requestState } from './request-state.js';

export type QueryCostOptions = {
  /** Highest requested cost a query may have. */
  maxCost: number;
  /** The same for a caller with a valid admin key (a whole dataset's import or export). @default maxCost */
  adminMaxCost?: number;
  /**
   * The most a query may come to once a list only its resolver can size is sized (reachableRoles:
   * priced at one item up front): what a caller may spend at once, a full rate-limit bucket.
   * @default 10 × maxCost
   */
  maxSized?: number;
};

const isResult = (value: unknown): value is ExecutionResult =>
  typeof value === 'object' && value !== null && !(Symbol.asyncIterator in value) && !Array.isArray(value);

/** Costs each operation before it runs, refuses it over `maxCost`, and reports the cost. */
export function useQueryCost({
  maxCost: anyoneMax,
  adminMaxCost = anyoneMax,
  maxSized: anyoneSized = 10 * anyoneMax,
}: QueryCostOptions): Plugin {
  return {
    onExecute({ args, setResultAndStopExecution }) {
      const context = args.contextValue as YogaInitialContext;
      const state = requestState(context.request);
      const variables = (args.variableValues ?? {}) as Record<string, unknown>;
      let pricing: RequestPricing;
      try {
        pricing = priceRequest(args.schema, args.document, args.operationName, variables, context);
      } catch (error) {
        // Arguments or variables the pricing cannot read (a malformed global ID, say): refused as
        // execution would refuse them, masked as its errors are. Nothing runs unpriced.
        const masked = maskUnexpectedErrors(error, 'Unexpected error.', false) as GraphQLError;
        // Refused before anything ran, so the answer has no data: a request error, which
        // application/graphql-response+json answers with 400, not 200 (GraphQL over HTTP).
        const refused =
          masked.extensions?.code === 'BAD_USER_INPUT'
            ? new GraphQLError(masked.message, {
                nodes: masked.nodes,
                path: masked.path,
                extensions: { ...masked.extensions, http: { status: 400 } },
              })
            : masked;
        setResultAndStopExecution({ errors: [refused] });
        return;
      }
      const { requested } = pricing;
      state.cost = { requested };
      const admin = state.apiKey?.scopes.includes('admin') ?? false;
      const maxCost = admin ? adminMaxCost : anyoneMax;
      if (requested > maxCost) {
        setResultAndStopExecution({
          errors: [
            new GraphQLError(
              `This query would cost ${requested} points, over the limit of ${maxCost}. ` +
                'Ask for fewer items (first/last, fewer IDs), fewer nested lists or fewer searches, or split it.',
              { extensions: { code: 'MAX_COST_EXCEEDED', maxCost, http: { status: 400 } } },
            ),
          ],
        });
        return;
      }
      // A list whose length only its resolver learns (reachableRoles: a search's result) was priced
      // at one item: told its length, it is refused before its items are read if the query would then
      // come to more than a caller may spend at once (an occupation's related occupations under each
      // of 1,000 occupations within reach asked 1,668 points and cost 39,854, 1.6 s). What every such
      // list adds counts together: two aliases could each stay just under the ceiling.
      const maxSized = Math.max(maxCost, admin ? Math.max(adminMaxCost, anyoneSized) : anyoneSized);
      let sized = requested;
      (context as Partial<Context>).listed = (info, items) => {
        const total = sized + pricing.withItems(info, items) - requested;
        if (total <= maxSized) {
          sized = total;
          return;
        }
        throw new GraphQLError(
          `${info.fieldName} found ${items} items: with what this query asks of each, it would cost ${total} points, more than the ${maxSized} a caller may spend at once. ` +
            'Ask for fewer fields of each item, or narrow the question.',
          { extensions: { code: 'MAX_COST_EXCEEDED', maxCost: maxSized, items } },
        );
      };
      return {
        onExecuteDone({ result }) {
          if (isResult(result) && result.data) {
            const actual = pricing.actual(result.data);
            state.cost = { requested, actual };
          }
        },
      };
    },
    onResultProcess({ request, result, setResult }) {
      const { cost, throttle } = requestState(request);
      if (!cost || !isResult(result)) return;
      const costs: { requestedQueryCost: number; actualQueryCost?: number; throttleStatus?: typeof throttle } = {
        requestedQueryCost: cost.requested,
      };
      if (cost.actual !== undefined) costs.actualQueryCost = cost.actual;
      if (throttle) costs.throttleStatus = throttle;
      setResult({ ...result, extensions: { ...result.extensions, cost: costs } });
    },
  };
}
