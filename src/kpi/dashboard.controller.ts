import { Controller, Get, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { Roles } from '../common/auth/access.decorators';
import { sendPage } from '../web';

/** The RTD dashboard (Italian): a page shell that draws the indicators from the JSON API. */
@ApiExcludeController()
@Controller()
export class DashboardController {
  @Get('dashboard')
  @Roles('rtd')
  dashboard(@Res() res: Response): void {
    sendPage(res, 'dashboard.html');
  }
}
