/**
 * Node.js options the service runs with wherever it is started. package.json's `start` and
 * `start:prod` scripts and docker/Dockerfile spell them out (tests/support/node-flags.test.ts checks
 * that they agree with this list); the end-to-end tests, the load test and the HTTP benchmarks
 * (bench/compare/http.ts) start it with them (the load test starts PostGraphile with them too:
 * runtime tuning is not an advantage of our code).
 *
 * `--max-semi-space-size=32`: semi-spaces of up to 32 MiB, so the young generation, where a
 * request's short-lived objects die, fills and is collected less often. V8 sizes its default from
 * the memory it may use: Node 24 already grows to 32 MiB on a large host (measured on a 23 GiB
 * one), Node 20 stopped at 16 MiB, and a small container gets less. On Node 20 the flag cut our
 * server CPU per request by about 5% on plain lookups; on Node 24 it matters only where memory is
 * smaller. The young generation can take up to 96 MiB (three semi-spaces; docs/operations.md).
 */
export const SERVICE_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=32'];
