/**
 * Every URL a mutation or an import stores is an absolute http: or https: address (issue #23): the
 * career map links to them, and a `javascript:` URL would run in a reader's browser.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { PrismaClient } from '../../src/db/client.js';
import { testDatabase } from '../support/database.js';
import { datasetFingerprint } from '../support/fingerprint.js';
import { type Client, keyedClient } from '../support/graphql.js';

let prisma: PrismaClient;
let admin: Client;
beforeAll(async () => {
  ({ prisma } = await testDatabase('seeded'));
  admin = await keyedClient(prisma, 'ops', 'admin');
});

const REFUSED = [
  'javascript:alert(1)',
  'JavaScript:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  'vbscript:msgbox(1)',
  'file:///etc/passwd',
  'ftp://example.org/a',
  '//example.org/a',
  '/relative/path',
  'example.org',
  'not a url',
];
const CREATE = `mutation ($url: String) {
  createSource(input: { slug: "new-source", title: "A source", publisher: "bls", url: $url, year: 2024, official: false }) {
    source { url } userErrors { field message code } } }`;

describe('URLs', () => {
  it.each(REFUSED)('createSource refuses %s with a user error on the url field', async (url) => {
    const before = await datasetFingerprint(prisma);
    const { data, errors } = await admin.query(CREATE, { url });
    expect(errors).toBeUndefined();
    expect(data.createSource.source).toBeNull();
    expect(data.createSource.userErrors).toEqual([
      { field: ['input', 'url'], message: expect.stringMatching(/http:\/\/ or https:\/\//), code: 'INVALID' },
    ]);
    expect(await datasetFingerprint(prisma)).toBe(before);
  });

  it('updateSource refuses one too', async () => {
    const source = await prisma.source.findFirstOrThrow({ where: { url: { not: null } } });
    const { data } = await admin.query(
      `mutation ($slug: String!, $v: Int!) { updateSource(input: { slug: $slug, expectedVersion: $v, url: "javascript:alert(1)" }) {
        source { url } userErrors { field code } } }`,
      { slug: source.slug, v: source.version },
    );
    expect(data.updateSource).toEqual({ source: null, userErrors: [{ field: ['input', 'url'], code: 'INVALID' }] });
    expect((await prisma.source.findUniqueOrThrow({ where: { id: source.id } })).url).toBe(source.url);
  });

  it.each(['http://example.org/fees', 'https://www.example.org/a?b=c#d'])('%s is accepted', async (url) => {
    const { data } = await admin.query(CREATE.replace('new-source', `ok-${url.length}`), { url });
    expect(data.createSource.userErrors).toEqual([]);
    expect(data.createSource.source.url).toBe(url);
  });

  it('an import refuses other URLs of sources and organizations, naming the record and field', async () => {
    const before = await datasetFingerprint(prisma);
    const { data } = await admin.query(
      'mutation ($d: JSON!) { importDataset(dataset: $d) { userErrors { field message code } } }',
      {
        d: {
          format: 'career-lattice-dataset',
          version: 2,
          organizations: [{ slug: 'evil-org', name: 'Evil', kind: 'PUBLISHER', url: 'javascript:alert(1)' }],
          sources: [
            {
              slug: 'evil-source',
              title: 'Evil',
              publisher: 'bls',
              url: 'data:text/html,x',
              year: 2024,
              official: false,
            },
          ],
        },
      },
    );
    expect(data.importDataset.userErrors).toEqual([
      expect.objectContaining({ field: ['dataset', 'organizations', '"evil-org"', 'url'], code: 'INVALID' }),
      expect.objectContaining({ field: ['dataset', 'sources', '"evil-source"', 'url'], code: 'INVALID' }),
    ]);
    expect(await datasetFingerprint(prisma)).toBe(before);
  });
});
