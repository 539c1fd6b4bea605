/** The npm scripts a curator or operator runs: keys and dataset import/export. */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { verifyApiKey } from '../../src/db/api-keys.js';
import type { PrismaClient } from '../../src/db/client.js';
import { testDatabase } from '../support/database.js';

const exec = promisify(execFile);
const root = path.resolve(import.meta.dirname, '../..');
let prisma: PrismaClient;
let url: string;
beforeAll(async () => {
  ({ prisma, url } = await testDatabase('seeded'));
});

/** Runs `npm run <script> -- args` against the test database. */
async function npmRun(script: string, ...args: string[]) {
  try {
    const { stdout, stderr } = await exec('npm', ['run', '--silent', script, '--', ...args], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: url, SEED_ON_START: 'false' },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('npm run keys', () => {
  it('creates a key shown once, stores only its hash, lists and revokes it', async () => {
    const created = await npmRun('keys', 'create', '--name', 'advisor-app', '--scope', 'editor');
    expect(created.code).toBe(0);
    const key = created.stdout.trim();
    expect(key).toMatch(/^cl_[\w-]{20,}$/);
    const row = await prisma.apiKey.findUniqueOrThrow({ where: { name: 'advisor-app' } });
    expect(row.keyHash).not.toContain(key);
    expect(JSON.stringify(row)).not.toContain(key);
    expect(await verifyApiKey(prisma, key)).toEqual({ name: 'advisor-app', scopes: ['editor'] });

    const listed = await npmRun('keys', 'list');
    expect(listed.stdout).toMatch(/advisor-app\teditor\tactive/);
    expect(listed.stdout).not.toContain(key);

    expect((await npmRun('keys', 'revoke', '--name', 'advisor-app')).code).toBe(0);
    expect(await verifyApiKey(prisma, key)).toBeNull();
  }, 60_000);

  it('refuses a duplicate name, an unknown scope and a missing name, changing nothing', async () => {
    await npmRun('keys', 'create', '--name', 'ops', '--scope', 'admin');
    const before = await prisma.apiKey.count();
    for (const args of [
      ['create', '--name', 'ops', '--scope', 'admin'],
      ['create', '--name', 'x', '--scope', 'superuser'],
      ['create'],
    ]) {
      const result = await npmRun('keys', ...args);
      expect(result.code).not.toBe(0);
      expect(result.stderr).toMatch(/already exists|Unknown scope "superuser"|--name is required/);
    }
    expect(await prisma.apiKey.count()).toBe(before);
  }, 60_000);
});

describe('npm run dataset', () => {
  it('exports a document that imports back with no changes, and dry-runs an edit', async () => {
    const exported = await npmRun('dataset', 'export');
    expect(exported.code).toBe(0);
    const doc = JSON.parse(exported.stdout);
    expect(doc.roles.length).toBe(await prisma.role.count());

    const dir = await mkdtemp(path.join(tmpdir(), 'cl-cli-'));
    const file = path.join(dir, 'data.json');
    await writeFile(file, exported.stdout);
    const same = await npmRun('dataset', 'import', file);
    expect(same.stdout).toMatch(/roles\s+created 0, updated 0, deleted 0/);

    doc.roles[0].summary = 'Edited by the CLI test.';
    await writeFile(file, JSON.stringify(doc));
    const dry = await npmRun('dataset', 'import', file, '--dry-run');
    expect(dry.stdout).toMatch(/Dry run \(MERGE\)/);
    expect(dry.stdout).toMatch(/roles\s+created 0, updated 1, deleted 0/);
    expect((await prisma.role.findUniqueOrThrow({ where: { slug: doc.roles[0].slug } })).summary).not.toBe(
      'Edited by the CLI test.',
    );
    expect(JSON.parse(await readFile(file, 'utf8')).roles[0].summary).toBe('Edited by the CLI test.');
  }, 90_000);

  it('refuses a bad document naming the problem, and loads nothing', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'cl-cli-'));
    const file = path.join(dir, 'bad.json');
    const doc = JSON.parse((await npmRun('dataset', 'export')).stdout);
    doc.figures[0].source = 'nowhere';
    await writeFile(file, JSON.stringify(doc));
    const before = await prisma.laborFigure.count();
    const result = await npmRun('dataset', 'import', file);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/bad\.json#figures: record .*, field "source": unknown source "nowhere"/);
    expect(await prisma.laborFigure.count()).toBe(before);
  }, 90_000);
});
