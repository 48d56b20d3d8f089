import { Menu } from 'antd';
import { AuditOutlined, FileDoneOutlined, ProfileOutlined, ShoppingCartOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';

const ITEMS = [
  { key: 'orders', icon: <ShoppingCartOutlined /> },
  { key: 'offerings', icon: <ProfileOutlined /> },
  { key: 'claims', icon: <FileDoneOutlined /> },
  { key: 'admission', icon: <AuditOutlined /> },
] as const;

/** The portal's sections; a horizontal menu that folds into "…" on a phone. */
export function ProviderNav() {
  const { t } = useTranslation('provider');
  const { pathname } = useLocation();
  const current = ITEMS.find((i) => pathname.startsWith(`/provider/${i.key}`))?.key;
  return (
    <nav aria-label={t('nav.label')} className="provider-nav" style={{ marginBottom: 16 }}>
      <Menu
        mode="horizontal"
        selectedKeys={current ? [current] : []}
        style={{ background: 'transparent', minWidth: 0 }}
        items={ITEMS.map((i) => ({ key: i.key, icon: i.icon, label: <Link to={`/provider/${i.key}`}>{t(`nav.${i.key}`)}</Link> }))}
      />
    </nav>
  );
}
