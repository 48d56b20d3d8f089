import i18n from 'i18next';
import { joinList, withAside } from './text';

describe('text', () => {
  beforeAll(async () => {
    await i18n.init({ lng: 'zh-CN', resources: {} });
  });
  afterEach(async () => {
    await i18n.changeLanguage('zh-CN');
  });

  it('joins lists and asides with Chinese punctuation in Chinese', async () => {
    await i18n.changeLanguage('zh-CN');
    expect(joinList(['晋江市', '南安市'])).toBe('晋江市、南安市');
    expect(withAside('泉州市科技局', 'city')).toBe('泉州市科技局（city）');
  });

  it('and with English punctuation in English', async () => {
    await i18n.changeLanguage('en-US');
    expect(joinList(['Jinjiang', 'Nan’an'])).toBe('Jinjiang, Nan’an');
    expect(withAside('City bureau', 'city')).toBe('City bureau (city)');
  });
});
