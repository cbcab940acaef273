import { writeFile } from 'node:fs/promises';

import { UserError } from '../errors.js';
import { jsonReplacer } from '../render/formatValue.js';
import type { RunManifest } from './buildManifest.js';

/** Writes the run manifest as JSON to a new file; an existing file is never overwritten. */
export async function writeManifest(filePath: string, manifest: RunManifest): Promise<void> {
  try {
    await writeFile(filePath, `${JSON.stringify(manifest, jsonReplacer, 2)}\n`, { flag: 'wx' });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new UserError(`--manifest ${filePath}: cannot be written (${code}). Choose a new file in a writable folder.`, { cause: error });
  }
}
