import type { Database } from '../db/Database.js';
import type { HashedFile } from '../load/loadInputs.js';
import type { SkippedFile } from '../load/loadInputs.js';

/** Row accounting of one input file; the counts after `rowsRead` add up to it. */
export interface FileAccount {
  path: string;
  sha256: string;
  /** `sign-ins`, or `auth-steps` for an admin center authentication details file. */
  kind: 'sign-ins' | 'auth-steps';
  size: number;
  shape: string;
  container: string;
  encoding: string;
  rowsRead: number;
  rejected: number;
  duplicates: number;
  failed: number;
  outOfRange: number;
  outsideRuleTable: number;
  notUserSignIn: number;
  inScope: number;
  /** Authentication-step files only: steps attached to a loaded sign-in, and steps without one. */
  stepsAttached: number;
  stepsUnmatched: number;
  /** First CSV line that could not be parsed; record numbers after it skip such lines. */
  firstMalformedLine: number | null;
  /** Usable rows whose time had no zone and was taken as UTC (not a disposition). */
  zonelessTimes: number;
  /** Day/month order used for slash dates. */
  dateOrder: string;
}

export interface RejectedRow {
  file: string;
  /** Record number, or line number for a CSV line that could not be parsed (see `unit`). */
  row: number;
  unit: 'row' | 'line';
  reason: string;
}

export interface RowAccounting {
  files: FileAccount[];
  skippedFiles: SkippedFile[];
  /** The first rejected rows, in file and row order; `rejectedTotal` counts them all. */
  rejectedRows: RejectedRow[];
  rejectedTotal: number;
}

/** Rejected rows listed in full in summaries; the rest are counted. */
const REJECTED_ROWS_LISTED = 50;

/** Counts, per input file, the rows loaded, rejected and given each scope disposition. */
export async function accountRows(
  db: Database,
  files: readonly HashedFile[],
  skippedFiles: readonly SkippedFile[],
): Promise<RowAccounting> {
  const dispositions = await db.readRows(
    'SELECT file_index, disposition, count(*) AS n FROM scoped_rows GROUP BY ALL',
  );
  const zoneless = await db.readRows(
    'SELECT file_index, count(*) AS n FROM scoped_rows WHERE event_time_zoneless GROUP BY ALL',
  );
  const steps = await db.readRows(
    `SELECT file_index,
            count(*) FILTER (WHERE lower(request_id) IN (SELECT lower(record_id) FROM loaded_rows)) AS attached,
            count(*) FILTER (
                WHERE reject_reason IS NULL
                    AND lower(request_id) NOT IN (SELECT lower(record_id) FROM loaded_rows WHERE record_id IS NOT NULL)
            ) AS unmatched
     FROM loaded_auth_steps GROUP BY ALL`,
  );
  const malformed = await db.readRows('SELECT file_index, min(line) AS first_line FROM rejected_lines GROUP BY ALL');
  const count = (index: number, disposition: string): number =>
    Number(dispositions.find((row) => row.file_index === index && row.disposition === disposition)?.n ?? 0);

  const accounts = files.map((file) => ({
    path: file.path,
    sha256: file.sha256,
    kind: file.kind,
    size: file.size,
    shape: file.shape,
    container: file.container,
    encoding: file.encoding,
    rowsRead: file.rowsRead,
    rejected: file.rowsRejected,
    duplicates: count(file.index, 'duplicate'),
    failed: count(file.index, 'failed'),
    outOfRange: count(file.index, 'out_of_range'),
    outsideRuleTable: count(file.index, 'outside_rule_table'),
    notUserSignIn: count(file.index, 'not_user_sign_in'),
    inScope: count(file.index, 'in_scope'),
    stepsAttached: Number(steps.find((row) => row.file_index === file.index)?.attached ?? 0),
    stepsUnmatched: Number(steps.find((row) => row.file_index === file.index)?.unmatched ?? 0),
    firstMalformedLine: Number(malformed.find((row) => row.file_index === file.index)?.first_line ?? 0) || null,
    zonelessTimes: Number(zoneless.find((row) => row.file_index === file.index)?.n ?? 0),
    dateOrder: file.dateOrder,
  }));

  const rejected = await db.readRows(
    `SELECT source_file, source_row, unit, reject_reason, count(*) OVER () AS total
     FROM (
         SELECT file_index, source_file, source_row, 'row' AS unit, reject_reason FROM loaded_rows
         UNION ALL
         SELECT file_index, source_file, source_row, 'row' AS unit, reject_reason FROM loaded_auth_steps
         UNION ALL
         SELECT file_index, source_file, line AS source_row, 'line' AS unit, reason AS reject_reason FROM rejected_lines
     )
     WHERE reject_reason IS NOT NULL
     ORDER BY file_index, source_row LIMIT $limit`,
    { limit: REJECTED_ROWS_LISTED },
  );
  return {
    files: accounts,
    skippedFiles: [...skippedFiles],
    rejectedRows: rejected.map((row) => ({
      file: String(row.source_file),
      row: Number(row.source_row),
      unit: row.unit === 'line' ? 'line' : 'row',
      reason: String(row.reject_reason),
    })),
    rejectedTotal: Number(rejected[0]?.total ?? 0),
  };
}
