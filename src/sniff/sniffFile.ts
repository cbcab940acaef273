import { open } from 'node:fs/promises';

import { InputError } from '../errors.js';

/** Bytes read from the start of a file to decide its container and encoding. */
const HEAD_BYTES = 64 * 1024;

export type Container =
  | { kind: 'gzip' }
  | { kind: 'parquet' }
  | { kind: 'csv'; delimiter: string }
  | { kind: 'json'; layout: 'array' | 'newline_delimited' | 'unstructured' };

/** Text encoding of a file, from its byte order mark. */
export type TextEncoding = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be';
/** A file's encoding; Parquet files are `binary`. */
export type Encoding = TextEncoding | 'binary';

export interface Sniffed {
  container: Container;
  encoding: Encoding;
}

/**
 * Decides from the first bytes of a file, not from its name, whether it is gzip-compressed,
 * Parquet, CSV or JSON (an array, one record per line, or whole documents), and how its text
 * is encoded. A gzip file is sniffed again once it is decompressed.
 */
export async function sniffFile(filePath: string, shownAs: string = filePath): Promise<Sniffed> {
  const head = await readHead(filePath, shownAs);
  if (head.length === 0) throw new InputError(shownAs, 'the file is empty. Expected a sign-in export as JSON, NDJSON, CSV or Parquet.');

  if (head.subarray(0, 4).toString('latin1') === 'PAR1') {
    return { container: { kind: 'parquet' }, encoding: 'binary' };
  }
  if (head[0] === 0x1f && head[1] === 0x8b) {
    return { container: { kind: 'gzip' }, encoding: 'binary' };
  }

  const encoding = detectEncoding(head);
  const text = decodeHead(head, encoding);
  if (text.includes('\u0000') && looksLikeUtf16WithoutBom(head)) {
    throw new InputError(
      shownAs,
      'looks like UTF-16 text without a byte order mark, which cannot be told apart from binary data for sure. ' +
        'Convert a copy to UTF-8 (iconv -f UTF-16LE -t UTF-8) and run on the copy.',
    );
  }
  if (text.includes('\u0000')) {
    throw new InputError(shownAs, 'binary data that is neither Parquet nor text. Expected a sign-in export as JSON, NDJSON, CSV or Parquet.');
  }
  return { container: detectTextContainer(text), encoding };
}

/** True when every other byte of the head is zero, as in UTF-16 text of ASCII characters. */
function looksLikeUtf16WithoutBom(head: Buffer): boolean {
  const sample = head.subarray(0, 512);
  let zeros = 0;
  for (let index = 0; index < sample.length; index += 1) if (sample[index] === 0) zeros += 1;
  return sample.length >= 4 && zeros * 2 >= sample.length - 1 && (sample[0] === 0 || sample[1] === 0);
}

function detectEncoding(head: Buffer): TextEncoding {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 'utf-8-bom';
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
  return 'utf-8';
}

function decodeHead(head: Buffer, encoding: TextEncoding): string {
  // A cut in the middle of a multi-byte character at the end of the head is harmless here.
  switch (encoding) {
    case 'utf-8':
      return head.toString('utf8');
    case 'utf-8-bom':
      return head.subarray(3).toString('utf8');
    case 'utf-16le':
      return new TextDecoder('utf-16le').decode(head.subarray(2));
    case 'utf-16be':
      return new TextDecoder('utf-16be').decode(head.subarray(2));
  }
}

function detectTextContainer(text: string): Container {
  const trimmed = text.trimStart();
  if (trimmed.startsWith('[')) return { kind: 'json', layout: 'array' };
  if (trimmed.startsWith('{')) {
    // A one-line first record means one record per line, even when that record is malformed:
    // pretty-printed JSON puts the opening brace alone on the first line.
    const [firstLine = '', ...rest] = trimmed.split(/\r?\n/).map((line) => line.trim());
    const secondLine = rest.find((line) => line !== '') ?? '';
    const first = parseJsonObject(firstLine);
    // A malformed first record still leaves the next line starting a record of its own.
    const nextLineIsRecord = firstLine.length > 1 && (firstLine.endsWith('}') || parseJsonObject(secondLine) !== undefined);
    const oneRecordPerLine = first !== undefined ? !isEnvelope(first) : nextLineIsRecord;
    return { kind: 'json', layout: oneRecordPerLine ? 'newline_delimited' : 'unstructured' };
  }
  return { kind: 'csv', delimiter: detectDelimiter(trimmed.split(/\r?\n/, 1)[0] ?? '') };
}

/**
 * Picks the field separator that the header line uses most: comma, semicolon (spreadsheets in
 * many European locales) or tab. Telling DuckDB keeps one malformed line from misleading its
 * own detection of the file's dialect.
 */
function detectDelimiter(header: string): string {
  const counts = [',', ';', '\t'].map((delimiter) => ({ delimiter, count: header.split(delimiter).length - 1 }));
  counts.sort((a, b) => b.count - a.count);
  return counts[0]!.count > 0 ? counts[0]!.delimiter : ',';
}

function parseJsonObject(line: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(line);
    const isObject = typeof value === 'object' && value !== null && !Array.isArray(value);
    return isObject ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** Returns true for a Graph page, Azure Monitor batch or Log Analytics REST response, which wrap records in one object. */
function isEnvelope(document: Record<string, unknown>): boolean {
  return Array.isArray(document.value) || Array.isArray(document.records) || Array.isArray(document.tables);
}

async function readHead(filePath: string, shownAs: string): Promise<Buffer> {
  let handle;
  try {
    handle = await open(filePath, 'r');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new InputError(shownAs, `cannot be opened for reading (${code}). Check the path and its permissions.`, { cause: error });
  }
  try {
    const buffer = Buffer.alloc(HEAD_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, HEAD_BYTES, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}
