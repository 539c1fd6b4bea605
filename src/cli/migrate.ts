/**
 * `npm run db:migrate [-- --seed-if-empty]`: applies pending SQL migrations (opening the database
 * migrates it) and, with the flag, loads the curated dataset into an empty database.
 */
import { run, withDatabase } from './with-database.js';

const seed = process.argv.includes('--seed-if-empty');
run(() => withDatabase(async () => console.error('The database schema is up to date.'), { seed }));
