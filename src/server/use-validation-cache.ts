/**
 * Validation results kept per parsed document, in place of yoga's own validation cache.
 *
 * yoga parses a repeated query once (its document cache hands back the same syntax tree) and
 * keeps the validation result too, but it finds that result under a key it rebuilds on every
 * request from the names of all validation rules: some thirty `rule.name` reads (a native
 * accessor in V8), a join and a string-keyed LRU lookup, about 1.5% of the server's CPU for a
 * small lookup (docs/load-test.md). The rules cannot be told apart by identity instead:
 * graphql-armor adds fresh rule functions on every request.
 *
 * Here the result is found by the schema and the document alone, which holds because every rule
 * this server validates with is added unconditionally by plugins configured once at start-up
 * (the armor limits, and the introspection ban when it is on): for one server, the rules are the
 * same on every request. As a guard, a result is reused only when the request has the same
 * number of rules as the one that produced it, so a plugin that one day adds a rule for some
 * requests only gets those validated afresh rather than answered from the wrong entry.
 *
 * Must come after every plugin that adds validation rules, so that it sees them all. Entries live
 * as long as their document does: yoga's document cache is bounded, and a document it drops takes
 * its entry with it.
 */
import type { DocumentNode, GraphQLSchema } from 'graphql';
import type { Plugin } from 'graphql-yoga';

/** A validation result (its errors; none when valid) and how many rules produced it. */
type Entry = { rules: number; result: readonly Error[] };

/** Reuses the validation result of a parsed document (yoga's own cache must be off). */
export function useValidationCache(): Plugin {
  const bySchema = new WeakMap<GraphQLSchema, WeakMap<DocumentNode, Entry>>();
  return {
    onValidate({ params: { schema, documentAST, rules }, setResult }) {
      // No schema, nothing to key by (yoga's own cache leaves it alone too).
      if (schema == null) return;
      let byDocument = bySchema.get(schema);
      if (!byDocument) {
        byDocument = new WeakMap();
        bySchema.set(schema, byDocument);
      }
      const count = rules?.length ?? 0;
      const cached = byDocument.get(documentAST);
      if (cached && cached.rules === count) {
        setResult(cached.result);
        return;
      }
      const documents = byDocument;
      return ({ result }) => {
        documents.set(documentAST, { rules: count, result });
      };
    },
  };
}
