import { Controller, Get, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { Roles } from '../common/auth/access.decorators';
import { sendPage } from '../web';
import { EMPLOYEE_PAGES as P } from './operator-pages';

/** The employee's own page (their agreement, devices, VPN account; data from /api/v1/me). */
@ApiExcludeController()
@Controller('ui')
export class EmployeePagesController {
  @Get(P.me.path)
  @Roles('employee')
  me(@Res() res: Response): void {
    sendPage(res, P.me.file);
  }
}
