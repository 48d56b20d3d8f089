import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';

/** A bank account as staff verified it. */
export interface VerifiedBankAccount {
  bankName: string;
  accountName: string;
  accountNo: string;
  cnapsCode: string | null;
  verifiedAt: string;
  verifiedBy: string | null;
}

/**
 * One organization per USCC (统一社会信用代码), one id: it may carry an enterprise profile, a provider
 * profile or both (a lab can also buy services). The USCC never changes. Blacklisting is an
 * organization status this lib owns; other libs read it through OrganizationsService.
 */
@Entity('organization')
@Index('ux_organization_uscc', ['uscc'], { unique: true })
@Index('ix_organization_region_code', ['regionCode'])
@Index('ix_organization_controller_group', ['controllerGroup'])
// the related-party claim risk rule (libs/claims) counts the other organizations sharing a value
@Index('ix_organization_contact_phone', ['contactPhone'])
@Index('ix_organization_registered_address', ['registeredAddress'])
@Index('ix_organization_legal_representative', ['legalRepresentative'])
@Index('ix_organization_shareholders', ['shareholders'], { type: 'gin' })
@Check('ck_organization_uscc', `uscc ~ '^[0-9A-HJ-NPQRTUW-Y]{2}[0-9]{6}[0-9A-HJ-NPQRTUW-Y]{10}$'`)
@Check('ck_organization_region_code', `region_code ~ '^[0-9]{6}$'`)
@Check(
  'ck_organization_bank_account',
  `(bank_name IS NULL AND bank_account_name IS NULL AND bank_account_no IS NULL)
   OR (bank_name IS NOT NULL AND bank_account_name IS NOT NULL AND bank_account_no IS NOT NULL)`,
)
@Check('ck_organization_bank_account_name', `bank_account_name IS NULL OR bank_account_name = name`)
@Check('ck_organization_blacklist', `blacklisted_until IS NULL OR blacklist_reason IS NOT NULL`)
export class Organization {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 18 })
  uscc!: string;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Column({ type: 'varchar', length: 6 })
  regionCode!: string;

  @Column({ type: 'varchar', length: 100 })
  legalRepresentative!: string;

  @Column({ type: 'varchar', length: 300 })
  registeredAddress!: string;

  @Column({ type: 'varchar', length: 40 })
  contactPhone!: string;

  /** YYYY-MM-DD */
  @Column({ type: 'date', nullable: true })
  establishedOn!: string | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  bankName!: string | null;

  /** Must equal the registered name (checked by the service and by a CHECK constraint). */
  @Column({ type: 'varchar', length: 200, nullable: true })
  bankAccountName!: string | null;

  @Column({ type: 'varchar', length: 40, nullable: true })
  bankAccountNo!: string | null;

  /** 联行号: the bank branch's 12-digit CNAPS code (a bank-transfer file needs it). */
  @Column({ type: 'varchar', length: 12, nullable: true })
  bankCnapsCode!: string | null;

  /**
   * The bank account as staff last verified it (enterprise verification, provider admission or
   * renewal, an approved change request): what subsidies are paid to. An account changed since is
   * not paid until verified again.
   */
  @Column({ type: 'jsonb', nullable: true, update: false })
  verifiedBankAccount!: VerifiedBankAccount | null;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  shareholders!: string[];

  /** The actual controller / group; null: the organization is a group of one. */
  @Column({ type: 'varchar', length: 200, nullable: true })
  controllerGroup!: string | null;

  /** Blacklisted through this day (inclusive, Asia/Shanghai); null when not blacklisted. */
  @Column({ type: 'date', nullable: true })
  blacklistedUntil!: string | null;

  @Column({ type: 'text', nullable: true })
  blacklistReason!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  blacklistedAt!: Date | null;

  @Column({ type: 'uuid', nullable: true })
  blacklistedBy!: string | null;

  @Column({ type: 'uuid', nullable: true })
  createdBy!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;

  @VersionColumn()
  version!: number;
}
