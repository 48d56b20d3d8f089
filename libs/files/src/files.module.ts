import path from 'node:path';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIG, type AppConfig } from '@innoserve/core';
import { FilesController } from './controllers/files.controller.js';
import { FileObject } from './entities/file-object.entity.js';
import { FileAccessRegistry } from './services/file-access.registry.js';
import { FilesService } from './services/files.service.js';
import { FileStore } from './storage/file-store.js';
import { LocalFileStore } from './storage/local-file-store.js';
import { S3FileStore } from './storage/s3-file-store.js';

/** The FileStore the configuration names: an S3 bucket when S3_BUCKET is set, else DATA_DIR/files. */
export function fileStoreFor(config: AppConfig): FileStore {
  if (config.S3_BUCKET) {
    return new S3FileStore({
      bucket: config.S3_BUCKET,
      region: config.S3_REGION,
      endpoint: config.S3_ENDPOINT,
      accessKeyId: config.S3_ACCESS_KEY_ID,
      secretAccessKey: config.S3_SECRET_ACCESS_KEY,
      forcePathStyle: config.S3_FORCE_PATH_STYLE,
    });
  }
  return new LocalFileStore(path.resolve(config.DATA_DIR, 'files'));
}

/** Uploads and downloads (POST/GET /api/v1/files) and the FilesService other libs attach files with. */
@Module({
  imports: [TypeOrmModule.forFeature([FileObject])],
  controllers: [FilesController],
  providers: [FilesService, FileAccessRegistry, { provide: FileStore, useFactory: fileStoreFor, inject: [APP_CONFIG] }],
  exports: [FilesService, FileAccessRegistry],
})
export class FilesModule {}
