import type { ColumnInfo, SqlParamTypes, SqlParams } from '../db/Database.js';
import { stringListParam } from '../db/Database.js';
import { quoteIdentifier } from '../db/quoteIdentifier.js';
import type { Container } from '../sniff/sniffFile.js';
import type { JsonSource } from './jsonSource.js';
import type { StageColumnSources } from './resolveStageColumns.js';

export interface StageQuery {
  sql: string;
  params: SqlParams;
  types: SqlParamTypes;
}

/**
 * Builds the SELECT that reads one file into the stage columns, all VARCHAR, plus
 * `source_row` (1-based record number) and `malformed` (a JSON record that did not parse).
 * Column names from the file appear only as quoted identifiers, and JSON key paths and the
 * file path are bound parameters, so no file name or content can change the statement.
 * (JSON paths are bound as one `VARCHAR[]` list.)
 */
export function buildStageQuery(
  readPath: string,
  container: Container,
  json: JsonSource | undefined,
  sources: StageColumnSources,
): StageQuery {
  switch (container.kind) {
    case 'json':
      return buildJsonStage(json!, sources);
    case 'csv':
      // A malformed line is skipped and kept in DuckDB's reject_errors table, so it rejects
      // that line only; its record is not counted in `ordinality`.
      return buildTableStage(
        `read_csv($path, all_varchar = true, header = true, delim = $delimiter, quote = '"', escape = '"', store_rejects = true)
         WITH ORDINALITY`,
        'ordinality',
        { path: readPath, delimiter: container.delimiter },
        sources,
        csvText,
      );
    case 'gzip':
      throw new Error('a gzip file must be decompressed before it is read');
    case 'parquet':
      return buildTableStage('read_parquet($path, file_row_number = true)', 'file_row_number + 1', { path: readPath }, sources, parquetText);
  }
}

function buildJsonStage(source: JsonSource, sources: StageColumnSources): StageQuery {
  // One json_extract_string call with every path parses each record once.
  const paths: string[] = [];
  const selectList = [...sources].map(([stageColumn, columns]) => {
    const expressions = columns.map((column) => {
      paths.push(column.path ?? `$."${column.name}"`);
      return `fields[${paths.length}]`;
    });
    return `${firstNonEmpty(expressions)} AS ${stageColumn}`;
  });
  const keyPaths = stringListParam(paths);

  const sql = `SELECT source_row, json IS NULL AS malformed, ${selectList.join(', ')}
    FROM (SELECT json, source_row, json_extract_string(json, $paths) AS fields FROM (${source.sql}))`;
  return {
    sql,
    params: { ...source.params, paths: keyPaths.value },
    types: { paths: keyPaths.type },
  };
}

function buildTableStage(
  source: string,
  rowExpression: string,
  params: SqlParams,
  sources: StageColumnSources,
  toText: (column: ColumnInfo) => string,
): StageQuery {
  const selectList = [...sources].map(([stageColumn, columns]) => {
    const expressions = columns.map(toText);
    return `${firstNonEmpty(expressions)} AS ${stageColumn}`;
  });
  const sql = `SELECT ${rowExpression} AS source_row, false AS malformed, ${selectList.join(', ')} FROM ${source}`;
  return { sql, params, types: {} };
}

function csvText(column: ColumnInfo): string {
  return quoteIdentifier(column.name);
}

/** Parquet columns keep their types; nested ones become JSON text, times ISO 8601 UTC text. */
function parquetText(column: ColumnInfo): string {
  const name = quoteIdentifier(column.name);
  const type = column.type.toUpperCase();
  if (type === 'VARCHAR') return name;
  if (type.startsWith('STRUCT') || type.startsWith('MAP') || type.endsWith(']')) return `to_json(${name})::VARCHAR`;
  if (type.startsWith('TIMESTAMP')) return `strftime(${name}::TIMESTAMPTZ, '%Y-%m-%dT%H:%M:%S.%fZ')`;
  return `CAST(${name} AS VARCHAR)`;
}

function firstNonEmpty(expressions: string[]): string {
  if (expressions.length === 0) return 'NULL::VARCHAR';
  if (expressions.length === 1) return expressions[0]!;
  return `coalesce(${expressions.map((expression) => `nullif(${expression}, '')`).join(', ')})`;
}
