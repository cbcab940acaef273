import type { Database, SqlParamTypes, SqlParams } from '../db/Database.js';
import { readSqlFile } from '../db/Database.js';
import { InputError } from '../errors.js';

export type DateOrder = 'mdy' | 'dmy';

/** Rows checked first; the whole file is scanned only when they hold slash dates. */
const SAMPLE_ROWS = 1000;

interface Evidence {
  slashDates: number;
  dayFirst: number;
  monthFirst: number;
  ambiguous: number;
  ambiguousWithoutAmPm: number;
  example: string;
  settlingExample: string;
}

/**
 * Decides whether a file's slash dates (`05/01/2024`) put the month or the day first, from
 * its values: a part above 12 settles it. When no value settles it, 12-hour times with AM/PM
 * are read month first, as the Log Analytics UI writes them in US English, and otherwise
 * `requested` (--date-order) decides. A file that none of these settle is rejected as ambiguous.
 * `requested` never overrides a file's own values.
 */
export async function decideDateOrder(
  db: Database,
  file: string,
  stage: { sql: string; params: SqlParams; types: SqlParamTypes },
  requested: DateOrder | undefined,
): Promise<DateOrder> {
  const evidenceSql = await readSqlFile('load/date-order-evidence.sql');
  const sample = await readEvidence(db, `WITH stage AS (SELECT * FROM (${stage.sql}) LIMIT ${SAMPLE_ROWS}) SELECT * FROM (${evidenceSql})`, stage);
  if (sample.slashDates === 0) return requested ?? 'mdy';
  const evidence = await readEvidence(db, `WITH stage AS (${stage.sql}) SELECT * FROM (${evidenceSql})`, stage);

  if (evidence.dayFirst > 0 && evidence.monthFirst > 0) {
    throw new InputError(
      file,
      `its time values mix day-first and month-first dates (${evidence.dayFirst} with a day above 12 first, ` +
        `${evidence.monthFirst} with one second), so no single order reads them all. Split the file by its source.`,
    );
  }
  let found: DateOrder | undefined;
  if (evidence.dayFirst > 0) found = 'dmy';
  if (evidence.monthFirst > 0) found = 'mdy';
  if (found !== undefined) return found;
  // 12-hour times with AM/PM are the Log Analytics UI's US English form: month first, whatever
  // --date-order requests, so that one option can serve a folder that mixes such files with others.
  if (evidence.ambiguous === 0 || evidence.ambiguousWithoutAmPm === 0) return 'mdy';
  if (requested !== undefined) return requested;

  throw new InputError(
    file,
    `its dates, such as "${evidence.example}", could be day first or month first, and no value above 12 settles it. ` +
      'Add --date-order dmy or --date-order mdy.',
  );
}

async function readEvidence(db: Database, sql: string, stage: { params: SqlParams; types: SqlParamTypes }): Promise<Evidence> {
  const [row] = await db.readRows(sql, stage.params, stage.types);
  return {
    slashDates: Number(row?.slash_dates ?? 0),
    dayFirst: Number(row?.day_first ?? 0),
    monthFirst: Number(row?.month_first ?? 0),
    ambiguous: Number(row?.ambiguous ?? 0),
    ambiguousWithoutAmPm: Number(row?.ambiguous_without_am_pm ?? 0),
    example: String(row?.example ?? ''),
    settlingExample: String(row?.settling_example ?? ''),
  };
}
