import type { Database } from '../db/Database.js';
import type { InputFile } from '../discover/discoverInputs.js';
import { InputError } from '../errors.js';
import type { Reporter } from '../report/Reporter.js';
import { WorkFolder } from '../sniff/makeWorkCopy.js';
import { loadFile, type LoadOptions, type LoadedFile } from './loadFile.js';

export interface SkippedFile {
  path: string;
  reason: string;
}

export interface LoadResult {
  files: LoadedFile[];
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
  reporter: Reporter,
): Promise<LoadResult> {
  const work = new WorkFolder();
  const files: LoadedFile[] = [];
  const skipped: SkippedFile[] = [];
  try {
    for (const [index, input] of inputs.entries()) {
      reporter.progress(`Loading ${input.path} (${index + 1} of ${inputs.length})`);
      try {
        files.push(await loadFile(db, input, index, work, options));
      } catch (error) {
        if (!(error instanceof InputError) || !options.skipUnreadable) throw withSkipHint(error, inputs.length);
        skipped.push({ path: input.path, reason: error.message });
      }
    }
    if (files.some((file) => file.kind === 'auth-steps')) await db.runFile('load/attach-auth-steps.sql');
  } finally {
    await work.remove();
  }
  return { files, skipped };
}

function withSkipHint(error: unknown, fileCount: number): unknown {
  if (!(error instanceof InputError) || fileCount < 2) return error;
  return new InputError(error.file, `${error.message.slice(error.file.length + 2)} To hunt in the other files without it, add --skip-unreadable.`, {
    cause: error.cause,
  });
}
