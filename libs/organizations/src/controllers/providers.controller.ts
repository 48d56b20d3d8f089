import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiCreatedResponse, ApiExtraModels, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { VersionEtag } from '@innoserve/core';
import { Authenticated, CurrentUser, type Principal } from '@innoserve/identity';
import { ChangeRequestViewDto } from '../dto/change-request-view.dto.js';
import { CreateProviderDto } from '../dto/create-provider.dto.js';
import { ProviderViewDto } from '../dto/provider-view.dto.js';
import { UpdateProviderDto } from '../dto/update-provider.dto.js';
import { ProvidersService } from '../services/providers.service.js';
import type { ChangeRequestView, ProviderView } from '../services/views.js';

@ApiTags('organizations')
@ApiBearerAuth()
@ApiExtraModels(ChangeRequestViewDto)
@Controller('providers')
export class ProvidersController {
  constructor(private readonly providers: ProvidersService) {}

  @Post()
  @Authenticated()
  @ApiOperation({
    summary: 'Apply for provider admission (入库); the caller becomes its owner',
    description:
      'One organization per USCC: when the caller owns the organization with this USCC (e.g. as an enterprise), the provider profile is added to it ' +
      '(same id). 422 UNKNOWN_CATEGORY for an unknown category; other errors as POST /enterprises.',
  })
  @ApiCreatedResponse({ type: ProviderViewDto })
  create(@CurrentUser() me: Principal, @Body() dto: CreateProviderDto): Promise<ProviderView> {
    return this.providers.create(me, dto);
  }

  @Get(':id')
  @Authenticated()
  @ApiOperation({ summary: 'A provider (members, and staff whose jurisdiction covers its region; 404 for others)' })
  @ApiOkResponse({ type: ProviderViewDto })
  @VersionEtag()
  get(@CurrentUser() me: Principal, @Param('id', new ParseUUIDPipe()) id: string): Promise<ProviderView> {
    return this.providers.get(me, id);
  }

  @Patch(':id')
  @Authenticated()
  @ApiOperation({
    summary: 'Edit a provider (members)',
    description:
      'Before admission every edit applies (200, the provider). Once admitted (admitted, suspended, expired) the address and phone apply at once, ' +
      'while identity fields (name, region, legal representative, establishment date, bank account, controller group, shareholders) and the ' +
      'admission scope (providerTypes, qualifications, categoryIds) become a change request for a program officer: 202 with the request; the live ' +
      'record is unchanged until it is approved. 409 CHANGE_REQUEST_PENDING while another request waits.',
  })
  @ApiOkResponse({ type: ProviderViewDto })
  @ApiAcceptedResponse({ type: ChangeRequestViewDto })
  async update(
    @CurrentUser() me: Principal,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() dto: UpdateProviderDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ProviderView | ChangeRequestView> {
    const outcome = await this.providers.update(me, id, dto);
    if (outcome.kind === 'requested') {
      void reply.status(202);
      return outcome.changeRequest;
    }
    return outcome.provider;
  }
}
