/**
 * Validation results reused per parsed document (src/server/use-validation-cache.ts): a repeated
 * document is validated once, yet every repetition gets the same verdict, each server keeps its
 * own rules, and a request with a different set of rules is validated afresh.
 */
import { type DocumentNode, parse, specifiedRules, validate, type ValidationRule } from 'graphql';
import { envelop, type Plugin } from 'graphql-yoga';
import { beforeAll, describe, expect, it } from 'vitest';
import type { PrismaClient } from '../../src/db/client.js';
import { schema } from '../../src/schema/index.js';
import { createApp } from '../../src/server/app.js';
import { useValidationCache } from '../../src/server/use-validation-cache.js';
import { testDatabase } from '../support/database.js';
import { codes, post } from './request.js';

let prisma: PrismaClient;

beforeAll(async () => {
  ({ prisma } = await testDatabase('seeded'));
});

/** An envelop with the cache, counting how often validation really runs. */
function counted(extra: Plugin[] = []) {
  let runs = 0;
  const engine: Plugin = {
    onValidate({ setValidationFn }) {
      setValidationFn((...args: Parameters<typeof validate>) => {
        runs++;
        return validate(...args);
      });
    },
  };
  const getEnveloped = envelop({ plugins: [engine, ...extra, useValidationCache()] });
  return {
    validate: (document: DocumentNode, rules: readonly ValidationRule[] = specifiedRules) =>
      getEnveloped().validate(schema, document, rules),
    runs: () => runs,
  };
}

describe('the validation cache', () => {
  it('validates a parsed document once and gives every repetition the same result', () => {
    const cache = counted();
    const good = parse('{ tracks { slug } }');
    const bad = parse('{ tracks { nope } }');
    expect(cache.validate(good)).toEqual([]);
    expect(cache.validate(good)).toEqual([]);
    expect(cache.runs()).toBe(1);
    const first = cache.validate(bad);
    expect(first).toHaveLength(1);
    expect(first[0]!.message).toMatch(/^Cannot query field "nope" on type "Track"/);
    expect(cache.validate(bad)).toBe(first);
    expect(cache.runs()).toBe(2);
    // Another parse of the same text is another document: validated on its own.
    expect(cache.validate(parse('{ tracks { slug } }'))).toEqual([]);
    expect(cache.runs()).toBe(3);
  });

  it('validates afresh when a request has other rules than the cached result had', () => {
    // A plugin that adds a rule to some requests only (here: every other one).
    let calls = 0;
    const sometimes: Plugin = {
      onValidate({ addValidationRule }) {
        if (calls++ % 2 === 1) addValidationRule(() => ({}));
      },
    };
    const cache = counted([sometimes]);
    const document = parse('{ tracks { slug } }');
    cache.validate(document); // rules: the specified ones
    cache.validate(document); // one more rule: validated again
    expect(cache.runs()).toBe(2);
  });

  it('answers introspection on a server that allows it and refuses it on one that does not, every time', async () => {
    const open = createApp({ prisma });
    const closed = createApp({ prisma, config: { introspection: false } });
    const query = '{ __schema { queryType { name } } }';
    for (let i = 0; i < 2; i++) {
      const allowed = await post(open, { query });
      expect(allowed.body.data.__schema.queryType.name).toBe('Query');
      const refused = await post(closed, { query });
      expect(refused.status).toBe(400);
      expect(refused.body.errors![0]!.message).toMatch(/introspection has been disabled/);
    }
  });

  it('refuses a repeated invalid or too-deep query every time, and runs a repeated good one', async () => {
    const app = createApp({ prisma });
    const deep =
      '{ roles { edges { node { nextSteps { to { nextSteps { to { nextSteps { to { nextSteps { to { track { slug } } } } } } } } } } } } }';
    for (let i = 0; i < 3; i++) {
      const tooDeep = await post(app, { query: deep });
      expect(tooDeep.status).toBe(400);
      expect(codes(tooDeep)).toEqual(['QUERY_TOO_COMPLEX']);
      const unknown = await post(app, { query: '{ tracks { nope } }' });
      expect(unknown.status).toBe(400);
      expect(codes(unknown)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
      const good = await post(app, { query: '{ tracks { slug } }' });
      expect(good.body.data.tracks).toHaveLength(3);
    }
  });
});
