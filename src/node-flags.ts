/**
 * Node.js options the service runs with wherever it is started. package.json's `start` and
 * `start:prod` scripts and docker/Dockerfile spell them out (tests/support/node-flags.test.ts checks
 * that they agree with this list); the end-to-end tests and the load test start it with them (the
 * load test starts PostGraphile with them too: runtime tuning is not an advantage of our code).
 *
 * `--max-semi-space-size=32`: semi-spaces of 32 MiB instead of Node 20's default, which is 16 MiB on
 * a host with 8 GiB or more (less where memory is smaller, as in a small container), so the young
 * generation, where a request's short-lived objects die, fills and is collected half as often. On
 * the plain lookups of the load test that cut our server CPU per request by about 5%. The young
 * generation can then take up to 96 MiB (three semi-spaces): 48 MiB more than the default on a large
 * host, up to about 90 MiB more in a container of 1 to 2 GiB (docs/operations.md).
 */
export const SERVICE_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=32'];
