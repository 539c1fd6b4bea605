/**
 * A role: the Role type with its relations, and `role(slug)`. Its wage and outlook figures are in
 * role-figures.ts, the `roles` search in role-search.ts, its mutations in role-mutations.ts.
 */
import { RoleLevel as RoleLevels } from '../generated/prisma/enums.js';
import { builder } from './builder.js';
import { LIST_SIZES, listOf } from './cost.js';
import { bySlug } from './errors.js';
import { CareerNode } from './career-node.js';
import { programsAskedOnTheJob } from './pathway-inputs.js';
import { Certification } from './certification.js';
import { Source } from './source.js';
import { TrainingProgram } from './training-program.js';

export const RoleLevel = builder.enumType(RoleLevels, {
  name: 'RoleLevel',
  description: 'How senior a role is, from entry level to executive.',
  values: {
    ENTRY: { description: 'Entry level: no prior experience in the field required.' },
    INTERMEDIATE: { description: 'Needs some experience or an extra credential.' },
    ADVANCED: { description: 'A licensed or degree-level professional role.' },
    SUPERVISORY: { description: 'Leads or coordinates others.' },
    MANAGEMENT: { description: 'Manages an office, practice or department.' },
    EXECUTIVE: { description: 'Runs an organisation or a large part of one.' },
  },
});

export const Role = builder.prismaNode('Role', {
  // node(id:) answers null for an ID whose object no longer exists.
  nullable: true,
  // Select mode: a query loads these narrow columns plus what the request's fields need, not every
  // column. The long text and text[] columns (summary, duties, skills...) are most of a row's bytes
  // and of the time spent reading and converting it, and most requests do not ask for them.
  // Code that works with role rows itself (pathway summaries) may rely on these four.
  select: { id: true, slug: true, title: true, trackId: true },
  interfaces: [CareerNode],
  description: 'A job in healthcare support, with its duties, pay, outlook and the moves into and out of it.',
  id: { field: 'id' },
  fields: (t) => ({
    version: t.exposeInt('version', {
      description: 'Increases with every change; send it back as `expectedVersion` when updating or deleting.',
    }),
    // Read straight off the row: these columns are in the type's base selection, so always loaded,
    // and an exposed field in select mode costs per-row bookkeeping to check that it was.
    slug: t.string({ description: 'Stable identifier, e.g. "clinical-medical-assistant".', resolve: (r) => r.slug }),
    title: t.string({ description: 'Usual job title.', resolve: (r) => r.title }),
    alternateTitles: t.exposeStringList('alternateTitles', {
      description: 'Other titles employers use for the role (e.g. MAA, MOA).',
    }),
    track: t.relation('track', { description: 'The track the role belongs to.' }),
    level: t.expose('level', { type: RoleLevel, description: 'How senior the role is.' }),
    summary: t.exposeString('summary', { description: 'The role in a sentence or two.' }),
    duties: t.exposeStringList('duties', { description: 'What the job involves day to day.' }),
    skills: t.exposeStringList('skills', { description: 'Skills the job calls for.' }),
    workSettings: t.exposeStringList('workSettings', { description: 'Where people in this role work.' }),
    typicalEducation: t.exposeString('typicalEducation', { description: 'The usual education for entry.' }),
    socCode: t.exposeString('socCode', {
      nullable: true,
      description: 'Standard Occupational Classification code, where one applies (e.g. 31-9092).',
    }),
    nextSteps: t.relation('outgoing', {
      description: 'Moves out of this role.',
      complexity: listOf(LIST_SIZES.nextSteps),
      query: { orderBy: { id: 'asc' } },
    }),
    previousSteps: t.relation('incoming', {
      description: 'Moves into this role.',
      complexity: listOf(LIST_SIZES.previousSteps),
      query: { orderBy: { id: 'asc' } },
    }),
    entryCertifications: t.field({
      type: [Certification],
      description: 'The certifications that the moves into this role ask for, by acronym.',
      select: (_args, _ctx, nested) => ({
        incoming: {
          select: {
            requirementGroups: { select: { options: { select: { certification: nested(true) } } } },
          },
        },
      }),
      resolve: (role) => {
        const all = role.incoming.flatMap((tr) =>
          tr.requirementGroups.flatMap((g) => g.options.map((o) => o.certification)),
        );
        return [...new Map(all.map((c) => [c.id, c])).values()].sort((a, b) => a.acronym.localeCompare(b.acronym));
      },
    }),
    impliedPrograms: t.field({
      type: [TrainingProgram],
      description:
        'Programs whoever holds the role has completed (a licensed practical nurse, the practical nursing program): pathways from the role never ask them again.',
      select: (_args, _ctx, nested) => ({ impliedPrograms: { select: { program: nested(true) } } }),
      resolve: (role) => role.impliedPrograms.map((x) => x.program),
    }),
    programsAskedOnTheJob: t.field({
      type: [TrainingProgram],
      description:
        'Programs of impliedPrograms that pathways ask again, where a move needs them, of a learner trained on the job in this role (profile.startRoleTrainingCompleted: false). Empty when that flag changes nothing: the role implies no program, or a licence, which only its approved program leads to (a licensed practical nurse).',
      select: (_args, _ctx, nested) => ({ impliedPrograms: { select: { program: nested(true) } } }),
      resolve: async (role, _args, { graph }) => {
        const asked = new Set(programsAskedOnTheJob(await graph.current(), role.id));
        return role.impliedPrograms.map((x) => x.program).filter((p) => asked.has(p.id));
      },
    }),
    sources: t.field({
      type: [Source],
      description: 'The sources the role’s description rests on.',
      select: (_args, _ctx, nested) => ({ sources: { select: { source: nested(true) } } }),
      resolve: (role) => role.sources.map((s) => s.source),
    }),
  }),
});

builder.queryField('role', (t) =>
  t.prismaField({
    type: 'Role',
    nullable: true,
    description:
      'The role with this slug, whatever its case; NOT_FOUND, suggesting the nearest slugs, when there is none.',
    args: { slug: t.arg.string({ required: true, description: 'Role slug, e.g. "medical-assistant".' }) },
    // One row: its to-one relations (track) and short lists cost one SQL query joined, not one per
    // relation. findFirst on the unique slug is the same SQL as findUnique without findUnique's
    // batching machinery, which only ever batches calls made in the same tick (never two requests).
    resolve: (query, _root, args, { prisma }) =>
      bySlug(prisma, 'role', args.slug, 'slug', (slug) =>
        prisma.role.findFirst({ ...query, where: { slug }, relationLoadStrategy: 'join' }),
      ),
  }),
);
