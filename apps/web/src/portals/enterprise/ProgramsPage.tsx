// Open voucher programs and their rules; apply for a grant (POST /programs/:id/applications), with
// each eligibility rule the enterprise fails explained when the API refuses (422 PROGRAM_ELIGIBILITY).
import { useState } from 'react';
import { Alert, App, Button, Card, Col, Descriptions, Form, Input, Modal, Row, Space, Tag, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api, ApiError, call } from '../../api/client';
import { Money } from '../../components/Money';
import { ActionProblem } from './ActionProblem';
import { QueryState } from '../../components/QueryState';
import { fenToYuanInput, formatBps, formatFen, parseYuanToFen } from '../../lib/money';
import { useIdempotencyKey } from '../../lib/forms';
import { useEnterprise, useEnterpriseId, useGrants, usePrograms, useRegionName, type ProgramView } from './data';
import { listSep } from '../../lib/text';

interface Category {
  id: string;
  nameZh: string;
  nameEn: string;
  children: Category[];
}

function useCategoryName(): (id: string) => string {
  const { i18n } = useTranslation();
  const q = useQuery({ queryKey: ['categories'], queryFn: async () => (await call(api.GET('/api/v1/categories'))) as unknown as Category[], staleTime: Infinity });
  return (id) => {
    const walk = (nodes: Category[]): Category | undefined => {
      for (const n of nodes) {
        if (n.id === id) return n;
        const c = walk(n.children ?? []);
        if (c) return c;
      }
      return undefined;
    };
    const c = walk(q.data ?? []);
    return c ? (i18n.language === 'en-US' ? c.nameEn : c.nameZh) : '…';
  };
}

export default function ProgramsPage() {
  const { t } = useTranslation('enterprise');
  const programs = usePrograms();
  const id = useEnterpriseId();
  const grants = useGrants(id);
  const [applying, setApplying] = useState<ProgramView | null>(null);
  return (
    <>
      <Typography.Title level={3} className="page-title">{t('programs.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('programs.intro')}</Typography.Paragraph>
      <QueryState query={programs} isEmpty={(d) => d.length === 0} empty={t('programs.empty')}>
        {(list) => (
          <Row gutter={[16, 16]}>
            {list.map((p) => {
              const held = (grants.data ?? []).find((g) => g.programId === p.id);
              return (
                <Col xs={24} lg={12} key={p.id}>
                  <ProgramCard program={p} granted={!!held} onApply={() => setApplying(p)} />
                </Col>
              );
            })}
          </Row>
        )}
      </QueryState>
      {applying && id ? <ApplyModal program={applying} enterpriseId={id} onClose={() => setApplying(null)} /> : null}
    </>
  );
}

function ProgramCard({ program: p, granted, onApply }: { program: ProgramView; granted: boolean; onApply: () => void }) {
  const { t } = useTranslation('enterprise');
  const { t: tOrders } = useTranslation('orders');
  const regionName = useRegionName();
  const categoryName = useCategoryName();
  return (
    <Card
      size="small"
      title={<span style={{ whiteSpace: 'normal' }}>{p.name}</span>}
      extra={granted ? <Tag color="success">{t('programs.granted')}</Tag> : null}
      actions={[
        <Button key="apply" type="primary" disabled={granted} onClick={onApply} aria-label={t('programs.applyFor', { name: p.name })}>
          {t('programs.apply')}
        </Button>,
      ]}
    >
      <Descriptions size="small" column={1}>
        <Descriptions.Item label={t('programs.window')}>{t('programs.windowValue', { from: p.applicationOpensOn, to: p.applicationClosesOn })}</Descriptions.Item>
        <Descriptions.Item label={t('programs.grantExpires')}>{p.grantExpiresOn}</Descriptions.Item>
        <Descriptions.Item label={t('programs.allocation')}>{t(`programs.allocationMode.${p.allocationMode}`, { defaultValue: p.allocationMode })}</Descriptions.Item>
        <Descriptions.Item label={t('programs.settlement')}>{tOrders(`settlement.${p.settlementMode}`)}</Descriptions.Item>
        <Descriptions.Item label={t('programs.maxGrant')}><Money fen={p.maxGrantFen} /></Descriptions.Item>
        <Descriptions.Item label={t('programs.eligibility')}>
          <Space size={4} wrap>
            {p.eligibility.sizeClasses.length > 0 ? p.eligibility.sizeClasses.map((s) => <Tag key={s}>{t(`sizeClass.${s}`)}</Tag>) : <Tag>{t('programs.anySize')}</Tag>}
            {p.eligibility.regionCodes.map((r) => <Tag key={r}>{regionName(r)}</Tag>)}
            {p.eligibility.requiredFlags.map((f) => <Tag key={f} color="blue">{t(`programs.flags.${f}`, { defaultValue: f })}</Tag>)}
            {p.eligibility.minMonthsRegistered ? <Tag>{t('programs.minMonths', { months: p.eligibility.minMonthsRegistered })}</Tag> : null}
          </Space>
        </Descriptions.Item>
        <Descriptions.Item label={t('programs.rules')}>
          <Space orientation="vertical" size={2}>
            {p.subsidyRules.map((r) => (
              <span key={r.categoryId}>
                {t('programs.ruleValue', { category: categoryName(r.categoryId), ratio: formatBps(r.ratioBp) })} <Money fen={r.perOrderCapFen} />
              </span>
            ))}
          </Space>
        </Descriptions.Item>
      </Descriptions>
    </Card>
  );
}

/** The failing eligibility rules of a 422 PROGRAM_ELIGIBILITY, in the reader's language. */
function EligibilityReasons({ error, program }: { error: ApiError; program: ProgramView }) {
  const { t } = useTranslation('enterprise');
  const regionName = useRegionName();
  const reasons = (error.problem.errors ?? []).map((e) => {
    const key = e.field.replace(/\./g, '_');
    return t(`eligibility.${key}`, {
      defaultValue: e.message,
      sizes: program.eligibility.sizeClasses.map((s) => t(`sizeClass.${s}`)).join(listSep()),
      regions: program.eligibility.regionCodes.map((r) => regionName(r)).join(listSep()),
      months: program.eligibility.minMonthsRegistered ?? 0,
    });
  });
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      style={{ marginBottom: 16 }}
      title={t('eligibility.title')}
      description={
        <ul style={{ margin: 0, paddingInlineStart: 20 }} data-testid="eligibility-reasons">
          {reasons.map((r, i) => (
            <li key={i}>{r}</li>
          ))}
        </ul>
      }
    />
  );
}

function ApplyModal({ program, enterpriseId, onClose }: { program: ProgramView; enterpriseId: string; onClose: () => void }) {
  const { t } = useTranslation('enterprise');
  const qc = useQueryClient();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const enterprise = useEnterprise(enterpriseId);
  const [form] = Form.useForm<{ requested: string; purpose: string }>();
  const { key, settle } = useIdempotencyKey();
  const apply = useMutation({
    onError: settle,
    mutationFn: (v: { requested: string; purpose: string }) =>
      call(
        api.POST('/api/v1/programs/{id}/applications', {
          params: { path: { id: program.id } },
          body: { enterpriseId, requestedFen: parseYuanToFen(v.requested)!, purpose: v.purpose.trim() },
          headers: { 'Idempotency-Key': key },
        }),
      ) as Promise<unknown> as Promise<{ application: { status: string }; grant?: { id: string } | null }>,
    onSuccess: async (res) => {
      await qc.invalidateQueries({ queryKey: ['grants', enterpriseId] });
      if (res.grant) {
        void message.success(t('programs.grantedNow'));
        void navigate('/enterprise/wallet');
      } else {
        void message.success(t('programs.appliedPending'));
        onClose();
      }
    },
  });
  const eligibility = apply.error instanceof ApiError && apply.error.code === 'PROGRAM_ELIGIBILITY' ? apply.error : null;
  return (
    <Modal
      open
      title={t('programs.applyTitle', { name: program.name })}
      onCancel={onClose}
      okText={t('programs.submitApplication')}
      cancelText={t('common:actions.cancel')}
      confirmLoading={apply.isPending}
      onOk={() => form.submit()}
    >
      {enterprise.data && enterprise.data.status !== 'verified' ? <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={t('programs.notVerified')} /> : null}
      {eligibility ? <EligibilityReasons error={eligibility} program={program} /> : <ActionProblem error={apply.error} />}
      <Form form={form} layout="vertical" requiredMark={false} onFinish={(v) => apply.mutate(v)} initialValues={{ requested: fenToYuanInput(program.maxGrantFen) }}>
        <Form.Item
          name="requested"
          label={t('programs.requested')}
          extra={t('programs.requestedHint', { max: formatFen(program.maxGrantFen) })}
          rules={[
            {
              validator: (_: unknown, v: string | undefined) => {
                const fen = parseYuanToFen(v ?? '');
                if (fen === null || fen <= 0) return Promise.reject(new Error(t('common:form.amountYuan')));
                return Promise.resolve();
              },
            },
          ]}
        >
          <Input prefix="¥" inputMode="decimal" />
        </Form.Item>
        <Form.Item name="purpose" label={t('programs.purpose')} rules={[{ required: true, whitespace: true, message: t('common:form.required', { field: t('programs.purpose') }) }, { max: 500, message: t('common:form.tooLong', { max: 500 }) }]}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
