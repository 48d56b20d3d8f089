import { describeMachine } from '@innoserve/core/testing';
import { programMachine } from './program-state-machine.js';

describeMachine(programMachine, {
  // docs/product.md "Voucher programs"; docs/api.md: programs and open/close/archive belong to program officers
  table: ['draft --open (program_officer)--> open', 'open --close (program_officer)--> closed', 'closed --archive (program_officer)--> archived'],
});

describe('programMachine', () => {
  it('treats archived as final and never reopens a closed program', () => {
    expect(programMachine.actions.filter((a) => programMachine.can('archived', a))).toEqual([]);
    expect(programMachine.can('closed', 'open')).toBe(false);
  });
});
