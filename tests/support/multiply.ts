/** A dataset document many times the size of one: copies of every record under new slugs. */

type Document = Record<string, unknown>;
const SLUGGED = ['tracks', 'organizations', 'sources', 'training-programs', 'certifications', 'roles'];

/** Replaces, at any depth, every string that is one of `slugs` by its copy's slug. */
function renamed(value: unknown, slugs: Set<string>, suffix: string): unknown {
  if (typeof value === 'string') return slugs.has(value) ? `${value}${suffix}` : value;
  if (Array.isArray(value)) return value.map((v) => renamed(v, slugs, suffix));
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, renamed(v, slugs, suffix)]));
  return value;
}

/**
 * `document` and `times - 1` copies of all its records, each copy's slugs (and every reference
 * to them) suffixed with `-x<n>`, so the copies are a whole lattice of their own.
 */
export function multiplied(document: Document, times: number): Document {
  const slugs = new Set(
    SLUGGED.flatMap((kind) => ((document[kind] as { slug: string }[] | undefined) ?? []).map((r) => r.slug)),
  );
  const out: Document = { ...document };
  for (const [kind, records] of Object.entries(document)) {
    if (!Array.isArray(records)) continue;
    out[kind] = [
      ...records,
      ...Array.from({ length: times - 1 }, (_, i) => records.map((r) => renamed(r, slugs, `-x${i + 1}`))).flat(),
    ];
  }
  return out;
}
