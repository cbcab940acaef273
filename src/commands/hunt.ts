import { accountRows } from '../accounting/accountRows.js';
import { Database, readSqlFile } from '../db/Database.js';
import { discoverInputs } from '../discover/discoverInputs.js';
import { listDetections } from '../detect/listDetections.js';
import { runDetections } from '../detect/runDetections.js';
import { scopeRows } from '../detect/scopeRows.js';
import { ExitCode } from '../errors.js';
import { readFindings } from '../findings/readFindings.js';
import { loadInputs } from '../load/loadInputs.js';
import type { Reporter } from '../report/Reporter.js';
import { printAccounting } from '../report/printAccounting.js';
import { buildSummary } from './buildSummary.js';
import type { HuntOptions } from './HuntOptions.js';
import { writeOutputs } from './writeOutputs.js';

/**
 * Runs the main job: load the exports, scope them for the mode, run the mode's detections,
 * then print and write the findings. Returns the exit code: 1 with findings, 0 without.
 */
export async function runHunt(options: HuntOptions, reporter: Reporter, toolVersion: string): Promise<number> {
  reporter.progress('Finding input files');
  const inputs = await discoverInputs(options.paths);

  const db = await Database.open({ threads: options.threads, memoryLimit: options.memoryLimit });
  try {
    await prepareDatabase(db);
    const loaded = await loadInputs(db, inputs, options, reporter);

    reporter.progress('Scoping sign-ins');
    const referenceTime = await scopeRows(db, options);

    reporter.progress('Running detections');
    const detections = await listDetections(options.mode);
    const counts = await runDetections(db, detections, { windowMinutes: options.windowMinutes });
    const findings = await readFindings(db, options.mode);

    const accounting = await accountRows(db, loaded.files, loaded.skipped);
    const versions = { tool: toolVersion, duckdb: await db.version() };
    const summary = buildSummary(options, versions, referenceTime, accounting, counts);
    summary.singleFactorWithoutDetails = await countSingleFactorWithoutDetails(db, options.mode);

    reporter.stop();
    printAccounting(reporter, summary);
    await writeOutputs(options, summary, findings, reporter);
    return findings.count > 0 ? ExitCode.findings : ExitCode.noFindings;
  } finally {
    reporter.stop();
    db.close();
  }
}

/** Counts the default mode's unverifiable single-factor sign-ins; `--kql-compat` has no such count. */
async function countSingleFactorWithoutDetails(db: Database, mode: HuntOptions['mode']): Promise<number | null> {
  if (mode === 'kql-compat') return null;
  const rows = await db.readRows(await readSqlFile('stats/single-factor-without-details.sql'));
  return Number(rows[0]?.sign_ins ?? 0);
}

async function prepareDatabase(db: Database): Promise<void> {
  await db.runFile('macros/time.sql');
  await db.runFile('macros/parse.sql');
  await db.runFile('macros/kql.sql');
  await db.runFile('schema/signins.sql');
}
