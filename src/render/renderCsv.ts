import type { Writable } from 'node:stream';

import type { PlainValue } from '../db/toPlainValue.js';
import type { FindingSet } from '../findings/readFindings.js';
import { formatValue } from './formatValue.js';
import { writeText } from './writeText.js';

/**
 * Writes the findings as RFC 4180 CSV with a header row. A text cell that a spreadsheet would
 * run as a formula (starting with =, +, -, @, tab or carriage return) gets a leading
 * apostrophe. Numbers, booleans and times are written as they are.
 */
export async function writeCsv(stream: Writable, findings: FindingSet): Promise<void> {
  const names = findings.columns.map((column) => column.name);
  await writeText(stream, csvLine(names.map(quoteCsv)));
  for await (const batch of findings.batches()) {
    const lines = batch.map((row) => csvLine(names.map((name) => quoteCsv(csvCell(row[name] ?? null)))));
    await writeText(stream, lines.join(''));
  }
}

function csvLine(cells: string[]): string {
  return `${cells.join(',')}\r\n`;
}

function csvCell(value: PlainValue): string {
  const text = formatValue(value);
  return typeof value === 'string' && /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

function quoteCsv(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
