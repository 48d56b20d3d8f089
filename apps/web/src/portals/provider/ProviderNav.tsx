import { AuditOutlined, FileDoneOutlined, ProfileOutlined, ShoppingCartOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';

const ITEMS = [
  { key: 'orders', icon: <ShoppingCartOutlined aria-hidden /> },
  { key: 'offerings', icon: <ProfileOutlined aria-hidden /> },
  { key: 'claims', icon: <FileDoneOutlined aria-hidden /> },
  { key: 'admission', icon: <AuditOutlined aria-hidden /> },
] as const;

/** The portal's sections: a row of links that wraps on a phone (nothing hides behind a "…"). */
export function ProviderNav() {
  const { t } = useTranslation('provider');
  return (
    <nav aria-label={t('nav.label')} className="provider-nav">
      <ul>
        {ITEMS.map((i) => (
          <li key={i.key}>
            <NavLink to={`/provider/${i.key}`} className={({ isActive }) => (isActive ? 'active' : undefined)}>
              {i.icon}
              <span>{t(`nav.${i.key}`)}</span>
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
