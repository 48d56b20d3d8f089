// The portal's home: verification status, the voucher balance and the latest orders.
import { Button, Card, Col, List, Row, Space, Statistic, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { Money } from '../../components/Money';
import { QueryState } from '../../components/QueryState';
import { OrderStatusTag } from '../../components/orders';
import { formatFen } from '../../lib/money';
import { VerificationBanner, VerificationTag } from './common';
import { useBuyerOrders, useEnterprise, useEnterpriseId, useGrants } from './data';

export function OverviewPage() {
  const { t } = useTranslation('enterprise');
  const navigate = useNavigate();
  const id = useEnterpriseId();
  const enterprise = useEnterprise(id);
  const grants = useGrants(id);
  const orders = useBuyerOrders(undefined, 1, 5);
  const active = (grants.data ?? []).filter((g) => g.status === 'active');
  return (
    <>
      <Typography.Title level={3} className="page-title">{t('overview.title')}</Typography.Title>
      <QueryState query={enterprise} rows={2}>
        {(e) => (
          <>
            <VerificationBanner enterprise={e} />
            <Card size="small" style={{ marginBottom: 16 }}>
              <Space wrap>
                <Typography.Text strong>{e.name}</Typography.Text>
                <VerificationTag status={e.status} />
                <Typography.Text type="secondary">{t(`sizeClass.${e.sizeClass}`)}</Typography.Text>
                <Link to="/enterprise/profile">{t('overview.profileLink')}</Link>
              </Space>
            </Card>
          </>
        )}
      </QueryState>
      <Row gutter={[16, 16]}>
        <Col xs={24} md={10}>
          <Card title={t('overview.wallet')} size="small" extra={<Link to="/enterprise/wallet">{t('overview.walletLink')}</Link>}>
            <QueryState query={grants} rows={2} isEmpty={(d) => d.length === 0} empty={<>{t('wallet.empty')} <Link to="/enterprise/programs">{t('wallet.applyLink')}</Link></>}>
              {() => (
                <Row gutter={8}>
                  <Col span={12}>
                    <Statistic title={t('wallet.available')} value={formatFen(active.reduce((s, g) => s + g.availableFen, 0))} />
                  </Col>
                  <Col span={12}>
                    <Statistic title={t('wallet.held')} value={formatFen(active.reduce((s, g) => s + g.heldFen, 0))} />
                  </Col>
                </Row>
              )}
            </QueryState>
          </Card>
        </Col>
        <Col xs={24} md={14}>
          <Card
            title={t('overview.recentOrders')}
            size="small"
            extra={<Link to="/enterprise/orders">{t('overview.allOrders')}</Link>}
          >
            <QueryState query={orders} rows={3} isEmpty={(d) => d.items.length === 0} empty={t('orders.empty')}>
              {(d) => (
                <List
                  size="small"
                  dataSource={d.items}
                  renderItem={(o) => (
                    <List.Item key={o.id} extra={<Money fen={o.contract?.priceFen ?? o.quote?.priceFen} />}>
                      <Space wrap size={6}>
                        <Link to={`/enterprise/orders/${o.id}`}>{o.offeringTitle}</Link>
                        <OrderStatusTag status={o.status} />
                      </Space>
                    </List.Item>
                  )}
                />
              )}
            </QueryState>
          </Card>
        </Col>
      </Row>
      <Space wrap style={{ marginTop: 16 }}>
        <Button type="primary" onClick={() => void navigate('/')}>{t('overview.findServices')}</Button>
        <Button onClick={() => void navigate('/enterprise/programs')}>{t('overview.applyVoucher')}</Button>
      </Space>
    </>
  );
}
