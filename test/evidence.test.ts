import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

import { describe, expect, it } from 'vitest';

import { makeTempFolder, signIn } from './helpers/fixtures.js';
import { CLI, REPO_ROOT, runCli } from './helpers/runCli.js';

async function snapshot(folder: string) {
  const names = (await readdir(folder)).sort();
  return Promise.all(
    names.map(async (name) => {
      const file = path.join(folder, name);
      const info = await stat(file);
      return { name, mtimeMs: info.mtimeMs, sha256: createHash('sha256').update(await readFile(file)).digest('hex') };
    }),
  );
}

describe('evidence files', () => {
  it('stay unchanged, with nothing written beside them', async () => {
    const folder = await makeTempFolder();
    const records = [signIn('ev@example.test', '2024-03-01T10:00:00Z', 'US'), signIn('ev@example.test', '2024-03-01T10:10:00Z', 'PL')];
    const lines = records.map((record) => JSON.stringify(record)).join('\r\n');
    await writeFile(path.join(folder, 'plain.ndjson'), lines);
    await writeFile(path.join(folder, 'bom.json'), Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(JSON.stringify(records))]));
    await writeFile(path.join(folder, 'wide.json'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(JSON.stringify(records), 'utf16le')]));
    await writeFile(path.join(folder, 'packed.ndjson.gz'), gzipSync(lines));
    const before = await snapshot(folder);

    const result = await runCli(['--format', 'json', folder]);
    expect(result.code).toBe(1);
    await runCli(['inspect', '--rows', folder]);

    expect(await snapshot(folder)).toEqual(before);
  });
});

describe('offline guarantee', () => {
  const unshareWorks = spawnSync('unshare', ['-n', 'true']).status === 0;

  // NOTE: needs a kernel that lets this user create a network namespace (root in CI does).
  it.runIf(unshareWorks)('hunts with networking unavailable', () => {
    const run = spawnSync('unshare', ['-n', process.execPath, CLI, '--format', 'json', '-q', path.join(REPO_ROOT, 'samples')], {
      encoding: 'utf8',
    });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(1);
    const online = spawnSync(process.execPath, [CLI, '--format', 'json', '-q', path.join(REPO_ROOT, 'samples')], { encoding: 'utf8' });
    expect(JSON.parse(run.stdout).findings).toEqual(JSON.parse(online.stdout).findings);
    expect(JSON.parse(run.stdout).findings.length).toBeGreaterThan(0);
  });
});
