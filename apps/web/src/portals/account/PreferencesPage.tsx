import { Button, Card, Switch, Table, Tag, Typography, App } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, call, type Schemas } from '../../api/client';
import { ProblemAlert } from '../../components/ProblemAlert';
import { QueryState } from '../../components/QueryState';
import { useState } from 'react';

type Pref = Schemas['PreferenceViewDto'];

export function PreferencesPage() {
  const { t, i18n } = useTranslation('account');
  const { message } = App.useApp();
  const qc = useQueryClient();
  const q = useQuery({ queryKey: ['notification-preferences', i18n.language], queryFn: () => call(api.GET('/api/v1/me/notification-preferences')) });
  const [draft, setDraft] = useState<Record<string, Pick<Pref, 'inApp' | 'email'>>>({});
  const save = useMutation({
    mutationFn: (prefs: Pref[]) =>
      call(api.PUT('/api/v1/me/notification-preferences', { body: { preferences: prefs.map((p) => ({ category: p.category, inApp: p.inApp, email: p.email })) } })),
    onSuccess: () => {
      setDraft({});
      void qc.invalidateQueries({ queryKey: ['notification-preferences'] });
      void message.success(t('common:states.saved'));
    },
  });
  return (
    <Card>
      <Typography.Title level={3} className="page-title">{t('preferences.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('preferences.intro')}</Typography.Paragraph>
      <ProblemAlert error={save.error} />
      <QueryState query={q}>
        {(d) => {
          const rows = d.map((p) => ({ ...p, ...draft[p.category] }));
          const set = (p: Pref, k: 'inApp' | 'email', v: boolean) => setDraft((old) => ({ ...old, [p.category]: { ...{ inApp: p.inApp, email: p.email }, ...old[p.category], [k]: v } }));
          return (
            <>
              <Table<Pref>
                rowKey="category"
                pagination={false}
                dataSource={rows}
                scroll={{ x: 'max-content' }}
                columns={[
                  { title: t('preferences.category'), dataIndex: 'name', render: (name: string, p) => <>{name} {p.essential && <Tag>{t('preferences.essential')}</Tag>}</> },
                  { title: t('preferences.inApp'), dataIndex: 'inApp', render: (v: boolean, p) => <Switch checked={v} disabled={p.essential} aria-label={`${p.name} ${t('preferences.inApp')}`} onChange={(c) => set(p, 'inApp', c)} /> },
                  { title: t('preferences.email'), dataIndex: 'email', render: (v: boolean, p) => <Switch checked={v} disabled={p.essential} aria-label={`${p.name} ${t('preferences.email')}`} onChange={(c) => set(p, 'email', c)} /> },
                ]}
              />
              <Button type="primary" style={{ marginTop: 16 }} disabled={Object.keys(draft).length === 0} loading={save.isPending} onClick={() => save.mutate(rows)}>
                {t('common:actions.save')}
              </Button>
            </>
          );
        }}
      </QueryState>
    </Card>
  );
}
