import type { PlainRow } from '../db/Database.js';
import { detectionLabel } from '../detect/detectionLabels.js';
import type { Mode } from '../detect/Mode.js';
import type { FindingSet } from '../findings/readFindings.js';
import { Instant } from '../util/Instant.js';
import { formatValue } from './formatValue.js';
import { renderTextTable, type TextColumn } from './textTable.js';


/** Findings shown in the table; the other output formats carry them all. */
const TABLE_ROW_LIMIT = 1000;

function findingColumns(mode: Mode, suppressed: boolean): TextColumn<PlainRow>[] {
  const columns: TextColumn<PlainRow>[] = [
    { title: 'Time (UTC)', minWidth: 19, cell: (row) => shortTime(mode === 'kql-compat' ? row.TimeGenerated : row.EventTime) },
    { title: 'Detection', minWidth: 12, cell: (row) => detectionLabel(formatValue(row.DetectionType ?? null)) },
  ];
  if (mode === 'default') columns.push({ title: 'Severity', minWidth: 6, cell: (row) => formatValue(row.Severity ?? null) });
  columns.push(
    { title: 'User', minWidth: 14, cell: (row) => formatValue(row.UserPrincipalName ?? null) },
    { title: 'IP address', minWidth: 9, cell: (row) => formatValue(row.IPAddress ?? null) },
    { title: 'Country', minWidth: 7, cell: (row) => formatValue(row.Country ?? null) },
    { title: 'Evidence', minWidth: 10, cell: describeEvidence },
    { title: 'App', minWidth: 8, cell: (row) => formatValue(row.AppDisplayName ?? null) },
  );
  if (suppressed) columns.push({ title: 'Suppressed by', minWidth: 12, cell: (row) => formatValue(row.SuppressedBy ?? null) });
  columns.push({ title: 'Source', minWidth: 12, keepTail: true, cell: describeSource });
  return columns;
}

/**
 * Renders findings as a text table that fits `width` columns, at most the first 1,000.
 * `suppressed` adds the column that names the allow-list entry or threshold that hid each one.
 */
export async function renderTable(findings: FindingSet, mode: Mode, width: number, color: boolean, suppressed = false): Promise<string> {
  if (findings.count === 0) return '';

  const rows: PlainRow[] = [];
  for await (const batch of findings.batches(TABLE_ROW_LIMIT)) rows.push(...batch);
  const table = renderTextTable(findingColumns(mode, suppressed), rows, width, color);
  const hidden = findings.count - rows.length;
  const more = hidden > 0
    ? `${hidden} more findings not shown. Use --format csv, json or ndjson, or --out FILE.arrow, for all of them.\n`
    : '';
  return `${table}${more}`;
}

/** `file:line` for text inputs, `file row N` where there are no lines (Parquet, envelopes). */
function describeSource(row: PlainRow): string {
  const file = formatValue(row.SourceFile ?? null);
  if (row.SourceLine !== null && row.SourceLine !== undefined) return `${file}:${formatValue(row.SourceLine)}`;
  return `${file} row ${formatValue(row.SourceRow ?? null)}`;
}

function describeEvidence(row: PlainRow): string {
  if (row.Reason !== null && row.Reason !== undefined) return formatValue(row.Reason);
  if (row.DetectionType === 'ImpossibleTravel') {
    const minutes = typeof row.TimeDiffMinutes === 'number' ? row.TimeDiffMinutes.toFixed(1) : '?';
    return `from ${formatValue(row.PriorCountry ?? null)} (${formatValue(row.PriorIPAddress ?? null)}) ${minutes} min before`;
  }
  return formatValue(row.AuthStepResult ?? null);
}

export function shortTime(value: PlainRow[string] | undefined): string {
  return value instanceof Instant ? value.toISOString().slice(0, 19).replace('T', ' ') : '';
}
