/** A cheap round trip to the database, bounded in time, for /ready and the database_up gauge. */
import type { PrismaClient } from '../db/client.js';

export type Probe = { ok: true } | { ok: false; reason: string };

/**
 * Runs `SELECT 1`; not ok when it fails or takes longer than `timeoutMs`. The reason is for the
 * public /ready: it never carries the driver's message, which can name the database, its host or
 * its user.
 */
export async function probeDatabase(prisma: PrismaClient, timeoutMs: number): Promise<Probe> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<Probe>((resolve) => {
    timer = setTimeout(
      () => resolve({ ok: false, reason: `database unavailable: no answer within ${timeoutMs} ms` }),
      timeoutMs,
    );
  });
  const query = prisma.$queryRaw`SELECT 1`.then(
    (): Probe => ({ ok: true }),
    (): Probe => ({ ok: false, reason: 'database unavailable' }),
  );
  try {
    return await Promise.race([query, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
