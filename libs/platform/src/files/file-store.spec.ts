import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileStore, type UploadedFile } from './file-store.js';
import { DOCUMENT_FILE_TYPES } from './file-type.js';

const upload = (name: string, content: Buffer, mimetype = ''): UploadedFile => ({
  originalname: Buffer.from(name, 'utf8').toString('latin1'),
  mimetype,
  size: content.length,
  buffer: content,
});

describe('FileStore', () => {
  let root: string;
  let store: FileStore;

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'file-store-'));
    store = new FileStore({ root, maxBytes: 64, types: DOCUMENT_FILE_TYPES });
  });
  afterAll(() => rm(root, { recursive: true, force: true }));

  it('writes an accepted file under its checksum prefix and reads it back', async () => {
    const content = Buffer.from('%PDF-1.7\n整改');
    const stored = await store.write(upload('../报告.pdf', content, 'application/pdf'));
    const sha256 = createHash('sha256').update(content).digest('hex');
    expect(stored).toMatchObject({ fileName: '报告.pdf', contentType: 'application/pdf', sizeBytes: content.length, sha256 });
    expect(stored.storageKey).toBe(join(sha256.slice(0, 2), stored.id));
    expect(await readFile(store.path(stored.storageKey))).toEqual(content);
    expect(await readdir(join(root, sha256.slice(0, 2)))).toEqual([stored.id]);
  });

  it('refuses a missing, empty, oversized, badly named or disguised file', async () => {
    await expect(store.write(undefined)).rejects.toMatchObject({ status: 400 });
    await expect(store.write(upload('a.txt', Buffer.alloc(0)))).rejects.toThrow('file：文件为空');
    await expect(store.write(upload('a.txt', Buffer.alloc(65, 'a')))).rejects.toMatchObject({ status: 413 });
    await expect(store.write(upload('..', Buffer.from('x')))).rejects.toThrow('file：文件名无效');
    await expect(store.write(upload('a.pdf', Buffer.from('MZ')))).rejects.toThrow('file：文件内容不是 .pdf 格式');
  });

  it('resolves no key outside its root', () => {
    expect(() => store.path('../etc/passwd')).toThrow(/outside/);
    expect(() => store.path('/etc/passwd')).toThrow(/outside/);
  });
});
