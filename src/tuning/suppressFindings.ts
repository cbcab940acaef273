import { readSqlFile, stringListParam, type Database } from '../db/Database.js';
import { describeEntry, IpMatcher, type AllowEntry } from './AllowEntry.js';

/**
 * Marks the findings that the allow-lists cover, in `findings.SuppressedBy`. Nothing is
 * deleted: suppressed findings stay in the table, are counted, and `--show-suppressed` lists them.
 */
export async function suppressFindings(db: Database, allow: readonly AllowEntry[]): Promise<void> {
  await db.runFile('tuning/allow-list.sql');
  if (allow.length === 0) return;

  for (const entry of allow.filter((candidate) => candidate.kind !== 'ip')) {
    await db.run('INSERT INTO allow_list VALUES ($kind, $value, $label)', {
      kind: entry.kind,
      value: entry.value,
      label: describeEntry(entry),
    });
  }

  // Only the addresses that findings name are checked, so the cost follows the findings, not the input.
  const matcher = new IpMatcher(allow);
  const addresses = await db.readPlainRows(await readSqlFile('tuning/finding-addresses.sql'));
  const ips: string[] = [];
  const labels: string[] = [];
  for (const { ip } of addresses) {
    const entry = matcher.match(String(ip));
    if (entry === undefined) continue;
    ips.push(String(ip));
    labels.push(describeEntry(entry));
  }
  if (ips.length > 0) {
    const ipList = stringListParam(ips);
    const labelList = stringListParam(labels);
    await db.run(
      'INSERT INTO allowed_ips SELECT unnest($ips), unnest($labels)',
      { ips: ipList.value, labels: labelList.value },
      { ips: ipList.type, labels: labelList.type },
    );
  }

  await db.runFile('tuning/suppress.sql');
}
