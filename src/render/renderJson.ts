import type { FindingSet } from '../findings/readFindings.js';
import { jsonReplacer } from './formatValue.js';

/** One JSON document: the run summary beside the findings. Instants are ISO 8601 UTC text. */
export function renderJson(summary: object, findings: FindingSet): string {
  return `${JSON.stringify({ ...summary, findings: findings.rows }, jsonReplacer, 2)}\n`;
}

/** One finding per line (JSON lines); nothing else, so the output can be streamed into other tools. */
export function renderNdjson(findings: FindingSet): string {
  return findings.rows.map((row) => `${JSON.stringify(row, jsonReplacer)}\n`).join('');
}
