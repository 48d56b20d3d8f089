// Staff administration (/admin/staff, super-admins): the staff accounts (GET /admin/staff), a new
// account with its roles and their jurisdictions (POST /admin/staff), a change of roles and
// disabling or enabling an account (PATCH /admin/staff/:id). The API's field errors are shown next
// to their fields, including those of one role's line.
import { useState } from 'react';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { App as AntApp, Button, Form, Input, Modal, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import type { FormInstance } from 'antd';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, ApiError, call, type Schemas } from '../../../api/client';
import { useAuth } from '../../../auth/auth';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { QueryState } from '../../../components/QueryState';
import { useIdempotencyKey } from '../../../lib/forms';
import { CITY_CODE, DateTime, PageTitle, pagination, TableWrap, useTableState, type StaffRole } from '../common';
import { useRegionName, useRegions } from './shared';
import { listSep, withAside, colon } from '../../../lib/text';

type Member = Schemas['StaffMemberDto'];
type Grant = Schemas['StaffGrantDto'];
const ROLES: StaffRole[] = ['county_reviewer', 'city_reviewer', 'program_officer', 'finance_officer', 'auditor', 'super_admin'];

/**
 * Puts the API's field errors next to their fields: `roles.0.regionCodes` goes to that role line's
 * region picker, `roles` to the list; answers true when every error found a field.
 */
function placeErrors(form: FormInstance, error: unknown, fields: string[]): boolean {
  if (!(error instanceof ApiError)) return false;
  if (error.code === 'EMAIL_TAKEN' && fields.includes('email')) {
    form.setFields([{ name: 'email', errors: [error.problem.detail || error.problem.title] }]);
    return true;
  }
  const byField = error.fieldErrors;
  const names = Object.keys(byField);
  if (names.length === 0) return false;
  let placed = 0;
  const out = names.flatMap((name) => {
    const path = name.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p));
    if (!fields.includes(String(path[0]))) return [];
    placed++;
    return [{ name: path.length === 1 ? path[0] : path, errors: byField[name] }];
  });
  form.setFields(out as never);
  return placed === names.length;
}

export default function StaffPage() {
  const { t } = useTranslation('adminInsight');
  const { t: ta } = useTranslation('admin');
  const { me } = useAuth();
  const region = useRegionName();
  const state = useTableState();
  const qc = useQueryClient();
  const { message } = AntApp.useApp();
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<Member | null>(null);
  const staff = useQuery({
    queryKey: ['admin', 'staff', state.page, state.pageSize],
    placeholderData: keepPreviousData,
    queryFn: ({ signal }) => call(api.GET('/api/v1/admin/staff', { params: { query: { page: state.page, pageSize: state.pageSize } }, signal })),
  });
  const toggle = useMutation({
    mutationFn: (m: Member) => call(api.PATCH('/api/v1/admin/staff/{id}', { params: { path: { id: m.id } }, body: { disabled: !m.disabled } })),
    onSuccess: (m) => {
      void message.success(m.disabled ? t('staff.disabledDone', { name: m.displayName }) : t('staff.enabledDone', { name: m.displayName }));
      void qc.invalidateQueries({ queryKey: ['admin', 'staff'] });
    },
  });
  return (
    <div className="insight-page" data-testid="staff-page">
      <PageTitle extra={<Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setCreating(true)}>{t('staff.create')}</Button>}>{t('staff.title')}</PageTitle>
      <Typography.Paragraph type="secondary">{t('staff.intro')}</Typography.Paragraph>
      {toggle.error ? <ProblemAlert error={toggle.error} /> : null}
      <section className="insight-section" aria-label={t('staff.title')}>
        <QueryState query={staff} isEmpty={(d) => d.items.length === 0} empty={t('staff.empty')} rows={8}>
          {(d) => (
            <TableWrap label={t('staff.title')}>
              <Table<Member>
                rowKey="id"
                size="small"
                scroll={{ x: 'max-content' }}
                dataSource={d.items}
                pagination={pagination(state, d.total, ta)}
                data-testid="staff-table"
                columns={[
                  {
                    title: t('staff.name'),
                    key: 'name',
                    render: (_, m) => (
                      <>
                        <div>{m.displayName}{m.id === me?.user?.id ? <Tag style={{ marginInlineStart: 6 }}>{t('staff.you')}</Tag> : null}</div>
                        <Typography.Text type="secondary">{m.email}</Typography.Text>
                      </>
                    ),
                  },
                  {
                    title: t('staff.roles'),
                    key: 'roles',
                    render: (_, m) => (
                      <div className="staff-grants">
                        {m.roles.map((g) => (
                          <Tag key={g.role} color={g.role === 'super_admin' ? 'red' : 'blue'}>
                            {t(`roles.${g.role}`)}{colon()}{g.regionCodes.map(region).join(listSep())}
                          </Tag>
                        ))}
                      </div>
                    ),
                  },
                  { title: t('staff.status'), dataIndex: 'disabled', render: (v: boolean) => (v ? <span className="insight-tag bad">{t('staff.disabled')}</span> : <span className="insight-tag ok">{t('staff.active')}</span>) },
                  { title: t('staff.createdAt'), dataIndex: 'createdAt', render: (v: string) => <DateTime value={v} /> },
                  {
                    title: ta('table.actions'),
                    key: 'actions',
                    render: (_, m) => (
                      <Space wrap>
                        <Button size="small" onClick={() => setEditing(m)} aria-label={t('staff.editOf', { name: m.displayName })}>{t('staff.edit')}</Button>
                        <Popconfirm
                          title={m.disabled ? t('staff.enableConfirm', { name: m.displayName }) : t('staff.disableConfirm', { name: m.displayName })}
                          okText={m.disabled ? t('staff.enable') : t('staff.disable')}
                          cancelText={t('staff.cancel')}
                          onConfirm={() => toggle.mutateAsync(m).catch(() => undefined)}
                        >
                          <Button size="small" danger={!m.disabled} loading={toggle.isPending && toggle.variables?.id === m.id} aria-label={(m.disabled ? t('staff.enableOf', { name: m.displayName }) : t('staff.disableOf', { name: m.displayName }))}>
                            {m.disabled ? t('staff.enable') : t('staff.disable')}
                          </Button>
                        </Popconfirm>
                      </Space>
                    ),
                  },
                ]}
              />
            </TableWrap>
          )}
        </QueryState>
      </section>
      {creating ? <CreateDialog onClose={() => setCreating(false)} /> : null}
      {editing ? <EditDialog member={editing} onClose={() => setEditing(null)} /> : null}
    </div>
  );
}

/** The role lines: a role and its jurisdiction (region codes) each. */
function GrantsField() {
  const { t, i18n } = useTranslation('adminInsight');
  const regions = useRegions();
  const en = i18n.language === 'en-US';
  const regionOptions = [...(regions.data?.values() ?? [])]
    .sort((a, b) => (a.code === CITY_CODE ? -1 : b.code === CITY_CODE ? 1 : a.code.localeCompare(b.code)))
    .map((r) => ({ value: r.code, label: withAside(en ? r.nameEn : r.nameZh, r.code) }));
  return (
    <Form.List
      name="roles"
      rules={[
        {
          validator: async (_, v: unknown[] | undefined) => {
            if (!v || v.length === 0) throw new Error(t('staff.rolesRequired'));
          },
        },
      ]}
    >
      {(fields, { add, remove }, { errors }) => (
        <fieldset className="staff-grants-field">
          <legend className="ant-form-item-label">{t('staff.rolesLegend')}</legend>
          {fields.map((field, i) => (
            <div key={field.key} className="staff-grant-row">
              <Form.Item name={[field.name, 'role']} label={t('staff.roleN', { n: i + 1 })} rules={[{ required: true, message: t('staff.roleRequired') }]}>
                <Select options={ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))} />
              </Form.Item>
              <Form.Item name={[field.name, 'regionCodes']} label={t('staff.regionsN', { n: i + 1 })} rules={[{ required: true, type: 'array', min: 1, message: t('staff.regionsRequired') }]} extra={i === 0 ? t('staff.regionsHint') : undefined}>
                <Select mode="multiple" loading={regions.isPending} options={regionOptions} optionFilterProp="label" showSearch={{ optionFilterProp: 'label' }} />
              </Form.Item>
              <Form.Item label={<span className="sr-only">{t('staff.removeRole', { n: i + 1 })}</span>}>
                <Button icon={<DeleteOutlined aria-hidden />} onClick={() => remove(field.name)} aria-label={t('staff.removeRole', { n: i + 1 })} disabled={fields.length === 1} />
              </Form.Item>
            </div>
          ))}
          <Form.ErrorList errors={errors} />
          {fields.length < ROLES.length ? (
            <Button type="dashed" icon={<PlusOutlined aria-hidden />} onClick={() => add({ role: undefined, regionCodes: [] })}>
              {t('staff.addRole')}
            </Button>
          ) : null}
        </fieldset>
      )}
    </Form.List>
  );
}

interface CreateValues {
  email: string;
  displayName: string;
  password: string;
  locale: 'zh' | 'en';
  roles: Grant[];
}

function CreateDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation('adminInsight');
  const [form] = Form.useForm<CreateValues>();
  const qc = useQueryClient();
  const { message } = AntApp.useApp();
  const idem = useIdempotencyKey();
  const [problem, setProblem] = useState<unknown>(null);
  const create = useMutation({
    mutationFn: (v: CreateValues) =>
      call(api.POST('/api/v1/admin/staff', { body: { ...v, email: v.email.trim(), displayName: v.displayName.trim() }, headers: { 'Idempotency-Key': idem.key } as never })),
    onSuccess: (m) => {
      void message.success(t('staff.created', { name: m.displayName }));
      void qc.invalidateQueries({ queryKey: ['admin', 'staff'] });
      onClose();
    },
    onError: (e) => {
      idem.settle(e);
      setProblem(placeErrors(form, e, ['email', 'displayName', 'password', 'locale', 'roles']) ? null : e);
    },
  });
  return (
    <Modal open title={t('staff.createTitle')} onCancel={onClose} okText={t('staff.createOk')} cancelText={t('staff.cancel')} confirmLoading={create.isPending} onOk={() => form.submit()} width={720} destroyOnHidden>
      {problem ? <ProblemAlert error={problem} /> : null}
      <Form<CreateValues>
        form={form}
        layout="vertical"
        initialValues={{ locale: 'zh', roles: [{ role: undefined, regionCodes: [] }] }}
        onFinish={(v) => {
          setProblem(null);
          create.mutate(v);
        }}
        data-testid="staff-create-form"
      >
        <Form.Item name="email" label={t('staff.email')} rules={[{ required: true, message: t('staff.emailRequired') }, { type: 'email', message: t('staff.emailInvalid') }]}>
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item name="displayName" label={t('staff.displayName')} rules={[{ required: true, whitespace: true, message: t('staff.displayNameRequired') }, { max: 100 }]}>
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item name="password" label={t('staff.password')} extra={t('staff.passwordHint')} rules={[{ required: true, message: t('staff.passwordRequired') }, { min: 10, message: t('staff.passwordShort') }, { max: 128 }]}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item name="locale" label={t('staff.locale')}>
          <Select options={[{ value: 'zh', label: '简体中文' }, { value: 'en', label: 'English' }]} />
        </Form.Item>
        <GrantsField />
      </Form>
    </Modal>
  );
}

function EditDialog({ member, onClose }: { member: Member; onClose: () => void }) {
  const { t } = useTranslation('adminInsight');
  const [form] = Form.useForm<{ roles: Grant[] }>();
  const qc = useQueryClient();
  const { message } = AntApp.useApp();
  const [problem, setProblem] = useState<unknown>(null);
  const save = useMutation({
    mutationFn: (v: { roles: Grant[] }) => call(api.PATCH('/api/v1/admin/staff/{id}', { params: { path: { id: member.id } }, body: { roles: v.roles } })),
    onSuccess: (m) => {
      void message.success(t('staff.saved', { name: m.displayName }));
      void qc.invalidateQueries({ queryKey: ['admin', 'staff'] });
      onClose();
    },
    onError: (e) => setProblem(placeErrors(form, e, ['roles']) ? null : e),
  });
  return (
    <Modal open title={t('staff.editTitle', { name: member.displayName })} onCancel={onClose} okText={t('staff.save')} cancelText={t('staff.cancel')} confirmLoading={save.isPending} onOk={() => form.submit()} width={720} destroyOnHidden>
      <Typography.Paragraph type="secondary">{member.email}</Typography.Paragraph>
      {problem ? <ProblemAlert error={problem} /> : null}
      <Form
        form={form}
        layout="vertical"
        initialValues={{ roles: member.roles.map((g) => ({ role: g.role, regionCodes: [...g.regionCodes] })) }}
        onFinish={(v) => {
          setProblem(null);
          save.mutate(v);
        }}
        data-testid="staff-edit-form"
      >
        <GrantsField />
      </Form>
    </Modal>
  );
}
