import { defineMachine } from '@innoserve/core';

export const PROGRAM_STATUSES = ['draft', 'open', 'closed', 'archived'] as const;
export type ProgramStatus = (typeof PROGRAM_STATUSES)[number];
export const PROGRAM_ACTIONS = ['open', 'close', 'archive'] as const;
export type ProgramAction = (typeof PROGRAM_ACTIONS)[number];
/** A program officer covering the program's issuing region (super_admin holds every role). */
export const PROGRAM_ACTORS = ['program_officer'] as const;
export type ProgramActor = (typeof PROGRAM_ACTORS)[number];

/** draft --open--> open --close--> closed --archive--> archived (program officer). */
export const programMachine = defineMachine({
  entity: 'program',
  states: PROGRAM_STATUSES,
  actions: PROGRAM_ACTIONS,
  actors: PROGRAM_ACTORS,
  transitions: [
    { from: 'draft', action: 'open', by: ['program_officer'], to: 'open' },
    { from: 'open', action: 'close', by: ['program_officer'], to: 'closed' },
    { from: 'closed', action: 'archive', by: ['program_officer'], to: 'archived' },
  ],
});
