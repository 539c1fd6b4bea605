/**
 * The service's Node.js options (src/node-flags.ts) are written out in package.json's start
 * scripts and in the Dockerfile; this keeps every way of starting it running with the same ones.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SERVICE_NODE_FLAGS } from '../../src/node-flags.js';
import { projectRoot } from '../../src/paths.js';

const read = (file: string) => readFileSync(path.join(projectRoot, file), 'utf8');

describe('the service’s Node.js options', () => {
  it('are on every start script and on the Docker image’s command', () => {
    const { scripts } = JSON.parse(read('package.json')) as { scripts: Record<string, string> };
    for (const name of ['start', 'start:prod']) {
      expect(scripts[name], name).toMatch(new RegExp(`^node ${SERVICE_NODE_FLAGS.join(' ')} `));
    }
    const cmd = /^CMD (\[.*\])$/m.exec(read('docker/Dockerfile'))?.[1];
    expect(JSON.parse(cmd ?? 'null')).toEqual(['node', ...SERVICE_NODE_FLAGS, 'dist/main.js']);
  });
});
