import Table from 'cli-table3';

import type { PlainRow } from '../db/Database.js';
import type { Mode } from '../detect/Mode.js';
import type { FindingSet } from '../findings/readFindings.js';
import { Instant } from '../util/Instant.js';
import { formatValue } from './formatValue.js';
import { sanitizeCell } from './sanitizeForTerminal.js';

/** Short labels for the table; JSON, CSV and Arrow keep the rule's DetectionType values. */
const DETECTION_LABELS: Record<string, string> = {
  ImpossibleTravel: 'Impossible travel',
  MFABypassCookieReuse: 'Cookie reuse',
};

interface TableColumn {
  title: string;
  /** Narrowest width the column is shrunk to when the terminal is too narrow. */
  minWidth: number;
  cell(row: PlainRow, mode: Mode): string;
}

const COLUMNS: readonly TableColumn[] = [
  { title: 'Time (UTC)', minWidth: 19, cell: (row, mode) => shortTime(mode === 'kql-compat' ? row.TimeGenerated : row.EventTime) },
  { title: 'Detection', minWidth: 12, cell: (row) => DETECTION_LABELS[String(row.DetectionType)] ?? formatValue(row.DetectionType ?? null) },
  { title: 'User', minWidth: 14, cell: (row) => formatValue(row.UserPrincipalName ?? null) },
  { title: 'IP address', minWidth: 9, cell: (row) => formatValue(row.IPAddress ?? null) },
  { title: 'Country', minWidth: 7, cell: (row) => formatValue(row.Country ?? null) },
  { title: 'Evidence', minWidth: 10, cell: describeEvidence },
  { title: 'App', minWidth: 8, cell: (row) => formatValue(row.AppDisplayName ?? null) },
  { title: 'Source', minWidth: 12, cell: describeSource },
];

/** Findings shown in the table; the other output formats carry them all. */
const TABLE_ROW_LIMIT = 1000;

/** Cell padding and border characters cli-table3 adds around each column. */
const COLUMN_OVERHEAD = 3;

/**
 * Renders the findings as a text table that fits `width` columns. Every cell is sanitised,
 * because app names and other fields come from the evidence and may contain escape sequences.
 * cli-table3 cuts long cells with an ellipsis and measures wide characters.
 */
export async function renderTable(findings: FindingSet, mode: Mode, width: number, color: boolean): Promise<string> {
  if (findings.count === 0) return '';

  const cells: string[][] = [];
  for await (const batch of findings.batches(TABLE_ROW_LIMIT)) {
    for (const row of batch) cells.push(COLUMNS.map((column) => sanitizeCell(column.cell(row, mode))));
  }
  const widths = fitWidths(cells, width);
  const sourceColumn = COLUMNS.length - 1;
  for (const row of cells) row[sourceColumn] = keepTail(row[sourceColumn]!, widths[sourceColumn]!);
  const table = new Table({
    head: COLUMNS.map((column) => column.title),
    colWidths: widths.map((columnWidth) => columnWidth + 2),
    wordWrap: false,
    style: color ? { head: ['cyan'], border: ['grey'], compact: true } : { head: [], border: [], compact: true },
  });
  table.push(...cells);
  const hidden = findings.count - cells.length;
  const more = hidden > 0
    ? `${hidden} more findings not shown. Use --format csv, json or ndjson, or --out FILE.arrow, for all of them.\n`
    : '';
  return `${table.toString()}\n${more}`;
}

/** Natural column widths, with the widest columns shrunk until the table fits `width`. */
function fitWidths(cells: string[][], width: number): number[] {
  const widths = COLUMNS.map((column, index) =>
    Math.max(column.title.length, ...cells.map((row) => [...row[index]!].length)),
  );
  const available = width - COLUMNS.length * COLUMN_OVERHEAD - 1;
  let total = widths.reduce((sum, columnWidth) => sum + columnWidth, 0);
  while (total > available) {
    let widest = -1;
    for (const [index, columnWidth] of widths.entries()) {
      if (columnWidth > COLUMNS[index]!.minWidth && (widest < 0 || columnWidth > widths[widest]!)) widest = index;
    }
    if (widest < 0) break;
    widths[widest]! -= 1;
    total -= 1;
  }
  return widths;
}

/** Cuts a source path from the left, so that the file name and row number stay visible. */
function keepTail(text: string, width: number): string {
  const characters = [...text];
  return characters.length <= width ? text : `…${characters.slice(characters.length - width + 1).join('')}`;
}

/** `file:line` for text inputs, `file row N` where there are no lines (Parquet, envelopes). */
function describeSource(row: PlainRow): string {
  const file = formatValue(row.SourceFile ?? null);
  if (row.SourceLine !== null && row.SourceLine !== undefined) return `${file}:${formatValue(row.SourceLine)}`;
  return `${file} row ${formatValue(row.SourceRow ?? null)}`;
}

function describeEvidence(row: PlainRow): string {
  if (row.DetectionType === 'ImpossibleTravel') {
    const minutes = typeof row.TimeDiffMinutes === 'number' ? row.TimeDiffMinutes.toFixed(1) : '?';
    return `from ${formatValue(row.PriorCountry ?? null)} (${formatValue(row.PriorIPAddress ?? null)}) ${minutes} min before`;
  }
  return formatValue(row.AuthStepResult ?? null);
}

function shortTime(value: PlainRow[string] | undefined): string {
  return value instanceof Instant ? value.toISOString().slice(0, 19).replace('T', ' ') : '';
}
