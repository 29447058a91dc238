import { Controller, Get, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { Roles } from '../common/auth/access.decorators';
import { sendPage } from '../web';
import { MANAGER_PAGES as P } from './operator-pages';

/** Managers' pages (their service's people, countersignatures, VPN approvals). */
@ApiExcludeController()
@Controller('ui')
export class ManagerPagesController {
  @Get(P.team.path)
  @Roles('manager')
  team(@Res() res: Response): void {
    sendPage(res, P.team.file);
  }
}
