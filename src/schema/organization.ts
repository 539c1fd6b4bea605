import { OrganizationKind as OrganizationKinds } from '../generated/prisma/enums.js';
import { builder } from './builder.js';

const OrganizationKind = builder.enumType(OrganizationKinds, {
  name: 'OrganizationKind',
  description: 'What an organization is to the dataset.',
  values: {
    CERTIFYING_BODY: { description: 'Issues certifications or licences (AAMA, AMT, NHA, NCSBN...).' },
    GOVERNMENT_AGENCY: { description: 'A public statistical or regulatory agency (BLS).' },
    PUBLISHER: { description: 'Publishes articles or guides used as secondary sources.' },
    EMPLOYER: { description: 'An employer or staffing firm.' },
    ACCREDITOR: { description: 'Accredits training programs (CAAHEP, ABHES).' },
  },
});

builder.prismaNode('Organization', {
  // node(id:) answers null for an ID whose object no longer exists.
  nullable: true,
  description: 'A certifying body, agency or publisher.',
  id: { field: 'id' },
  fields: (t) => ({
    version: t.exposeInt('version', {
      description: 'Increases with every change; send it back as `expectedVersion` when updating or deleting.',
    }),
    slug: t.exposeString('slug', { description: 'Stable identifier, e.g. "aama".' }),
    name: t.exposeString('name', { description: 'Full name.' }),
    acronym: t.exposeString('acronym', { nullable: true, description: 'Usual acronym, e.g. "AAMA".' }),
    kind: t.expose('kind', { type: OrganizationKind, description: 'What the organization is.' }),
    url: t.exposeString('url', { nullable: true, description: 'Home page, where known.' }),
    certifications: t.relation('certifications', {
      description: 'Certifications this organization issues.',
      query: { orderBy: { acronym: 'asc' } },
    }),
    sources: t.relation('sources', {
      description: 'Sources this organization published.',
      query: { orderBy: { year: 'desc' } },
    }),
  }),
});
