import type { Database } from '../db/Database.js';
import type { Detection } from './listDetections.js';

export interface DetectionParameters {
  windowMinutes: number;
}

export interface DetectionCount {
  detection: Detection;
  findings: number;
}

/** Runs each detection's SELECT into the `findings` table and counts what each one found. */
export async function runDetections(
  db: Database,
  detections: readonly Detection[],
  parameters: DetectionParameters,
): Promise<DetectionCount[]> {
  await db.runFile('schema/findings.sql');

  const counts: DetectionCount[] = [];
  for (const detection of detections) {
    const params = detection.sql.includes('$window_minutes') ? { window_minutes: parameters.windowMinutes } : undefined;
    await db.run(`INSERT INTO findings BY NAME\n${detection.sql}`, params);
    const rows = await db.readRows('SELECT count(*) AS n FROM findings WHERE DetectionId = $id', { id: detection.id });
    counts.push({ detection, findings: Number(rows[0]?.n ?? 0) });
  }
  return counts;
}
