/**
 * What the curated dataset must agree on with the official one: every role's occupation exists
 * (and its socCode, if given, is that occupation's), a program cost taken from IPEDS is the IPEDS
 * median it names, and the sources the official data cites stay in sources.yaml.
 */
import type { Prisma } from '../../generated/prisma/client.js';
import type { Dataset } from '../dataset/format.js';
import type { DatasetProblem } from '../dataset/read.js';
import { recordLabel } from '../dataset/read.js';
import { type OfficialData, socOf } from './data.js';

type Tx = Prisma.TransactionClient;

/** The parts of the official dataset the curated one refers to. */
export type OfficialFacts = {
  /** O*NET-SOC code -> SOC code. */
  occupations: Map<string, string>;
  /** The IPEDS source and year, and its medians by "cip|schools". */
  ipeds: { source: string; year: number; medians: Map<string, { median: number; schoolCount: number }> } | null;
  /** Sources the official data cites. */
  sources: Set<string>;
};

const medianKey = (cip: string, schools: string) => `${cip}|${schools}`;

/** The facts of a dataset about to be loaded. */
export function factsOf(data: OfficialData): OfficialFacts {
  const m = data.manifest;
  return {
    occupations: new Map(data.occupations.map((o) => [o.code, socOf(o.code)])),
    ipeds: {
      source: m.ipeds.source,
      year: m.ipeds.year,
      medians: new Map(
        data.programCosts.map((c) => [
          medianKey(c.cipCode, c.schools),
          { median: c.medianUsd, schoolCount: c.schoolCount },
        ]),
      ),
    },
    sources: new Set([m.onet.source, ...m.oews.map((r) => r.source), m.projections.source, m.ipeds.source]),
  };
}

/** The facts of the dataset already in the database (empty when none is loaded). */
export async function loadedFacts(tx: Tx): Promise<OfficialFacts> {
  const occupations = await tx.occupation.findMany({ select: { code: true, socCode: true } });
  // One joined query rather than two round trips: it runs under the writers' lock (load.ts).
  const medians = await tx.programCostMedian.findMany({
    relationLoadStrategy: 'join',
    include: { source: { select: { slug: true } } },
  });
  const cited = await tx.$queryRaw<{ slug: string }[]>`
    SELECT DISTINCT s.slug FROM source s
    WHERE s.id IN (SELECT source_id FROM occupation_wage UNION SELECT source_id FROM occupation_projection
                   UNION SELECT source_id FROM program_cost_median)`;
  const first = medians[0];
  return {
    occupations: new Map(occupations.map((o) => [o.code, o.socCode])),
    ipeds: first
      ? {
          source: first.source.slug,
          year: first.year,
          medians: new Map(
            medians.map((m) => [
              medianKey(m.cipCode, m.schools),
              { median: m.medianUsd.toNumber(), schoolCount: m.schoolCount },
            ]),
          ),
        }
      : null,
    sources: new Set(cited.map((c) => c.slug)),
  };
}

/** An IPEDS median in whole dollars, halves rounded up ($16,614.50 -> $16,615). */
const wholeDollars = (median: number) => Math.floor(median + 0.5);

/** Problems between a curated dataset and the official facts; empty when they agree. */
export function checkAgainstOfficial(
  d: Dataset,
  facts: OfficialFacts,
  fileOf = (k: string) => `${k}.yaml`,
): DatasetProblem[] {
  const problems: DatasetProblem[] = [];
  const report = (
    kind: keyof Dataset,
    record: unknown,
    index: number,
    field: string,
    message: string,
    unknown = false,
  ) =>
    problems.push({
      file: fileOf(kind),
      record: recordLabel(kind, record, index),
      field,
      message,
      code: unknown ? 'UNKNOWN_REFERENCE' : 'INVALID',
    });

  d.roles.forEach((r, i) => {
    if (r.occupation === undefined) return;
    const soc = facts.occupations.get(r.occupation);
    if (soc === undefined)
      report('roles', r, i, 'occupation', `unknown occupation "${r.occupation}" (not in the loaded O*NET data)`, true);
    else if (r.socCode !== undefined && r.socCode !== soc)
      report('roles', r, i, 'socCode', `must be "${soc}", the SOC code of its occupation ${r.occupation}`);
  });

  d['training-programs'].forEach((p, i) => {
    const cost = p.typicalCost;
    if (!cost || !facts.ipeds || cost.source !== facts.ipeds.source) return;
    if (!p.cipCode || !cost.schools) {
      report(
        'training-programs',
        p,
        i,
        p.cipCode ? 'typicalCost.schools' : 'cipCode',
        'an IPEDS cost needs the program’s cipCode and the schools it describes',
      );
      return;
    }
    const median = facts.ipeds.medians.get(medianKey(p.cipCode, cost.schools));
    if (!median) {
      report(
        'training-programs',
        p,
        i,
        'typicalCost.source',
        `IPEDS has no median for CIP ${p.cipCode} (${cost.schools}); re-run the importer after mapping it`,
      );
      return;
    }
    const usd = wholeDollars(median.median);
    if (cost.usd !== usd || cost.schoolCount !== median.schoolCount || cost.year !== facts.ipeds.year)
      report(
        'training-programs',
        p,
        i,
        'typicalCost',
        `must be the IPEDS median: usd ${usd}, schoolCount ${median.schoolCount}, year ${facts.ipeds.year}`,
      );
  });

  const sources = new Set(d.sources.map((s) => s.slug));
  for (const slug of facts.sources)
    if (!sources.has(slug))
      problems.push({
        file: fileOf('sources'),
        record: `"${slug}"`,
        field: 'slug',
        message: 'is cited by the official dataset (prisma/data/official/manifest.yaml) and must stay',
        code: 'UNKNOWN_REFERENCE',
      });
  return problems;
}
