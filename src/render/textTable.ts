import Table from 'cli-table3';

import { sanitizeCell } from './sanitizeForTerminal.js';

/** A column of a text table, with a cell function over some row type. */
export interface TextColumn<Row> {
  title: string;
  /** Narrowest width the column is shrunk to when the terminal is too narrow. */
  minWidth: number;
  /** Cut long values from the left, so that the end (a file name and row) stays visible. */
  keepTail?: boolean;
  /** Wrap long values onto more lines instead of cutting them; for free text such as a reason. */
  wrap?: boolean;
  cell(row: Row): string;
}

/** Cell padding and border characters cli-table3 adds around each column. */
const COLUMN_OVERHEAD = 3;

/**
 * Renders rows as a text table that fits `width` columns. Every cell is sanitised, because
 * app names and other fields come from the evidence and may contain escape sequences.
 * cli-table3 cuts long cells with an ellipsis and measures wide characters.
 */
export function renderTextTable<Row>(columns: readonly TextColumn<Row>[], rows: readonly Row[], width: number, color: boolean): string {
  const cells = rows.map((row) => columns.map((column) => sanitizeCell(column.cell(row))));
  const widths = fitWidths(columns, cells, width);
  const wrapping = columns.some((column) => column.wrap === true);
  for (const row of cells) {
    for (const [index, column] of columns.entries()) {
      if (column.keepTail) row[index] = keepTail(row[index]!, widths[index]!);
      // With wrapping on, cli-table3 would wrap every column, so the others are cut here.
      else if (wrapping && column.wrap !== true) row[index] = keepHead(row[index]!, widths[index]!);
    }
  }
  const table = new Table({
    head: columns.map((column) => column.title),
    colWidths: widths.map((columnWidth) => columnWidth + 2),
    wordWrap: wrapping,
    style: color ? { head: ['cyan'], border: ['grey'], compact: true } : { head: [], border: [], compact: true },
  });
  table.push(...cells);
  return `${table.toString()}\n`;
}

/** Natural column widths, with the widest columns shrunk until the table fits `width`. */
function fitWidths<Row>(columns: readonly TextColumn<Row>[], cells: string[][], width: number): number[] {
  const widths = columns.map((column, index) =>
    Math.max(column.title.length, ...cells.map((row) => [...row[index]!].length)),
  );
  const available = width - columns.length * COLUMN_OVERHEAD - 1;
  let total = widths.reduce((sum, columnWidth) => sum + columnWidth, 0);
  while (total > available) {
    let widest = -1;
    for (const [index, columnWidth] of widths.entries()) {
      if (columnWidth > columns[index]!.minWidth && (widest < 0 || columnWidth > widths[widest]!)) widest = index;
    }
    if (widest < 0) break;
    widths[widest]! -= 1;
    total -= 1;
  }
  return widths;
}

/** Cuts text from the right to `width` characters, marking the cut with an ellipsis. */
function keepHead(text: string, width: number): string {
  const characters = [...text];
  return characters.length <= width ? text : `${characters.slice(0, width - 1).join('')}…`;
}

/** Cuts text from the left to `width` characters, marking the cut with an ellipsis. */
function keepTail(text: string, width: number): string {
  const characters = [...text];
  return characters.length <= width ? text : `…${characters.slice(characters.length - width + 1).join('')}`;
}
