/** A cheap round trip to the database, bounded in time, for /ready and the database_up gauge. */
import type { PrismaClient } from '../db/client.js';

export type Probe = { ok: true } | { ok: false; reason: string };

/** Runs `SELECT 1`; not ok when it fails or takes longer than `timeoutMs`. */
export async function probeDatabase(prisma: PrismaClient, timeoutMs: number): Promise<Probe> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<Probe>((resolve) => {
    timer = setTimeout(() => resolve({ ok: false, reason: `no answer within ${timeoutMs} ms` }), timeoutMs);
  });
  const query = prisma.$queryRaw`SELECT 1`.then(
    (): Probe => ({ ok: true }),
    (error: unknown): Probe => ({ ok: false, reason: 'unreachable: ' + firstLine(error) }),
  );
  try {
    return await Promise.race([query, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

const firstLine = (error: unknown) =>
  (error instanceof Error ? error.message : String(error))
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .at(-1) ?? 'unknown error';
