import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authenticated, CurrentUser, type Principal } from '@innoserve/identity';
import { AddMemberDto } from '../dto/add-member.dto.js';
import { MemberViewDto } from '../dto/member-view.dto.js';
import { MembersService, type MemberView } from '../services/members.service.js';

@ApiTags('organizations')
@ApiBearerAuth()
@Controller('organizations/:id/members')
export class MembersController {
  constructor(private readonly members: MembersService) {}

  @Get()
  @Authenticated()
  @ApiOperation({ summary: "The organization's members (members, and staff whose jurisdiction covers it)" })
  @ApiOkResponse({ type: [MemberViewDto] })
  list(@CurrentUser() me: Principal, @Param('id', new ParseUUIDPipe()) id: string): Promise<MemberView[]> {
    return this.members.list(me, id);
  }

  @Post()
  @Authenticated()
  @ApiOperation({ summary: 'Add a member by e-mail (owners; 404 USER_NOT_FOUND when no account uses it; 409 ALREADY_MEMBER)' })
  @ApiCreatedResponse({ type: MemberViewDto })
  add(@CurrentUser() me: Principal, @Param('id', new ParseUUIDPipe()) id: string, @Body() dto: AddMemberDto): Promise<MemberView> {
    return this.members.add(me, id, dto);
  }

  @Delete(':userId')
  @Authenticated()
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove a member (owners; 422 LAST_OWNER for the last owner)' })
  @ApiNoContentResponse()
  async remove(
    @CurrentUser() me: Principal,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Param('userId', new ParseUUIDPipe()) userId: string,
  ): Promise<void> {
    await this.members.remove(me, id, userId);
  }
}
