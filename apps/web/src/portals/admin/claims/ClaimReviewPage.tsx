// /admin/claims/:id: a claim's review. The evidence (the contract PDF, the fapiao beside the order
// with mismatches said in words, the payment proof, the delivery report, extra files), the risk
// flags with their evidence, the approval trail, and the decision at the claim's current level.
// Keyboard: j/n next and k/p previous claim of the queue it was opened from (its filters ride in
// the URL), a approve, r reject, t return; the next claim opens after a decision.
import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { App, Button, Card, Col, Descriptions, Form, Input, Modal, Popover, Radio, Row, Space, Table, Tag, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { useAuth } from '../../../auth/auth';
import { api, ApiError, call } from '../../../api/client';
import { Money } from '../../../components/Money';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { FileButton } from '../../../components/orders';
import { useIdempotencyKey } from '../../../lib/forms';
import { Age, DateTime, PageTitle, useStaff } from '../common';
import { reviewHref, useRegionNames } from './ClaimQueuePage';
import { DecisionDialog, type Decision } from './DecisionDialog';
import { RiskFlags } from './RiskFlags';
import { ClaimStatusTag, PageState, TableWrap, claimKey, fetchQueue, approvedBy, isOverdue, levelText, mayDecide, queueKey, queueQueryOf, useQueue, useWho, type Claim, type Order } from './shared';

function useClaim(id: string) {
  return useQuery({ queryKey: claimKey(id), queryFn: () => call(api.GET('/api/v1/claims/{id}', { params: { path: { id } } })) as Promise<Claim>, retry: (n, e) => n < 2 && !(e instanceof Error && 'status' in e && (e as { status: number }).status < 500) });
}

/** The organizations and the order of a claim, each read once (a party outside the jurisdiction stays unnamed). */
function useContext(c: Claim | undefined) {
  const enterprise = useQuery({
    queryKey: ['admin', 'enterprise', c?.enterpriseId],
    enabled: !!c,
    retry: false,
    queryFn: () => call(api.GET('/api/v1/enterprises/{id}', { params: { path: { id: c!.enterpriseId } } })),
  });
  const provider = useQuery({
    queryKey: ['admin', 'provider', c?.providerId],
    enabled: !!c,
    retry: false,
    queryFn: () => call(api.GET('/api/v1/providers/{id}', { params: { path: { id: c!.providerId } } })),
  });
  const order = useQuery({
    queryKey: ['admin', 'order', c?.orderId],
    enabled: !!c,
    retry: false,
    queryFn: () => call(api.GET('/api/v1/orders/{id}', { params: { path: { id: c!.orderId } } })) as Promise<Order>,
  });
  return { enterprise, provider, order };
}

const typing = (el: EventTarget | null): boolean => {
  if (!(el instanceof HTMLElement)) return false;
  return el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName) || el.closest('[role="dialog"], .ant-select-dropdown, [role="listbox"]') !== null;
};

export function ClaimReviewPage() {
  const { id = '' } = useParams();
  const claim = useClaim(id);
  return (
    <div className="admin-claims-page">
      <PageState query={claim}>{(c) => <Review key={c.id} claim={c} />}</PageState>
    </div>
  );
}

function Review({ claim: c }: { claim: Claim }) {
  const { t } = useTranslation('adminClaims');
  const { message } = App.useApp();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const staff = useStaff();
  const { me } = useAuth();
  const [params] = useSearchParams();
  const [deciding, setDeciding] = useState<Decision | null>(null);
  const [holding, setHolding] = useState(false);
  const [help, setHelp] = useState(false);
  const ctx = useContext(c);
  const regions = useRegionNames();

  // the queue this claim was opened from: next and previous walk it, page by page
  const q = queueQueryOf((k) => params.get(k));
  const queue = useQueue(q);
  const items = queue.data?.items ?? [];
  const idx = items.findIndex((x) => x.id === c.id);

  const neighbour = useCallback(
    async (step: 1 | -1): Promise<{ id: string; page: number } | null> => {
      if (!queue.data) return null;
      const at = idx === -1 ? (step === 1 ? -1 : items.length) : idx;
      const hit = items[at + step];
      if (hit && hit.id !== c.id) return { id: hit.id, page: q.page };
      const page = q.page + step;
      if (page < 1 || (step === 1 && q.page * q.pageSize >= queue.data.total)) return null;
      const other = await qc.fetchQuery({ queryKey: queueKey({ ...q, page }), queryFn: () => fetchQueue({ ...q, page }) });
      const pick = step === 1 ? other.items[0] : other.items[other.items.length - 1];
      return pick && pick.id !== c.id ? { id: pick.id, page } : null;
    },
    [queue.data, idx, items, c.id, q, qc],
  );

  const go = useCallback(
    async (step: 1 | -1, after?: string) => {
      const to = await neighbour(step);
      if (!to) {
        if (after) {
          void message.info(after + t('nav.queueDone'));
          void navigate(`/admin/claims${queueSearch(params)}`);
        } else void message.info(t(step === 1 ? 'nav.noNext' : 'nav.noPrevious'));
        return;
      }
      const next = new URLSearchParams(params);
      if (to.page !== q.page) next.set('page', String(to.page));
      if (after) void message.success(after + t('nav.openingNext'));
      void navigate(reviewHref(to.id, next));
    },
    [neighbour, navigate, params, q.page, message, t],
  );

  const allowed = mayDecide(staff, c, me?.user.id);
  const approvedEarlier = c.status === 'in_review' && approvedBy(c, me?.user.id);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || e.repeat || typing(e.target) || deciding || holding) return;
      const k = e.key.toLowerCase();
      if (k === 'j' || k === 'n') void go(1);
      else if (k === 'k' || k === 'p') void go(-1);
      else if (k === '?') setHelp((h) => !h);
      else if (allowed && (k === 'a' || k === 'r' || k === 't')) setDeciding(k === 'a' ? 'approve' : k === 'r' ? 'reject' : 'return');
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [go, allowed, deciding, holding]);

  const names = { enterprise: c.enterpriseName ?? ctx.enterprise.data?.name, provider: c.providerName ?? ctx.provider.data?.name };
  const shortcuts = (
    <div>
    <dl className="admin-claims-shortcuts">
      {(['next', 'previous', 'approve', 'reject', 'return', 'help'] as const).map((k) => (
        <div key={k}>
          <dt>
            {t(`keys.${k}.keys`)
              .split(' ')
              .map((key) => (
                <kbd key={key}>{key}</kbd>
              ))}
          </dt>
          <dd>{t(`keys.${k}.label`)}</dd>
        </div>
      ))}
    </dl>
    <Typography.Text type="secondary">{t('keys.note')}</Typography.Text>
    </div>
  );
  const canHold = staff.has('program_officer') && ((c.flags ?? []).includes('payment_held') || c.lines.some((l) => l.status === 'held'));

  return (
    <>
      <Typography.Paragraph style={{ marginBottom: 8 }}>
        <Link to={`/admin/claims${queueSearch(params)}`}>← {t('review.back')}</Link>
      </Typography.Paragraph>
      <PageTitle
        extra={
          <>
            <Button onClick={() => void go(-1)} aria-keyshortcuts="k p">{t('nav.previous')}</Button>
            <Button onClick={() => void go(1)} aria-keyshortcuts="j n">{t('nav.next')}</Button>
            <Popover open={help} onOpenChange={setHelp} trigger="click" title={t('keys.title')} content={shortcuts}>
              <Button aria-keyshortcuts="?" aria-expanded={help}>{t('keys.button')}</Button>
            </Popover>
          </>
        }
      >
        {t('review.title', { no: c.claimNo })} <ClaimStatusTag status={c.status} />
      </PageTitle>

      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        {allowed ? (
          <Card size="small" className="admin-claims-decide">
            <Space wrap>
              <Typography.Text strong>{t('review.yourDecision', { level: levelText(t, c) })}</Typography.Text>
              <Button type="primary" onClick={() => setDeciding('approve')} aria-keyshortcuts="a">{t('decision.approve')}</Button>
              <Button danger onClick={() => setDeciding('reject')} aria-keyshortcuts="r">{t('decision.reject')}</Button>
              <Button onClick={() => setDeciding('return')} aria-keyshortcuts="t">{t('decision.return')}</Button>
            </Space>
          </Card>
        ) : approvedEarlier ? (
          <Typography.Paragraph type="secondary" style={{ margin: 0 }} data-testid="approved-earlier">
            {t('review.approvedEarlier', { level: levelText(t, c) })}
          </Typography.Paragraph>
        ) : c.status === 'in_review' ? (
          <Typography.Paragraph type="secondary" style={{ margin: 0 }}>{t('review.notYourLevel', { level: levelText(t, c) })}</Typography.Paragraph>
        ) : null}
        {canHold ? (
          <Card size="small">
            <Space wrap>
              <Typography.Text>{t('hold.held')}</Typography.Text>
              <Button onClick={() => setHolding(true)}>{t('hold.button')}</Button>
            </Space>
          </Card>
        ) : null}

        <Summary claim={c} names={names} regionName={regions.data?.get(c.regionCode)} />
        <RiskFlags claim={c} names={names} />
        <Row gutter={[16, 16]}>
          <Col xs={24} xxl={14}>
            <InvoiceCheck claim={c} ctx={ctx} />
          </Col>
          <Col xs={24} xxl={10}>
            <EvidenceFiles claim={c} order={ctx.order.data} />
          </Col>
        </Row>
        <Trail claim={c} />
        {c.lines.length > 0 ? <Lines claim={c} /> : null}
      </Space>

      <DecisionDialog
        claim={c}
        open={deciding !== null}
        initial={deciding ?? 'approve'}
        onClose={() => setDeciding(null)}
        onDecided={(_u, d) => {
          setDeciding(null);
          void go(1, t(`decided.${d}`, { no: c.claimNo }));
        }}
      />
      <PaymentHoldDialog claim={c} open={holding} onClose={() => setHolding(false)} />
    </>
  );
}

function queueSearch(params: URLSearchParams): string {
  const href = reviewHref('x', params);
  const i = href.indexOf('?');
  return i === -1 ? '' : href.slice(i);
}

function Summary({ claim: c, names, regionName }: { claim: Claim; names: { enterprise?: string; provider?: string }; regionName?: string }) {
  const { t } = useTranslation('adminClaims');
  return (
    <Card size="small" title={t('review.summary')}>
      <Descriptions size="small" column={{ xs: 1, sm: 1, md: 2, xl: 3 }}>
        <Descriptions.Item label={t('field.amount')}><Money fen={c.amountFen} strong /></Descriptions.Item>
        <Descriptions.Item label={t('field.price')}><Money fen={c.priceFen} /></Descriptions.Item>
        <Descriptions.Item label={t('field.settlement')}>{t(`settlement.${c.settlementMode}`)}</Descriptions.Item>
        <Descriptions.Item label={t('field.enterprise')}>
          <Link to={`/admin/organizations/${c.enterpriseId}`}>{names.enterprise ?? c.invoice.buyerTaxId}</Link>
        </Descriptions.Item>
        <Descriptions.Item label={t('field.provider')}>
          <Link to={`/admin/organizations/${c.providerId}`}>{names.provider ?? c.invoice.sellerTaxId}</Link>
        </Descriptions.Item>
        <Descriptions.Item label={t('field.claimant')}>{c.claimantId === c.providerId ? t('field.claimantProvider') : t('field.claimantEnterprise')}</Descriptions.Item>
        <Descriptions.Item label={t('field.region')}>{regionName ?? c.regionCode}</Descriptions.Item>
        <Descriptions.Item label={t('field.order')}><Link to={`/admin/orders/${c.orderId}`}>{t('field.openOrder')}</Link></Descriptions.Item>
        <Descriptions.Item label={t('field.submittedAt')}><DateTime value={c.submittedAt} /></Descriptions.Item>
        <Descriptions.Item label={t('field.level')}>{c.status === 'in_review' ? levelText(t, c) : <ClaimStatusTag status={c.status} />}</Descriptions.Item>
        {c.status === 'in_review' ? (
          <>
            <Descriptions.Item label={t('field.waiting')}><Age since={c.levelSince} /></Descriptions.Item>
            <Descriptions.Item label={t('field.due')}>
              {isOverdue(c) ? <Typography.Text type="danger" strong>{c.levelDueOn} · {t('overdue')}</Typography.Text> : c.levelDueOn}
            </Descriptions.Item>
          </>
        ) : null}
        <Descriptions.Item label={t('field.deadline')}>{c.deadlineOn}</Descriptions.Item>
        {(c.flags ?? []).length > 0 ? (
          <Descriptions.Item label={t('field.processFlags')}>
            {(c.flags ?? []).map((f) => (
              <Tag key={f}>{t(`flag.${f}`, { defaultValue: f })}</Tag>
            ))}
          </Descriptions.Item>
        ) : null}
      </Descriptions>
    </Card>
  );
}

type Check = { ok: true } | { ok: false; why: string } | { ok: null; why: string };

function CheckTag({ check }: { check: Check }) {
  const { t } = useTranslation('adminClaims');
  if (check.ok === true) return <Tag color="success" style={{ color: 'rgba(0,0,0,0.88)' }}>{t('check.match')}</Tag>;
  if (check.ok === null) return <Typography.Text type="secondary">{check.why}</Typography.Text>;
  return (
    <Typography.Text type="danger" strong className="admin-claims-mismatch">
      {t('check.mismatch')}: {check.why}
    </Typography.Text>
  );
}

/** The fapiao's fields beside what the order and the registry say, each checked in words. */
function InvoiceCheck({ claim: c, ctx }: { claim: Claim; ctx: ReturnType<typeof useContext> }) {
  const { t } = useTranslation('adminClaims');
  const inv = c.invoice as Claim['invoice'] & { sellerName?: string | null; buyerName?: string | null };
  const order = ctx.order.data;
  const enterprise = ctx.enterprise.data;
  const provider = ctx.provider.data;
  const unknown = (what: string): Check => ({ ok: null, why: t('check.unknown', { what }) });
  const signedOn = order?.contract?.signedAt ? shanghaiDate(order.contract.signedAt) : null;
  const submittedOn = shanghaiDate(c.submittedAt);
  const hidden = (q: { error: unknown }) => q.error instanceof ApiError && q.error.status === 404;
  const sameTaxId = (fapiao: string, registry: string | undefined, what: string, hiddenFromMe: boolean): Check =>
    registry === undefined
      ? hiddenFromMe
        ? { ok: null, why: t('check.outsideJurisdiction', { what }) }
        : unknown(what)
      : fapiao.toUpperCase() === registry.toUpperCase()
        ? { ok: true }
        : { ok: false, why: t('check.taxIdDiffers', { registry }) };
  const dateCheck: Check =
    inv.issuedOn > submittedOn
      ? { ok: false, why: t('check.afterSubmission', { date: submittedOn }) }
      : signedOn === null
        ? unknown(t('check.contractDate'))
        : inv.issuedOn < signedOn
          ? { ok: false, why: t('check.beforeContract', { date: signedOn }) }
          : { ok: true };
  const rows: { key: string; label: string; fapiao: ReactNode; order: ReactNode; check?: Check }[] = [
    { key: 'code', label: t('invoice.code'), fapiao: inv.code ?? t('invoice.noCode'), order: '—' },
    { key: 'number', label: t('invoice.number'), fapiao: inv.number, order: '—' },
    {
      key: 'amount',
      label: t('invoice.amount'),
      fapiao: <Money fen={inv.amountFen} />,
      order: (
        <>
          <Money fen={c.priceFen} />
          {order && order.refundFen > 0 ? <div className="admin-claims-note">{t('invoice.lessRefund')}</div> : null}
        </>
      ),
      check: inv.amountFen === c.priceFen ? { ok: true } : { ok: false, why: t('check.amountDiffers', { diff: formatDiff(inv.amountFen - c.priceFen) }) },
    },
    { key: 'date', label: t('invoice.issuedOn'), fapiao: inv.issuedOn, order: signedOn ? t('invoice.signedOn', { date: signedOn }) : '—', check: dateCheck },
    { key: 'sellerName', label: t('invoice.sellerName'), fapiao: inv.sellerName ?? '—', order: provider?.name ?? '—', check: inv.sellerName && provider ? (inv.sellerName === provider.name ? { ok: true } : { ok: false, why: t('check.nameDiffers') }) : undefined },
    { key: 'seller', label: t('invoice.sellerTaxId'), fapiao: <code>{inv.sellerTaxId}</code>, order: provider ? <code>{provider.uscc}</code> : '—', check: sameTaxId(inv.sellerTaxId, provider?.uscc, t('invoice.providerUscc'), hidden(ctx.provider)) },
    { key: 'buyerName', label: t('invoice.buyerName'), fapiao: inv.buyerName ?? '—', order: enterprise?.name ?? '—', check: inv.buyerName && enterprise ? (inv.buyerName === enterprise.name ? { ok: true } : { ok: false, why: t('check.nameDiffers') }) : undefined },
    { key: 'buyer', label: t('invoice.buyerTaxId'), fapiao: <code>{inv.buyerTaxId}</code>, order: enterprise ? <code>{enterprise.uscc}</code> : '—', check: sameTaxId(inv.buyerTaxId, enterprise?.uscc, t('invoice.enterpriseUscc'), hidden(ctx.enterprise)) },
  ];
  const mismatches = rows.filter((r) => r.check?.ok === false).length;
  return (
    <Card size="small" title={t('invoice.title')} data-testid="invoice-check">
      {mismatches > 0 ? (
        <Typography.Paragraph type="danger" strong role="status">{t('invoice.mismatches', { count: mismatches })}</Typography.Paragraph>
      ) : (
        <Typography.Paragraph type="secondary" role="status">{t('invoice.allMatch')}</Typography.Paragraph>
      )}
      <TableWrap label={t('invoice.title')}>
      <Table
        rowKey="key"
        size="small"
        pagination={false}
        dataSource={rows}
        rowClassName={(r) => (r.check?.ok === false ? 'admin-claims-row-mismatch' : '')}
        columns={[
          { title: t('invoice.field'), key: 'label', className: 'admin-claims-nowrap', render: (_v, r) => r.label },
          { title: t('invoice.onFapiao'), key: 'fapiao', render: (_v, r) => r.fapiao },
          { title: t('invoice.onOrder'), key: 'order', render: (_v, r) => r.order },
          { title: t('invoice.check'), key: 'check', render: (_v, r) => (r.check ? <CheckTag check={r.check} /> : '—') },
        ]}
      />
      </TableWrap>
    </Card>
  );
}

function formatDiff(fen: number): string {
  const sign = fen > 0 ? '+' : '−';
  const abs = Math.abs(fen);
  return `${sign}¥${Math.floor(abs / 100).toLocaleString('en-US')}.${String(abs % 100).padStart(2, '0')}`;
}

function shanghaiDate(iso: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(iso));
}

/** The contract PDF, the payment proof, the delivery report and extra files. */
function EvidenceFiles({ claim: c, order }: { claim: Claim; order?: Order }) {
  const { t } = useTranslation('adminClaims');
  return (
    <Card size="small" title={t('evidence.title')}>
      <Descriptions size="small" column={1}>
        <Descriptions.Item label={t('evidence.contract')}>
          <Space wrap>
            <span>{c.evidence.contractNo ?? '—'}</span>
            <FileButton url={`/api/v1/orders/${c.orderId}/contract`} name={`${c.evidence.contractNo ?? c.claimNo}.pdf`} label={t('evidence.openContract')} />
          </Space>
        </Descriptions.Item>
        {order?.contract?.registrationNo ? <Descriptions.Item label={t('evidence.registrationNo')}>{order.contract.registrationNo}</Descriptions.Item> : null}
        <Descriptions.Item label={t('evidence.payments')}>
          {c.evidence.payments.length === 0 ? (
            t('evidence.noPayment')
          ) : (
            <Space orientation="vertical" size={4}>
              {c.evidence.payments.map((p) => {
                const conf = (p.confirmation ?? null) as null | { reference?: string; payerName?: string; payerAccountNo?: string; slipFileId?: string };
                return (
                  <div key={p.paymentId} className="admin-claims-payment">
                    <div>
                      {t(`payment.${p.method}`)} <Money fen={p.amountFen} /> {p.succeededAt ? <>· <DateTime value={p.succeededAt} /></> : null}
                    </div>
                    {p.externalId ? <div className="admin-claims-note">{t('evidence.stripeRef', { id: p.externalId })}</div> : null}
                    {conf ? (
                      <div className="admin-claims-note">
                        {[conf.reference && t('evidence.reference', { ref: conf.reference }), conf.payerName && t('evidence.payer', { name: conf.payerName }), conf.payerAccountNo && t('evidence.account', { no: conf.payerAccountNo })]
                          .filter(Boolean)
                          .join(' · ')}
                      </div>
                    ) : null}
                    {conf?.slipFileId ? <FileButton fileId={conf.slipFileId} name={`${c.claimNo}-slip`} label={t('evidence.slip')} /> : null}
                  </div>
                );
              })}
            </Space>
          )}
        </Descriptions.Item>
        <Descriptions.Item label={t('evidence.report')}>
          {c.evidence.deliveryReportFileId ? <FileButton fileId={c.evidence.deliveryReportFileId} name={`${c.claimNo}-report.pdf`} label={t('evidence.openReport')} /> : t('evidence.noReport')}
        </Descriptions.Item>
        <Descriptions.Item label={t('evidence.extra')}>
          {c.evidenceFileIds.length === 0 ? (
            '—'
          ) : (
            <Space wrap>
              {c.evidenceFileIds.map((f, i) => (
                <FileButton key={f} fileId={f} name={`${c.claimNo}-${i + 1}`} label={t('evidence.extraN', { n: i + 1 })} />
              ))}
            </Space>
          )}
        </Descriptions.Item>
      </Descriptions>
    </Card>
  );
}

/** The approval trail: each level, who approved it and when, where the claim waits, how it ended. */
function Trail({ claim: c }: { claim: Claim }) {
  const { t } = useTranslation('adminClaims');
  const who = useWho();
  return (
    <Card size="small" title={t('trail.title')} data-testid="approval-trail">
      <ol className="admin-claims-trail">
        <li>
          <Typography.Text strong>{t('trail.submitted')}</Typography.Text> · <DateTime value={c.submittedAt} />
        </li>
        {c.levels.map((kind, i) => {
          const level = i + 1;
          const approvals = c.approvals.filter((a) => a.level === level);
          const waiting = c.status === 'in_review' && c.level === level;
          return (
            <li key={level}>
              <Typography.Text strong>{t('trail.level', { n: level, level: t(`level.${kind}`) })}</Typography.Text>{' '}
              {approvals.length > 0 ? (
                approvals.map((a, j) => (
                  <div key={j}>
                    {t('trail.approvedBy', { who: who(a.userId, a.userName) })} · <DateTime value={a.at} />
                  </div>
                ))
              ) : waiting ? (
                <div>
                  {t('trail.waiting')} <Age since={c.levelSince} /> · {t('trail.dueOn', { date: c.levelDueOn })}
                </div>
              ) : (
                <div className="admin-claims-note">{t('trail.notReached')}</div>
              )}
            </li>
          );
        })}
        {c.decidedAt || c.decisionReason ? (
          <li>
            <Typography.Text strong>{t(`trail.end.${c.status}`, { defaultValue: t(`status.${c.status}`) })}</Typography.Text>
            {c.decidedAt ? (
              <>
                {' '}
                · <DateTime value={c.decidedAt} />
              </>
            ) : null}
            {c.decisionReason ? <div>{t('trail.reason', { reason: c.decisionReason })}</div> : null}
          </li>
        ) : null}
      </ol>
    </Card>
  );
}

function Lines({ claim: c }: { claim: Claim }) {
  const { t } = useTranslation('adminClaims');
  return (
    <Card size="small" title={t('lines.title')}>
      <TableWrap label={t('lines.title')}>
      <Table
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={c.lines}
        columns={[
          { title: t('lines.source'), key: 'source', render: (_v, l) => l.source },
          { title: t('lines.amount'), key: 'amount', align: 'right', render: (_v, l) => <Money fen={l.amountFen} /> },
          { title: t('lines.status'), key: 'status', render: (_v, l) => t(`lines.state.${l.status}`) },
          { title: t('lines.paidAt'), key: 'paidAt', render: (_v, l) => <DateTime value={l.paidAt} /> },
        ]}
      />
      </TableWrap>
    </Card>
  );
}

/** A claim a sanction held: release it (paid as usual) or forfeit it (back to the pools), with a reason. */
function PaymentHoldDialog({ claim: c, open, onClose }: { claim: Claim; open: boolean; onClose: () => void }) {
  const { t } = useTranslation('adminClaims');
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<{ action: 'release' | 'forfeit'; reason: string }>();
  const { key, settle } = useIdempotencyKey();
  const hold = useMutation({
    mutationFn: (v: { action: 'release' | 'forfeit'; reason: string }) =>
      call(api.POST('/api/v1/admin/claims/{id}/payment-hold', { params: { path: { id: c.id } }, headers: { 'Idempotency-Key': key }, body: { action: v.action, reason: v.reason.trim() } })) as Promise<Claim>,
    onSuccess: (u, v) => {
      qc.setQueryData(claimKey(c.id), u);
      void qc.invalidateQueries({ queryKey: ['admin', 'claims', 'queue'] });
      void message.success(t(`hold.done.${v.action}`));
      onClose();
    },
    onError: settle,
  });
  return (
    <Modal
      open={open}
      title={t('hold.title', { no: c.claimNo })}
      okText={t('hold.ok')}
      cancelText={t('decide.cancel')}
      okButtonProps={{ loading: hold.isPending, danger: true }}
      onCancel={onClose}
      onOk={() => form.submit()}
      forceRender
    >
      <ProblemAlert error={hold.error} />
      <Form form={form} layout="vertical" initialValues={{ action: 'release' }} onFinish={(v) => hold.mutate(v)} requiredMark={false}>
        <Form.Item name="action" label={t('hold.action')}>
          <Radio.Group
            options={[
              { value: 'release', label: t('hold.release') },
              { value: 'forfeit', label: t('hold.forfeit') },
            ]}
          />
        </Form.Item>
        <Form.Item name="reason" label={t('hold.reason')} rules={[{ required: true, whitespace: true, message: t('hold.reasonMissing') }]}>
          <Input.TextArea autoSize={{ minRows: 3 }} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
