import { Global, Module, OnModuleInit } from '@nestjs/common';
import { JobQueue } from '../jobs';
import { OutboxRelay } from '../jobs';
import { MetricsController } from './metrics.controller';
import { MetricsService } from './metrics.service';

@Global()
@Module({ controllers: [MetricsController], providers: [MetricsService], exports: [MetricsService] })
export class MetricsModule implements OnModuleInit {
  constructor(
    private readonly metrics: MetricsService,
    private readonly queue: JobQueue,
    private readonly relay: OutboxRelay,
  ) {}

  onModuleInit(): void {
    this.metrics.gauge(
      'rw_queue_jobs',
      'Jobs in the queue by state',
      async (g) => {
        const counts = await this.queue.counts().catch(() => null);
        if (!counts) return;
        for (const [state, n] of Object.entries(counts)) g.set({ state, driver: this.queue.driver }, Number(n));
      },
      ['state', 'driver'],
    );
    this.metrics.gauge('rw_outbox_pending', 'Recorded work not yet handed to the queue', async (g) => {
      g.set(await this.relay.pendingCount());
    });
    this.metrics.gauge('rw_queue_up', '1 when the queue backend answers', async (g) => {
      g.set((await this.queue.healthy()) ? 1 : 0);
    });
  }
}
