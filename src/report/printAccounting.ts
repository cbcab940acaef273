import type { RunSummary } from '../commands/buildSummary.js';
import type { Reporter } from './Reporter.js';

/**
 * Prints, per input file, where its rows went, then the rejected rows with their reasons and
 * the sign-ins that carried too little detail to judge.
 */
export function printAccounting(
  reporter: Reporter,
  summary: Pick<RunSummary, 'accounting' | 'singleFactorWithoutDetails'>,
  { perFile }: { perFile: boolean } = { perFile: true },
): void {
  const { accounting } = summary;
  for (const file of perFile ? accounting.files : []) {
    if (file.kind === 'auth-steps') {
      const unmatched = file.stepsUnmatched > 0 ? `, ${file.stepsUnmatched} without a matching sign-in` : '';
      const rejected = file.rejected > 0 ? `, ${file.rejected} rejected` : '';
      reporter.info(`${file.path} [${file.shape}, ${file.container}, ${file.encoding}]: ${file.rowsRead} authentication steps, ${file.stepsAttached} attached to sign-ins${unmatched}${rejected}`);
      continue;
    }
    const parts = [
      `${file.rowsRead} read`,
      `${file.inScope} hunted`,
      file.failed > 0 ? `${file.failed} failed sign-in${file.failed === 1 ? '' : 's'} skipped` : '',
      file.outOfRange > 0 ? `${file.outOfRange} out of the time range` : '',
      file.outsideRuleTable > 0 ? `${file.outsideRuleTable} non-interactive (not in the rule's table)` : '',
      file.duplicates > 0 ? `${file.duplicates} duplicates` : '',
      file.notUserSignIn > 0 ? `${file.notUserSignIn} service principal sign-ins skipped` : '',
      file.rejected > 0 ? `${file.rejected} rejected` : '',
    ].filter((part) => part !== '');
    reporter.info(`${file.path} [${file.shape}, ${file.container}, ${file.encoding}]: ${parts.join(', ')}`);
    if (file.zonelessTimes > 0) {
      reporter.info(`  ${file.zonelessTimes} time values had no zone and were read as UTC.`);
    }
  }

  for (const file of accounting.files) {
    if (file.firstMalformedLine === null) continue;
    reporter.warn(
      `${file.path}: record numbers after line ${file.firstMalformedLine} count only the records that could be parsed; ` +
        'the rejected lines are listed by line number.',
    );
  }
  for (const skipped of accounting.skippedFiles) {
    reporter.warn(`not read: ${skipped.reason}`);
  }
  for (const rejected of accounting.rejectedRows) {
    reporter.warn(`rejected ${rejected.file} ${rejected.unit} ${rejected.row}: ${rejected.reason}`);
  }
  const unlisted = accounting.rejectedTotal - accounting.rejectedRows.length;
  if (unlisted > 0) {
    reporter.warn(`${unlisted} more rejected rows not listed; --format json lists the first ones with the per-file counts.`);
  }

  const undecided = summary.singleFactorWithoutDetails ?? 0;
  if (undecided > 0) {
    reporter.info(
      `${undecided} single-factor sign-ins to the rule's apps had empty or missing AuthenticationDetails and no Status.additionalDetails, ` +
        'so session reuse could be neither confirmed nor ruled out for them.',
    );
  }
}
