import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';

export function HomePage() {
  const { t } = useTranslation();
  return <Typography.Title level={2} className="page-title">{t('nav.marketplace')}</Typography.Title>;
}
