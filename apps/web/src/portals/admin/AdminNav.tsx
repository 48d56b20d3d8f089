// The console's menu (plain links, no antd Menu): only the sections the staff member's roles can act on, with the number of
// items waiting in each queue (GET /admin/queues, refreshed every minute).
import { useState } from 'react';
import {
  AlertOutlined,
  AppstoreOutlined,
  AuditOutlined,
  BankOutlined,
  DashboardOutlined,
  FileProtectOutlined,
  FundOutlined,
  IdcardOutlined,
  SafetyCertificateOutlined,
  ShopOutlined,
  SolutionOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import { Button } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { api, call } from '../../api/client';
import { useStaff, type StaffRole } from './common';

export type QueueKey = 'verification' | 'admission' | 'offerings' | 'applications' | 'claims';
export interface QueueCount {
  count: number;
  oldestSince: string | null;
}

interface Item {
  key: string;
  icon: React.ReactNode;
  roles: StaffRole[];
  queue?: QueueKey;
}

const GROUPS: { key: string; items: Item[] }[] = [
  { key: 'overview', items: [{ key: 'dashboard', icon: <DashboardOutlined aria-hidden />, roles: [] }] },
  {
    key: 'queues',
    items: [
      { key: 'verification', icon: <IdcardOutlined aria-hidden />, roles: ['county_reviewer', 'program_officer'], queue: 'verification' },
      { key: 'admission', icon: <SafetyCertificateOutlined aria-hidden />, roles: ['program_officer'], queue: 'admission' },
      { key: 'offerings', icon: <ShopOutlined aria-hidden />, roles: ['program_officer'], queue: 'offerings' },
      { key: 'applications', icon: <SolutionOutlined aria-hidden />, roles: ['county_reviewer', 'program_officer'], queue: 'applications' },
      { key: 'claims', icon: <FileProtectOutlined aria-hidden />, roles: ['county_reviewer', 'city_reviewer', 'program_officer', 'finance_officer', 'auditor'], queue: 'claims' },
    ],
  },
  {
    key: 'funds',
    items: [
      { key: 'programs', icon: <FundOutlined aria-hidden />, roles: ['program_officer', 'finance_officer', 'auditor'] },
      { key: 'disbursements', icon: <BankOutlined aria-hidden />, roles: ['finance_officer', 'program_officer', 'auditor'] },
      { key: 'sanctions', icon: <AlertOutlined aria-hidden />, roles: ['program_officer', 'finance_officer', 'auditor'] },
    ],
  },
  {
    key: 'oversight',
    items: [
      { key: 'audit', icon: <AuditOutlined aria-hidden />, roles: ['auditor'] },
      { key: 'staff', icon: <TeamOutlined aria-hidden />, roles: ['super_admin'] },
    ],
  },
];

/** Sections this staff member may open (the dashboard is for everyone). */
export function useSections(): Set<string> {
  const staff = useStaff();
  // the audit log spans every county: only city-wide auditors (and super-admins) read it
  const may = (i: Item) => (i.key === 'audit' ? staff.cityWide('auditor') : i.roles.length === 0 || staff.has(...i.roles));
  return new Set(GROUPS.flatMap((g) => g.items.filter(may).map((i) => i.key)));
}

export function useQueueCounts() {
  return useQuery({
    queryKey: ['admin', 'queues'],
    queryFn: (): Promise<Partial<Record<QueueKey, QueueCount>>> => call(api.GET('/api/v1/admin/queues')),
    refetchInterval: 60_000,
  });
}

export function AdminNav() {
  const { t } = useTranslation('admin');
  const { pathname } = useLocation();
  const sections = useSections();
  const counts = useQueueCounts();
  const [open, setOpen] = useState(false);
  const current = /^\/admin\/([^/]+)/.exec(pathname)?.[1] ?? 'dashboard';
  // a reviewer of one level lands on the claims waiting at that level: what the menu's count counts
  const staff = useStaff();
  const reviewLevel = staff.has('county_reviewer') !== staff.has('city_reviewer') && !staff.has('super_admin') ? (staff.has('county_reviewer') ? 'county' : 'city') : null;
  const hrefOf = (key: string) => (key === 'dashboard' ? '/admin' : key === 'claims' && reviewLevel ? `/admin/claims?level=${reviewLevel}` : `/admin/${key}`);
  return (
    <nav aria-label={t('nav.label')} className={`admin-nav${open ? ' open' : ''}`}>
      <Button className="admin-nav-toggle" icon={<AppstoreOutlined aria-hidden />} aria-expanded={open} onClick={() => setOpen((o) => !o)} block>
        {t(`nav.${current}`, { defaultValue: t('nav.label') })}
      </Button>
      {/* plain lists of links (no menu component: the console's first page waits for less code) */}
      <div className="admin-nav-groups">
        {GROUPS.map((g) => {
          const items = g.items.filter((i) => sections.has(i.key));
          if (items.length === 0) return null;
          return (
            <div key={g.key} className="admin-nav-group">
              <div className="admin-nav-group-title" id={`admin-nav-${g.key}`}>
                {t(`nav.group.${g.key}`)}
              </div>
              <ul aria-labelledby={`admin-nav-${g.key}`}>
                {items.map((i) => {
                  const n = i.queue ? counts.data?.[i.queue]?.count : undefined;
                  return (
                    <li key={i.key}>
                      <Link to={hrefOf(i.key)} onClick={() => setOpen(false)} className={current === i.key ? 'active' : undefined} aria-current={current === i.key ? 'page' : undefined}>
                        {i.icon}
                        <span className="admin-nav-text">{t(`nav.${i.key}`)}</span>
                        {n ? (
                          <>
                            <span className="admin-nav-count" aria-hidden>
                              {n > 999 ? '999+' : n}
                            </span>
                            <span className="sr-only">{t('nav.waiting', { count: n })}</span>
                          </>
                        ) : null}
                      </Link>
                    </li>
                  );
                })}
              </ul>
            </div>
          );
        })}
      </div>
    </nav>
  );
}
