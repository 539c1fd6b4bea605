/**
 * `{ ...base, ...extra }` for objects built on every request, without the object literal's cost.
 *
 * On the V8 in Node.js 20 an object literal that starts with a spread and goes on with more
 * properties (`{ ...query, where }`) is slow to build: about 0.5 µs per added property, where the
 * same object built by `Object.assign` takes under 0.1 µs (measured with the query objects Pothos
 * builds). A page of roles built two such objects per request, and the cost extension two more.
 * The result is the same for the plain data objects used here: the own enumerable properties of
 * `base`, then those of `extra`, the later winning, in the order the literal would have them.
 */
export function spread<Base extends object, Extra extends object>(
  base: Base,
  extra: Extra,
): Omit<Base, keyof Extra> & Extra {
  return Object.assign({}, base, extra);
}
