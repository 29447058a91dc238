import { Controller, Get, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { Roles } from '../common/auth/access.decorators';
import { sendPage } from '../web';
import { HR_PAGES as P } from './operator-pages';

/** Human resources' pages (agreements from draft to signature; data from the agreements API). */
@ApiExcludeController()
@Controller('ui')
export class HrPagesController {
  @Get(P.agreements.path)
  @Roles('hr')
  agreements(@Res() res: Response): void {
    sendPage(res, P.agreements.file);
  }
}
