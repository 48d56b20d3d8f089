import { Body, Controller, HttpCode, Post, Req, Res, UseGuards } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiBearerAuth, ApiBody, ApiCreatedResponse, ApiHeader, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { SkipIdempotency } from '@innoserve/database';
import { ApiProblems, InjectConfig, type AppConfig } from '@innoserve/core';
import { readRefreshCookie, refreshCookie, wantsCookie, COOKIE_MODE_HEADER } from '../refresh-cookie.js';
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
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  /**
   * Secure cookies whenever the site is served over HTTPS: the request says so, or the public
   * address does (behind a TLS-terminating proxy without TRUST_PROXY the request looks like http),
   * or this is production.
   */
  private secure(req: FastifyRequest): boolean {
    return req.protocol === 'https' || this.config.PUBLIC_BASE_URL.startsWith('https:') || this.config.NODE_ENV === 'production';
  }

  /** Cookie mode: the refresh token goes into the httpOnly cookie, not the body. */
  private answer(req: FastifyRequest, reply: FastifyReply, pair: TokenPair): TokenPair | Omit<TokenPair, 'refreshToken'> {
    void reply.header('cache-control', 'no-store'); // RFC 6749 §5.1: token answers are never cached
    if (!wantsCookie(req)) return pair;
    void reply.header('set-cookie', refreshCookie(pair.refreshToken, this.config.REFRESH_TOKEN_TTL_DAYS * 86_400, this.secure(req)));
    const { refreshToken: _kept, ...rest } = pair;
    return rest;
  }

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
  @ApiHeader({ name: COOKIE_MODE_HEADER, required: false, description: 'Send 1 (browsers): the refresh token is set as an httpOnly SameSite=Strict cookie instead of returned' })
  async login(@Req() req: LoginRequest & FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<TokenPair | Omit<TokenPair, 'refreshToken'>> {
    return this.answer(req, reply, await this.auth.issueTokens(req.user!.id));
  }

  @Post('refresh')
  @Public()
  @SkipIdempotency() // token pairs are never stored for replay; rotation is the retry story
  @HttpCode(200)
  @ApiOperation({ summary: 'Trade a refresh token for a new pair; a reused token revokes its family (401 REFRESH_TOKEN_REUSED)' })
  @ApiOkResponse({ type: TokenPairDto })
  @ApiProblems(401)
  @ApiHeader({ name: COOKIE_MODE_HEADER, required: false, description: 'Send 1 (browsers): the token is read from the refresh cookie when the body has none, and the new one set there' })
  async refresh(@Body() dto: RefreshDto, @Req() req: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<TokenPair | Omit<TokenPair, 'refreshToken'>> {
    const token = dto.refreshToken ?? (wantsCookie(req) ? readRefreshCookie(req) : undefined);
    return this.answer(req, reply, await this.auth.refresh(token ?? ''));
  }

  @Post('logout')
  @Authenticated()
  @HttpCode(204)
  @ApiBearerAuth()
  @ApiOperation({ summary: "Sign out the given refresh token's session, or every session of the user" })
  @ApiBody({ type: LogoutDto, required: false })
  @ApiNoContentResponse()
  @ApiHeader({ name: COOKIE_MODE_HEADER, required: false, description: "Send 1 (browsers): signs out the refresh cookie's session and clears the cookie" })
  async logout(
    @CurrentUser() me: Principal,
    @Body() dto: LogoutDto,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<void> {
    if (wantsCookie(req)) {
      const cookie = readRefreshCookie(req);
      void reply.header('set-cookie', refreshCookie('', 0, this.secure(req)));
      // with a cookie, only its session ends; a browser without one (already gone) ends nothing else
      if (dto?.refreshToken ?? cookie) await this.auth.logout(me.userId, dto?.refreshToken ?? cookie);
      return;
    }
    await this.auth.logout(me.userId, dto?.refreshToken);
  }
}
