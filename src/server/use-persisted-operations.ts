/**
 * Persisted-operations mode (PERSISTED_OPERATIONS_FILE): the file maps hashes to query texts;
 * anonymous callers may only run those, named by `extensions.persistedQuery.sha256Hash` (Apollo's
 * convention) or `documentId`; callers with a valid API key may still send any query.
 */
import { readFileSync } from 'node:fs';
import { usePersistedOperations } from '@graphql-yoga/plugin-persisted-operations';
import type { Plugin } from 'graphql-yoga';
import { requestState } from './request-state.js';

/** Reads the hash -> query map, refusing a file that is not one. */
function readPersistedOperations(file: string): Map<string, string> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`PERSISTED_OPERATIONS_FILE ${file} could not be read as JSON: ${(error as Error).message}`, {
      cause: error,
    });
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed))
    throw new Error(`PERSISTED_OPERATIONS_FILE ${file} must hold a JSON object of hash -> query.`);
  const entries = Object.entries(parsed);
  const bad = entries.find(([, query]) => typeof query !== 'string');
  if (bad) throw new Error(`PERSISTED_OPERATIONS_FILE ${file}: the entry "${bad[0]}" is not a query string.`);
  return new Map(entries as [string, string][]);
}

/** Serves the operations in `file`; only keyed callers may send others. */
export function usePersistedOperationsFile(file: string): Plugin {
  const operations = readPersistedOperations(file);
  return usePersistedOperations({
    getPersistedOperation: (id) => operations.get(id) ?? null,
    allowArbitraryOperations: (request) => requestState(request).apiKey !== null,
    extractPersistedOperationId: (params, request) => {
      const persisted = (params.extensions as { persistedQuery?: { sha256Hash?: unknown } } | undefined)
        ?.persistedQuery;
      if (typeof persisted?.sha256Hash === 'string') return persisted.sha256Hash;
      const documentId = (params as { documentId?: unknown }).documentId;
      if (typeof documentId === 'string') return documentId;
      return new URL(request.url).searchParams.get('documentId');
    },
    customErrors: {
      persistedQueryOnly: {
        message:
          'This server runs only persisted operations for callers without an API key: send ' +
          'extensions.persistedQuery.sha256Hash (or documentId) instead of a query, or an API key.',
        extensions: { code: 'PERSISTED_QUERY_ONLY', http: { status: 403 } },
      },
      notFound: {
        message: 'No persisted operation has that hash.',
        extensions: { code: 'PERSISTED_QUERY_NOT_FOUND', http: { status: 400 } },
      },
      keyNotFound: {
        message: 'Send a query, or the hash of a persisted operation in extensions.persistedQuery.sha256Hash.',
        extensions: { code: 'PERSISTED_QUERY_ID_REQUIRED', http: { status: 400 } },
      },
    },
  }) as Plugin;
}
