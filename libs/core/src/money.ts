/**
 * Money is integer fen (分) held in bigint. Rounding is always down to the fen, and this file is
 * the only place that rule lives. Amounts cross JSON as safe integers.
 */
export type Fen = bigint;

export const BP_SCALE = 10_000n;

export const Money = {
  /** floor(amount × bp / 10 000) for non-negative inputs. */
  applyBp(amountFen: Fen, bp: number | bigint): Fen {
    const b = BigInt(bp);
    if (amountFen < 0n || b < 0n) throw new RangeError('applyBp takes non-negative inputs');
    return (amountFen * b) / BP_SCALE; // bigint division truncates toward zero = floor here
  },
  /** floor(amount × numerator / denominator) for non-negative inputs. */
  prorate(amountFen: Fen, numerator: Fen, denominator: Fen): Fen {
    if (denominator <= 0n) throw new RangeError('prorate needs a positive denominator');
    if (amountFen < 0n || numerator < 0n) throw new RangeError('prorate takes non-negative inputs');
    return (amountFen * numerator) / denominator;
  },
  min(...values: Fen[]): Fen {
    if (values.length === 0) throw new RangeError('min of nothing');
    return values.reduce((a, b) => (b < a ? b : a));
  },
  max(...values: Fen[]): Fen {
    if (values.length === 0) throw new RangeError('max of nothing');
    return values.reduce((a, b) => (b > a ? b : a));
  },
  /** From a JSON number (must be a safe integer) to fen. */
  fromJson(value: number): Fen {
    if (!Number.isSafeInteger(value)) throw new RangeError('amount must be a safe integer of fen');
    return BigInt(value);
  },
  /** To a JSON number; refuses values beyond the safe-integer range rather than lose precision. */
  toJson(value: Fen): number {
    if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < BigInt(Number.MIN_SAFE_INTEGER)) {
      throw new RangeError('amount exceeds the safe-integer range');
    }
    return Number(value);
  },
  /** "12345" fen → "123.45" yuan, for display and exports only. */
  formatYuan(value: Fen): string {
    const neg = value < 0n;
    const abs = neg ? -value : value;
    const yuan = abs / 100n;
    const cents = (abs % 100n).toString().padStart(2, '0');
    return `${neg ? '-' : ''}${yuan}.${cents}`;
  },
};
