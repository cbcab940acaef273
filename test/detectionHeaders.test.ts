// Every detection file under sql/detections/ declares its id, title, type, severity, family,
// description, parameters and output columns in a comment header. This checks each header
// against the SQL itself, compiled by a real DuckDB on the empty canonical relation.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { prepareDatabase } from '../src/commands/prepareDatabase.js';
import { Database } from '../src/db/Database.js';
import { listDetections, type Detection } from '../src/detect/listDetections.js';
import type { Mode } from '../src/detect/Mode.js';
import { SEVERITIES } from '../src/detect/Severity.js';
import { scopeRows } from '../src/detect/scopeRows.js';

const FAMILIES: Record<Mode, string[]> = {
  default: ['location', 'session', 'token-claim', 'token-context'],
  'kql-compat': ['rule'],
};

const PARAMETER_VALUES = {
  window_minutes: 60,
  velocity_window_minutes: 1440,
  max_speed_kmh: 1000,
  min_distance_km: 100,
  context_window_minutes: 1440,
};

describe.each<Mode>(['default', 'kql-compat'])('%s detection headers', (mode) => {
  let db: Database;
  let detections: Detection[];

  beforeAll(async () => {
    db = await Database.open();
    await prepareDatabase(db);
    await scopeRows(db, { mode });
    detections = await listDetections(mode);
  });

  afterAll(() => db.close());

  it('ids are unique', () => {
    const ids = detections.map((detection) => detection.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBeGreaterThan(1);
  });

  it('headers have valid values', () => {
    for (const detection of detections) {
      expect(SEVERITIES, detection.file).toContain(detection.severity);
      expect(FAMILIES[mode], detection.file).toContain(detection.family);
      expect(detection.title.length, detection.file).toBeGreaterThan(5);
      expect(detection.description.length, detection.file).toBeGreaterThan(40);
      expect(detection.detectionType, detection.file).toMatch(/^[A-Z][A-Za-z]+$/);
    }
  });

  it('declared parameters match the SQL', () => {
    for (const detection of detections) {
      const used = [...new Set([...detection.sql.replace(/^--.*$/gm, '').matchAll(/\$([a-z_]+)/g)].map((match) => match[1]))].sort();
      expect(used, detection.file).toEqual([...detection.parameters].sort());
    }
  });

  it('declared columns match the SELECT output', async () => {
    for (const detection of detections) {
      const params = Object.fromEntries(detection.parameters.map((name) => [name, PARAMETER_VALUES[name as keyof typeof PARAMETER_VALUES]]));
      const columns = await db.describe(detection.sql, detection.parameters.length > 0 ? params : undefined);
      expect(columns.map((column) => column.name), detection.file).toEqual(detection.columns);
    }
  });

  it('output columns exist in the findings table', async () => {
    await db.runFile('schema/findings.sql');
    const table = (await db.describe('SELECT * FROM findings')).map((column) => column.name);
    for (const detection of detections) {
      expect(table, detection.file).toEqual(expect.arrayContaining(detection.columns));
    }
  });
});
