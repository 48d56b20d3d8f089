import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DecisionIfMatch, IfMatchVersion, expectedVersionOf, type Page } from '@innoserve/core';
import { CurrentUser, Staff, type Principal } from '@innoserve/identity';
import { AdminOrdersQuery, DisputeResolutionDto } from '../dto/order-commands.dto.js';
import { OrderPageDto, OrderViewDto } from '../dto/order-view.dto.js';
import { OrdersService } from '../services/orders.service.js';
import type { OrderView } from '../services/order-views.js';

@ApiTags('admin: orders')
@ApiBearerAuth()
@Controller('admin/orders')
export class AdminOrdersController {
  constructor(private readonly orders: OrdersService) {}

  @Get()
  @Staff('program_officer', 'county_reviewer', 'city_reviewer', 'finance_officer', 'auditor')
  @ApiOperation({ summary: "Orders in the caller's jurisdiction (the enterprise's region), oldest change first; e.g. status=disputed" })
  @ApiOkResponse({ type: OrderPageDto })
  list(@CurrentUser() me: Principal, @Query() q: AdminOrdersQuery): Promise<Page<OrderView>> {
    return this.orders.listForStaff(me, q);
  }

  @Post(':id/dispute-resolution')
  @Staff('program_officer')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Resolve a dispute: complete, or refund R fen (program officer covering the order)',
    description:
      'disputed → completed, or → refunded: floor(R × subsidy / price) goes back to the grant; the provider refunds the enterprise R − that under 通兑, R under 通用. ' +
      '422 REFUND_OUT_OF_RANGE; 409 STALE_VERSION when If-Match (or version) is not the current one; 403 CONFLICT_OF_INTEREST for a member of a party.',
  })
  @ApiOkResponse({ type: OrderViewDto })
  @DecisionIfMatch()
  resolve(
    @CurrentUser() me: Principal,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() dto: DisputeResolutionDto,
    @IfMatchVersion() ifMatch: number | undefined,
  ): Promise<OrderView> {
    return this.orders.resolveDispute(me, id, {
      outcome: dto.outcome,
      refundFen: dto.refundFen === undefined ? undefined : BigInt(dto.refundFen),
      reason: dto.reason,
      expectedVersion: expectedVersionOf(ifMatch, dto.version),
    });
  }
}
