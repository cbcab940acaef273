import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** A Log Analytics SigninLogs record; tests override the fields they are about. */
export type SignInRecord = Record<string, unknown>;

let counter = 0;

/**
 * Builds a successful interactive SigninLogs record for `user` at `time` from `country`,
 * with invented values: example.test users, documentation IP ranges, placeholder ids.
 */
export function signIn(user: string, time: string, country: string | null, overrides: SignInRecord = {}): SignInRecord {
  counter += 1;
  const id = `00000000-0000-4000-8000-${String(counter).padStart(12, '0')}`;
  return {
    TimeGenerated: time,
    CreatedDateTime: time,
    Id: id,
    CorrelationId: `c${id.slice(1)}`,
    UserPrincipalName: user,
    UserId: `user-${user.toLowerCase()}`,
    IPAddress: `192.0.2.${counter % 250}`,
    Location: country ?? '',
    LocationDetails: country === null ? {} : { countryOrRegion: country, city: `City ${country}` },
    AppDisplayName: 'Azure Portal',
    AuthenticationRequirement: 'multiFactorAuthentication',
    AuthenticationDetails: '[]',
    ResultType: '0',
    Status: { errorCode: 0 },
    IsInteractive: true,
    Type: 'SigninLogs',
    ...overrides,
  };
}

const createdFolders: string[] = [];

/** Creates a new temporary folder for one test's input files; `removeTempFolders` deletes it. */
export async function makeTempFolder(): Promise<string> {
  const folder = await mkdtemp(path.join(tmpdir(), 'hunt-cookies-test-'));
  createdFolders.push(folder);
  return folder;
}

/** Deletes every folder `makeTempFolder` created in this test file; run after all its tests. */
export async function removeTempFolders(): Promise<void> {
  const folders = createdFolders.splice(0);
  await Promise.all(folders.map((folder) => rm(folder, { recursive: true, force: true })));
}

/** Writes records as NDJSON (one JSON object per line) and returns the file path. */
export async function writeNdjson(folder: string, name: string, records: readonly SignInRecord[]): Promise<string> {
  const filePath = path.join(folder, name);
  await writeFile(filePath, records.map((record) => JSON.stringify(record)).join('\n') + '\n');
  return filePath;
}
