import { UsageError } from '../errors.js';
import type { Detection } from './listDetections.js';

/**
 * Keeps the detections that `--only` names minus those `--skip` names. A missing or empty
 * `--only` list keeps them all.
 */
export function selectDetections(
  detections: readonly Detection[],
  lists: { only?: readonly string[]; skip: readonly string[]; onlySource: string; skipSource: string },
): Detection[] {
  const only = lists.only !== undefined && lists.only.length > 0 ? lists.only : undefined;
  const { skip } = lists;
  const ids = detections.map((detection) => detection.id);
  for (const [option, names] of [[lists.onlySource, only ?? []], [lists.skipSource, skip]] as const) {
    const unknown = names.filter((name) => !ids.includes(name));
    if (unknown.length > 0) {
      throw new UsageError(`${option}: unknown detection ${unknown.map((name) => `"${name}"`).join(', ')}. Detections: ${ids.join(', ')}.`);
    }
  }
  const selected = detections.filter((detection) => (only === undefined || only.includes(detection.id)) && !skip.includes(detection.id));
  if (selected.length === 0) {
    throw new UsageError(`${lists.onlySource} and ${lists.skipSource} leave no detection to run. Check the two lists.`);
  }
  return selected;
}
