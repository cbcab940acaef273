import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import type { Database } from '../db/Database.js';
import type { InputFile } from '../discover/discoverInputs.js';
import type { LoadOptions } from '../load/loadFile.js';
import type { LoadResult } from '../load/loadInputs.js';

/** Tables that loading fills; together with the load result they restore a run's loaded state. */
const CACHED_TABLES = ['loaded_rows', 'loaded_auth_steps', 'rejected_lines', 'input_files'] as const;

/** Code and SQL whose changes alter what loading produces, so they are part of the key. */
const LOADER_SOURCES = [
  { root: '../../sql/', folders: ['macros', 'normalize', 'load', 'read', 'schema'] },
  { root: '../', folders: ['load', 'shapes', 'sniff'] },
];

const FORMAT_VERSION = 2;

/** The `load.json` of an entry: the load result, and each table's row count to check it by. */
interface StoredEntry {
  result: LoadResult;
  rowCounts: Record<string, number>;
}

/**
 * A folder of normalised sign-ins, one entry per set of inputs. The key covers each input's
 * path, size and SHA-256, the options that change how rows are read, and the loader's own
 * code, so that a changed input or a new version of the tool never reads a stale entry.
 */
export class NormalizedCache {
  private constructor(
    readonly folder: string,
    readonly key: string,
  ) {}

  static async open(
    folder: string,
    inputs: readonly InputFile[],
    hashes: readonly string[],
    options: Pick<LoadOptions, 'dateOrder' | 'maxDecompressedBytes' | 'skipUnreadable'>,
    toolVersion: string,
  ): Promise<NormalizedCache> {
    const digest = createHash('sha256');
    digest.update(JSON.stringify({
      format: FORMAT_VERSION,
      tool: toolVersion,
      inputs: inputs.map((input, index) => [input.path, input.size, hashes[index]]),
      dateOrder: options.dateOrder ?? null,
      maxDecompressedBytes: options.maxDecompressedBytes,
      skipUnreadable: options.skipUnreadable,
    }));
    for (const file of await listLoaderSources()) digest.update(await readFile(file));
    return new NormalizedCache(path.resolve(folder), digest.digest('hex'));
  }

  private get entry(): string {
    return path.join(this.folder, this.key);
  }

  /**
   * Fills the loading tables from the cache; returns the load result, or null on a miss. An
   * entry that cannot be read, or whose row counts differ from those stored with it, is
   * reported through `warn`, removed, and treated as a miss, so that the inputs are parsed again.
   */
  async restore(db: Database, warn: (message: string) => void): Promise<LoadResult | null> {
    let stored: StoredEntry;
    try {
      stored = JSON.parse(await readFile(path.join(this.entry, 'load.json'), 'utf8')) as StoredEntry;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      return this.discard(db, warn, error);
    }
    try {
      for (const table of CACHED_TABLES) {
        await db.run(`INSERT INTO ${table} SELECT * FROM read_parquet($file)`, { file: path.join(this.entry, `${table}.parquet`) });
        const rows = await db.readRows(`SELECT count(*) AS n FROM ${table}`);
        if (Number(rows[0]?.n) !== stored.rowCounts?.[table]) {
          throw new Error(`${table} contains ${Number(rows[0]?.n)} rows, but ${stored.rowCounts?.[table] ?? 'no count'} were stored`);
        }
      }
    } catch (error) {
      return this.discard(db, warn, error);
    }
    return stored.result;
  }

  private async discard(db: Database, warn: (message: string) => void, error: unknown): Promise<null> {
    for (const table of CACHED_TABLES) await db.run(`DELETE FROM ${table}`);
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    warn(`the cache entry ${this.entry} is damaged (${reason}); it is removed and the inputs are read again.`);
    await rm(this.entry, { recursive: true, force: true }).catch(() => undefined);
    return null;
  }

  /**
   * Stores the loading tables and the load result. The entry is written under a temporary
   * name and renamed, so that an interrupted run never leaves an entry that looks complete.
   */
  async save(db: Database, result: LoadResult): Promise<void> {
    const partial = path.join(this.folder, `${this.key}.partial-${process.pid}`);
    try {
      await mkdir(this.folder, { recursive: true });
      await rm(partial, { recursive: true, force: true });
      await mkdir(partial);
      const rowCounts: Record<string, number> = {};
      for (const table of CACHED_TABLES) {
        await db.copyToParquet(`SELECT * FROM ${table}`, {}, path.join(partial, `${table}.parquet`), {});
        const rows = await db.readRows(`SELECT count(*) AS n FROM ${table}`);
        rowCounts[table] = Number(rows[0]?.n);
      }
      const stored: StoredEntry = { result, rowCounts };
      await writeFile(path.join(partial, 'load.json'), JSON.stringify(stored));
      await rename(partial, this.entry);
    } catch (error) {
      await rm(partial, { recursive: true, force: true });
      // Another run that stored the same entry first is not an error.
      if ((error as NodeJS.ErrnoException).code !== 'ENOTEMPTY' && (error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
}

async function listLoaderSources(): Promise<string[]> {
  const files: string[] = [];
  for (const { root, folders } of LOADER_SOURCES) {
    for (const folder of folders) {
      const directory = fileURLToPath(new URL(`${root}${folder}/`, import.meta.url));
      const names = await readdir(directory).catch(() => [] as string[]);
      files.push(...names.filter((name) => name.endsWith('.sql') || name.endsWith('.js')).sort().map((name) => path.join(directory, name)));
    }
  }
  return files;
}
