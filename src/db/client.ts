/** The Prisma client, connected through the node-postgres driver adapter. */
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '../generated/prisma/client.js';

export { PrismaClient };

/** Creates a Prisma client for the database at `url`. */
export function createPrisma(url: string): PrismaClient {
  // Fail fast when the database cannot be reached rather than waiting for the TCP timeout.
  return new PrismaClient({ adapter: new PrismaPg({ connectionString: url, connectionTimeoutMillis: 5_000 }) });
}
