/**
 * The career lattice as flat rows for analysts' tools: one per role, one per move. It is read
 * through the public GraphQL schema, executed in-process with the caller's rights, so the files
 * say exactly what the API says. Every field the export reads is in the two documents below:
 * when the API changes (nullable pathway costs, estimated O*NET moves with a `basis`), they and
 * `toEdge` are the only places to follow it.
 */
import { execute, type ExecutionResult, parse } from 'graphql';
import type { Context } from '../schema/builder.js';
import { schema } from '../schema/index.js';

/** A role. */
export type LatticeNode = { id: string; title: string; track: string; level: string };

/** A move from one role to another. */
export type LatticeEdge = {
  from: string;
  to: string;
  kind: string;
  /** Months from a standing start (`Transition.estimatedMonths`). */
  months: number;
  /** The most months its sources give (`Transition.estimatedMonthsUpTo`); `months` when they give no range. */
  monthsUpTo: number;
  /** Dollars from a standing start, the cheapest way; null when part of it is unknown. */
  costUsd: number | null;
  /** The dollars that are known (all of them, when `costUsd` is not null). */
  knownCostUsd: number;
  minYearsExperience: number;
  /** Whether those years are the curators' estimate, not a source's figure (`Transition.yearsEstimated`). */
  yearsEstimated: boolean;
  /** "CMA or RMA; CPC": every group needed, any one certification of a group. */
  requirements: string;
  /** Programs the move requires, by name, separated by "; ". */
  training: string;
  /** "Title (Publisher, Year)", separated by "; ". */
  sources: string;
  /** Where the move comes from: "curated" for the dataset's own moves. */
  basis: string;
  /**
   * What the move may ask that no source describes, in words (`Transition.unknownTraining`); null
   * when nothing. Where it is given, `months` and the cost are only what is known: at least that.
   */
  unknownTraining: string | null;
};

export type Lattice = { nodes: LatticeNode[]; edges: LatticeEdge[] };

const ROLES = parse(`
  query ExportRoles($after: String) {
    roles(first: 100, after: $after) {
      pageInfo { hasNextPage endCursor }
      nodes {
        slug title level track { slug }
        nextSteps {
          kind estimatedMonths estimatedMonthsUpTo minYearsExperience yearsEstimated unknownTraining
          to { slug }
          requirements { anyOf { acronym } }
          training { name }
          sources { title year publisher { name } }
        }
      }
    }
  }
`);

/** A move's cost from a standing start is the cheapest one-step pathway's: the engine's cost model. */
const costsOf = (count: number) =>
  parse(`query ExportCosts(${Array.from({ length: count }, (_, i) => `$f${i}: String!, $t${i}: String!`).join(', ')}) {
    ${Array.from(
      { length: count },
      (_, i) =>
        `e${i}: pathways(from: $f${i}, to: $t${i}, first: 1, rankBy: CHEAPEST, constraints: { maxSteps: 1 }) { totalCostUsd knownCostUsd }`,
    ).join('\n')}
  }`);

type Step = {
  kind: string;
  estimatedMonths: number;
  estimatedMonthsUpTo: number;
  unknownTraining: string | null;
  minYearsExperience: number;
  yearsEstimated: boolean;
  to: { slug: string };
  requirements: { anyOf: { acronym: string }[] }[];
  training: { name: string }[];
  sources: { title: string; year: number; publisher: { name: string } }[];
};
type RolesPage = {
  roles: {
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    nodes: { slug: string; title: string; level: string; track: { slug: string }; nextSteps: Step[] }[];
  };
};
type Cost = { totalCostUsd: number | null; knownCostUsd: number };

const COST_BATCH = 50;

async function run<T>(context: Context, document: ReturnType<typeof parse>, variables: Record<string, unknown>) {
  const result = (await execute({
    schema,
    document,
    contextValue: context,
    variableValues: variables,
  })) as ExecutionResult<T>;
  if (result.errors?.length) throw result.errors[0];
  return result.data!;
}

function toEdge(from: string, step: Step, cost: Cost | undefined): LatticeEdge {
  return {
    from,
    to: step.to.slug,
    kind: step.kind,
    months: step.estimatedMonths,
    monthsUpTo: step.estimatedMonthsUpTo,
    costUsd: cost?.totalCostUsd ?? null,
    knownCostUsd: cost?.knownCostUsd ?? 0,
    minYearsExperience: step.minYearsExperience,
    yearsEstimated: step.yearsEstimated,
    requirements: step.requirements.map((g) => g.anyOf.map((c) => c.acronym).join(' or ')).join('; '),
    training: step.training.map((t) => t.name).join('; '),
    sources: step.sources.map((s) => `${s.title} (${s.publisher.name}, ${s.year})`).join('; '),
    basis: 'curated',
    unknownTraining: step.unknownTraining,
  };
}

/** Reads every role and move, with `context`'s rights (a caller without them gets its error). */
export async function readLattice(context: Context): Promise<Lattice> {
  const roles: RolesPage['roles']['nodes'] = [];
  for (let after: string | null = null; ;) {
    const page: RolesPage = await run<RolesPage>(context, ROLES, { after });
    roles.push(...page.roles.nodes);
    if (!page.roles.pageInfo.hasNextPage) break;
    after = page.roles.pageInfo.endCursor;
  }
  const moves = roles.flatMap((role) => role.nextSteps.map((step) => ({ from: role.slug, step })));
  const costs: (Cost | undefined)[] = [];
  for (let start = 0; start < moves.length; start += COST_BATCH) {
    const batch = moves.slice(start, start + COST_BATCH);
    const variables = Object.fromEntries(
      batch.flatMap((m, i) => [
        [`f${i}`, m.from],
        [`t${i}`, m.step.to.slug],
      ]),
    );
    const data = await run<Record<string, Cost[]>>(context, costsOf(batch.length), variables);
    batch.forEach((_, i) => costs.push(data[`e${i}`]![0]));
  }
  return {
    nodes: roles.map((r) => ({ id: r.slug, title: r.title, track: r.track.slug, level: r.level })),
    edges: moves.map((m, i) => toEdge(m.from, m.step, costs[i])),
  };
}
