import { AuditOutlined, FileDoneOutlined, ProfileOutlined, ShoppingCartOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';
import { api, call } from '../../api/client';

const ITEMS = [
  { key: 'orders', icon: <ShoppingCartOutlined aria-hidden /> },
  { key: 'offerings', icon: <ProfileOutlined aria-hidden /> },
  { key: 'claims', icon: <FileDoneOutlined aria-hidden /> },
  { key: 'admission', icon: <AuditOutlined aria-hidden /> },
] as const;

/** The portal's sections: a row of links that wraps on a phone (nothing hides behind a "…"). */
export function ProviderNav() {
  const { t } = useTranslation('provider');
  // requests waiting for a quote, shown beside 订单
  const waiting = useQuery({
    queryKey: ['orders', 'seller', 'requested', 'count'],
    queryFn: () => call(api.GET('/api/v1/orders', { params: { query: { as: 'seller', status: 'requested', page: 1, pageSize: 1 } } })),
    refetchInterval: 60_000,
    select: (d) => d.total,
  });
  return (
    <nav aria-label={t('nav.label')} className="provider-nav">
      <ul>
        {ITEMS.map((i) => (
          <li key={i.key}>
            <NavLink to={`/provider/${i.key}`} className={({ isActive }) => (isActive ? 'active' : undefined)}>
              {i.icon}
              <span>{t(`nav.${i.key}`)}</span>
              {i.key === 'orders' && waiting.data ? (
                <>
                  <span className="provider-nav-count" aria-hidden>{waiting.data}</span>
                  <span className="sr-only">{t('nav.waitingQuote', { count: waiting.data })}</span>
                </>
              ) : null}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
