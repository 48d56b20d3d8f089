import { isWellFormedUscc, makeUscc, normalizeUscc, usccCheckChar, validateUscc } from './uscc.js';

// Published codes (business licences, invoice titles, annual reports), each checked against the algorithm.
const REAL_CODES: [string, string][] = [
  ['91350100M000100Y43', 'commonly cited example (Fuzhou)'],
  ['914403001922038216', '华为技术有限公司'],
  ['91440300708461136T', '腾讯科技（深圳）有限公司'],
  ['91330100799655058B', '阿里巴巴（中国）有限公司'],
  ['91110108551385082Q', '小米科技有限责任公司'],
  ['91110000802100433B', '百度在线网络技术（北京）有限公司'],
  ['91440300192317458F', '比亚迪股份有限公司'],
  ['91350900587527783P', '宁德时代新能源科技股份有限公司'],
  ['91520000214434146R', '贵州茅台酒股份有限公司'],
  ['91110000710926094P', '中国石油化工股份有限公司'],
  ['91100000100003962T', '中国工商银行股份有限公司'],
  ['12100000400000624D', '清华大学 (public institution, authority 1)'],
];

const swap = (s: string, i: number, j: number): string => {
  const a = [...s];
  [a[i], a[j]] = [a[j], a[i]];
  return a.join('');
};

describe('USCC (GB 32100-2015)', () => {
  describe(validateUscc.name, () => {
    it.each(REAL_CODES)('accepts the published code %s (%s)', (code) => {
      expect(validateUscc(code)).toEqual({ ok: true });
    });

    it.each(REAL_CODES)('computes the published check character of %s', (code) => {
      expect(usccCheckChar(code.slice(0, 17))).toBe(code[17]);
    });

    it('rejects a changed check character as a check failure', () => {
      const r = validateUscc('914403001922038217');
      expect(r).toMatchObject({ ok: false, reason: 'check' });
      if (!r.ok) {
        expect(r.message.en).toMatch(/check character/);
        expect(r.message.zh).toContain('校验位');
      }
    });

    it.each([2, 8, 12, 16])('detects any single changed character at position %i', (i) => {
      const code = '91440300708461136T';
      const c = code[i];
      const replacement = c === '1' ? '2' : '1';
      const changed = code.slice(0, i) + replacement + code.slice(i + 1);
      expect(validateUscc(changed)).toMatchObject({ ok: false, reason: 'check' });
    });

    it('detects every single-character substitution of a valid code', () => {
      const code = '91350900587527783P';
      const alphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY';
      let tried = 0;
      for (let i = 0; i < 18; i++) {
        for (const c of alphabet) {
          if (c === code[i]) continue;
          const changed = code.slice(0, i) + c + code.slice(i + 1);
          if (!isWellFormedUscc(changed)) continue; // a letter in the region part is a format error
          tried++;
          expect(validateUscc(changed)).toMatchObject({ ok: false, reason: 'check' });
        }
      }
      expect(tried).toBeGreaterThan(400);
    });

    it('detects transposed adjacent characters', () => {
      expect(validateUscc(swap('91110108551385082Q', 9, 10))).toMatchObject({ ok: false, reason: 'check' });
      expect(validateUscc(swap('91330100799655058B', 11, 12))).toMatchObject({ ok: false, reason: 'check' });
      expect(validateUscc(swap('914403001922038216', 16, 17))).toMatchObject({ ok: false, reason: 'check' });
    });

    it.each(['I', 'O', 'Z', 'S', 'V'])('rejects the letter %s as a format error', (letter) => {
      const code = `91350100M000100${letter}43`;
      const r = validateUscc(code);
      expect(r).toMatchObject({ ok: false, reason: 'format' });
      if (!r.ok) expect(r.message.zh).toContain('18位');
    });

    it.each(['91350100M000100Y4', '91350100M000100Y433', '', '9135010'])('rejects the wrong length of %j as a format error', (code) => {
      expect(validateUscc(code)).toMatchObject({ ok: false, reason: 'format' });
    });

    it('rejects a letter in the administrative division part as a format error', () => {
      expect(validateUscc('9135A100M000100Y43')).toMatchObject({ ok: false, reason: 'format' });
    });

    it('rejects lowercase until normalized, then accepts it', () => {
      expect(validateUscc('91350100m000100y43')).toMatchObject({ ok: false, reason: 'format' });
      expect(validateUscc(normalizeUscc('  91350100m000100y43 '))).toEqual({ ok: true });
    });
  });

  describe(normalizeUscc.name, () => {
    it('trims and uppercases', () => {
      expect(normalizeUscc(' 91110108551385082q\n')).toBe('91110108551385082Q');
    });
  });

  describe(isWellFormedUscc.name, () => {
    it('accepts 18 alphabet characters with a 6-digit region and nothing else', () => {
      expect(isWellFormedUscc('91350100M000100Y43')).toBe(true);
      expect(isWellFormedUscc('91350100M000100Y4')).toBe(false);
      expect(isWellFormedUscc('91350100M000100Y4-')).toBe(false);
    });
  });

  describe(usccCheckChar.name, () => {
    it('gives the published check character 7 of 中国建设银行 (911100001000044477)', () => {
      expect(usccCheckChar('91110000100004447')).toBe('7');
    });

    it('maps the 31 possible remainders onto all 31 characters, 31 → 0 included', () => {
      const alphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY';
      const checks = [...alphabet].map((c) => usccCheckChar(`91350100M000100Y${c}`));
      expect(new Set(checks).size).toBe(31);
      expect(checks).toContain('0');
    });

    it('refuses input that is not 17 alphabet characters', () => {
      expect(() => usccCheckChar('9135')).toThrow(RangeError);
      expect(() => usccCheckChar('91350100M000100I4')).toThrow(RangeError);
    });
  });

  describe(makeUscc.name, () => {
    it('builds valid, distinct codes in the given region', () => {
      const codes = [0, 1, 2, 30, 31, 12345, 987654321].map((n) => makeUscc('350582', n));
      for (const code of codes) {
        expect(validateUscc(code)).toEqual({ ok: true });
        expect(code.slice(2, 8)).toBe('350582');
      }
      expect(new Set(codes).size).toBe(codes.length);
    });

    it('refuses a region that is not 6 digits', () => {
      expect(() => makeUscc('3505', 1)).toThrow(RangeError);
    });
  });
});
