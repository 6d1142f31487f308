import { Controller, Get, Header, Inject, NotFoundException } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { APP_CONFIG, AppConfig } from '@eco/config';
import { Public } from '../auth/public.decorator';
import { MetricsService } from './metrics.service';

/**
 * GET /api/metrics — Prometheus text, no login. Do not publish it to the internet: behind a reverse proxy, do not
 * route /api/metrics; in docker-compose the API serves metrics on an unpublished port instead (METRICS_PORT) and
 * METRICS_API_PATH=false turns this path off.
 */
@ApiExcludeController()
@Public()
@Controller('metrics')
export class MetricsController {
  constructor(
    private readonly metrics: MetricsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get()
  @Header('Content-Type', 'text/plain; version=0.0.4; charset=utf-8')
  @Header('Cache-Control', 'no-store')
  async get(): Promise<string> {
    if (!this.config.METRICS_API_PATH) throw new NotFoundException({ message: 'metrics are served on METRICS_PORT, not on the API port' });
    return this.metrics.render();
  }
}
