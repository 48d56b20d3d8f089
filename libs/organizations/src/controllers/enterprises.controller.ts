import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { VersionEtag } from '@innoserve/core';
import { Authenticated, CurrentUser, type Principal } from '@innoserve/identity';
import { CreateEnterpriseDto } from '../dto/create-enterprise.dto.js';
import { EnterpriseViewDto } from '../dto/enterprise-view.dto.js';
import { ResubmitEnterpriseDto } from '../dto/resubmit-enterprise.dto.js';
import { UpdateEnterpriseDto } from '../dto/update-enterprise.dto.js';
import { EnterprisesService } from '../services/enterprises.service.js';
import type { EnterpriseView } from '../services/views.js';

@ApiTags('organizations')
@ApiBearerAuth()
@Controller('enterprises')
export class EnterprisesController {
  constructor(private readonly enterprises: EnterprisesService) {}

  @Post()
  @Authenticated()
  @ApiOperation({
    summary: 'Register an enterprise; the caller becomes its owner',
    description:
      'One organization per USCC: when the caller owns the organization with this USCC (e.g. as a provider), the enterprise profile is added to it ' +
      '(same id). 400 malformed USCC; 422 INVALID_USCC (check character), UNKNOWN_REGION, BANK_ACCOUNT_NAME_MISMATCH, FILE_NOT_FOUND (businessLicenceFileId not ' +
      'uploaded by the caller); 409 USCC_TAKEN, ALREADY_REGISTERED. Verification approval requires the business licence.',
  })
  @ApiCreatedResponse({ type: EnterpriseViewDto })
  create(@CurrentUser() me: Principal, @Body() dto: CreateEnterpriseDto): Promise<EnterpriseView> {
    return this.enterprises.create(me, dto);
  }

  @Get(':id')
  @Authenticated()
  @ApiOperation({ summary: 'An enterprise (members, and staff whose jurisdiction covers its region; 404 for others)' })
  @ApiOkResponse({ type: EnterpriseViewDto })
  @VersionEtag()
  get(@CurrentUser() me: Principal, @Param('id', new ParseUUIDPipe()) id: string): Promise<EnterpriseView> {
    return this.enterprises.get(me, id);
  }

  @Patch(':id')
  @Authenticated()
  @ApiOperation({
    summary: 'Edit an enterprise (members)',
    description:
      'The USCC never changes. Identity edits (name, region, legal representative, establishment date, bank account, controller group, shareholders, ' +
      'size inputs, flags) of a verified enterprise send it back to pending; address and phone apply without re-verification. When the organization ' +
      'is also an admitted provider, identity changes go through PATCH /providers/:id (409 CHANGE_REQUEST_REQUIRED).',
  })
  @ApiOkResponse({ type: EnterpriseViewDto })
  update(@CurrentUser() me: Principal, @Param('id', new ParseUUIDPipe()) id: string, @Body() dto: UpdateEnterpriseDto): Promise<EnterpriseView> {
    return this.enterprises.update(me, id, dto);
  }

  @Post(':id/resubmit')
  @Authenticated()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Resubmit a rejected enterprise for verification (owners; rejected → pending, else 409 ILLEGAL_TRANSITION)',
    description: 'The body may carry a corrected businessLicenceFileId (the caller\'s upload, or the enterprise\'s: else 422 FILE_NOT_FOUND); an empty body keeps the licence.',
  })
  @ApiBody({ type: ResubmitEnterpriseDto, required: false })
  @ApiOkResponse({ type: EnterpriseViewDto })
  resubmit(@CurrentUser() me: Principal, @Param('id', new ParseUUIDPipe()) id: string, @Body() dto: ResubmitEnterpriseDto): Promise<EnterpriseView> {
    return this.enterprises.resubmit(me, id, dto ?? {});
  }
}
