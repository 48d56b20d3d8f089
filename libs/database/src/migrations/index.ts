// Generated migrations are listed here in order (npm run migration:generate -- <Name> adds them).
import type { MigrationInterface } from 'typeorm';
import { OrganizationDocuments1796511133125 } from './1796511133125-OrganizationDocuments.js';
import { ClaimReviewSteps1796503824298 } from './1796503824298-ClaimReviewSteps.js';
import { HoldRelease1796495986528 } from './1796495986528-HoldRelease.js';
import { ReviewFixes1796495031570 } from './1796495031570-ReviewFixes.js';
import { Notifications1796494276625 } from './1796494276625-Notifications.js';
import { Sanctions1796493528984 } from './1796493528984-Sanctions.js';
import { HolidayCalendar1796493294137 } from './1796493294137-HolidayCalendar.js';
import { DisbursementBatches1796492740325 } from './1796492740325-DisbursementBatches.js';
import { RiskRuleIndexes1796492558496 } from './1796492558496-RiskRuleIndexes.js';
import { VerifiedBankAccounts1796492507340 } from './1796492507340-VerifiedBankAccounts.js';
import { ClaimsAndReviewSettings1796491785912 } from './1796491785912-ClaimsAndReviewSettings.js';
import { ReconciledAt1796491437929 } from './1796491437929-ReconciledAt.js';
import { StripeConnect1796448392745 } from './1796448392745-StripeConnect.js';
import { OrdersPayments1796447821058 } from './1796447821058-OrdersPayments.js';
import { Scheduler1796433690352 } from './1796433690352-Scheduler.js';
import { OutboxV21796431172875 } from './1796431172875-OutboxV2.js';
import { DecisionVersions1796429804222 } from './1796429804222-DecisionVersions.js';
import { Search1795547398891 } from './1795547398891-Search.js';
import { SearchIndexes1795547398892 } from './1795547398892-SearchIndexes.js';
import { ProgramsCatalog1795546068048 } from './1795546068048-ProgramsCatalog.js';
import { OrganizationsLedger1795544175868 } from './1795544175868-OrganizationsLedger.js';
import { LedgerAppendOnly1795544175869 } from './1795544175869-LedgerAppendOnly.js';
import { IdentityAuditReference1795543272662 } from './1795543272662-IdentityAuditReference.js';
import { AuditAppendOnly1795543272663 } from './1795543272663-AuditAppendOnly.js';
import { RefuseUnless1795560000000 } from './1795560000000-RefuseUnless.js';
import { Initial1795541380562 } from './1795541380562-Initial.js';

export const MIGRATIONS: (new () => MigrationInterface)[] = [
  Initial1795541380562,
  IdentityAuditReference1795543272662,
  AuditAppendOnly1795543272663,
  OrganizationsLedger1795544175868,
  LedgerAppendOnly1795544175869,
  ProgramsCatalog1795546068048,
  Search1795547398891,
  SearchIndexes1795547398892,
  RefuseUnless1795560000000,
  DecisionVersions1796429804222,
  OutboxV21796431172875,
  Scheduler1796433690352,
  OrdersPayments1796447821058,
  StripeConnect1796448392745,
  ReconciledAt1796491437929,
  ClaimsAndReviewSettings1796491785912,
  VerifiedBankAccounts1796492507340,
  RiskRuleIndexes1796492558496,
  DisbursementBatches1796492740325,
  HolidayCalendar1796493294137,
  Sanctions1796493528984,
  Notifications1796494276625,
  ReviewFixes1796495031570,
  HoldRelease1796495986528,
  ClaimReviewSteps1796503824298,
  OrganizationDocuments1796511133125,
];
