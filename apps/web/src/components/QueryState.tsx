import type { ReactNode } from 'react';
import { Empty, Skeleton } from 'antd';
import type { UseQueryResult } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from './ProblemAlert';

/**
 * The three states every list and page has besides its content: a loading skeleton, an error in
 * words with a retry, and an empty state (when `isEmpty` says so).
 */
export function QueryState<T>({
  query,
  children,
  isEmpty,
  empty,
  rows = 4,
}: {
  query: UseQueryResult<T>;
  children: (data: T) => ReactNode;
  isEmpty?: (data: T) => boolean;
  empty?: ReactNode;
  rows?: number;
}) {
  const { t } = useTranslation();
  if (query.isPending) return <Skeleton active paragraph={{ rows }} aria-busy="true" aria-label={t('states.loading')} />;
  if (query.isError) return <ProblemAlert error={query.error} onRetry={() => void query.refetch()} />;
  if (isEmpty?.(query.data)) return <Empty description={empty ?? t('states.empty')} />;
  return <>{children(query.data)}</>;
}
