import { spawnSync } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { makeTempFolder } from './helpers/fixtures.js';
import { REPO_ROOT } from './helpers/runCli.js';

// Without a network namespace, --offline and an empty cache still keep npm off the network.
const unshareWorks = spawnSync('unshare', ['-n', 'true']).status === 0;
const offline = (command: string, args: string[]) => (unshareWorks ? ['unshare', ['-n', command, ...args]] : [command, args]) as [string, string[]];

describe('air-gapped bundle', () => {
  it('installs offline and hunts the samples', async () => {
    const folder = await makeTempFolder();
    const built = spawnSync('node', [path.join(REPO_ROOT, 'scripts/bundle.mjs'), '--out-dir', folder], { encoding: 'utf8' });
    expect(built.status, built.stderr).toBe(0);
    const [tarball] = (await readdir(folder)).filter((name) => name.endsWith('.tgz'));
    expect(tarball).toMatch(/^hunt-cookies-\d+\.\d+\.\d+\.tgz$/);

    const prefix = path.join(folder, 'prefix');
    const install = spawnSync(
      ...offline('npm', ['install', '-g', path.join(folder, tarball!), '--prefix', prefix, '--offline', '--cache', path.join(folder, 'empty-cache'), '--no-audit', '--no-fund']),
      { encoding: 'utf8' },
    );
    expect(install.status, install.stderr).toBe(0);

    const hunt = spawnSync(...offline(path.join(prefix, 'bin', 'hunt-cookies'), ['--format', 'json', '-q', path.join(REPO_ROOT, 'samples')]), {
      encoding: 'utf8',
    });
    expect(hunt.status, hunt.stderr).toBe(1);
    expect(JSON.parse(hunt.stdout).findings).toHaveLength(24);
    expect(JSON.parse(hunt.stdout).incidents).toHaveLength(10);
  });
});
