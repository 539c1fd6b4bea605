/**
 * Two replicas on one database stay consistent: a change committed through one is seen through
 * the other within a second, because every write NOTIFYs and every replica LISTENs and rebuilds
 * its in-memory pathway index.
 */
import { createApiKey } from '../../src/db/api-keys.js';
import { afterAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../support/database.js';
import { freePort } from '../support/global-setup.js';
import { graphql, killServices, type Service, sleep, startService } from './service.js';

afterAll(killServices);

const PATHWAY = '{ pathways(from: "medical-assistant", to: "lead-medical-assistant", first: 1) { totalMonths } }';
const totalMonths = async (service: Service) => {
  const { body } = await graphql(service.url, PATHWAY);
  expect(body.errors).toBeUndefined();
  return body.data.pathways[0].totalMonths as number;
};

/** Lowers the experience the move asks for, through the writer replica's API with an editor key. */
async function setYearsOfExperience(writer: Service, key: string, years: number): Promise<void> {
  const read = await graphql(writer.url, '{ role(slug: "medical-assistant") { nextSteps { version to { slug } } } }');
  const move = read.body.data.role.nextSteps.find(
    (s: { to: { slug: string } }) => s.to.slug === 'lead-medical-assistant',
  );
  const { body } = await graphql(
    writer.url,
    `
      mutation ($version: Int!, $years: Float!) {
        updateTransition(
          input: {
            from: "medical-assistant"
            to: "lead-medical-assistant"
            expectedVersion: $version
            minYearsExperience: $years
          }
        ) {
          transition {
            minYearsExperience
          }
          userErrors {
            message
          }
        }
      }
    `,
    { version: move.version, years },
    { authorization: `Bearer ${key}` },
  );
  expect(body.errors).toBeUndefined();
  expect(body.data.updateTransition).toEqual({ transition: { minYearsExperience: years }, userErrors: [] });
}

describe('two replicas', () => {
  it('see each other’s changes within a second', async () => {
    const { url, prisma } = await testDatabase('seeded');
    const key = await createApiKey(prisma, 'replica-test', 'editor');
    const env = async () => ({
      DATABASE_URL: url,
      PORT: String(await freePort()),
      HOST: '127.0.0.1',
      SEED_ON_START: 'false',
    });
    const [writer, reader] = await Promise.all([startService(await env()), startService(await env())]);
    const before = await totalMonths(reader);
    expect(await totalMonths(writer)).toBe(before);

    // 3 years -> 1: the direct move becomes the fastest way, 24 months sooner.
    await setYearsOfExperience(writer, key, 1);
    const committed = Date.now();
    // Each replica answers from its previous index until the next one is built (graph-store.ts),
    // the writer included: both must have the change within the second.
    let seen = [before, before];
    while (seen.some((m) => m === before) && Date.now() - committed < 1_000) {
      await sleep(50);
      seen = await Promise.all([totalMonths(reader), totalMonths(writer)]);
    }
    expect(seen).toEqual([before - 24, before - 24]);
    // The log line says why: lines are written in batches, at most 200 ms late (src/server/logger.ts).
    const logged = Date.now();
    while (!/Data changed; refreshing/.test(reader.output()) && Date.now() - logged < 2_000) await sleep(50);
    expect(reader.output()).toMatch(/Data changed; refreshing/);
  }, 120_000);
});
