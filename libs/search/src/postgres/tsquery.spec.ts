import { analyzeQuery } from '../text/query-analysis.js';
import { synonymGroupsOf } from '../text/synonyms.js';
import { buildTsQuery, filterKeyLexeme, quoteLexeme, synonymLexeme } from './tsquery.js';

const stems: Record<string, string | null> = { testing: 'test', the: null, for: null, patents: 'patent', filing: 'file' };
const stem = (w: string): string | null | undefined => stems[w];

describe(buildTsQuery.name, () => {
  it('ANDs groups; a synonym group is one lexeme plus the typed forms', () => {
    const b = buildTsQuery(analyzeQuery('专利 filing '), stem)!;
    const ip = synonymLexeme(synonymGroupsOf('专利')[0]);
    expect(b.match).toBe(`(${ip} | '专利') & ('filing' | 'file')`);
    expect(b.typed).toBe(`'专利' | ('filing' | 'file')`);
    expect(b.rank).toBe(`${ip} | '专利' | ('filing' | 'file')`);
    expect(b.groups).toBe(2);
  });

  it('uses prefixes for the word being typed, and drops stop-word groups', () => {
    expect(buildTsQuery(analyzeQuery('the emis'), stem)!.match).toBe(`'emis':*`);
    expect(buildTsQuery(analyzeQuery('the for '), stem)).toBeNull();
    expect(buildTsQuery(analyzeQuery(''), stem)).toBeNull();
  });

  it('quotes lexemes so that no input changes the query structure', () => {
    expect(quoteLexeme(`a'b\\c`)).toBe(`'a''b\\\\c'`);
    expect(quoteLexeme('x', true)).toBe(`'x':*`);
    expect(filterKeyLexeme(35)).toBe(`'#fz'`);
    // tokens carry no operators: an injection attempt becomes plain words
    expect(buildTsQuery(analyzeQuery(`a & !b | c:* <-> ' OR '1'='1 `), stem)!.match).toBe(`'a' & 'b' & 'c' & 'or' & '1'`);
  });
});
