import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import { Database } from '../db/Database.js';
import type { InputFile } from '../discover/discoverInputs.js';
import { WorkFolder } from '../sniff/makeWorkCopy.js';
import { registerTemporaryFolder, unregisterTemporaryFolder } from '../util/temporaryFolders.js';
import { prepareDatabase } from './prepareDatabase.js';

/** The database of one run and the temporary folder beside it; `close` removes both. */
export interface Workspace {
  db: Database;
  work: WorkFolder;
  close(): Promise<void>;
}

/**
 * Creates the run's work folder and a database that may open only the inputs, that folder,
 * the named output files and `extraDirectories` (the cache). DuckDB spills to the work folder, never next to the evidence.
 */
export async function openWorkspace(
  inputs: readonly InputFile[],
  outputs: readonly string[],
  settings: { threads?: number; memoryLimit?: string; tempDirectory?: string },
  extraDirectories: readonly string[] = [],
): Promise<Workspace> {
  const work = await WorkFolder.create();
  try {
    // A subfolder of --temp-dir, so that DuckDB's spill files never mix with the user's files.
    const spill = settings.tempDirectory === undefined ? path.join(work.folder, 'spill') : await mkdtemp(path.join(path.resolve(settings.tempDirectory), 'hunt-cookies-spill-'));
    if (settings.tempDirectory !== undefined) registerTemporaryFolder(spill);
    const db = await Database.open({
      ...settings,
      memoryLimit: settings.memoryLimit ?? defaultMemoryLimit(),
      tempDirectory: spill,
      allowedPaths: [...inputs, ...outputs.map((output) => ({ path: output }))].map((file) => path.resolve(file.path)),
      allowedDirectories: [work.folder, spill, ...extraDirectories.map((folder) => path.resolve(folder))].map((folder) => `${folder}${path.sep}`),
    });
    await prepareDatabase(db);
    return {
      db,
      work,
      async close() {
        db.close();
        await work.remove();
        if (settings.tempDirectory !== undefined) {
          await rm(spill, { recursive: true, force: true });
          unregisterTemporaryFolder(spill);
        }
      },
    };
  } catch (error) {
    await work.remove();
    throw error;
  }
}

/**
 * Returns 60% of the machine's RAM for DuckDB, in MB. DuckDB's own default is 80%, which leaves
 * too little for Node.js, the outputs and the analyst's other programs on a laptop.
 */
function defaultMemoryLimit(): string {
  return `${Math.floor((os.totalmem() * 0.6) / 2 ** 20)}MB`;
}
