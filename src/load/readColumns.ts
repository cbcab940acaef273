import type { ColumnInfo, Database } from '../db/Database.js';
import type { Container } from '../sniff/sniffFile.js';

/** Records read from the start of a JSON file to learn its key names. */
const KEY_SAMPLE_RECORDS = 1000;

/**
 * Lists the columns of a file: the CSV header, the Parquet schema, or the top-level keys of
 * the first JSON records (JSON values are read as text, so their type is VARCHAR).
 */
export async function readColumns(db: Database, readPath: string, container: Container): Promise<ColumnInfo[]> {
  switch (container.kind) {
    case 'csv':
      return db.describe('SELECT * FROM read_csv($path, all_varchar = true, header = true)', { path: readPath });
    case 'parquet':
      return db.describe('SELECT * FROM read_parquet($path)', { path: readPath });
    case 'json': {
      // NOTE: a key that first appears after the sampled records is not mapped. Log Analytics
      // exports write every column in every record, so this only matters for hand-made files.
      const rows = await db.readRows(
        `SELECT DISTINCT unnest(json_keys(json)) AS key
         FROM (SELECT json FROM read_json_objects($path, format := $layout, ignore_errors := true)
               WHERE json_type(json) = 'OBJECT' LIMIT $limit)`,
        { path: readPath, layout: container.layout, limit: KEY_SAMPLE_RECORDS },
      );
      return rows.map((row) => ({ name: String(row.key), type: 'VARCHAR' }));
    }
  }
}

