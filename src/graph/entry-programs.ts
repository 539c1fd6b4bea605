/**
 * The ids of an occupation's estimated entry programs (src/server/estimated-moves.ts builds them;
 * the API reads which way one came, src/schema/pathway.ts).
 *
 * How an occupation's estimated entry program comes: its typical entry education alone (PLAIN); for
 * a graduate degree, with the bachelor's it builds on counted in (WITH_BACHELORS, for a source
 * occupation whose typical education has none); or after the dataset's bachelor's degree as its
 * prerequisite (AFTER_BACHELORS, for a curated role whose holders need not have one: a profile may
 * say they do, a BSN say). Only the few moves from curated roles take the last: a prerequisite
 * shared by thousands of moves nearly doubled the p95 of searches on the real graph.
 */
export const PLAIN = 0;
export const WITH_BACHELORS = 1;
export const AFTER_BACHELORS = 2;
/** The ids of an occupation's estimated entry programs, one per way (negative: never a curated program's). */
export const entryProgramId = (occupationId: number, way = PLAIN) => -(3 * occupationId + way);
/** Whether a program id is an estimated graduate entry program with its bachelor's counted in. */
export const bachelorsCountedIn = (programId: number) => programId < 0 && -programId % 3 === WITH_BACHELORS;
