import { useMemo, useState } from 'react';
import { Alert, App, Button, Card, Checkbox, Col, Descriptions, Form, Input, InputNumber, Radio, Row, Select, Space, Tag, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { api, call, type Schemas } from '../../api/client';
import { ProblemAlert } from '../../components/ProblemAlert';
import { QueryState } from '../../components/QueryState';
import { applyProblemToForm } from '../../lib/forms';
import { fenToYuanInput, parseYuanToFen } from '../../lib/money';
import { OfferingStatusTag, PriceText } from './OfferingsPage';
import { formatDateTime, nameOf, QUALIFICATION_KINDS, useCategories, useProvider, useProviderId, useRegions, type Offering, type Provider } from './reference';
import { listSep } from '../../lib/text';

type Revision = Schemas['RevisionViewDto'];
type Kind = (typeof QUALIFICATION_KINDS)[number];

interface Values {
  categoryId: string;
  title: string;
  description: string;
  deliverables: string;
  pricingKind: 'fixed' | 'per_unit' | 'quote';
  price?: string;
  unitName?: string;
  min?: string;
  max?: string;
  leadTimeDays: number;
  regionCodes: string[];
  tags: string[];
  qualificationKinds: Kind[];
}

const ALIASES = { 'pricing.priceFen': 'price', 'pricing.unitName': 'unitName', 'pricing.minFen': 'min', 'pricing.maxFen': 'max', pricing: 'price', 'pricing.kind': 'pricingKind' };

function toValues(o: Offering | Revision): Values {
  const p = o.pricing;
  return {
    categoryId: o.categoryId,
    title: o.title,
    description: o.description,
    deliverables: o.deliverables,
    pricingKind: p.kind,
    price: p.priceFen !== null ? fenToYuanInput(p.priceFen) : undefined,
    unitName: p.unitName ?? undefined,
    min: p.minFen !== null ? fenToYuanInput(p.minFen) : undefined,
    max: p.maxFen !== null ? fenToYuanInput(p.maxFen) : undefined,
    leadTimeDays: o.leadTimeDays,
    regionCodes: o.regionCodes,
    tags: o.tags,
    qualificationKinds: o.qualificationKinds,
  };
}

function toBody(v: Values): Schemas['UpdateOfferingDto'] & Omit<Schemas['CreateOfferingDto'], 'providerId'> {
  const fen = (s?: string) => (s ? (parseYuanToFen(s) ?? undefined) : undefined);
  const pricing: Schemas['PricingDto'] =
    v.pricingKind === 'quote'
      ? { kind: 'quote', minFen: fen(v.min), maxFen: fen(v.max) }
      : v.pricingKind === 'per_unit'
        ? { kind: 'per_unit', priceFen: fen(v.price), unitName: v.unitName?.trim() }
        : { kind: 'fixed', priceFen: fen(v.price) };
  return {
    categoryId: v.categoryId,
    title: v.title.trim(),
    description: v.description.trim(),
    deliverables: v.deliverables.trim(),
    pricing,
    leadTimeDays: v.leadTimeDays,
    regionCodes: v.regionCodes,
    tags: v.tags.map((x) => x.trim()).filter(Boolean),
    qualificationKinds: v.qualificationKinds,
  };
}

/** A new offering (offerings/new) or one offering (offerings/:id): status, the live version beside its pending revision, edit, submit, withdraw. */
export function OfferingEditPage() {
  const { id } = useParams();
  const providerId = useProviderId();
  const provider = useProvider(providerId);
  const isNew = id === 'new';
  const offering = useQuery({
    queryKey: ['offering', id],
    enabled: !isNew && !!id,
    queryFn: () => call(api.GET('/api/v1/offerings/{id}', { params: { path: { id: id! } } })),
  });
  const { t } = useTranslation('provider');
  return (
    <>
      <Typography.Paragraph style={{ marginBottom: 8 }}>
        <Link to="/provider/offerings">← {t('offerings.back')}</Link>
      </Typography.Paragraph>
      {isNew ? (
        <QueryState query={provider}>{(p) => <OfferingForm provider={p} />}</QueryState>
      ) : (
        <QueryState query={offering}>{(o) => (provider.data ? <OfferingDetail offering={o} provider={provider.data} /> : null)}</QueryState>
      )}
    </>
  );
}

function OfferingDetail({ offering: o, provider }: { offering: Offering; provider: Provider }) {
  const { t, i18n } = useTranslation('provider');
  const qc = useQueryClient();
  const { message, modal } = App.useApp();
  const [editing, setEditing] = useState(false);
  const act = useMutation({
    mutationFn: (action: 'submit' | 'withdraw') =>
      action === 'submit'
        ? call(api.POST('/api/v1/offerings/{id}/submit', { params: { path: { id: o.id } } }))
        : call(api.POST('/api/v1/offerings/{id}/withdraw', { params: { path: { id: o.id } } })),
    onSuccess: (updated, action) => {
      qc.setQueryData(['offering', o.id], updated);
      void qc.invalidateQueries({ queryKey: ['provider', provider.id, 'offerings'] });
      void message.success(t(action === 'submit' ? 'offerings.submitted' : 'offerings.withdrawn'));
    },
  });
  const editable = o.status === 'draft' || o.status === 'published' || o.status === 'suspended';
  const live = o.status === 'published' || o.status === 'suspended';
  return (
    <>
      <Space wrap style={{ display: 'flex', marginBottom: 12 }}>
        <Typography.Title level={3} className="page-title" style={{ marginBottom: 0 }}>{o.title}</Typography.Title>
        <OfferingStatusTag offering={o} />
      </Space>
      {o.rejectionReason && o.status === 'draft' ? <Alert type="error" showIcon style={{ marginBottom: 16 }} title={t('offerings.rejected')} description={o.rejectionReason} /> : null}
      {o.status === 'pending_review' ? <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('offerings.inReview')} /> : null}
      {o.status === 'published' && !o.searchable ? <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={t('offerings.notSearchable')} /> : null}
      {act.isError ? <ProblemAlert error={act.error} /> : null}
      <Space wrap style={{ display: 'flex', marginBottom: 16 }}>
        {o.status === 'draft' ? (
          <Button type="primary" loading={act.isPending && act.variables === 'submit'} onClick={() => act.mutate('submit')}>{t('offerings.submit')}</Button>
        ) : null}
        {editable && !editing ? <Button onClick={() => setEditing(true)}>{live ? t('offerings.proposeRevision') : t('common:actions.edit')}</Button> : null}
        {editable ? (
          <Button
            danger
            loading={act.isPending && act.variables === 'withdraw'}
            onClick={() =>
              modal.confirm({
                title: t('offerings.withdrawConfirm', { title: o.title }),
                content: t('offerings.withdrawExplain'),
                okText: t('offerings.withdraw'),
                cancelText: t('common:actions.cancel'),
                okButtonProps: { danger: true },
                rootClassName: 'provider-portal',
                onOk: () => act.mutateAsync('withdraw'),
              })
            }
          >
            {t('offerings.withdraw')}
          </Button>
        ) : null}
      </Space>

      {o.pendingRevision ? (
        <>
          <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('offerings.revisionExplain')} />
          <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
            <Col xs={24} lg={12}>
              <Card title={<Space wrap><span>{t('offerings.liveVersion')}</span><Tag color="green">{t(`offeringStatus.${o.status}`)}</Tag></Space>} size="small">
                <OfferingDoc doc={o} />
              </Card>
            </Col>
            <Col xs={24} lg={12}>
              <Card title={<Space wrap><span>{t('offerings.pendingVersion')}</span><Tag color="gold">{t('offerings.revisionPending')}</Tag></Space>} size="small" data-testid="pending-revision">
                <OfferingDoc doc={o.pendingRevision} compareTo={o} />
                <Typography.Text type="secondary">{t('offerings.proposedAt', { at: formatDateTime(o.pendingRevision.updatedAt, i18n.language) })}</Typography.Text>
              </Card>
            </Col>
          </Row>
        </>
      ) : (
        <Card size="small" style={{ marginBottom: 16 }}>
          <OfferingDoc doc={o} />
        </Card>
      )}

      {editing ? (
        <Card title={live ? t('offerings.proposeRevision') : t('offerings.editDraft')}>
          {live ? <Typography.Paragraph type="secondary">{t('offerings.revisionHelp')}</Typography.Paragraph> : null}
          <OfferingForm provider={provider} offering={o} onDone={() => setEditing(false)} />
        </Card>
      ) : null}
    </>
  );
}

/** One version of an offering; with compareTo, the fields that differ are marked. */
function OfferingDoc({ doc, compareTo }: { doc: Offering | Revision; compareTo?: Offering }) {
  const { t } = useTranslation('provider');
  const categories = useCategories();
  const regions = useRegions();
  const changed = (k: keyof Revision) => compareTo !== undefined && JSON.stringify(doc[k as keyof typeof doc]) !== JSON.stringify(compareTo[k as keyof Offering]);
  const mark = (k: keyof Revision) => (changed(k) ? <Tag color="gold" style={{ marginLeft: 6 }}>{t('offerings.changed')}</Tag> : null);
  return (
    <Descriptions column={1} size="small" styles={{ label: { width: 110 } }}>
      <Descriptions.Item label={t('fields.title')}>{doc.title}{mark('title')}</Descriptions.Item>
      <Descriptions.Item label={t('fields.category')}>{nameOf(categories.data, 'id', doc.categoryId)}{mark('categoryId')}</Descriptions.Item>
      <Descriptions.Item label={t('fields.price')}><PriceText pricing={doc.pricing} />{mark('pricing')}</Descriptions.Item>
      <Descriptions.Item label={t('fields.leadTime')}>{t('offerings.days', { count: doc.leadTimeDays })}{mark('leadTimeDays')}</Descriptions.Item>
      <Descriptions.Item label={t('fields.serviceRegions')}>{doc.regionCodes.map((c) => nameOf(regions.data, 'code', c)).join(listSep())}{mark('regionCodes')}</Descriptions.Item>
      <Descriptions.Item label={t('fields.qualifications')}>{doc.qualificationKinds.map((k) => t(`qualification.${k}`)).join(listSep()) || '—'}{mark('qualificationKinds')}</Descriptions.Item>
      <Descriptions.Item label={t('fields.tags')}>{doc.tags.join(listSep()) || '—'}{mark('tags')}</Descriptions.Item>
      <Descriptions.Item label={t('fields.description')}><span style={{ whiteSpace: 'pre-wrap' }}>{doc.description}</span>{mark('description')}</Descriptions.Item>
      <Descriptions.Item label={t('fields.deliverables')}><span style={{ whiteSpace: 'pre-wrap' }}>{doc.deliverables}</span>{mark('deliverables')}</Descriptions.Item>
    </Descriptions>
  );
}

function OfferingForm({ provider, offering, onDone }: { provider: Provider; offering?: Offering; onDone?: () => void }) {
  const { t } = useTranslation('provider');
  const [form] = Form.useForm<Values>();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const categories = useCategories();
  const regions = useRegions();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const kind = Form.useWatch('pricingKind', form);
  const allowed = useMemo(
    () => (categories.data ?? []).filter((c) => provider.admittedCategoryIds.includes(c.id) || c.ancestors.some((a) => provider.admittedCategoryIds.includes(a))),
    [categories.data, provider.admittedCategoryIds],
  );
  const heldKinds = [...new Set(provider.qualifications.map((q) => q.kind))];
  const req = (field: string) => ({ required: true, whitespace: true, message: t('common:form.required', { field }) });
  const max = (n: number) => ({ max: n, message: t('common:form.tooLong', { max: n }) });
  const yuan = (field: string, required: boolean) => [
    ...(required ? [req(field)] : []),
    { validator: (_r: unknown, v?: string) => (!v || parseYuanToFen(v) !== null ? Promise.resolve() : Promise.reject(new Error(t('common:form.amountYuan')))) },
  ];

  const initial: Partial<Values> = offering
    ? toValues(offering.pendingRevision ?? offering)
    : { pricingKind: 'fixed', leadTimeDays: 7, regionCodes: ['350500'], tags: [], qualificationKinds: [], categoryId: allowed.length === 1 ? allowed[0].id : undefined };

  const onFinish = async (v: Values) => {
    setBusy(true);
    setError(null);
    try {
      const body = toBody(v);
      if (!offering) {
        const created = await call(api.POST('/api/v1/offerings', { body: { providerId: provider.id, ...body } }));
        void qc.invalidateQueries({ queryKey: ['provider', provider.id, 'offerings'] });
        void message.success(t('offerings.draftSaved'));
        void navigate(`/provider/offerings/${created.id}`, { replace: true });
        return;
      }
      const r = await api.PATCH('/api/v1/offerings/{id}', { params: { path: { id: offering.id } }, body });
      if (!r.response.ok) await call(Promise.resolve(r)); // throws the problem
      void message.success(t(r.response.status === 202 ? 'offerings.revisionSaved' : 'offerings.saved'));
      await qc.invalidateQueries({ queryKey: ['offering', offering.id] });
      void qc.invalidateQueries({ queryKey: ['provider', provider.id, 'offerings'] });
      onDone?.();
    } catch (e) {
      if (!applyProblemToForm(form, e, ALIASES)) setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      {!offering ? <Typography.Title level={3} className="page-title">{t('offerings.new')}</Typography.Title> : null}
      <ProblemAlert error={error} />
      {allowed.length === 0 && categories.data ? <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={t('offerings.noCategories')} /> : null}
      <Form<Values> form={form} layout="vertical" initialValues={initial} onFinish={(v) => void onFinish(v)} scrollToFirstError>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item name="title" label={t('fields.title')} rules={[req(t('fields.title')), max(120)]}>
              <Input showCount maxLength={120} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="categoryId" label={t('fields.category')} rules={[{ required: true, message: t('common:form.required', { field: t('fields.category') }) }]}>
              <Select showSearch={{ optionFilterProp: 'label' }} loading={categories.isPending} options={allowed.map((c) => ({ value: c.id, label: c.label }))} />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item name="description" label={t('fields.description')} rules={[req(t('fields.description')), max(5000)]}>
              <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} maxLength={5000} showCount />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item name="deliverables" label={t('fields.deliverables')} rules={[req(t('fields.deliverables')), max(2000)]}>
              <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} showCount />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item name="pricingKind" label={t('fields.pricingKind')} rules={[{ required: true }]}>
              <Radio.Group options={(['fixed', 'per_unit', 'quote'] as const).map((k) => ({ value: k, label: t(`pricing.${k}`) }))} />
            </Form.Item>
          </Col>
          {kind !== 'quote' ? (
            <Col xs={24} md={12}>
              <Form.Item name="price" label={t(kind === 'per_unit' ? 'fields.unitPriceYuan' : 'fields.priceYuan')} rules={yuan(t('fields.priceYuan'), true)}>
                <Input prefix="¥" inputMode="decimal" />
              </Form.Item>
            </Col>
          ) : null}
          {kind === 'per_unit' ? (
            <Col xs={24} md={12}>
              <Form.Item name="unitName" label={t('fields.unitName')} rules={[req(t('fields.unitName')), max(20)]}>
                <Input placeholder={t('offerings.unitExample')} />
              </Form.Item>
            </Col>
          ) : null}
          {kind === 'quote' ? (
            <>
              <Col xs={24} md={12}>
                <Form.Item name="min" label={t('fields.minYuan')} rules={yuan(t('fields.minYuan'), true)}>
                  <Input prefix="¥" inputMode="decimal" />
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Form.Item
                  name="max"
                  label={t('fields.maxYuan')}
                  dependencies={['min']}
                  rules={[
                    ...yuan(t('fields.maxYuan'), true),
                    ({ getFieldValue }) => ({
                      validator: (_r, v?: string) => {
                        const lo = parseYuanToFen(String(getFieldValue('min') ?? ''));
                        const hi = v ? parseYuanToFen(v) : null;
                        return lo === null || hi === null || hi >= lo ? Promise.resolve() : Promise.reject(new Error(t('offerings.rangeRule')));
                      },
                    }),
                  ]}
                >
                  <Input prefix="¥" inputMode="decimal" />
                </Form.Item>
              </Col>
            </>
          ) : null}
          <Col xs={24} md={12}>
            <Form.Item name="leadTimeDays" label={t('fields.leadTimeDays')} rules={[{ required: true, type: 'integer', min: 0, max: 3650, message: t('offerings.leadTimeRule') }]}>
              <InputNumber min={0} max={3650} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="regionCodes" label={t('fields.serviceRegions')} rules={[{ required: true, type: 'array', min: 1, max: 20, message: t('offerings.regionsRule') }]}>
              <Select mode="multiple" showSearch={{ optionFilterProp: 'label' }} options={(regions.data ?? []).map((r) => ({ value: r.code, label: r.name }))} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="tags" label={t('fields.tags')} extra={t('offerings.tagsHelp')} rules={[{ type: 'array', max: 20, message: t('offerings.tagsRule') }]}>
              <Select mode="tags" open={false} suffixIcon={null} tokenSeparators={[',', '，', '、']} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="qualificationKinds" label={t('fields.qualifications')} extra={t('offerings.qualificationsHelp')}>
              {heldKinds.length ? (
                <Checkbox.Group options={heldKinds.map((k) => ({ value: k, label: t(`qualification.${k}`) }))} />
              ) : (
                <Typography.Text type="secondary">{t('admission.noQualifications')}</Typography.Text>
              )}
            </Form.Item>
          </Col>
        </Row>
        <Space wrap>
          <Button type="primary" htmlType="submit" loading={busy}>
            {!offering ? t('offerings.saveDraft') : offering.status === 'draft' ? t('common:actions.save') : t('offerings.submitRevision')}
          </Button>
          {onDone ? <Button onClick={onDone}>{t('common:actions.cancel')}</Button> : null}
        </Space>
      </Form>
    </>
  );
}
