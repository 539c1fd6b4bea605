/**
 * Loads a dataset into the database: works out the target state, compares it with what is there
 * and writes only the difference, in one transaction. Loading the same data twice changes nothing.
 */
import { isDeepStrictEqual } from 'node:util';
import { Prisma, type PrismaClient } from '../../generated/prisma/client.js';
import { notifyDataChanged } from '../notify.js';
import { checkAgainstOfficial, factsOf, loadedFacts } from '../official/check.js';
import type { OfficialData } from '../official/data.js';
import { loadOfficialData, removeDroppedOccupations } from '../official/load.js';
import { exportDataset, figureKey, transitionKey } from './export.js';
import { type Dataset, type DatasetKind, datasetFiles } from './format.js';
import { DatasetError, type DatasetProblem, recordLabel, validateDataset } from './read.js';

type ImportMode = 'MERGE' | 'REPLACE';
type KindChanges = { created: number; updated: number; deleted: number; unchanged: number };
export type ImportSummary = Record<DatasetKind, KindChanges>;

const kinds = Object.keys(datasetFiles) as DatasetKind[];
type AnyRecord = Dataset[DatasetKind][number];

export function keyOf(kind: DatasetKind, record: AnyRecord): string {
  if (kind === 'transitions') return transitionKey(record as Dataset['transitions'][number]);
  if (kind === 'figures') return figureKey(record as Dataset['figures'][number]);
  return (record as { slug: string }).slug;
}

/** Puts set-like lists in a fixed order so that equal records compare equal. */
function canonical(kind: DatasetKind, record: AnyRecord): AnyRecord {
  const r = { ...record } as Record<string, unknown>;
  if (Array.isArray(r.sources)) r.sources = [...(r.sources as string[])].sort();
  if (kind === 'transitions') {
    r.training = [...(r.training as string[])].sort();
    r.requires = (r.requires as string[][]).map((g) => [...g].sort());
  }
  if (kind === 'roles') {
    const implies = r.implies as { programs: string[]; certifications: string[] };
    r.implies = { programs: [...implies.programs].sort(), certifications: [...implies.certifications].sort() };
  }
  return JSON.parse(JSON.stringify(r)) as AnyRecord;
}

/**
 * The state the database should reach: in MERGE mode the current records overlaid by the
 * incoming ones (by slug or natural key), in REPLACE mode the incoming records alone. Validated
 * as a whole, so a reference to a record that would not exist is an error.
 */
export function planTarget(
  current: Dataset,
  incoming: Partial<Record<DatasetKind, unknown>>,
  mode: ImportMode,
  fileOf?: (k: DatasetKind) => string,
): Dataset {
  refuseDuplicates(incoming, fileOf);
  const parsed = validateDataset(mode === 'REPLACE' ? incoming : overlayRaw(current, incoming), fileOf);
  return parsed;
}

/** The field a duplicate is reported on: what makes up the record's identity. */
const identityField: Partial<Record<DatasetKind, string>> = { transitions: 'to', figures: '(key)' };

/**
 * Refuses a document that holds one identity (slug, pair of roles, figure key) twice: merged
 * over the current records, the last would silently win.
 */
function refuseDuplicates(incoming: Partial<Record<DatasetKind, unknown>>, fileOf = (k: DatasetKind) => `${k}.yaml`) {
  const problems: DatasetProblem[] = [];
  for (const kind of kinds) {
    const records = incoming[kind];
    if (!Array.isArray(records)) continue;
    const seen = new Map<string, number>();
    records.forEach((raw, index) => {
      const parsed = datasetFiles[kind].safeParse(raw);
      if (!parsed.success) return; // validation reports it
      const key = keyOf(kind, parsed.data as AnyRecord);
      const first = seen.get(key);
      if (first === undefined) seen.set(key, index);
      else
        problems.push({
          file: fileOf(kind),
          record: recordLabel(kind, raw, index),
          field: identityField[kind] ?? 'slug',
          message: `is a duplicate: records ${first + 1} and ${index + 1} of ${kind} are both ${JSON.stringify(key)}`,
          code: 'DUPLICATE',
        });
    });
  }
  if (problems.length > 0) throw new DatasetError(problems);
}

function overlayRaw(current: Dataset, incoming: Partial<Record<DatasetKind, unknown>>) {
  const merged: Partial<Record<DatasetKind, unknown>> = {};
  for (const kind of kinds) {
    const extra = incoming[kind];
    if (extra === undefined) {
      merged[kind] = current[kind];
      continue;
    }
    if (!Array.isArray(extra)) {
      merged[kind] = extra; // validation reports it
      continue;
    }
    const parsedKeys = new Map<string, unknown>();
    for (const raw of extra) {
      const parsed = datasetFiles[kind].safeParse(raw);
      parsedKeys.set(parsed.success ? keyOf(kind, parsed.data as AnyRecord) : `invalid:${parsedKeys.size}`, raw);
    }
    const kept = current[kind].filter((r) => !parsedKeys.has(keyOf(kind, r as AnyRecord)));
    merged[kind] = [...kept, ...parsedKeys.values()];
  }
  return merged;
}

/** One record's change: `before` is absent for a creation, `after` for a deletion. */
type RecordChange = { kind: DatasetKind; key: string; before?: AnyRecord; after?: AnyRecord };
export type Plan = Record<
  DatasetKind,
  { upsert: AnyRecord[]; remove: AnyRecord[]; counts: KindChanges; changes: RecordChange[] }
>;

function diffDatasets(current: Dataset, target: Dataset): Plan {
  const plan = {} as Plan;
  for (const kind of kinds) {
    const before = new Map(current[kind].map((r) => [keyOf(kind, r as AnyRecord), canonical(kind, r as AnyRecord)]));
    const after = new Map(target[kind].map((r) => [keyOf(kind, r as AnyRecord), canonical(kind, r as AnyRecord)]));
    const entry: Plan[DatasetKind] = {
      upsert: [],
      remove: [],
      counts: { created: 0, updated: 0, deleted: 0, unchanged: 0 },
      changes: [],
    };
    for (const [key, record] of after) {
      const old = before.get(key);
      if (!old) entry.counts.created++;
      else if (!isDeepStrictEqual(old, record)) entry.counts.updated++;
      else {
        entry.counts.unchanged++;
        continue;
      }
      entry.upsert.push(record);
      entry.changes.push({ kind, key, before: old, after: record });
    }
    for (const [key, record] of before) {
      if (!after.has(key)) {
        entry.counts.deleted++;
        entry.remove.push(record);
        entry.changes.push({ kind, key, before: record });
      }
    }
    plan[kind] = entry;
  }
  return plan;
}

export type LoadOptions = {
  /** MERGE keeps records the input does not mention; REPLACE deletes them. @default "MERGE" */
  mode?: ImportMode;
  /** Work out and return the changes without writing them. @default false */
  dryRun?: boolean;
  /** How to name a kind's file in errors. */
  fileOf?: (kind: DatasetKind) => string;
  /** Who is making the change, for the audit log. @default "system" */
  actor?: string;
  /** What the change is called in the audit log. @default "loadDataset" */
  action?: string;
  /** The official dataset (prisma/data/official) to load first when it differs from the loaded one. */
  official?: OfficialDataset;
};

/** The derived official dataset and the hash of its files. */
type OfficialDataset = { data: OfficialData; hash: string };

export const summaryOf = (plan: Plan) => Object.fromEntries(kinds.map((k) => [k, plan[k].counts])) as ImportSummary;

/** Validates `incoming`, then writes the difference to the database atomically. */
export async function loadDataset(
  prisma: PrismaClient,
  incoming: Partial<Record<DatasetKind, unknown>>,
  options: LoadOptions = {},
): Promise<ImportSummary> {
  const mode = options.mode ?? 'MERGE';
  const { plan } = await changeDataset(prisma, (current) => planTarget(current, incoming, mode, options.fileOf), {
    dryRun: options.dryRun,
    actor: options.actor ?? 'system',
    action: options.action ?? 'loadDataset',
    official: options.official,
    fileOf: options.fileOf,
  });
  return summaryOf(plan);
}

export type ChangeOptions = {
  actor: string;
  action: string;
  dryRun?: boolean;
  /**
   * Runs first inside the transaction, under the lock and before the dataset is read, e.g. to
   * check the version the client read (so a stale change is refused cheaply). It must use `tx`:
   * another connection could wait for one the lock's queue holds.
   */
  before?: (tx: Tx) => Promise<void>;
  /** The official dataset to load with the change when it differs from the loaded one. */
  official?: OfficialDataset;
  /** How to name a kind's file in errors. */
  fileOf?: (kind: DatasetKind) => string;
};

/**
 * The one way the curated data changes: in a transaction, under a lock, read the current
 * dataset, compute the validated target state, write the difference, record each changed record
 * in the audit log and notify the other replicas. A thrown error rolls everything back.
 */
export async function changeDataset(
  prisma: PrismaClient,
  target: (current: Dataset) => Dataset,
  options: ChangeOptions,
): Promise<{ plan: Plan; current: Dataset; target: Dataset; officialLoaded: boolean }> {
  return prisma.$transaction(
    async (tx) => {
      // Serialise writers so two replicas or curators do not race on the same records.
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(4242001)`;
      await options.before?.(tx);
      const current = await exportDataset(tx);
      const next = target(current);
      const facts = options.official ? factsOf(options.official.data) : await loadedFacts(tx);
      const problems = checkAgainstOfficial(next, facts, options.fileOf as ((k: string) => string) | undefined);
      if (problems.length > 0) throw new DatasetError(problems);
      const plan = diffDatasets(current, next);
      let officialLoaded = false;
      if (!options.dryRun) {
        officialLoaded = await applyPlan(tx, plan, options.official);
        await recordAudit(tx, plan, options.actor, options.action);
        if (officialLoaded) await notifyDataChanged(tx, 'loadOfficialData');
      }
      return { plan, current, target: next, officialLoaded };
    },
    { timeout: 120_000, maxWait: 30_000 },
  );
}

const entityOf: Record<DatasetKind, string> = {
  tracks: 'Track',
  organizations: 'Organization',
  sources: 'Source',
  'training-programs': 'TrainingProgram',
  certifications: 'Certification',
  roles: 'Role',
  transitions: 'Transition',
  figures: 'LaborFigure',
};

async function recordAudit(tx: Tx, plan: Plan, actor: string, action: string): Promise<void> {
  const changes = kinds.flatMap((k) => plan[k].changes);
  if (changes.length === 0) return;
  await tx.auditEvent.createMany({
    data: changes.map((c) => ({
      actor,
      action,
      entityType: entityOf[c.kind],
      entityKey: c.key,
      before: (c.before ?? Prisma.DbNull) as Prisma.InputJsonValue,
      after: (c.after ?? Prisma.DbNull) as Prisma.InputJsonValue,
    })),
  });
  await notifyDataChanged(tx, action);
}

type Tx = Prisma.TransactionClient;

async function idMap(rows: Promise<{ id: number; slug: string }[]>) {
  return new Map((await rows).map((r) => [r.slug, r.id]));
}
type KeyedKind = 'organizations' | 'sources' | 'training-programs' | 'certifications' | 'roles';
/** Slug -> id of every organization, source, program, certification and role, by kind, in one statement. */
async function unwrittenIds(tx: Tx): Promise<Map<string, Map<string, number>>> {
  const rows = await tx.$queryRaw<{ kind: KeyedKind; id: number; slug: string }[]>`
    SELECT 'organizations' AS kind, id, slug FROM organization
    UNION ALL SELECT 'sources', id, slug FROM source
    UNION ALL SELECT 'training-programs', id, slug FROM training_program
    UNION ALL SELECT 'certifications', id, slug FROM certification
    UNION ALL SELECT 'roles', id, slug FROM role`;
  const maps = new Map<string, Map<string, number>>(
    (['organizations', 'sources', 'training-programs', 'certifications', 'roles'] as const).map((k) => [k, new Map()]),
  );
  for (const r of rows) maps.get(r.kind)!.set(r.slug, r.id);
  return maps;
}
function need(map: Map<string, number>, slug: string): number {
  const id = map.get(slug);
  if (id === undefined) throw new Error(`internal: unresolved slug "${slug}"`);
  return id;
}

/** Writes the plan, and the official dataset (after the sources it cites) when given and changed. */
async function applyPlan(tx: Tx, plan: Plan, official?: OfficialDataset): Promise<boolean> {
  const select = { select: { id: true, slug: true } } as const;
  // Each id map is a round trip under the writers' lock; one that no step of this plan uses is not
  // read (an empty map makes `need` fail loudly should that ever be wrong).
  const upserts = (kind: DatasetKind) => plan[kind].upsert.length > 0;
  const none = Promise.resolve(new Map<string, number>());
  // The ids of the kinds this plan does not write are as they were: one statement reads them all.
  let unwritten: Promise<Map<string, Map<string, number>>> | undefined;
  const ids = (kind: KeyedKind, read: () => Promise<{ id: number; slug: string }[]>) =>
    upserts(kind) ? idMap(read()) : (unwritten ??= unwrittenIds(tx)).then((maps) => maps.get(kind)!);
  for (const t of plan.tracks.upsert as Dataset['tracks']) {
    const data = { name: t.name, description: t.description, bridging: t.bridging };
    await tx.track.upsert({
      where: { slug: t.slug },
      create: { slug: t.slug, ...data },
      update: { ...data, version: { increment: 1 } },
    });
  }
  for (const o of plan.organizations.upsert as Dataset['organizations']) {
    const data = { name: o.name, acronym: o.acronym ?? null, kind: o.kind, url: o.url ?? null };
    await tx.organization.upsert({
      where: { slug: o.slug },
      create: { slug: o.slug, ...data },
      update: { ...data, version: { increment: 1 } },
    });
  }
  const orgs = await (upserts('sources') || upserts('certifications')
    ? ids('organizations', () => tx.organization.findMany(select))
    : none);
  for (const s of plan.sources.upsert as Dataset['sources']) {
    const data = {
      title: s.title,
      publisherId: need(orgs, s.publisher),
      url: s.url ?? null,
      year: s.year,
      official: s.official,
      note: s.note ?? null,
    };
    await tx.source.upsert({
      where: { slug: s.slug },
      create: { slug: s.slug, ...data },
      update: { ...data, version: { increment: 1 } },
    });
  }
  const sources = await ids('sources', () => tx.source.findMany(select));
  const cite = (slugs: string[]) => slugs.map((s) => ({ sourceId: need(sources, s) }));
  const officialLoaded = official ? await loadOfficialData(tx, official) : false;

  for (const p of plan['training-programs'].upsert as Dataset['training-programs']) {
    const data = {
      name: p.name,
      credential: p.credential,
      minMonths: p.months.min,
      maxMonths: p.months.max,
      minMonthsEstimated: p.months.minEstimated ?? false,
      maxMonthsEstimated: p.months.maxEstimated ?? false,
      cipCode: p.cipCode ?? null,
      typicalCostUsd: p.typicalCost?.usd ?? null,
      typicalCostSourceId: p.typicalCost ? need(sources, p.typicalCost.source) : null,
      typicalCostYear: p.typicalCost?.year ?? null,
      typicalCostSchools: p.typicalCost?.schools ?? null,
      typicalCostSchoolCount: p.typicalCost?.schoolCount ?? null,
      description: p.description,
    };
    await tx.trainingProgram.upsert({
      where: { slug: p.slug },
      create: { slug: p.slug, ...data, sources: { create: cite(p.sources) } },
      update: { ...data, version: { increment: 1 }, sources: { deleteMany: {}, create: cite(p.sources) } },
    });
  }
  const programs = await ids('training-programs', () => tx.trainingProgram.findMany(select));
  // Prerequisites once every program exists (they may refer to programs created in this plan).
  for (const p of plan['training-programs'].upsert as Dataset['training-programs']) {
    const programId = need(programs, p.slug);
    await tx.programPrerequisite.deleteMany({ where: { programId } });
    if (p.prerequisites.length > 0)
      await tx.programPrerequisite.createMany({
        data: p.prerequisites.map((q, position) => ({ programId, prerequisiteId: need(programs, q), position })),
      });
  }

  // Certifications first without their routes (a route may ask to hold another one of them).
  for (const c of plan.certifications.upsert as Dataset['certifications']) {
    const data = {
      acronym: c.acronym,
      name: c.name,
      kind: c.kind,
      issuerId: need(orgs, c.issuer),
      examQuestions: c.exam.questions ?? null,
      examMinutes: c.exam.minutes ?? null,
      examFeeUsd: c.exam.feeUsd ?? null,
      examFeeSourceId: c.exam.feeSource ? need(sources, c.exam.feeSource) : null,
      examReducedFeeUsd: c.exam.reducedFeeUsd ?? null,
      examReducedFeeFor: c.exam.reducedFeeFor ?? null,
      renewalMonths: c.renewal.months ?? null,
      renewalRequirement: c.renewal.requirement ?? null,
    };
    await tx.certification.upsert({
      where: { slug: c.slug },
      create: { slug: c.slug, ...data, sources: { create: cite(c.sources) } },
      update: {
        ...data,
        version: { increment: 1 },
        eligibilityRoutes: { deleteMany: {} },
        sources: { deleteMany: {}, create: cite(c.sources) },
      },
    });
  }
  const certifications = await ids('certifications', () => tx.certification.findMany(select));
  for (const c of plan.certifications.upsert as Dataset['certifications'])
    if (c.eligibility.length > 0)
      await tx.eligibilityRoute.createMany({
        data: c.eligibility.map((e, position) => ({
          certificationId: need(certifications, c.slug),
          position,
          description: e.description,
          programId: e.program ? need(programs, e.program) : null,
          minMonthsExperience: e.minMonthsExperience ?? null,
          certificationHeldId: e.certification ? need(certifications, e.certification) : null,
          open: e.open ?? false,
          condition: e.condition ?? null,
        })),
      });
  const tracks = await (upserts('roles') ? idMap(tx.track.findMany(select)) : none);
  const occupations = upserts('roles')
    ? new Map((await tx.occupation.findMany({ select: { id: true, code: true } })).map((o) => [o.code, o.id]))
    : new Map<string, number>();

  for (const r of plan.roles.upsert as Dataset['roles']) {
    const data = {
      title: r.title,
      alternateTitles: r.alternateTitles,
      trackId: need(tracks, r.track),
      level: r.level,
      summary: r.summary,
      duties: r.duties,
      skills: r.skills,
      workSettings: r.workSettings,
      typicalEducation: r.typicalEducation,
      socCode: r.socCode ?? null,
      occupationId: r.occupation ? need(occupations, r.occupation) : null,
      occupationFit: r.occupationFit ?? null,
    };
    const implied = {
      impliedPrograms: { create: r.implies.programs.map((p) => ({ programId: need(programs, p) })) },
      impliedCertifications: {
        create: r.implies.certifications.map((c) => ({ certificationId: need(certifications, c) })),
      },
    };
    await tx.role.upsert({
      where: { slug: r.slug },
      create: { slug: r.slug, ...data, ...implied, sources: { create: cite(r.sources) } },
      update: {
        ...data,
        version: { increment: 1 },
        impliedPrograms: { deleteMany: {}, ...implied.impliedPrograms },
        impliedCertifications: { deleteMany: {}, ...implied.impliedCertifications },
        sources: { deleteMany: {}, create: cite(r.sources) },
      },
    });
  }
  const roles = await ids('roles', () => tx.role.findMany(select));

  // A transition that exists gets its own row updated and only the lists that changed written
  // again: an edit of its years is one statement under the lock, where rewriting every list took
  // ten (Prisma reads each list's ids before deleting them; decision 021).
  const transitionBefore = new Map(plan.transitions.changes.map((c) => [c.key, c.before]));
  for (const t of plan.transitions.upsert as Dataset['transitions']) {
    const fromRoleId = need(roles, t.from);
    const toRoleId = need(roles, t.to);
    const data = {
      kind: t.kind,
      minYearsExperience: t.minYearsExperience,
      yearsEstimated: t.yearsEstimated === true,
      unknownTraining: t.unknownTraining ?? null,
      rationale: t.rationale,
    };
    const groups = t.requires.map((group, position) => ({
      position,
      options: { create: group.map((slug) => ({ certificationId: need(certifications, slug) })) },
    }));
    const training = t.training.map((slug) => ({ programId: need(programs, slug) }));
    const old = transitionBefore.get(keyOf('transitions', t)) as Dataset['transitions'][number] | undefined;
    if (old === undefined) {
      await tx.transition.create({
        data: {
          fromRoleId,
          toRoleId,
          ...data,
          requirementGroups: { create: groups },
          training: { create: training },
          sources: { create: cite(t.sources) },
        },
        select: { id: true },
      });
      continue;
    }
    const { id: transitionId } = await tx.transition.update({
      where: { fromRoleId_toRoleId: { fromRoleId, toRoleId } },
      data: { ...data, version: { increment: 1 } },
      select: { id: true },
    });
    if (!isDeepStrictEqual(old.requires, t.requires)) {
      await tx.requirementGroup.deleteMany({ where: { transitionId } });
      for (const group of groups)
        await tx.requirementGroup.create({ data: { transitionId, ...group }, select: { id: true } });
    }
    if (!isDeepStrictEqual(old.training, t.training)) {
      await tx.transitionTraining.deleteMany({ where: { transitionId } });
      if (training.length > 0)
        await tx.transitionTraining.createMany({ data: training.map((x) => ({ transitionId, ...x })) });
    }
    if (!isDeepStrictEqual(old.sources, t.sources)) {
      await tx.transitionSource.deleteMany({ where: { transitionId } });
      if (t.sources.length > 0)
        await tx.transitionSource.createMany({ data: cite(t.sources).map((x) => ({ transitionId, ...x })) });
    }
  }

  for (const f of plan.figures.upsert as Dataset['figures']) {
    // The key holds a nullable data year, which Prisma's compound unique input cannot: find, then write.
    const key = {
      roleId: f.role === undefined ? null : need(roles, f.role),
      kind: f.kind,
      unit: f.unit,
      sourceId: need(sources, f.source),
      dataYear: f.dataYear ?? null,
      geography: f.geography,
      label: f.label,
    };
    const data = {
      scope: f.scope,
      value: f.value ?? null,
      low: f.low ?? null,
      high: f.high ?? null,
      bound: f.bound,
      periodEndYear: f.periodEndYear ?? null,
      occupation: f.occupation,
      note: f.note ?? null,
    };
    const existing = await tx.laborFigure.findFirst({ where: key, select: { id: true } });
    if (existing) await tx.laborFigure.update({ where: existing, data: { ...data, version: { increment: 1 } } });
    else await tx.laborFigure.create({ data: { ...key, ...data } });
  }

  // Deletions run last and in reverse dependency order, after references were moved away.
  for (const f of plan.figures.remove as Dataset['figures']) {
    await tx.laborFigure.deleteMany({
      where: {
        ...(f.role === undefined ? { roleId: null } : { role: { slug: f.role } }),
        source: { slug: f.source },
        kind: f.kind,
        unit: f.unit,
        dataYear: f.dataYear ?? null,
        geography: f.geography,
        label: f.label,
      },
    });
  }
  for (const t of plan.transitions.remove as Dataset['transitions']) {
    await tx.transition.deleteMany({ where: { fromRole: { slug: t.from }, toRole: { slug: t.to } } });
  }
  const removeBySlug = async (kind: DatasetKind, remove: (slugs: string[]) => Promise<unknown>) => {
    const slugs = plan[kind].remove.map((r) => (r as { slug: string }).slug);
    if (slugs.length > 0) await remove(slugs);
  };
  await removeBySlug('roles', (slugs) => tx.role.deleteMany({ where: { slug: { in: slugs } } }));
  await removeBySlug('certifications', (slugs) => tx.certification.deleteMany({ where: { slug: { in: slugs } } }));
  await removeBySlug('training-programs', (slugs) => tx.trainingProgram.deleteMany({ where: { slug: { in: slugs } } }));
  await removeBySlug('sources', (slugs) => tx.source.deleteMany({ where: { slug: { in: slugs } } }));
  await removeBySlug('organizations', (slugs) => tx.organization.deleteMany({ where: { slug: { in: slugs } } }));
  await removeBySlug('tracks', (slugs) => tx.track.deleteMany({ where: { slug: { in: slugs } } }));
  if (officialLoaded) await removeDroppedOccupations(tx, official!.data);
  return officialLoaded;
}
