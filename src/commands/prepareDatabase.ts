import type { Database } from '../db/Database.js';

/** Creates the SQL macros and the tables that loading fills. */
export async function prepareDatabase(db: Database): Promise<void> {
  // time.sql first: parse.sql's macros call hc_parse_time.
  await db.runFile('macros/time.sql');
  await db.runFile('macros/parse.sql');
  await db.runFile('macros/kql.sql');
  await db.runFile('macros/context.sql');
  await db.runFile('schema/signins.sql');
}
