/**
 * The request log line is put together by hand (src/server/request-line.ts) for speed; it must be
 * exactly the line pino writes for `logger[level](fields, 'request')`, for any logger, and fall
 * back to pino wherever the logger changes how objects are written.
 */
import { type Level, type LoggerOptions, pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { type RequestLine, requestLineWriter, writesPlainObjects } from '../../src/server/request-line.js';

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

describe('request line', () => {
  const options: [string, LoggerOptions][] = [
    ['default bindings', {}],
    ['a name and base fields', { name: 'career-lattice', base: { pid: 1, hostname: 'h', region: 'eu' } }],
    ['no base and no time', { base: null, timestamp: false }],
    ['a custom timestamp and message key', { timestamp: () => ',"at":"x"', messageKey: 'message' }],
    ['level labels', { formatters: { level: (label) => ({ severity: label.toUpperCase() }) } }],
  ];

  for (const [optionsName, loggerOptions] of options) {
    for (const [caseName, line] of cases) {
      for (const level of ['info', 'warn', 'debug'] as Level[]) {
        it(`matches pino's line (${optionsName}; ${caseName}; ${level})`, () => {
          // Fixed time, so that the two lines can be compared character for character.
          const fixedTime = loggerOptions.timestamp ?? (() => ',"time":1700000000000');
          const ours = capture({ ...loggerOptions, timestamp: fixedTime });
          const theirs = capture({ ...loggerOptions, timestamp: fixedTime });
          expect(writesPlainObjects(ours.logger)).toBe(true);
          requestLineWriter(ours.logger)(level, line);
          theirs.logger[level](line, 'request');
          expect(ours.lines).toHaveLength(1);
          expect(entries(ours.lines[0]!)).toEqual(entries(theirs.lines[0]!));
          // The same characters too, unless pino escaped a string its own (equally valid) way.
          if (caseName !== 'strings needing escapes') expect(ours.lines[0]).toBe(theirs.lines[0]);
        });
      }
    }
  }

  it('follows a child logger, and bindings set later', () => {
    const { logger, lines } = capture({ timestamp: false });
    const child = logger.child({ replica: 'app-1' });
    const write = requestLineWriter(child);
    write('info', full);
    child.setBindings({ replica: 'app-2' });
    write('info', full);
    expect(lines.map((l) => (JSON.parse(l) as { replica: string }).replica)).toEqual(['app-1', 'app-2']);
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
    ['a nested key', { nestedKey: 'request' }, (l) => expect(l.request).toMatchObject({ path: '/graphql' })],
    ['a message prefix', { msgPrefix: '[api] ' }, (l) => expect(l.msg).toBe('[api] request')],
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
});
