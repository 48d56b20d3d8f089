// A problem of a user action: the API's explanation (ProblemAlert) and, for the conflicts an
// enterprise meets (an expired quote, a changed subsidy, an e-mail without an account…), what to
// do next (the enterprise namespace's problems.<CODE>).
import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { ProblemAlert } from '../../components/ProblemAlert';

export function ActionProblem({ error }: { error: unknown }) {
  const { t } = useTranslation('enterprise');
  if (!error) return null;
  const hint = error instanceof ApiError ? t(`problems.${error.code}`, { defaultValue: '' }) : '';
  return (
    <div data-testid="action-problem">
      <ProblemAlert error={error} />
      {hint ? <Typography.Paragraph style={{ marginTop: -8 }}>{hint}</Typography.Paragraph> : null}
    </div>
  );
}
