// Temporary folders hold decompressed or re-encoded copies of the evidence, so they must be
// removed even when a run ends early: the reader of stdout goes away, or a signal stops it.
import { spawn } from 'node:child_process';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

import { describe, expect, it } from 'vitest';

import { makeTempFolder } from './helpers/fixtures.js';
import { CLI, REPO_ROOT } from './helpers/runCli.js';

/** Writes a gzip input of `copies` times the sample records, so that the run makes a work copy. */
async function gzipInput(folder: string, copies: number): Promise<string> {
  const lines = (await readFile(path.join(REPO_ROOT, 'samples', 'json', 'AADNonInteractiveUserSignInLogs.ndjson'), 'utf8')).trim().split('\n');
  const records: string[] = [];
  for (let copy = 0; copy < copies; copy += 1) {
    for (const line of lines) {
      const record = JSON.parse(line) as Record<string, unknown>;
      record.Id = `${String(record.Id)}-${copy}`;
      records.push(JSON.stringify(record));
    }
  }
  const file = path.join(folder, 'input.ndjson.gz');
  await writeFile(file, gzipSync(`${records.join('\n')}\n`));
  return file;
}

function startCli(args: string[], tmp: string) {
  return spawn(process.execPath, [CLI, ...args], { env: { ...process.env, TMPDIR: tmp, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
}

function exitOf(child: ReturnType<typeof startCli>): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  return new Promise((resolve) => child.on('close', (code, signal) => resolve({ code, signal })));
}

describe('temporary folders', () => {
  it('are removed when stdout closes early', async () => {
    const folder = await makeTempFolder();
    const tmp = await makeTempFolder();
    const input = await gzipInput(folder, 20);
    const child = startCli(['--format', 'ndjson', '-q', '--findings', input], tmp);
    child.stdout.once('data', () => child.stdout.destroy());
    const { code } = await exitOf(child);
    expect(code === 0 || code === 1).toBe(true);
    expect(await readdir(tmp)).toEqual([]);
  });

  it('are removed on SIGTERM', async () => {
    const folder = await makeTempFolder();
    const tmp = await makeTempFolder();
    const input = await gzipInput(folder, 3000);
    const child = startCli(['-q', input], tmp);
    const done = exitOf(child);

    // Wait until the run has made its work folder, then stop it.
    const deadline = Date.now() + 30_000;
    while ((await readdir(tmp)).length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    expect((await readdir(tmp)).length).toBeGreaterThan(0);
    child.kill('SIGTERM');

    const { code } = await done;
    expect(code).toBe(143);
    expect(await readdir(tmp)).toEqual([]);
  });
});
