// Every UI string lives in the locale files (locales/<lang>/<namespace>.json), none in components.
// zh-CN is the default; the choice is remembered in this browser per signed-in user.
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { setApiLocale } from '../api/client';

export type Lang = 'zh-CN' | 'en-US';
export const LANGS: Lang[] = ['zh-CN', 'en-US'];

const files = import.meta.glob<{ default: Record<string, unknown> }>('./locales/*/*.json', { eager: true });
const resources: Record<string, Record<string, Record<string, unknown>>> = {};
for (const [file, mod] of Object.entries(files)) {
  const [, lang, ns] = /\.\/locales\/([^/]+)\/([^/]+)\.json$/.exec(file)!;
  (resources[lang] ??= {})[ns] = mod.default;
}

const KEY = 'innoserve.lang';
const keyFor = (userId?: string) => (userId ? `${KEY}.${userId}` : KEY);

export function storedLang(userId?: string): Lang | null {
  try {
    const v = localStorage.getItem(keyFor(userId));
    return v === 'zh-CN' || v === 'en-US' ? v : null;
  } catch {
    return null;
  }
}

export function rememberLang(lang: Lang, userId?: string): void {
  try {
    localStorage.setItem(KEY, lang);
    if (userId) localStorage.setItem(keyFor(userId), lang);
  } catch {
    /* private mode: the choice lasts for this page only */
  }
}

export function applyLang(lang: Lang): void {
  setApiLocale(lang === 'en-US' ? 'en' : 'zh');
  document.documentElement.lang = lang;
  void i18n.changeLanguage(lang);
}

const initial = storedLang() ?? 'zh-CN';
setApiLocale(initial === 'en-US' ? 'en' : 'zh');
void i18n.use(initReactI18next).init({
  resources,
  lng: initial,
  fallbackLng: 'zh-CN',
  defaultNS: 'common',
  ns: Object.keys(resources['zh-CN'] ?? {}),
  interpolation: { escapeValue: false },
  returnNull: false,
});

export default i18n;
