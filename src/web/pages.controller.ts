import { Controller, Get, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { AnyRole, Public } from '../common/auth/access.decorators';
import { sendPage } from './page';

/** Pages every user shares: login and the home page that links the pages of one's role. */
@ApiExcludeController()
@Controller()
export class PagesController {
  @Get('ui/login')
  @Public()
  login(@Res() res: Response): void {
    sendPage(res, 'login.html');
  }

  @Get('ui')
  @AnyRole()
  home(@Res() res: Response): void {
    sendPage(res, 'home.html');
  }

  @Get()
  @Public()
  root(@Res() res: Response): void {
    res.redirect(302, '/ui');
  }
}
