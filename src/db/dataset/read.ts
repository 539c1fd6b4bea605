/**
 * Reads and validates a dataset: every record against its zod schema, then every reference
 * between records. Any problem throws a DatasetError naming the file, the record and the field,
 * before anything is written.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'yaml';
import { curatedDataDir } from '../../paths.js';
import { type Dataset, type DatasetKind, datasetFiles } from './format.js';

export { curatedDataDir };

/** What kind of problem: a bad value, a reference to nothing, or a second record with one identity. */
type ProblemCode = 'INVALID' | 'UNKNOWN_REFERENCE' | 'DUPLICATE';
export type DatasetProblem = {
  file: string;
  record: string;
  field: string;
  message: string;
  code: ProblemCode;
  /** For UNKNOWN_REFERENCE: the kind of record referred to (its file) and the slug that names none. */
  reference?: { kind: DatasetKind; slug: string };
};

export class DatasetError extends Error {
  constructor(readonly problems: DatasetProblem[]) {
    super(
      `The dataset is invalid; nothing was loaded:\n` +
        problems.map((p) => `  ${p.file}: record ${p.record}, field "${p.field}": ${p.message}`).join('\n'),
    );
    this.name = 'DatasetError';
  }
}

const kinds = Object.keys(datasetFiles) as DatasetKind[];

/** How much of a value from the input a label repeats. */
const LABEL_LENGTH = 80;
const short = (value: unknown) => {
  const text = String(value);
  return text.length <= LABEL_LENGTH ? text : `${text.slice(0, LABEL_LENGTH)}… (${text.length} characters)`;
};

/** How a record is named in errors: its slug, or its natural key (long values cut short). */
export function recordLabel(kind: DatasetKind, raw: unknown, index: number): string {
  const r = (raw ?? {}) as Record<string, unknown>;
  if (typeof r.slug === 'string') return `"${short(r.slug)}"`;
  if (kind === 'transitions') return `"${short(r.from)} -> ${short(r.to)}"`;
  if (kind === 'figures')
    return `"${[r.role ?? 'sector', r.kind, r.source, r.dataYear ?? 'undated'].map(short).join(' ')}"`;
  return `#${index + 1}`;
}

/** Validates records already parsed from their files (or from an API payload). */
export function validateDataset(
  input: Partial<Record<DatasetKind, unknown>>,
  fileOf = (k: DatasetKind) => `${k}.yaml`,
): Dataset {
  const problems: DatasetProblem[] = [];
  const dataset = {} as Record<DatasetKind, unknown[]>;
  for (const kind of kinds) {
    const raw = input[kind] ?? [];
    if (!Array.isArray(raw)) {
      problems.push({
        file: fileOf(kind),
        record: '(file)',
        field: '(root)',
        message: 'must be a list of records',
        code: 'INVALID',
      });
      dataset[kind] = [];
      continue;
    }
    dataset[kind] = raw.flatMap((record, index) => {
      const result = datasetFiles[kind].safeParse(record);
      if (result.success) return [result.data];
      for (const issue of result.error.issues) {
        problems.push({
          file: fileOf(kind),
          record: recordLabel(kind, record, index),
          field: issue.path.join('.') || '(record)',
          message: issue.message,
          code: 'INVALID',
        });
      }
      return [];
    });
  }
  if (problems.length === 0) problems.push(...checkReferences(dataset as Dataset, fileOf));
  if (problems.length > 0) throw new DatasetError(problems);
  return dataset as Dataset;
}

function checkReferences(d: Dataset, fileOf: (k: DatasetKind) => string): DatasetProblem[] {
  const problems: DatasetProblem[] = [];
  const slugs = (kind: DatasetKind) => new Set((d[kind] as { slug?: string }[]).map((r) => r.slug));
  /** The kinds of record a field can refer to, as errors name them, and their files. */
  const targets = {
    track: 'tracks',
    organization: 'organizations',
    source: 'sources',
    'training program': 'training-programs',
    certification: 'certifications',
    role: 'roles',
  } as const satisfies Record<string, DatasetKind>;
  const known = Object.fromEntries(Object.entries(targets).map(([t, kind]) => [t, slugs(kind)])) as Record<
    keyof typeof targets,
    Set<string | undefined>
  >;
  const report = (
    kind: DatasetKind,
    record: unknown,
    index: number,
    field: string,
    message: string,
    code: ProblemCode = 'INVALID',
    reference?: DatasetProblem['reference'],
  ) =>
    problems.push({
      file: fileOf(kind),
      record: recordLabel(kind, record, index),
      field,
      message,
      code,
      ...(reference ? { reference } : {}),
    });
  const expect = (
    kind: DatasetKind,
    record: unknown,
    index: number,
    field: string,
    target: keyof typeof known,
    value: string | undefined,
  ) => {
    if (value !== undefined && !known[target].has(value))
      report(kind, record, index, field, `unknown ${target} "${short(value)}"`, 'UNKNOWN_REFERENCE', {
        kind: targets[target],
        slug: value,
      });
  };

  for (const kind of kinds) {
    const seen = new Set<string>();
    d[kind].forEach((record, index) => {
      const r = record as { slug?: string; from?: string; to?: string };
      if (kind === 'figures' || r.slug !== undefined || kind === 'transitions') {
        const f = record as Dataset['figures'][number];
        const identity =
          kind === 'figures'
            ? JSON.stringify([f.role, f.kind, f.unit, f.source, f.dataYear, f.geography, f.label])
            : JSON.stringify(r.slug ?? [r.from, r.to]);
        if (seen.has(identity))
          report(kind, record, index, kind === 'transitions' ? 'to' : 'slug', 'is a duplicate', 'DUPLICATE');
        seen.add(identity);
      }
    });
  }
  d.sources.forEach((s, i) => expect('sources', s, i, 'publisher', 'organization', s.publisher));
  const sourceBySlug = new Map(d.sources.map((s) => [s.slug, s]));
  const cite = (kind: DatasetKind, record: { sources: string[] }, i: number) =>
    record.sources.forEach((s, j) => expect(kind, record, i, `sources.${j}`, 'source', s));
  d['training-programs'].forEach((p, i) => {
    p.prerequisites.forEach((q, j) => expect('training-programs', p, i, `prerequisites.${j}`, 'training program', q));
    cite('training-programs', p, i);
    expect('training-programs', p, i, 'typicalCost.source', 'source', p.typicalCost?.source);
  });
  problems.push(...prerequisiteCycles(d, fileOf));
  d.certifications.forEach((c, i) => {
    expect('certifications', c, i, 'issuer', 'organization', c.issuer);
    expect('certifications', c, i, 'exam.feeSource', 'source', c.exam.feeSource);
    const fee = c.exam.feeSource === undefined ? undefined : sourceBySlug.get(c.exam.feeSource);
    // An exam fee comes from the certifying body's own published fee page, or, where none can be
    // cited, from a secondary page (official: false), which answers name as such; either with a URL.
    if (fee && (!fee.url || (fee.official && fee.publisher !== c.issuer)))
      report(
        'certifications',
        c,
        i,
        'exam.feeSource',
        `"${fee.slug}" must be a page with a URL: the issuer's own (an official source published by "${c.issuer}") or, where none can be cited, a secondary page (official: false)`,
      );
    if (!c.eligibility.some((e) => e.program ?? e.minMonthsExperience ?? e.certification ?? e.open))
      report(
        'certifications',
        c,
        i,
        'eligibility',
        'needs at least one route the pathway engine can take: a program, minMonthsExperience, a certification, or open: true',
      );
    c.eligibility.forEach((e, j) => {
      expect('certifications', c, i, `eligibility.${j}.program`, 'training program', e.program);
      expect('certifications', c, i, `eligibility.${j}.certification`, 'certification', e.certification);
      if (e.certification === c.slug)
        report(
          'certifications',
          c,
          i,
          `eligibility.${j}.certification`,
          'a route cannot ask to hold the certification itself',
        );
    });
    cite('certifications', c, i);
  });
  d.roles.forEach((r, i) => {
    expect('roles', r, i, 'track', 'track', r.track);
    r.implies.programs.forEach((p, j) => expect('roles', r, i, `implies.programs.${j}`, 'training program', p));
    r.implies.certifications.forEach((c, j) =>
      expect('roles', r, i, `implies.certifications.${j}`, 'certification', c),
    );
    cite('roles', r, i);
  });
  d.transitions.forEach((t, i) => {
    expect('transitions', t, i, 'from', 'role', t.from);
    expect('transitions', t, i, 'to', 'role', t.to);
    if (t.from === t.to) report('transitions', t, i, 'to', 'a transition cannot lead from a role to itself');
    t.requires.forEach((group, g) =>
      group.forEach((c, j) => expect('transitions', t, i, `requires.${g}.${j}`, 'certification', c)),
    );
    t.training.forEach((p, j) => expect('transitions', t, i, `training.${j}`, 'training program', p));
    cite('transitions', t, i);
  });
  d.figures.forEach((f, i) => {
    if (f.role !== undefined) expect('figures', f, i, 'role', 'role', f.role);
    expect('figures', f, i, 'source', 'source', f.source);
  });
  return problems;
}

/** A program that is, through its prerequisites, its own prerequisite. */
function prerequisiteCycles(d: Dataset, fileOf: (k: DatasetKind) => string): DatasetProblem[] {
  const needs = new Map(d['training-programs'].map((p) => [p.slug, p.prerequisites]));
  const problems: DatasetProblem[] = [];
  d['training-programs'].forEach((p, i) => {
    const seen = new Set<string>();
    const stack = [...p.prerequisites];
    while (stack.length > 0) {
      const q = stack.pop()!;
      if (q === p.slug) {
        problems.push({
          file: fileOf('training-programs'),
          record: recordLabel('training-programs', p, i),
          field: 'prerequisites',
          message: 'the prerequisites lead back to the program itself',
          code: 'INVALID',
        });
        return;
      }
      if (seen.has(q)) continue;
      seen.add(q);
      stack.push(...(needs.get(q) ?? []));
    }
  });
  return problems;
}

/** Reads every file of a dataset directory; a missing file counts as an empty list. */
export async function readDataset(dir = curatedDataDir): Promise<Dataset> {
  const input: Partial<Record<DatasetKind, unknown>> = {};
  const problems: DatasetProblem[] = [];
  const fileOf = (kind: DatasetKind) => path.relative(process.cwd(), path.join(dir, `${kind}.yaml`));
  for (const kind of kinds) {
    const file = path.join(dir, `${kind}.yaml`);
    let text: string;
    try {
      text = await fs.readFile(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue;
      throw error;
    }
    try {
      input[kind] = parse(text) ?? [];
    } catch (error) {
      problems.push({
        file: fileOf(kind),
        record: '(file)',
        field: '(syntax)',
        message: (error as Error).message,
        code: 'INVALID',
      });
    }
  }
  if (problems.length > 0) throw new DatasetError(problems);
  return validateDataset(input, fileOf);
}
