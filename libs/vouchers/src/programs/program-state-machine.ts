import { StateMachine } from '@innoserve/core';

export const PROGRAM_STATUSES = ['draft', 'open', 'closed', 'archived'] as const;
export type ProgramStatus = (typeof PROGRAM_STATUSES)[number];
export const PROGRAM_ACTIONS = ['open', 'close', 'archive'] as const;
export type ProgramAction = (typeof PROGRAM_ACTIONS)[number];

/** draft --open--> open --close--> closed --archive--> archived (program officer). */
export const programMachine = new StateMachine<ProgramStatus, ProgramAction>('program', PROGRAM_STATUSES, [
  { from: ['draft'], action: 'open', to: 'open' },
  { from: ['open'], action: 'close', to: 'closed' },
  { from: ['closed'], action: 'archive', to: 'archived' },
]);
