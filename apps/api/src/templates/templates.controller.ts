import { CallHandler, Controller, ExecutionContext, Get, HttpCode, NestInterceptor, Param, Post, Req, StreamableFile, UnsupportedMediaTypeException, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiExtraModels,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
  ApiUnauthorizedResponse,
  getSchemaPath,
} from '@nestjs/swagger';
import type { Request } from 'express';
import type { Actor } from '../auth/actor';
import { CurrentUser } from '../auth/current-user.decorator';
import { Roles } from '../auth/roles.decorator';
import { ApiErrors } from '../common/api-docs';
import { ErrorDto } from '../common/error.dto';
import { ImportTemplateFormDto } from './dto/import-template.dto';
import { CampaignTemplateDto, TemplateCreatedDto, TemplateDetailDto, TemplateSummaryDto } from './dto/template.dto';
import type { TemplateSummary } from './template-catalog.service';
import { TemplatesService } from './templates.service';

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const MAX_XLSX_BYTES = 5 * 1024 * 1024;

/**
 * Before multer: a multipart body other than form-data (multipart/mixed, /related …) is refused with 415 — multer takes
 * every multipart/* and its parser (busboy) throws on all but form-data, which answered 500.
 */
class MultipartFormOnly implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler) {
    const req = context.switchToHttp().getRequest<Request>();
    if (req.is('multipart/*') && !req.is('multipart/form-data')) {
      throw new UnsupportedMediaTypeException(`send the indicator table as multipart/form-data, not ${req.headers['content-type']} / 请以 multipart/form-data 方式上传 Excel 指标表`);
    }
    return next.handle();
  }
}

@ApiTags('templates')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ type: ErrorDto, description: 'no or invalid bearer token' })
@ApiErrors(400)
@ApiExtraModels(CampaignTemplateDto, ImportTemplateFormDto)
@Controller('templates')
export class TemplatesController {
  constructor(private readonly templates: TemplatesService) {}

  @Get()
  @ApiOperation({ summary: 'Built-in and custom campaign templates / 创建工作方案模板列表' })
  @ApiOkResponse({ type: TemplateSummaryDto, isArray: true })
  list(@CurrentUser() actor: Actor): Promise<TemplateSummary[]> {
    return this.templates.list(actor);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One template in full; indicators also carry leadUnitId and their resolved units / 模板详情' })
  @ApiOkResponse({ type: TemplateDetailDto })
  @ApiNotFoundResponse({ type: ErrorDto, description: 'no template with this id' })
  detail(@CurrentUser() actor: Actor, @Param('id') id: string): Promise<TemplateDetailDto> {
    return this.templates.detail(id, actor);
  }

  @Get(':id/indicators.xlsx')
  @ApiOperation({ summary: 'The indicator task table (指标任务分解表) as Excel, in the layout POST /api/templates imports' })
  @ApiProduces(XLSX_MIME)
  @ApiOkResponse({ description: 'the .xlsx file', content: { [XLSX_MIME]: { schema: { type: 'string', format: 'binary' } } } })
  @ApiNotFoundResponse({ type: ErrorDto, description: 'no template with this id' })
  @ApiConflictResponse({ type: ErrorDto, description: 'the template cannot be written in the table layout' })
  async indicatorTable(@CurrentUser() actor: Actor, @Param('id') id: string): Promise<StreamableFile> {
    const { data, fileName, asciiFileName } = await this.templates.indicatorTable(id, actor);
    return new StreamableFile(data, {
      type: XLSX_MIME,
      length: data.length,
      disposition: `attachment; filename="${asciiFileName}"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
    });
  }

  @Post()
  @HttpCode(201)
  @Roles('office', 'admin')
  @UseInterceptors(MultipartFormOnly, FileInterceptor('file', { limits: { fileSize: MAX_XLSX_BYTES, files: 1, fields: 30, fieldSize: 1024 * 1024 } }))
  @ApiOperation({
    summary: 'Create a custom template (office, admin) / 新建模板',
    description:
      'Either a full template as JSON (validated like the built-in files), or multipart/form-data with an indicator table ' +
      '(.xlsx, field `file`) plus the form fields id, name, region and optional others; missing parts get default phases.',
    // One schema per media type (ApiBody would give both types the same schema); the body is read from the request.
    requestBody: {
      required: true,
      content: {
        'application/json': { schema: { $ref: getSchemaPath(CampaignTemplateDto) } },
        'multipart/form-data': { schema: { $ref: getSchemaPath(ImportTemplateFormDto) } },
      },
    },
  })
  @ApiCreatedResponse({ type: TemplateCreatedDto })
  @ApiBadRequestResponse({ type: ErrorDto, description: 'invalid template: every problem with its field path, or its sheet/row/column for Excel' })
  @ApiConflictResponse({ type: ErrorDto, description: 'a template (built-in or custom) has this id already' })
  @ApiErrors({ 413: '请求体、Excel 文件或模板过大 — body over BODY_LIMIT, the .xlsx over 5 MB, or the template over 512 KB as JSON', 415: '不支持的请求类型 — multipart other than form-data' })
  create(@CurrentUser() actor: Actor, @Req() req: Request, @UploadedFile() file: { buffer: Buffer; originalname: string } | undefined): Promise<TemplateCreatedDto> {
    const body: unknown = req.body;
    if (req.is('multipart/form-data')) return this.templates.createFromXlsx(file, body, actor);
    return this.templates.createFromJson(body, actor);
  }
}
