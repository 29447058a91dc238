import { Controller, Get, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { Roles } from '../common/auth/access.decorators';
import { sendPage } from '../web';
import { HOTLINE_PAGES as P } from './operator-pages';

/** The hot-line's pages (HTML shells; the data comes from the VPN, PKI, agreements and inventory APIs). */
@ApiExcludeController()
@Controller('ui')
export class HotlinePagesController {
  @Get(P.queue.path)
  @Roles('hotline')
  queue(@Res() res: Response): void {
    sendPage(res, P.queue.file);
  }

  @Get(P.account.path)
  @Roles('hotline')
  account(@Res() res: Response): void {
    sendPage(res, P.account.file);
  }

  @Get(P.certificates.path)
  @Roles('hotline')
  certificates(@Res() res: Response): void {
    sendPage(res, P.certificates.file);
  }
}
