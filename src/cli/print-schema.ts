/**
 * `npm run schema:print` writes schema.graphql; `-- --check` fails when the committed file is out
 * of date, so every API change shows up as a reviewable diff.
 */
import fs from 'node:fs';
import path from 'node:path';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { projectRoot } from '../paths.js';
import { schema } from '../schema/index.js';

export const schemaFile = path.join(projectRoot, 'schema.graphql');
export const printedSchema = () => `${printSchema(lexicographicSortSchema(schema))}\n`;

if (process.argv[1] === import.meta.filename) {
  const printed = printedSchema();
  if (process.argv.includes('--check')) {
    const committed = fs.existsSync(schemaFile) ? fs.readFileSync(schemaFile, 'utf8') : '';
    if (committed !== printed) {
      console.error('schema.graphql is out of date: run `npm run schema:print` and commit it.');
      process.exit(1);
    }
  } else {
    fs.writeFileSync(schemaFile, printed);
    console.error(`Wrote ${path.relative(process.cwd(), schemaFile)}`);
  }
}
