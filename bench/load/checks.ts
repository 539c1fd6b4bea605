/**
 * What the load test checks before it measures: that every request it will send succeeds, that
 * PostGraphile generated the names phase 2 uses and answers the same data as ours, that ours
 * listens for change notifications, and that its response cache caches and is cleared by one.
 */
import pg from 'pg';
import { DATA_CHANGED_CHANNEL } from '../../src/db/notify.js';
import { graphql, type GraphQLRequest } from './cannon.js';
import { type Lookup, lookups, THEIR_NAMES } from './queries.js';
import type { ServerProcess } from './servers.js';

/** Sends each distinct request once and throws if any fails: a benchmark of errors is no benchmark. */
export async function preflight(server: ServerProcess, requests: GraphQLRequest[]): Promise<void> {
  const seen = new Set<string>();
  for (const request of requests) {
    const key = request.query + JSON.stringify(request.variables ?? {});
    if (seen.has(key)) continue;
    seen.add(key);
    const response = await graphql(server.url, request.query, request.variables);
    if (response.status !== 200 || response.errors?.length) {
      throw new Error(
        `${server.label} rejected the "${request.kind}" request (HTTP ${response.status}): ` +
          `${response.errors?.map((e) => e.message).join('; ') ?? 'no errors field'}\n${request.query}`,
      );
    }
  }
}

export async function queryFieldNames(url: string): Promise<Set<string>> {
  const response = await graphql<{ __type: { fields: { name: string }[] } }>(
    url,
    `
      {
        __type(name: "Query") {
          fields {
            name
          }
        }
      }
    `,
  );
  if (!response.data?.__type) throw new Error(`Could not introspect ${url}: ${JSON.stringify(response.errors)}`);
  return new Set(response.data.__type.fields.map((f) => f.name));
}

/** Confirms by introspection that PostGraphile generated the names phase 2 uses. */
export async function checkTheirNames(url: string): Promise<void> {
  const response = await graphql<{
    query: { fields: { name: string }[] } | null;
    role: { fields: { name: string }[] } | null;
    order: { enumValues: { name: string }[] } | null;
  }>(
    url,
    `{ query: __type(name: "Query") { fields { name } }
       role: __type(name: "Role") { fields { name } }
       order: __type(name: "${THEIR_NAMES.rolesOrderBy}") { enumValues { name } } }`,
  );
  const data = response.data;
  const has = (list: { name: string }[] | undefined, name: string) => list?.some((x) => x.name === name) ?? false;
  const missing = [
    !has(data?.query?.fields, THEIR_NAMES.roleBySlug) && `Query.${THEIR_NAMES.roleBySlug}`,
    !has(data?.query?.fields, THEIR_NAMES.allRoles) && `Query.${THEIR_NAMES.allRoles}`,
    !has(data?.role?.fields, THEIR_NAMES.roleTrack) && `Role.${THEIR_NAMES.roleTrack}`,
    !has(data?.order?.enumValues, THEIR_NAMES.titleAsc) && `${THEIR_NAMES.rolesOrderBy}.${THEIR_NAMES.titleAsc}`,
  ].filter(Boolean);
  if (missing.length > 0) throw new Error(`PostGraphile's schema lacks ${missing.join(', ')}`);
}

/** Whether both servers return the same data for a lookup, over every slug it is sent with. */
export async function sameAnswers(lookup: Lookup, ours: ServerProcess, theirs: ServerProcess, slugs: string[]) {
  for (const slug of lookup.perSlug ? slugs : [slugs[0]!]) {
    const a = lookup.ours(slug);
    const b = lookup.theirs(slug);
    const [x, y] = await Promise.all([
      graphql(ours.url, a.query, a.variables),
      graphql(theirs.url, b.query, b.variables),
    ]);
    const left = JSON.stringify(lookup.normalizeOurs(x.data));
    const right = JSON.stringify(lookup.normalizeTheirs(y.data));
    if (left !== right) return `differs for ${slug}: ours ${left.slice(0, 200)} vs theirs ${right.slice(0, 200)}`;
  }
  return 'yes';
}

/** Number of distinct requests (document + variables) in a list. */
export function distinct(requests: GraphQLRequest[]): number {
  return new Set(requests.map((r) => r.query + JSON.stringify(r.variables ?? {}))).size;
}

/** Waits until ours reports its change listener (LISTEN on the database) connected, via /ready. */
export async function waitForListener(server: ServerProcess): Promise<void> {
  const deadline = Date.now() + 30_000;
  let last = '';
  while (Date.now() < deadline) {
    try {
      const response = await fetch(new URL('/ready', server.url));
      last = await response.text();
      if ((JSON.parse(last) as { changeListener?: string }).changeListener === 'connected') return;
    } catch (error) {
      last = String(error);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${server.label}: change listener not connected after 30 s (/ready: ${last.slice(0, 200)})`);
}

/**
 * Shows that the cached server really answers from its cache and that `listenUrl` clears it, so
 * the cached runs below measure the cache as deployed and not a server serving stale data: a title
 * changed in SQL without a notification is still served stale by the cached server (and fresh by
 * the uncached one); after a NOTIFY on the app's channel (what every write through the app sends)
 * the cached server serves it fresh. The change is undone, with a notification, before returning.
 */
export async function checkResponseCache(
  databaseUrl: string,
  uncached: ServerProcess,
  cached: ServerProcess,
  slug: string,
): Promise<string> {
  const request = lookups[0]!.ours(slug);
  const title = async (server: ServerProcess) =>
    (await graphql<{ role: { title: string } | null }>(server.url, request.query, request.variables)).data?.role?.title;
  const until = async (what: string, done: () => Promise<boolean>) => {
    const deadline = Date.now() + 10_000;
    while (!(await done())) {
      if (Date.now() > deadline) throw new Error(`response cache check: ${what} within 10 s`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  };
  const original = await title(cached); // now in the cache
  if (!original) throw new Error(`response cache check: no role "${slug}"`);
  const changed = `${original} [cache check]`;
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('UPDATE role SET title = $1 WHERE slug = $2', [changed, slug]);
    const [stale, fresh] = await Promise.all([title(cached), title(uncached)]);
    if (fresh !== changed) throw new Error(`response cache check: ${uncached.label} answered "${fresh}"`);
    if (stale !== original) {
      throw new Error(
        `response cache check: ${cached.label} answered "${stale}" after an un-notified change; ` +
          `expected the cached "${original}" (is OURS_RESPONSE_CACHE_TTL_MS honoured?)`,
      );
    }
    const notified = performance.now();
    await client.query('SELECT pg_notify($1, $2)', [DATA_CHANGED_CHANNEL, 'bench/load response cache check']);
    await until(`${cached.label} did not serve the change after NOTIFY`, async () => (await title(cached)) === changed);
    const clearedMs = performance.now() - notified;
    return `served the stale title until notified, the new one ${clearedMs.toFixed(2)} ms after NOTIFY`;
  } finally {
    await client.query('BEGIN');
    await client.query('UPDATE role SET title = $1 WHERE slug = $2', [original, slug]);
    await client.query('SELECT pg_notify($1, $2)', [DATA_CHANGED_CHANNEL, 'bench/load response cache check undone']);
    await client.query('COMMIT');
    await client.end();
    await until('the title was not restored', async () => (await title(cached)) === original);
  }
}
