/**
 * Child process: serves PostGraphile v5 over the `public` schema of BENCH_DATABASE_URL, through
 * grafserv's node:http adapter, on a free loopback port. Run by bench/load/run.ts as the reference
 * for phase 2; it is a separate process for the same reason as serve-ours.ts.
 *
 * The preset is PostGraphile's default (Amber) plus two smart tags, and nothing else. They are
 * needed because our migrations are Prisma's, which declares `role.slug` unique with a unique
 * INDEX (not a constraint, which is what PostGraphile turns into `roleBySlug`), and PostGraphile
 * only offers `orderBy` on indexed columns, so `role.title` would have no TITLE_ASC. The tags change
 * only the generated schema's shape, not the SQL it runs: the slug lookup still uses the unique
 * index, and sorting 23 rows by title is the same sort either way. Without them the plain-lookup
 * comparison would have to use different queries on the two sides.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { postgraphile } from 'postgraphile';
import { makePgService } from 'postgraphile/adaptors/pg';
import { grafserv } from 'postgraphile/grafserv/node';
import { PostGraphileAmberPreset } from 'postgraphile/presets/amber';
import { jsonPgSmartTags } from 'postgraphile/utils';
import { announce, databaseUrlFromEnv, POOL_SIZE } from './child.js';
import { POOL_IDLE_TIMEOUT_MS } from '../../src/db/pool-settings.js';

const comparableLookups = jsonPgSmartTags({
  version: 1,
  config: {
    class: {
      role: {
        tags: { unique: 'slug' },
        attribute: { title: { tags: { behavior: '+orderBy' } } },
      },
    },
  },
});

const preset: GraphileConfig.Preset = {
  extends: [PostGraphileAmberPreset],
  plugins: [comparableLookups],
  pgServices: [
    makePgService({
      connectionString: databaseUrlFromEnv(),
      schemas: ['public'],
      // The same pool as ours: node-postgres' default size, which @prisma/adapter-pg keeps, and
      // ours' idle timeout. With node-postgres' default of 10 s this pool closed its connections
      // whenever the load test paused it for longer while measuring ours (lookups.ts' 10 s rounds
      // always did), and paid for new ones (a PostgreSQL backend each) when its turn came.
      poolConfig: { max: POOL_SIZE, idleTimeoutMillis: POOL_IDLE_TIMEOUT_MS },
    }),
  ],
  grafserv: { graphqlPath: '/graphql', watch: false, graphiql: false, websockets: false },
};

const pgl = postgraphile(preset);
const serv = pgl.createServ(grafserv);
const server = createServer();
server.on('error', (error) => {
  console.error(error);
  process.exit(1);
});
await serv.addTo(server);
// Build the schema (introspection) before announcing, so no measured request pays for it.
await pgl.getSchema();
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const { port } = server.address() as AddressInfo;
announce(`http://127.0.0.1:${port}/graphql`);
