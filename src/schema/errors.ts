/** Errors a client can cause: stable codes, messages that name the bad value. */
import { closest, distance } from 'fastest-levenshtein';
import { GraphQLError, type GraphQLSchema, defaultFieldResolver, getNamedType, isObjectType } from 'graphql';
import type { PrismaClient } from '../db/client.js';
import { ALIAS_NAMES, aliasKey, aliasMap } from './snapshot.js';

/** How many characters of a client's value a message repeats. */
const ECHOED = 80;

/** A client's value as a message repeats it: whole when short, else its start and its length. */
export function clip(value: string, max = ECHOED): string {
  return value.length <= max ? value : `${value.slice(0, max)}… (${value.length} characters)`;
}

/** A message with every long quoted value in it clipped, e.g. one graphql-js wrote about a variable. */
export function clipQuoted(message: string): string {
  return message.replace(/"(?:[^"\\]|\\.){81,}"/g, (quoted) => `"${clip(quoted.slice(1, -1))}"`);
}

/** What a slug names, as an error says it. */
export type SlugKind = 'role' | 'track' | 'certification' | 'training program' | 'organization' | 'source';

/** How a slug is matched: whatever its case and surrounding spaces (stored slugs are lower case). */
export const slugKey = (slug: string): string => slug.trim().toLowerCase();

/** Words a slug may carry or leave out without naming anything else. */
const SMALL_WORDS = new Set(['and', 'of', 'the', 'in', 'for', 'a', 'an', 'to']);

/** How many unknown slugs an error names before it says how many more there are. */
const NAMED = 5;

/**
 * Known slugs close to `wanted`: the one it is another name of (an acronym, an alternate title:
 * `aliases`, by aliasKey), the nearest by edit distance, and any that contain it. At most three.
 */
export function suggestSlugs(
  wanted: string,
  known: readonly string[],
  aliases?: ReadonlyMap<string, string>,
): string[] {
  if (known.length === 0 || wanted.length > 200) return [];
  const normal = slugKey(wanted).replace(/[\s_]+/g, '-');
  const out = new Set<string>();
  const named = aliases?.get(aliasKey(wanted));
  if (named !== undefined) out.add(named);
  if (known.includes(normal)) out.add(normal);
  // A word of the slug ("rn" in "rn-license"), a slug the word begins first ("rn-license" before
  // "nclex-rn", the exam an interface taking the first suggestion would record for a licence); then
  // a part of a slug; the nearest by spelling only when none of these names one: "RN" heard "rma"
  // (the registered medical assistant), "LPN" also "cpt".
  const worded = known.filter((s) => s.split('-').includes(normal));
  for (const s of [...worded].sort((a, b) => a.split('-').indexOf(normal) - b.split('-').indexOf(normal))) out.add(s);
  for (const s of known) if (normal.length >= 3 && s.includes(normal)) out.add(s);
  // Every word typed among a slug's words, the small ones aside: "billing-and-coding-specialist"
  // found nothing, though "medical-billing-coding-specialist" has each of its words.
  const words = normal.split('-').filter((w) => w.length > 0 && !SMALL_WORDS.has(w));
  if (out.size === 0 && words.length > 1)
    for (const s of known) {
      const theirs = new Set(s.split('-'));
      if (words.every((w) => theirs.has(w))) out.add(s);
    }
  if (out.size === 0) {
    const best = closest(normal, known as string[]);
    if (distance(normal, best) <= Math.max(2, Math.floor(best.length / 3))) out.add(best);
  }
  return [...out].slice(0, 3);
}

/** " Did you mean "a" or "b"?" for the suggestions, or nothing. */
export const didYouMean = (suggestions: readonly string[]): string =>
  suggestions.length ? ` Did you mean ${suggestions.map((s) => `"${s}"`).join(' or ')}?` : '';

/**
 * NOT_FOUND for the unknown slugs of one argument: names them (a few, shortened, whatever the
 * input's size) and, for a single one, suggests the nearest known slugs (`extensions.suggestions`);
 * of two or three, each has its nearest beside it.
 */
export function unknownSlugs(
  what: SlugKind,
  argument: string,
  unknown: readonly string[],
  known: readonly string[] = [],
  aliases?: ReadonlyMap<string, string>,
): GraphQLError {
  const distinct = [...new Set(unknown)];
  // Two or three: each named with its nearest slug ("cma-aama" beside "zzz" lost its "cma").
  const shown = distinct.slice(0, NAMED).map((s) => {
    const near = distinct.length > 1 && distinct.length <= 3 ? suggestSlugs(s, known, aliases)[0] : undefined;
    return `"${clip(s)}"${near === undefined ? '' : ` (perhaps "${near}")`}`;
  });
  const more = distinct.length > NAMED ? ` and ${distinct.length - NAMED} more` : '';
  const suggest = distinct.length === 1 ? suggestSlugs(distinct[0]!, known, aliases) : [];
  // Of several, the first one's, as `slug` is (the message names each one's nearest beside it).
  const firstSuggest = distinct.length > 1 ? suggestSlugs(distinct[0]!, known, aliases) : suggest;
  const noun =
    distinct.length === 1
      ? `No ${what} has the slug ${shown[0]}`
      : `No ${what} has the slugs ${shown.join(', ')}${more}`;
  return new GraphQLError(`${noun} (argument "${argument}").${didYouMean(suggest)}`, {
    extensions: {
      code: 'NOT_FOUND',
      argument,
      slug: (distinct[0] ?? '').slice(0, 200),
      ...(firstSuggest.length ? { suggestions: firstSuggest } : {}),
    },
  });
}

const SLUGS = { select: { slug: true } } as const;
/** How to read every slug of each kind of record. */
const slugReaders: Record<SlugKind, (prisma: PrismaClient) => Promise<{ slug: string }[]>> = {
  role: (prisma) => prisma.role.findMany(SLUGS),
  track: (prisma) => prisma.track.findMany(SLUGS),
  certification: (prisma) => prisma.certification.findMany(SLUGS),
  'training program': (prisma) => prisma.trainingProgram.findMany(SLUGS),
  organization: (prisma) => prisma.organization.findMany(SLUGS),
  source: (prisma) => prisma.source.findMany(SLUGS),
};

/** Every slug of one kind of record, for suggestions (read only when a slug was not found). */
export async function knownSlugs(prisma: PrismaClient, what: SlugKind): Promise<string[]> {
  return (await slugReaders[what](prisma)).map((r) => r.slug);
}

/** Other names of the records of one kind (GraphSnapshot.aliases), read only when a slug was not found. */
async function knownAliases(prisma: PrismaClient, what: SlugKind): Promise<Map<string, string> | undefined> {
  if (what === 'role')
    return aliasMap(
      await prisma.role.findMany({ select: { slug: true, title: true, alternateTitles: true } }),
      ALIAS_NAMES.role,
    );
  if (what === 'certification')
    return aliasMap(
      await prisma.certification.findMany({ select: { slug: true, acronym: true, name: true } }),
      ALIAS_NAMES.certification,
    );
  if (what === 'training program')
    return aliasMap(
      await prisma.trainingProgram.findMany({ select: { slug: true, name: true } }),
      ALIAS_NAMES['training program'],
    );
  return undefined;
}

/**
 * The record a slug argument names, matched whatever its case, or NOT_FOUND suggesting the
 * nearest slugs. `find` reads the record by its (lower-case) slug.
 */
export async function bySlug<T>(
  prisma: PrismaClient,
  what: SlugKind,
  slug: string,
  argument: string,
  find: (slug: string) => Promise<T | null>,
): Promise<T> {
  const found = await find(slugKey(slug));
  if (found === null)
    throw unknownSlugs(what, argument, [slug], await knownSlugs(prisma, what), await knownAliases(prisma, what));
  return found;
}

/** An error naming one bad argument (`extensions.argument`), such as badInput's or unknownSlugs'. */
const isArgumentError = (error: unknown): error is GraphQLError =>
  error instanceof GraphQLError && typeof error.extensions.argument === 'string';

/**
 * The values of several arguments, each from its own check, in order (one at a time: a check may
 * read the database). A request with more than one bad argument hears of all of them at once: one
 * error whose message has each one's words, with the first one's code and extensions and
 * `extensions.arguments` naming every bad argument. Any other error is thrown as it is.
 */
export async function eachArgument<T extends readonly unknown[]>(
  ...checks: { [K in keyof T]: () => T[K] | Promise<T[K]> }
): Promise<T> {
  const values: unknown[] = [];
  const errors: GraphQLError[] = [];
  for (const check of checks as readonly (() => unknown)[])
    try {
      values.push(await check());
    } catch (error) {
      if (!isArgumentError(error)) throw error;
      errors.push(error);
    }
  return allOrThrow(values as unknown as T, errors);
}

/**
 * eachArgument for checks that read nothing (a profile's parts): `heldCertifications: ["nope"]` went
 * unnamed beside a bad `completedPrograms`, the first check's error thrown alone.
 */
export function eachArgumentNow<T extends readonly unknown[]>(...checks: { [K in keyof T]: () => T[K] }): T {
  const values: unknown[] = [];
  const errors: GraphQLError[] = [];
  for (const check of checks as readonly (() => unknown)[])
    try {
      values.push(check());
    } catch (error) {
      if (!isArgumentError(error)) throw error;
      errors.push(error);
    }
  return allOrThrow(values as unknown as T, errors);
}

/** The values where no check failed; else one error naming every failure (eachArgument). */
function allOrThrow<T>(values: T, errors: GraphQLError[]): T {
  if (errors.length === 0) return values;
  if (errors.length === 1) throw errors[0]!;
  throw new GraphQLError(errors.map((e) => e.message).join(' '), {
    extensions: { ...errors[0]!.extensions, arguments: errors.map((e) => e.extensions.argument) },
  });
}

/** An argument's value is not acceptable. */
export function badInput(argument: string, message: string): GraphQLError {
  return new GraphQLError(`Invalid argument "${argument}": ${message}`, {
    extensions: { code: 'BAD_USER_INPUT', argument },
  });
}

/** Page sizes: `first`/`last` default to 20 and may not exceed 100. */
export const PAGE = { default: 20, max: 100 } as const;

type PageArgs = { first?: number | null; last?: number | null; after?: string | null; before?: string | null };

/** Refuses a page size above the maximum instead of silently cutting it, and first with last. */
function checkPageSize(args: PageArgs, max: number = PAGE.max): void {
  // Relay "strongly discourages" both; Pothos' connections took the last `first` items of the list.
  if (args.first != null && args.last != null)
    throw badInput('last', `give first or last, not both (got first: ${args.first}, last: ${args.last}).`);
  // Pothos refused these too, but named no argument.
  if (args.after != null && args.before != null)
    throw badInput('before', 'give after (with first) or before (with last), not both.');
  if (args.after != null && args.last != null)
    throw badInput('last', 'after pages forwards: give it with first, or give last with before.');
  if (args.before != null && args.first != null)
    throw badInput('first', 'before pages backwards: give it with last, or give first with after.');
  for (const name of ['first', 'last'] as const) {
    const value = args[name];
    if (value == null) continue;
    if (value < 0) throw badInput(name, `must not be negative (got ${value}).`);
    if (value > max) throw badInput(name, `must be at most ${max} (got ${value}).`);
  }
}

/** A list field's check of its filters, by "Type.field" (filterCheck). */
const filterChecks = new Map<string, (args: never, context: { prisma: PrismaClient }) => Promise<unknown>>();

/**
 * Registers the check of a list field's filters, run with the check of its page sizes before anything below
 * it (capPageSizes): `roles(track: "nope") { totalCount }` was refused at `roles.totalCount`, and
 * `occupations(search: "%") { __typename }` not at all, since Pothos reads the filters only where
 * the rows or the count are.
 */
export function filterCheck<A>(field: string, check: (args: A, context: { prisma: PrismaClient }) => Promise<unknown>) {
  filterChecks.set(field, check as (args: never, context: { prisma: PrismaClient }) => Promise<unknown>);
}

/**
 * `where(prisma, args)` once per arguments object, so that a list field's filter check, its rows and
 * its count share one reading of the filters (and one search).
 */
export function oncePerArgs<A extends object, W>(
  where: (prisma: PrismaClient, args: A) => Promise<W>,
): (prisma: PrismaClient, args: A) => Promise<W> {
  const memo = new WeakMap<A, Promise<W>>();
  return (prisma, args) => {
    let found = memo.get(args);
    if (found === undefined) memo.set(args, (found = where(prisma, args)));
    return found;
  };
}

/**
 * Makes every connection field check `first` and `last` against the cap, and its filters
 * (filterCheck), before anything else runs, whatever the request selects below it: a Prisma
 * connection asked only for `totalCount` never calls its own resolver, so a check there would not run.
 */
export function capPageSizes(schema: GraphQLSchema): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      if (!getNamedType(field.type).name.endsWith('Connection')) continue;
      if (!field.args.some((a) => a.name === 'first' || a.name === 'last')) continue;
      const resolve = field.resolve ?? defaultFieldResolver;
      const filters = filterChecks.get(`${type.name}.${field.name}`);
      field.resolve = (source, args, context, info) => {
        checkPageSize(args as PageArgs);
        // The field's own resolver first: the input guard (input-guard.ts) refuses a NUL character or
        // a foreign cursor there, before a filter could send it to PostgreSQL. Both are awaited, so
        // that neither's refusal is left unhandled; they share one reading of the filters.
        const result = resolve(source, args, context, info);
        if (filters === undefined) return result;
        return Promise.all([filters(args as never, context as { prisma: PrismaClient }), result]).then(
          ([, value]) => value,
        );
      };
    }
  }
  return schema;
}

/**
 * Names and descriptions for a Prisma connection and its edges, with `totalCount` described
 * (the plugin adds that field without a description).
 */
export function connectionOf(typeName: string, plural: string) {
  return [
    {
      name: `${typeName}Connection`,
      description: `A page of ${plural}, with the total across all pages.`,
      fields: (t: { int: (options: object) => unknown }) => ({
        totalCount: t.int({
          description: `How many ${plural} match, across all pages.`,
          nullable: false,
          extensions: { pothosPrismaTotalCount: true },
          resolve: (parent: { totalCount?: () => number }) => parent.totalCount?.(),
        }),
      }),
    },
    { name: `${typeName}Edge`, description: `One of the ${plural} in a page, with its cursor.` },
  ] as [never, never];
}
