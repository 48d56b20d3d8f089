// /admin/programs: the programs in the staff member's jurisdiction, any status (GET /admin/programs),
// filtered by status and year and sorted in the URL; program officers create new ones here.
import { Button, Select, Table, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { api, call } from '../../../api/client';
import { QueryState } from '../../../components/QueryState';
import { Age, pagination, PageTitle, useStaff, useTableState } from '../common';
import { regionName, useRegions, type ProgramView } from './data';
import { ProgramStatusTag, TableWrap } from './parts';

const STATUSES = ['draft', 'open', 'closed', 'archived'] as const;

/** Every program visible to the caller (the list is short: pages of 100 until all are read). */
export function useAllPrograms() {
  return useQuery({
    queryKey: ['admin', 'programs', 'all'],
    queryFn: async () => {
      const items: ProgramView[] = [];
      for (let page = 1; ; page++) {
        const p = await call(api.GET('/api/v1/admin/programs', { params: { query: { page, pageSize: 100 } } }));
        items.push(...p.items);
        if (items.length >= p.total || p.items.length === 0) return items;
      }
    },
  });
}

export default function ProgramsPage() {
  const { t } = useTranslation('adminPrograms');
  const { t: ta } = useTranslation('admin');
  const staff = useStaff();
  const navigate = useNavigate();
  const state = useTableState();
  const programs = useAllPrograms();
  const regions = useRegions();
  const status = state.get('status');
  const year = state.get('year');
  const sort = state.sort ?? 'newest';
  return (
    <>
      <PageTitle extra={staff.has('program_officer') ? <Button type="primary" onClick={() => navigate('/admin/programs/new')}>{t('programs.new')}</Button> : null}>
        {t('programs.title')}
      </PageTitle>
      <Typography.Paragraph type="secondary">{t('programs.intro')}</Typography.Paragraph>
      <div className="admin-filters">
        <Select
          aria-label={t('programs.filterStatus')}
          placeholder={t('programs.filterStatus')}
          allowClear
          style={{ minWidth: 160 }}
          value={status}
          onChange={(v?: string) => state.set({ status: v })}
          options={STATUSES.map((s) => ({ value: s, label: t(`programStatus.${s}`) }))}
        />
        <Select
          aria-label={t('programs.filterYear')}
          placeholder={t('programs.filterYear')}
          allowClear
          style={{ minWidth: 140 }}
          value={year}
          onChange={(v?: string) => state.set({ year: v })}
          options={[...new Set((programs.data ?? []).map((p) => p.fiscalYear))].sort((a, b) => b - a).map((y) => ({ value: String(y), label: String(y) }))}
        />
        <Select
          aria-label={ta('table.sort')}
          style={{ minWidth: 160 }}
          value={sort}
          onChange={(v: string) => state.set({ sort: v === 'newest' ? undefined : v })}
          options={[
            { value: 'newest', label: ta('table.newest') },
            { value: 'oldest', label: ta('table.oldest') },
            { value: 'closing', label: t('programs.sortClosing') },
          ]}
        />
      </div>
      <QueryState query={programs} isEmpty={(d) => d.length === 0} empty={t('programs.empty')}>
        {(all) => {
          const rows = all
            .filter((p) => (!status || p.status === status) && (!year || String(p.fiscalYear) === year))
            .sort((a, b) =>
              sort === 'oldest' ? a.createdAt.localeCompare(b.createdAt) : sort === 'closing' ? a.applicationClosesOn.localeCompare(b.applicationClosesOn) : b.createdAt.localeCompare(a.createdAt),
            );
          const pageRows = rows.slice((state.page - 1) * state.pageSize, state.page * state.pageSize);
          return (
            <TableWrap label={t('programs.title')}>
              <Table<ProgramView>
                rowKey="id"
                size="small"
                dataSource={pageRows}
                locale={{ emptyText: t('programs.noneMatch') }}
                pagination={pagination(state, rows.length, ta)}
                columns={[
                  { title: t('programs.name'), dataIndex: 'name', render: (name: string, p) => <Link to={`/admin/programs/${p.id}`}>{name}</Link> },
                  { title: t('programs.status'), dataIndex: 'status', render: (s: string) => <ProgramStatusTag status={s} /> },
                  { title: t('programs.fiscalYear'), dataIndex: 'fiscalYear' },
                  { title: t('programs.allocation'), dataIndex: 'allocationMode', render: (m: string) => t(`allocationMode.${m}`) },
                  { title: t('programs.region'), dataIndex: 'issuingRegionCode', render: (c: string) => regionName(regions.data, c) },
                  { title: t('programs.window'), key: 'window', render: (_: unknown, p) => <span className="admin-age">{`${p.applicationOpensOn} – ${p.applicationClosesOn}`}</span> },
                  { title: t('programs.created'), dataIndex: 'createdAt', render: (v: string) => <Age since={v} warnDays={3650} /> },
                ]}
              />
            </TableWrap>
          );
        }}
      </QueryState>
    </>
  );
}
