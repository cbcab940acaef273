import { readdir, readFile } from 'node:fs/promises';

import type { Mode } from './Mode.js';
import { SEVERITIES, type Severity } from './Severity.js';

const DETECTIONS_ROOT = new URL('../../sql/detections/', import.meta.url);

export interface Detection {
  id: string;
  title: string;
  detectionType: string;
  severity: string;
  /** Kind of evidence the detection reads; two families agreeing on a sign-in raise an incident. */
  family: string;
  description: string;
  /** Parameter names the SQL binds, without the `$`. */
  parameters: string[];
  /** Output columns the header declares, in order. */
  columns: string[];
  /** Path under `sql/`, for messages. */
  file: string;
  sql: string;
}

/** Reads the detection files of a mode, in file name order, with their comment headers. */
export async function listDetections(mode: Mode): Promise<Detection[]> {
  const folder = new URL(`${mode}/`, DETECTIONS_ROOT);
  const names = (await readdir(folder)).filter((name) => name.endsWith('.sql')).sort();
  const detections: Detection[] = [];
  for (const name of names) {
    const sql = await readFile(new URL(name, folder), 'utf8');
    detections.push(parseDetection(`detections/${mode}/${name}`, sql));
  }
  return detections;
}

/**
 * Parses the `-- key: value` lines at the top of a detection file. A line that starts with
 * `--   ` continues the previous value. The header ends at the first line of SQL.
 */
export function parseDetection(file: string, sql: string): Detection {
  const header = new Map<string, string>();
  let lastKey: string | undefined;
  for (const line of sql.split('\n')) {
    const field = /^-- ([a-z-]+): ?(.*)$/.exec(line);
    const continuation = /^-- {2,}(.*)$/.exec(line);
    if (field) {
      lastKey = field[1]!;
      header.set(lastKey, field[2]!.trim());
    } else if (continuation && lastKey !== undefined) {
      header.set(lastKey, `${header.get(lastKey)} ${continuation[1]!.trim()}`);
    } else if (!line.startsWith('--')) {
      break;
    }
  }

  const required = (key: string): string => {
    const value = header.get(key);
    if (value === undefined || value === '') throw new Error(`${file}: the header has no "${key}" line`);
    return value;
  };
  const severity = required('severity');
  if (!SEVERITIES.includes(severity as Severity)) {
    throw new Error(`${file}: severity "${severity}" is not one of ${SEVERITIES.join(', ')}`);
  }
  const parameters = required('parameters');
  return {
    id: required('id'),
    title: required('title'),
    detectionType: required('detection-type'),
    severity,
    family: required('family'),
    description: required('description'),
    parameters: parameters === 'none' ? [] : splitList(parameters).map((name) => name.replace(/^\$/, '')),
    columns: splitList(required('columns')),
    file,
    sql,
  };
}

function splitList(text: string): string[] {
  return text.split(',').map((item) => item.trim()).filter((item) => item !== '');
}
