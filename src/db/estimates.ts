/**
 * Documented estimates of costs no source gives (docs/cost-model.md, "Unknown costs"). They are used
 * only to rank pathways and to check `maxCostUsd`, and are always shown as estimates, never as
 * known dollars. Each rule derives from figures in the dataset; none invents a number.
 */

export interface Estimate {
  usd: number;
  /** How the estimate was made, in words a student can read. */
  basis: string;
  /**
   * From fewer than ESTIMATE_MIN_FIGURES known figures: a stand-in, not an estimate. It keeps an
   * unknown part from ranking a pathway cheaper, and the words say so.
   */
  standIn: boolean;
}

/**
 * Fewest known figures an estimate is called one from. A median of one or two is another item's
 * price: the NCLEX-PN's fee "estimated" from the PANCE's, the only exam here with a published fee,
 * came to $550 where secondary pages give $200.
 */
const ESTIMATE_MIN_FIGURES = 3;

/** An estimate of `dollars` from `figures` known figures, its basis in `words`: a stand-in under the minimum. */
function estimateFrom(dollars: number, words: string, figures: number): Estimate {
  const standIn = figures < ESTIMATE_MIN_FIGURES;
  return {
    usd: dollars,
    standIn,
    basis: standIn ? `${words}: a stand-in from too few known figures, not a likely cost` : words,
  };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

const usd = (n: number) => `$${Math.round(n).toLocaleString('en-US')}`;
/** A rate to the cent, which the months multiply ("$1,629 a month" times 12 was not the $19,552 counted). */
const usdCents = (n: number) =>
  `$${n.toLocaleString('en-US', { minimumFractionDigits: Number.isInteger(n) ? 0 : 2, maximumFractionDigits: 2 })}`;
const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/**
 * What an estimate is the median of, in words: "the median known fee of 3 certifications in this
 * dataset", or for a single one "the known fee of the only certification in this dataset that has one".
 */
const medianOf = (what: string, n: number, one: string, many: string) =>
  n === 1
    ? `the known ${what} of the only ${one} in this dataset that has one`
    : `the median known ${what} of ${n} ${many} in this dataset`;

export interface ProgramCostRow {
  id: number;
  credential: string;
  minMonths: number;
  typicalCostUsd: number | null;
}

const CREDENTIAL_NAMES: Record<string, [string, string]> = {
  CERTIFICATE: ['certificate program', 'certificate programs'],
  DIPLOMA: ['diploma program', 'diploma programs'],
  ASSOCIATE: ["associate's degree", "associate's degrees"],
  BACHELOR: ["bachelor's degree", "bachelor's degrees"],
  MASTER: ["master's degree", "master's degrees"],
  DOCTORAL: ['doctoral or professional degree', 'doctoral or professional degrees'],
};

/**
 * An unknown program cost is estimated as the median known cost of programs of the same credential;
 * without enough of them to make an estimate (ESTIMATE_MIN_FIGURES), as the program's months times
 * the median known cost per month of all programs, when that rule has at least as many figures (not
 * for a program of unknown length, 0 months: that would be an estimate of $0). Both are stand-ins
 * then, but the second grows with the program: a 1-month EKG course counted at a year-long
 * practical nursing program's $16,950 was no likely cost at all. Null when no program cost is known.
 */
export function programCostEstimates(rows: readonly ProgramCostRow[]): Map<number, Estimate> {
  const out = new Map<number, Estimate>();
  const known = rows.filter((r) => r.typicalCostUsd !== null);
  const perMonth = known.filter((r) => r.minMonths > 0).map((r) => r.typicalCostUsd! / r.minMonths);
  for (const r of rows) {
    if (r.typicalCostUsd !== null) continue;
    const same = known.filter((k) => k.credential === r.credential).map((k) => k.typicalCostUsd!);
    const [one, many] = CREDENTIAL_NAMES[r.credential] ?? ['program', 'programs'];
    const byMonths =
      perMonth.length > 0 && r.minMonths > 0 && same.length < ESTIMATE_MIN_FIGURES && perMonth.length >= same.length;
    if (same.length > 0 && !byMonths) {
      const m = median(same);
      out.set(r.id, estimateFrom(Math.round(m), `${medianOf('cost', same.length, one, many)}, ${usd(m)}`, same.length));
    } else if (byMonths) {
      // The rate to the cent, then the months: the words' rate times the months is the figure counted.
      const m = Math.round(median(perMonth) * 100) / 100;
      const sameWords =
        same.length === 0
          ? `no ${one} here has a known cost`
          : `only ${plural(same.length, one, many)} here ${same.length === 1 ? 'has' : 'have'} a known cost`;
      out.set(
        r.id,
        estimateFrom(
          Math.round(m * r.minMonths),
          `${plural(r.minMonths, 'month', 'months')} full time at ${medianOf('cost per month', perMonth.length, 'program', 'programs')}, ` +
            `${usdCents(m)} a month; ${sameWords}`,
          perMonth.length,
        ),
      );
    }
  }
  return out;
}

export interface CertificationFeeRow {
  id: number;
  kind: string;
  examFeeUsd: number | null;
  /** Named when its fee alone stands in for another's ("the PANCE's fee"). */
  acronym?: string;
}

const KIND_NAMES: Record<string, [string, string]> = {
  LICENSE: ['licence', 'licences'],
  EXAM: ['exam', 'exams'],
  CERTIFICATION: ['certification', 'certifications'],
};

/**
 * An unknown exam fee is estimated as the median known fee of certifications of the same kind
 * (certification, exam or licence); without any, as the median known fee of all. A licence fee is
 * the exception: state boards set it, so it is estimated only from other known licence fees, never
 * from exam or certification fees. Null when nothing fits.
 */
export function certificationFeeEstimates(rows: readonly CertificationFeeRow[]): Map<number, Estimate> {
  const out = new Map<number, Estimate>();
  const known = rows.filter((r) => r.examFeeUsd !== null);
  for (const r of rows) {
    if (r.examFeeUsd !== null) continue;
    const sameRows = known.filter((k) => k.kind === r.kind);
    const poolRows = sameRows.length > 0 || r.kind === 'LICENSE' ? sameRows : known;
    const pool = poolRows.map((k) => k.examFeeUsd!);
    if (pool.length === 0) continue;
    const m = median(pool);
    const what =
      sameRows.length > 0 ? (KIND_NAMES[r.kind] ?? ['credential', 'credentials']) : ['credential', 'credentials'];
    // One fee standing in for another is named: the NCLEX's "$550" was the physician assistants' PANCE.
    const only = pool.length === 1 ? poolRows[0]!.acronym : undefined;
    out.set(
      r.id,
      estimateFrom(
        Math.round(m),
        only
          ? // "the only certification with a known fee" read as false beside the NCLEX's $200 (an exam).
            `the ${only}’s fee, the only ${what[0]!}${r.kind === 'CERTIFICATION' && sameRows.length > 0 ? ', as against an exam or a licence,' : ''} in this dataset with a known fee, ${usd(m)}`
          : `${medianOf('fee', pool.length, what[0]!, what[1]!)}, ${usd(m)}`,
        pool.length,
      ),
    );
  }
  return out;
}
