/** Paging a list whose order is worked out first (by a figure, by search relevance) rather than by SQL. */

/** Prisma's paging arguments as Pothos passes them to a connection's resolver. */
export type PageQuery = { cursor?: { id: number }; skip?: number; take?: number };

/** Applies Prisma's cursor semantics (cursor, skip, signed take) to an ordered list of IDs. */
export function pageOf(ids: number[], query: PageQuery): number[] {
  const take = query.take ?? ids.length;
  const skip = query.skip ?? 0;
  let start = 0;
  if (query.cursor) {
    start = ids.indexOf(query.cursor.id);
    if (start < 0) return [];
  } else if (take < 0) start = ids.length - 1;
  if (take >= 0) return ids.slice(start + skip, start + skip + take);
  const end = start - skip + 1;
  return ids.slice(Math.max(0, end + take), Math.max(0, end));
}

/** Reads one page of rows of an ordered ID list: `find` loads rows by ID, in any order. */
export async function rowsOfPage<R extends { id: number }>(
  ids: number[],
  query: PageQuery,
  find: (ids: number[]) => Promise<R[]>,
): Promise<R[]> {
  const page = pageOf(ids, query);
  const byId = new Map((await find(page)).map((r) => [r.id, r]));
  return page.flatMap((id) => byId.get(id) ?? []);
}
