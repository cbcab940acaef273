import type { ColumnInfo, Database, PlainRow } from '../db/Database.js';
import { readSqlFile } from '../db/Database.js';
import type { Mode } from '../detect/Mode.js';

export interface FindingSet {
  /** Columns of the `findings` table, in order, with their DuckDB types. */
  columns: ColumnInfo[];
  rows: PlainRow[];
}

/** Reads all findings in output order: newest first by the mode's time column. */
export async function readFindings(db: Database, mode: Mode): Promise<FindingSet> {
  const columns = await db.describe('findings');
  const rows = await db.readPlainRows(await readSqlFile('findings/ordered.sql'), {
    time_column: mode === 'kql-compat' ? 'TimeGenerated' : 'EventTime',
  });
  return { columns, rows };
}
