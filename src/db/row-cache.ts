/**
 * The rows pathway answers mention (roles, occupations, curated moves, certifications, programs),
 * read from the database once and then kept in memory until the data changes: the GraphStore
 * makes a new RowCache whenever it is invalidated, which every change notification does, on every
 * replica (docs/decisions/020-pathway-answers-from-memory.md).
 *
 * A pathway request that selects only a table's columns (`toNode { key }`, `steps { transition
 * { rationale } }`) is answered from here with no database round trip after the first; one that
 * selects relations below them (a role's track) still reads those rows with their relations, per
 * request, as before. Rows kept are answered synchronously; the ids of a request not kept yet are
 * read in one query per table. An LRU bounds what is kept per table.
 */
import { LRUCache } from 'lru-cache';
import type { PrismaClient } from './client.js';
import type { Certification, Occupation, Role, TrainingProgram, Transition } from '../generated/prisma/client.js';

/** Rows kept per table: far more than the real graph's (about a thousand occupations), bounded for larger data. */
const MAX_ROWS_PER_TABLE = 20_000;

/** One table's rows by id. Rows are frozen: every request shares them. */
export class RowTable<T extends { id: number }> {
  readonly #kept = new LRUCache<number, T>({ max: MAX_ROWS_PER_TABLE });
  constructor(private readonly read: (ids: number[]) => Promise<T[]>) {}

  /** The rows of these ids by id, at once when all are kept; ids with no row are left out. */
  byId(ids: readonly number[]): Map<number, T> | Promise<Map<number, T>> {
    const out = new Map<number, T>();
    const missing: number[] = [];
    for (const id of ids) {
      const row = this.#kept.get(id);
      if (row === undefined) missing.push(id);
      else out.set(id, row);
    }
    if (missing.length === 0) return out;
    return this.read(missing).then((rows) => {
      for (const row of rows) {
        Object.freeze(row);
        this.#kept.set(row.id, row);
        out.set(row.id, row);
      }
      return out;
    });
  }
}

/** One version of the data's rows, as whole rows (every column, no relation). */
export class RowCache {
  readonly role: RowTable<Role>;
  readonly occupation: RowTable<Occupation>;
  readonly transition: RowTable<Transition>;
  readonly certification: RowTable<Certification>;
  readonly trainingProgram: RowTable<TrainingProgram>;

  constructor(prisma: PrismaClient) {
    this.role = new RowTable((ids) => prisma.role.findMany({ where: { id: { in: ids } } }));
    this.occupation = new RowTable((ids) => prisma.occupation.findMany({ where: { id: { in: ids } } }));
    this.transition = new RowTable((ids) => prisma.transition.findMany({ where: { id: { in: ids } } }));
    this.certification = new RowTable((ids) => prisma.certification.findMany({ where: { id: { in: ids } } }));
    this.trainingProgram = new RowTable((ids) => prisma.trainingProgram.findMany({ where: { id: { in: ids } } }));
  }
}

/**
 * Whether a Prisma query Pothos planned for a field (queryFromInfo) asks for columns only, no
 * relation: then a whole row of the table answers it as well as the row the query would read.
 */
export function columnsOnly(query: { select?: Record<string, unknown>; include?: Record<string, unknown> }): boolean {
  return Object.entries(query).every(
    ([key, value]) =>
      (key === 'select' && Object.values(value as object).every((v) => v === true)) ||
      (key === 'include' && Object.keys(value as object).length === 0),
  );
}
