import type { Database, SqlParams } from '../db/Database.js';
import type { Detection } from './listDetections.js';

/** Thresholds the default detections bind; `--kql-compat` uses only the window. */
export interface DetectionParameters {
  windowMinutes: number;
  velocityWindowMinutes: number;
  maxSpeedKmh: number;
  minDistanceKm: number;
  contextWindowMinutes: number;
}

export interface DetectionCount {
  detection: Detection;
  findings: number;
}

/**
 * Runs each detection's SELECT into the `findings` table, records the detection in
 * `detection_catalog`, and counts what each one found. A finding without a severity of its
 * own gets the one in the detection's header.
 */
export async function runDetections(
  db: Database,
  detections: readonly Detection[],
  parameters: DetectionParameters,
): Promise<DetectionCount[]> {
  await db.runFile('schema/findings.sql');
  const values: SqlParams = {
    window_minutes: parameters.windowMinutes,
    velocity_window_minutes: parameters.velocityWindowMinutes,
    max_speed_kmh: parameters.maxSpeedKmh,
    min_distance_km: parameters.minDistanceKm,
    context_window_minutes: parameters.contextWindowMinutes,
  };

  const counts: DetectionCount[] = [];
  for (const detection of detections) {
    const params = Object.fromEntries(detection.parameters.map((name) => [name, bindValue(values, name, detection)]));
    await db.run(`INSERT INTO findings BY NAME\n${detection.sql}`, detection.parameters.length > 0 ? params : undefined);
    await db.run('UPDATE findings SET Severity = $severity WHERE DetectionId = $id AND Severity IS NULL', {
      severity: detection.severity,
      id: detection.id,
    });
    await db.run('INSERT INTO detection_catalog VALUES ($id, $title, $family, $severity)', {
      id: detection.id,
      title: detection.title,
      family: detection.family,
      severity: detection.severity,
    });
    const rows = await db.readRows('SELECT count(*) AS n FROM findings WHERE DetectionId = $id', { id: detection.id });
    counts.push({ detection, findings: Number(rows[0]?.n ?? 0) });
  }
  return counts;
}

function bindValue(values: SqlParams, name: string, detection: Detection): SqlParams[string] {
  const value = values[name];
  if (value === undefined) throw new Error(`${detection.file}: the header names an unknown parameter $${name}`);
  return value;
}
