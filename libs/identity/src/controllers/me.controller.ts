import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authenticated, CurrentUser } from '../decorators.js';
import { MeDto } from '../dto/me.dto.js';
import type { Principal } from '../principal.js';
import { ProfileService, type Me } from '../services/profile.service.js';

@ApiTags('identity')
@ApiBearerAuth()
@Controller('me')
export class MeController {
  constructor(private readonly profile: ProfileService) {}

  @Get()
  @Authenticated()
  @ApiOperation({ summary: 'The signed-in user: memberships, staff roles and jurisdictions' })
  @ApiOkResponse({ type: MeDto })
  me(@CurrentUser() me: Principal): Promise<Me> {
    return this.profile.me(me);
  }
}
