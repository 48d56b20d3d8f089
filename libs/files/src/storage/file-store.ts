/**
 * Where file contents live. `LocalFileStore` (DATA_DIR/files) is the embedded default;
 * `S3FileStore` takes any S3-compatible bucket when S3_BUCKET is set. Keys are opaque
 * (`yyyy/mm/<uuid>`), never derived from a user's file name.
 */
export abstract class FileStore {
  abstract readonly kind: 'local' | 's3';
  /** Stores the bytes under `key`; a reader never sees a partly written file. */
  abstract put(key: string, bytes: Buffer, mime: string): Promise<void>;
  abstract get(key: string): Promise<Buffer>;
  /** Removes the key; a missing key is not an error. */
  abstract delete(key: string): Promise<void>;
}
