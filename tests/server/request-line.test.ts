/**
 * The request log line is put together by hand (src/server/request-line.ts) for speed; it must be
 * exactly the line pino writes for `logger[level](fields, 'request')`, for any logger, and fall
 * back to pino wherever the logger changes how objects are written.
 */
import { tracingChannel } from 'node:diagnostics_channel';
import { type LoggerOptions, pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  type RequestLine,
  type RequestLineLevel,
  requestLineWriter,
  writesPlainObjects,
} from '../../src/server/request-line.js';

function capture(options: LoggerOptions = {}) {
  const lines: string[] = [];
  const logger = pino({ level: 'debug', ...options }, { write: (line: string) => void lines.push(line) });
  return { logger, lines };
}

/** Key order matters to a reader of the raw line, so entries are compared in order. */
const entries = (line: string) => Object.entries(JSON.parse(line) as Record<string, unknown>);

const full: RequestLine = {
  requestId: 'req-1',
  method: 'POST',
  path: '/graphql',
  status: 200,
  durationMs: 1.5,
  operationName: 'RoleBySlug',
  operationType: 'query',
  apiKey: 'advisor-portal',
  clientIp: '203.0.113.7',
  cost: 22,
  errors: ['NOT_FOUND', 'BAD_USER_INPUT'],
};

const cases: [string, RequestLine][] = [
  ['every field', full],
  [
    'the optional fields absent',
    { requestId: 'r', method: 'GET', path: '/graphql', status: 400, durationMs: 0, clientIp: 'unknown' },
  ],
  [
    'strings needing escapes',
    {
      ...full,
      requestId: 'a"b\\c',
      operationName: 'line\nbreak\ttab \u0001 control',
      apiKey: 'naïve – “quoted” 🚑',
      path: '/graphql/\u2028',
    },
  ],
  ['a non-finite number', { ...full, durationMs: Number.NaN, cost: Number.POSITIVE_INFINITY }],
  ['no errors listed', { ...full, errors: [] }],
];

// A fixed clock, so that the two lines can be compared character for character.
beforeAll(() => {
  vi.useFakeTimers({ now: new Date('2026-11-30T05:00:00.000Z'), toFake: ['Date'] });
});
afterAll(() => {
  vi.useRealTimers();
});

describe('request line', () => {
  const options: [string, LoggerOptions][] = [
    ['default bindings', {}],
    ['a name and base fields', { name: 'career-lattice', base: { pid: 1, hostname: 'h', region: 'eu' } }],
    ['no base and no time', { base: null, timestamp: false }],
    ['ISO time and CRLF line ends', { timestamp: pino.stdTimeFunctions.isoTime, crlf: true }],
    ['a custom timestamp and message key', { timestamp: () => ',"at":"x"', messageKey: 'message' }],
    ['level labels', { formatters: { level: (label) => ({ severity: label.toUpperCase() }) } }],
    ['bindings formatted', { formatters: { bindings: (b) => ({ host: b.hostname }) } }],
    ['an extra custom level', { customLevels: { audit: 35 } }],
    [
      'only custom levels, the standard ones among them',
      { customLevels: { debug: 20, info: 30, warn: 40, audit: 35 }, useOnlyCustomLevels: true },
    ],
  ];

  for (const [optionsName, loggerOptions] of options) {
    for (const [caseName, line] of cases) {
      for (const level of ['info', 'warn', 'debug'] as RequestLineLevel[]) {
        it(`matches pino's line (${optionsName}; ${caseName}; ${level})`, () => {
          const ours = capture(loggerOptions);
          const theirs = capture(loggerOptions);
          expect(writesPlainObjects(ours.logger)).toBe(true);
          requestLineWriter(ours.logger)(level, line);
          theirs.logger[level](line, 'request');
          expect(ours.lines).toHaveLength(1);
          expect(ours.lines[0]).toBe(theirs.lines[0]);
        });
      }
    }
  }

  it("writes a lone surrogate as valid JSON that reads back the same as pino's", () => {
    // pino (on Node.js before 25) leaves it raw, JSON.stringify escapes it: different characters,
    // the same value.
    const line = { ...full, operationName: 'broken \ud800 pair' };
    const ours = capture();
    const theirs = capture();
    requestLineWriter(ours.logger)('info', line);
    theirs.logger.info(line, 'request');
    expect(entries(ours.lines[0]!)).toEqual(entries(theirs.lines[0]!));
  });

  it('follows a child logger, and bindings set later', () => {
    const ours = capture();
    const theirs = capture();
    const [ourChild, theirChild] = [ours.logger.child({ replica: 'app-1' }), theirs.logger.child({ replica: 'app-1' })];
    const write = requestLineWriter(ourChild);
    write('info', full);
    theirChild.info(full, 'request');
    ourChild.setBindings({ replica: 'app-2' });
    theirChild.setBindings({ replica: 'app-2' });
    write('info', full);
    theirChild.info(full, 'request');
    expect(ours.lines).toEqual(theirs.lines);
    expect(ours.lines[1]).toContain('"replica":"app-2"');
  });

  it('writes nothing at a level that is off', () => {
    const { logger, lines } = capture({ level: 'warn' });
    const write = requestLineWriter(logger);
    write('info', full);
    write('debug', full);
    expect(lines).toEqual([]);
    write('warn', full);
    expect(lines).toHaveLength(1);
    logger.level = 'silent';
    write('warn', full);
    expect(lines).toHaveLength(1);
  });

  it("leaves the line to pino while something subscribes to pino's tracing channel", () => {
    const { logger, lines } = capture();
    const write = requestLineWriter(logger);
    const traced: unknown[] = [];
    const channel = tracingChannel('pino_asJson');
    const noop = () => {};
    const handlers = {
      start: (message: unknown) => void traced.push(message),
      end: noop,
      asyncStart: noop,
      asyncEnd: noop,
      error: noop,
    };
    channel.subscribe(handlers);
    try {
      write('info', full);
    } finally {
      channel.unsubscribe(handlers);
    }
    write('info', full);
    expect(lines).toHaveLength(2);
    expect(traced).toHaveLength(1);
  });

  const changed: [string, LoggerOptions, (line: Record<string, unknown>) => void][] = [
    ['redaction', { redact: ['clientIp'] }, (l) => expect(l.clientIp).toBe('[Redacted]')],
    ['a mixin', { mixin: () => ({ service: 'x' }) }, (l) => expect(l.service).toBe('x')],
    [
      'a log formatter',
      { formatters: { log: (o) => ({ ...o, formatted: true }) } },
      (l) => expect(l.formatted).toBe(true),
    ],
    [
      'a serializer for one of the keys',
      { serializers: { path: () => 'hidden' } },
      (l) => expect(l.path).toBe('hidden'),
    ],
    [
      'a serializer for the message',
      { serializers: { msg: (m: string) => m.toUpperCase() } },
      (l) => expect(l.msg).toBe('REQUEST'),
    ],
    [
      'one of the keys as its error key',
      { errorKey: 'errors', serializers: { err: () => 'serialised' } },
      (l) => expect(l.errors).toBe('serialised'),
    ],
    ['a nested key', { nestedKey: 'request' }, (l) => expect(l.request).toMatchObject({ path: '/graphql' })],
    ['a message prefix', { msgPrefix: '[api] ' }, (l) => expect(l.msg).toBe('[api] request')],
    ['a standard level given another number', { customLevels: { info: 35 } }, (l) => expect(l.level).toBe(30)],
    [
      'a logMethod hook',
      {
        hooks: {
          logMethod(args, method) {
            method.apply(this, [{ ...(args[0] as object), hooked: 1 }, args[1]]);
          },
        },
      },
      (l) => expect(l.hooked).toBe(1),
    ],
    [
      'a streamWrite hook',
      { hooks: { streamWrite: (s) => s.replace('"msg":', '"hooked":1,"msg":') } },
      (l) => expect(l.hooked).toBe(1),
    ],
  ];
  for (const [name, loggerOptions, check] of changed) {
    it(`leaves the line to pino for a logger with ${name}`, () => {
      const { logger, lines } = capture(loggerOptions);
      expect(writesPlainObjects(logger)).toBe(false);
      requestLineWriter(logger)('info', full);
      expect(lines).toHaveLength(1);
      check(JSON.parse(lines[0]!) as Record<string, unknown>);
    });
  }

  it('leaves the line to pino for a multistream destination, which routes lines by level', () => {
    const quiet: string[] = [];
    const loud: string[] = [];
    const logger = pino(
      { level: 'debug' },
      pino.multistream([
        { level: 'debug', stream: { write: (l: string) => void quiet.push(l) } },
        { level: 'warn', stream: { write: (l: string) => void loud.push(l) } },
      ]),
    );
    expect(writesPlainObjects(logger)).toBe(false);
    const write = requestLineWriter(logger);
    write('info', full);
    write('warn', full);
    expect([quiet.length, loud.length]).toEqual([2, 1]);
    expect(JSON.parse(loud[0]!)).toMatchObject({ level: 40, msg: 'request', requestId: 'req-1' });
  });
});
