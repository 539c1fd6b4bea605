/**
 * The layering rule (DEVELOPERS.md, "Where things go"): data flows prisma -> src/db -> src/graph ->
 * src/schema -> src/server -> src/main.ts, and imports only point back up that flow. src/graph
 * imports nothing outside itself; src/export reads the schema; src/cli uses db, schema, export and server. src/config.ts, src/paths.ts
 * and src/node-flags.ts are leaves anyone may use; the generated Prisma client belongs to prisma/.
 * `npm test` runs `depcruise src`.
 */
const layer = (name, mayUse) => ({
  name: `${name}-imports-only-upstream`,
  comment: `src/${name} may import only ${mayUse.join(', ') || 'itself'} (and the leaves).`,
  severity: 'error',
  from: { path: `^src/${name}/` },
  to: {
    path: '^src/',
    pathNot: [`^src/${name}/`, '^src/(config|paths|node-flags)\\.ts$', ...mayUse.map((m) => `^src/${m}/`)],
  },
});

module.exports = {
  forbidden: [
    {
      name: 'graph-imports-nothing-outside-itself',
      comment: 'The pathway engine is plain TypeScript over its own types: no I/O, no GraphQL, no Prisma.',
      severity: 'error',
      from: { path: '^src/graph/' },
      to: { pathNot: '^src/graph/' },
    },
    layer('db', ['generated']),
    layer('schema', ['generated', 'db', 'graph']),
    // The graph exports read the schema in-process, as a client would; the server and the CLI serve them.
    layer('export', ['generated', 'db', 'schema']),
    layer('server', ['generated', 'db', 'graph', 'schema', 'export']),
    layer('cli', ['generated', 'db', 'schema', 'server', 'export']),
    {
      name: 'leaves-import-nothing-of-ours',
      severity: 'error',
      from: { path: '^src/(config|paths|node-flags)\\.ts$' },
      to: { path: '^src/' },
    },
    {
      name: 'nothing-imports-main',
      severity: 'error',
      from: {},
      to: { path: '^src/main\\.ts$' },
    },
    {
      name: 'no-cycles',
      comment:
        'Two modules that import each other at run time are one concept split in two, or two tangled ' +
        '(a type-only import back, as landmarks.ts has of build.ts, loads nothing).',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/generated/' },
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^src/generated/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
  },
};
