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
 * serializer for one of these keys, a nested key, a destination that wants metadata) gets the
 * fields through `logger[level]` instead, so those still apply.
 */
import { type Level, type Logger, pino } from 'pino';

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

const MESSAGE = 'request';

/** pino's internals, reached through its exported symbols. */
type PinoInternals = {
  [key: symbol]: unknown;
};

const {
  chindingsSym,
  endSym,
  formattersSym,
  hooksSym,
  lsCacheSym,
  messageKeySym,
  mixinSym,
  msgPrefixSym,
  needsMetadataGsym,
  nestedKeySym,
  serializersSym,
  streamSym,
  stringifiersSym,
  timeSym,
} = pino.symbols as unknown as Record<string, symbol>;

/** Whether `logger` writes a plain object exactly as it is, with nothing added or changed. */
export function writesPlainObjects(logger: Logger): boolean {
  const internals = logger as unknown as PinoInternals;
  const formatters = internals[formattersSym!] as { log?: unknown } | undefined;
  const hooks = internals[hooksSym!] as { logMethod?: unknown; streamWrite?: unknown } | undefined;
  const serializers = (internals[serializersSym!] ?? {}) as Record<string, unknown>;
  const stringifiers = (internals[stringifiersSym!] ?? {}) as Record<string | symbol, unknown>;
  const stream = internals[streamSym!] as ({ write?: unknown } & Record<symbol, unknown>) | undefined;
  return (
    typeof stream?.write === 'function' &&
    stream[needsMetadataGsym!] !== true &&
    typeof internals[timeSym!] === 'function' &&
    typeof internals[lsCacheSym!] === 'object' &&
    typeof internals[chindingsSym!] === 'string' &&
    typeof internals[endSym!] === 'string' &&
    typeof internals[messageKeySym!] === 'string' &&
    !internals[mixinSym!] &&
    !internals[msgPrefixSym!] &&
    !internals[nestedKeySym!] &&
    !formatters?.log &&
    !hooks?.logMethod &&
    !hooks?.streamWrite &&
    Reflect.ownKeys(stringifiers).length === 0 &&
    KEYS.every((key) => !serializers[key])
  );
}

/**
 * A function that logs one request's line at a level, the way `logger[level](line, 'request')`
 * would. Built once per logger; it checks the level itself, so callers need not.
 */
export function requestLineWriter(logger: Logger): (level: Level, line: RequestLine) => void {
  if (!writesPlainObjects(logger)) {
    return (level, line) => {
      if (logger.isLevelEnabled(level)) logger[level](line, MESSAGE);
    };
  }
  const internals = logger as unknown as PinoInternals;
  const stream = internals[streamSym!] as { write(line: string): unknown };
  const ending = `,${JSON.stringify(internals[messageKeySym!])}:${JSON.stringify(MESSAGE)}${internals[endSym!] as string}`;
  return (level, line) => {
    if (!logger.isLevelEnabled(level)) return;
    // Read each time, as pino does: `setBindings` and a change of level labels replace them.
    const levelLabels = internals[lsCacheSym!] as Record<number, string>;
    let text =
      levelLabels[logger.levels.values[level]!]! +
      (internals[timeSym!] as () => string).call(logger) +
      (internals[chindingsSym!] as string);
    for (const key of KEYS) {
      const value = line[key];
      // As pino: undefined values are left out; JSON.stringify writes non-finite numbers as null.
      if (value !== undefined) text += `,"${key}":${JSON.stringify(value)}`;
    }
    stream.write(text + ending);
  };
}
