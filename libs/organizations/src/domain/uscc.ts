/**
 * Unified Social Credit Code (统一社会信用代码, GB 32100-2015).
 *
 * 18 characters: 1 registration authority, 2 organization type, 3–8 administrative division,
 * 9–17 organization code (GB 11714; its own check at char 17 is not verified here, many real codes
 * were issued under rules we cannot check), 18 the check character computed below.
 */
import type { BilingualMessage } from '@innoserve/core';

/** The 31 characters a USCC may use: digits and capitals without I, O, Z, S, V. */
export const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** 3^(i-1) mod 31 for positions 1..17. */
export const USCC_WEIGHTS: readonly number[] = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

const WELL_FORMED = /^[0-9A-HJ-NPQRTUW-Y]{2}\d{6}[0-9A-HJ-NPQRTUW-Y]{10}$/;

export type UsccValidation =
  | { ok: true }
  | { ok: false; reason: 'format' | 'check'; message: BilingualMessage };

/** Trims and uppercases what a person typed. */
export function normalizeUscc(s: string): string {
  return s.trim().toUpperCase();
}

/** 18 characters of the alphabet, with a 6-digit administrative division at positions 3–8. */
export function isWellFormedUscc(s: string): boolean {
  return WELL_FORMED.test(s);
}

/** The check character (position 18) for the first 17 characters. */
export function usccCheckChar(first17: string): string {
  if (first17.length !== 17) throw new RangeError('usccCheckChar needs exactly 17 characters');
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = USCC_ALPHABET.indexOf(first17[i]);
    if (value < 0) throw new RangeError(`'${first17[i]}' is not a USCC character`);
    sum += value * USCC_WEIGHTS[i];
  }
  return USCC_ALPHABET[(31 - (sum % 31)) % 31];
}

/** Validates an already normalized code: 'format' (malformed, 400) or 'check' (wrong check character, 422). */
export function validateUscc(s: string): UsccValidation {
  if (!isWellFormedUscc(s)) {
    return {
      ok: false,
      reason: 'format',
      message: {
        en: 'The unified social credit code must be 18 characters: digits and capital letters except I, O, Z, S and V, with a 6-digit region code at positions 3–8.',
        zh: '统一社会信用代码应为18位，由数字和除I、O、Z、S、V以外的大写字母组成，第3至8位为6位行政区划代码。',
      },
    };
  }
  const expected = usccCheckChar(s.slice(0, 17));
  if (s[17] !== expected) {
    return {
      ok: false,
      reason: 'check',
      message: {
        en: 'The unified social credit code is not valid: its check character does not match. Please check it against the business licence.',
        zh: '统一社会信用代码校验位不正确，请对照营业执照核对。',
      },
    };
  }
  return { ok: true };
}

/**
 * A valid code for demo data and tests: authority 9 (industry and commerce), type 1 (company),
 * the region, and an organization code built from `serial` (8 base-31 characters plus a digit).
 */
export function makeUscc(regionCode: string, serial: number): string {
  if (!/^\d{6}$/.test(regionCode)) throw new RangeError('makeUscc needs a 6-digit region code');
  if (!Number.isSafeInteger(serial) || serial < 0 || serial >= 31 ** 8) throw new RangeError('makeUscc serial out of range');
  let body = '';
  let n = serial;
  for (let i = 0; i < 8; i++) {
    body = USCC_ALPHABET[n % 31] + body;
    n = Math.floor(n / 31);
  }
  const first17 = `91${regionCode}${body}${serial % 10}`;
  return first17 + usccCheckChar(first17);
}
