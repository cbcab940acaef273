import { readSqlFile, type Database } from '../db/Database.js';
import { listDetections, type Detection } from '../detect/listDetections.js';
import { runDetections, type DetectionCount } from '../detect/runDetections.js';
import { selectDetections } from '../detect/selectDetections.js';
import { buildIncidents, type IncidentSet } from '../incidents/buildIncidents.js';
import { suppressFindings } from '../tuning/suppressFindings.js';
import type { FindingCounts } from './buildSummary.js';
import type { HuntOptions } from './HuntOptions.js';

export interface DetectionResults {
  detections: Detection[];
  counts: DetectionCount[];
  /** Default mode only; `--kql-compat` reports the rule's findings as they are. */
  incidents: IncidentSet | null;
  findingCounts: Map<string, FindingCounts>;
}

/**
 * Runs the mode's selected detections on the scoped sign-ins. In the default mode it then
 * applies the allow-lists and groups the remaining findings into incidents.
 */
export async function detectFindings(db: Database, options: HuntOptions): Promise<DetectionResults> {
  const { tuning } = options;
  const detections = selectDetections(await listDetections(options.mode), tuning);
  const counts = await runDetections(db, detections, tuning.thresholds);

  let incidents: IncidentSet | null = null;
  if (options.mode === 'default') {
    await suppressFindings(db, tuning.allow);
    incidents = await buildIncidents(db, tuning.minSeverity);
  }

  const rows = await db.readRows(await readSqlFile('stats/finding-counts.sql'));
  const findingCounts = new Map(
    rows.map((row) => [
      String(row.id),
      { shown: Number(row.shown), allowListed: Number(row.allow_listed), belowMinSeverity: Number(row.below_min_severity) },
    ]),
  );
  return { detections, counts, incidents, findingCounts };
}
