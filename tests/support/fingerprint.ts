/** What a test compares to tell whether a request changed the data: the curated dataset and the audit log. */
import { createHash } from 'node:crypto';
import type { PrismaClient } from '../../src/db/client.js';
import { exportDataset } from '../../src/db/dataset/export.js';

/** A hash of the whole curated dataset, with how many audit events have been recorded. */
export async function datasetFingerprint(prisma: PrismaClient): Promise<string> {
  const dataset = JSON.stringify(await exportDataset(prisma));
  return `${createHash('sha256').update(dataset).digest('hex')}/${await prisma.auditEvent.count()}`;
}
