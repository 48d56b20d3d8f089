import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authenticated, CurrentUser, type Principal } from '@innoserve/identity';
import { ApplicationsService, type EnterpriseGrantView } from '../programs/applications.service.js';
import { EnterpriseGrantViewDto } from '../programs/dto/enterprise-grant-view.dto.js';

@ApiTags('voucher programs')
@ApiBearerAuth()
@Controller('enterprises')
export class EnterpriseGrantsController {
  constructor(private readonly applications: ApplicationsService) {}

  @Get(':id/grants')
  @Authenticated()
  @ApiOperation({ summary: "The enterprise's grants with availableFen, heldFen, redeemedFen, expiresAt (members; staff of its region)" })
  @ApiOkResponse({ type: [EnterpriseGrantViewDto] })
  list(@CurrentUser() me: Principal, @Param('id', new ParseUUIDPipe()) id: string): Promise<EnterpriseGrantView[]> {
    return this.applications.grantsOf(me, id);
  }
}
