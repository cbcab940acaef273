import type { ColumnInfo } from '../db/Database.js';
import { InputError } from '../errors.js';
import { azureMonitorShape } from './azureMonitor.js';
import type { ExportShape } from './ExportShape.js';
import { entraPortalAuthStepsShape, entraPortalShape } from './entraPortal.js';
import { graphShape } from './graph.js';
import { logAnalyticsShape } from './logAnalytics.js';
import { isLocalTimeColumn, normalizeColumnName } from './normalizeColumnName.js';

/**
 * Every layout the tool can read, tried in this order. Azure Monitor records come first,
 * because their envelope has a top-level `resultType` as Log Analytics rows do.
 */
export const KNOWN_SHAPES: readonly ExportShape[] = [
  azureMonitorShape,
  logAnalyticsShape,
  graphShape,
  entraPortalShape,
  entraPortalAuthStepsShape,
];

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

  const normalized = new Set(columns.map((column) => normalizeColumnName(column.name)));
  const shape = KNOWN_SHAPES.find((candidate) => candidate.matches(normalized));
  if (shape !== undefined) return shape;

  if (columns.length === 0) {
    throw new InputError(file, 'the file contains no records. Expected sign-in records with a user and a time column.');
  }
  const found = [...new Set(columns.map((column) => column.name))].sort((a, b) => a.localeCompare(b, 'en'));
  const shown = found.slice(0, 12).join(', ');
  const more = found.length > 12 ? ` and ${found.length - 12} more` : '';
  throw new InputError(
    file,
    `unknown export layout. Found columns: ${shown || '(none)'}${more}. ` +
      `Known layouts: ${KNOWN_SHAPES.map((known) => known.title).join('; ')}. ` +
      'Each needs a user column (UserPrincipalName or UserId, in any casing) and a time column.',
  );
}
