import { Body, Controller, HttpCode, Post, Req } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { Public } from '../common/auth/access.decorators';
import { DirectoryLoginService } from './directory-login.service';
import { LoginDto, LoginResultDto } from './dto/login.dto';

@ApiTags('auth')
@Controller('api/v1/auth')
export class LoginController {
  constructor(private readonly login: DirectoryLoginService) {}

  @Post('login')
  @Public()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Log in with the directory account',
    description:
      'Binds as the user and maps their directory groups to a role (config/directory.json, first match by priority). ' +
      'Unknown user, wrong or empty password, a disabled account and an inactive employee all answer 401 INVALID_CREDENTIALS. ' +
      'A correct password without any mapped group answers 403 NO_ROLE. 10 failures in 5 minutes for one username and ' +
      'address answer 429 TOO_MANY_ATTEMPTS (Retry-After). 409 DIRECTORY_NOT_CONFIGURED without LDAP_URL.',
  })
  @ApiOkResponse({ type: LoginResultDto })
  async signIn(@Body() body: LoginDto, @Req() req: Request): Promise<LoginResultDto> {
    return this.login.login(body.username, body.password, req.ip ?? 'unknown');
  }
}
