/** Errors a client can cause: stable codes, messages that name the bad value. */
import { GraphQLError } from 'graphql';

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

/** An argument named something that does not exist. */
export function notFound(what: string, slug: string, argument: string): GraphQLError {
  return new GraphQLError(`No ${what} has the slug "${clip(slug)}" (argument "${argument}").`, {
    extensions: { code: 'NOT_FOUND', argument, slug: clip(slug) },
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

/** Refuses a page size above the maximum instead of silently cutting it. */
export function checkPageSize(args: { first?: number | null; last?: number | null }, max: number = PAGE.max): void {
  for (const name of ['first', 'last'] as const) {
    const value = args[name];
    if (value == null) continue;
    if (value < 0) throw badInput(name, `must not be negative (got ${value}).`);
    if (value > max) throw badInput(name, `must be at most ${max} (got ${value}).`);
  }
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
