import { Body, Controller, Get, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';
import type { Request, Response } from 'express';
import { AnyRole, CurrentActor, Public } from '../common/auth/access.decorators';
import { Actor } from '../common/auth/roles';
import { Clock } from '../common/clock';
import { AppConfig } from '../config/app-config';
import { LOGIN_CSRF_DOC, RefuseCrossSiteLogin } from './login-csrf.guard';
import { clearedSessionCookie, sessionCookie, sessionCookieSecure } from './session-cookie';
import { TokenService } from './token.service';
import { ApiErrors } from '../common/http/api-errors';

class OpenSessionDto {
  @ApiProperty({ description: 'an API token, or the session token returned by POST /api/v1/auth/login' })
  @IsString()
  @Length(24, 200)
  token: string;
}

class SessionDto {
  @ApiProperty() name: string;
  @ApiProperty() role: string;
  @ApiProperty() expiresAt: string;
}

@ApiTags('auth')
@Controller('api/v1/auth')
export class SessionController {
  constructor(
    private readonly tokens: TokenService,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  /** What the login page offers: directory login when LDAP is configured, tokens always. */
  @ApiErrors()
  @Get('methods')
  @Public()
  methods(): { directory: boolean; municipality: string } {
    return { directory: Boolean(this.config.env.LDAP_URL), municipality: this.config.env.MUNICIPALITY_NAME };
  }

  /**
   * Turns a token into a browser session: a fresh short-lived session token in an HttpOnly, SameSite=Strict
   * cookie. The long-lived API token itself is never put in a cookie. The session dies with the token it came
   * from (see TokenService.openSession).
   */
  @ApiErrors('CSRF_HEADER_MISSING', 'SESSION_NOT_FOR_GATEWAYS', 'TOKEN_INVALID', 'TOKEN_EXPIRED', 'TOKEN_REVOKED')
  @Post('session')
  @Public()
  @RefuseCrossSiteLogin()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Open a browser session (HttpOnly cookie) from a token',
    description:
      'The session lasts SESSION_TOKEN_TTL_MINUTES, never past the token it was opened from, and ends when that token is ' +
      'revoked or expires, or when the employee behind a directory login is deactivated (401 TOKEN_REVOKED / TOKEN_EXPIRED ' +
      'from then on). A session token presented here opens a session with the same parent and end: nothing is extended. ' +
      'A gateway credential opens none (403 SESSION_NOT_FOR_GATEWAYS). ' +
      LOGIN_CSRF_DOC,
  })
  @ApiOkResponse({ type: SessionDto })
  async open(@Body() body: OpenSessionDto, @Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<SessionDto> {
    const session = await this.tokens.openSession(body.token, this.config.env.SESSION_TOKEN_TTL_MINUTES);
    const expiresAt = session.view.expiresAt!;
    const maxAgeSeconds = Math.max(1, Math.floor((Date.parse(expiresAt) - this.clock.now().getTime()) / 1000));
    res.setHeader('Set-Cookie', sessionCookie(session.token, maxAgeSeconds, sessionCookieSecure(this.config, req)));
    return { name: session.actor.name, role: session.actor.role, expiresAt };
  }

  @ApiErrors('TOKEN_NOT_FOUND')
  @Post('logout')
  @AnyRole()
  @HttpCode(200)
  @ApiOperation({ summary: 'Close the browser session (revokes the session token, clears the cookie)' })
  async close(@CurrentActor() actor: Actor, @Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<{ loggedOut: true }> {
    if (actor.tokenId) await this.tokens.revokeSession(actor, actor.tokenId);
    res.setHeader('Set-Cookie', clearedSessionCookie(sessionCookieSecure(this.config, req)));
    return { loggedOut: true };
  }
}
