import { accountRows } from '../accounting/accountRows.js';
import { readSqlFile, type Database } from '../db/Database.js';
import { discoverInputs } from '../discover/discoverInputs.js';
import { scopeRows } from '../detect/scopeRows.js';
import { ExitCode, UserError } from '../errors.js';
import { readFindings, type FindingSet } from '../findings/readFindings.js';
import { prepareForReading } from '../sniff/prepareForReading.js';
import type { Reporter } from '../report/Reporter.js';
import { printAccounting } from '../report/printAccounting.js';
import { buildSummary, type RunSummary } from './buildSummary.js';
import { detectFindings } from './detectFindings.js';
import { loadEvidence } from './loadEvidence.js';
import type { HuntOptions } from './HuntOptions.js';
import { buildManifest } from '../provenance/buildManifest.js';
import { recordSourceLines } from '../provenance/recordSourceLines.js';
import { writeManifest } from '../provenance/writeManifest.js';
import { jsonReplacer } from '../render/formatValue.js';
import { writeHtmlReport } from '../report/writeHtmlReport.js';
import { openWorkspace } from './openWorkspace.js';
import { writeOutputs } from './writeOutputs.js';

/** The exit code of a hunt (1 with findings, 0 without) and its summary. */
export interface HuntOutcome {
  exitCode: number;
  summary: RunSummary;
}

/**
 * Runs the main job: load the exports, scope them for the mode, run the mode's detections,
 * then print and write the findings.
 */
export async function runHunt(options: HuntOptions, reporter: Reporter, toolVersion: string): Promise<HuntOutcome> {
  const startedAt = new Date();
  reporter.progress('Finding input files');
  const inputs = await discoverInputs(options.paths);

  const outputs = [...options.outFiles, options.manifestFile, options.timesketchFile, options.evidenceFile].filter(
    (file) => file !== undefined,
  );
  const workspace = await openWorkspace(inputs, outputs, options, options.cacheDirectory === undefined ? [] : [options.cacheDirectory]);
  const { db } = workspace;
  try {
    const { loaded, cache } = await loadEvidence(db, inputs, options, workspace.work, reporter, toolVersion);

    reporter.progress('Scoping sign-ins');
    const referenceTime = await scopeRows(db, options);

    reporter.progress('Running detections');
    const { detections, counts, incidents, findingCounts } = await detectFindings(db, options);
    await recordSourceLines(db, loaded.files, async (file) => (await prepareForReading(file.path, workspace.work, options.maxDecompressedBytes)).readPath);
    const findings = await readFindings(db, options.mode, 'active');
    const suppressed = options.showSuppressed ? await readFindings(db, options.mode, 'suppressed') : null;

    const accounting = await accountRows(db, loaded.files, loaded.skipped);
    const versions = { tool: toolVersion, duckdb: await db.version() };
    const summary = buildSummary(options, versions, referenceTime, accounting, counts, findingCounts, incidents);
    summary.singleFactorWithoutDetails = await countSingleFactorWithoutDetails(db, options.mode);
    summary.cache = cache;

    reporter.stop();
    printAccounting(reporter, summary);
    reportScope(reporter, options, summary);
    const manifest = buildManifest(summary, detections, startedAt, options.commandLine);
    const all = suppressed === null ? findings : await readFindings(db, options.mode, 'all');
    await writeOutputs(options, summary, { findings, suppressed, all, incidents }, manifest, reporter);
    if (options.evidenceFile !== undefined) {
      await db.copyToParquet(await readSqlFile('findings/evidence-rows.sql'), {}, options.evidenceFile, {
        'hunt_cookies.manifest': JSON.stringify(manifest, jsonReplacer),
      });
      reporter.info(`Wrote the flagged users' sign-ins around their findings to ${options.evidenceFile}`);
    }
    if (options.reportFile !== undefined) {
      await writeHtmlReport(options.reportFile, db, summary, manifest, findings, incidents?.shown ?? null);
      reporter.info(`Wrote the HTML report to ${options.reportFile}`);
    }
    if (options.manifestFile !== undefined) {
      await writeManifest(options.manifestFile, { ...manifest, finishedAt: new Date().toISOString() });
      reporter.info(`Wrote the run manifest to ${options.manifestFile}`);
    }
    const exitCode = hasResults(findings, incidents?.shown.length) ? ExitCode.findings : ExitCode.noFindings;
    return { exitCode, summary };
  } finally {
    reporter.stop();
    await workspace.close();
  }
}

/** No input row could be hunted; carries the summary, so that `batch` can still report the counts. */
export class NoUsableSignInsError extends UserError {
  constructor(
    readonly summary: RunSummary,
    message: string,
  ) {
    super(message);
    this.name = 'NoUsableSignInsError';
  }
}

/** Default mode: any incident at or above --min-severity. `--kql-compat`: any finding. */
function hasResults(findings: FindingSet, shownIncidents: number | undefined): boolean {
  return shownIncidents === undefined ? findings.count > 0 : shownIncidents > 0;
}

/**
 * States what the hunt covered, and stops the run when no input row was usable: a clean
 * exit code for a hunt that read nothing would tell a script the tenant is clean.
 */
function reportScope(reporter: Reporter, options: HuntOptions, summary: RunSummary): void {
  const { totals } = summary;
  const usable = totals.rowsRead - totals.rejected;
  if (usable === 0) {
    throw new NoUsableSignInsError(
      summary,
      `no usable sign-in in ${totals.rowsRead} rows read; every row was rejected or no file held records. ` +
        'The messages above give the reasons.',
    );
  }
  if (totals.rejected > 0) {
    reporter.warn(`${totals.rejected} of ${totals.rowsRead} rows were rejected, so the findings cover only the rest.`);
  }
  if (options.mode === 'kql-compat') {
    const lookback = summary.parameters.lookbackMinutes ?? 24 * 60;
    reporter.info(`Rule window: TimeGenerated after ${summary.referenceTime?.toISOString() ?? '?'} minus ${lookback} minutes.`);
  } else if (options.now !== undefined && options.lookbackMicros === undefined) {
    reporter.warn('--now has no effect without --lookback in the default mode, which hunts the whole input.');
  }
  if (totals.inScope === 0) reporter.warn('no sign-in was in scope, so nothing was hunted.');
}

/** Counts the default mode's unverifiable single-factor sign-ins; `--kql-compat` has no such count. */
async function countSingleFactorWithoutDetails(db: Database, mode: HuntOptions['mode']): Promise<number | null> {
  if (mode === 'kql-compat') return null;
  const rows = await db.readRows(await readSqlFile('stats/single-factor-without-details.sql'));
  return Number(rows[0]?.sign_ins ?? 0);
}
