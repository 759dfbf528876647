import { BadRequestException, PayloadTooLargeException } from '@nestjs/common';
import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, type ReadStream } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join, resolve, sep } from 'node:path';
import { recogniseFile, uploadFileName, type FileType } from './file-type.js';

/** What a multipart upload hands over (multer's file, as far as storing it goes). */
export interface UploadedFile {
  originalname: string;
  mimetype: string;
  size: number;
  buffer: Buffer;
}

export interface FileStoreOptions {
  /** The folder the files go under (resolved once). */
  root: string;
  maxBytes: number;
  /** The types accepted, e.g. DOCUMENT_FILE_TYPES. */
  types: readonly FileType[];
}

/** A file written to disk: what the caller records in its own table. */
export interface StoredFile {
  id: string;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  /** Where the file lies, relative to the root: `<first two hex digits of sha256>/<id>`. */
  storageKey: string;
}

/**
 * Uploaded files outside the database: checked (present, size, name, recognised type), named by a
 * fresh id under a folder of their SHA-256's first two hex digits, written atomically, and read
 * back only from inside the root. Who may see a file is the caller's business.
 */
export class FileStore {
  readonly root: string;

  constructor(private readonly options: FileStoreOptions) {
    this.root = resolve(options.root);
  }

  /** Checks `file` and writes it; refusals are 400 (413 when too large) with a `file：` reason. */
  async write(file: UploadedFile | undefined): Promise<StoredFile> {
    if (!file) throw new BadRequestException('file：请以 multipart/form-data 的 file 字段上传文件');
    if (file.size > this.options.maxBytes) {
      throw new PayloadTooLargeException(`file：文件大小 ${file.size} 字节超过上限 ${this.options.maxBytes} 字节`);
    }
    if (file.size === 0) throw new BadRequestException('file：文件为空');
    const named = uploadFileName(file.originalname);
    if ('refusal' in named) throw new BadRequestException(`file：${named.refusal}`);
    const name = named.name;
    const recognised = recogniseFile(this.options.types, name, file.mimetype, file.buffer);
    if ('refusal' in recognised) throw new BadRequestException(`file：${recognised.refusal}`);

    const id = randomUUID();
    const sha256 = createHash('sha256').update(file.buffer).digest('hex');
    const storageKey = join(sha256.slice(0, 2), id);
    const target = this.path(storageKey);
    await mkdir(join(this.root, sha256.slice(0, 2)), { recursive: true });
    // Written under a temporary name, then renamed: a crash never leaves a half file under a recorded key.
    await writeFile(`${target}.part`, file.buffer, { flag: 'wx' });
    await rename(`${target}.part`, target);
    return { id, fileName: name, contentType: recognised.type.mime, sizeBytes: file.size, sha256, storageKey };
  }

  /** The absolute path of `storageKey`; refuses a key that leads outside the root. */
  path(storageKey: string): string {
    const target = resolve(this.root, storageKey);
    if (!target.startsWith(this.root + sep)) throw new Error(`storage key ${JSON.stringify(storageKey)} lies outside the file store`);
    return target;
  }

  /** The stored file `storageKey`, to stream back. */
  open(storageKey: string): ReadStream {
    return createReadStream(this.path(storageKey));
  }
}
