import { hasLettersAndDigits, indexTokens, normalizeText, queryTokens, splitLettersFromDigits, words } from './tokenizer.js';

describe('tokenizer', () => {
  it('segments Chinese for search: long words also yield their sub-words', () => {
    expect(indexTokens('安装简单方便')).toEqual(expect.arrayContaining(['安装', '简单', '安装简单', '方便']));
    expect(indexTokens('纺织品检测服务')).toEqual(expect.arrayContaining(['纺织', '纺织品', '检测', '服务']));
  });

  it('segments queries in precise mode, keeping the sub-words of a long word aside', () => {
    expect(queryTokens('纺织检测')).toEqual([
      { text: '纺织', kind: 'han', subwords: [] },
      { text: '检测', kind: 'han', subwords: [] },
    ]);
    const [lock] = queryTokens('知识产权');
    expect(lock.text).toBe('知识产权');
    expect(lock.subwords).toEqual(['知识', '产权']);
  });

  it('splits mixed Chinese and Latin text, folds width and case, and drops punctuation and stop words', () => {
    expect(indexTokens('CNAS认可实验室')).toEqual(expect.arrayContaining(['cnas', '认可', '实验室']));
    expect(indexTokens('ＩＳＯ／ＩＥＣ 17025')).toEqual(['iso', 'iec', '17025']);
    expect(queryTokens(`'; DROP TABLE x; -- 的`).map((t) => t.text)).toEqual(['drop', 'table', 'x']);
    expect(queryTokens('检测 检测').map((t) => t.text)).toEqual(['检测']);
  });

  it('removes control characters and lists non-Chinese words', () => {
    expect(normalizeText('a\u0000b\u0002')).toBe('a b ');
    expect(words('Patent filing 专利 PCT')).toEqual(['patent', 'filing', 'pct']);
  });

  it('cuts words with digits into letters and digits, and leaves Chinese, numbers and words alone', () => {
    expect(splitLettersFromDigits('Zephyrine65 疲劳试验机')).toBe('Zephyrine 65 疲劳试验机');
    expect(splitLettersFromDigits('EMC2000, Instron5967 / UN38.3')).toBe('EMC 2000, Instron 5967 / UN 38.3');
    expect(splitLettersFromDigits('GB/T 3920 型号4242 patent')).toBe('GB/T 3920 型号4242 patent');
    expect(hasLettersAndDigits('zephyrine65')).toBe(true);
    expect(['3920', 'patent', '型号4242'].map(hasLettersAndDigits)).toEqual([false, false, false]);
  });
});
