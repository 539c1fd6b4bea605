/**
 * Opens the service's database: the server at DATABASE_URL, or the embedded default, migrated
 * and (when empty) seeded with the curated dataset.
 */
import type { Config } from '../config.js';
import { createPrisma, type PrismaClient } from './client.js';
import { type EmbeddedServer, startEmbeddedPostgres } from './embedded.js';
import { migrate } from './migrate.js';
import { seedDatabase } from './seed.js';

export type Database = {
  url: string;
  prisma: PrismaClient;
  /** Set when the database is the embedded default. */
  embedded?: EmbeddedServer;
  /** Disconnects, and stops the embedded server if there is one. */
  close: () => Promise<void>;
};

type Log = (message: string) => void;

export async function openDatabase(config: Config, log: Log = () => {}): Promise<Database> {
  let embedded: EmbeddedServer | undefined;
  let url = config.databaseUrl;
  if (!url) {
    log(`Starting the embedded PostgreSQL (data in ${config.embeddedDir}, port ${config.embeddedPort})...`);
    embedded = await startEmbeddedPostgres({ dir: config.embeddedDir, port: config.embeddedPort });
    if (embedded.shared)
      log(`It is already running, started by another process: using it (${new URL(embedded.url).host}).`);
    url = embedded.url;
  }
  try {
    const applied = await migrate(url);
    if (applied.length > 0) log(`Applied migrations: ${applied.join(', ')}`);
    const prisma = createPrisma(url);
    if (config.seedOnStart) {
      const seeded = await seedDatabase(prisma);
      if (seeded.officialLoaded) log('Loaded the official dataset (prisma/data/official).');
      if (seeded.curated) log('Loaded the curated dataset into the empty database.');
    }
    return {
      url,
      prisma,
      embedded,
      close: async () => {
        await prisma.$disconnect();
        await embedded?.stop();
      },
    };
  } catch (error) {
    await embedded?.stop();
    throw error;
  }
}
