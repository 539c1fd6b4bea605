/** The schema's fields as the tests that read it walk them. */
import { type GraphQLField, getNamedType, isObjectType } from 'graphql';
import { schema } from '../../src/schema/index.js';

/** Walks the object types reachable from Query (not Mutation), each field once. */
export function queryFields(): { coordinate: string; field: GraphQLField<unknown, unknown> }[] {
  const out: { coordinate: string; field: GraphQLField<unknown, unknown> }[] = [];
  const seen = new Set<string>();
  const visit = (typeName: string) => {
    if (seen.has(typeName)) return;
    seen.add(typeName);
    const type = schema.getType(typeName);
    if (!isObjectType(type)) return;
    for (const field of Object.values(type.getFields())) {
      out.push({ coordinate: `${typeName}.${field.name}`, field });
      visit(getNamedType(field.type).name);
    }
  };
  visit('Query');
  return out;
}
