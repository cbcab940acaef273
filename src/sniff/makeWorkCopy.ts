import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';

import { registerTemporaryFolder, unregisterTemporaryFolder } from '../util/temporaryFolders.js';
import type { TextEncoding } from './sniffFile.js';

/**
 * A temporary folder for UTF-8 work copies of inputs that DuckDB cannot read as they are.
 * Evidence files are only ever read; copies go here and the folder is removed afterwards.
 */
export class WorkFolder {
  private count = 0;

  private constructor(readonly folder: string) {}

  /** Creates the folder under the system's temporary folder. */
  static async create(): Promise<WorkFolder> {
    const folder = await mkdtemp(path.join(tmpdir(), 'hunt-cookies-'));
    registerTemporaryFolder(folder);
    return new WorkFolder(folder);
  }

  /** Writes a UTF-8 copy without byte order mark and returns its path. */
  async copyAsUtf8(source: string, encoding: TextEncoding): Promise<string> {
    const target = await this.newPath(source);
    await pipeline(createReadStream(source), decoderFor(encoding), createWriteStream(target, { flags: 'wx' }));
    return target;
  }

  /**
   * Writes a decompressed copy of a gzip file and returns its path. Decompression stops with an
   * error past `maxBytes`, so a small archive cannot fill the disk (a "zip bomb").
   */
  async copyDecompressed(source: string, maxBytes: number): Promise<string> {
    const target = await this.newPath(source.replace(/\.gz$/i, ''));
    let written = 0;
    const limit = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        written += chunk.length;
        if (written > maxBytes) callback(new DecompressedSizeError(maxBytes));
        else callback(null, chunk);
      },
    });
    await pipeline(createReadStream(source), createGunzip(), limit, createWriteStream(target, { flags: 'wx' }));
    return target;
  }

  async remove(): Promise<void> {
    await rm(this.folder, { recursive: true, force: true });
    unregisterTemporaryFolder(this.folder);
  }

  /** Returns a new path in the work folder that keeps the extension of `source`. */
  private async newPath(source: string): Promise<string> {
    this.count += 1;
    return path.join(this.folder, `input-${this.count}${path.extname(source)}`);
  }
}

/** Raised when a gzip file decompresses to more than the allowed size. */
export class DecompressedSizeError extends Error {
  constructor(readonly maxBytes: number) {
    super(`decompresses to more than ${maxBytes} bytes`);
    this.name = 'DecompressedSizeError';
  }
}

/** Returns a stream that turns the file's bytes into UTF-8 text without a byte order mark. */
function decoderFor(encoding: TextEncoding): Transform {
  const label = encoding === 'utf-8-bom' ? 'utf-8' : encoding;
  // TextDecoder drops the byte order mark itself and keeps split characters between chunks.
  const decoder = new TextDecoder(label);
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      callback(null, Buffer.from(decoder.decode(chunk, { stream: true }), 'utf8'));
    },
    flush(callback) {
      callback(null, Buffer.from(decoder.decode(), 'utf8'));
    },
  });
}
