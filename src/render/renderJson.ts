import type { FindingSet } from '../findings/readFindings.js';
import { jsonReplacer } from './formatValue.js';

/** Renders one JSON document with the run summary beside the findings; instants are ISO 8601 UTC text. */
export function renderJson(summary: object, findings: FindingSet): string {
  return `${JSON.stringify({ ...summary, findings: findings.rows }, jsonReplacer, 2)}\n`;
}

/** Renders one finding per line (JSON lines) and nothing else, so that other tools can stream it. */
export function renderNdjson(findings: FindingSet): string {
  return findings.rows.map((row) => `${JSON.stringify(row, jsonReplacer)}\n`).join('');
}
