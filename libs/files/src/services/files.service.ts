import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { Clock, InjectConfig, NotFoundError, isUuid, newId, type AppConfig } from '@innoserve/core';
import type { Principal } from '@innoserve/identity';
import { FileObject } from '../entities/file-object.entity.js';
import { FileStore } from '../storage/file-store.js';
import { FileAccessRegistry } from './file-access.registry.js';
import { cleanFileName, detectMime } from './content-type.js';
import { fileNotAttachable, fileTooLarge, fileTypeNotAllowed } from './file-errors.js';

export interface FileView {
  id: string;
  name: string;
  size: number;
  mime: string;
}

export interface StoredFile extends FileView {
  bytes: Buffer;
}

/**
 * Uploads and reads. The bytes go to the FileStore first, then the row commits; when the row
 * fails the bytes are deleted again, so no failure leaves a partial or orphaned file behind.
 */
@Injectable()
export class FilesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly store: FileStore,
    private readonly access: FileAccessRegistry,
    private readonly clock: Clock,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  get maxBytes(): number {
    return this.config.FILES_MAX_BYTES;
  }

  /** A user's upload: size and type (by content) checked, 413 FILE_TOO_LARGE / 415 FILE_TYPE_NOT_ALLOWED. */
  async upload(me: Principal, input: { name: string | undefined; bytes: Buffer }): Promise<FileView> {
    if (input.bytes.length > this.maxBytes) throw fileTooLarge(this.maxBytes);
    const mime = detectMime(input.bytes);
    if (!mime) throw fileTypeNotAllowed();
    return this.save(this.dataSource.manager, { name: cleanFileName(input.name), bytes: input.bytes, mime, uploadedBy: me.userId });
  }

  /** A file the system generated (a contract, an export), in the caller's transaction when given. */
  async storeSystemFile(input: { name: string; bytes: Buffer; mime: string; uploadedBy?: string | null }, manager: EntityManager = this.dataSource.manager): Promise<FileView> {
    return this.save(manager, { name: cleanFileName(input.name), bytes: input.bytes, mime: input.mime, uploadedBy: input.uploadedBy ?? null });
  }

  /** The file for `me`: its uploader, or whoever a registered rule lets in; everyone else 404. */
  async read(me: Principal, id: string): Promise<StoredFile> {
    const m = this.dataSource.manager;
    const file = isUuid(id) ? await m.findOne(FileObject, { where: { id } }) : null;
    if (!file) throw new NotFoundError('file');
    if (file.uploadedBy !== me.userId && !(await this.access.allows(m, me, file.id))) throw new NotFoundError('file');
    return { ...view(file), bytes: await this.store.get(file.storageKey) };
  }

  /** The file's bytes for the system itself (no access check). */
  async contents(id: string): Promise<StoredFile | null> {
    const file = isUuid(id) ? await this.dataSource.manager.findOne(FileObject, { where: { id } }) : null;
    return file ? { ...view(file), bytes: await this.store.get(file.storageKey) } : null;
  }

  /** A step may attach only a file its caller uploaded: 422 FILE_NOT_FOUND otherwise. */
  async assertAttachable(m: EntityManager, me: Principal, fileId: string, field = 'fileId'): Promise<void> {
    if (!(await this.isUploadedBy(m, me.userId, fileId))) throw fileNotAttachable(field);
  }

  /** Whether the file exists and `userId` uploaded it (for libs with a wider attach rule of their own). */
  async isUploadedBy(m: EntityManager, userId: string, fileId: string): Promise<boolean> {
    const file = isUuid(fileId) ? await m.findOne(FileObject, { where: { id: fileId }, select: { id: true, uploadedBy: true } }) : null;
    return file !== null && file.uploadedBy === userId;
  }

  private async save(m: EntityManager, input: { name: string; bytes: Buffer; mime: string; uploadedBy: string | null }): Promise<FileView> {
    const id = newId();
    const now = this.clock.now();
    const key = `${now.getUTCFullYear()}/${String(now.getUTCMonth() + 1).padStart(2, '0')}/${id}`;
    await this.store.put(key, input.bytes, input.mime);
    try {
      const row = m.create(FileObject, {
        id,
        name: input.name,
        sizeBytes: input.bytes.length,
        mime: input.mime,
        sha256: createHash('sha256').update(input.bytes).digest('hex'),
        storageKey: key,
        uploadedBy: input.uploadedBy,
      });
      await m.insert(FileObject, row);
      return view(row);
    } catch (e) {
      await this.store.delete(key).catch(() => undefined);
      throw e;
    }
  }
}

function view(f: FileObject): FileView {
  return { id: f.id, name: f.name, size: f.sizeBytes, mime: f.mime };
}
