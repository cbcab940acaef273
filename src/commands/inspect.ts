import Table from 'cli-table3';

import { accountRows, type RowAccounting } from '../accounting/accountRows.js';
import { readSqlFile } from '../db/Database.js';
import { discoverInputs } from '../discover/discoverInputs.js';
import { scopeRows } from '../detect/scopeRows.js';
import { ExitCode } from '../errors.js';
import type { LoadOptions } from '../load/loadFile.js';
import { loadInputs } from '../load/loadInputs.js';
import { jsonReplacer } from '../render/formatValue.js';
import { sanitizeCell } from '../render/sanitizeForTerminal.js';
import { writeText } from '../render/writeText.js';
import type { Reporter } from '../report/Reporter.js';
import { printAccounting } from '../report/printAccounting.js';
import { openWorkspace } from './openWorkspace.js';

export interface InspectOptions extends LoadOptions {
  paths: string[];
  format: 'table' | 'json';
  /** Prints every canonical row as JSON lines instead of the per-file accounting. */
  rows: boolean;
  threads?: number;
  memoryLimit?: string;
  tempDirectory?: string;
}

/**
 * Reads the inputs as a hunt would and reports what was found in each file (layout, encoding,
 * where every row went), without running any detection. With `rows`, prints the canonical
 * rows themselves, so an analyst can check the normalisation against the evidence.
 */
export async function runInspect(options: InspectOptions, reporter: Reporter, toolVersion: string): Promise<number> {
  const inputs = await discoverInputs(options.paths);
  const workspace = await openWorkspace(inputs, [], options);
  const { db } = workspace;
  try {
    const loaded = await loadInputs(db, inputs, options, workspace.work, reporter);
    await scopeRows(db, { mode: 'default' });
    const accounting = await accountRows(db, loaded.files, loaded.skipped);
    reporter.stop();

    if (options.rows) {
      for await (const batch of db.streamPlainRows(await readSqlFile('findings/canonical-rows.sql'))) {
        await writeText(process.stdout, batch.map((row) => `${JSON.stringify(row, jsonReplacer)}\n`).join(''));
      }
    } else if (options.format === 'json') {
      const document = { tool: { name: 'hunt-cookies', version: toolVersion, duckdb: await db.version() }, accounting };
      await writeText(process.stdout, `${JSON.stringify(document, jsonReplacer, 2)}\n`);
    } else {
      await writeText(process.stdout, renderAccountingTable(accounting));
    }
    printAccounting(reporter, { accounting, singleFactorWithoutDetails: null }, { perFile: false });
    return ExitCode.noFindings;
  } finally {
    reporter.stop();
    await workspace.close();
  }
}

function renderAccountingTable(accounting: RowAccounting): string {
  const table = new Table({
    head: ['File', 'Layout', 'Container', 'Encoding', 'Read', 'Hunted', 'Duplicates', 'Failed', 'Not users', 'Rejected'],
    style: { head: [], border: [], compact: true },
  });
  for (const file of accounting.files) {
    table.push([
      sanitizeCell(file.path),
      file.shape,
      file.container,
      file.encoding,
      file.rowsRead,
      file.kind === 'auth-steps' ? `${file.stepsAttached} steps attached` : file.inScope,
      file.duplicates,
      file.failed,
      file.notUserSignIn,
      file.rejected,
    ]);
  }
  return `${table.toString()}\n`;
}
