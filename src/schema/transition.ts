import { TransitionKind as TransitionKinds } from '../generated/prisma/enums.js';
import { estimatedMonths } from '../graph/cost.js';
import { pathwayMonthsUpTo } from '../graph/explain.js';
import { evaluatePathway } from '../graph/index.js';
import { transitionKey } from '../db/dataset/export.js';
import { builder, type Context } from './builder.js';
import { LIST_SIZES, listOf } from './cost.js';
import { editingMutations, type InputFields, merge } from './editing.js';
import { Certification } from './certification.js';
import { namesOf } from './pathway-names.js';
import { Source } from './source.js';
import { TrainingProgram } from './training-program.js';

type ProgramTable = Map<number, { minMonths: number; maxMonths: number | null; prerequisites: number[] }>;
const programTables = new WeakMap<Context, Promise<ProgramTable>>();

/** Every program's months and prerequisites, read once per request (a small table) for estimatedMonths. */
function programTable(ctx: Context): Promise<ProgramTable> {
  let table = programTables.get(ctx);
  if (table === undefined) {
    table = ctx.prisma.trainingProgram
      .findMany({
        select: { id: true, minMonths: true, maxMonths: true, prerequisites: { select: { prerequisiteId: true } } },
      })
      .then(
        (rows) =>
          new Map(
            rows.map((p) => [
              p.id,
              {
                minMonths: p.minMonths,
                maxMonths: p.maxMonths,
                prerequisites: p.prerequisites.map((q) => q.prerequisiteId),
              },
            ]),
          ),
      );
    programTables.set(ctx, table);
  }
  return table;
}

type MoveRow = {
  id: number;
  minYearsExperience: { toNumber(): number };
  training: { programId: number }[];
  unknownTraining: string | null;
};

/**
 * A move's months from a standing start, shortest and longest: the pathway engine's answer for this
 * move alone, so the figures never disagree with a pathway (the COA's six months of work were left
 * out: "no time" beside a 6-month pathway); without the index, a count of its experience and
 * programs.
 */
/** A move's figures from a standing start; `untimed`: part of its time is not known (undescribed training it asks). */
type MoveAlone = { months: number; upTo: number; untimed: boolean };

function moveAlone(tr: MoveRow, ctx: Context): Promise<MoveAlone> {
  // Once per row: estimatedMonths and estimatedMonthsUpTo both ask for it.
  let figures = movesAlone.get(tr);
  if (figures === undefined) movesAlone.set(tr, (figures = countMoveAlone(tr, ctx)));
  return figures;
}

const movesAlone = new WeakMap<MoveRow, Promise<MoveAlone>>();

async function countMoveAlone(tr: MoveRow, ctx: Context): Promise<MoveAlone> {
  const snapshot = await ctx.graph.current().catch(() => null);
  if (snapshot?.index.edgeIndexByTransitionId.has(tr.id)) {
    try {
      const pathway = evaluatePathway(snapshot.index, [tr.id]);
      return {
        months: pathway.totalMonths,
        upTo: pathwayMonthsUpTo(pathway, namesOf(snapshot)),
        // As the step counts it: training a held certification spares is not asked.
        untimed: pathway.steps[0]!.unknownTraining,
      };
    } catch {
      // Not completable alone (no limits are given, so not expected): the static count below.
    }
  }
  const programs = await programTable(ctx);
  const months: number[] = [];
  const longest: number[] = [];
  const taken = new Set<number>();
  // The programs a move's training requires first (a bachelor's degree before a PA master's):
  // a pathway takes them, so a figure without them promised 36 months for 84.
  const take = (id: number): void => {
    const program = programs.get(id);
    if (taken.has(id) || !program) return;
    taken.add(id);
    for (const first of program.prerequisites) take(first);
    months.push(program.minMonths);
    longest.push(Math.max(program.minMonths, program.maxMonths ?? 0));
  };
  for (const x of tr.training) take(x.programId);
  const years = tr.minYearsExperience.toNumber();
  return {
    months: estimatedMonths(years, months),
    upTo: estimatedMonths(years, longest),
    untimed: tr.unknownTraining !== null,
  };
}

export const TransitionKind = builder.enumType(TransitionKinds, {
  name: 'TransitionKind',
  description: 'What kind of move a transition is.',
  values: {
    ADVANCEMENT: { description: 'A step up, usually within a track (crossesTracks says when it changes track).' },
    LATERAL: { description: 'A move to a role at about the same level.' },
    SPECIALIZATION: { description: 'A move into a narrower, more specialised role.' },
    CROSS_TRACK: {
      description:
        'A move between the clinical and administrative tracks at about the same level; a move up that also changes track is an ADVANCEMENT with crossesTracks true.',
    },
  },
});

builder.prismaObject('RequirementGroup', {
  description: 'Certifications of which any one satisfies this requirement.',
  fields: (t) => ({
    anyOf: t.field({
      type: [Certification],
      description: 'Holding any one of these satisfies the group.',
      complexity: listOf(LIST_SIZES.anyOf),
      select: (_args, _ctx, nested) => ({
        options: { select: { certification: nested(true) }, orderBy: { certificationId: 'asc' } },
      }),
      resolve: (g) => g.options.map((o) => o.certification),
    }),
  }),
});

export const Transition = builder.prismaNode('Transition', {
  // node(id:) answers null for an ID whose object no longer exists.
  nullable: true,
  description: 'A move from one role to another, with what it takes and the sources it rests on.',
  id: { field: 'id' },
  fields: (t) => ({
    version: t.exposeInt('version', {
      description: 'Increases with every change; send it back as `expectedVersion` when updating or deleting.',
    }),
    from: t.relation('fromRole', { description: 'The role the move starts from.' }),
    to: t.relation('toRole', { description: 'The role the move leads to.' }),
    kind: t.expose('kind', { type: TransitionKind, description: 'What kind of move it is.' }),
    crossesTracks: t.boolean({
      description:
        'True when the move leaves one track for another; a move into or out of a track that bridges the others (the hybrid track) is not a crossing.',
      select: {
        fromRole: { select: { trackId: true, track: { select: { bridging: true } } } },
        toRole: { select: { trackId: true, track: { select: { bridging: true } } } },
      },
      resolve: (tr) =>
        tr.fromRole.trackId !== tr.toRole.trackId && !tr.fromRole.track.bridging && !tr.toRole.track.bridging,
    }),
    minYearsExperience: t.float({
      description: 'Years of experience in the source role the move usually asks for (see yearsEstimated).',
      resolve: (tr) => tr.minYearsExperience.toNumber(),
    }),
    yearsEstimated: t.exposeBoolean('yearsEstimated', {
      description:
        'True when no source states a length and minYearsExperience is the curators’ estimate (supervisory and management moves, where 0 would mislead; the rationale says why); the explanations say so.',
    }),
    requirements: t.relation('requirementGroups', {
      description: 'Certification requirements: every group is needed, and any one certification satisfies a group.',
      query: { orderBy: { position: 'asc' } },
    }),
    training: t.field({
      type: [TrainingProgram],
      description: 'Training the move requires.',
      select: (_args, _ctx, nested) => ({ training: { select: { program: nested(true) } } }),
      resolve: (tr) => tr.training.map((x) => x.program),
    }),
    estimatedMonths: t.int({
      description:
        'Months the move takes from a standing start in its role (what the role implies held, nothing else): as `pathways` counts this move alone, the experience it asks, its training with the programs that training requires first, and the time to become eligible for the certifications it asks (a certification whose only route is months of work: those months), each program at its shortest typical length (docs/cost-model.md).',
      select: { training: { select: { programId: true } } },
      resolve: async (tr, _args, ctx) => (await moveAlone(tr, ctx)).months,
    }),
    estimatedMonthsUpTo: t.int({
      description:
        'estimatedMonths with each program at the longest length its sources give (the medical assisting program, 9 to 24 months: 24), as a pathway of this move alone counts it (totalMonthsUpTo); equal to estimatedMonths when no program’s length is a range.',
      select: { training: { select: { programId: true } } },
      resolve: async (tr, _args, ctx) => (await moveAlone(tr, ctx)).upTo,
    }),
    // Beside estimatedMonths, as on a pathway's step: "0 months" for a medical assistant becoming a
    // specialty medical assistant read as immediate, its specialty training uncounted.
    monthsIncludeUnknowns: t.boolean({
      description:
        'True when part of the move has no known length (`unknownTraining`, unless the certifications it leads to are all held in the move’s own role): estimatedMonths is then the least it takes, not all of it, as on a pathway of this move alone (PathwayStep.monthsIncludeUnknowns).',
      select: { training: { select: { programId: true } } },
      resolve: async (tr, _args, ctx) => (await moveAlone(tr, ctx)).untimed,
    }),
    unknownTraining: t.exposeString('unknownTraining', {
      nullable: true,
      description:
        'What the move may ask that no source describes ("any training or certification the specialty asks"), in words; null when nothing. Where set, no figure counts it: estimatedMonths and a pathway’s months leave it out (monthsIncludeUnknowns), and its cost is unknown (costIncludesUnknowns), never none. On a move that also requires certifications it is the way to them: a pathway for a learner who holds every one of them at the start does not ask it.',
    }),
    rationale: t.exposeString('rationale', { description: 'Why this move makes sense, in one sentence.' }),
    sources: t.field({
      type: [Source],
      description: 'The sources that describe this move.',
      select: (_args, _ctx, nested) => ({ sources: { select: { source: nested(true) } } }),
      resolve: (tr) => tr.sources.map((s) => s.source),
    }),
  }),
});

/** A certification's moves, defined beside Transition so that certification.ts need not import this file. */
builder.prismaObjectField(Certification, 'unlocks', (t) =>
  t.field({
    type: [Transition],
    description: 'The moves that list this certification among their requirements.',
    complexity: listOf(LIST_SIZES.unlocks),
    select: (_args, _ctx, nested) => ({
      requirementOptions: { select: { group: { select: { transition: nested(true) } } } },
    }),
    resolve: (c) => {
      const byId = new Map(c.requirementOptions.map((o) => [o.group.transition.id, o.group.transition]));
      return [...byId.values()].sort((a, b) => a.id - b.id);
    },
  }),
);

// ---- editing ---------------------------------------------------------------------------------

const RequirementGroupInput = builder.inputType('RequirementGroupInput', {
  description: 'Certifications of which any one satisfies the requirement.',
  fields: (t) => ({
    anyOf: t.stringList({ required: true, description: 'Slugs of the alternatives (at least one).' }),
  }),
});

const transitionFields = (t: InputFields, required: boolean) => ({
  kind: t.field({ type: TransitionKind, required, description: 'What kind of move it is.' }),
  minYearsExperience: t.float({ required, description: 'Years of experience in the source role (0 or more).' }),
  yearsEstimated: t.boolean({
    description:
      'True when no source states a length and the years are the curators’ estimate; null or false clears it.',
  }),
  requirements: t.field({
    type: [RequirementGroupInput],
    description: 'Certification requirements: every group needed; replaces the current list when given.',
  }),
  training: t.stringList({ description: 'Slugs of the required training programs; replaces the list when given.' }),
  unknownTraining: t.string({
    description:
      'What the move may ask that no source describes, in words that read after "the length of" and "the cost of"; null clears it.',
  }),
  rationale: t.string({ required, description: 'Why the move makes sense, in one sentence.' }),
  sources: t.stringList({ required, description: 'Slugs of the sources (at least one).' }),
});
const pairFields = (t: InputFields) => ({
  from: t.string({ required: true, description: 'Slug of the role the move starts from.' }),
  to: t.string({ required: true, description: 'Slug of the role the move leads to.' }),
});

editingMutations({
  kind: 'transitions',
  name: 'Transition',
  field: 'transition',
  ref: Transition,
  identity: { create: pairFields, existing: pairFields },
  fields: transitionFields,
  key: (input: { from: string; to: string }) => transitionKey(input),
  toRecord: (input, existing) => {
    const { requirements, ...rest } = input;
    const record = merge(existing, rest);
    if (requirements !== undefined)
      (record as { requires: string[][] }).requires = (requirements ?? []).map((g: { anyOf: string[] }) => g.anyOf);
    // The files say only `yearsEstimated: true`; false is its absence.
    if ((record as { yearsEstimated?: boolean }).yearsEstimated !== true)
      delete (record as { yearsEstimated?: boolean }).yearsEstimated;
    return record;
  },
  names: { requires: 'requirements' },
  load: async (ctx, key) => {
    const [from, to] = key.split('->');
    return ctx.prisma.transition.findFirst({ where: { fromRole: { slug: from }, toRole: { slug: to } } });
  },
  version: async (db, key) => {
    const [from, to] = key.split('->');
    const row = await db.transition.findFirst({
      where: { fromRole: { slug: from }, toRole: { slug: to } },
      select: { version: true },
    });
    return row?.version ?? null;
  },
  deleteDescription: 'Deletes a move.',
});
