import type { Database } from '../db/Database.js';
import type { InputFile } from '../discover/discoverInputs.js';
import { InputError } from '../errors.js';
import type { Reporter } from '../report/Reporter.js';
import { hashFile } from '../provenance/hashFile.js';
import type { WorkFolder } from '../sniff/makeWorkCopy.js';
import { loadFile, type LoadOptions, type LoadedFile } from './loadFile.js';

export interface SkippedFile {
  path: string;
  size: number;
  sha256: string;
  reason: string;
}

/** A loaded file with the SHA-256 of the evidence as it was read. */
export type HashedFile = LoadedFile & { sha256: string };

export interface LoadResult {
  files: HashedFile[];
  skipped: SkippedFile[];
}

/**
 * Loads every input file into `loaded_rows`. An unreadable file stops the run unless
 * `skipUnreadable` is set, in which case it is reported and counted as skipped. `knownHashes`
 * contains SHA-256 values already computed, by input index, so that no file is hashed twice.
 */
export async function loadInputs(
  db: Database,
  inputs: readonly InputFile[],
  options: LoadOptions,
  work: WorkFolder,
  reporter: Reporter,
  knownHashes: readonly string[] = [],
): Promise<LoadResult> {
  const files: HashedFile[] = [];
  const skipped: SkippedFile[] = [];
  const progress = new LoadProgress(inputs.reduce((total, input) => total + input.size, 0));
  for (const [index, input] of inputs.entries()) {
    reporter.progress(`Loading ${input.path} (file ${index + 1} of ${inputs.length}${progress.describe()})`);
    try {
      // Hashing reads the file once more, alongside DuckDB's read; both only read the evidence.
      const hashing = knownHashes[index] === undefined ? hashFile(input.path) : Promise.resolve(knownHashes[index]!);
      hashing.catch(() => undefined);
      const loaded = await loadFile(db, input, index, work, options);
      const sha256 = await hashing;
      await db.run('INSERT INTO input_files VALUES ($index, $path, $size, $sha256)', {
        index,
        path: input.path,
        size: input.size,
        sha256,
      });
      files.push({ ...loaded, sha256 });
      progress.add(input.size, loaded.rowsRead);
    } catch (error) {
      if (!(error instanceof InputError) || !options.skipUnreadable) throw withSkipHint(error, inputs.length);
      const sha256 = knownHashes[index] ?? (await hashFile(input.path).catch(() => ''));
      skipped.push({ path: input.path, size: input.size, sha256, reason: error.message });
    }
  }
  if (files.some((file) => file.kind === 'auth-steps')) await db.runFile('load/attach-auth-steps.sql');
  return { files, skipped };
}

/** Bytes and rows loaded so far, with the rate and an estimate of the time left. */
class LoadProgress {
  private readonly started = Date.now();
  private bytes = 0;
  private rows = 0;

  constructor(private readonly totalBytes: number) {}

  add(bytes: number, rows: number): void {
    this.bytes += bytes;
    this.rows += rows;
  }

  /** Returns ', 1.2 GB of 4.5 GB, 310,000 rows, 85 MB/s, about 40 s left', or '' before the first file. */
  describe(): string {
    const seconds = (Date.now() - this.started) / 1000;
    if (this.bytes === 0 || seconds < 1) return '';
    const rate = this.bytes / seconds;
    const left = Math.round((this.totalBytes - this.bytes) / rate);
    return (
      `, ${formatBytes(this.bytes)} of ${formatBytes(this.totalBytes)}, ${this.rows.toLocaleString('en')} rows, ` +
      `${formatBytes(rate)}/s, about ${left} s left`
    );
  }
}

function formatBytes(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return `${value.toFixed(value >= 100 || unit === 0 ? 0 : 1)} ${units[unit]}`;
}

function withSkipHint(error: unknown, fileCount: number): unknown {
  if (!(error instanceof InputError) || fileCount < 2) return error;
  return new InputError(error.file, `${error.message.slice(error.file.length + 2)} To hunt in the other files without it, add --skip-unreadable.`, {
    cause: error.cause,
  });
}
