/**
 * PostGraphile 5 (grafast, @dataplan/pg, grafserv) declares `engines: node >= 22` and calls
 * `Promise.withResolvers()` (ES2024, Node 22+); this project runs on Node 20, where it is missing
 * and every PostGraphile query fails with "Cannot read properties of undefined (reading 'items')".
 * Scanning those packages' dist/ for other Node 22-only built-ins (Set methods, Object.groupBy,
 * iterator helpers, Array.fromAsync, Promise.try) found none, so this one spec-shaped polyfill is
 * all the PostGraphile child needs. Imported first by serve-postgraphile.ts; a no-op on Node 22+.
 */
type Resolvers<T> = {
  promise: Promise<T>;
  resolve: (value: T | PromiseLike<T>) => void;
  reject: (reason?: unknown) => void;
};

const PromiseCtor = Promise as PromiseConstructor & { withResolvers?: <T>() => Resolvers<T> };

if (typeof PromiseCtor.withResolvers !== 'function') {
  Object.defineProperty(Promise, 'withResolvers', {
    configurable: true,
    writable: true,
    value: function withResolvers<T>(this: PromiseConstructor): Resolvers<T> {
      let resolve!: Resolvers<T>['resolve'];
      let reject!: Resolvers<T>['reject'];
      const promise = new this<T>((res, rej) => {
        resolve = res;
        reject = rej;
      });
      return { promise, resolve, reject };
    },
  });
}

export {};
