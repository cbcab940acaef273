import type { PlainValue } from '../db/toPlainValue.js';
import type { FindingSet } from '../findings/readFindings.js';
import { formatValue } from './formatValue.js';

/**
 * Findings as RFC 4180 CSV with a header row. A text cell that a spreadsheet would run as a
 * formula (starting with =, +, -, @, tab or carriage return) gets a leading apostrophe;
 * numbers, booleans and times are written as they are.
 */
export function renderCsv(findings: FindingSet): string {
  const lines = [findings.columns.map((column) => quoteCsv(column.name))];
  for (const row of findings.rows) {
    lines.push(findings.columns.map((column) => quoteCsv(csvCell(row[column.name] ?? null))));
  }
  return lines.map((cells) => `${cells.join(',')}\r\n`).join('');
}

function csvCell(value: PlainValue): string {
  const text = formatValue(value);
  return typeof value === 'string' && /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

function quoteCsv(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
