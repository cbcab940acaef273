import { readFile } from 'node:fs/promises';

import {
  DuckDBConnection,
  DuckDBInstance,
  LIST,
  VARCHAR,
  listValue,
  type DuckDBType,
  type DuckDBValue,
} from '@duckdb/node-api';

import { toPlainValue, type PlainValue } from './toPlainValue.js';

/** Values bound to `$name` parameters. Lists of strings must come with a type in `types`. */
export type SqlParams = Record<string, DuckDBValue>;
export type SqlParamTypes = Record<string, DuckDBType>;
export type SqlRow = Record<string, DuckDBValue>;

export interface DatabaseSettings {
  threads?: number;
  memoryLimit?: string;
  /** Folder DuckDB spills to when a query outgrows the memory limit. */
  tempDirectory?: string;
  /**
   * The only files and folders DuckDB may open, as absolute paths: the inputs, the work
   * folder and the output files. Everything else, URLs included, is refused.
   */
  allowedPaths?: readonly string[];
  allowedDirectories?: readonly string[];
}

const SQL_ROOT = new URL('../../sql/', import.meta.url);

/**
 * Owns the DuckDB instance and its one connection. Only the modules in `src/db/` import
 * `@duckdb/node-api`, so every statement the tool runs passes through here.
 */
export class Database {
  private constructor(
    private readonly instance: DuckDBInstance,
    private readonly connection: DuckDBConnection,
  ) {}

  /** Opens an in-memory database that can never download or load extensions on its own. */
  static async open(settings: DatabaseSettings = {}): Promise<Database> {
    const config: Record<string, string> = {
      autoinstall_known_extensions: 'false',
      autoload_known_extensions: 'false',
    };
    if (settings.threads !== undefined) config.threads = String(settings.threads);
    if (settings.memoryLimit !== undefined) config.memory_limit = settings.memoryLimit;
    if (settings.tempDirectory !== undefined) config.temp_directory = settings.tempDirectory;

    const instance = await DuckDBInstance.create(':memory:', config);
    const connection = await instance.connect();

    // Every time value is compared and printed in UTC, whatever the analyst's machine uses.
    await connection.run("SET TimeZone = 'UTC'");
    // Source rows are numbered in file order, which needs the scan order kept.
    await connection.run('SET preserve_insertion_order = true');

    // Nothing that the evidence contains can make DuckDB open another file or a URL, and
    // the lock keeps any statement from lifting these limits again.
    if (settings.allowedPaths !== undefined || settings.allowedDirectories !== undefined) {
      await connection.run(`SET allowed_paths = [${(settings.allowedPaths ?? []).map(quoteString).join(', ')}]`);
      await connection.run(`SET allowed_directories = [${(settings.allowedDirectories ?? []).map(quoteString).join(', ')}]`);
      await connection.run('SET enable_external_access = false');
    }
    await connection.run('SET lock_configuration = true');
    return new Database(instance, connection);
  }

  /** Returns the DuckDB library version, for the run summary. */
  async version(): Promise<string> {
    const rows = await this.readRows('SELECT version() AS version');
    return String(rows[0]?.version ?? 'unknown');
  }

  /** Runs SQL text that returns no rows. Parameters bind to the last statement only. */
  async run(sql: string, params?: SqlParams, types?: SqlParamTypes): Promise<void> {
    await this.connection.run(sql, params, types);
  }

  /** Runs one file under `sql/`, such as `macros/parse.sql`. */
  async runFile(name: string, params?: SqlParams, types?: SqlParamTypes): Promise<void> {
    await this.run(await readSqlFile(name), params, types);
  }

  /** Runs a query and returns its rows as objects keyed by column name. */
  async readRows(sql: string, params?: SqlParams, types?: SqlParamTypes): Promise<SqlRow[]> {
    const reader = await this.connection.runAndReadAll(sql, params, types);
    return reader.getRowObjects();
  }

  /** Runs a query and returns its rows with timestamps as `Instant` and nested values as plain JS. */
  async readPlainRows(sql: string, params?: SqlParams): Promise<PlainRow[]> {
    const rows = await this.readRows(sql, params);
    return rows.map(toPlainRow);
  }

  /**
   * Runs a query and yields its rows in batches of one DuckDB chunk (2,048 rows), converted
   * like `readPlainRows`, so that large results never sit in JS memory at once.
   */
  async *streamPlainRows(sql: string, params?: SqlParams): AsyncGenerator<PlainRow[]> {
    const result = await this.connection.stream(sql, params);
    for await (const rows of result.yieldRowObjects()) {
      yield rows.map(toPlainRow);
    }
  }

  /**
   * Writes the result of a query to a Parquet file with DuckDB's own writer, which keeps
   * TIMESTAMPTZ as UTC microsecond timestamps, and stores `metadata` as key-value metadata.
   */
  async copyToParquet(sql: string, params: SqlParams, filePath: string, metadata: Record<string, string>): Promise<void> {
    const entries = Object.entries(metadata).map(([key, value]) => `${quoteString(key)}: ${quoteString(value)}`);
    // DuckDB's parser rejects an empty KV_METADATA struct.
    const metadataOption = entries.length === 0 ? '' : `, KV_METADATA {${entries.join(', ')}}`;
    await this.run(`COPY (${sql}) TO ${quoteString(filePath)} (FORMAT parquet${metadataOption})`, params);
  }

  /** Runs a query and returns its column names with their DuckDB type names. */
  async describe(sql: string, params?: SqlParams, types?: SqlParamTypes): Promise<ColumnInfo[]> {
    const rows = await this.readRows(`DESCRIBE ${sql}`, params, types);
    return rows.map((row) => ({ name: String(row.column_name), type: String(row.column_type) }));
  }

  close(): void {
    this.connection.closeSync();
    this.instance.closeSync();
  }
}

export type PlainRow = Record<string, PlainValue>;

function toPlainRow(row: SqlRow): PlainRow {
  const plain: PlainRow = {};
  for (const [name, value] of Object.entries(row)) plain[name] = toPlainValue(value);
  return plain;
}

/** Wraps a list of strings so that it binds as `VARCHAR[]`; DuckDB cannot infer an empty list's type. */
export function stringListParam(values: readonly string[]): { value: DuckDBValue; type: DuckDBType } {
  return { value: listValue([...values]), type: LIST(VARCHAR) };
}

export interface ColumnInfo {
  name: string;
  type: string;
  /** JSON path of the field within a record, for JSON inputs. */
  path?: string;
}

/**
 * Quotes text as a SQL string literal. COPY needs its target path and metadata as literals,
 * because DuckDB does not bind parameters there.
 */
function quoteString(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

/** Reads one SQL file from the `sql/` folder that ships with the tool. */
export async function readSqlFile(name: string): Promise<string> {
  return readFile(new URL(name, SQL_ROOT), 'utf8');
}
