// Every UI string lives in the locale files (locales/<lang>/<namespace>.json), none in components.
// zh-CN is the default; the choice is remembered in this browser per signed-in user.
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { setApiLocale } from '../api/client';

export type Lang = 'zh-CN' | 'en-US';
export const LANGS: Lang[] = ['zh-CN', 'en-US'];

// The first bundle carries only what the home page speaks at once: zh-CN's `common` and `public`.
// Every other file (the other namespaces, all of en-US) is a small chunk of its own, loaded by the
// backend below when a page first asks for its namespace (useTranslation('account') suspends until
// then) or when the language is switched (i18next loads the new language's namespaces in use
// before it announces the change).
const bundled = import.meta.glob<{ default: Record<string, unknown> }>(['./locales/zh-CN/common.json', './locales/zh-CN/public.json'], { eager: true });
const lazyFiles = import.meta.glob<{ default: Record<string, unknown> }>(['./locales/*/*.json', '!./locales/zh-CN/common.json', '!./locales/zh-CN/public.json']);
const resources: Record<string, Record<string, Record<string, unknown>>> = {};
for (const [file, mod] of Object.entries(bundled)) {
  const [, lang, ns] = /\.\/locales\/([^/]+)\/([^/]+)\.json$/.exec(file)!;
  (resources[lang] ??= {})[ns] = mod.default;
}

const lazyBackend = {
  type: 'backend' as const,
  init() {},
  read(lang: string, ns: string, done: (err: unknown, data?: Record<string, unknown>) => void) {
    const file = `./locales/${lang}/${ns}.json`;
    const ready = resources[lang]?.[ns];
    if (ready) return done(null, ready);
    const load = lazyFiles[file];
    if (!load) return done(null, {});
    load().then(
      (m) => done(null, m.default),
      (e: unknown) => done(e),
    );
  },
};

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
document.documentElement.lang = initial;
void i18n.use(lazyBackend).use(initReactI18next).init({
  resources,
  partialBundledLanguages: true,
  lng: initial,
  fallbackLng: 'zh-CN',
  defaultNS: 'common',
  ns: ['common', 'public'],
  interpolation: { escapeValue: false },
  returnNull: false,
});

export default i18n;
