/**
 * A worker thread's entry (graph-build.ts starts it): on every message, reads the data at
 * `workerData.url`, builds its pathway index and posts it back with its buffers transferred.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createPrisma } from '../db/client.js';
import { buildSnapshot, WORKER_READY, workerAnswer, workerFailure } from './graph-build.js';

const { url } = workerData as { url: string };
const prisma = createPrisma(url);
parentPort!.on('message', () => {
  buildSnapshot(prisma).then(
    (built) => {
      const { answer, transfer } = workerAnswer(built);
      parentPort!.postMessage(answer, transfer);
    },
    (error: unknown) => parentPort!.postMessage(workerFailure(error)),
  );
});
// Loaded: a failure from here on is the build's, not the thread's (graph-build.ts).
parentPort!.postMessage(WORKER_READY);
