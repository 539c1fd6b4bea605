/**
 * API keys: created and revoked by CLI (`npm run keys`), shown once, stored only as SHA-256
 * hashes, presented as `Authorization: Bearer <key>`.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { PrismaClient } from './client.js';
import { notifyApiKeyRevoked } from './notify.js';

export type Scope = 'editor' | 'admin';
/** Who is calling: the key's name (recorded in the audit log) and what it may do. */
export type ApiKeyIdentity = { name: string; scopes: Scope[] };

const PREFIX = 'cl_';

export const hashKey = (key: string) => createHash('sha256').update(key).digest('hex');

/** Scopes a key of this scope grants: an admin key can do everything an editor key can. */
const scopesOf = (scope: Scope): Scope[] => (scope === 'admin' ? ['editor', 'admin'] : ['editor']);

/** Creates a key and returns it in clear text: the only time it is ever available. */
export async function createApiKey(prisma: PrismaClient, name: string, scope: Scope): Promise<string> {
  if (!name.trim()) throw new Error('A key needs a name (--name).');
  if (scope !== 'editor' && scope !== 'admin')
    throw new Error(`Unknown scope "${String(scope)}": use editor or admin.`);
  if (await prisma.apiKey.findUnique({ where: { name } })) throw new Error(`A key named "${name}" already exists.`);
  const key = `${PREFIX}${randomBytes(24).toString('base64url')}`;
  await prisma.apiKey.create({ data: { name, scope, keyHash: hashKey(key) } });
  return key;
}

/**
 * Revokes a key by name and tells every replica (NOTIFY, on commit) to forget it at once rather
 * than when its cached verdict expires; returns false when no active key has that name.
 */
export async function revokeApiKey(prisma: PrismaClient, name: string): Promise<boolean> {
  return prisma.$transaction(async (tx) => {
    const revoked = await tx.apiKey.updateManyAndReturn({
      where: { name, revokedAt: null },
      data: { revokedAt: new Date() },
      select: { keyHash: true },
    });
    for (const { keyHash } of revoked) await notifyApiKeyRevoked(tx, keyHash);
    return revoked.length > 0;
  });
}

/** Records that these keys were used just now. */
export async function markApiKeysUsed(prisma: PrismaClient, keyHashes: string[]): Promise<void> {
  await prisma.apiKey.updateMany({ where: { keyHash: { in: keyHashes } }, data: { lastUsedAt: new Date() } });
}

export function listApiKeys(prisma: PrismaClient) {
  return prisma.apiKey.findMany({
    select: { name: true, scope: true, createdAt: true, revokedAt: true, lastUsedAt: true },
    orderBy: { name: 'asc' },
  });
}

/** The identity behind a presented key, or null when it is unknown or revoked. */
export async function verifyApiKey(prisma: PrismaClient, key: string): Promise<ApiKeyIdentity | null> {
  if (!key.startsWith(PREFIX)) return null;
  const row = await prisma.apiKey.findUnique({ where: { keyHash: hashKey(key) } });
  if (!row || row.revokedAt) return null;
  return { name: row.name, scopes: scopesOf(row.scope) };
}
