import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class HealthDto {
  @ApiProperty({ enum: ['ok', 'error'] }) status: 'ok' | 'error';
  @ApiProperty({ enum: ['up', 'down'] }) db: 'up' | 'down';
  @ApiProperty({ enum: ['up', 'down'] }) temporal: 'up' | 'down';
  @ApiPropertyOptional({ type: 'object', additionalProperties: { type: 'string' }, description: 'what is down, and why' }) errors?: Record<string, string>;
}

export class LivenessDto {
  @ApiProperty({ enum: ['ok'] }) status: 'ok';
  @ApiProperty({ type: 'integer' }) uptimeSeconds: number;
}

export class DependencyCheckDto {
  @ApiProperty({ enum: ['database', 'temporal', 'worker', 'objectStore', 'mail'] }) name: string;
  @ApiProperty({ enum: ['up', 'down'] }) status: 'up' | 'down';
  @ApiProperty({ type: 'number' }) latencyMs: number;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true }) detail?: Record<string, unknown>;
  @ApiPropertyOptional() error?: string;
}

export class ReadinessDto {
  @ApiProperty({ enum: ['ok', 'error'] }) status: 'ok' | 'error';
  @ApiProperty({ type: String, format: 'date-time' }) checkedAt: string;
  @ApiProperty({ type: [DependencyCheckDto] }) dependencies: DependencyCheckDto[];
}
