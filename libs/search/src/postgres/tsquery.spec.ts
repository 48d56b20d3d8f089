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

  it('makes a synonym that the query splits into words one alternative of its words ANDed', () => {
    const residue = synonymLexeme(synonymGroupsOf('农残')[0]);
    expect(synonymGroupsOf('农药残留')).toEqual(synonymGroupsOf('农残'));
    // 农药残留 is cut into 农药 残留: the whole phrase, or its synonym (the group lexeme documents with 农残 carry)
    expect(buildTsQuery(analyzeQuery('农药残留'), stem)!.match).toBe(`(${residue} | ('农药' & '残留'))`);
    expect(buildTsQuery(analyzeQuery('农残'), stem)!.match).toBe(`(${residue} | '农残')`);
    const testing = synonymLexeme(synonymGroupsOf('检测')[0]);
    const b = buildTsQuery(analyzeQuery('茶叶 农药残留检测'), stem)!;
    expect(b.match).toBe(`'茶叶' & (${residue} | ('农药' & '残留')) & (${testing} | '检测')`);
    expect(b.groups).toBe(3);
    expect(b.typed).toBe(`'茶叶' | '农药' | '残留' | '检测'`);
    // the words apart are no phrase: each must match on its own
    expect(buildTsQuery(analyzeQuery('残留 农药'), stem)!.match).toBe(`'残留' & '农药'`);
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
