/**
 * A place in the career graph: a curated role, or an O*NET occupation no curated role stands for
 * (a role that is its occupation, fit EXACT, is that occupation's place). Pathways' `from` and `to`
 * take its `key`.
 */
import type { Occupation as OccupationRow, Role as RoleRow } from '../generated/prisma/client.js';
import { builder } from './builder.js';

type NodeRow = Pick<RoleRow, 'slug' | 'title'> | Pick<OccupationRow, 'code' | 'title'>;

export const CareerNode = builder.interfaceRef<NodeRow>('CareerNode').implement({
  description: 'A place in the career graph: a curated Role, or an O*NET Occupation that no curated role stands for.',
  resolveType: (node) => ('slug' in node ? 'Role' : 'Occupation'),
  fields: (t) => ({
    key: t.string({
      description: 'What pathways’ `from` and `to` accept for it: a role’s slug, an occupation’s O*NET-SOC code.',
      resolve: (node) => ('slug' in node ? node.slug : node.code),
    }),
    title: t.string({
      description: 'The role’s usual title, or O*NET’s title of the occupation.',
      resolve: (node) => node.title,
    }),
  }),
});
