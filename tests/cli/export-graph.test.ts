/** `npm run graph -- <format>`: the same files as GET /export/graph.<format>. */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import type { PrismaClient } from '../../src/db/client.js';
import { createApp } from '../../src/server/app.js';
import { testDatabase } from '../support/database.js';

const exec = promisify(execFile);
const root = path.resolve(import.meta.dirname, '../..');
let prisma: PrismaClient;
let url: string;
beforeAll(async () => {
  ({ prisma, url } = await testDatabase('seeded'));
});

async function graph(...args: string[]) {
  try {
    const { stdout, stderr } = await exec('npm', ['run', '--silent', 'graph', '--', ...args], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: url, SEED_ON_START: 'false' },
      encoding: 'buffer',
    });
    return { code: 0, stdout, stderr: stderr.toString() };
  } catch (error) {
    const e = error as { code: number; stdout: Buffer; stderr: Buffer };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr.toString() };
  }
}

describe('npm run graph', () => {
  it('writes the same GraphML and CSV zip as the HTTP export, to stdout or a file', async () => {
    const app = createApp({ prisma });
    const http = async (file: string) =>
      Buffer.from(await (await app.fetch(`http://localhost/export/${file}`)).arrayBuffer());
    const printed = await graph('graphml');
    expect(printed.code).toBe(0);
    expect(printed.stdout.toString()).toBe((await http('graph.graphml')).toString());

    const dir = await mkdtemp(path.join(tmpdir(), 'career-lattice-graph-'));
    const written = await graph('csv', '--out', path.join(dir, 'lattice.zip'));
    expect(written.code).toBe(0);
    expect(written.stderr).toMatch(/Wrote \d+ roles and \d+ moves/);
    const file = await readFile(path.join(dir, 'lattice.zip'));
    // Zips carry timestamps; the files inside must be the same.
    expect(unzipSync(file)).toEqual(unzipSync(await http('graph.csv')));
  });

  it('refuses an unknown format with the usage line', async () => {
    const refused = await graph('pdf');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/usage: npm run graph -- graphml\|gexf\|csv/);
  });
});
