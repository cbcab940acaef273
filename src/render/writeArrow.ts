import { writeFile } from 'node:fs/promises';

import {
  Bool,
  Field,
  Float64,
  Int64,
  RecordBatch,
  RecordBatchFileWriter,
  RecordBatchStreamWriter,
  Schema,
  Struct,
  TimestampMicrosecond,
  Utf8,
  makeData,
  makeVector,
  vectorFromArray,
  type Vector,
} from 'apache-arrow';

import type { ColumnInfo, PlainRow } from '../db/Database.js';
import type { FindingSet } from '../findings/readFindings.js';
import { Instant } from '../util/Instant.js';

/**
 * Writes the findings in Arrow IPC file or stream format, one record batch per DuckDB chunk. Timestamps are
 * built from DuckDB's microseconds as UTC microsecond timestamps, never through JS `Date`, so
 * they keep every digit DuckDB held. `metadata` is stored on the schema.
 */
export async function writeArrow(
  filePath: string,
  findings: FindingSet,
  metadata: Map<string, string>,
  format: 'file' | 'stream' = 'file',
): Promise<void> {
  const fields = findings.columns.map((column) => new Field(column.name, arrowType(column), true));
  const schema = new Schema(fields, metadata);
  const writer = format === 'file' ? new RecordBatchFileWriter() : new RecordBatchStreamWriter();
  writer.reset(undefined, schema);

  for await (const rows of findings.batches()) {
    const children = findings.columns.map((column) => buildVector(column, rows).data[0]!);
    const data = makeData({ type: new Struct(fields), length: rows.length, nullCount: 0, children });
    writer.write(new RecordBatch(schema, data));
  }
  writer.finish();
  await writeFile(filePath, await writer.toUint8Array(), { flag: 'wx' });
}

function arrowType(column: ColumnInfo) {
  switch (column.type.toUpperCase()) {
    case 'TIMESTAMP WITH TIME ZONE':
      return new TimestampMicrosecond('UTC');
    case 'DOUBLE':
      return new Float64();
    case 'BOOLEAN':
      return new Bool();
    case 'BIGINT':
      return new Int64();
    default:
      return new Utf8();
  }
}

function buildVector(column: ColumnInfo, rows: readonly PlainRow[]): Vector {
  const values = rows.map((row) => row[column.name] ?? null);
  const type = arrowType(column);
  if (type instanceof TimestampMicrosecond) return timestampVector(type, values);
  if (type instanceof Utf8) return vectorFromArray(values.map((value) => (value === null ? null : String(value))), type);
  return vectorFromArray(values as (number | boolean | bigint | null)[], type);
}

function timestampVector(type: TimestampMicrosecond, values: readonly unknown[]): Vector {
  const micros = new BigInt64Array(values.length);
  const validity = new Uint8Array(Math.ceil(values.length / 8));
  let nullCount = 0;
  for (const [index, value] of values.entries()) {
    if (value instanceof Instant) {
      micros[index] = value.micros;
      validity[index >> 3]! |= 1 << (index & 7);
    } else {
      nullCount += 1;
    }
  }
  return makeVector(makeData({ type, length: values.length, nullCount, nullBitmap: validity, data: micros }));
}
