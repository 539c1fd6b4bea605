/**
 * A worker thread's entry (graph-build.ts starts it): reads the data at `workerData.url`, builds
 * its pathway index, posts it back with the index's buffers transferred, and ends.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createPrisma } from '../db/client.js';
import { indexBuffers } from '../graph/transfer.js';
import { buildSnapshot, type WorkerAnswer } from './graph-build.js';

const { url } = workerData as { url: string };
const prisma = createPrisma(url);
try {
  const built = await buildSnapshot(prisma);
  const answer: WorkerAnswer = { ok: true, built };
  parentPort!.postMessage(answer, indexBuffers(built.snapshot.index));
} catch (error) {
  const answer: WorkerAnswer = { ok: false, message: error instanceof Error ? error.message : String(error) };
  parentPort!.postMessage(answer);
} finally {
  await prisma.$disconnect();
}
