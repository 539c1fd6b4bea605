/**
 * The one interchange format for import and export (API and CLI): a JSON object holding every
 * dataset file's records under its file name, plus a format marker. It round-trips exactly:
 * importing an export changes nothing.
 */
import { type Dataset, type DatasetKind, datasetFiles } from './format.js';
import { DatasetError } from './read.js';

const DOCUMENT_FORMAT = 'career-lattice-dataset';
/** 2: figures carry `scope` and `dataYear` (not `year`); roles, programs and exam fees their official links. */
const DOCUMENT_VERSION = 2;

export type DatasetDocument = { format: typeof DOCUMENT_FORMAT; version: number } & Partial<
  Record<DatasetKind, unknown[]>
>;

/** The document for a dataset, keys in load order. */
export function toDocument(dataset: Dataset): DatasetDocument {
  return { format: DOCUMENT_FORMAT, version: DOCUMENT_VERSION, ...dataset };
}

/** The records of a document, ready for `loadDataset`; refuses anything that is not one. */
export function fromDocument(input: unknown): Partial<Record<DatasetKind, unknown>> {
  const fail = (field: string, message: string) =>
    new DatasetError([{ file: 'document', record: '(document)', field, message, code: 'INVALID' }]);
  if (typeof input !== 'object' || input === null || Array.isArray(input))
    throw fail('(root)', 'must be a JSON object');
  const { format, version, ...rest } = input as Record<string, unknown>;
  if (format !== DOCUMENT_FORMAT) throw fail('format', `must be "${DOCUMENT_FORMAT}"`);
  if (version !== DOCUMENT_VERSION)
    throw fail('version', `must be ${DOCUMENT_VERSION} (got ${JSON.stringify(version)})`);
  const kinds = Object.keys(datasetFiles);
  const unknown = Object.keys(rest).filter((k) => !kinds.includes(k));
  if (unknown.length) throw fail(unknown[0]!, `is not a kind of record (expected one of ${kinds.join(', ')})`);
  return rest as Partial<Record<DatasetKind, unknown>>;
}
