// The decision on a claim at its current level: approve, reject or return for revision. A reason is
// required to reject or return (here as in the API); the version the reviewer saw is sent, and a
// 409 STALE_VERSION explains who decided meanwhile and reloads the claim.
import { useEffect, useState } from 'react';
import { Alert, Form, Input, Modal, Radio, Typography } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, call, type ApiError } from '../../../api/client';
import { Money } from '../../../components/Money';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { applyProblemToForm, useIdempotencyKey } from '../../../lib/forms';
import { useStaff } from '../common';
import { StaleExplanation, claimKey, isStale, levelText, mayDecide, type Claim } from './shared';

export type Decision = 'approve' | 'reject' | 'return';

interface Values {
  decision: Decision;
  reason?: string;
}

export function DecisionDialog({
  claim: c,
  open,
  initial,
  onClose,
  onDecided,
}: {
  claim: Claim;
  open: boolean;
  initial: Decision;
  onClose: () => void;
  onDecided: (updated: Claim, decision: Decision) => void;
}) {
  const { t } = useTranslation('adminClaims');
  const qc = useQueryClient();
  const staff = useStaff();
  const [form] = Form.useForm<Values>();
  const [stale, setStale] = useState<ApiError | null>(null);
  const { key, settle } = useIdempotencyKey();
  const decision = Form.useWatch('decision', form) ?? initial;
  const decide = useMutation({
    mutationFn: (v: Values) =>
      call(
        api.POST('/api/v1/admin/claims/{id}/decision', {
          params: { path: { id: c.id } },
          headers: { 'Idempotency-Key': key },
          body: { decision: v.decision, reason: v.reason?.trim() || undefined, version: c.version },
        }),
      ) as Promise<Claim>,
    onSuccess: (updated, v) => {
      qc.setQueryData(claimKey(c.id), updated);
      void qc.invalidateQueries({ queryKey: ['admin', 'claims', 'queue'] });
      void qc.invalidateQueries({ queryKey: ['admin', 'queues'] });
      onDecided(updated, v.decision);
    },
    onError: (e) => {
      settle(e);
      if (isStale(e)) {
        setStale(e);
        // someone decided meanwhile: the claim as it is now (the dialog then shows its new state)
        void qc.invalidateQueries({ queryKey: claimKey(c.id) });
        void qc.invalidateQueries({ queryKey: ['admin', 'claims', 'queue'] });
      } else applyProblemToForm(form, e);
    },
  });

  useEffect(() => {
    if (open) {
      form.setFieldsValue({ decision: initial, reason: undefined });
      setStale(null);
      decide.reset();
    }
  }, [open, initial]); // eslint-disable-line react-hooks/exhaustive-deps

  const needsReason = decision === 'reject' || decision === 'return';
  const allowed = mayDecide(staff, c);
  const otherError = decide.error && !isStale(decide.error) ? decide.error : null;
  return (
    <Modal
      open={open}
      title={t('decide.title', { no: c.claimNo })}
      okText={t(`decide.ok.${decision}`)}
      cancelText={t('decide.cancel')}
      okButtonProps={{ danger: decision !== 'approve', loading: decide.isPending, disabled: !allowed }}
      onCancel={onClose}
      onOk={() => form.submit()}
      forceRender
    >
      {stale ? <StaleExplanation error={stale} statusLabel={(s) => t(`status.${s}`, { defaultValue: s })} /> : null}
      {otherError ? <ProblemAlert error={otherError} /> : null}
      {!allowed ? <Alert type="info" showIcon title={t('decide.notYours')} style={{ marginBottom: 16 }} /> : null}
      <Typography.Paragraph>
        {t('decide.summary', { level: levelText(t, c), version: c.version })} <Money fen={c.amountFen} strong />
      </Typography.Paragraph>
      <Form<Values> form={form} layout="vertical" initialValues={{ decision: initial }} onFinish={(v) => decide.mutate(v)} requiredMark={false}>
        <Form.Item name="decision" label={t('decide.decision')}>
          <Radio.Group
            optionType="button"
            buttonStyle="solid"
            options={(['approve', 'reject', 'return'] as const).map((d) => ({ value: d, label: t(`decision.${d}`) }))}
            onChange={() => form.setFields([{ name: 'reason', errors: [] }])}
          />
        </Form.Item>
        <Form.Item
          name="reason"
          label={needsReason ? t('decide.reasonRequired') : t('decide.reasonOptional')}
          dependencies={['decision']}
          rules={[
            { required: needsReason, whitespace: true, message: t('decide.reasonMissing', { decision: t(`decision.${decision}`) }) },
            { max: 2000, message: t('decide.tooLong', { max: 2000 }) },
          ]}
        >
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
