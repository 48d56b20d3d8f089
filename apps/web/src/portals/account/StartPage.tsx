import { Card, Col, Row, Typography } from 'antd';
import { ShopOutlined, SolutionOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

/** After registering: an enterprise buys services with vouchers; a provider applies for admission. */
export function StartPage() {
  const { t } = useTranslation('account');
  return (
    <>
      <Typography.Title level={3} className="page-title">{t('start.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('start.intro')}</Typography.Paragraph>
      <Row gutter={[16, 16]}>
        <Col xs={24} md={12}>
          <Link to="/enterprise">
            <Card hoverable>
              <Card.Meta avatar={<ShopOutlined style={{ fontSize: 32 }} />} title={t('start.enterprise')} description={t('start.enterpriseText')} />
            </Card>
          </Link>
        </Col>
        <Col xs={24} md={12}>
          <Link to="/provider">
            <Card hoverable>
              <Card.Meta avatar={<SolutionOutlined style={{ fontSize: 32 }} />} title={t('start.provider')} description={t('start.providerText')} />
            </Card>
          </Link>
        </Col>
      </Row>
    </>
  );
}
