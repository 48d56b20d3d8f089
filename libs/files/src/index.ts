export * from './entities/file-object.entity.js';
export * from './storage/file-store.js';
export * from './storage/local-file-store.js';
export * from './storage/s3-file-store.js';
export * from './services/content-type.js';
export * from './services/file-errors.js';
export * from './services/file-access.registry.js';
export * from './services/files.service.js';
export { FilesModule, fileStoreFor } from './files.module.js';

import { FileObject } from './entities/file-object.entity.js';
/** Tables this lib owns. */
export const FILES_ENTITIES = [FileObject];
