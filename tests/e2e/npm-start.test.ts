/**
 * What a new user does: `npm start` with no DATABASE_URL, which starts the embedded PostgreSQL,
 * migrates, seeds and serves; then a query over HTTP; then Ctrl-C; then a second start that reuses
 * the data. Only the data directory and ports differ from the defaults, so the test cannot collide
 * with a developer's running service.
 */
import { existsSync } from 'node:fs';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../support/global-setup.js';
import { graphql, killServices, type Service, startService } from './service.js';

let workDir: string;

afterAll(async () => {
  killServices();
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

const npmStart = (env: Record<string, string>) => startService({ ...env, DATABASE_URL: undefined }, { npmStart: true });

/** Sends Ctrl-C to the whole process group and waits until the service says it has stopped. */
async function ctrlC({ child, output, exited }: Service, dataDir: string): Promise<void> {
  process.kill(-child.pid!, 'SIGINT');
  await exited;
  for (let waited = 0; !/Stopped\./.test(output()) || existsSync(path.join(dataDir, 'postmaster.pid')); waited += 100) {
    if (waited > 20_000) throw new Error(`the service did not stop cleanly:\n${output()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('npm start on the embedded default', () => {
  it('serves the curated dataset, stops cleanly on Ctrl-C, and reuses its data on the next start', async () => {
    workDir = await mkdtemp(path.join(tmpdir(), 'career-lattice-start-'));
    await chmod(workDir, 0o755);
    const dataDir = path.join(workDir, 'postgres');
    const env = {
      PORT: String(await freePort()),
      EMBEDDED_PG_DIR: dataDir,
      EMBEDDED_PG_PORT: String(await freePort()),
    };

    const first = await npmStart(env);
    expect(first.url).toBe(`http://localhost:${env.PORT}/graphql`);
    expect(first.output()).toMatch(/Loaded the curated dataset/);
    expect(first.output()).toMatch(/Loaded the official dataset/);
    const { status, body } = await graphql(
      first.url,
      '{ role(slug: "medical-assistant") { title socCode nextSteps { to { slug } } occupation { code } } }',
    );
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    expect(body.data.role.socCode).toBe('31-9092');
    expect(body.data.role.occupation.code).toBe('31-9092.00');
    expect(body.data.role.nextSteps.map((s: { to: { slug: string } }) => s.to.slug)).toContain(
      'lead-medical-assistant',
    );

    const page = await fetch(first.url, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    expect(await page.text()).toMatch(/GraphiQL|graphiql/);

    await ctrlC(first, dataDir);

    const second = await npmStart(env);
    expect(second.output()).not.toMatch(/Loaded the curated dataset/);
    // The official dataset is unchanged, so the second start does not load it again.
    expect(second.output()).not.toMatch(/Loaded the official dataset/);
    const again = await graphql(second.url, '{ tracks { slug } }');
    expect(again.body.data.tracks.map((t: { slug: string }) => t.slug).sort()).toEqual([
      'administrative',
      'clinical',
      'hybrid',
    ]);
    await ctrlC(second, dataDir);
  }, 240_000);
});
