/** `npm run db:migrate`: applies pending SQL migrations (opening the database migrates it). */
import { run, withDatabase } from './with-database.js';

run(() => withDatabase(async () => console.error('The database schema is up to date.')));
