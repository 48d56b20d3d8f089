import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import type Stripe from 'stripe';
import { DataSource, type EntityManager } from 'typeorm';
import { BusinessRuleError, ForbiddenError, NotFoundError, isUuid, msg } from '@innoserve/core';
import { OUTBOX_HANDLER, OutboxService, TransactionRunner, type OutboxHandlerProvider } from '@innoserve/database';
import { AuditService } from '@innoserve/audit';
import { staffCovers, type Principal } from '@innoserve/identity';
import { OrganizationsService } from '@innoserve/organizations';
import { ProviderPaymentAccount } from '../entities/provider-payment-account.entity.js';
import { StripeSetup } from './stripe-setup.js';
import { StripeWebhooks, stripeNotConfigured } from './stripe-webhooks.service.js';

export const CONNECT_ACCOUNT_TOPIC = 'payments.connect-account';

export interface ConnectAccountView {
  providerId: string;
  accountId: string | null;
  chargesEnabled: boolean;
  detailsSubmitted: boolean;
  /** pending: Stripe not reached yet (the worker retries); onboarding: details to fill in; active: card payments offered. */
  status: 'pending' | 'onboarding' | 'active';
  lastError: string | null;
}

export interface OnboardingAnswer {
  account: ConnectAccountView;
  /** Stripe's onboarding link, when Stripe answered. */
  url: string | null;
  expiresAt: string | null;
}

const providerNotAdmitted = (): BusinessRuleError =>
  new BusinessRuleError('PROVIDER_NOT_ADMITTED', msg('Only admitted providers take card payments.', '只有已入库的服务机构可以开通在线收款。'));

/**
 * Stripe Connect (Express) onboarding for providers. The account row and an outbox row commit
 * first; Stripe is called after the commit with the key `connect:<providerId>`; when that call fails
 * the worker repeats it, and GET shows the account once it exists. `account.updated` events keep
 * `chargesEnabled` current (the newest event wins: one that arrives late changes nothing).
 */
@Injectable()
export class StripeConnectService implements OnModuleInit {
  private readonly logger = new Logger('StripeConnect');

  readonly [OUTBOX_HANDLER]: OutboxHandlerProvider['handlers'] = {
    [CONNECT_ACCOUNT_TOPIC]: async (payload) => {
      await this.ensureAccount(String(payload.providerId), true);
    },
  };

  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: TransactionRunner,
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
    private readonly organizations: OrganizationsService,
    private readonly setup: StripeSetup,
    private readonly webhooks: StripeWebhooks,
  ) {}

  onModuleInit(): void {
    this.webhooks.on('account.updated', (m, event) => this.accountUpdated(m, event));
  }

  /** Members of an admitted provider: the account (created on first call) and a fresh onboarding link. */
  async onboarding(me: Principal, providerId: string): Promise<OnboardingAnswer> {
    const gateway = this.setup.gateway;
    if (!gateway) throw stripeNotConfigured();
    await this.tx.run(async (m) => {
      const provider = await this.assertMember(m, me, providerId);
      if (provider.provider?.admissionStatus !== 'admitted') throw providerNotAdmitted();
      const existing = await m.findOne(ProviderPaymentAccount, { where: { providerId }, lock: { mode: 'pessimistic_write' } });
      if (existing) return;
      await m.insert(ProviderPaymentAccount, { providerId, stripeAccountId: null, chargesEnabled: false, detailsSubmitted: false, lastEventCreated: '0', lastError: null, requestedBy: me.userId });
      await this.outbox.enqueue(m, CONNECT_ACCOUNT_TOPIC, { providerId }, { orderingKey: `provider-payments:${providerId}` });
      await this.audit.record(m, { streamType: 'organization', streamId: providerId, action: 'provider.stripe.onboarding-started', actorId: me.userId, after: { gateway: 'stripe' } });
    });
    const account = await this.ensureAccount(providerId, false);
    if (!account?.stripeAccountId) return { account: view(account!), url: null, expiresAt: null };
    const base = this.setup.settings!.publicBaseUrl.replace(/\/$/, '');
    try {
      const link = await gateway.accountLink({
        accountId: account.stripeAccountId,
        refreshUrl: `${base}/provider/payments/stripe?refresh=1`,
        returnUrl: `${base}/provider/payments/stripe?done=1`,
      });
      return { account: view(account), url: link.url, expiresAt: link.expiresAt.toISOString() };
    } catch (e) {
      this.logger.warn(`account link for ${providerId}: ${(e as Error).message}`);
      return { account: { ...view(account), lastError: (e as Error).message }, url: null, expiresAt: null };
    }
  }

  async account(me: Principal, providerId: string): Promise<ConnectAccountView> {
    return this.tx.run(async (m) => {
      await this.assertMember(m, me, providerId, true);
      // the web portal shows the onboarding button only when Stripe is configured here
      if (!this.setup.gateway) throw stripeNotConfigured();
      const row = await m.findOne(ProviderPaymentAccount, { where: { providerId } });
      if (!row) throw new NotFoundError('provider', msg('The provider has not started Stripe onboarding.', '该服务机构尚未开通在线收款。'));
      return view(row);
    });
  }

  /** The platform's fee on a card payment of `amountFen` (STRIPE_APPLICATION_FEE_BP). */
  applicationFeeFen(amountFen: bigint): bigint {
    return this.setup.gateway?.applicationFeeFen(amountFen) ?? 0n;
  }

  /** For the order flow: the provider's connected account, when it has one. */
  async connectedAccountOf(m: EntityManager, providerId: string): Promise<{ accountId: string; chargesEnabled: boolean } | null> {
    if (!this.setup.gateway) return null;
    const row = await m.findOne(ProviderPaymentAccount, { where: { providerId } });
    return row?.stripeAccountId ? { accountId: row.stripeAccountId, chargesEnabled: row.chargesEnabled } : null;
  }

  /**
   * Creates the Stripe account of a row that has none yet (outside any transaction; the key makes
   * a repeat return the same account). With `rethrow` (the worker) a failure throws for a retry.
   */
  async ensureAccount(providerId: string, rethrow: boolean): Promise<ProviderPaymentAccount | null> {
    const m = this.dataSource.manager;
    const row = await m.findOne(ProviderPaymentAccount, { where: { providerId } });
    if (!row || row.stripeAccountId || !this.setup.gateway) return row;
    const provider = await this.organizations.find(providerId, m);
    const email = (await m.query<{ email: string }[]>('SELECT email FROM app_user WHERE id = $1', [row.requestedBy]))[0]?.email ?? null;
    try {
      const { accountId } = await this.setup.gateway.createConnectedAccount({ providerId, email, businessName: provider?.name ?? providerId });
      // the same key gives the same account: a concurrent retry writes the same id
      await m.query('UPDATE provider_payment_account SET stripe_account_id = $2, last_error = NULL, updated_at = now() WHERE provider_id = $1 AND stripe_account_id IS NULL', [providerId, accountId]);
    } catch (e) {
      await m.update(ProviderPaymentAccount, { providerId }, { lastError: (e as Error).message.slice(0, 500) });
      if (rethrow) throw e;
    }
    return m.findOne(ProviderPaymentAccount, { where: { providerId } });
  }

  private async accountUpdated(m: EntityManager, event: Stripe.Event): Promise<void> {
    const account = event.data.object as Stripe.Account;
    const row = await m.findOne(ProviderPaymentAccount, { where: { stripeAccountId: account.id }, lock: { mode: 'pessimistic_write' } });
    if (!row || BigInt(row.lastEventCreated) > BigInt(event.created)) return; // an older state arriving late
    row.chargesEnabled = account.charges_enabled === true;
    row.detailsSubmitted = account.details_submitted === true;
    row.lastEventCreated = String(event.created);
    await m.save(row);
  }

  private async assertMember(m: EntityManager, me: Principal, providerId: string, staffMayRead = false) {
    const provider = isUuid(providerId) ? await this.organizations.find(providerId, m) : null;
    if (!provider?.provider) throw new NotFoundError('provider');
    if ((await this.organizations.membershipRole(providerId, me.userId, m)) !== null) return provider;
    if (staffMayRead && staffCovers(me, ['program_officer', 'finance_officer', 'auditor'], provider.regionCode)) return provider;
    if (staffCovers(me, ['program_officer', 'finance_officer', 'auditor', 'county_reviewer', 'city_reviewer'], provider.regionCode)) throw new ForbiddenError();
    throw new NotFoundError('provider');
  }
}

function view(r: ProviderPaymentAccount): ConnectAccountView {
  return {
    providerId: r.providerId,
    accountId: r.stripeAccountId,
    chargesEnabled: r.chargesEnabled,
    detailsSubmitted: r.detailsSubmitted,
    status: !r.stripeAccountId ? 'pending' : r.chargesEnabled ? 'active' : 'onboarding',
    lastError: r.lastError,
  };
}
