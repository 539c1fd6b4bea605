/**
 * `npm run keys -- create --name NAME --scope editor|admin` prints a new key (shown only once);
 * `npm run keys -- revoke --name NAME`; `npm run keys -- list`.
 */
import { parseArgs } from 'node:util';
import { createApiKey, listApiKeys, revokeApiKey, type Scope } from '../db/api-keys.js';
import { run, withDatabase } from './with-database.js';

const usage = 'usage: npm run keys -- create --name NAME --scope editor|admin | revoke --name NAME | list';

run(async () => {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { name: { type: 'string' }, scope: { type: 'string', default: 'editor' } },
  });
  const [command] = positionals;
  if (!command || !['create', 'revoke', 'list'].includes(command)) throw new Error(usage);
  if (command !== 'list' && !values.name) throw new Error(`--name is required.\n${usage}`);
  await withDatabase(async ({ prisma }) => {
    if (command === 'create') {
      const key = await createApiKey(prisma, values.name!, values.scope as Scope);
      console.error(`Created ${values.scope} key "${values.name}". It is shown only now; store it safely:`);
      console.log(key);
    } else if (command === 'revoke') {
      if (!(await revokeApiKey(prisma, values.name!))) throw new Error(`No active key named "${values.name}".`);
      console.error(`Revoked "${values.name}".`);
    } else {
      for (const k of await listApiKeys(prisma)) {
        const state = k.revokedAt ? `revoked ${k.revokedAt.toISOString()}` : 'active';
        const used = k.lastUsedAt ? `last used ${k.lastUsedAt.toISOString()}` : 'never used';
        console.log(`${k.name}\t${k.scope}\t${state}\tcreated ${k.createdAt.toISOString()}\t${used}`);
      }
    }
  });
});
