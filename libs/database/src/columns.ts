import type { ValueTransformer } from 'typeorm';

/** bigint columns (fen) read back as bigint, never as number or string. */
export const bigintTransformer: ValueTransformer = {
  to: (value: bigint | null | undefined) => (value === null || value === undefined ? value : value.toString()),
  from: (value: string | null) => (value === null ? null : BigInt(value)),
};
