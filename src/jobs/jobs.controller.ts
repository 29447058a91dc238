import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { Roles } from '../common/auth/access.decorators';
import { NotFound } from '../common/errors/domain-error';
import { JobQueue } from './job-queue';
import { OutboxRelay } from './outbox/outbox.relay';
import { ApiErrors } from '../common/http/api-errors';

class FailedJobDto {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty({ type: 'object', additionalProperties: true }) payload: unknown;
  @ApiProperty() attempts: number;
  @ApiProperty() error: string;
  @ApiProperty({ nullable: true, type: String }) failedAt: string | null;
}

class QueueStatsDto {
  @ApiProperty({ enum: ['bullmq', 'in-process'] }) driver: string;
  @ApiProperty() waiting: number;
  @ApiProperty() active: number;
  @ApiProperty() delayed: number;
  @ApiProperty() failed: number;
  @ApiProperty() completed: number;
  @ApiProperty({ description: 'outbox rows not yet handed to the queue' }) outboxPending: number;
}

class FailedQueryDto {
  @ApiPropertyOptional({ default: 100 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(1000) limit?: number;
}

class JobIdParam {
  @Matches(/^[A-Za-z0-9._-]{1,200}$/) id: string;
}

@ApiTags('jobs')
@ApiBearerAuth()
@Controller('api/v1/jobs')
export class JobsController {
  constructor(
    private readonly queue: JobQueue,
    private readonly relay: OutboxRelay,
  ) {}

  @ApiErrors('QUEUE_UNAVAILABLE')
  @Get('failed')
  @Roles('admin')
  @ApiOkResponse({ type: [FailedJobDto] })
  failed(@Query() query: FailedQueryDto): Promise<FailedJobDto[]> {
    return this.queue.listFailed(query.limit ?? 100);
  }

  @ApiErrors('FAILED_JOB_NOT_FOUND', 'QUEUE_UNAVAILABLE')
  @Post('failed/:id/retry')
  @Roles('admin')
  @HttpCode(202)
  async retry(@Param() params: JobIdParam): Promise<{ retried: true }> {
    if (!(await this.queue.retryFailed(params.id))) throw NotFound.entity('FAILED_JOB_NOT_FOUND', 'failed_job', params.id);
    return { retried: true };
  }

  @ApiErrors('QUEUE_UNAVAILABLE')
  @Get('stats')
  @Roles('admin')
  @ApiOkResponse({ type: QueueStatsDto })
  async stats(): Promise<QueueStatsDto> {
    return { driver: this.queue.driver, ...(await this.queue.counts()), outboxPending: await this.relay.pendingCount() };
  }
}
