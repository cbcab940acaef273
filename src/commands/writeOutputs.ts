import { access } from 'node:fs/promises';
import path from 'node:path';

import { UserError } from '../errors.js';
import type { FindingSet } from '../findings/readFindings.js';
import type { IncidentSet } from '../incidents/buildIncidents.js';
import type { RunManifest } from '../provenance/buildManifest.js';
import { jsonReplacer } from '../render/formatValue.js';
import { writeCsv } from '../render/renderCsv.js';
import { writeJson, writeNdjson } from '../render/renderJson.js';
import { renderIncidents } from '../render/renderIncidents.js';
import { renderTable } from '../render/renderTable.js';
import { writeFindingsFile, writeToFile } from '../render/writeFindingsFile.js';
import { writeTimesketch } from '../render/writeTimesketch.js';
import { writeText } from '../render/writeText.js';
import type { Reporter } from '../report/Reporter.js';
import { summaryLine, type RunSummary } from './buildSummary.js';
import type { HuntOptions } from './HuntOptions.js';

/** Terminal width assumed when stdout is not a terminal and COLUMNS is not set. */
const DEFAULT_WIDTH = 160;

/** Results of a hunt, ready for output. */
export interface HuntResults {
  /** Findings shown: not suppressed. */
  findings: FindingSet;
  /** Suppressed findings, read only for --show-suppressed. */
  suppressed: FindingSet | null;
  /** Shown and, with --show-suppressed, suppressed findings, for the line-based formats and files. */
  all: FindingSet;
  /** Default mode only. */
  incidents: IncidentSet | null;
}

/**
 * Prints the results on stdout in the chosen format and writes the `--out` and `--timesketch`
 * files. The table shows incidents in the default mode, findings with `--findings` or
 * `--kql-compat`; JSON carries both.
 */
export async function writeOutputs(
  options: HuntOptions,
  summary: RunSummary,
  results: HuntResults,
  manifest: RunManifest,
  reporter: Reporter,
): Promise<void> {
  const { findings, all, incidents } = results;
  const line = summaryLine(summary, options.showSuppressed);
  switch (options.printResults ? options.format : 'none') {
    case 'none':
      break;
    case 'table':
      await printTables(options, results);
      if (!options.quiet) await writeText(process.stdout, `${line}\n`);
      break;
    case 'json':
      await writeJson(process.stdout, summary, findings, incidents?.shown ?? null, results.suppressed, results.suppressed === null ? null : (incidents?.hidden ?? null));
      reporter.info(line);
      break;
    case 'ndjson':
      await writeNdjson(process.stdout, all);
      reporter.info(line);
      break;
    case 'csv':
      await writeCsv(process.stdout, all);
      reporter.info(line);
      break;
  }

  if (options.timesketchFile !== undefined) {
    const severities = new Map(summary.detections.map((detection) => [detection.id, detection.severity]));
    await writeOrExplain(options.timesketchFile, () =>
      writeToFile(options.timesketchFile!, (stream) => writeTimesketch(stream, findings, options.mode, severities)),
    );
    reporter.info(`Wrote ${findings.count} Timesketch events to ${options.timesketchFile}`);
  }

  for (const outFile of options.outFiles) {
    await writeOutFile(outFile, summary, all, manifest, incidents?.shown ?? null);
    reporter.info(`Wrote ${all.count} findings to ${outFile}`);
  }
}

async function printTables(options: HuntOptions, results: HuntResults): Promise<void> {
  const width = process.stdout.columns ?? (Number(process.env.COLUMNS) || DEFAULT_WIDTH);
  const color = process.stdout.isTTY === true && !process.env.NO_COLOR;
  if (results.incidents !== null && !options.listFindings) {
    await writeText(process.stdout, renderIncidents(results.incidents.shown, width, color, options.quiet));
  } else {
    await writeText(process.stdout, await renderTable(results.findings, options.mode, width, color));
  }
  const hidden = results.suppressed === null ? [] : (results.incidents?.hidden ?? []);
  if (hidden.length > 0) {
    await writeText(process.stdout, `\nIncidents below --min-severity (${hidden.length}):\n`);
    await writeText(process.stdout, renderIncidents(hidden, width, color, options.quiet));
  }
  if (results.suppressed !== null && results.suppressed.count > 0) {
    await writeText(process.stdout, `\nSuppressed findings (${results.suppressed.count}):\n`);
    await writeText(process.stdout, await renderTable(results.suppressed, options.mode, width, color, true));
  }
}

async function writeOutFile(
  outFile: string,
  summary: RunSummary,
  findings: FindingSet,
  manifest: RunManifest,
  incidents: readonly object[] | null,
): Promise<void> {
  if (await exists(outFile)) {
    throw new UserError(`${outFile}: already exists. Choose a new output file name; hunt-cookies never overwrites files.`);
  }
  const metadata = {
    'hunt_cookies.version': summary.tool.version,
    'hunt_cookies.duckdb_version': summary.tool.duckdb,
    'hunt_cookies.mode': summary.mode,
    'hunt_cookies.reference_time': summary.referenceTime?.toISOString() ?? '',
    'hunt_cookies.parameters': JSON.stringify(summary.parameters),
    'hunt_cookies.manifest': JSON.stringify(manifest, jsonReplacer),
  };
  await writeOrExplain(outFile, () => writeFindingsFile(outFile, findings, summary, metadata, incidents));
}

/** Runs a write and turns a file system error into a message that names the file and the fix. */
async function writeOrExplain(outFile: string, write: () => Promise<void>): Promise<void> {
  try {
    await write();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new UserError(`${outFile}: cannot be written (${code}). Check that the folder ${path.dirname(outFile)} exists and is writable.`, { cause: error });
  }
}

async function exists(filePath: string): Promise<boolean> {
  try {
    await access(filePath);
    return true;
  } catch {
    return false;
  }
}
