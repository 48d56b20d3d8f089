// The composition root of the schema: every lib's entities, for migrations and the drift check.
import { DATABASE_ENTITIES } from '@innoserve/database';
import { IDENTITY_ENTITIES } from '@innoserve/identity';
import { AUDIT_ENTITIES } from '@innoserve/audit';
import { VOUCHERS_ENTITIES } from '@innoserve/vouchers';
import { REFERENCE_ENTITIES } from '@innoserve/reference';
import { ORGANIZATION_ENTITIES } from '@innoserve/organizations';
import { CATALOG_ENTITIES } from '@innoserve/catalog';
import { SEARCH_ENTITIES } from '@innoserve/search';
import { FILES_ENTITIES } from '@innoserve/files';
import { PAYMENTS_ENTITIES } from '@innoserve/payments';
import { CLAIMS_ENTITIES } from '@innoserve/claims';
import { NOTIFICATIONS_ENTITIES } from '@innoserve/notifications';
import { ORDER_ENTITIES } from '@innoserve/orders';

export const ALL_ENTITIES = [...DATABASE_ENTITIES, ...IDENTITY_ENTITIES, ...AUDIT_ENTITIES, ...VOUCHERS_ENTITIES, ...REFERENCE_ENTITIES, ...ORGANIZATION_ENTITIES, ...CATALOG_ENTITIES, ...SEARCH_ENTITIES, ...FILES_ENTITIES, ...PAYMENTS_ENTITIES, ...ORDER_ENTITIES, ...CLAIMS_ENTITIES, ...NOTIFICATIONS_ENTITIES];
