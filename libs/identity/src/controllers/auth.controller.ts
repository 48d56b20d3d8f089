import { Body, Controller, HttpCode, Post, Req, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { SkipIdempotency } from '@innoserve/database';
import { ApiProblems } from '@innoserve/core';
import { Authenticated, CurrentUser, Public } from '../decorators.js';
import { LoginDto } from '../dto/login.dto.js';
import { LogoutDto } from '../dto/logout.dto.js';
import { RefreshDto } from '../dto/refresh.dto.js';
import { RegisterDto } from '../dto/register.dto.js';
import { TokenPairDto } from '../dto/token-pair.dto.js';
import { UserViewDto } from '../dto/user-view.dto.js';
import { LocalAuthGuard, type LoginRequest } from '../guards/local-auth.guard.js';
import type { Principal } from '../principal.js';
import { AuthService, type TokenPair } from '../services/auth.service.js';
import { UsersService, toUserView, type UserView } from '../services/users.service.js';

@ApiTags('identity')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly users: UsersService,
    private readonly auth: AuthService,
  ) {}

  @Post('register')
  @Public()
  @ApiOperation({ summary: 'Create an account (409 EMAIL_TAKEN when the address is in use)' })
  @ApiCreatedResponse({ type: UserViewDto })
  async register(@Body() dto: RegisterDto): Promise<UserView> {
    return toUserView(await this.users.createUser(dto));
  }

  @Post('login')
  @Public()
  @SkipIdempotency() // token pairs are never stored for replay
  @UseGuards(LocalAuthGuard)
  @HttpCode(200)
  @ApiOperation({ summary: 'Sign in: an access token and a refresh token (401 INVALID_CREDENTIALS; 429 when locked out or throttled)' })
  @ApiBody({ type: LoginDto })
  @ApiOkResponse({ type: TokenPairDto })
  @ApiProblems(401)
  login(@Req() req: LoginRequest): Promise<TokenPair> {
    return this.auth.issueTokens(req.user!.id);
  }

  @Post('refresh')
  @Public()
  @SkipIdempotency() // token pairs are never stored for replay; rotation is the retry story
  @HttpCode(200)
  @ApiOperation({ summary: 'Trade a refresh token for a new pair; a reused token revokes its family (401 REFRESH_TOKEN_REUSED)' })
  @ApiOkResponse({ type: TokenPairDto })
  @ApiProblems(401)
  refresh(@Body() dto: RefreshDto): Promise<TokenPair> {
    return this.auth.refresh(dto.refreshToken);
  }

  @Post('logout')
  @Authenticated()
  @HttpCode(204)
  @ApiBearerAuth()
  @ApiOperation({ summary: "Sign out the given refresh token's session, or every session of the user" })
  @ApiBody({ type: LogoutDto, required: false })
  @ApiNoContentResponse()
  async logout(@CurrentUser() me: Principal, @Body() dto: LogoutDto): Promise<void> {
    await this.auth.logout(me.userId, dto?.refreshToken);
  }
}
