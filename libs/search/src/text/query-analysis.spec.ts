import { analyzeQuery, highlightTermsOf, MAX_QUERY_GROUPS } from './query-analysis.js';
import { synonymGroupsIn, synonymGroupsOf, synonymsOf } from './synonyms.js';

describe(analyzeQuery.name, () => {
  it('makes one group per word, with synonyms as alternatives', () => {
    const groups = analyzeQuery('专利 申请');
    expect(groups.map((g) => g.source)).toEqual(['专利', '申请']);
    expect(groups[0].alternatives[0]).toEqual({ words: [{ text: '专利', kind: 'han', prefix: false }], origin: 'typed' });
    expect(groups[0].alternatives.filter((a) => a.origin === 'synonym').map((a) => a.words.map((w) => w.text).join(' '))).toEqual(
      expect.arrayContaining(['patent', '知识产权', 'ip', 'intellectual property']),
    );
    expect(groups[0].synonymGroups).toEqual(synonymGroupsOf('patent'));
  });

  it('treats the last Latin word as a prefix while it is being typed, and single Chinese characters always', () => {
    expect(analyzeQuery('emis')[0].alternatives[0].words[0].prefix).toBe(true);
    expect(analyzeQuery('emis ')[0].alternatives[0].words[0].prefix).toBe(false);
    expect(analyzeQuery('检')[0].alternatives[0].words[0].prefix).toBe(true);
    expect(analyzeQuery('检测')[0].alternatives[0].words[0].prefix).toBe(false);
  });

  it('keeps a multi-word synonym typed as words together', () => {
    const [g] = analyzeQuery('intellectual property');
    expect(g.source).toBe('intellectual property');
    expect(g.alternatives.some((a) => a.words.some((w) => w.text === '专利'))).toBe(true);
  });

  it('keeps a Chinese synonym that the query cuts into words together, with the synonyms of the whole', () => {
    const groups = analyzeQuery('茶叶农药残留');
    expect(groups.map((g) => g.source)).toEqual(['茶叶', '农药残留']);
    expect(groups[1].alternatives.map((a) => [a.origin, a.words.map((w) => w.text).join(' ')])).toEqual([
      ['typed', '农药 残留'],
      ['synonym', '农残'],
    ]);
    expect(groups[1].synonymGroups).toEqual(synonymGroupsOf('农残'));
    expect(analyzeQuery('农残')[0].alternatives.find((a) => a.origin === 'synonym')?.words.map((w) => w.text)).toEqual(['农药', '残留']);
  });

  it('adds the sub-words of a long Chinese word as an alternative', () => {
    const [g] = analyzeQuery('安装简单');
    expect(g.alternatives.find((a) => a.origin === 'subwords')?.words.map((w) => w.text)).toEqual(['安装', '简单']);
  });

  it('cuts very long queries', () => {
    expect(analyzeQuery(Array.from({ length: 30 }, (_, i) => `w${i}`).join(' '))).toHaveLength(MAX_QUERY_GROUPS);
  });

  it('collects highlight terms from every alternative', () => {
    const terms = highlightTermsOf(analyzeQuery('检测 emis'), ['test']);
    expect(terms.han).toEqual(expect.arrayContaining(['检测', '检验']));
    expect(terms.exact).toEqual(expect.arrayContaining(['testing', 'inspection']));
    expect(terms.prefixes).toEqual(expect.arrayContaining(['emis', 'test']));
  });
});

describe('synonyms', () => {
  it('are symmetric', () => {
    expect(synonymsOf('patent')).toContain('专利');
    expect(synonymsOf('专利')).toContain('patent');
    expect(synonymsOf('CNAS')).toContain('认可');
    expect(synonymsOf('不存在')).toEqual([]);
  });

  it('find the groups a field mentions, multi-word members only when all their words occur', () => {
    const [ip] = synonymGroupsOf('专利');
    expect(synonymGroupsIn(['patent', 'filing'])).toContain(ip);
    expect(synonymGroupsIn(['intellectual'])).not.toContain(ip);
    expect(synonymGroupsIn(['intellectual', 'property'])).toContain(ip);
    // a document with 农药 and 残留 carries the group of 农残
    expect(synonymGroupsIn(['食品', '农药', '残留', '检测'])).toEqual(expect.arrayContaining(synonymGroupsOf('农残')));
    expect(synonymGroupsIn(['农药'])).not.toEqual(expect.arrayContaining(synonymGroupsOf('农残')));
  });
});
