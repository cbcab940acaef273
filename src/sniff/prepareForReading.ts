import path from 'node:path';

import { InputError } from '../errors.js';
import { DecompressedSizeError, type WorkFolder } from './makeWorkCopy.js';
import { sniffFile, type Container, type Encoding } from './sniffFile.js';

/** A file ready for DuckDB: the path to read (the evidence, or a work copy) and what it holds. */
export interface ReadableFile {
  readPath: string;
  container: Container;
  encoding: Encoding;
  /** `gzip` for a compressed evidence file, else ''. */
  compression: string;
}

/**
 * Sniffs an evidence file and, where DuckDB cannot read it as it is, makes a work copy:
 * decompressed for gzip, and UTF-8 without byte order mark for UTF-16 and for JSON with a
 * UTF-8 byte order mark. Errors name the evidence file, never the copy.
 */
export async function prepareForReading(file: string, work: WorkFolder, maxDecompressedBytes: number): Promise<ReadableFile> {
  let { container, encoding } = await sniffFile(file);
  // DuckDB may open only the absolute paths it was given, so the path it reads is absolute.
  let sourcePath = path.resolve(file);
  let compression = '';
  if (container.kind === 'gzip') {
    sourcePath = await decompress(file, work, maxDecompressedBytes);
    ({ container, encoding } = await sniffFile(sourcePath, file));
    if (container.kind === 'gzip') {
      throw new InputError(file, 'gzip-compressed twice. Decompress it once in a work folder and run on that copy.');
    }
    compression = 'gzip';
  }

  const readPath = encoding !== 'binary' && needsWorkCopy(container, encoding) ? await work.copyAsUtf8(sourcePath, encoding) : sourcePath;
  return { readPath, container, encoding, compression };
}

function needsWorkCopy(container: Container, encoding: Encoding): boolean {
  if (encoding === 'utf-16le' || encoding === 'utf-16be') return true;
  // DuckDB's CSV reader skips a UTF-8 byte order mark; its JSON reader rejects one.
  return encoding === 'utf-8-bom' && container.kind === 'json';
}

async function decompress(file: string, work: WorkFolder, maxBytes: number): Promise<string> {
  try {
    return await work.copyDecompressed(file, maxBytes);
  } catch (error) {
    if (error instanceof DecompressedSizeError) {
      throw new InputError(file, `${error.message}. Raise --max-decompressed if the export is really that large.`, { cause: error });
    }
    const reason = error instanceof Error ? error.message : String(error);
    throw new InputError(file, `not a readable gzip file (${reason}). Check that the download completed.`, { cause: error });
  }
}
