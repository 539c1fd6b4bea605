/**
 * schema.prisma and the migrated database must describe the same tables, columns, types,
 * nullability, keys and indexes, so that a schema edit without its migration (or the reverse)
 * fails CI.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { get_dmmf } from '@prisma/prisma-schema-wasm';
import pg from 'pg';
import { beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../support/database.js';

type Field = {
  name: string;
  dbName?: string | null;
  kind: 'scalar' | 'object' | 'enum';
  type: string;
  isList: boolean;
  isRequired: boolean;
  nativeType?: [string, string[]] | null;
  relationFromFields?: string[];
  relationToFields?: string[];
  relationOnDelete?: string;
};
type Model = { name: string; dbName: string | null; fields: Field[]; primaryKey: { fields: string[] } | null };
type Index = { model: string; type: 'id' | 'unique' | 'normal'; fields: { name: string }[]; dbName?: string };

const schemaPath = path.resolve(import.meta.dirname, '../../prisma/schema.prisma');
const { datamodel } = JSON.parse(
  get_dmmf(JSON.stringify({ prismaSchema: [['schema.prisma', readFileSync(schemaPath, 'utf8')]] })),
) as { datamodel: { models: Model[]; enums: { name: string; values: { name: string }[] }[]; indexes: Index[] } };

const table = (m: Model) => m.dbName ?? m.name;
const column = (m: Model, fieldName: string) => {
  const f = m.fields.find((x) => x.name === fieldName)!;
  return f.dbName ?? f.name;
};
const nativeTypes: Record<string, (f: Field) => string> = {
  String: () => 'text',
  Int: () => 'integer',
  Boolean: () => 'boolean',
  DateTime: () => 'timestamp(3) without time zone',
  Decimal: (f) => `numeric(${f.nativeType?.[1]?.join(',') ?? '65,30'})`,
  BigInt: () => 'bigint',
  Json: () => 'jsonb',
};
/** The type PostgreSQL reports for a field, as `format_type` prints it. */
function expectedType(f: Field): string {
  const base = f.kind === 'enum' ? `"${f.type}"` : nativeTypes[f.type]!(f);
  return f.isList ? `${base}[]` : base;
}

let url: string;
beforeAll(async () => {
  ({ url } = await testDatabase('migrated'));
});

async function rows<T extends pg.QueryResultRow>(sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

describe('schema.prisma and the migrated database agree', () => {
  it('on tables', async () => {
    const tables = await rows<{ tablename: string }>(
      "SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> '_prisma_migrations'",
    );
    expect(tables.map((t) => t.tablename).sort()).toEqual(datamodel.models.map(table).sort());
  });

  it('on enums and their values', async () => {
    const enums = await rows<{ name: string; values: string[] }>(`
      SELECT t.typname AS name, array_agg(e.enumlabel ORDER BY e.enumsortorder)::text[] AS values
      FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid GROUP BY t.typname`);
    expect(Object.fromEntries(enums.map((e) => [e.name, e.values]))).toEqual(
      Object.fromEntries(datamodel.enums.map((e) => [e.name, e.values.map((v) => v.name)])),
    );
  });

  it('on columns, their types and nullability', async () => {
    const columns = await rows<{ table: string; column: string; type: string; notnull: boolean }>(`
      SELECT c.relname AS table, a.attname AS column, format_type(a.atttypid, a.atttypmod) AS type, a.attnotnull AS notnull
      FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped
        AND c.relname <> '_prisma_migrations'`);
    const actual = columns.map((c) => `${c.table}.${c.column}: ${c.type}${c.notnull ? ' not null' : ''}`).sort();
    const expected = datamodel.models
      .flatMap((m) =>
        m.fields
          .filter((f) => f.kind !== 'object')
          // Prisma leaves list columns nullable; the migration adds CHECKs instead.
          .map(
            (f) =>
              `${table(m)}.${f.dbName ?? f.name}: ${expectedType(f)}${f.isRequired && !f.isList ? ' not null' : ''}`,
          ),
      )
      .sort();
    expect(actual).toEqual(expected);
  });

  it('on primary keys, unique constraints and indexes', async () => {
    const indexes = await rows<{ table: string; name: string; columns: string[]; unique: boolean; primary: boolean }>(`
      SELECT t.relname AS table, i.relname AS name, ix.indisunique AS unique, ix.indisprimary AS primary,
             array_agg(a.attname ORDER BY k.ord)::text[] AS columns
      FROM pg_index ix
      JOIN pg_class t ON t.oid = ix.indrelid JOIN pg_class i ON i.oid = ix.indexrelid
      JOIN pg_namespace n ON n.oid = t.relnamespace
      CROSS JOIN LATERAL unnest(ix.indkey) WITH ORDINALITY AS k(attnum, ord)
      JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum
      WHERE n.nspname = 'public' AND t.relname <> '_prisma_migrations'
      GROUP BY t.relname, i.relname, ix.indisunique, ix.indisprimary`);
    const actual = indexes
      .map((i) => `${i.table} ${i.primary ? 'primary' : i.unique ? 'unique' : 'index'} (${i.columns.join(', ')})`)
      .sort();
    const models = new Map(datamodel.models.map((m) => [m.name, m]));
    const expected = datamodel.indexes
      .map((i) => {
        const m = models.get(i.model)!;
        const kind = i.type === 'id' ? 'primary' : i.type === 'unique' ? 'unique' : 'index';
        return `${table(m)} ${kind} (${i.fields.map((f) => column(m, f.name)).join(', ')})`;
      })
      .sort();
    expect(actual).toEqual(expected);
  });

  it('on foreign keys and what happens on delete', async () => {
    const fks = await rows<{
      table: string;
      columns: string[];
      target: string;
      target_columns: string[];
      on_delete: string;
    }>(`
      SELECT c.conrelid::regclass::text AS table, c.confrelid::regclass::text AS target,
             (SELECT array_agg(attname ORDER BY k.ord)::text[] FROM unnest(c.conkey) WITH ORDINALITY k(n, ord)
                JOIN pg_attribute ON attrelid = c.conrelid AND attnum = k.n) AS columns,
             (SELECT array_agg(attname ORDER BY k.ord)::text[] FROM unnest(c.confkey) WITH ORDINALITY k(n, ord)
                JOIN pg_attribute ON attrelid = c.confrelid AND attnum = k.n) AS target_columns,
             CASE c.confdeltype WHEN 'c' THEN 'Cascade' WHEN 'r' THEN 'Restrict' WHEN 'n' THEN 'SetNull'
                                WHEN 'a' THEN 'NoAction' WHEN 'd' THEN 'SetDefault' END AS on_delete
      FROM pg_constraint c WHERE c.contype = 'f'`);
    const actual = fks.map((f) => `${f.table}(${f.columns}) -> ${f.target}(${f.target_columns}) ${f.on_delete}`).sort();
    const models = new Map(datamodel.models.map((m) => [m.name, m]));
    const expected = datamodel.models
      .flatMap((m) =>
        m.fields
          .filter((f) => f.kind === 'object' && (f.relationFromFields?.length ?? 0) > 0)
          .map((f) => {
            const target = models.get(f.type)!;
            // Prisma's default is Restrict for a required relation and SetNull for an optional one.
            const optional = f.relationFromFields!.some((name) => !m.fields.find((x) => x.name === name)!.isRequired);
            const onDelete = f.relationOnDelete ?? (optional ? 'SetNull' : 'Restrict');
            return `${table(m)}(${f.relationFromFields!.map((n) => column(m, n))}) -> ${table(target)}(${f.relationToFields!.map((n) => column(target, n))}) ${onDelete}`;
          }),
      )
      .sort();
    expect(actual).toEqual(expected);
  });
});
