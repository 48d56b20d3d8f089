import { lazy, StrictMode, Suspense, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { ConfigProvider, theme } from 'antd';
import AppContext, { type useAppProps } from 'antd/es/app/context';
import zhCN from 'antd/locale/zh_CN';
import enUS from 'antd/locale/en_US';
import { useTranslation } from 'react-i18next';
import i18n from './i18n';
import { ApiError } from './api/client';
import { AuthProvider } from './auth/auth';
import { App } from './App';
import { ErrorBoundary, reloadForNewVersion } from './components/ErrorBoundary';
import './styles.css';

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // a 4xx will not fix itself: show it at once; network trouble and 5xx get two more tries
      retry: (count, error) => !(error instanceof ApiError && error.status < 500) && count < 2,
      refetchOnWindowFocus: false,
    },
  },
});

/**
 * Ant Design's <App> (App.useApp(): message, notification, modal with the theme), without its
 * message, notification and modal code in the first bundle: the context holds forwarding APIs at
 * once, and the real ones (and their holders) load in a chunk of their own at their first use (or
 * the first interaction, or 4 s after the first render); a call made before then runs when they arrive. The wrapper div carries what <App>'s own
 * style sets (the token's text colour, size, line height and font).
 */
type AppApis = useAppProps;
const Holders = lazy(async () => {
  const [{ default: useMessage }, { default: useNotification }, { default: useModal }] = await Promise.all([
    import('antd/es/message/useMessage'),
    import('antd/es/notification/useNotification'),
    import('antd/es/modal/useModal'),
  ]);
  return {
    default: function Holders({ onReady }: { onReady: (apis: AppApis) => void }) {
      const [message, messageHolder] = useMessage();
      const [notification, notificationHolder] = useNotification();
      const [modal, modalHolder] = useModal();
      useEffect(() => onReady({ message, notification, modal }), [message, notification, modal, onReady]);
      return (
        <>
          {modalHolder}
          {messageHolder}
          {notificationHolder}
        </>
      );
    },
  };
});

function LazyAntApp({ children }: { children: ReactNode }) {
  const { token } = theme.useToken();
  // the holders' code is fetched at the first use of message/notification/modal, the first pointer
  // or key press, or 4 s after the first render — off the first page's critical path; a call made
  // before they arrive runs when they do
  const [holders, setHolders] = useState(false);
  const loadHolders = useRef(() => setHolders(true));
  useEffect(() => {
    const load = () => setHolders(true);
    const id = setTimeout(load, 4000);
    window.addEventListener('pointerdown', load, { once: true, capture: true });
    window.addEventListener('keydown', load, { once: true, capture: true });
    return () => {
      clearTimeout(id);
      window.removeEventListener('pointerdown', load, { capture: true });
      window.removeEventListener('keydown', load, { capture: true });
    };
  }, []);
  const real = useRef<AppApis | null>(null);
  const waiting = useRef<(() => void)[]>([]);
  const value = useMemo(() => {
    const forward = (kind: keyof AppApis) =>
      new Proxy(
        {},
        {
          get: (_t, method: string) =>
            (...args: unknown[]) => {
              const call = () => (real.current![kind] as unknown as Record<string, (...a: unknown[]) => unknown>)[method](...args);
              if (real.current) return call();
              loadHolders.current();
              let later: unknown;
              const done = new Promise((resolve) => waiting.current.push(() => resolve((later = call()))));
              // message.*() answers a thenable, modal.*() an instance with destroy/update: both forward once loaded
              return Object.assign(done, {
                destroy: (...a: unknown[]) => void done.then(() => (later as { destroy?: (...x: unknown[]) => void })?.destroy?.(...a)),
                update: (...a: unknown[]) => void done.then(() => (later as { update?: (...x: unknown[]) => void })?.update?.(...a)),
              });
            },
        },
      );
    return { message: forward('message'), notification: forward('notification'), modal: forward('modal') } as unknown as AppApis;
  }, []);
  const onReady = useMemo(
    () => (apis: AppApis) => {
      real.current = apis;
      for (const run of waiting.current.splice(0)) run();
    },
    [],
  );
  return (
    <AppContext.Provider value={value}>
      <div className="ant-app" style={{ color: token.colorText, fontSize: token.fontSize, lineHeight: token.lineHeight, fontFamily: token.fontFamily }}>
        {holders ? (
          <Suspense fallback={null}>
            <Holders onReady={onReady} />
          </Suspense>
        ) : null}
        {children}
      </div>
    </AppContext.Provider>
  );
}

function Root() {
  const { i18n: live } = useTranslation();
  const [lang, setLang] = useState(live.language);
  useEffect(() => {
    const on = (l: string) => setLang(l);
    i18n.on('languageChanged', on);
    return () => i18n.off('languageChanged', on);
  }, []);
  return (
    <ConfigProvider
      locale={lang === 'en-US' ? enUS : zhCN}
      button={{ autoInsertSpace: false }}
      theme={{ token: { colorPrimary: '#c8102e', borderRadius: 6, colorError: '#c41d1d', colorTextTertiary: 'rgba(0, 0, 0, 0.62)', colorLink: '#0a4fc2', colorTextSecondary: 'rgba(0, 0, 0, 0.65)', colorTextDescription: 'rgba(0, 0, 0, 0.62)', colorTextPlaceholder: 'rgba(0, 0, 0, 0.55)', fontFamily: `"Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", system-ui, sans-serif` } }}
    >
      <LazyAntApp>
        <QueryClientProvider client={queryClient}>
          <BrowserRouter>
            <AuthProvider>
              <App />
            </AuthProvider>
          </BrowserRouter>
        </QueryClientProvider>
      </LazyAntApp>
    </ConfigProvider>
  );
}

// a chunk preloaded for a page that a newer deployment removed: reload once for the new index.html
window.addEventListener('vite:preloadError', (event) => {
  if (reloadForNewVersion()) event.preventDefault();
});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ErrorBoundary>
      {/* a language other than the bundled zh-CN loads its strings before the first paint */}
      <Suspense fallback={null}>
        <Root />
      </Suspense>
    </ErrorBoundary>
  </StrictMode>,
);
