/**
 * The service's logger: pino's JSON lines on standard output, written in batches.
 *
 * pino's default destination writes each line with its own blocking write(2). At one line per
 * request that system call was the largest single cost of logging under load (docs/load-test.md).
 * Here lines are buffered and written asynchronously once 4 KiB have gathered, and at least every
 * FLUSH_MS (sonic-boom's `periodicFlush`), so a quiet service's lines still appear promptly; pino
 * writes whatever is buffered synchronously when the process exits. A crash that kills the process
 * outright (SIGKILL, an out-of-memory abort) can lose the last FLUSH_MS of lines: pino's documented
 * trade-off for asynchronous logging.
 */
import { type Logger, pino } from 'pino';

const FLUSH_MS = 200;

export function createLogger(level = 'info'): Logger {
  const destination = pino.destination({ dest: 1, sync: false, minLength: 4096, periodicFlush: FLUSH_MS });
  return pino({ name: 'career-lattice', level }, destination);
}
