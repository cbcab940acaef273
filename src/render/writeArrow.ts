import { writeFile } from 'node:fs/promises';

import {
  Bool,
  Field,
  Float64,
  Int64,
  RecordBatch,
  Schema,
  Struct,
  Table,
  TimestampMicrosecond,
  Utf8,
  makeData,
  makeVector,
  tableToIPC,
  vectorFromArray,
  type DataType,
  type Vector,
} from 'apache-arrow';

import type { ColumnInfo } from '../db/Database.js';
import type { FindingSet } from '../findings/readFindings.js';
import { Instant } from '../util/Instant.js';

/**
 * Writes the findings as an Arrow IPC file. Timestamps are built from DuckDB's microseconds
 * as UTC microsecond timestamps, never through JS `Date`, so they keep every digit DuckDB
 * held. `metadata` is stored on the schema (run mode, reference time, versions).
 */
export async function writeArrow(filePath: string, findings: FindingSet, metadata: Map<string, string>): Promise<void> {
  const fields: Field[] = [];
  const vectors: Vector[] = [];
  for (const column of findings.columns) {
    const values = findings.rows.map((row) => row[column.name] ?? null);
    const vector = buildVector(column, values);
    fields.push(new Field(column.name, vector.type, true));
    vectors.push(vector);
  }

  const schema = new Schema(fields, metadata);
  const children = vectors.map((vector) => vector.data[0]!);
  const structData = makeData({
    type: new Struct(fields),
    length: findings.rows.length,
    nullCount: 0,
    children,
  });
  const table = new Table(schema, [new RecordBatch(schema, structData)]);
  await writeFile(filePath, tableToIPC(table, 'file'), { flag: 'wx' });
}

function buildVector(column: ColumnInfo, values: unknown[]): Vector {
  const type = column.type.toUpperCase();
  if (type === 'TIMESTAMP WITH TIME ZONE') return timestampVector(values);
  if (type === 'DOUBLE') return vectorFromArray(values as (number | null)[], new Float64());
  if (type === 'BOOLEAN') return vectorFromArray(values as (boolean | null)[], new Bool());
  if (type === 'BIGINT') return vectorFromArray(values as (bigint | null)[], new Int64());
  return vectorFromArray(values.map((value) => (value === null ? null : String(value))), new Utf8() as DataType);
}

function timestampVector(values: unknown[]): Vector {
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
  const data = makeData({
    type: new TimestampMicrosecond('UTC'),
    length: values.length,
    nullCount,
    nullBitmap: validity,
    data: micros,
  });
  return makeVector(data);
}
