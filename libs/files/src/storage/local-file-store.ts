import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { FileStore } from './file-store.js';

/** Files under a directory (DATA_DIR/files): written to a temporary name, then renamed into place. */
export class LocalFileStore extends FileStore {
  readonly kind = 'local' as const;

  constructor(private readonly root: string) {
    super();
  }

  private pathOf(key: string): string {
    if (!/^[0-9a-z/_-]+$/i.test(key) || key.includes('..')) throw new RangeError(`bad file key ${key}`);
    return path.join(this.root, key);
  }

  async put(key: string, bytes: Buffer): Promise<void> {
    const target = this.pathOf(key);
    await mkdir(path.dirname(target), { recursive: true });
    const tmp = path.join(path.dirname(target), `.${randomUUID()}.part`);
    try {
      await writeFile(tmp, bytes, { flag: 'wx' });
      await rename(tmp, target);
    } catch (e) {
      await rm(tmp, { force: true });
      throw e;
    }
  }

  async get(key: string): Promise<Buffer> {
    return readFile(this.pathOf(key));
  }

  async delete(key: string): Promise<void> {
    await rm(this.pathOf(key), { force: true });
  }
}
