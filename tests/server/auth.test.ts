/**
 * API keys: `Authorization: Bearer <key>` identifies the caller; a bad key is refused with 401
 * before anything runs; READ_REQUIRES_KEY closes reading to anonymous callers; verified keys are
 * cached for a bounded time, so a revocation takes effect within API_KEY_CACHE_SECONDS.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createApiKey, revokeApiKey } from '../../src/db/api-keys.js';
import type { PrismaClient } from '../../src/db/client.js';
import { createApp } from '../../src/server/app.js';
import { ApiKeyVerifier } from '../../src/server/use-auth.js';
import { recording, testDatabase } from '../support/database.js';
import { codes, post } from '../support/graphql.js';

let prisma: PrismaClient;
let editorKey: string;
const calls: string[] = [];

beforeAll(async () => {
  ({ prisma } = await testDatabase('seeded'));
  editorKey = await createApiKey(prisma, 'advisor-app', 'editor');
});

const ROLE = '{ role(slug: "medical-assistant") { title } }';

describe('API keys', () => {
  it('serves anonymous callers and callers with a valid key alike by default', async () => {
    const app = createApp({ prisma });
    const anonymous = await post(app, { query: ROLE });
    const keyed = await post(app, { query: ROLE }, { authorization: `Bearer ${editorKey}` });
    expect(anonymous.status).toBe(200);
    expect(keyed.status).toBe(200);
    expect(keyed.body.data).toEqual(anonymous.body.data);
    expect(anonymous.body.data.role.title).toBe('Medical Assistant');
  });

  it('refuses an unknown key with 401 UNAUTHENTICATED and runs nothing', async () => {
    const app = createApp({ prisma: recording(prisma, calls) });
    calls.length = 0;
    const reply = await post(app, { query: ROLE }, { authorization: 'Bearer cl_not-a-real-key' });
    expect(reply.status).toBe(401);
    expect(reply.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(codes(reply)).toEqual(['UNAUTHENTICATED']);
    expect(reply.body.errors![0]!.message).toMatch(/unknown or has been revoked/);
    expect(reply.body.data).toBeUndefined();
    expect(calls).toEqual(['ApiKey.findUnique']);
  });

  it('refuses an Authorization header that is not a bearer key', async () => {
    const app = createApp({ prisma: recording(prisma, calls) });
    calls.length = 0;
    const reply = await post(app, { query: ROLE }, { authorization: 'Basic YWRtaW46YWRtaW4=' });
    expect(reply.status).toBe(401);
    expect(reply.body.errors![0]!.message).toMatch(/Authorization: Bearer <key>/);
    expect(calls).toEqual([]);
  });

  it('refuses a revoked key', async () => {
    const key = await createApiKey(prisma, 'revoked-soon', 'editor');
    const app = createApp({ prisma, config: { apiKeyCacheSeconds: 0 } });
    expect((await post(app, { query: ROLE }, { authorization: `Bearer ${key}` })).status).toBe(200);
    await revokeApiKey(prisma, 'revoked-soon');
    const reply = await post(app, { query: ROLE }, { authorization: `Bearer ${key}` });
    expect(reply.status).toBe(401);
    expect(codes(reply)).toEqual(['UNAUTHENTICATED']);
  });

  it('with READ_REQUIRES_KEY, reads need a key', async () => {
    const app = createApp({ prisma, config: { readRequiresKey: true } });
    const anonymous = await post(app, { query: ROLE });
    expect(codes(anonymous)).toEqual(['UNAUTHENTICATED']);
    expect(anonymous.body.errors![0]!.message).toMatch(/needs an API key/);
    const keyed = await post(app, { query: ROLE }, { authorization: `Bearer ${editorKey}` });
    expect(keyed.body.errors).toBeUndefined();
    expect(keyed.body.data.role.title).toBe('Medical Assistant');
  });
});

describe('the key cache', () => {
  it('remembers an answer for its time to live, so a revocation takes effect within it', async () => {
    let now = 0;
    const verifier = new ApiKeyVerifier(prisma, 30, () => now);
    const key = await createApiKey(prisma, 'cached', 'admin');
    expect(await verifier.verify(key)).toEqual({ name: 'cached', scopes: ['editor', 'admin'] });
    await revokeApiKey(prisma, 'cached');
    now = 29_000;
    expect(await verifier.verify(key)).not.toBeNull();
    now = 30_001;
    expect(await verifier.verify(key)).toBeNull();
  });

  it('forgets everything when cleared (a change notification)', async () => {
    const verifier = new ApiKeyVerifier(prisma, 30);
    const key = await createApiKey(prisma, 'cleared', 'editor');
    expect(await verifier.verify(key)).not.toBeNull();
    await revokeApiKey(prisma, 'cleared');
    verifier.clear();
    expect(await verifier.verify(key)).toBeNull();
  });
});
