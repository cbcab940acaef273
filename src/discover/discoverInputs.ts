import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';

import { UserError } from '../errors.js';

/** File name endings read when a folder is searched; files named on the command line are always read. */
const FOLDER_EXTENSIONS = ['.json', '.jsonl', '.ndjson', '.csv', '.parquet', '.log', '.txt', '.gz'];

export interface InputFile {
  /** Path as the user wrote it, or joined from the folder they named; shown in findings. */
  path: string;
  size: number;
}

/**
 * Expands the paths on the command line into a sorted list of files: files as named, and
 * folders searched recursively for files with a known extension. The same file reached
 * twice is listed once.
 */
export async function discoverInputs(paths: readonly string[]): Promise<InputFile[]> {
  const found = new Map<string, InputFile>();

  for (const given of paths) {
    const info = await statOrThrow(given);
    if (info.isDirectory()) {
      for (const file of await listFolder(given)) addFile(found, file.path, file.size);
    } else if (info.isFile()) {
      addFile(found, given, info.size);
    } else {
      throw new UserError(`${given}: not a regular file or folder. Name sign-in export files or folders that hold them.`);
    }
  }

  if (found.size === 0) {
    throw new UserError(
      `no input files found in ${paths.join(', ')}. Folders are searched for ${FOLDER_EXTENSIONS.join(', ')} files.`,
    );
  }
  return [...found.values()].sort((a, b) => a.path.localeCompare(b.path, 'en'));
}

function addFile(found: Map<string, InputFile>, filePath: string, size: number): void {
  const key = path.resolve(filePath);
  if (!found.has(key)) found.set(key, { path: filePath, size });
}

async function listFolder(folder: string): Promise<InputFile[]> {
  const entries = await readdir(folder, { withFileTypes: true, recursive: true });
  const files: InputFile[] = [];
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    if (!FOLDER_EXTENSIONS.includes(path.extname(entry.name).toLowerCase())) continue;
    const filePath = path.join(entry.parentPath, entry.name);
    const info = await stat(filePath);
    files.push({ path: filePath, size: info.size });
  }
  return files;
}

async function statOrThrow(given: string) {
  try {
    return await stat(given);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'no such file or folder' : `cannot be read (${code ?? String(error)})`;
    throw new UserError(`${given}: ${reason}.`, { cause: error });
  }
}
