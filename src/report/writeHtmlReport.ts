import { writeFile } from 'node:fs/promises';

import type { Database, PlainRow } from '../db/Database.js';
import { readSqlFile } from '../db/Database.js';
import type { RunSummary } from '../commands/buildSummary.js';
import { UserError } from '../errors.js';
import type { FindingSet } from '../findings/readFindings.js';
import type { Incident } from '../incidents/buildIncidents.js';
import type { RunManifest } from '../provenance/buildManifest.js';
import { renderHtmlReport } from './renderHtmlReport.js';

/** Findings the report lists in full; the other outputs carry them all. */
const REPORT_FINDINGS_LIMIT = 10_000;

/** Writes the self-contained HTML report to a new file. */
export async function writeHtmlReport(
  filePath: string,
  db: Database,
  summary: RunSummary,
  manifest: RunManifest,
  findings: FindingSet,
  incidents: readonly Incident[] | null,
): Promise<void> {
  const rows: PlainRow[] = [];
  // NOTE: with --kql-compat, which has no incidents, the report groups the listed findings by
  // user, so above the limit a user's counts in the report can be lower than in the JSON output.
  for await (const batch of findings.batches(REPORT_FINDINGS_LIMIT)) rows.push(...batch);
  const evidence = await readSqlFile('findings/evidence-rows.sql');
  const timeline = await db.readPlainRows(`WITH evidence AS (${evidence}) ${await readSqlFile('findings/report-timeline.sql')}`);

  try {
    await writeFile(filePath, renderHtmlReport(summary, manifest, rows, timeline, incidents), { flag: 'wx' });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new UserError(`--report ${filePath}: cannot be written (${code}). Choose a new file in a writable folder.`, { cause: error });
  }
}
