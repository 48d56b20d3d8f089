// /admin/sanctions/:id: one sanction — its kind, reason and period, what it did (orders cancelled or
// flagged, claims held, the amount moved), the amounts per funding source, and the repayments of a
// clawback (POST /admin/sanctions/:id/repayments, finance officer).
import { useState } from 'react';
import { App, Button, Card, Col, Descriptions, Form, Input, Modal, Row, Table, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api, ApiError, call } from '../../../api/client';
import { Money } from '../../../components/Money';
import { NotFound } from '../../../components/NotFound';
import { QueryState } from '../../../components/QueryState';
import { useIdempotencyKey } from '../../../lib/forms';
import { formatFen, parseYuanToFen } from '../../../lib/money';
import { DateTime, PageTitle, useStaff } from '../common';
import { shortId, todayShanghai, type Sanction } from './data';
import { ActionError, SanctionKindTag, TableWrap } from './parts';
import { useOrganization } from './OrganizationSelect';

export default function SanctionPage() {
  const { id } = useParams();
  const sanction = useQuery({
    queryKey: ['admin', 'sanction', id],
    queryFn: () => call(api.GET('/api/v1/admin/sanctions/{id}', { params: { path: { id: id! } } })),
    retry: (n, e) => !(e instanceof ApiError && e.status < 500) && n < 2,
  });
  if (sanction.error instanceof ApiError && (sanction.error.status === 404 || sanction.error.status === 400)) return <NotFound />;
  return <QueryState query={sanction} rows={8}>{(s) => <SanctionDetail sanction={s} />}</QueryState>;
}

function SanctionDetail({ sanction: s }: { sanction: Sanction }) {
  const { t } = useTranslation('adminPrograms');
  const staff = useStaff();
  const [repaying, setRepaying] = useState(false);
  const org = useOrganization(s.organizationId).data;
  const owed = (s.amountFen ?? 0) - s.repaidFen;
  const links = (ids: string[], to: (id: string) => string) =>
    ids.length === 0 ? '—' : (
      <span className="admin-programs-links">
        {ids.map((id) => (
          <Link key={id} to={to(id)}>
            <code>{shortId(id)}</code>
          </Link>
        ))}
      </span>
    );
  return (
    <>
      <Typography.Paragraph style={{ marginBottom: 8 }}>
        <Link to="/admin/sanctions">← {t('sanctions.title')}</Link>
      </Typography.Paragraph>
      <PageTitle
        extra={
          staff.has('finance_officer') && s.kind === 'clawback' && owed > 0 ? (
            <Button type="primary" onClick={() => setRepaying(true)}>
              {t('repay.record')}
            </Button>
          ) : null
        }
      >
        <span style={{ marginInlineEnd: 8 }}>{t('sanction.title', { name: org?.name ?? shortId(s.organizationId) })}</span>
        <SanctionKindTag kind={s.kind} />
      </PageTitle>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={14}>
          <Card size="small" title={t('sanction.what')}>
            <Descriptions size="small" column={1}>
              <Descriptions.Item label={t('sanctions.organization')}>
                <Link to={`/admin/organizations/${s.organizationId}`}>{org?.name ?? s.organizationId}</Link>
              </Descriptions.Item>
              <Descriptions.Item label={t('sanctions.kind')}>{t(`sanctionKind.${s.kind}`)}</Descriptions.Item>
              <Descriptions.Item label={t('sanctions.reason')}>
                <span data-testid="sanction-reason">{s.reason}</span>
              </Descriptions.Item>
              <Descriptions.Item label={t('sanctions.until')}>{s.until ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t('sanctions.imposedAt')}>
                <DateTime value={s.createdAt} />
              </Descriptions.Item>
              {s.grantId ? <Descriptions.Item label={t('impose.grantId')}><code>{s.grantId}</code></Descriptions.Item> : null}
              {s.orderId ? <Descriptions.Item label={t('impose.orderId')}><Link to={`/admin/orders/${s.orderId}`}><code>{s.orderId}</code></Link></Descriptions.Item> : null}
              {s.claimId ? <Descriptions.Item label={t('impose.claimId')}><Link to={`/admin/claims/${s.claimId}`}><code>{s.claimId}</code></Link></Descriptions.Item> : null}
              {s.programId ? <Descriptions.Item label={t('batches.program')}><Link to={`/admin/programs/${s.programId}`}><code>{shortId(s.programId)}</code></Link></Descriptions.Item> : null}
              {s.amountFen !== null ? <Descriptions.Item label={t('sanctions.amount')}><Money fen={s.amountFen} strong /></Descriptions.Item> : null}
              {s.kind === 'clawback' ? <Descriptions.Item label={t('sanction.repaid')}><Money fen={s.repaidFen} /></Descriptions.Item> : null}
            </Descriptions>
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <Card size="small" title={t('sanction.effects')}>
            <Descriptions size="small" column={1}>
              <Descriptions.Item label={t('sanction.ordersCancelled')}>{links(s.effects.ordersCancelled, (id) => `/admin/orders/${id}`)}</Descriptions.Item>
              <Descriptions.Item label={t('sanction.ordersFlagged')}>{links(s.effects.ordersFlagged, (id) => `/admin/orders/${id}`)}</Descriptions.Item>
              <Descriptions.Item label={t('sanction.claimsHeld')}>{links(s.effects.claimsHeld, (id) => `/admin/claims/${id}`)}</Descriptions.Item>
              <Descriptions.Item label={t('sanction.moved')}>{s.effects.movedFen === null ? '—' : <Money fen={s.effects.movedFen} />}</Descriptions.Item>
            </Descriptions>
          </Card>
        </Col>
      </Row>
      {s.parts.length > 0 ? (
        <section aria-labelledby="parts-title" style={{ marginTop: 16 }}>
          <Typography.Title level={4} id="parts-title">
            {t('sanction.parts')}
          </Typography.Title>
          <TableWrap label={t('sanction.parts')}>
            <Table
              size="small"
              rowKey="source"
              pagination={false}
              dataSource={s.parts}
              columns={[
                { title: t('batches.source'), dataIndex: 'source', render: (v: string) => <code>{v}</code> },
                { title: t('sanctions.amount'), dataIndex: 'amountFen', align: 'right', render: (v: number) => <Money fen={v} /> },
                { title: t('sanction.repaid'), dataIndex: 'repaidFen', align: 'right', render: (v: number) => <Money fen={v} /> },
              ]}
            />
          </TableWrap>
        </section>
      ) : null}
      {repaying ? <RepayDialog sanction={s} owed={owed} onClose={() => setRepaying(false)} /> : null}
    </>
  );
}

interface RepayValues {
  amount: string;
  bankReference: string;
  paidOn: string;
}

function RepayDialog({ sanction: s, owed, onClose }: { sanction: Sanction; owed: number; onClose: () => void }) {
  const { t } = useTranslation('adminPrograms');
  const { t: tc } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const idem = useIdempotencyKey();
  const [form] = Form.useForm<RepayValues>();
  const repay = useMutation({
    mutationFn: (v: RepayValues) =>
      call(
        api.POST('/api/v1/admin/sanctions/{id}/repayments', {
          params: { path: { id: s.id } },
          body: { amountFen: parseYuanToFen(v.amount)!, bankReference: v.bankReference.trim(), paidOn: v.paidOn },
          headers: { 'Idempotency-Key': idem.key },
        }),
      ),
    onSuccess: (updated) => {
      qc.setQueryData(['admin', 'sanction', s.id], updated);
      void qc.invalidateQueries({ queryKey: ['admin', 'sanctions'] });
      void message.success(t('repay.done'));
      onClose();
    },
    onError: (e) => idem.settle(e),
  });
  return (
    <Modal open title={t('repay.title')} okText={t('repay.submit')} cancelText={tc('actions.cancel')} onOk={() => form.submit()} confirmLoading={repay.isPending} onCancel={onClose} destroyOnHidden>
      <Typography.Paragraph type="secondary">{t('repay.explain', { owed: formatFen(owed) })}</Typography.Paragraph>
      <ActionError error={repay.error} />
      <Form<RepayValues> form={form} layout="vertical" initialValues={{ paidOn: todayShanghai() }} onFinish={(v) => repay.mutate(v)}>
        <Form.Item
          name="amount"
          label={t('repay.amount')}
          rules={[
            {
              validator: (_, v?: string) => {
                const fen = v ? parseYuanToFen(v) : null;
                if (fen === null || fen <= 0) return Promise.reject(new Error(tc('form.amountYuan')));
                return fen > owed ? Promise.reject(new Error(t('repay.tooLarge'))) : Promise.resolve();
              },
            },
          ]}
        >
          <Input inputMode="decimal" prefix="¥" />
        </Form.Item>
        <Form.Item name="bankReference" label={t('batch.bankReference')} rules={[{ required: true, whitespace: true, message: tc('form.required', { field: t('batch.bankReference') }) }, { max: 100 }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="paidOn" label={t('repay.paidOn')} rules={[{ required: true, message: tc('form.required', { field: t('repay.paidOn') }) }]}>
          <Input type="date" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
