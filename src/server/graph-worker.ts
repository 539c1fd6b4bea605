/**
 * A worker thread's entry (graph-build.ts starts it): reads the data at `workerData.url`, builds
 * its pathway index, posts it back with its buffers transferred, and ends.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createPrisma } from '../db/client.js';
import { buildSnapshot, workerAnswer, workerFailure } from './graph-build.js';

const { url } = workerData as { url: string };
const prisma = createPrisma(url);
try {
  const { answer, transfer } = workerAnswer(await buildSnapshot(prisma));
  parentPort!.postMessage(answer, transfer);
} catch (error) {
  parentPort!.postMessage(workerFailure(error));
} finally {
  await prisma.$disconnect();
}
