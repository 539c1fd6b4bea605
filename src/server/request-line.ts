/**
 * The one log line per request, written straight to the logger's destination in pino's own
 * format.
 *
 * `logger.info(fields, 'request')` walks the fields generically (own-property checks, serializer,
 * redaction and formatter lookups per key) and cost about 5% of the server's CPU per request for
 * a small lookup (docs/load-test.md). The request line always has the same keys, so here it is
 * put together from pino's own pieces, the level label, timestamp and bindings pino would write
 * itself (through `pino.symbols`, pino's documented way for integrations to reach them), and the
 * line is the one pino would produce: tests/server/request-line.test.ts holds the two equal.
 *
 * A logger that changes how objects are written (a mixin, a log formatter, hooks, redaction, a
 * serializer for one of these keys or the message, a nested key, a message prefix, a standard
 * level given another number, a destination that wants metadata) gets the fields through
 * `logger[level]` instead, so those still apply; so does every line while something subscribes
 * to pino's `pino_asJson` tracing channel (as pino itself checks), and every line if a future
 * pino no longer exports one of the symbols used here.
 */
import { tracingChannel } from 'node:diagnostics_channel';
import { type Logger, pino } from 'pino';

export type RequestLine = {
  requestId: string;
  method: string;
  path: string;
  status: number;
  durationMs: number;
  operationName?: string;
  operationType?: string;
  apiKey?: string;
  clientIp: string;
  cost?: number;
  errors?: string[];
};

/** The levels use-logging writes the line at. */
export type RequestLineLevel = 'debug' | 'info' | 'warn';
const LEVELS: readonly RequestLineLevel[] = ['debug', 'info', 'warn'];

/** In the order they are written. */
const KEYS = [
  'requestId',
  'method',
  'path',
  'status',
  'durationMs',
  'operationName',
  'operationType',
  'apiKey',
  'clientIp',
  'cost',
  'errors',
] as const satisfies readonly (keyof RequestLine)[];
/** Fails to compile if RequestLine gains a field KEYS does not write. */
const everyKeyWritten: Record<Exclude<keyof RequestLine, (typeof KEYS)[number]>, never> = {};
void everyKeyWritten;

const MESSAGE = 'request';

const symbols = {
  ...pino.symbols,
  // Not in pino's type declarations, but exported alongside the others.
  msgPrefixSym: (pino.symbols as unknown as Record<string, symbol>).msgPrefixSym!,
};
const USED = [
  'chindingsSym',
  'endSym',
  'errorKeySym',
  'formattersSym',
  'hooksSym',
  'lsCacheSym',
  'messageKeySym',
  'mixinSym',
  'msgPrefixSym',
  'needsMetadataGsym',
  'nestedKeySym',
  'serializersSym',
  'streamSym',
  'stringifiersSym',
  'timeSym',
] as const;
const symbolsPresent = USED.every((name) => typeof symbols[name] === 'symbol');

/** pino's own: it traces each line's serialisation here when anything subscribes. */
const asJsonChannel = tracingChannel('pino_asJson');

/** Whether `logger` writes a plain object exactly as it is, with nothing added or changed. */
export function writesPlainObjects(logger: Logger): boolean {
  if (!symbolsPresent) return false;
  const internals = logger as unknown as Record<symbol, unknown>;
  const formatters = internals[symbols.formattersSym] as { log?: unknown } | undefined;
  const hooks = internals[symbols.hooksSym] as { logMethod?: unknown; streamWrite?: unknown } | undefined;
  const serializers = (internals[symbols.serializersSym] ?? {}) as Record<string, unknown>;
  const stringifiers = (internals[symbols.stringifiersSym] ?? {}) as Record<string | symbol, unknown>;
  const stream = internals[symbols.streamSym] as ({ write?: unknown } & Record<symbol, unknown>) | undefined;
  const messageKey = internals[symbols.messageKeySym];
  const errorKey = internals[symbols.errorKeySym];
  return (
    typeof stream?.write === 'function' &&
    stream[symbols.needsMetadataGsym] !== true &&
    typeof internals[symbols.timeSym] === 'function' &&
    typeof internals[symbols.lsCacheSym] === 'object' &&
    typeof internals[symbols.chindingsSym] === 'string' &&
    typeof internals[symbols.endSym] === 'string' &&
    typeof messageKey === 'string' &&
    !serializers[messageKey] &&
    !(KEYS as readonly unknown[]).includes(errorKey) &&
    !internals[symbols.mixinSym] &&
    !internals[symbols.msgPrefixSym] &&
    !internals[symbols.nestedKeySym] &&
    !formatters?.log &&
    !hooks?.logMethod &&
    !hooks?.streamWrite &&
    Reflect.ownKeys(stringifiers).length === 0 &&
    KEYS.every((key) => !serializers[key]) &&
    // pino's methods for these levels write its standard numbers whatever customLevels says.
    LEVELS.every((level) => logger.levels.values[level] === pino.levels.values[level])
  );
}

/**
 * A function that logs one request's line at a level, the way `logger[level](line, 'request')`
 * would, including leaving it out at a level that is off. Callers that check the level first
 * (use-logging does, so as not to build the line at all) lose nothing: it is one comparison.
 */
export function requestLineWriter(logger: Logger): (level: RequestLineLevel, line: RequestLine) => void {
  const viaPino = (level: RequestLineLevel, line: RequestLine) => {
    if (logger.isLevelEnabled(level)) logger[level](line, MESSAGE);
  };
  if (!writesPlainObjects(logger)) return viaPino;
  const internals = logger as unknown as Record<symbol, unknown>;
  const stream = internals[symbols.streamSym] as { write(line: string): unknown };
  const ending =
    `,${JSON.stringify(internals[symbols.messageKeySym])}:${JSON.stringify(MESSAGE)}` +
    (internals[symbols.endSym] as string);
  return (level, line) => {
    if (asJsonChannel.hasSubscribers) return viaPino(level, line);
    if (!logger.isLevelEnabled(level)) return;
    // Read each time, as pino does: `setBindings` replaces the bindings.
    let text =
      (internals[symbols.lsCacheSym] as Record<number, string>)[logger.levels.values[level]!]! +
      (internals[symbols.timeSym] as () => string).call(logger) +
      (internals[symbols.chindingsSym] as string);
    for (const key of KEYS) {
      const value = line[key];
      // As pino: undefined values are left out; JSON.stringify writes non-finite numbers as null.
      if (value !== undefined) text += `,"${key}":${JSON.stringify(value)}`;
    }
    stream.write(text + ending);
  };
}
