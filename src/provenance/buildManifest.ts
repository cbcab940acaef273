import path from 'node:path';

import type { RunSummary } from '../commands/buildSummary.js';
import type { Detection } from '../detect/listDetections.js';
import { hashText } from './hashFile.js';

/**
 * Record of one run for the case file. It names what ran (tool, DuckDB and Node versions,
 * command line, parameters, detection files with their SHA-256) and on what (every input with
 * its size, SHA-256 and row accounting), with the start and end times and the totals found.
 */
export interface RunManifest {
  tool: RunSummary['tool'] & { node: string; platform: string };
  commandLine: string[];
  workingDirectory: string;
  mode: RunSummary['mode'];
  parameters: RunSummary['parameters'];
  referenceTime: string | null;
  detections: { id: string; file: string; sha256: string; findings: number }[];
  inputs: RunSummary['accounting']['files'];
  skippedInputs: RunSummary['accounting']['skippedFiles'];
  totals: RunSummary['totals'];
  /** With --cache-dir: the entry the normalised sign-ins were read from (hit) or stored in. */
  cache: RunSummary['cache'];
  startedAt: string;
  finishedAt: string | null;
}

/** Builds the manifest of a run from its summary; `finishedAt` is set by the caller at the end. */
export function buildManifest(
  summary: RunSummary,
  detections: readonly Detection[],
  startedAt: Date,
  commandLine: readonly string[],
): RunManifest {
  return {
    tool: { ...summary.tool, node: process.version, platform: `${process.platform}-${process.arch}` },
    commandLine: [...commandLine],
    workingDirectory: path.resolve('.'),
    mode: summary.mode,
    parameters: summary.parameters,
    referenceTime: summary.referenceTime?.toISOString() ?? null,
    detections: detections.map((detection) => ({
      id: detection.id,
      file: `sql/${detection.file}`,
      sha256: hashText(detection.sql),
      findings: summary.detections.find((counted) => counted.id === detection.id)?.findings ?? 0,
    })),
    inputs: summary.accounting.files,
    skippedInputs: summary.accounting.skippedFiles,
    totals: summary.totals,
    cache: summary.cache,
    startedAt: startedAt.toISOString(),
    // Set when the run ends; outputs written before that carry null.
    finishedAt: null,
  };
}
