import { lazy, Suspense, useEffect, useState } from 'react';
import { UserOutlined } from '@ant-design/icons';
import { Button, Layout, Skeleton, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import { useAuth } from '../auth/auth';
import { applyLang, rememberLang, type Lang } from '../i18n';
import { ErrorBoundary } from './ErrorBoundary';

// the bell and the account menu (antd's Dropdown and Menu) load only for a signed-in visitor
const SignedInActions = lazy(() => import('./SignedInActions'));

/**
 * The bell and the account menu come after the page's own content: their code (a dropdown, a menu, a
 * badge) is fetched on the first pointer or key press, on hovering or focusing the account button, or
 * 2.5 s after the first render. Until then the account button is a plain one; clicking it opens the
 * menu as soon as its code has arrived.
 */
function SignedInHeader({ name }: { name: string }) {
  const { t } = useTranslation();
  const [wake, setWake] = useState<false | 'quiet' | 'open'>(false);
  useEffect(() => {
    if (wake) return;
    const load = () => setWake((w) => w || 'quiet');
    const timer = setTimeout(load, 2500);
    window.addEventListener('keydown', load, { once: true });
    return () => {
      clearTimeout(timer);
      window.removeEventListener('keydown', load);
    };
  }, [wake]);
  const placeholder = (
    <Button
      type="text"
      className="app-user"
      icon={<UserOutlined />}
      title={t('nav.account')}
      onPointerEnter={() => setWake((w) => w || 'quiet')}
      onFocus={() => setWake((w) => w || 'quiet')}
      onClick={() => setWake('open')}
    >
      <span className="app-user-name">{name}</span>
    </Button>
  );
  if (!wake) return placeholder;
  return (
    <Suspense fallback={placeholder}>
      <SignedInActions openMenu={wake === 'open'} />
    </Suspense>
  );
}

export function AppLayout() {
  const { t, i18n } = useTranslation();
  const { me } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const changeLang = (lang: Lang) => {
    rememberLang(lang, me?.user.id);
    applyLang(lang);
  };
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header className="app-header">
        <Link to="/" className="app-brand">
          <span className="app-brand-mark" aria-hidden>券</span>
          <span className="app-brand-text">{t('brand.name')}</span>
        </Link>
        <nav className="app-nav" aria-label={t('nav.main')}>
          <Link to="/">{t('nav.marketplace')}</Link>
          <Link to="/programs">{t('nav.programs')}</Link>
          <Link to="/statistics" className="hide-xs">{t('nav.statistics')}</Link>
        </nav>
        <Space size={8} className="app-header-actions">
          {/* a native select: light for the first bundle, and every browser's own accessible control */}
          <select className="app-lang" aria-label={t('nav.language')} value={i18n.language} onChange={(e) => changeLang(e.target.value as Lang)}>
            <option value="zh-CN">中文</option>
            <option value="en-US">EN</option>
          </select>
          {me ? (
            <SignedInHeader name={me.user.displayName} />
          ) : (
            <>
              <Button size="small" onClick={() => void navigate(`/login?next=${encodeURIComponent(location.pathname + location.search)}`)}>
                {t('nav.login')}
              </Button>
              <Button size="small" type="primary" className="hide-xs" onClick={() => void navigate('/register')}>
                {t('nav.register')}
              </Button>
            </>
          )}
        </Space>
      </Layout.Header>
      <Layout.Content className="app-content">
        <Suspense fallback={<Skeleton active paragraph={{ rows: 8 }} />}>
          <ErrorBoundary key={location.pathname}>
            <Outlet />
          </ErrorBoundary>
        </Suspense>
      </Layout.Content>
      <Layout.Footer className="app-footer">{t('brand.footer')}</Layout.Footer>
    </Layout>
  );
}
