import type { ColumnInfo, Database, SqlParams } from '../db/Database.js';
import { readSqlFile } from '../db/Database.js';

/** Records read from the start of a JSON file to learn its key names. */
const KEY_SAMPLE_RECORDS = 1000;

/** Azure Monitor records carry the sign-in under this key; its keys are listed as `properties.<key>`. */
const PAYLOAD_KEY = 'properties';

export type JsonLayout = 'array' | 'newline_delimited' | 'unstructured';

/** Record source of a JSON file: a SELECT with columns `json` and `source_row`. */
export interface JsonSource {
  layout: JsonLayout;
  sql: string;
  params: SqlParams;
}

/**
 * Returns the SELECT that yields a JSON file's records. Arrays and NDJSON stream one record at
 * a time. Whole documents (envelopes, concatenated arrays, pretty-printed objects) are read
 * one document at a time, so a document may be as large as the file.
 */
export async function jsonSource(readPath: string, layout: JsonLayout, fileSize: number): Promise<JsonSource> {
  if (layout === 'unstructured') {
    // NOTE: DuckDB keeps each document in memory, so a multi-gigabyte envelope needs as much RAM.
    const maxObjectSize = Math.max(16 * 1024 * 1024, fileSize + 1);
    return { layout, sql: await readSqlFile('read/json-documents.sql'), params: { path: readPath, max_object_size: maxObjectSize } };
  }
  return {
    layout,
    // A malformed line in NDJSON rejects that line. In an array it ends the file, and DuckDB
    // then reports where, so errors are ignored only for one-record-per-line files.
    sql: `SELECT json, ordinality AS source_row
          FROM read_json_objects($path, format := $layout, ignore_errors := $ignore_errors) WITH ORDINALITY`,
    params: { path: readPath, layout, ignore_errors: layout === 'newline_delimited' },
  };
}

/**
 * Lists the fields of the first records with the JSON path of each: top-level keys, the keys
 * of an Azure Monitor `properties` payload as `properties.<key>`, or the column names of a
 * Log Analytics REST table, whose rows are positional arrays.
 */
export async function readJsonFields(db: Database, source: JsonSource): Promise<ColumnInfo[]> {
  const sample = `SELECT json FROM (${source.sql}) LIMIT ${KEY_SAMPLE_RECORDS}`;
  const restColumns = await readRestColumns(db, source);
  if (restColumns.length > 0) {
    return restColumns.map((name, index) => ({ name, type: 'VARCHAR', path: `$[${index}]` }));
  }

  // NOTE: a key that first appears after the sampled records is not mapped. Exports write
  // every column in every record, so this only matters for hand-made files.
  const rows = await db.readRows(
    `SELECT DISTINCT key, nested FROM (
       SELECT unnest(json_keys(json)) AS key, false AS nested FROM (${sample}) WHERE json_type(json) = 'OBJECT'
       UNION ALL
       SELECT unnest(json_keys(json, $payload_path)) AS key, true AS nested FROM (${sample})
       WHERE json_type(json, $payload_path) = 'OBJECT'
     )`,
    { ...source.params, payload_path: `$.${PAYLOAD_KEY}` },
  );
  // DuckDB's JSON paths cannot quote a key that contains `"` or `\`, so such keys are left unmapped.
  const addressable = rows.filter((row) => !/["\\]/.test(String(row.key)));
  return addressable.map((row) => {
    const key = String(row.key);
    return row.nested === true
      ? { name: `${PAYLOAD_KEY}.${key}`, type: 'VARCHAR', path: `$.${PAYLOAD_KEY}."${key}"` }
      : { name: key, type: 'VARCHAR', path: `$."${key}"` };
  });
}

/** Returns the column names of a Log Analytics REST response, or [] for any other file. */
async function readRestColumns(db: Database, source: JsonSource): Promise<string[]> {
  if (source.layout !== 'unstructured') return [];
  const rows = await db.readPlainRows(
    `SELECT json_extract_string(json, '$.tables[0].columns[*].name') AS names
     FROM read_json_objects($path, format := 'unstructured', maximum_object_size := $max_object_size)
     WHERE json_type(json, '$.tables[0].rows') = 'ARRAY' LIMIT 1`,
    source.params,
  );
  const names = rows[0]?.names;
  return Array.isArray(names) ? names.map(String) : [];
}
