import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

export default defineConfig({
  resolve: {
    // graphql ships CommonJS and ESM builds without an exports map: Node loads the CommonJS one
    // for the server's dependencies, vite would pick the ESM one for our code, and two copies
    // break `instanceof GraphQLError`. Use the one Node uses.
    alias: [{ find: /^graphql$/, replacement: require.resolve('graphql') }],
  },
  test: {
    include: ['tests/**/*.test.ts'],
    globalSetup: ['tests/support/global-setup.ts'],
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // Each test file works in a database of its own (tests/support/database.ts).
    fileParallelism: true,
  },
});
