import { Check, Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/** An uploaded (or generated) file: its bytes live in the FileStore under `storageKey`. */
@Entity('file_object')
@Index('ix_file_object_uploaded_by', ['uploadedBy', 'createdAt'])
@Check('ck_file_object_size', 'size_bytes >= 0')
export class FileObject {
  @PrimaryColumn('uuid')
  id!: string;

  /** The original name, cleaned of path parts and control characters. */
  @Column({ type: 'varchar', length: 255 })
  name!: string;

  @Column({ type: 'int' })
  sizeBytes!: number;

  /** Detected from the content's magic bytes, never taken from the name or the client. */
  @Column({ type: 'varchar', length: 100 })
  mime!: string;

  @Column({ type: 'char', length: 64 })
  sha256!: string;

  @Column({ type: 'varchar', length: 200 })
  storageKey!: string;

  /** Null for files the system generated. */
  @Column({ type: 'uuid', nullable: true })
  uploadedBy!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
