import { describeMachine } from '@innoserve/core/testing';
import { enterpriseVerificationMachine, statusAfterIdentityEdit } from './enterprise-verification.state-machine.js';

describeMachine(enterpriseVerificationMachine, {
  // docs/product.md "State machines", with docs/api.md's "Who may do what" for the actors
  table: [
    'pending --approve (county_reviewer, program_officer; licenceAttached)--> verified',
    'pending --reject (county_reviewer, program_officer; reasonGiven)--> rejected',
    'rejected --resubmit (owner)--> pending',
    'verified --suspend (county_reviewer, program_officer; reasonGiven)--> suspended',
    'suspended --reinstate (county_reviewer, program_officer)--> verified',
  ],
  context: { reason: 'documents do not match', hasLicence: true },
  vetoes: [
    { guard: 'reasonGiven', from: 'pending', action: 'reject', context: { reason: null, hasLicence: true }, status: 400, code: 'VALIDATION_FAILED' },
    { guard: 'reasonGiven', from: 'verified', action: 'suspend', context: { reason: null, hasLicence: true }, status: 400, code: 'VALIDATION_FAILED' },
    { guard: 'licenceAttached', from: 'pending', action: 'approve', context: { reason: null, hasLicence: false }, status: 422, code: 'LICENCE_REQUIRED' },
  ],
});

describe(statusAfterIdentityEdit.name, () => {
  it('sends a verified enterprise back to pending and leaves other statuses alone', () => {
    expect(statusAfterIdentityEdit('verified')).toBe('pending');
    expect(statusAfterIdentityEdit('rejected')).toBe('rejected');
    expect(statusAfterIdentityEdit('pending')).toBe('pending');
    expect(statusAfterIdentityEdit('suspended')).toBe('suspended');
  });
});
