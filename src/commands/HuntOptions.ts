import type { Mode } from '../detect/Mode.js';
import type { DateOrder } from '../load/decideDateOrder.js';
import type { Tuning } from '../tuning/Tuning.js';

export const OUTPUT_FORMATS = ['table', 'json', 'ndjson', 'csv'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

/** Everything `hunt-cookies <paths>` needs, checked and converted from the command line. */
export interface HuntOptions {
  paths: string[];
  mode: Mode;
  now?: string;
  since?: string;
  until?: string;
  lookbackMicros?: bigint;
  /** Thresholds, allow-lists and detection choice; `--kql-compat` uses only the window. */
  tuning: Tuning;
  format: OutputFormat;
  /** Default mode: list every finding on stdout instead of the incidents (--findings). */
  listFindings: boolean;
  /** List the findings that allow-lists or --min-severity suppressed (--show-suppressed). */
  showSuppressed: boolean;
  /** Files to write findings to, in the format their extension names. */
  outFiles: string[];
  /** Self-contained HTML report (--report). */
  reportFile?: string;
  /** Parquet file for the flagged users' sign-ins around their findings (--evidence). */
  evidenceFile?: string;
  /** File to write a Timesketch timeline to (--timesketch). */
  timesketchFile?: string;
  /** File to write the run manifest to (--manifest). */
  manifestFile?: string;
  /** The arguments as given, recorded in the manifest. */
  commandLine: string[];
  skipUnreadable: boolean;
  dateOrder?: DateOrder;
  /** Largest size a gzip input may decompress to, in bytes. */
  maxDecompressedBytes: number;
  quiet: boolean;
  threads?: number;
  memoryLimit?: string;
  /** Folder for DuckDB's spill files (--temp-dir). */
  tempDirectory?: string;
  /** Folder that keeps normalised sign-ins between runs (--cache-dir). */
  cacheDirectory?: string;
  /** Print the results on stdout; batch mode writes them to files only. */
  printResults: boolean;
}
