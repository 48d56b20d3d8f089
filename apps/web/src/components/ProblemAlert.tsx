import { Alert, Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';

/** What went wrong, in words a user understands: a known code's explanation, else the API's own (localized) detail. */
export function problemText(t: (k: string, o?: Record<string, unknown>) => string, error: unknown): { title: string; detail: string } {
  if (error instanceof ApiError) {
    const known = t(`errors.${error.code}`, { defaultValue: '' });
    if (error.status === 0 || error.code === 'NETWORK') return { title: t('errors.network'), detail: t('errors.networkDetail') };
    return {
      title: known || error.problem.title || t('errors.generic'),
      detail: known ? error.problem.detail || '' : error.problem.detail || t('errors.genericDetail'),
    };
  }
  if (error instanceof TypeError) return { title: t('errors.network'), detail: t('errors.networkDetail') };
  return { title: t('errors.generic'), detail: t('errors.genericDetail') };
}

export function ProblemAlert({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  if (!error) return null;
  const { title, detail } = problemText(t, error);
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      title={title}
      description={detail || undefined}
      action={onRetry && !(error instanceof ApiError && error.status === 404) ? <Button type="link" size="small" onClick={onRetry}>{t('actions.retry')}</Button> : undefined}
      style={{ marginBottom: 16 }}
    />
  );
}
