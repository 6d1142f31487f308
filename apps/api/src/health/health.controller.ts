import { Controller, Get, Res } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../common/api-docs';
import { HealthDto, LivenessDto, ReadinessDto } from './dto/health.dto';
import type { Response } from 'express';
import { Public } from '../auth/public.decorator';
import { HealthReport, HealthService, ReadinessReport } from './health.service';

@ApiTags('health')
@Public()
@ApiErrors(400)
@Controller('health')
export class HealthController {
  constructor(private readonly health: HealthService) {}

  @Get()
  @ApiOperation({ summary: 'Summary health of the API and its dependencies (PostgreSQL, Temporal)' })
  @ApiResponse({ status: 200, type: HealthDto, description: '{ status: "ok", db: "up", temporal: "up" }' })
  @ApiResponse({ status: 503, type: HealthDto, description: 'a dependency is down; the failing part is named' })
  async get(@Res({ passthrough: true }) res: Response): Promise<HealthReport> {
    const report = await this.health.check();
    res.status(report.status === 'ok' ? 200 : 503);
    return report;
  }

  @Get('live')
  @ApiOperation({ summary: 'Liveness: the API process answers (no dependency is checked; restart it when this fails)' })
  @ApiResponse({ status: 200, type: LivenessDto })
  live(): { status: 'ok'; uptimeSeconds: number } {
    return { status: 'ok', uptimeSeconds: Math.round(process.uptime()) };
  }

  @Get('ready')
  @ApiOperation({
    summary: 'Readiness: each dependency named with its latency — database, Temporal, a worker polling the task queue, object store and mail when configured',
  })
  @ApiResponse({ status: 200, type: ReadinessDto, description: 'every dependency is up' })
  @ApiResponse({ status: 503, type: ReadinessDto, description: 'at least one dependency is down (named, with its error)' })
  async ready(@Res({ passthrough: true }) res: Response): Promise<ReadinessReport> {
    const report = await this.health.ready();
    res.status(report.status === 'ok' ? 200 : 503);
    return report;
  }
}
