import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../common/api-docs';
import { CampaignsService } from './campaigns.service';

/** The holiday data the server adds to the built-in calendar (CALENDAR_OVERRIDE_FILE), e.g. a year published later. */
export class CalendarOverrideDto {
  @ApiProperty({ type: [Number], example: [2027], description: 'years the data covers (empty: the built-in calendar only)' }) years: number[];
  @ApiProperty({ type: [String], example: ['2027-01-01'], description: '法定节假日 (YYYY-MM-DD)' }) holidays: string[];
  @ApiProperty({ type: [String], example: ['2027-02-20'], description: '调休上班日 (YYYY-MM-DD)' }) workdays: string[];
  @ApiPropertyOptional({ description: 'true: the years are provisional (statutory days only, before the official notice with its 调休)' }) provisional?: boolean;
}

@ApiTags('campaigns')
@ApiBearerAuth()
@Controller('calendar')
export class CalendarController {
  constructor(private readonly campaigns: CampaignsService) {}

  @Get()
  @ApiOperation({ summary: '工作日历 — the holiday data beyond the built-in calendar that the server counts working days with (the screens count the same days)' })
  @ApiOkResponse({ type: CalendarOverrideDto })
  @ApiErrors(400, 401)
  calendar(): CalendarOverrideDto {
    return this.campaigns.calendarData();
  }
}
