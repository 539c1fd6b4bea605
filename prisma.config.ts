import { defineConfig } from 'prisma/config';

// Only the CLI reads this file. The running service connects through the driver adapter in
// src/db/client.ts and migrates with its own runner (docs/decisions/001-*).
export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: { url: process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres' },
});
