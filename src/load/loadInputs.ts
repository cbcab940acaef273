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
 * `skipUnreadable` is set, in which case it is reported and counted as skipped.
 */
export async function loadInputs(
  db: Database,
  inputs: readonly InputFile[],
  options: LoadOptions,
  work: WorkFolder,
  reporter: Reporter,
): Promise<LoadResult> {
  const files: HashedFile[] = [];
  const skipped: SkippedFile[] = [];
  for (const [index, input] of inputs.entries()) {
    reporter.progress(`Loading ${input.path} (${index + 1} of ${inputs.length})`);
    try {
      // Hashing reads the file once more, alongside DuckDB's read; both only read the evidence.
      const hashing = hashFile(input.path);
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
    } catch (error) {
      if (!(error instanceof InputError) || !options.skipUnreadable) throw withSkipHint(error, inputs.length);
      skipped.push({ path: input.path, size: input.size, sha256: await hashFile(input.path).catch(() => ''), reason: error.message });
    }
  }
  if (files.some((file) => file.kind === 'auth-steps')) await db.runFile('load/attach-auth-steps.sql');
  return { files, skipped };
}

function withSkipHint(error: unknown, fileCount: number): unknown {
  if (!(error instanceof InputError) || fileCount < 2) return error;
  return new InputError(error.file, `${error.message.slice(error.file.length + 2)} To hunt in the other files without it, add --skip-unreadable.`, {
    cause: error.cause,
  });
}
