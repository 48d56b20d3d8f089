import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { PageQuery, VersionEtag, type Page } from '@innoserve/core';
import { SkipIdempotency } from '@innoserve/database';
import { Authenticated, CurrentUser, type Principal } from '@innoserve/identity';
import {
  AcceptDto,
  ConfirmPaymentDto,
  ContractRegistrationDto,
  CreateOrderDto,
  CreatePaymentDto,
  DeliverDto,
  ListOrdersQuery,
  OptionalReasonDto,
  QuoteDto,
  ReasonDto,
} from '../dto/order-commands.dto.js';
import { OrderPageDto, OrderViewDto, PaymentViewDto, RefundViewDto } from '../dto/order-view.dto.js';
import { OrderMessageDto, OrderMessagePageDto, OrderReviewDto, PostMessageDto, ReviewDto } from '../dto/order-conversation.dto.js';
import { OrderFiles } from '../services/order-files.js';
import { OrderConversationService } from '../services/order-conversation.service.js';
import { OrderPaymentsService } from '../services/order-payments.service.js';
import { OrdersService } from '../services/orders.service.js';
import type { OrderView } from '../services/order-views.js';

const ILLEGAL = '409 ILLEGAL_TRANSITION when the order is not in a state that allows it';

@ApiTags('orders')
@ApiBearerAuth()
@Controller('orders')
export class OrdersController {
  constructor(
    private readonly orders: OrdersService,
    private readonly payments: OrderPaymentsService,
    private readonly files: OrderFiles,
    private readonly conversation: OrderConversationService,
  ) {}

  @Post()
  @Authenticated()
  @ApiOperation({
    summary: 'Request a service (members of the enterprise)',
    description:
      'An RFQ (status requested), or a direct order of a fixed-price or per-unit offering: created quoted at the list price × quantity, valid 14 days. ' +
      '422 SELF_DEALING when the enterprise is the provider; 422 ENTERPRISE_NOT_VERIFIED, ENTERPRISE_BLACKLISTED, PROVIDER_NOT_ADMITTED, QUANTITY_NOT_ALLOWED; ' +
      '404 when the offering is not listed or the caller is not a member of the enterprise.',
  })
  @ApiCreatedResponse({ type: OrderViewDto })
  create(@CurrentUser() me: Principal, @Body() dto: CreateOrderDto): Promise<OrderView> {
    return this.orders.request(me, dto);
  }

  @Get()
  @Authenticated()
  @ApiOperation({ summary: "The caller's orders as buyer (its enterprises) or seller (its providers), newest first" })
  @ApiOkResponse({ type: OrderPageDto })
  list(@CurrentUser() me: Principal, @Query() q: ListOrdersQuery): Promise<Page<OrderView>> {
    return this.orders.list(me, q);
  }

  @Get(':id')
  @Authenticated()
  @ApiOperation({
    summary: 'An order with its history (parties, and staff covering it)',
    description: 'While quoted it carries subsidyPreview: the amounts the enterprise would get on accepting now, with capReason when a cap cuts it. Others: 404.',
  })
  @ApiOkResponse({ type: OrderViewDto })
  @VersionEtag()
  get(@CurrentUser() me: Principal, @Param('id', new ParseUUIDPipe()) id: string): Promise<OrderView> {
    return this.orders.get(me, id);
  }

  @Post(':id/quote')
  @Authenticated()
  @HttpCode(200)
  @ApiOperation({ summary: 'Quote, or quote again while quoted (provider)', description: `requested/quoted → quoted; the quote version moves. 422 QUOTE_VALIDITY_INVALID. ${ILLEGAL}.` })
  @ApiOkResponse({ type: OrderViewDto })
  quote(@CurrentUser() me: Principal, @Param('id', new ParseUUIDPipe()) id: string, @Body() dto: QuoteDto): Promise<OrderView> {
    return this.orders.quote(me, id, { priceFen: BigInt(dto.priceFen), scope: dto.scope, leadTimeDays: dto.leadTimeDays, validUntil: dto.validUntil });
  }

  @Post(':id/decline')
  @Authenticated()
  @HttpCode(200)
  @ApiOperation({ summary: 'Decline a request (provider, with a reason)', description: `requested → declined. ${ILLEGAL}.` })
  @ApiOkResponse({ type: OrderViewDto })
  decline(@CurrentUser() me: Principal, @Param('id', new ParseUUIDPipe()) id: string, @Body() dto: ReasonDto): Promise<OrderView> {
    return this.orders.decline(me, id, dto.reason);
  }

  @Post(':id/accept')
  @Authenticated()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Accept the quote: the contract is frozen and the subsidy held (enterprise)',
    description:
      'quoted → contracted (paid at once when nothing is due). 409 QUOTE_EXPIRED; 409 SUBSIDY_CHANGED (with the new subsidyPreview) when quoteVersion or expectedSubsidyFen ' +
      'differ from what holds now, nothing held; 422 GRANT_EXPIRED, GRANT_NOT_USABLE, OFFERING_NOT_ELIGIBLE for a named grant; the party rules of a request. ' +
      `403 for the provider. ${ILLEGAL}.`,
  })
  @ApiOkResponse({ type: OrderViewDto })
  accept(@CurrentUser() me: Principal, @Param('id', new ParseUUIDPipe()) id: string, @Body() dto: AcceptDto): Promise<OrderView> {
    return this.orders.accept(me, id, {
      grantId: dto.grantId ?? null,
      quoteVersion: dto.quoteVersion,
      expectedSubsidyFen: dto.expectedSubsidyFen === undefined ? undefined : BigInt(dto.expectedSubsidyFen),
    });
  }

  @Post(':id/reject')
  @Authenticated()
  @HttpCode(200)
  @ApiOperation({ summary: 'Turn the quote down (enterprise)', description: `quoted → cancelled. ${ILLEGAL}.` })
  @ApiOkResponse({ type: OrderViewDto })
  reject(@CurrentUser() me: Principal, @Param('id', new ParseUUIDPipe()) id: string, @Body() dto: OptionalReasonDto): Promise<OrderView> {
    return this.orders.reject(me, id, dto.reason);
  }

  @Post(':id/cancel')
  @Authenticated()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Cancel before work starts (either party, with a reason)',
    description: `requested/quoted/contracted/paid → cancelled: the whole hold is released and what the enterprise paid is refunded. ${ILLEGAL}.`,
  })
  @ApiOkResponse({ type: OrderViewDto })
  async cancel(@CurrentUser() me: Principal, @Param('id', new ParseUUIDPipe()) id: string, @Body() dto: ReasonDto): Promise<OrderView> {
    return (await this.orders.cancel(me, id, dto.reason))!;
  }

  @Post(':id/start')
  @Authenticated()
  @HttpCode(200)
  @ApiOperation({ summary: 'Start the work (provider)', description: `paid → in_progress. ${ILLEGAL}.` })
  @ApiOkResponse({ type: OrderViewDto })
  start(@CurrentUser() me: Principal, @Param('id', new ParseUUIDPipe()) id: string): Promise<OrderView> {
    return this.orders.start(me, id);
  }

  @Post(':id/deliver')
  @Authenticated()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Deliver with a report file (provider)',
    description: `in_progress → delivered; the enterprise then has 14 days to accept or dispute. 422 FILE_NOT_FOUND for a file the caller did not upload. ${ILLEGAL}.`,
  })
  @ApiOkResponse({ type: OrderViewDto })
  deliver(@CurrentUser() me: Principal, @Param('id', new ParseUUIDPipe()) id: string, @Body() dto: DeliverDto): Promise<OrderView> {
    return this.orders.deliver(me, id, dto, (m, fileId) => this.files.assertAttachable(m, me, fileId));
  }

  @Post(':id/complete')
  @Authenticated()
  @HttpCode(200)
  @ApiOperation({ summary: 'Accept the delivery (enterprise)', description: `delivered → completed. ${ILLEGAL}.` })
  @ApiOkResponse({ type: OrderViewDto })
  async complete(@CurrentUser() me: Principal, @Param('id', new ParseUUIDPipe()) id: string): Promise<OrderView> {
    return (await this.orders.complete(me, id))!;
  }

  @Post(':id/dispute')
  @Authenticated()
  @HttpCode(200)
  @ApiOperation({ summary: 'Dispute the delivery (enterprise, with a reason, within 14 days)', description: `delivered → disputed. 409 DISPUTE_WINDOW_CLOSED. ${ILLEGAL}.` })
  @ApiOkResponse({ type: OrderViewDto })
  dispute(@CurrentUser() me: Principal, @Param('id', new ParseUUIDPipe()) id: string, @Body() dto: ReasonDto): Promise<OrderView> {
    return this.orders.dispute(me, id, dto.reason);
  }

  // ---- the contract ----

  @Get(':id/contract')
  @Authenticated()
  @ApiProduces('application/pdf')
  @ApiOperation({ summary: 'The contract as a PDF (parties, and staff covering the order)', description: '404 before the quote is accepted.' })
  async contract(@CurrentUser() me: Principal, @Param('id', new ParseUUIDPipe()) id: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<Buffer> {
    const pdf = await this.orders.contractPdf(me, id);
    void reply.header('content-type', 'application/pdf').header('content-disposition', `attachment; filename="${pdf.name}"`).header('cache-control', 'private, no-store');
    return pdf.bytes;
  }

  @Post(':id/contract/registration')
  @Authenticated()
  @HttpCode(200)
  @ApiOperation({ summary: 'Record the technology-contract registration number 技术合同认定登记号 (either party)', description: '409 ILLEGAL_TRANSITION before the contract exists.' })
  @ApiOkResponse({ type: OrderViewDto })
  registerContract(@CurrentUser() me: Principal, @Param('id', new ParseUUIDPipe()) id: string, @Body() dto: ContractRegistrationDto): Promise<OrderView> {
    return this.orders.registerContract(me, id, dto.registrationNo);
  }

  // ---- payments ----

  @Post(':id/payments')
  @Authenticated()
  @SkipIdempotency() // a repeat answers the live payment itself; a card payment calls Stripe after its commit, never inside a keyed request's transaction
  @ApiOperation({
    summary: 'Pay what is due (enterprise)',
    description:
      'offline: the bank-transfer instruction (the provider\'s account and a reference), 201. stripe: a PaymentIntent on the provider\'s connected account; answers its ' +
      'clientSecret (201), or 202 with lastError when Stripe could not be reached (the worker retries with the same key; GET the payment later). A repeat with ' +
      'the same method answers the live payment (200); 409 PAYMENT_EXISTS for another method; 409 NOTHING_DUE; 422 PAYMENT_METHOD_UNAVAILABLE.',
  })
  @ApiCreatedResponse({ type: PaymentViewDto, description: 'A new payment: the transfer instruction, or the card payment to confirm with Stripe.js' })
  @ApiOkResponse({ type: PaymentViewDto, description: 'A repeat with the same method: the live payment' })
  @ApiAcceptedResponse({ type: PaymentViewDto, description: 'Stripe could not be reached: the payment is initiating, lastError says why, the worker retries' })
  async pay(@CurrentUser() me: Principal, @Param('id', new ParseUUIDPipe()) id: string, @Body() dto: CreatePaymentDto, @Res({ passthrough: true }) reply: FastifyReply): Promise<PaymentViewDto> {
    const { payment, created } = await this.payments.pay(me, id, dto.method);
    void reply.status(!created ? 200 : payment.status === 'initiating' ? 202 : 201);
    return payment;
  }

  @Get(':id/payments/:paymentId')
  @Authenticated()
  @ApiOperation({ summary: 'A payment of the order (parties and staff covering it)' })
  @ApiOkResponse({ type: PaymentViewDto })
  getPayment(@CurrentUser() me: Principal, @Param('id', new ParseUUIDPipe()) id: string, @Param('paymentId', new ParseUUIDPipe()) paymentId: string): Promise<PaymentViewDto> {
    return this.payments.getPayment(me, id, paymentId);
  }

  @Post(':id/payments/:paymentId/confirm')
  @Authenticated()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Confirm a bank transfer received (provider)',
    description: "The payer must be the enterprise itself: 422 PAYER_MISMATCH otherwise. The order becomes paid. 409 PAYMENT_NOT_PENDING.",
  })
  @ApiOkResponse({ type: PaymentViewDto })
  confirm(
    @CurrentUser() me: Principal,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Param('paymentId', new ParseUUIDPipe()) paymentId: string,
    @Body() dto: ConfirmPaymentDto,
  ): Promise<PaymentViewDto> {
    return this.payments.confirmTransfer(me, id, paymentId, dto, (m, fileId) => this.files.assertAttachable(m, me, fileId));
  }

  @Post(':id/payments/:paymentId/contest')
  @Authenticated()
  @HttpCode(200)
  @ApiOperation({ summary: 'Contest a confirmed transfer within 7 days (enterprise, with a reason)', description: '409 CONTEST_WINDOW_CLOSED; flags the order for staff.' })
  @ApiOkResponse({ type: PaymentViewDto })
  contest(
    @CurrentUser() me: Principal,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Param('paymentId', new ParseUUIDPipe()) paymentId: string,
    @Body() dto: ReasonDto,
  ): Promise<PaymentViewDto> {
    return this.payments.contest(me, id, paymentId, dto.reason);
  }

  @Post(':id/refunds/:refundId/confirm')
  @Authenticated()
  @HttpCode(200)
  @ApiOperation({ summary: 'Confirm an offline refund received (enterprise)', description: '409 REFUND_NOT_PENDING.' })
  @ApiOkResponse({ type: RefundViewDto })
  confirmRefund(@CurrentUser() me: Principal, @Param('id', new ParseUUIDPipe()) id: string, @Param('refundId', new ParseUUIDPipe()) refundId: string): Promise<RefundViewDto> {
    return this.payments.confirmRefund(me, id, refundId);
  }

  // ---- the thread and the review ----

  @Get(':id/messages')
  @Authenticated()
  @ApiOperation({ summary: "The order's message thread, oldest first (parties and staff covering it)" })
  @ApiOkResponse({ type: OrderMessagePageDto })
  messages(@CurrentUser() me: Principal, @Param('id', new ParseUUIDPipe()) id: string, @Query() q: PageQuery): Promise<Page<OrderMessageDto>> {
    return this.conversation.messages(me, id, q);
  }

  @Post(':id/messages')
  @Authenticated()
  @ApiOperation({ summary: 'Write in the thread (the parties), with files the author uploaded', description: '422 FILE_NOT_FOUND for a file the author did not upload.' })
  @ApiCreatedResponse({ type: OrderMessageDto })
  postMessage(@CurrentUser() me: Principal, @Param('id', new ParseUUIDPipe()) id: string, @Body() dto: PostMessageDto): Promise<OrderMessageDto> {
    return this.conversation.post(me, id, dto, (m, fileId) => this.files.assertAttachable(m, me, fileId));
  }

  @Post(':id/review')
  @Authenticated()
  @ApiOperation({ summary: 'Review a completed order (the enterprise, once): 1–5 and a comment', description: "409 REVIEW_EXISTS; the provider's rating moves (search's rating sort)." })
  @ApiCreatedResponse({ type: OrderReviewDto })
  review(@CurrentUser() me: Principal, @Param('id', new ParseUUIDPipe()) id: string, @Body() dto: ReviewDto): Promise<OrderReviewDto> {
    return this.conversation.review(me, id, dto);
  }
}
