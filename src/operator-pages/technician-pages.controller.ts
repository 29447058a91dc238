import { Controller, Get, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { Roles } from '../common/auth/access.decorators';
import { sendPage } from '../web';
import { TECHNICIAN_PAGES as P } from './operator-pages';

/** The technicians' pages (HTML shells; the data comes from the inventory, directory and agreements APIs). */
@ApiExcludeController()
@Controller('ui')
export class TechnicianPagesController {
  @Get(P.home.path)
  @Roles('technician')
  home(@Res() res: Response): void {
    sendPage(res, P.home.file);
  }

  @Get(P.lots.path)
  @Roles('technician')
  lots(@Res() res: Response): void {
    sendPage(res, P.lots.file);
  }

  @Get(P.receive.path)
  @Roles('technician')
  receive(@Res() res: Response): void {
    sendPage(res, P.receive.file);
  }

  @Get(P.labels.path)
  @Roles('technician')
  labels(@Res() res: Response): void {
    sendPage(res, P.labels.file);
  }

  @Get(P.assets.path)
  @Roles('technician')
  assets(@Res() res: Response): void {
    sendPage(res, P.assets.file);
  }

  @Get(P.employee.path)
  @Roles('technician')
  employee(@Res() res: Response): void {
    sendPage(res, P.employee.file);
  }

  @Get(P.handover.path)
  @Roles('technician')
  handover(@Res() res: Response): void {
    sendPage(res, P.handover.file);
  }

  @Get(P.returns.path)
  @Roles('technician')
  returns(@Res() res: Response): void {
    sendPage(res, P.returns.file);
  }

  @Get(P.report.path)
  @Roles('technician')
  report(@Res() res: Response): void {
    sendPage(res, P.report.file);
  }

  @Get(P.stock.path)
  @Roles('technician')
  stock(@Res() res: Response): void {
    sendPage(res, P.stock.file);
  }

  @Get(P.tasks.path)
  @Roles('technician')
  tasks(@Res() res: Response): void {
    sendPage(res, P.tasks.file);
  }
}
