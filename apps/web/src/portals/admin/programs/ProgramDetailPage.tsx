// /admin/programs/:id: a program's settings, its lifecycle actions (each only when its state and the
// staff member's role allow it, each confirmed first), funding, the balances per funding source and
// the ledger explorer. A program outside the staff member's jurisdiction is the 404 page (the
// balances answer 404 then).
import { useState } from 'react';
import { App, Button, Card, Col, Descriptions, Form, Input, Modal, Row, Select, Table, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { api, ApiError, call } from '../../../api/client';
import { Money } from '../../../components/Money';
import { NotFound } from '../../../components/NotFound';
import { QueryState } from '../../../components/QueryState';
import { formatBps, parseYuanToFen } from '../../../lib/money';
import { useIdempotencyKey } from '../../../lib/forms';
import { DateTime, PageTitle, useStaff } from '../common';
import { regionName, useCategoryTree, useProgram, useRegions, type ProgramView, type SourceBalance } from './data';
import { LedgerExplorer } from './LedgerExplorer';
import { ActionError, ConfirmButton, ProgramStatusTag, TableWrap } from './parts';
import { ProgramForm } from './ProgramForm';
import { listSep, withAside } from '../../../lib/text';

type Action = 'open' | 'close' | 'draw' | 'archive' | 'return-unspent';

const notFound = (e: unknown) => e instanceof ApiError && (e.status === 404 || e.status === 400);

export function useBalances(id: string | undefined) {
  return useQuery({
    queryKey: ['admin', 'program', id, 'balances'],
    enabled: !!id,
    queryFn: () => call(api.GET('/api/v1/admin/programs/{id}/balances', { params: { path: { id: id! } } })),
    retry: (n, e) => !(e instanceof ApiError && e.status < 500) && n < 2,
  });
}

export function ProgramEditPage() {
  const { id } = useParams();
  const program = useProgram(id);
  const balances = useBalances(id);
  const staff = useStaff();
  if (notFound(program.error) || notFound(balances.error) || !staff.has('program_officer')) return <NotFound />;
  return (
    <QueryState query={program} rows={12}>
      {(p) => (p.status === 'draft' ? <ProgramForm program={p} /> : <NotFound />)}
    </QueryState>
  );
}

export default function ProgramDetailPage() {
  const { id } = useParams();
  const program = useProgram(id);
  const balances = useBalances(id);
  // outside the jurisdiction: the program may be public, its balances are not
  if (notFound(program.error) || notFound(balances.error)) return <NotFound />;
  return (
    <QueryState query={program} rows={12}>
      {(p) => <ProgramDetail program={p} />}
    </QueryState>
  );
}

function ProgramDetail({ program: p }: { program: ProgramView }) {
  const { t } = useTranslation('adminPrograms');
  const { message } = App.useApp();
  const staff = useStaff();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const regions = useRegions();
  const categories = useCategoryTree();
  const balances = useBalances(p.id);
  const [funding, setFunding] = useState(false);
  const officer = staff.has('program_officer');
  const finance = staff.has('finance_officer');

  const reload = () => {
    void qc.invalidateQueries({ queryKey: ['admin', 'program', p.id] });
    void qc.invalidateQueries({ queryKey: ['admin', 'programs'] });
  };
  const act = useMutation({
    // the answers differ per action (a program, a draw's outcome, the balances): the page reloads what it shows
    mutationFn: (action: Action): Promise<unknown> => {
      const path = { params: { path: { id: p.id } } };
      switch (action) {
        case 'open':
          return call(api.POST('/api/v1/admin/programs/{id}/open', path));
        case 'close':
          return call(api.POST('/api/v1/admin/programs/{id}/close', path));
        case 'draw':
          return call(api.POST('/api/v1/admin/programs/{id}/draw', path));
        case 'archive':
          return call(api.POST('/api/v1/admin/programs/{id}/archive', path));
        case 'return-unspent':
          return call(api.POST('/api/v1/admin/programs/{id}/return-unspent', path));
      }
    },
    onSuccess: (_, action) => {
      void message.success(t(`actions.${action}Done`));
      reload();
    },
    onError: (e) => {
      // the state moved under us: show the program as it is now
      if (e instanceof ApiError && (e.code === 'ILLEGAL_TRANSITION' || e.status === 409)) reload();
    },
  });

  const categoryLabel = (cid: string) => categories.data?.flat.find((c) => c.id === cid)?.label ?? cid;
  const confirmAction = (action: Action, opts: { danger?: boolean; primary?: boolean } = {}) => (
    <ConfirmButton
      key={action}
      type={opts.primary ? 'primary' : 'default'}
      danger={opts.danger}
      loading={act.isPending && act.variables === action}
      title={t(`actions.${action}Confirm`, { name: p.name })}
      content={t(`actions.${action}Explain`)}
      okText={t(`actions.${action}`)}
      onConfirm={() => act.mutateAsync(action)}
    >
      {t(`actions.${action}`)}
    </ConfirmButton>
  );

  const actions = [
    officer && p.status === 'draft' ? <Button key="edit" onClick={() => navigate(`/admin/programs/${p.id}/edit`)}>{t('actions.edit')}</Button> : null,
    officer && p.status !== 'archived' ? <Button key="fund" onClick={() => setFunding(true)}>{t('actions.fund')}</Button> : null,
    officer && p.status === 'draft' ? confirmAction('open', { primary: true }) : null,
    officer && p.status === 'open' ? confirmAction('close', { danger: true }) : null,
    officer && p.status === 'closed' && p.allocationMode === 'lottery' && !p.drawnAt ? confirmAction('draw', { primary: true }) : null,
    officer && p.status === 'closed' ? confirmAction('archive') : null,
    finance && (p.status === 'closed' || p.status === 'archived') ? confirmAction('return-unspent') : null,
  ].filter(Boolean);

  return (
    <>
      <PageTitle extra={actions.length ? actions : null}>
        <span style={{ marginInlineEnd: 8 }}>{p.name}</span>
        <ProgramStatusTag status={p.status} />
      </PageTitle>
      <ActionError error={act.error} onStale={reload} />
      {act.error instanceof ApiError && act.error.code === 'PROGRAM_NOT_SETTLED' ? (
        <Typography.Paragraph data-testid="not-settled">
          {t('problems.notSettledReasons', {
            reasons: (((act.error.problem as unknown as { reasons?: string[] }).reasons ?? []) as string[]).map((r) => t(`settlement.${r}`, { defaultValue: r })).join(listSep()) || '—',
          })}
        </Typography.Paragraph>
      ) : null}

      <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
        <Col xs={24} lg={14}>
          <Card size="small" title={t('detail.settings')}>
            <Descriptions size="small" column={{ xs: 1, md: 2 }}>
              <Descriptions.Item label={t('fields.fiscalYear')}>{p.fiscalYear}</Descriptions.Item>
              <Descriptions.Item label={t('fields.issuingRegion')}>{regionName(regions.data, p.issuingRegionCode)}</Descriptions.Item>
              <Descriptions.Item label={t('fields.opensOn')}>{p.applicationOpensOn}</Descriptions.Item>
              <Descriptions.Item label={t('fields.closesOn')}>{p.applicationClosesOn}</Descriptions.Item>
              <Descriptions.Item label={t('fields.grantExpiresOn')}>{p.grantExpiresOn}</Descriptions.Item>
              <Descriptions.Item label={t('fields.allocationMode')}>{t(`allocationMode.${p.allocationMode}`)}</Descriptions.Item>
              <Descriptions.Item label={t('fields.settlementMode')}>{t(`settlementMode.${p.settlementMode}`)}</Descriptions.Item>
              <Descriptions.Item label={t('fields.maxGrant')}><Money fen={p.maxGrantFen} /></Descriptions.Item>
              <Descriptions.Item label={t('fields.enterpriseCap')}><Money fen={p.enterpriseAnnualCapFen} /></Descriptions.Item>
              <Descriptions.Item label={t('fields.highTechCap')}>{p.highTechAnnualCapFen === null ? '—' : <Money fen={p.highTechAnnualCapFen} />}</Descriptions.Item>
              <Descriptions.Item label={t('fields.providerCap')}>{p.providerAnnualCapFen === null ? '—' : <Money fen={p.providerAnnualCapFen} />}</Descriptions.Item>
              <Descriptions.Item label={t('fields.reviewLevels')}>{p.reviewLevels.map((l) => t(`reviewLevel.${l}`)).join(' → ')}</Descriptions.Item>
              <Descriptions.Item label={t('fields.secondApproval')}>{p.secondApprovalAboveFen === null ? '—' : <Money fen={p.secondApprovalAboveFen} />}</Descriptions.Item>
              <Descriptions.Item label={t('fields.claimDeadlineDays')}>{t('detail.days', { count: p.claimDeadlineDays })}</Descriptions.Item>
              <Descriptions.Item label={t('fields.reviewDeadline')}>{t('detail.workingDays', { count: p.reviewDeadlineWorkingDays })}</Descriptions.Item>
              {p.drawnAt ? <Descriptions.Item label={t('detail.drawnAt')}><DateTime value={p.drawnAt} /></Descriptions.Item> : null}
            </Descriptions>
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <Card size="small" title={t('form.eligibility')} style={{ marginBottom: 16 }}>
            <Descriptions size="small" column={1}>
              <Descriptions.Item label={t('fields.sizeClasses')}>{p.eligibility.sizeClasses.map((s) => t(`sizeClass.${s}`)).join(listSep()) || t('detail.any')}</Descriptions.Item>
              <Descriptions.Item label={t('fields.eligibleRegions')}>{p.eligibility.regionCodes.map((c) => regionName(regions.data, c)).join(listSep()) || t('detail.any')}</Descriptions.Item>
              <Descriptions.Item label={t('fields.requiredFlags')}>{p.eligibility.requiredFlags.map((f) => t(`requiredFlag.${f}`)).join(listSep()) || '—'}</Descriptions.Item>
              <Descriptions.Item label={t('fields.minMonths')}>{p.eligibility.minMonthsRegistered ?? '—'}</Descriptions.Item>
            </Descriptions>
          </Card>
          <Card size="small" title={t('form.subsidyRules')}>
            <TableWrap label={t('form.subsidyRules')}>
              <Table
                size="small"
                pagination={false}
                rowKey="categoryId"
                dataSource={p.subsidyRules}
                locale={{ emptyText: t('detail.noRules') }}
                columns={[
                  { title: t('fields.categoryShort'), dataIndex: 'categoryId', render: (c: string) => categoryLabel(c) },
                  { title: t('fields.ratioShort'), dataIndex: 'ratioBp', align: 'right', render: (v: number) => formatBps(v) },
                  { title: t('detail.perOrderCap'), dataIndex: 'perOrderCapFen', align: 'right', render: (v: number) => <Money fen={v} /> },
                ]}
              />
            </TableWrap>
          </Card>
        </Col>
      </Row>

      <section aria-labelledby="balances-title" style={{ marginBottom: 24 }}>
        <Typography.Title level={4} id="balances-title">
          {t('balances.title')}
        </Typography.Title>
        <QueryState query={balances} isEmpty={(d) => d.length === 0}>
          {(rows) => (
            <TableWrap label={t('balances.title')}>
              <Table<SourceBalance>
                size="small"
                rowKey="sourceKey"
                pagination={false}
                dataSource={rows}
                summary={(data) => (
                  <Table.Summary.Row>
                    <Table.Summary.Cell index={0} colSpan={2}>
                      <strong>{t('balances.total')}</strong>
                    </Table.Summary.Cell>
                    {(['budgetFen', 'grantedFen', 'heldFen', 'payableFen', 'disbursedFen', 'lapsedFen', 'returnedFen', 'availableFen'] as const).map((k, i) => (
                      <Table.Summary.Cell index={i + 2} key={k} align="right">
                        <Money fen={data.reduce((a, r) => a + r[k], 0)} strong />
                      </Table.Summary.Cell>
                    ))}
                  </Table.Summary.Row>
                )}
                columns={[
                  { title: t('balances.source'), dataIndex: 'name', render: (n: string, r) => <span>{n} <code>{r.sourceKey}</code></span> },
                  { title: t('balances.share'), key: 'share', render: (_: unknown, r) => {
                    const s = p.fundingSources.find((x) => x.key === r.sourceKey);
                    return s ? `${formatBps(s.shareBp)} · ${s.regionCode ? regionName(regions.data, s.regionCode) : t('form.citywide')}` : '—';
                  } },
                  ...(['budgetFen', 'grantedFen', 'heldFen', 'payableFen', 'disbursedFen', 'lapsedFen', 'returnedFen', 'availableFen'] as const).map((k) => ({
                    title: t(`balances.${k}`),
                    dataIndex: k,
                    align: 'right' as const,
                    render: (v: number) => <Money fen={v} strong={k === 'availableFen'} />,
                  })),
                ]}
              />
            </TableWrap>
          )}
        </QueryState>
      </section>

      <LedgerExplorer program={p} />

      {funding ? <FundDialog program={p} onClose={() => setFunding(false)} /> : null}
    </>
  );
}

function FundDialog({ program: p, onClose }: { program: ProgramView; onClose: () => void }) {
  const { t } = useTranslation('adminPrograms');
  const { t: tc } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const idem = useIdempotencyKey();
  const [form] = Form.useForm<{ sourceKey: string; amount: string }>();
  const fund = useMutation({
    mutationFn: (v: { sourceKey: string; amount: string }) =>
      call(api.POST('/api/v1/admin/programs/{id}/funding', { params: { path: { id: p.id } }, body: { sourceKey: v.sourceKey, amountFen: parseYuanToFen(v.amount)! }, headers: { 'Idempotency-Key': idem.key } })),
    onSuccess: (balances) => {
      qc.setQueryData(['admin', 'program', p.id, 'balances'], balances);
      void qc.invalidateQueries({ queryKey: ['admin', 'program', p.id] });
      void message.success(t('fund.done'));
      onClose();
    },
    onError: (e) => idem.settle(e),
  });
  return (
    <Modal open title={t('fund.title', { name: p.name })} okText={t('fund.submit')} cancelText={tc('actions.cancel')} onOk={() => form.submit()} confirmLoading={fund.isPending} onCancel={onClose} destroyOnHidden>
      <Typography.Paragraph type="secondary">{t('fund.explain')}</Typography.Paragraph>
      <ActionError error={fund.error} />
      <Form form={form} layout="vertical" onFinish={(v) => fund.mutate(v)} initialValues={{ sourceKey: p.fundingSources[0]?.key }}>
        <Form.Item name="sourceKey" label={t('fund.source')} rules={[{ required: true, message: tc('form.required', { field: t('fund.source') }) }]}>
          <Select options={p.fundingSources.map((s) => ({ value: s.key, label: withAside(s.name, s.key) }))} />
        </Form.Item>
        <Form.Item
          name="amount"
          label={t('fund.amount')}
          rules={[
            {
              validator: (_, v?: string) => {
                const fen = v ? parseYuanToFen(v) : null;
                return fen !== null && fen > 0 ? Promise.resolve() : Promise.reject(new Error(tc('form.amountYuan')));
              },
            },
          ]}
        >
          <Input inputMode="decimal" prefix="¥" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
