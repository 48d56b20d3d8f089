import { Offering } from './offering.entity.js';
import { OfferingRevision } from './offering-revision.entity.js';

export { Offering } from './offering.entity.js';
export { OfferingRevision, REVISION_STATUSES, type RevisionStatus } from './offering-revision.entity.js';
export { OfferingFields, OFFERING_FIELD_NAMES, TITLE_MAX, DESCRIPTION_MAX, DELIVERABLES_MAX, UNIT_NAME_MAX } from './offering-fields.js';

/** Tables this lib owns. */
export const CATALOG_ENTITIES = [Offering, OfferingRevision];
