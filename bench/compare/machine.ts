/** What the numbers were measured on. */
import { readFileSync } from 'node:fs';
import os from 'node:os';
import pg from 'pg';

export interface Machine {
  nproc: number;
  cpu: string;
  memory: string;
  node: string;
  postgres: string;
  os: string;
  loadAverage: string;
}

function cpuModel(): string {
  try {
    const m = /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'));
    if (m) return m[1]!.trim();
  } catch {
    // not Linux
  }
  return os.cpus()[0]?.model ?? 'unknown';
}

export async function describeMachine(adminUrl: string): Promise<Machine> {
  let postgres = 'unknown';
  const client = new pg.Client({ connectionString: adminUrl });
  try {
    await client.connect();
    const { rows } = await client.query<{ version: string }>('SELECT version()');
    postgres = rows[0]?.version ?? postgres;
  } catch (error) {
    postgres = `unreachable (${String(error)})`;
  } finally {
    await client.end().catch(() => {});
  }
  return {
    nproc: os.availableParallelism(),
    cpu: cpuModel(),
    memory: `${(os.totalmem() / 2 ** 30).toFixed(1)} GiB`,
    node: process.version,
    postgres,
    os: `${os.type()} ${os.release()} (${os.arch()})`,
    loadAverage: os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' / '),
  };
}
