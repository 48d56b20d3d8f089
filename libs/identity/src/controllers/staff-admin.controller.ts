import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { PageQuery, type Page } from '@innoserve/core';
import { CurrentUser, Staff } from '../decorators.js';
import { CreateStaffDto } from '../dto/create-staff.dto.js';
import { StaffMemberDto } from '../dto/staff-member.dto.js';
import { StaffPageDto } from '../dto/staff-page.dto.js';
import { UpdateStaffDto } from '../dto/update-staff.dto.js';
import type { Principal } from '../principal.js';
import { StaffService, type StaffMember } from '../services/staff.service.js';

@ApiTags('admin: staff')
@ApiBearerAuth()
@Controller('admin/staff')
export class StaffAdminController {
  constructor(private readonly staff: StaffService) {}

  @Post()
  @Staff('super_admin')
  @ApiOperation({ summary: 'Create a staff account with roles and jurisdictions (super-admin only)' })
  @ApiCreatedResponse({ type: StaffMemberDto })
  create(@CurrentUser() me: Principal, @Body() dto: CreateStaffDto): Promise<StaffMember> {
    return this.staff.create(dto, me.userId);
  }

  @Get()
  @Staff('super_admin')
  @ApiOperation({ summary: 'List staff accounts (super-admin only)' })
  @ApiOkResponse({ type: StaffPageDto })
  list(@Query() q: PageQuery): Promise<Page<StaffMember>> {
    return this.staff.list(q);
  }

  @Patch(':id')
  @Staff('super_admin')
  @ApiOperation({ summary: 'Replace roles and/or disable or enable a staff account (super-admin only)' })
  @ApiOkResponse({ type: StaffMemberDto })
  update(@CurrentUser() me: Principal, @Param('id', new ParseUUIDPipe()) id: string, @Body() dto: UpdateStaffDto): Promise<StaffMember> {
    return this.staff.update(id, dto, me.userId);
  }
}
