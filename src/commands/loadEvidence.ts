import path from 'node:path';

import { NormalizedCache } from '../cache/normalizedCache.js';
import type { Database } from '../db/Database.js';
import type { InputFile } from '../discover/discoverInputs.js';
import type { LoadOptions } from '../load/loadFile.js';
import { loadInputs, type LoadResult } from '../load/loadInputs.js';
import { hashFile } from '../provenance/hashFile.js';
import type { Reporter } from '../report/Reporter.js';
import type { WorkFolder } from '../sniff/makeWorkCopy.js';

/** Whether the run read its sign-ins from the cache, and under which key. */
export interface CacheUse {
  folder: string;
  key: string;
  hit: boolean;
}

/**
 * Loads the inputs, or with a cache folder restores them from an earlier run over the same
 * files. On a miss the freshly loaded tables are stored for the next run.
 */
export async function loadEvidence(
  db: Database,
  inputs: readonly InputFile[],
  options: LoadOptions & { cacheDirectory?: string },
  work: WorkFolder,
  reporter: Reporter,
  toolVersion: string,
): Promise<{ loaded: LoadResult; cache: CacheUse | null }> {
  if (options.cacheDirectory === undefined) return { loaded: await loadInputs(db, inputs, options, work, reporter), cache: null };

  // The key needs every input's SHA-256 before loading, so each file is hashed up front.
  const hashes: string[] = [];
  for (const [index, input] of inputs.entries()) {
    reporter.progress(`Hashing ${input.path} for the cache (file ${index + 1} of ${inputs.length})`);
    hashes.push(await hashFile(input.path));
  }
  const cache = await NormalizedCache.open(options.cacheDirectory, inputs, hashes, options, toolVersion);

  const restored = await cache.restore(db, (message) => reporter.warn(message));
  if (restored !== null) {
    reporter.info(`Read the normalised sign-ins from the cache entry ${cache.key.slice(0, 16)} in ${options.cacheDirectory}`);
    // Work copies (decompressed or re-encoded files) belonged to the run that made the entry.
    // NOTE: a gzip or UTF-16 input with findings is therefore converted again to find its line
    // numbers, which can take most of what the cache saves on such inputs.
    const files = restored.files.map((file) => (file.readPath === path.resolve(file.path) ? file : { ...file, readPath: '' }));
    return { loaded: { ...restored, files }, cache: { folder: cache.folder, key: cache.key, hit: true } };
  }

  const loaded = await loadInputs(db, inputs, options, work, reporter, hashes);
  reporter.progress('Storing the normalised sign-ins in the cache');
  try {
    await cache.save(db, loaded);
  } catch (error) {
    // The hunt does not need the cache, so a folder that cannot be written only costs the next run time.
    const reason = (error as NodeJS.ErrnoException).code ?? (error instanceof Error ? error.message.split('\n')[0] : String(error));
    reporter.warn(`cannot store the normalised sign-ins in ${options.cacheDirectory} (${reason}); the next run will parse the inputs again.`);
    return { loaded, cache: null };
  }
  return { loaded, cache: { folder: cache.folder, key: cache.key, hit: false } };
}
