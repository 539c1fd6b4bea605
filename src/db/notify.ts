/**
 * Change notifications between replicas: every write that changes the curated data sends a
 * NOTIFY in its transaction (delivered only if it commits); every server LISTENs and drops its
 * in-memory state (pathway index, caches) when one arrives.
 */
import pg from 'pg';

export const DATA_CHANGED_CHANNEL = 'career_lattice_data_changed';
/** Carries the hash of a revoked API key, for every replica to forget its cached verdict. */
const API_KEY_REVOKED_CHANNEL = 'career_lattice_api_key_revoked';

/** Something that can run SQL inside the writing transaction. */
type Executor = { $executeRawUnsafe(query: string, ...values: unknown[]): Promise<number> };

/** Queues a change notification; PostgreSQL delivers it when the transaction commits. */
export async function notifyDataChanged(tx: Executor, what: string): Promise<void> {
  await tx.$executeRawUnsafe('SELECT pg_notify($1, $2)', DATA_CHANGED_CHANNEL, what);
}

/** Queues a revocation notice for the key with this hash; delivered when the transaction commits. */
export async function notifyApiKeyRevoked(tx: Executor, keyHash: string): Promise<void> {
  await tx.$executeRawUnsafe('SELECT pg_notify($1, $2)', API_KEY_REVOKED_CHANNEL, keyHash);
}

export type Listener = { stop: () => Promise<void>; connected: () => boolean };

/**
 * Listens for data changes and API key revocations on a dedicated connection. If the connection
 * drops (database restart) it reconnects with back-off and calls `onChange` once reconnected,
 * since changes (and revocations) may have been missed in between.
 */
export function listenForDataChanges(
  url: string,
  onChange: (payload: string) => void,
  log: (message: string) => void = () => {},
  onKeyRevoked: (keyHash: string) => void = () => {},
): Listener {
  let client: pg.Client | undefined;
  let stopped = false;
  let connected = false;
  let timer: NodeJS.Timeout | undefined;

  const connect = async (attempt: number): Promise<void> => {
    if (stopped) return;
    const c = new pg.Client({ connectionString: url });
    c.on('notification', (message) =>
      message.channel === API_KEY_REVOKED_CHANNEL
        ? onKeyRevoked(message.payload ?? '')
        : onChange(message.payload ?? ''),
    );
    c.on('error', () => {
      // Handled by 'end' below; an unhandled 'error' would crash the process.
    });
    c.on('end', () => {
      connected = false;
      if (!stopped) {
        log('Change listener lost its database connection; reconnecting.');
        schedule(0);
      }
    });
    try {
      await c.connect();
      await c.query(`LISTEN ${DATA_CHANGED_CHANNEL}`);
      await c.query(`LISTEN ${API_KEY_REVOKED_CHANNEL}`);
      client = c;
      connected = true;
      if (attempt > 0) onChange('reconnected');
    } catch {
      await c.end().catch(() => {});
      schedule(attempt + 1);
    }
  };
  const schedule = (attempt: number) => {
    if (stopped) return;
    clearTimeout(timer);
    timer = setTimeout(() => void connect(attempt + 1), Math.min(200 * 2 ** attempt, 5_000));
  };

  void connect(0);
  return {
    connected: () => connected,
    stop: async () => {
      stopped = true;
      clearTimeout(timer);
      await client?.end().catch(() => {});
    },
  };
}
