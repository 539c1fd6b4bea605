/**
 * Keeps this replica's in-memory state in step with the database: it LISTENs for the change
 * notifications every write sends (src/db/notify.ts), then rebuilds the pathway index and forgets
 * cached API keys; a revoked key's notice drops that key's cached verdict. After a lost connection it reconnects by itself and refreshes once, since
 * changes may have been missed. Stops when the app is disposed.
 */
import type { Plugin } from 'graphql-yoga';
import type { Logger } from 'pino';
import { listenForDataChanges } from '../db/notify.js';

export type FreshnessOptions = {
  /** The database to listen on. */
  url: string;
  /** What to drop when the data changes. */
  onChange: () => void;
  /** What to drop when an API key is revoked (its hash). */
  onKeyRevoked: (keyHash: string) => void;
  logger: Logger;
};

/** Listens for changes from now until the app is disposed; `connected()` tells whether it is. */
export function useFreshness({
  url,
  onChange,
  onKeyRevoked,
  logger,
}: FreshnessOptions): Plugin & { connected: () => boolean } {
  const listener = listenForDataChanges(
    url,
    (payload) => {
      logger.info({ change: payload }, 'Data changed; refreshing the pathway index and caches.');
      onChange();
    },
    (message) => logger.warn(message),
    (keyHash) => {
      logger.info('An API key was revoked; forgetting it.');
      onKeyRevoked(keyHash);
    },
  );
  return {
    connected: listener.connected,
    onDispose: () => listener.stop(),
  };
}
