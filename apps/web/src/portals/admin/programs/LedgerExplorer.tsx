// The ledger explorer of a program (GET /admin/programs/:id/ledger?account=&page=): its postings,
// newest first, all or one account's, paged in the URL; each amount as money with its sign, and a
// link to the order, claim, batch or sanction the transaction concerns.
import { Button, Select, Space, Table, Tag, Typography } from 'antd';
import { useQuery, keepPreviousData } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, call } from '../../../api/client';
import { Money } from '../../../components/Money';
import { QueryState } from '../../../components/QueryState';
import { DateTime, pagination, useTableState } from '../common';
import { TableWrap } from './parts';
import { grantOfAccount, referenceLink, shortId, type LedgerEntry, type ProgramView } from './data';
import { withAside } from '../../../lib/text';

const ACCOUNT_KINDS = ['funding', 'pool', 'payable', 'disbursed', 'receivable'] as const;

export function LedgerExplorer({ program }: { program: ProgramView }) {
  const { t } = useTranslation('adminPrograms');
  const { t: ta } = useTranslation('admin');
  const state = useTableState({ pageSize: 20 });
  const account = state.get('account');
  const ledger = useQuery({
    queryKey: ['admin', 'program', program.id, 'ledger', account ?? '', state.page, state.pageSize],
    queryFn: () =>
      call(api.GET('/api/v1/admin/programs/{id}/ledger', { params: { path: { id: program.id }, query: { account: account || undefined, page: state.page, pageSize: state.pageSize } } })),
    placeholderData: keepPreviousData,
  });
  const options = program.fundingSources.flatMap((s) => ACCOUNT_KINDS.map((k) => ({ value: `${k}:${s.key}`, label: `${t(`account.${k}`)} · ${withAside(s.name, `${k}:${s.key}`)}` })));
  if (account && !options.some((o) => o.value === account)) options.unshift({ value: account, label: account });
  return (
    <section aria-labelledby="ledger-title">
      <Typography.Title level={4} id="ledger-title">
        {t('ledger.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('ledger.intro')}</Typography.Paragraph>
      <div className="admin-filters">
        <Select
          aria-label={t('ledger.account')}
          placeholder={t('ledger.allAccounts')}
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          style={{ minWidth: 260, maxWidth: '100%' }}
          value={account}
          onChange={(v?: string) => state.set({ account: v })}
          options={options}
        />
      </div>
      <QueryState query={ledger} isEmpty={(d) => d.items.length === 0} empty={account ? t('ledger.emptyAccount') : t('ledger.empty')}>
        {(d) => (
          <TableWrap label={t('ledger.title')}>
            <Table<LedgerEntry>
              rowKey={(e) => `${e.transactionId}:${e.account}:${e.amountFen}`}
              size="small"
              loading={ledger.isFetching && ledger.isPlaceholderData}
              dataSource={d.items}
              pagination={pagination(state, d.total, ta)}
              columns={[
                { title: t('ledger.time'), dataIndex: 'createdAt', render: (v: string) => <DateTime value={v} /> },
                { title: t('ledger.type'), dataIndex: 'type', render: (v: string) => <Tag>{t(`txType.${v}`, { defaultValue: v })}</Tag> },
                {
                  title: t('ledger.account'),
                  dataIndex: 'account',
                  render: (a: string) => (
                    <Button type="link" size="small" className="admin-programs-account" onClick={() => state.set({ account: a })} aria-label={t('ledger.filterBy', { account: a })}>
                      <code>{a}</code>
                    </Button>
                  ),
                },
                { title: t('ledger.amount'), dataIndex: 'amountFen', align: 'right', render: (v: number) => <span className={v < 0 ? 'admin-programs-debit' : 'admin-programs-credit'}><Money fen={v} /></span> },
                { title: t('ledger.concerns'), key: 'ref', render: (_: unknown, e) => <Concerns entry={e} /> },
                { title: t('ledger.transaction'), dataIndex: 'transactionId', render: (id: string) => <code title={id}>{shortId(id)}</code> },
              ]}
            />
          </TableWrap>
        )}
      </QueryState>
    </section>
  );
}

function Concerns({ entry }: { entry: LedgerEntry }) {
  const { t } = useTranslation('adminPrograms');
  const ref = referenceLink(entry.reference);
  const grant = grantOfAccount(entry.account);
  return (
    <Space size={4} wrap>
      {ref ? (
        ref.to && ref.kind !== 'program' ? (
          <Link to={ref.to}>{t(`ref.${ref.kind}`, { defaultValue: ref.kind, id: shortId(ref.id) })}</Link>
        ) : ref.kind === 'program' ? (
          <span>{t('ref.program')}</span>
        ) : (
          <span>{t(`ref.${ref.kind}`, { defaultValue: ref.kind, id: shortId(ref.id) })}</span>
        )
      ) : (
        <span>{entry.reference || '—'}</span>
      )}
      {grant && !(ref?.kind === 'grant' && ref.id === grant) ? <span className="admin-programs-muted">{t('ref.grant', { id: shortId(grant) })}</span> : null}
    </Space>
  );
}
