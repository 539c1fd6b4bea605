/** createRole, updateRole and deleteRole, through the one validated write path (editing.ts). */
import { editingMutations, type InputFields, merge } from './editing.js';
import { Role, RoleLevel } from './role.js';
import { OccupationFit } from './role-occupation.js';

const roleInputFields = (t: InputFields, required: boolean) => ({
  title: t.string({ required, description: 'Usual job title.' }),
  alternateTitles: t.stringList({ description: 'Other titles employers use.' }),
  track: t.string({ required, description: 'Slug of the track.' }),
  level: t.field({ type: RoleLevel, required, description: 'How senior the role is.' }),
  summary: t.string({ required, description: 'The role in a sentence or two.' }),
  duties: t.stringList({ required, description: 'What the job involves (at least one).' }),
  skills: t.stringList({ required, description: 'Skills it calls for (at least one).' }),
  workSettings: t.stringList({ required, description: 'Where people in the role work (at least one).' }),
  typicalEducation: t.string({ required, description: 'The usual education for entry.' }),
  socCode: t.string({ description: 'SOC code such as 31-9092, where one applies (that of its occupation).' }),
  occupation: t.string({
    description: 'O*NET-SOC code of the role’s occupation, e.g. "31-9092.00"; with occupationFit.',
  }),
  occupationFit: t.field({ type: OccupationFit, description: 'How the role fits its occupation; with occupation.' }),
  sources: t.stringList({ required, description: 'Slugs of the sources the description rests on (at least one).' }),
});

editingMutations({
  kind: 'roles',
  name: 'Role',
  field: 'role',
  ref: Role,
  identity: {
    create: (t) => ({
      slug: t.string({ required: true, description: 'Slug of the role, e.g. "surgical-technologist".' }),
    }),
    existing: (t) => ({
      slug: t.string({ required: true, description: 'Slug of the role, e.g. "surgical-technologist".' }),
    }),
  },
  fields: roleInputFields,
  key: (input: { slug: string }) => input.slug,
  toRecord: (input, existing) => merge(existing, input),
  load: (ctx, slug) => ctx.prisma.role.findUnique({ where: { slug } }),
  version: async (db, slug) =>
    (await db.role.findUnique({ where: { slug }, select: { version: true } }))?.version ?? null,
  cascade: [{ kind: 'figures', belongs: (figure: { role: string }, slug) => figure.role === slug }],
  deleteDescription: 'Deletes a role with its figures; refused while transitions lead to or from it.',
});
