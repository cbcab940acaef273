import { rmSync } from 'node:fs';

/**
 * Temporary folders of the run (work copies of inputs, DuckDB spill folders). They hold copies
 * of evidence, so they are removed even when the run ends early: on Ctrl-C, on SIGTERM, or when
 * the reader of stdout goes away.
 */
const folders = new Set<string>();

export function registerTemporaryFolder(folder: string): void {
  folders.add(folder);
}

export function unregisterTemporaryFolder(folder: string): void {
  folders.delete(folder);
}

/** Removes every registered folder at once; for exit paths that cannot wait for promises. */
export function removeTemporaryFoldersNow(): void {
  for (const folder of folders) {
    try {
      rmSync(folder, { recursive: true, force: true });
    } catch {
      // The process is ending; a folder that cannot be removed is left to the system's cleaner.
    }
  }
  folders.clear();
}
