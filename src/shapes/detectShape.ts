import type { ColumnInfo } from '../db/Database.js';
import { InputError } from '../errors.js';
import { azureMonitorShape } from './azureMonitor.js';
import type { ExportShape } from './ExportShape.js';
import { graphShape } from './graph.js';
import { logAnalyticsShape } from './logAnalytics.js';
import { isLocalTimeColumn, normalizeColumnName } from './normalizeColumnName.js';

/**
 * Every layout the tool can read, tried in this order. Azure Monitor records come first,
 * because their envelope has a top-level `resultType` as Log Analytics rows do.
 */
export const KNOWN_SHAPES: readonly ExportShape[] = [azureMonitorShape, logAnalyticsShape, graphShape];

/** Names the file's layout from its column names, or rejects the file with what it found. */
export function detectShape(file: string, columns: readonly ColumnInfo[]): ExportShape {
  const localTime = columns.find((column) => isLocalTimeColumn(column.name));
  if (localTime !== undefined) {
    throw new InputError(
      file,
      `column "${localTime.name}" holds the browser's local time without an offset, so its instants are unknown. ` +
        'Export again from Log Analytics with the display time zone set to UTC.',
    );
  }

  const names = new Set(columns.map((column) => normalizeColumnName(column.name)));
  const shape = KNOWN_SHAPES.find((candidate) => candidate.matches(names));
  if (shape !== undefined) return shape;

  const shown = columns.slice(0, 12).map((column) => column.name).join(', ');
  const more = columns.length > 12 ? ` and ${columns.length - 12} more` : '';
  throw new InputError(
    file,
    `unknown export layout. Found columns: ${shown || '(none)'}${more}. ` +
      `Known layouts: ${KNOWN_SHAPES.map((known) => known.title).join('; ')}. ` +
      'Each needs a user column (UserPrincipalName or UserId, in any casing) and a time column.',
  );
}
