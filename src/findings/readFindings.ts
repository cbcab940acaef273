import type { ColumnInfo, Database, PlainRow } from '../db/Database.js';
import { readSqlFile } from '../db/Database.js';
import type { Mode } from '../detect/Mode.js';

/**
 * The findings of a run, read from DuckDB on demand. A run can have millions of findings
 * (`--kql-compat` reports every pair), so outputs stream them in batches.
 */
export interface FindingSet {
  /** Output columns (the `findings` table plus provenance), in order, with their DuckDB types. */
  columns: ColumnInfo[];
  count: number;
  /** Yields the findings in output order, newest first; `limit` stops after that many. */
  batches(limit?: number): AsyncIterable<PlainRow[]>;
  /** Writes the findings, in output order, to a Parquet file with `metadata`. */
  writeParquet(filePath: string, metadata: Record<string, string>): Promise<void>;
}

/** Selection of findings to read: those shown, those an allow-list or `--min-severity` suppressed, or both. */
export type FindingSelection = 'active' | 'suppressed' | 'all';

/** Prepares the selected findings for output, in order by the mode's time column. */
export async function readFindings(db: Database, mode: Mode, selection: FindingSelection = 'active'): Promise<FindingSet> {
  const ordered = await readSqlFile('findings/ordered.sql');
  const timeColumn = mode === 'kql-compat' ? 'TimeGenerated' : 'EventTime';
  const params = { time_column: timeColumn, selection };
  const counted = await db.readRows(`SELECT count(*) AS n FROM (${ordered})`, params);
  const columns = await db.describe(ordered, params);

  return {
    columns,
    count: Number(counted[0]?.n ?? 0),
    writeParquet(filePath: string, metadata: Record<string, string>) {
      return db.copyToParquet(ordered, params, filePath, metadata);
    },
    batches(limit?: number) {
      if (limit === undefined) return db.streamPlainRows(ordered, params);
      return db.streamPlainRows(`SELECT * FROM (${ordered}) LIMIT $limit`, { ...params, limit });
    },
  };
}
