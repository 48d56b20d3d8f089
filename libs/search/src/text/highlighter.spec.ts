import { escapeHtml, hasMatch, highlight } from './highlighter.js';

const none = { han: [], exact: [], prefixes: [] };

describe('highlight', () => {
  it('marks Chinese terms anywhere, merging adjacent matches', () => {
    expect(highlight('服装面料色牢度检测', { ...none, han: ['色', '牢度'] })).toBe('服装面料<em>色牢度</em>检测');
    expect(highlight('智能门锁（安装简单）', { ...none, han: ['简单'] })).toBe('智能门锁（安装<em>简单</em>）');
  });

  it('marks whole words for exact terms and word beginnings for stems, ignoring case and width', () => {
    expect(highlight('Patent filing, PATENTS and ＰＡＴＥＮＴ', { ...none, exact: ['patent'] })).toBe('<em>Patent</em> filing, PATENTS and <em>ＰＡＴＥＮＴ</em>');
    expect(highlight('Testing and tests', { ...none, prefixes: ['test'] })).toBe('<em>Testing</em> and <em>tests</em>');
    expect(highlight('a test', { ...none, prefixes: ['te'] })).toBe('a test'); // prefixes shorter than 3 are ignored
  });

  it('escapes HTML in the text and in the matches', () => {
    expect(highlight('<b>检测</b> & "x"', { ...none, han: ['检测'] })).toBe('&lt;b&gt;<em>检测</em>&lt;/b&gt; &amp; &quot;x&quot;');
    expect(escapeHtml(`<script>'</script>`)).toBe('&lt;script&gt;&#39;&lt;/script&gt;');
  });

  it('crops long text around the first match with ellipses', () => {
    const text = `${'前'.repeat(100)}纺织检测${'后'.repeat(100)}`;
    const out = highlight(text, { ...none, han: ['检测'] }, { crop: 40 });
    expect(out).toContain('<em>检测</em>');
    expect(out.startsWith('…')).toBe(true);
    expect(out.endsWith('…')).toBe(true);
    expect(out.replace(/<\/?em>|…/g, '')).toHaveLength(40);
    expect(highlight('短文本', none, { crop: 40 })).toBe('短文本');
  });

  it('tells whether anything matched', () => {
    expect(hasMatch('纺织', { ...none, han: ['纺织'] })).toBe(true);
    expect(hasMatch('纺织', { ...none, exact: ['textile'] })).toBe(false);
  });
});
