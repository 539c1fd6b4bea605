/** The GraphQL schema: every type file registers itself with the builder. */
import { builder } from './builder.js';
import { capPageSizes } from './errors.js';
import './track.js';
import './organization.js';
import './source.js';
import './figure.js';
import './training-program.js';
import './certification.js';
import './transition.js';
import './role.js';
import './role-figures.js';
import './role-search.js';
import './role-mutations.js';
import './occupation.js';
import './skill-gap.js';
import './role-occupation.js';
import './compare.js';
import './analytics.js';
import './pathway.js';
import './dataset.js';

export const schema = capPageSizes(builder.toSchema({ sortSchema: false }));
