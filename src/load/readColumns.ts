import type { ColumnInfo, Database } from '../db/Database.js';
import type { Container } from '../sniff/sniffFile.js';
import { readJsonFields, type JsonSource } from './jsonSource.js';

/**
 * Lists the columns of a file: the CSV header, the Parquet schema, or the fields of the first
 * JSON records with their paths (JSON values are read as text, so their type is VARCHAR).
 */
export async function readColumns(
  db: Database,
  readPath: string,
  container: Container,
  json: JsonSource | undefined,
): Promise<ColumnInfo[]> {
  switch (container.kind) {
    case 'csv':
      return db.describe('SELECT * FROM read_csv($path, all_varchar = true, header = true, delim = $delimiter, quote = \'"\', escape = \'"\', store_rejects = true)', {
        path: readPath,
        delimiter: container.delimiter,
      });
    case 'gzip':
      throw new Error('a gzip file must be decompressed before it is read');
    case 'parquet':
      return db.describe('SELECT * FROM read_parquet($path)', { path: readPath });
    case 'json':
      return readJsonFields(db, json!);
  }
}
