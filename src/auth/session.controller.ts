import { Body, Controller, Get, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';
import type { Request, Response } from 'express';
import { AnyRole, CurrentActor, Public } from '../common/auth/access.decorators';
import { Actor, Role } from '../common/auth/roles';
import { Clock } from '../common/clock';
import { AppConfig } from '../config/app-config';
import { clearedSessionCookie, sessionCookie } from './session-cookie';
import { TokenService } from './token.service';

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
  @Get('methods')
  @Public()
  methods(): { directory: boolean; municipality: string } {
    return { directory: Boolean(this.config.env.LDAP_URL), municipality: this.config.env.MUNICIPALITY_NAME };
  }

  /**
   * Turns a token into a browser session: a fresh short-lived session token in an HttpOnly, SameSite=Strict
   * cookie. The long-lived API token itself is never put in a cookie.
   */
  @Post('session')
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: 'Open a browser session (HttpOnly cookie) from a token' })
  @ApiOkResponse({ type: SessionDto })
  async open(@Body() body: OpenSessionDto, @Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<SessionDto> {
    const actor = await this.tokens.authenticate(body.token);
    const ttlMinutes = this.config.env.SESSION_TOKEN_TTL_MINUTES;
    const expiresAt = new Date(this.clock.now().getTime() + ttlMinutes * 60_000).toISOString();
    const session = await this.tokens.create(actor, {
      name: `web:${actor.name}`.slice(0, 120),
      role: actor.role as Role,
      kind: 'session',
      subject: actor.id,
      expiresAt,
    });
    res.setHeader('Set-Cookie', sessionCookie(session.token, ttlMinutes * 60, req.secure));
    return { name: actor.name, role: actor.role, expiresAt };
  }

  @Post('logout')
  @AnyRole()
  @HttpCode(200)
  @ApiOperation({ summary: 'Close the browser session (revokes the session token, clears the cookie)' })
  async close(@CurrentActor() actor: Actor, @Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<{ loggedOut: true }> {
    if (actor.tokenId) await this.tokens.revokeSession(actor, actor.tokenId);
    res.setHeader('Set-Cookie', clearedSessionCookie(req.secure));
    return { loggedOut: true };
  }
}
