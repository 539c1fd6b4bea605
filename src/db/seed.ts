/**
 * Seeding: loads the official dataset (prisma/data/official) when its files differ from what is
 * loaded, and the curated dataset (prisma/data) when asked or when the database has no roles yet,
 * in one transaction. An unchanged official dataset costs one hash of its files and one query.
 */
import type { PrismaClient } from './client.js';
import { changeDataset, type ImportSummary, planTarget, summaryOf } from './dataset/load.js';
import { curatedDataDir, readDataset } from './dataset/read.js';
import { officialDataDir, parseOfficialData, readOfficialFiles } from './official/files.js';
import { loadedOfficialHash } from './official/load.js';

export type SeedOptions = {
  /** Load the curated dataset: always, or only into a database without roles. @default "if-empty" */
  curated?: 'always' | 'if-empty';
  /** @default prisma/data */
  curatedDir?: string;
  /** @default prisma/data/official */
  officialDir?: string;
};

export type SeedResult = {
  /** What the curated load changed, or null when it was skipped. */
  curated: ImportSummary | null;
  /** Whether the official dataset was (re)loaded; false when it was unchanged. */
  officialLoaded: boolean;
};

/** Loads what needs loading; see the module comment. */
export async function seedDatabase(prisma: PrismaClient, options: SeedOptions = {}): Promise<SeedResult> {
  const officialDir = options.officialDir ?? officialDataDir;
  const { files, hash } = await readOfficialFiles(officialDir);
  const loadCurated = options.curated === 'always' || (await prisma.role.count()) === 0;
  const officialChanged = (await loadedOfficialHash(prisma)) !== hash;
  if (!loadCurated && !officialChanged) return { curated: null, officialLoaded: false };
  const official = officialChanged ? { data: parseOfficialData(files, officialDir), hash } : undefined;
  const incoming = loadCurated ? await readDataset(options.curatedDir ?? curatedDataDir) : {};
  const { plan, officialLoaded } = await changeDataset(prisma, (current) => planTarget(current, incoming, 'MERGE'), {
    actor: 'system',
    action: 'seed',
    official,
  });
  return { curated: loadCurated ? summaryOf(plan) : null, officialLoaded };
}
