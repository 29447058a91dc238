import { Body, Controller, HttpCode, Post, Req } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { LOGIN_CSRF_DOC, RefuseCrossSiteLogin } from '../auth';
import { Public } from '../common/auth/access.decorators';
import { DirectoryLoginService } from './directory-login.service';
import { LoginDto, LoginResultDto } from './dto/login.dto';
import { ApiErrors } from '../common/http/api-errors';

@ApiTags('auth')
@Controller('api/v1/auth')
export class LoginController {
  constructor(private readonly login: DirectoryLoginService) {}

  @ApiErrors(
    'CSRF_HEADER_MISSING',
    'DIRECTORY_NOT_CONFIGURED',
    'DIRECTORY_UNAVAILABLE',
    'INVALID_CREDENTIALS',
    'NO_ROLE',
    'ACCOUNT_DISABLED',
    'ACCOUNT_LOCKED',
    'ACCOUNT_RESTRICTED',
    'PASSWORD_EXPIRED',
    'PASSWORD_MUST_CHANGE',
    'TOO_MANY_ATTEMPTS',
  )
  @Post('login')
  @Public()
  @RefuseCrossSiteLogin()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Log in with the directory account',
    description:
      'Binds as the user and maps their directory groups to a role (config/directory.json, first match by priority). ' +
      'Unknown user, wrong or empty password, a disabled account and an inactive employee all answer 401 INVALID_CREDENTIALS. ' +
      'A group may map to any role, `employee` included. A correct password without any mapped group logs in with the role `employee` when ' +
      'the entry is linked to an active employee record (subject employee:<id>; that role sees only its own records, /api/v1/me), and ' +
      'answers 403 NO_ROLE when it is no employee. When the directory (Active Directory) says why a correct ' +
      'password may not log on, the answer is 403 ACCOUNT_DISABLED (disabled or expired account), PASSWORD_EXPIRED, ' +
      'PASSWORD_MUST_CHANGE or ACCOUNT_RESTRICTED; 403 ACCOUNT_LOCKED for a locked account (AD says so whatever the password). ' +
      'With the activeDirectory preset, user, DOMAIN\\user and user@realm name one person. ' +
      'Usernames are compared after NFKC and case folding, ' +
      'and failures are counted against the directory entry the name found (its entryUUID / objectGUID), whatever spelling ' +
      'was typed: 10 failures in 5 minutes for one account and address, or 50 from one address whatever the usernames, ' +
      'answer 429 TOO_MANY_ATTEMPTS (Retry-After). A successful login does not reset the per-address count. ' +
      '409 DIRECTORY_NOT_CONFIGURED without LDAP_URL. ' +
      LOGIN_CSRF_DOC,
  })
  @ApiOkResponse({ type: LoginResultDto })
  async signIn(@Body() body: LoginDto, @Req() req: Request): Promise<LoginResultDto> {
    return this.login.login(body.username, body.password, req.ip ?? 'unknown');
  }
}
