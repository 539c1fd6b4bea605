import { estimatedMonths } from '../graph/cost.js';
import { builder } from './builder.js';
import { Certification } from './certification.js';
import { Source } from './source.js';
import { TrainingProgram } from './training-program.js';

export const TransitionKind = builder.enumType('TransitionKind', {
  description: 'What kind of move a transition is.',
  values: {
    ADVANCEMENT: { description: 'A step up within a track.' },
    LATERAL: { description: 'A move to a role at about the same level.' },
    SPECIALIZATION: { description: 'A move into a narrower, more specialised role.' },
    CROSS_TRACK: { description: 'A move between the clinical and administrative tracks.' },
  } as const,
});

builder.prismaObject('RequirementGroup', {
  description: 'Certifications of which any one satisfies this requirement.',
  fields: (t) => ({
    anyOf: t.field({
      type: [Certification],
      description: 'Holding any one of these satisfies the group.',
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
    from: t.relation('fromRole', { description: 'The role the move starts from.' }),
    to: t.relation('toRole', { description: 'The role the move leads to.' }),
    kind: t.expose('kind', { type: TransitionKind, description: 'What kind of move it is.' }),
    crossesTracks: t.boolean({
      description: 'True when the two roles are on different tracks.',
      select: { fromRole: { select: { trackId: true } }, toRole: { select: { trackId: true } } },
      resolve: (tr) => tr.fromRole.trackId !== tr.toRole.trackId,
    }),
    minYearsExperience: t.float({
      description: 'Years of experience in the source role the move usually asks for.',
      resolve: (tr) => tr.minYearsExperience.toNumber(),
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
        'Months the move takes from a standing start: the experience it asks for, then its training at the shortest typical length (docs/cost-model.md).',
      select: { training: { select: { program: { select: { minMonths: true } } } } },
      resolve: (tr) =>
        estimatedMonths(
          tr.minYearsExperience.toNumber(),
          tr.training.map((x) => x.program.minMonths),
        ),
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
