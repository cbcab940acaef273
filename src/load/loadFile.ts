import { stat } from 'node:fs/promises';
import path from 'node:path';

import type { Database } from '../db/Database.js';
import { readSqlFile } from '../db/Database.js';
import type { InputFile } from '../discover/discoverInputs.js';
import { InputError, UserError } from '../errors.js';
import { detectShape } from '../shapes/detectShape.js';
import type { ExportShape } from '../shapes/ExportShape.js';
import { TIME_STAGE_COLUMNS } from '../shapes/stageColumns.js';
import type { WorkFolder } from '../sniff/makeWorkCopy.js';
import { countCompleteArrayRecords } from '../sniff/jsonNesting.js';
import { prepareForReading } from '../sniff/prepareForReading.js';
import type { Container } from '../sniff/sniffFile.js';
import { buildStageQuery } from './buildStageQuery.js';
import { decideDateOrder, type DateOrder } from './decideDateOrder.js';
import { jsonSource } from './jsonSource.js';
import { readColumns } from './readColumns.js';
import { hasSource, resolveStageColumns } from './resolveStageColumns.js';

export interface LoadedFile {
  index: number;
  path: string;
  size: number;
  shape: string;
  container: string;
  /** Encoding of the text (or `binary`), after `gzip, ` for a compressed file. */
  encoding: string;
  rowsRead: number;
  rowsRejected: number;
  /** Day/month order used for slash dates in this file. */
  dateOrder: DateOrder;
  kind: ExportShape['kind'];
  /** Path DuckDB read: the evidence file, or its work copy while the run lasts. */
  readPath: string;
}

export interface LoadOptions {
  skipUnreadable: boolean;
  /** Day/month order for slash dates that no value settles (--date-order). */
  dateOrder?: DateOrder;
  /** Largest size a gzip input may decompress to, in bytes. */
  maxDecompressedBytes: number;
}

/**
 * Reads one input file into `loaded_rows` (or, for authentication-step files,
 * `loaded_auth_steps`): prepare a readable copy where needed, detect its layout from its
 * columns, and insert every record, typed by the layout's normalisation SQL.
 */
export async function loadFile(
  db: Database,
  file: InputFile,
  index: number,
  work: WorkFolder,
  options: LoadOptions,
): Promise<LoadedFile> {
  const { readPath, container, encoding, compression } = await prepareForReading(file.path, work, options.maxDecompressedBytes);
  const label = (loaded: Omit<LoadedFile, 'encoding'>): LoadedFile => ({
    ...loaded,
    encoding: [compression, encoding].filter(Boolean).join(', '),
  });

  try {
    return label(await loadRecords(db, file, index, readPath, container, options));
  } catch (error) {
    // Two arrays written back to back (`][`, two Graph pages saved in one second) are not one
    // JSON array, so such a file is read again as a sequence of documents.
    if (container.kind !== 'json' || container.layout !== 'array' || !isUnexpectedCharacter(error)) throw error;
    return label(await loadRecords(db, file, index, readPath, { kind: 'json', layout: 'unstructured' }, options));
  }
}

async function loadRecords(
  db: Database,
  file: InputFile,
  index: number,
  readPath: string,
  container: Container,
  options: LoadOptions,
): Promise<Omit<LoadedFile, 'encoding'>> {
  // The size of what DuckDB reads: a decompressed or converted copy can exceed the evidence file.
  const readSize = (await stat(readPath)).size;
  const json = container.kind === 'json' ? await jsonSource(readPath, container.layout, readSize) : undefined;
  const columns = await withFileContext(file.path, readPath, container, () => readColumns(db, readPath, container, json));
  const shape = detectShape(file.path, columns);
  const sources = resolveStageColumns(shape, columns);
  if (shape.kind === 'sign-ins' && !TIME_STAGE_COLUMNS.some((column) => hasSource(sources, column))) {
    throw new InputError(
      file.path,
      'no time column. Expected CreatedDateTime or TimeGenerated (CSV exports may add " [UTC]"); ' +
        'export the sign-ins again with all columns.',
    );
  }

  const stage = buildStageQuery(readPath, container, json, sources);
  const dateOrder = await withFileContext(file.path, readPath, container, () =>
    decideDateOrder(db, file.path, stage, options.dateOrder),
  );
  const normalize = await readSqlFile(shape.normalizeSql);
  // The normalisation query reads `stage`, a CTE visible inside the subquery.
  const target = shape.kind === 'sign-ins' ? 'loaded_rows' : 'loaded_auth_steps';
  const insert = `INSERT INTO ${target} BY NAME WITH stage AS (${stage.sql}) SELECT * FROM (${normalize})`;
  const params = {
    ...stage.params,
    file_index: index,
    source_file: file.path,
    shape: shape.id,
    date_order: dateOrder,
    interactive_hint: shape.interactiveFromFileName?.(path.basename(file.path)) ?? '',
    header_says_utc: TIME_STAGE_COLUMNS.some((column) => sources.get(column)?.some((source) => /\[UTC\]\s*$/i.test(source.name))),
  };
  // DuckDB rejects a named parameter that the statement does not use, and the layouts'
  // normalisation files use different ones.
  const usedParams = Object.fromEntries(Object.entries(params).filter(([name]) => insert.includes(`$${name}`)));
  if (container.kind === 'csv') await db.runFile('load/clear-csv-rejects.sql');
  await withFileContext(file.path, readPath, container, () => db.run(insert, usedParams, stage.types));

  if (container.kind === 'csv') await db.runFile('load/keep-csv-rejects.sql', { file_index: index, source_file: file.path });

  const counts = await db.readRows(
    `SELECT count(*) + (SELECT count(*) FROM rejected_lines WHERE file_index = $index) AS rows_read,
            count(reject_reason) + (SELECT count(*) FROM rejected_lines WHERE file_index = $index) AS rows_rejected
     FROM ${target} WHERE file_index = $index`,
    { index },
  );
  return {
    index,
    path: file.path,
    size: file.size,
    shape: shape.id,
    container: describeContainer(container),
    rowsRead: Number(counts[0]?.rows_read ?? 0),
    rowsRejected: Number(counts[0]?.rows_rejected ?? 0),
    dateOrder,
    kind: shape.kind,
    readPath,
  };
}

function isUnexpectedCharacter(error: unknown): boolean {
  return error instanceof InputError && /unexpected character/i.test(String((error.cause as Error | undefined)?.message));
}

function describeContainer(container: Container): string {
  if (container.kind !== 'json') return container.kind;
  return { array: 'json-array', newline_delimited: 'ndjson', unstructured: 'json-objects' }[container.layout];
}

/** Turns a DuckDB read error into an InputError that names the evidence file, not a work copy. */
async function withFileContext<T>(file: string, readPath: string, container: Container, action: () => Promise<T>): Promise<T> {
  try {
    return await action();
  } catch (error) {
    // Errors in the tool's own SQL are bugs, not bad input, and go up as internal errors.
    if (error instanceof InputError || isStatementError(error)) throw error;
    if (error instanceof Error && /^Out of Memory Error/.test(error.message)) {
      throw new UserError(`DuckDB ran out of memory while reading ${file}. Raise --memory-limit or leave it unset.`, { cause: error });
    }
    const detail = (error instanceof Error ? error.message : String(error)).replaceAll(readPath, file);
    if (/unexpected end of data/i.test(detail) && container.kind === 'json') {
      const complete = await countCompleteArrayRecords(readPath);
      throw new InputError(
        file,
        `the JSON ends before its last value closes, so the file looks truncated: ${complete} complete record${complete === 1 ? ' comes' : 's come'} before the cut. ` +
          'Export it again, or repair its end in a copy and run on the copy.',
        { cause: error },
      );
    }
    throw new InputError(file, describeReadError(container, detail), { cause: error });
  }
}

function isStatementError(error: unknown): boolean {
  return error instanceof Error && /^(Parser|Binder|Catalog) Error|Failed to extract statements|bind parameter/.test(error.message);
}

function describeReadError(container: Container, detail: string): string {
  const firstLine = detail.split('\n', 1)[0]!.replace(/ Parse errors cannot be ignored.*$/, '');
  return `cannot be read as ${describeContainer(container)}: ${firstLine} Check that the file is a complete sign-in export.`;
}
