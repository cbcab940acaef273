import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const CLI = fileURLToPath(new URL('../../bin/hunt-cookies.js', import.meta.url));
/**
 * Returns the folder of real public exports, which stay outside the repository and are read
 * in place: HUNT_COOKIES_REAL_SAMPLES when set, else `../shared/real-samples` beside the
 * clone, else `/work/shared/real-samples`.
 */
export function realSamplesFolder(): string {
  const fromEnvironment = process.env.HUNT_COOKIES_REAL_SAMPLES;
  if (fromEnvironment !== undefined) {
    if (!existsSync(fromEnvironment)) throw new Error(`HUNT_COOKIES_REAL_SAMPLES: folder not found: ${fromEnvironment}`);
    return fromEnvironment;
  }
  const candidates = [fileURLToPath(new URL('../../../shared/real-samples/', import.meta.url)), '/work/shared/real-samples/'];
  const found = candidates.find((candidate) => existsSync(candidate));
  if (found === undefined) {
    throw new Error(`Real sample exports not found in ${candidates.join(' or ')}. Set HUNT_COOKIES_REAL_SAMPLES to their folder.`);
  }
  return found;
}

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the built CLI (`npm run build` first) as a subprocess and collects its output. */
export function runCli(args: readonly string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [CLI, ...args],
      {
        cwd: options.cwd ?? REPO_ROOT,
        env: { ...process.env, NO_COLOR: '1', ...options.env },
        maxBuffer: 256 * 1024 * 1024,
      },
      (error, stdout, stderr) => {
        if (error && typeof error.code !== 'number') {
          reject(error);
          return;
        }
        resolve({ code: typeof error?.code === 'number' ? error.code : 0, stdout, stderr });
      },
    );
  });
}

/** Runs the CLI with `--format json` and returns the parsed document. */
export async function runCliJson(args: readonly string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}) {
  const result = await runCli(['--format', 'json', '-q', ...args], options);
  if (result.code !== 0 && result.code !== 1) {
    throw new Error(`hunt-cookies exited with ${result.code}: ${result.stderr}`);
  }
  return { ...result, json: JSON.parse(result.stdout) as HuntJson };
}

export interface HuntJson {
  mode: string;
  referenceTime: string | null;
  totals: {
    files: number;
    rowsRead: number;
    rejected: number;
    inScope: number;
    findings: number;
    shownFindings: number;
    allowListed: number;
    belowMinSeverity: number;
  };
  /** Default mode only. */
  incidents?: {
    incidentId: string;
    severity: string;
    severityRaised: boolean;
    userPrincipalName: string | null;
    findings: number;
    detections: { detectionType: string; severity: string; findings: number; example: string | null }[];
    countries: string[];
    ipAddresses: string[];
    asns: number[];
    why: string;
  }[];
  suppressedFindings?: Record<string, string | number | boolean | null>[];
  detections: { id: string; detectionType: string; findings: number }[];
  accounting: {
    files: {
      path: string;
      rowsRead: number;
      rejected: number;
      duplicates: number;
      failed: number;
      outOfRange: number;
      outsideRuleTable: number;
      inScope: number;
    }[];
    rejectedRows: { file: string; row: number; reason: string }[];
    rejectedTotal: number;
  };
  findings: Record<string, string | number | boolean | null>[];
}
