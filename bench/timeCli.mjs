/**
 * Runs `node bin/hunt-cookies.js` under `/usr/bin/time -v`, with stdout going to a file, and
 * returns the exit code, wall time, peak RSS and, for a failed run, the error lines. Shared by
 * bench/run.mjs and bench/scaling.mjs.
 */
import { spawn } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = fileURLToPath(new URL('../', import.meta.url));

export async function timeCli(args, stdoutFile) {
  const fd = openSync(stdoutFile, 'w');
  const begin = performance.now();
  const { code, stderr } = await new Promise((resolve, reject) => {
    const child = spawn('/usr/bin/time', ['-v', process.execPath, path.join(REPO, 'bin/hunt-cookies.js'), ...args], {
      cwd: REPO,
      stdio: ['ignore', fd, 'pipe'],
    });
    let text = '';
    child.stderr.on('data', (chunk) => (text += chunk));
    child.on('error', reject);
    child.on('close', (exitCode) => resolve({ code: exitCode, stderr: text }));
  });
  const wallSeconds = (performance.now() - begin) / 1000;
  closeSync(fd);

  const rssMatch = /Maximum resident set size \(kbytes\): (\d+)/.exec(stderr);
  const result = { args, exitCode: code, wallSeconds, peakRssMiB: rssMatch ? Number(rssMatch[1]) / 1024 : null };
  if (code !== 0 && code !== 1) {
    // /usr/bin/time indents its report; the tool's own lines are not indented.
    result.error = stderr.split('\n').filter((line) => !/^\s/.test(line) && line.trim() !== '').slice(0, 5).join(' | ');
  }
  return result;
}
