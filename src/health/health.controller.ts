import { Controller, Get, Res } from '@nestjs/common';
import { ApiOkResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { Public } from '../common/auth/access.decorators';
import { JobQueue } from '../jobs';
import { ApiErrors } from '../common/http/api-errors';

class ComponentHealthDto {
  @ApiProperty({ enum: ['up', 'down'] }) status: 'up' | 'down';
  @ApiProperty() kind: string;
}

class HealthDto {
  @ApiProperty({ enum: ['ok', 'degraded', 'down'] }) status: 'ok' | 'degraded' | 'down';
  @ApiProperty({ type: ComponentHealthDto }) database: ComponentHealthDto;
  @ApiProperty({ type: ComponentHealthDto }) queue: ComponentHealthDto;
}

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly queue: JobQueue,
  ) {}

  /** Liveness and readiness: 200 when the database answers (queue down = degraded, work waits in the outbox), else 503. */
  @ApiErrors('QUEUE_UNAVAILABLE')
  @Get()
  @Public()
  @ApiOkResponse({ type: HealthDto })
  async health(@Res({ passthrough: true }) res: Response): Promise<HealthDto> {
    const database = await this.dataSource
      .query('SELECT 1')
      .then(() => 'up' as const)
      .catch(() => 'down' as const);
    const queue = (await this.queue.healthy().catch(() => false)) ? ('up' as const) : ('down' as const);
    const status = database === 'down' ? 'down' : queue === 'down' ? 'degraded' : 'ok';
    res.status(database === 'down' ? 503 : 200);
    return { status, database: { status: database, kind: String(this.dataSource.options.type) }, queue: { status: queue, kind: this.queue.driver } };
  }
}
