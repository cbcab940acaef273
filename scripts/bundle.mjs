// Builds hunt-cookies-<version>.tgz: the tool with every runtime dependency inside, the DuckDB
// binary for this machine's platform included, so that `npm install -g ./hunt-cookies-<version>.tgz`
// works on a machine with no network and no npm cache. Run it on the target platform (or one
// with the same OS, CPU and C library), because the DuckDB binary is platform-specific.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = fileURLToPath(new URL('../', import.meta.url));
// `--out-dir DIR` puts the tarball elsewhere than the repository root (the tests use it).
const outFlag = process.argv.indexOf('--out-dir');
const outDir = outFlag >= 0 ? path.resolve(process.argv[outFlag + 1]) : repo;
const manifest = JSON.parse(readFileSync(path.join(repo, 'package.json'), 'utf8'));
const staging = mkdtempSync(path.join(tmpdir(), 'hunt-cookies-bundle-'));
const npm = (args, cwd) => execFileSync('npm', args, { cwd, stdio: ['ignore', 'inherit', 'inherit'] });

try {
  npm(['run', 'build'], repo);
  for (const item of ['bin', 'dist', 'sql', 'README.md', 'package-lock.json']) {
    cpSync(path.join(repo, item), path.join(staging, item), { recursive: true });
  }

  // The bundle ships compiled JavaScript, so it needs no build step and no dev dependencies.
  const bundled = {
    ...manifest,
    scripts: {},
    devDependencies: {},
    bundleDependencies: Object.keys(manifest.dependencies),
  };
  writeFileSync(path.join(staging, 'package.json'), `${JSON.stringify(bundled, null, 2)}\n`);

  // Installs the runtime dependencies from the lock file; npm's cache serves them when it can.
  npm(['ci', '--omit=dev', '--ignore-scripts', '--no-audit', '--no-fund'], staging);
  npm(['pack', '--pack-destination', staging], staging);

  const tarball = `${manifest.name}-${manifest.version}.tgz`;
  renameSync(path.join(staging, tarball), path.join(outDir, tarball));
  process.stdout.write(`Wrote ${path.join(outDir, tarball)}\n`);
} finally {
  rmSync(staging, { recursive: true, force: true });
}
