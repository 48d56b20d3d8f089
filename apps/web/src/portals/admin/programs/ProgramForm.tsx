// A program's settings while it is a draft: create (POST /admin/programs) and edit (PATCH
// /admin/programs/:id). The form checks what the API checks before sending — the funding shares of
// every eligible region sum to 10,000 bp, one subsidy rule per category of the category tree, the
// dates in order, the caps consistent, amounts in yuan with at most two decimals — and puts the
// API's own field errors next to their fields.
import { useMemo, useState } from 'react';
import { Alert, App, Button, Card, Checkbox, Col, Form, Input, InputNumber, Radio, Row, Select, Space, Table, TreeSelect, Typography } from 'antd';
import type { FormInstance } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { api, ApiError, call, type Schemas } from '../../../api/client';
import { fenToYuanInput, formatBps, parseYuanToFen } from '../../../lib/money';
import { useIdempotencyKey } from '../../../lib/forms';
import { PageTitle, useStaff } from '../common';
import {
  ALLOCATION_MODES,
  REQUIRED_FLAGS,
  REVIEW_LEVELS,
  SETTLEMENT_MODES,
  SIZE_CLASSES,
  codeCovers,
  regionName,
  shareProblems,
  sourceRegionEligible,
  useCategoryTree,
  useRegions,
  type FlatCategory,
  type FundingSource,
  type ProgramView,
} from './data';
import { ActionError, TableWrap } from './parts';
import { withAside } from '../../../lib/text';

interface Values {
  name: string;
  fiscalYear: number;
  issuingRegionCode?: string;
  applicationOpensOn: string;
  applicationClosesOn: string;
  grantExpiresOn?: string;
  allocationMode: ProgramView['allocationMode'];
  settlementMode: ProgramView['settlementMode'];
  fundingSources: { key: string; name: string; regionCode?: string | null; shareBp: number }[];
  eligibility: { sizeClasses: string[]; regionCodes: string[]; requiredFlags: string[]; minMonthsRegistered?: number | null };
  subsidyRules: { categoryId?: string; ratioBp?: number; perOrderCapFen?: string }[];
  /** yuan, as typed */
  enterpriseAnnualCapFen: string;
  highTechAnnualCapFen?: string;
  providerAnnualCapFen?: string;
  maxGrantFen: string;
  claimDeadlineDays: number;
  reviewLevels: string[];
  secondApprovalAboveFen?: string;
  reviewDeadlineWorkingDays: number;
}

const yuan = (fen: number | null | undefined) => (fen === null || fen === undefined ? undefined : fenToYuanInput(fen));
const fenOf = (s: string | undefined): number | null => (s && s.trim() ? parseYuanToFen(s) : null);

function toValues(p: ProgramView): Values {
  return {
    name: p.name,
    fiscalYear: p.fiscalYear,
    issuingRegionCode: p.issuingRegionCode,
    applicationOpensOn: p.applicationOpensOn,
    applicationClosesOn: p.applicationClosesOn,
    grantExpiresOn: p.grantExpiresOn,
    allocationMode: p.allocationMode,
    settlementMode: p.settlementMode,
    fundingSources: p.fundingSources.map((s) => ({ ...s })),
    eligibility: { sizeClasses: [...p.eligibility.sizeClasses], regionCodes: [...p.eligibility.regionCodes], requiredFlags: [...p.eligibility.requiredFlags], minMonthsRegistered: p.eligibility.minMonthsRegistered },
    subsidyRules: p.subsidyRules.map((r) => ({ categoryId: r.categoryId, ratioBp: r.ratioBp, perOrderCapFen: yuan(r.perOrderCapFen) })),
    enterpriseAnnualCapFen: yuan(p.enterpriseAnnualCapFen)!,
    highTechAnnualCapFen: yuan(p.highTechAnnualCapFen),
    providerAnnualCapFen: yuan(p.providerAnnualCapFen),
    maxGrantFen: yuan(p.maxGrantFen)!,
    claimDeadlineDays: p.claimDeadlineDays,
    reviewLevels: [...p.reviewLevels],
    secondApprovalAboveFen: yuan(p.secondApprovalAboveFen),
    reviewDeadlineWorkingDays: p.reviewDeadlineWorkingDays,
  };
}

function defaults(region: string | undefined): Values {
  const year = new Date().getFullYear();
  return {
    name: '',
    fiscalYear: year,
    issuingRegionCode: region,
    applicationOpensOn: `${year}-03-01`,
    applicationClosesOn: `${year}-06-30`,
    grantExpiresOn: `${year}-12-31`,
    allocationMode: 'fcfs',
    settlementMode: 'provider_redeems',
    fundingSources: [{ key: 'city', name: '', regionCode: null, shareBp: 10_000 }],
    eligibility: { sizeClasses: ['micro', 'small', 'medium'], regionCodes: [], requiredFlags: [], minMonthsRegistered: null },
    subsidyRules: [{}],
    enterpriseAnnualCapFen: '',
    maxGrantFen: '',
    claimDeadlineDays: 90,
    reviewLevels: ['county', 'city'],
    reviewDeadlineWorkingDays: 10,
  };
}

function toBody(v: Values, editing: boolean): Schemas['CreateProgramDto'] {
  const opt = (s: string | undefined) => {
    const fen = fenOf(s);
    // PATCH clears an optional cap with null; POST leaves it out
    return fen === null ? (editing ? null : undefined) : fen;
  };
  return {
    name: v.name.trim(),
    fiscalYear: v.fiscalYear,
    issuingRegionCode: v.issuingRegionCode || undefined,
    applicationOpensOn: v.applicationOpensOn,
    applicationClosesOn: v.applicationClosesOn,
    grantExpiresOn: v.grantExpiresOn || undefined,
    allocationMode: v.allocationMode,
    settlementMode: v.settlementMode,
    fundingSources: v.fundingSources.map((s) => ({ key: s.key.trim(), name: s.name.trim(), regionCode: s.regionCode || null, shareBp: s.shareBp })),
    eligibility: {
      sizeClasses: v.eligibility.sizeClasses as Schemas['EligibilityDto']['sizeClasses'],
      regionCodes: v.eligibility.regionCodes,
      requiredFlags: v.eligibility.requiredFlags as Schemas['EligibilityDto']['requiredFlags'],
      minMonthsRegistered: v.eligibility.minMonthsRegistered ?? null,
    },
    subsidyRules: v.subsidyRules.map((r) => ({ categoryId: r.categoryId!, ratioBp: r.ratioBp!, perOrderCapFen: fenOf(r.perOrderCapFen)! })),
    enterpriseAnnualCapFen: fenOf(v.enterpriseAnnualCapFen)!,
    highTechAnnualCapFen: opt(v.highTechAnnualCapFen),
    providerAnnualCapFen: opt(v.providerAnnualCapFen),
    maxGrantFen: fenOf(v.maxGrantFen)!,
    claimDeadlineDays: v.claimDeadlineDays,
    reviewLevels: v.reviewLevels as Schemas['CreateProgramDto']['reviewLevels'],
    secondApprovalAboveFen: opt(v.secondApprovalAboveFen),
    reviewDeadlineWorkingDays: v.reviewDeadlineWorkingDays,
  } as Schemas['CreateProgramDto'];
}

/** The form's fields by shape (list indexes as #): where an API field error can be shown. */
const FIELD_SHAPES = new Set([
  'name', 'fiscalYear', 'issuingRegionCode', 'applicationOpensOn', 'applicationClosesOn', 'grantExpiresOn', 'allocationMode', 'settlementMode',
  'fundingSources.#.key', 'fundingSources.#.name', 'fundingSources.#.regionCode', 'fundingSources.#.shareBp',
  'eligibility.sizeClasses', 'eligibility.regionCodes', 'eligibility.requiredFlags', 'eligibility.minMonthsRegistered',
  'subsidyRules.#.categoryId', 'subsidyRules.#.ratioBp', 'subsidyRules.#.perOrderCapFen',
  'enterpriseAnnualCapFen', 'highTechAnnualCapFen', 'providerAnnualCapFen', 'maxGrantFen', 'claimDeadlineDays', 'reviewLevels', 'secondApprovalAboveFen', 'reviewDeadlineWorkingDays',
]);

/** Puts the API's field errors (dotted paths like fundingSources.1.shareBp) next to their fields; answers those that found none. */
function placeFieldErrors(form: FormInstance<Values>, error: ApiError): { field: string; messages: string[] }[] {
  const left: { field: string; messages: string[] }[] = [];
  const fields: { name: (string | number)[]; errors: string[] }[] = [];
  for (const [field, messages] of Object.entries(error.fieldErrors)) {
    let parts = field.split('.');
    let placed = false;
    while (parts.length > 0) {
      if (FIELD_SHAPES.has(parts.map((p) => (/^\d+$/.test(p) ? '#' : p)).join('.'))) {
        fields.push({ name: parts.map((p) => (/^\d+$/.test(p) ? Number(p) : p)), errors: messages });
        placed = true;
        break;
      }
      parts = parts.slice(0, -1);
    }
    if (!placed) left.push({ field, messages });
  }
  form.setFields(fields as Parameters<typeof form.setFields>[0]);
  return left;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function ProgramForm({ program }: { program?: ProgramView }) {
  const { t } = useTranslation('adminPrograms');
  const { t: tc } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const staff = useStaff();
  const regions = useRegions();
  const categories = useCategoryTree();
  const idem = useIdempotencyKey();
  const [form] = Form.useForm<Values>();
  const [listErrors, setListErrors] = useState<{ field: string; messages: string[] }[]>([]);
  const editing = !!program;
  const officerRegions = staff.regions('program_officer');
  const initial = useMemo(() => (program ? toValues(program) : defaults(officerRegions[0])), [program]); // eslint-disable-line react-hooks/exhaustive-deps

  const sources = (Form.useWatch('fundingSources', form) ?? initial.fundingSources) as FundingSource[];
  const eligibleRegions = (Form.useWatch(['eligibility', 'regionCodes'], form) ?? initial.eligibility.regionCodes) as string[];
  const problems = shareProblems(
    sources.filter(Boolean).map((s) => ({ ...s, regionCode: s.regionCode || null, shareBp: Number(s.shareBp) || 0 })),
    eligibleRegions,
  );

  const save = useMutation({
    mutationFn: async (v: Values) => {
      const body = toBody(v, editing);
      if (program) return call(api.PATCH('/api/v1/admin/programs/{id}', { params: { path: { id: program.id } }, body }));
      return call(api.POST('/api/v1/admin/programs', { body, headers: { 'Idempotency-Key': idem.key } }));
    },
    onSuccess: (saved) => {
      qc.setQueryData(['admin', 'program', saved.id], saved);
      void qc.invalidateQueries({ queryKey: ['admin', 'programs'] });
      void message.success(editing ? t('form.saved') : t('form.created'));
      navigate(`/admin/programs/${saved.id}`);
    },
    onError: (e) => {
      idem.settle(e);
      setListErrors(e instanceof ApiError ? placeFieldErrors(form, e) : []);
    },
  });

  const regionOptions = (regions.data ?? []).map((r) => ({ value: r.code, label: withAside(r.name, r.code) }));
  const issuingOptions = regionOptions.filter((o) => officerRegions.some((j) => codeCovers(j, o.value)));
  const treeData = useMemo(() => {
    interface TreeNode { value: string; title: string; label: string; children: TreeNode[] }
    const node = (c: FlatCategory): TreeNode => ({ value: c.id, title: c.label.split(' / ').pop()!, label: c.label, children: c.children.map(node) });
    return (categories.data?.roots ?? []).map(node);
  }, [categories.data]);

  const required = (field: string) => ({ required: true, message: tc('form.required', { field }) });
  const yuanRule = (opts: { optional?: boolean; min?: number } = {}) => ({
    validator: (_: unknown, v?: string) => {
      if (!v || !v.trim()) return opts.optional ? Promise.resolve() : Promise.reject(new Error(t('form.amountRequired')));
      const fen = parseYuanToFen(v);
      if (fen === null) return Promise.reject(new Error(tc('form.amountYuan')));
      if (fen < (opts.min ?? 1)) return Promise.reject(new Error(t('form.amountPositive')));
      return Promise.resolve();
    },
  });
  const dateRule = (optional = false) => ({
    validator: (_: unknown, v?: string) => (!v ? (optional ? Promise.resolve() : Promise.reject(new Error(t('form.dateRequired')))) : DATE.test(v) ? Promise.resolve() : Promise.reject(new Error(t('form.dateFormat')))),
  });

  const problemText = (p: (typeof problems)[number]) =>
    p.kind === 'anyOther'
      ? t('form.sharesAnyOther', { sum: p.sum })
      : p.kind === 'otherCounties'
        ? t('form.sharesOtherCounties', { region: regionName(regions.data, p.region), sum: p.sum })
        : t('form.sharesRegion', { region: regionName(regions.data, p.region), sum: p.sum });

  return (
    <>
      <Typography.Paragraph style={{ marginBottom: 8 }}>
        <Link to={program ? `/admin/programs/${program.id}` : '/admin/programs'}>← {program ? program.name : t('programs.title')}</Link>
      </Typography.Paragraph>
      <PageTitle>{editing ? t('form.editTitle') : t('form.newTitle')}</PageTitle>
      <Typography.Paragraph type="secondary">{t('form.intro')}</Typography.Paragraph>
      {save.isError && !(save.error instanceof ApiError && save.error.code === 'VALIDATION_FAILED' && listErrors.length === 0) ? <ActionError error={save.error} /> : null}
      {listErrors.length > 0 ? (
        <Alert
          type="error"
          showIcon
          role="alert"
          style={{ marginBottom: 16 }}
          title={t('form.apiListErrors')}
          description={
            <ul style={{ margin: 0, paddingInlineStart: 18 }}>
              {listErrors.flatMap((e) => e.messages.map((m) => <li key={`${e.field}${m}`}>{`${e.field}: ${m}`}</li>))}
            </ul>
          }
        />
      ) : null}
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={initial}
        requiredMark
        scrollToFirstError
        onFinish={(v) => {
          setListErrors([]);
          save.mutate(v);
        }}
      >
        <Card title={t('form.basics')} size="small" style={{ marginBottom: 16 }}>
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Form.Item name="name" label={t('fields.name')} rules={[required(t('fields.name')), { max: 200, message: tc('form.tooLong', { max: 200 }) }]}>
                <Input maxLength={200} />
              </Form.Item>
            </Col>
            <Col xs={12} md={6}>
              <Form.Item name="fiscalYear" label={t('fields.fiscalYear')} rules={[required(t('fields.fiscalYear')), { type: 'integer', min: 2000, max: 2100, message: t('form.yearRange') }]}>
                <InputNumber min={2000} max={2100} precision={0} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col xs={12} md={6}>
              <Form.Item name="issuingRegionCode" label={t('fields.issuingRegion')} rules={[required(t('fields.issuingRegion'))]}>
                <Select options={issuingOptions} showSearch={{ optionFilterProp: 'label' }} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="applicationOpensOn" label={t('fields.opensOn')} rules={[dateRule()]}>
                <Input type="date" />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item
                name="applicationClosesOn"
                label={t('fields.closesOn')}
                dependencies={['applicationOpensOn']}
                rules={[
                  dateRule(),
                  ({ getFieldValue }) => ({
                    validator: (_, v?: string) => (!v || !getFieldValue('applicationOpensOn') || v >= getFieldValue('applicationOpensOn') ? Promise.resolve() : Promise.reject(new Error(t('form.closesBeforeOpens')))),
                  }),
                ]}
              >
                <Input type="date" />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item
                name="grantExpiresOn"
                label={t('fields.grantExpiresOn')}
                extra={t('form.grantExpiresHelp')}
                dependencies={['applicationOpensOn']}
                rules={[
                  dateRule(true),
                  ({ getFieldValue }) => ({
                    validator: (_, v?: string) => (!v || !getFieldValue('applicationOpensOn') || v >= getFieldValue('applicationOpensOn') ? Promise.resolve() : Promise.reject(new Error(t('form.expiresBeforeOpens')))),
                  }),
                ]}
              >
                <Input type="date" />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="allocationMode" label={t('fields.allocationMode')} rules={[required(t('fields.allocationMode'))]}>
                <Radio.Group options={ALLOCATION_MODES.map((m) => ({ value: m, label: t(`allocationMode.${m}`) }))} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="settlementMode" label={t('fields.settlementMode')} rules={[required(t('fields.settlementMode'))]}>
                <Radio.Group options={SETTLEMENT_MODES.map((m) => ({ value: m, label: t(`settlementMode.${m}`) }))} />
              </Form.Item>
            </Col>
          </Row>
        </Card>

        <Card title={t('form.eligibility')} size="small" style={{ marginBottom: 16 }}>
          <Form.Item name={['eligibility', 'sizeClasses']} label={t('fields.sizeClasses')} extra={t('form.emptyMeansAll')}>
            <Checkbox.Group options={SIZE_CLASSES.map((s) => ({ value: s, label: t(`sizeClass.${s}`) }))} />
          </Form.Item>
          <Form.Item name={['eligibility', 'regionCodes']} label={t('fields.eligibleRegions')} extra={t('form.emptyMeansAll')}>
            <Select mode="multiple" options={regionOptions} showSearch={{ optionFilterProp: 'label' }} />
          </Form.Item>
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Form.Item name={['eligibility', 'requiredFlags']} label={t('fields.requiredFlags')}>
                <Checkbox.Group options={REQUIRED_FLAGS.map((f) => ({ value: f, label: t(`requiredFlag.${f}`) }))} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name={['eligibility', 'minMonthsRegistered']} label={t('fields.minMonths')}>
                <InputNumber min={0} max={1200} precision={0} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
          </Row>
        </Card>

        <Card title={t('form.fundingSources')} size="small" style={{ marginBottom: 16 }}>
          <Typography.Paragraph type="secondary">{t('form.sharesHelp')}</Typography.Paragraph>
          <Form.List
            name="fundingSources"
            rules={[
              {
                validator: async (_, list?: Values['fundingSources']) => {
                  if (!list || list.length === 0) throw new Error(t('form.oneSource'));
                  const keys = list.map((s) => s?.key?.trim()).filter(Boolean);
                  if (new Set(keys).size !== keys.length) throw new Error(t('form.duplicateKey'));
                  const found = shareProblems(
                    list.map((s) => ({ key: s?.key ?? '', name: s?.name ?? '', regionCode: s?.regionCode || null, shareBp: Number(s?.shareBp) || 0 })),
                    form.getFieldValue(['eligibility', 'regionCodes']) ?? [],
                  );
                  if (found.length > 0) throw new Error(t('form.sharesRefused', { problems: found.map(problemText).join('；') }));
                },
              },
            ]}
          >
            {(fields, { add, remove }, { errors }) => (
              <>
                {fields.map((f, i) => (
                  <Row gutter={8} key={f.key} align="top" className="admin-programs-list-row">
                    <Col xs={12} md={4}>
                      <Form.Item
                        name={[f.name, 'key']}
                        label={t('fields.sourceKey', { n: i + 1 })}
                        rules={[required(t('fields.sourceKeyShort')), { pattern: /^[A-Za-z0-9_.-]{1,64}$/, message: t('form.keyPattern') }]}
                      >
                        <Input maxLength={64} />
                      </Form.Item>
                    </Col>
                    <Col xs={12} md={7}>
                      <Form.Item name={[f.name, 'name']} label={t('fields.sourceName', { n: i + 1 })} rules={[required(t('fields.sourceNameShort')), { max: 200 }]}>
                        <Input maxLength={200} />
                      </Form.Item>
                    </Col>
                    <Col xs={12} md={6}>
                      <Form.Item
                        name={[f.name, 'regionCode']}
                        label={t('fields.sourceRegion', { n: i + 1 })}
                        extra={t('form.sourceRegionHelp')}
                        dependencies={[['eligibility', 'regionCodes']]}
                        rules={[
                          ({ getFieldValue }) => ({
                            validator: (_, v?: string | null) => (sourceRegionEligible(v, getFieldValue(['eligibility', 'regionCodes']) ?? []) ? Promise.resolve() : Promise.reject(new Error(t('form.sourceRegionNotEligible')))),
                          }),
                        ]}
                      >
                        <Select allowClear options={regionOptions} showSearch={{ optionFilterProp: 'label' }} placeholder={t('form.citywide')} />
                      </Form.Item>
                    </Col>
                    <Col xs={9} md={5}>
                      <Form.Item
                        name={[f.name, 'shareBp']}
                        label={t('fields.shareBp', { n: i + 1 })}
                        extra={sources[i] ? formatBps(Number(sources[i].shareBp) || 0) : undefined}
                        rules={[required(t('fields.shareBpShort')), { type: 'integer', min: 0, max: 10_000, message: t('form.shareRange') }]}
                      >
                        <InputNumber min={0} max={10_000} precision={0} style={{ width: '100%' }} />
                      </Form.Item>
                    </Col>
                    <Col xs={3} md={2} style={{ paddingTop: 30 }}>
                      <Button type="text" danger icon={<MinusCircleOutlined aria-hidden />} aria-label={t('form.removeSource', { n: i + 1 })} onClick={() => remove(f.name)} disabled={fields.length <= 1} />
                    </Col>
                  </Row>
                ))}
                <Button type="dashed" icon={<PlusOutlined aria-hidden />} onClick={() => add({ key: '', name: '', regionCode: null, shareBp: 0 })}>
                  {t('form.addSource')}
                </Button>
                <Form.ErrorList errors={errors} />
              </>
            )}
          </Form.List>
          <TableWrap label={t('form.shareCheck')} style={{ marginTop: 12 }}>
            <Table
              size="small"
              pagination={false}
              rowKey="label"
              caption={<span className="admin-programs-caption">{t('form.shareCheck')}</span>}
              dataSource={shareCheckRows(sources, eligibleRegions, problems, regions.data, t)}
              columns={[
                { title: t('form.shareCheckRegion'), dataIndex: 'label' },
                { title: t('form.shareCheckSum'), dataIndex: 'sum', align: 'right', render: (s: number) => `${s} bp` },
                { title: t('form.shareCheckOk'), dataIndex: 'ok', render: (ok: boolean) => (ok ? <span className="admin-programs-ok">{t('form.shareOk')}</span> : <span className="admin-programs-bad">{t('form.shareNotOk')}</span>) },
              ]}
            />
          </TableWrap>
        </Card>

        <Card title={t('form.subsidyRules')} size="small" style={{ marginBottom: 16 }}>
          <Typography.Paragraph type="secondary">{t('form.rulesHelp')}</Typography.Paragraph>
          <Form.List
            name="subsidyRules"
            rules={[
              {
                validator: async (_, list?: Values['subsidyRules']) => {
                  const ids = (list ?? []).map((r) => r?.categoryId).filter(Boolean);
                  if (new Set(ids).size !== ids.length) throw new Error(t('form.oneRulePerCategory'));
                },
              },
            ]}
          >
            {(fields, { add, remove }, { errors }) => (
              <>
                {fields.map((f, i) => (
                  <Row gutter={8} key={f.key} align="top" className="admin-programs-list-row">
                    <Col xs={24} md={11}>
                      <Form.Item name={[f.name, 'categoryId']} label={t('fields.category', { n: i + 1 })} rules={[required(t('fields.categoryShort'))]}>
                        <TreeSelect
                          treeData={treeData}
                          showSearch
                          treeNodeFilterProp="label"
                          treeNodeLabelProp="label"
                          loading={categories.isPending}
                          placeholder={t('form.pickCategory')}
                          popupMatchSelectWidth={false}
                        />
                      </Form.Item>
                    </Col>
                    <Col xs={12} md={5}>
                      <Form.Item name={[f.name, 'ratioBp']} label={t('fields.ratioBp', { n: i + 1 })} rules={[required(t('fields.ratioShort')), { type: 'integer', min: 1, max: 10_000, message: t('form.ratioRange') }]}>
                        <InputNumber min={1} max={10_000} precision={0} style={{ width: '100%' }} />
                      </Form.Item>
                    </Col>
                    <Col xs={9} md={6}>
                      <Form.Item name={[f.name, 'perOrderCapFen']} label={t('fields.perOrderCap', { n: i + 1 })} rules={[yuanRule()]}>
                        <Input inputMode="decimal" prefix="¥" />
                      </Form.Item>
                    </Col>
                    <Col xs={3} md={2} style={{ paddingTop: 30 }}>
                      <Button type="text" danger icon={<MinusCircleOutlined aria-hidden />} aria-label={t('form.removeRule', { n: i + 1 })} onClick={() => remove(f.name)} />
                    </Col>
                  </Row>
                ))}
                <Button type="dashed" icon={<PlusOutlined aria-hidden />} onClick={() => add({})}>
                  {t('form.addRule')}
                </Button>
                <Form.ErrorList errors={errors} />
              </>
            )}
          </Form.List>
        </Card>

        <Card title={t('form.caps')} size="small" style={{ marginBottom: 16 }}>
          <Row gutter={16}>
            <Col xs={24} md={8}>
              <Form.Item name="maxGrantFen" label={t('fields.maxGrant')} rules={[yuanRule()]}>
                <Input inputMode="decimal" prefix="¥" />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item
                name="enterpriseAnnualCapFen"
                label={t('fields.enterpriseCap')}
                dependencies={['maxGrantFen', 'highTechAnnualCapFen']}
                rules={[
                  yuanRule(),
                  ({ getFieldValue }) => ({
                    validator: (_, v?: string) => {
                      const cap = fenOf(v);
                      const max = fenOf(getFieldValue('maxGrantFen'));
                      const high = fenOf(getFieldValue('highTechAnnualCapFen'));
                      if (cap === null || max === null) return Promise.resolve();
                      return max > cap && (high === null || max > high) ? Promise.reject(new Error(t('form.maxGrantAboveCaps'))) : Promise.resolve();
                    },
                  }),
                ]}
              >
                <Input inputMode="decimal" prefix="¥" />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item
                name="highTechAnnualCapFen"
                label={t('fields.highTechCap')}
                dependencies={['enterpriseAnnualCapFen']}
                rules={[
                  yuanRule({ optional: true }),
                  ({ getFieldValue }) => ({
                    validator: (_, v?: string) => {
                      const high = fenOf(v);
                      const cap = fenOf(getFieldValue('enterpriseAnnualCapFen'));
                      return high !== null && cap !== null && high < cap ? Promise.reject(new Error(t('form.highTechBelowCap'))) : Promise.resolve();
                    },
                  }),
                ]}
              >
                <Input inputMode="decimal" prefix="¥" />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="providerAnnualCapFen" label={t('fields.providerCap')} rules={[yuanRule({ optional: true })]}>
                <Input inputMode="decimal" prefix="¥" />
              </Form.Item>
            </Col>
          </Row>
        </Card>

        <Card title={t('form.review')} size="small" style={{ marginBottom: 16 }}>
          <Row gutter={16}>
            <Col xs={24} md={8}>
              <Form.Item name="reviewLevels" label={t('fields.reviewLevels')} rules={[{ type: 'array', min: 1, message: t('form.oneLevel') }]}>
                <Checkbox.Group options={REVIEW_LEVELS.map((l) => ({ value: l, label: t(`reviewLevel.${l}`) }))} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="secondApprovalAboveFen" label={t('fields.secondApproval')} extra={t('form.secondApprovalHelp')} rules={[yuanRule({ optional: true, min: 0 })]}>
                <Input inputMode="decimal" prefix="¥" />
              </Form.Item>
            </Col>
            <Col xs={12} md={4}>
              <Form.Item name="claimDeadlineDays" label={t('fields.claimDeadlineDays')} rules={[required(t('fields.claimDeadlineDays')), { type: 'integer', min: 1, max: 3650 }]}>
                <InputNumber min={1} max={3650} precision={0} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col xs={12} md={4}>
              <Form.Item name="reviewDeadlineWorkingDays" label={t('fields.reviewDeadline')} rules={[required(t('fields.reviewDeadline')), { type: 'integer', min: 1, max: 120 }]}>
                <InputNumber min={1} max={120} precision={0} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
          </Row>
        </Card>

        <Space wrap>
          <Button type="primary" htmlType="submit" loading={save.isPending}>
            {editing ? t('form.save') : t('form.create')}
          </Button>
          <Button onClick={() => navigate(program ? `/admin/programs/${program.id}` : '/admin/programs')}>{tc('actions.cancel')}</Button>
        </Space>
      </Form>
    </>
  );
}

/** The rows of the live share check: each region that must sum to 10,000 bp, and whether it does. */
function shareCheckRows(
  sources: FundingSource[],
  eligible: string[],
  problems: ReturnType<typeof shareProblems>,
  regions: { code: string; name: string }[] | undefined,
  t: (k: string, o?: Record<string, unknown>) => string,
): { label: string; sum: number; ok: boolean }[] {
  const clean = sources.filter(Boolean).map((s) => ({ ...s, regionCode: s.regionCode || null, shareBp: Number(s.shareBp) || 0 }));
  const regionsToCheck = [...new Set([...eligible, ...clean.flatMap((s) => (s.regionCode ? [s.regionCode] : []))])].sort();
  const rows = regionsToCheck.map((r) => {
    const p = problems.find((x) => x.kind === 'region' && x.region === r);
    const sum = p ? p.sum : 10_000;
    return { label: regionName(regions, r), sum, ok: !p };
  });
  for (const p of problems.filter((x) => x.kind !== 'region')) {
    rows.push({ label: p.kind === 'anyOther' ? t('form.anyOtherRegion') : t('form.otherCountiesOf', { region: regionName(regions, p.region) }), sum: p.sum, ok: false });
  }
  if (eligible.length === 0 && !problems.some((p) => p.kind === 'anyOther')) rows.push({ label: t('form.anyOtherRegion'), sum: 10_000, ok: true });
  return rows;
}
