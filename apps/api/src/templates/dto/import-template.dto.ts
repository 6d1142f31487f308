import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, Matches, MaxLength, Min, MinLength } from 'class-validator';
import { Type } from 'class-transformer';
import { CAMPAIGN_KINDS, ID_PATTERN, type CampaignKind } from '@eco/domain';

/**
 * The form fields sent with an indicator-table upload (multipart/form-data, file in field `file`).
 * Everything the table does not carry; omitted parts get the defaults of buildCustomTemplate.
 */
export class ImportTemplateFieldsDto {
  @ApiProperty({ example: 'my-county-2025', pattern: ID_PATTERN.source })
  @IsString()
  @Matches(ID_PATTERN, { message: 'id must be a lower-case id (a-z, 0-9, -) / 模板 id 格式错误' })
  @MaxLength(100)
  id: string;

  @ApiProperty({ example: '某县创建国家生态文明建设示范区工作方案' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;

  @ApiProperty({
    example: '济宁市兖州区',
    description: 'region name ("济宁市兖州区"; province/city/county are taken from it unless given), or the region as JSON {name, province, city, county}',
  })
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  region: string;

  @ApiPropertyOptional({ example: '山东省' }) @IsOptional() @IsString() @MaxLength(50) province?: string;
  @ApiPropertyOptional({ example: '济宁市' }) @IsOptional() @IsString() @MaxLength(50) city?: string;
  @ApiPropertyOptional({ example: '兖州区' }) @IsOptional() @IsString() @MaxLength(50) county?: string;

  @ApiPropertyOptional({ format: 'date', description: 'issue date of the plan (default: today, China time)' })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'issueDate 须为日期 YYYY-MM-DD (issueDate must be YYYY-MM-DD)' })
  issueDate?: string;

  @ApiPropertyOptional({ enum: CAMPAIGN_KINDS }) @IsOptional() @IsIn(CAMPAIGN_KINDS) kind?: CampaignKind;
  @ApiPropertyOptional({ enum: ['national', 'provincial'] }) @IsOptional() @IsIn(['national', 'provincial']) targetLevel?: 'national' | 'provincial';
  @ApiPropertyOptional({ description: 'default: "<region>人民政府"' }) @IsOptional() @IsString() @MaxLength(200) issuingAuthority?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) documentNumber?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000) goal?: string;

  @ApiPropertyOptional({ type: Number })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  statedIndicatorCount?: number;

  @ApiPropertyOptional({
    description: 'JSON object with further template parts: leadershipGroup, phases, schedule, vetoConditions, keyTasks, source',
    example: '{"phases":[…]}',
  })
  @IsOptional()
  @IsString()
  meta?: string;
}

/** OpenAPI only: the multipart body of POST /api/templates. */
export class ImportTemplateFormDto extends ImportTemplateFieldsDto {
  @ApiProperty({ type: 'string', format: 'binary', description: 'the indicator table (指标任务分解表) as .xlsx' })
  file: unknown;
}
