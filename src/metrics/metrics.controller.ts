import { Controller, Get, Header } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Roles } from '../common/auth/access.decorators';
import { MetricsService } from './metrics.service';
import { ApiErrors } from '../common/http/api-errors';

@ApiTags('metrics')
@ApiBearerAuth()
@Controller('metrics')
export class MetricsController {
  constructor(private readonly service: MetricsService) {}

  /** Prometheus text format; scrape with an admin token (`authorization` in the scrape config). */
  @ApiErrors()
  @Get()
  @Roles('admin')
  @Header('Content-Type', 'text/plain; version=0.0.4; charset=utf-8')
  @ApiOkResponse({ description: 'Prometheus exposition format' })
  scrape(): Promise<string> {
    return this.service.registry.metrics();
  }
}
