import { mkdir, rmdir, writeFile } from 'node:fs/promises';
import path from 'node:path';

import { SEVERITIES } from '../detect/Severity.js';
import { ExitCode, UserError } from '../errors.js';
import { jsonReplacer } from '../render/formatValue.js';
import { renderTextTable, type TextColumn } from '../render/textTable.js';
import { writeText } from '../render/writeText.js';
import type { Reporter } from '../report/Reporter.js';
import type { RunSummary } from './buildSummary.js';
import type { HuntOptions } from './HuntOptions.js';
import { NoUsableSignInsError, runHunt } from './hunt.js';

/** `hunt-cookies batch`: the hunt options shared by every dump, and where the reports go. */
export interface BatchOptions {
  dumps: string[];
  outDirectory: string;
  /** Options applied to each dump; paths and output files are set per dump. */
  hunt: Omit<HuntOptions, 'paths' | 'outFiles' | 'reportFile' | 'manifestFile' | 'timesketchFile' | 'evidenceFile'>;
}

/** The outcome of one dump in a batch. */
export interface DumpResult {
  dump: string;
  /** Folder under --out-dir with the dump's findings.json, report.html and manifest.json; null when it failed. */
  folder: string | null;
  status: 'findings' | 'clean' | 'failed';
  seconds: number;
  summary: RunSummary | null;
  error: string | null;
}

const TERMINAL_WIDTH = 160;

/**
 * Hunts each dump (a file or folder of one customer's exports) on its own, writes its JSON
 * results, HTML report and manifest into a folder of --out-dir, and prints a table across
 * dumps. A dump that fails is reported and the others still run. Returns 4 when any dump
 * failed, else 1 when any had incidents (or findings with --kql-compat), else 0.
 */
export async function runBatch(options: BatchOptions, reporter: Reporter, toolVersion: string): Promise<number> {
  await mkdir(options.outDirectory, { recursive: true });
  const folders = folderNames(options.dumps);
  const results: DumpResult[] = [];

  for (const [index, dump] of options.dumps.entries()) {
    reporter.info(`Dump ${index + 1} of ${options.dumps.length}: ${dump}`);
    results.push(await huntDump(dump, path.join(options.outDirectory, folders[index]!), options, reporter, toolVersion));
  }

  await writeFile(
    path.join(options.outDirectory, 'batch-summary.json'),
    `${JSON.stringify({ tool: toolVersion, mode: options.hunt.mode, dumps: results.map(toSummaryRecord) }, jsonReplacer, 2)}\n`,
    { flag: 'wx' },
  );
  const width = process.stdout.columns ?? (Number(process.env.COLUMNS) || TERMINAL_WIDTH);
  await writeText(process.stdout, renderTextTable(COLUMNS, results, width, process.stdout.isTTY === true && !process.env.NO_COLOR));
  if (!options.hunt.quiet) await writeText(process.stdout, `${describeBatch(results)}\n`);

  if (results.some((result) => result.status === 'failed')) return ExitCode.batchFailures;
  return results.some((result) => result.status === 'findings') ? ExitCode.findings : ExitCode.noFindings;
}

async function huntDump(dump: string, folder: string, options: BatchOptions, reporter: Reporter, toolVersion: string): Promise<DumpResult> {
  const started = Date.now();
  const seconds = () => Math.round((Date.now() - started) / 100) / 10;
  try {
    // A folder left by an earlier batch is kept: hunt-cookies never overwrites results.
    await mkdir(folder);
    const outcome = await runHunt(
      {
        ...options.hunt,
        paths: [dump],
        outFiles: [path.join(folder, 'findings.json')],
        reportFile: path.join(folder, 'report.html'),
        manifestFile: path.join(folder, 'manifest.json'),
        commandLine: ['batch', ...options.hunt.commandLine],
      },
      reporter,
      toolVersion,
    );
    const status = outcome.exitCode === ExitCode.findings ? 'findings' : 'clean';
    return { dump, folder, status, seconds: seconds(), summary: outcome.summary, error: null };
  } catch (error) {
    const reason = describeFailure(error, folder);
    reporter.warn(`${dump}: failed: ${reason}`);
    // A dump that wrote nothing leaves no empty folder behind.
    await rmdir(folder).catch(() => undefined);
    const summary = error instanceof NoUsableSignInsError ? error.summary : null;
    return { dump, folder: null, status: 'failed', seconds: seconds(), summary, error: reason };
  }
}

/** Returns the reason a dump failed, with the first rejected row where every row was rejected. */
function describeFailure(error: unknown, folder: string): string {
  if ((error as NodeJS.ErrnoException).code === 'EEXIST') return `${folder} already exists; choose a new --out-dir`;
  if (!(error instanceof UserError)) return `internal error: ${error instanceof Error ? error.message : String(error)}`;
  if (!(error instanceof NoUsableSignInsError)) return error.message;
  const first = error.summary.accounting.rejectedRows[0];
  const example = first === undefined ? '' : ` The first: ${first.file} ${first.unit} ${first.row}: ${first.reason}.`;
  return `no usable sign-in in ${error.summary.totals.rowsRead} rows read; every row was rejected or no file held records.${example}`;
}

/** Returns one folder name per dump, from its base name, with a number added where two names collide. */
function folderNames(dumps: readonly string[]): string[] {
  const used = new Map<string, number>();
  return dumps.map((dump) => {
    const base = path.basename(path.resolve(dump)).replace(/[^A-Za-z0-9._-]+/g, '_') || 'dump';
    const count = (used.get(base) ?? 0) + 1;
    used.set(base, count);
    return count === 1 ? base : `${base}-${count}`;
  });
}

const COLUMNS: readonly TextColumn<DumpResult>[] = [
  { title: 'Dump', minWidth: 12, keepTail: true, cell: (result) => result.dump },
  { title: 'Status', minWidth: 6, cell: (result) => result.status },
  { title: 'Rows read', minWidth: 5, cell: (result) => (result.summary === null ? '' : String(result.summary.totals.rowsRead)) },
  { title: 'Rejected', minWidth: 5, cell: (result) => (result.summary === null ? '' : String(result.summary.totals.rejected)) },
  { title: 'Incidents (crit/high/med/low)', minWidth: 10, cell: describeIncidents },
  { title: 'Findings', minWidth: 5, cell: (result) => (result.summary === null ? '' : String(result.summary.totals.shownFindings)) },
  { title: 'Time (s)', minWidth: 5, cell: (result) => result.seconds.toFixed(1) },
  { title: 'Results or error', minWidth: 20, wrap: true, cell: (result) => (result.error === null ? String(result.folder) : firstSentence(result.error)) },
];

/** Returns the first sentence of an error, for the table; stderr and batch-summary.json carry it whole. */
function firstSentence(text: string): string {
  const end = text.indexOf('. ');
  return end < 0 ? text : text.slice(0, end + 1);
}

function describeIncidents(result: DumpResult): string {
  const incidents = result.summary?.incidents;
  if (incidents === undefined || incidents === null) return '';
  const counts = [...SEVERITIES].reverse().map((severity) => incidents.bySeverity[severity]);
  return `${incidents.shown} (${counts.join('/')})`;
}

function describeBatch(results: readonly DumpResult[]): string {
  const count = (status: DumpResult['status']) => results.filter((result) => result.status === status).length;
  return `${results.length} dumps: ${count('findings')} with findings, ${count('clean')} clean, ${count('failed')} failed.`;
}

function toSummaryRecord(result: DumpResult) {
  return {
    dump: result.dump,
    folder: result.folder,
    status: result.status,
    seconds: result.seconds,
    error: result.error,
    signIns: result.summary?.totals.rowsRead ?? null,
    rejected: result.summary?.totals.rejected ?? null,
    findings: result.summary?.totals.shownFindings ?? null,
    suppressed: result.summary === null ? null : result.summary.totals.allowListed + result.summary.totals.belowMinSeverity,
    incidents: result.summary?.incidents ?? null,
  };
}
