import { FileIdField } from './fields.js';

/** POST /enterprises/:id/resubmit: optionally the corrected business licence. */
export class ResubmitEnterpriseDto {
  @FileIdField({ description: 'A new business licence (营业执照) file, uploaded by the caller (or already this enterprise\'s)' })
  businessLicenceFileId?: string;
}
