/**
 * Structural check of a Parquet file's pages before hyparquet decodes them. hyparquet trusts page headers: a
 * corrupt size (undefined → NaN offset) or value count makes it spin synchronously in a worker, where no signal
 * can reach it. Walking every page header first turns such files into a clear "corrupt file" message.
 */
import type { FileMetaData, PageHeader, SchemaElement } from 'hyparquet';
import { parquetHeader } from 'hyparquet/src/column.js';
import { ImportError } from './import-error.ts';
import { checkRunLengths, type Levels } from './parquet-runs.ts';

/** Product limits: larger pages or chunks than any real red-line layer needs. */
export const PARQUET_LIMITS = { pageBytes: 256 * 2 ** 20, valuesPerChunk: 50_000_000 };

const PAGE_TYPES = new Set(['DATA_PAGE', 'DATA_PAGE_V2', 'DICTIONARY_PAGE', 'INDEX_PAGE']);

const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
const asCount = (v: unknown): number | undefined =>
  typeof v === 'bigint'
    ? v <= BigInt(Number.MAX_SAFE_INTEGER)
      ? Number(v)
      : undefined
    : isCount(v)
      ? v
      : undefined;

function corrupt(file: string, reason: string): ImportError {
  return new ImportError('corrupt_file', { file, reason });
}

/** Values a data page declares (undefined: not a data page). */
function pageValues(file: string, header: PageHeader): number | undefined {
  if (header.type === 'DATA_PAGE') {
    const count = header.data_page_header?.num_values;
    if (!isCount(count)) throw corrupt(file, 'bad Parquet page header');
    return count;
  }
  if (header.type === 'DATA_PAGE_V2') {
    const v2 = header.data_page_header_v2;
    const fields = [
      v2?.num_values,
      v2?.num_nulls,
      v2?.num_rows,
      v2?.definition_levels_byte_length,
      v2?.repetition_levels_byte_length,
    ];
    if (!v2 || !fields.every(isCount)) throw corrupt(file, 'bad Parquet page header');
    const levels = v2.definition_levels_byte_length + v2.repetition_levels_byte_length;
    if (
      v2.num_nulls > v2.num_values ||
      levels > header.compressed_page_size ||
      levels > header.uncompressed_page_size
    )
      throw corrupt(file, 'bad Parquet page header');
    return v2.num_values;
  }
  if (header.type === 'DICTIONARY_PAGE' && !isCount(header.dictionary_page_header?.num_values))
    throw corrupt(file, 'bad Parquet dictionary page');
  return undefined;
}

/** The column's maximum definition and repetition levels, as hyparquet derives them (undefined: path unknown). */
function columnLevels(schema: SchemaElement[], path: string[]): Levels | undefined {
  const levels = { maxDefinition: 0, maxRepetition: 0 };
  let index = 0;
  for (const name of path) {
    const found = findChild(schema, index, name);
    if (!found) return undefined;
    if (found.element.repetition_type !== 'REQUIRED') levels.maxDefinition += 1;
    if (found.element.repetition_type === 'REPEATED') levels.maxRepetition += 1;
    index = found.index;
  }
  return levels;
}

/** The flattened schema lists each element's children right after it (`num_children` of them, depth first). */
function findChild(
  schema: SchemaElement[],
  parent: number,
  name: string,
): { element: SchemaElement; index: number } | undefined {
  let at = parent + 1;
  for (let child = 0; child < (schema[parent]?.num_children ?? 0); child += 1) {
    const element = schema[at];
    if (!element) return undefined;
    if (element.name === name) return { element, index: at };
    at = skipSubtree(schema, at);
  }
  return undefined;
}

function skipSubtree(schema: SchemaElement[], at: number): number {
  let next = at + 1;
  for (let child = 0; child < (schema[at]?.num_children ?? 0); child += 1) next = skipSubtree(schema, next);
  return next;
}

/** Throws `ImportError('corrupt_file')` unless every column chunk's pages are where and what they claim. */
export function checkParquetPages(file: string, buffer: ArrayBuffer, metadata: FileMetaData): void {
  const rows = asCount(metadata.num_rows);
  if (rows === undefined) throw corrupt(file, 'bad Parquet row count');
  let groupRows = 0;
  const view = new DataView(buffer);
  for (const group of metadata.row_groups) {
    const inGroup = asCount(group.num_rows);
    if (inGroup === undefined) throw corrupt(file, 'bad Parquet row count');
    groupRows += inGroup;
    for (const chunk of group.columns) {
      const meta = chunk.meta_data;
      if (!meta) throw corrupt(file, 'Parquet column without metadata');
      // Same start as hyparquet's reader (a 0 dictionary offset means none).
      const start = asCount(meta.dictionary_page_offset || meta.data_page_offset);
      const size = asCount(meta.total_compressed_size);
      const values = asCount(meta.num_values);
      if (
        start === undefined ||
        size === undefined ||
        values === undefined ||
        start + size > buffer.byteLength
      )
        throw corrupt(file, 'Parquet column outside the file');
      if (values > PARQUET_LIMITS.valuesPerChunk) throw corrupt(file, 'Parquet column too large');
      // A chunk whose path is not in the schema is read but never collected by hyparquet: its failure would
      // escape as an unhandled rejection.
      const levels = columnLevels(metadata.schema, meta.path_in_schema);
      if (!levels) throw corrupt(file, 'Parquet column not in its schema');
      if (levels.maxRepetition === 0 && values !== inGroup)
        throw corrupt(file, 'Parquet column and row counts disagree');
      let seen = 0;
      const reader = { view, offset: start };
      while (reader.offset < start + size) {
        let header: PageHeader;
        try {
          header = parquetHeader(reader);
        } catch (error) {
          throw new ImportError(
            'corrupt_file',
            { file, reason: 'unreadable Parquet page header' },
            { cause: error },
          );
        }
        const { compressed_page_size: packed, uncompressed_page_size: unpacked } = header;
        if (!PAGE_TYPES.has(header.type) || !isCount(packed) || !isCount(unpacked))
          throw corrupt(file, 'bad Parquet page header');
        if (unpacked > PARQUET_LIMITS.pageBytes) throw corrupt(file, 'Parquet page too large');
        if (reader.offset + packed > start + size) throw corrupt(file, 'Parquet page outside its column');
        const pageCount = pageValues(file, header);
        if (pageCount !== undefined) {
          seen += pageCount;
          if (seen > values) throw corrupt(file, 'Parquet page and column counts disagree');
          const body = new Uint8Array(buffer, reader.offset, packed);
          checkRunLengths(file, body, header, meta.codec, levels, pageCount);
        }
        reader.offset += packed;
      }
      if (seen !== values) throw corrupt(file, 'Parquet page and column counts disagree');
    }
  }
  if (groupRows !== rows) throw corrupt(file, 'Parquet row counts disagree');
}
