import { existsSync, lstatSync, readFileSync } from 'node:fs';
import path from 'node:path';

import { Command, CommanderError, Option } from 'commander';

import { parseByteSize, parseDuration, parseInstant, parseMemoryLimit, parsePositiveInteger } from './cli/parseValues.js';
import { toTuning, addTuningOptions, type RawTuningOptions } from './cli/tuningOptions.js';
import { OUTPUT_FORMATS, type HuntOptions, type OutputFormat } from './commands/HuntOptions.js';
import { ExitCode, UsageError } from './errors.js';
import { OUT_FORMATS } from './render/writeFindingsFile.js';
import { Reporter } from './report/Reporter.js';

/** The version in package.json, read at run time so that it cannot drift from the package. */
export function toolVersion(): string {
  const packageJson = readFileSync(new URL('../package.json', import.meta.url), 'utf8');
  return String((JSON.parse(packageJson) as { version: unknown }).version);
}

const EXAMPLES = `
Examples:
  $ hunt-cookies ./export.parquet
  $ hunt-cookies samples/
  $ hunt-cookies --kql-compat --now 2026-11-02T12:00:00Z samples/json
  $ hunt-cookies --format json dumps/customer-a/ > findings.json
  $ hunt-cookies --out findings.arrow SigninLogs.csv NonInteractive.ndjson
  $ hunt-cookies inspect dumps/customer-a/     (how each file is read, without hunting)
  $ hunt-cookies batch --out-dir results/ dumps/customer-a dumps/customer-b

Exit codes: 0 no findings, 1 findings, 2 usage or input error, 3 internal error,
4 (batch) at least one dump failed.`;

const CACHE_HELP =
  "keep the normalised sign-ins in FOLDER, keyed by the inputs' SHA-256, so that a re-run with other thresholds skips parsing (default: no cache)";

/** Options that choose the mode, the time range and the cache, shared by the hunt and `batch`. */
interface RawScopeOptions {
  cacheDir?: string;
  kqlCompat?: boolean;
  now?: string;
  since?: string;
  until?: string;
  lookback?: string;
}

interface RawOptions extends RawLoadOptions, RawTuningOptions, RawScopeOptions {
  format: OutputFormat;
  findings?: boolean;
  showSuppressed?: boolean;
  out: string[];
  manifest?: string;
  timesketch?: string;
  evidence?: string;
  report?: string;
}

/** Parses the command line and runs the hunt, or `inspect`. Returns the process exit code. */
export async function runCli(argv: readonly string[]): Promise<number> {
  if (argv[0] === 'inspect') return runInspectCli(argv.slice(1));
  if (argv[0] === 'batch') return runBatchCli(argv.slice(1));
  let exitCode: number = ExitCode.noFindings;
  const program = new Command('hunt-cookies')
    .description('Hunt for stolen web session cookies (MITRE ATT&CK T1550.004) in exported Entra ID sign-in logs.')
    .argument('<paths...>', 'sign-in export files, or folders searched recursively');
  addScopeOptions(program);
  program
    .addOption(new Option('--format <format>', 'format of the results on stdout').choices(OUTPUT_FORMATS).default('table'))
    .option('--findings', 'list every finding in the table instead of the incidents (default mode)')
    .option('--show-suppressed', 'also list the findings that allow-lists or --min-severity suppressed')
    .addOption(
      new Option('--out <file>', 'also write the findings to FILE, in the format its extension names: .arrow, .arrows, .parquet, .csv, .json, .ndjson or .jsonl; repeatable')
        .argParser(collect)
        .default([], 'none'),
    )
    .option('--report <file>', 'also write a self-contained HTML report (summary, incidents, timelines, findings, manifest) to a new FILE')
    .option('--evidence <file>', "also write every sign-in of each flagged user from 24 hours before to 24 hours after their findings to a new Parquet FILE")
    .option('--timesketch <file>', 'also write the findings as a Timesketch timeline (JSON lines) to a new FILE')
    .option('--manifest <file>', 'write the run manifest (versions, command line, parameters, input SHA-256 and row accounting) to FILE as JSON')
    .version(toolVersion(), '-V, --version')
    .addHelpText('after', EXAMPLES)
    .showHelpAfterError('(run hunt-cookies --help for usage; put -- before file names that start with a dash)')
    .configureOutput({ outputError: (text, write) => write(`hunt-cookies: ${text}`) })
    .exitOverride();
  addTuningOptions(program);
  addLoadOptions(program, 'hunt', 'print only findings and errors');
  program.action(async (paths: string[], raw: RawOptions) => {
    const options = await toHuntOptions(paths, raw, argv);
    const reporter = new Reporter(process.stderr, options.quiet);
    // The hunt loads DuckDB; importing it here keeps --help and --version instant.
    const { runHunt } = await import('./commands/hunt.js');
    exitCode = (await runHunt(options, reporter, toolVersion())).exitCode;
  });

  return (await parseProgram(program, argv)) ?? exitCode;
}

function addScopeOptions(program: Command): void {
  program
    .option('--kql-compat', "reproduce the Sentinel rule exactly, defects included (SigninLogs only, TimeGenerated, last 24 hours)")
    .option('--now <time>', 'reference time for --lookback, ISO 8601 (default: newest time in the input); with --kql-compat, later rows stay in scope, as with KQL ago()')
    .option('--lookback <duration>', 'hunt only the last DURATION before the reference time, such as 24h or 7d (--kql-compat default: 24h)')
    .option('--since <time>', 'hunt sign-ins at or after this ISO 8601 time (default mode only)')
    .option('--until <time>', 'hunt sign-ins at or before this ISO 8601 time (default mode only)')
    .option('--cache-dir <folder>', CACHE_HELP);
}

/** Options for reading the inputs, shared by the hunt and `inspect`. */
interface RawLoadOptions {
  skipUnreadable?: boolean;
  dateOrder?: 'mdy' | 'dmy';
  maxDecompressed?: string;
  quiet?: boolean;
  threads?: string;
  memoryLimit?: string;
  tempDir?: string;
}

function addLoadOptions(program: Command, verb: string, quietHelp: string): void {
  program
    .option('--skip-unreadable', `${verb} the readable files when some input files cannot be read, and list the others`)
    .option('--max-decompressed <size>', 'largest size a gzip input may decompress to, such as 200GB (default: 64GB)')
    .addOption(
      new Option('--date-order <order>', 'day/month order of slash dates such as 05/01/2024 when no value above 12 settles it').choices([
        'mdy',
        'dmy',
      ]),
    )
    .option('--threads <count>', 'DuckDB worker threads (default: one per core)')
    .option('--memory-limit <size>', 'DuckDB memory limit, such as 512MB or 4GB; data beyond it spills to --temp-dir (default: 60% of RAM)')
    .option('--temp-dir <folder>', 'folder where DuckDB spills data that exceeds --memory-limit (default: a temporary folder of the run)')
    .option('-q, --quiet', quietHelp);
}

function toLoadOptions(raw: RawLoadOptions) {
  return {
    skipUnreadable: raw.skipUnreadable === true,
    dateOrder: raw.dateOrder,
    maxDecompressedBytes: parseByteSize('--max-decompressed', raw.maxDecompressed ?? '64GB'),
    threads: raw.threads === undefined ? undefined : parsePositiveInteger('--threads', raw.threads),
    memoryLimit: raw.memoryLimit === undefined ? undefined : parseMemoryLimit('--memory-limit', raw.memoryLimit),
    tempDirectory: raw.tempDir === undefined ? undefined : checkFolder('--temp-dir', raw.tempDir),
  };
}

/**
 * Checks a cache folder: its parent must exist, and it must lie outside every input, because
 * its Parquet files would otherwise be hunted as evidence in the next run.
 */
export function checkCacheFolder(folder: string, paths: readonly string[]): string {
  const resolved = path.resolve(folder);
  for (const input of paths.map((item) => path.resolve(item))) {
    if (resolved === input || resolved.startsWith(`${input}${path.sep}`)) {
      throw new UsageError(`--cache-dir ${folder}: inside the input ${input}, where its files would be read as evidence. Choose a folder outside the inputs.`);
    }
    if (input.startsWith(`${resolved}${path.sep}`)) {
      throw new UsageError(`--cache-dir ${folder}: contains the input ${input}; the cache would be written beside the evidence. Choose a folder outside the inputs.`);
    }
  }
  if (existsSync(resolved) && !lstatSync(resolved).isDirectory()) {
    throw new UsageError(`--cache-dir ${folder}: not a folder. Give a folder, or a name for a new one.`);
  }
  if (!existsSync(path.dirname(resolved))) {
    throw new UsageError(`--cache-dir ${folder}: the folder ${path.dirname(folder)} does not exist. Create it first.`);
  }
  return folder;
}

function checkFolder(option: string, folder: string): string {
  if (!existsSync(folder)) throw new UsageError(`${option} ${folder}: folder not found. Create it first or choose another.`);
  return folder;
}

/** Parses the arguments; returns an exit code when Commander stopped (help, version, usage error). */
async function parseProgram(program: Command, argv: readonly string[]): Promise<number | undefined> {
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return undefined;
  } catch (error) {
    if (!(error instanceof CommanderError)) throw error;
    // Commander has already printed its message or the help text.
    return error.exitCode === 0 ? ExitCode.noFindings : ExitCode.usageOrInput;
  }
}

interface RawBatchOptions extends RawLoadOptions, RawTuningOptions, RawScopeOptions {
  outDir: string;
}

/** Parses `hunt-cookies batch <dumps...>` and runs it. Returns the process exit code. */
async function runBatchCli(argv: readonly string[]): Promise<number> {
  const program = new Command('hunt-cookies batch')
    .description(
      "Hunt each dump (one customer's export files or folder) on its own: write its results, HTML report and manifest into a folder of --out-dir, and print a table across dumps.",
    )
    .argument('<dumps...>', "each one customer's sign-in exports: a file or a folder searched recursively")
    .requiredOption('--out-dir <folder>', 'folder for one results folder per dump and batch-summary.json; created if missing')
    .addHelpText('after', '\nExit codes: 0 no findings in any dump, 1 findings in at least one dump, 2 usage error, 4 at least one dump failed.')
    .showHelpAfterError('(run hunt-cookies batch --help for usage)')
    .configureOutput({ outputError: (text, write) => write(`hunt-cookies: ${text}`) })
    .exitOverride();
  addScopeOptions(program);
  addTuningOptions(program);
  addLoadOptions(program, 'hunt', 'print only the summary table and errors');

  let exitCode: number = ExitCode.noFindings;
  program.action(async (dumps: string[], raw: RawBatchOptions) => {
    const outDirectory = checkOutDirectory(raw.outDir, dumps);
    const hunt = await toHuntOptions(dumps, { ...raw, format: 'json', out: [] }, argv);
    const reporter = new Reporter(process.stderr, hunt.quiet);
    const { runBatch } = await import('./commands/batch.js');
    exitCode = await runBatch({ dumps, outDirectory, hunt: { ...hunt, printResults: false } }, reporter, toolVersion());
  });

  return (await parseProgram(program, argv)) ?? exitCode;
}

/** Checks --out-dir: outside every dump, because results written there would become evidence. */
function checkOutDirectory(folder: string, dumps: readonly string[]): string {
  const resolved = path.resolve(folder);
  const seen = new Set<string>();
  for (const dump of dumps) {
    const key = path.resolve(dump);
    if (seen.has(key)) throw new UsageError(`${dump}: named twice. Give each dump once.`);
    seen.add(key);
  }
  for (const dump of dumps.map((item) => path.resolve(item))) {
    if (resolved === dump || resolved.startsWith(`${dump}${path.sep}`) || dump.startsWith(`${resolved}${path.sep}`)) {
      throw new UsageError(`--out-dir ${folder}: overlaps the dump ${dump}; results must never be written among the evidence. Choose a folder outside the dumps.`);
    }
  }
  if (!existsSync(path.dirname(resolved))) {
    throw new UsageError(`--out-dir ${folder}: the folder ${path.dirname(folder)} does not exist. Create it first.`);
  }
  if (existsSync(path.join(resolved, 'batch-summary.json'))) {
    throw new UsageError(`--out-dir ${folder}: already contains the results of an earlier batch. Choose a new folder; hunt-cookies never overwrites results.`);
  }
  return resolved;
}

interface RawInspectOptions extends RawLoadOptions {
  format: 'table' | 'json';
  rows?: boolean;
}

/** Parses `hunt-cookies inspect <paths...>` and runs it. Returns the process exit code. */
async function runInspectCli(argv: readonly string[]): Promise<number> {
  const program = new Command('hunt-cookies inspect')
    .description('Report how each input file is read (layout, encoding, where every row goes) without hunting.')
    .argument('<paths...>', 'sign-in export files, or folders searched recursively')
    .addOption(new Option('--format <format>', 'format of the per-file report on stdout').choices(['table', 'json']).default('table'))
    .option('--rows', 'print every canonical sign-in row as JSON lines instead, with its disposition')
    .showHelpAfterError('(run hunt-cookies inspect --help for usage)')
    .configureOutput({ outputError: (text, write) => write(`hunt-cookies: ${text}`) })
    .exitOverride();
  addLoadOptions(program, 'report', 'print only the report and errors');

  let exitCode: number = ExitCode.noFindings;
  program.action(async (paths: string[], raw: RawInspectOptions) => {
    const reporter = new Reporter(process.stderr, raw.quiet === true);
    const { runInspect } = await import('./commands/inspect.js');
    const options = { paths, format: raw.format, rows: raw.rows === true, ...toLoadOptions(raw) };
    exitCode = await runInspect(options, reporter, toolVersion());
  });

  return (await parseProgram(program, argv)) ?? exitCode;
}

/**
 * Rejects unusable output files before the hunt starts, so that a long run does not end half
 * written: an unknown --out extension, a name given twice (across all options), a missing
 * folder, or a name already taken, even by a dangling symbolic link.
 */
function checkOutputFiles(outputs: readonly (readonly [option: string, file: string | undefined])[]): void {
  const seen = new Set<string>();
  for (const [option, file] of outputs) {
    if (file === undefined) continue;
    if (option === '--out' && OUT_FORMATS[path.extname(file).toLowerCase()] === undefined) {
      throw new UsageError(`--out ${file}: unsupported file type. End the name in one of ${Object.keys(OUT_FORMATS).join(', ')}.`);
    }
    const resolved = path.resolve(file);
    if (seen.has(resolved)) throw new UsageError(`${option} ${file}: named twice. Give each output its own file.`);
    seen.add(resolved);
    if (!existsSync(path.dirname(resolved))) {
      throw new UsageError(`${option} ${file}: the folder ${path.dirname(file)} does not exist. Create it first.`);
    }
    if (isTaken(resolved)) {
      throw new UsageError(`${option} ${file}: already exists. Choose a new file name; hunt-cookies never overwrites files.`);
    }
  }
}

function isTaken(file: string): boolean {
  try {
    lstatSync(file);
    return true;
  } catch {
    return false;
  }
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

async function toHuntOptions(paths: string[], raw: RawOptions, argv: readonly string[]): Promise<HuntOptions> {
  const mode = raw.kqlCompat ? 'kql-compat' : 'default';
  if (mode === 'kql-compat' && (raw.since !== undefined || raw.until !== undefined)) {
    throw new UsageError('--since and --until are not part of the Sentinel rule. With --kql-compat, set the window with --now and --lookback.');
  }
  checkOutputFiles([
    ...raw.out.map((file) => ['--out', file] as const),
    ['--manifest', raw.manifest],
    ['--timesketch', raw.timesketch],
    ['--evidence', raw.evidence],
    ['--report', raw.report],
  ]);
  if (raw.evidence !== undefined && path.extname(raw.evidence).toLowerCase() !== '.parquet') {
    throw new UsageError(`--evidence ${raw.evidence}: the evidence export is Parquet. Name the file *.parquet.`);
  }
  if (raw.since !== undefined && raw.until !== undefined && Date.parse(raw.since) > Date.parse(raw.until)) {
    throw new UsageError(`--since ${raw.since} is after --until ${raw.until}, so no sign-in could be in range. Swap the two times.`);
  }

  return {
    paths,
    mode,
    now: raw.now === undefined ? undefined : parseInstant('--now', raw.now),
    since: raw.since === undefined ? undefined : parseInstant('--since', raw.since),
    until: raw.until === undefined ? undefined : parseInstant('--until', raw.until),
    lookbackMicros: raw.lookback === undefined ? undefined : parseDuration('--lookback', raw.lookback),
    tuning: await toTuning(raw, mode),
    format: raw.format,
    listFindings: raw.findings === true,
    printResults: true,
    cacheDirectory: raw.cacheDir === undefined ? undefined : checkCacheFolder(raw.cacheDir, paths),
    showSuppressed: raw.showSuppressed === true,
    outFiles: raw.out,
    manifestFile: raw.manifest,
    timesketchFile: raw.timesketch,
    evidenceFile: raw.evidence,
    reportFile: raw.report,
    commandLine: [...argv],
    quiet: raw.quiet === true,
    ...toLoadOptions(raw),
  };
}
