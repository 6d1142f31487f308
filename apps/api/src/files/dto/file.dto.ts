import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';

/** An uploaded file (支撑材料) as the API shows it. */
export class FileDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: '2025年度河长制台账.pdf' }) name: string;
  @ApiProperty({ type: 'integer', description: 'bytes' }) size: number;
  @ApiProperty({ example: 'application/pdf' }) mediaType: string;
  @ApiProperty({ example: 'pdf', description: 'the type recognised from the content' }) type: string;
  @ApiProperty({ description: 'server-computed sha256 (hex)' }) sha256: string;
  @ApiProperty() taskId: string;
  @ApiProperty({ type: String, nullable: true }) unitId: string | null;
  @ApiProperty() uploadedBy: string;
  @ApiProperty() uploadedByName: string;
  @ApiProperty({ type: String, format: 'date-time' }) uploadedAt: string;
  @ApiPropertyOptional({ enum: [true], description: 'upload answer only: the same content was already among your unsent files of this round — that file is answered, nothing was added' })
  duplicate?: true;
}

/** GET …/files: `draft=true` for your 报送 draft only (unsent files of the current round, uploaded by your unit). */
export class FileListQueryDto {
  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'only the files of the current round not yet sent, uploaded by your unit (the office: by you)' })
  @IsOptional()
  @IsIn(['true', 'false'])
  draft?: 'true' | 'false';
}

/** GET …/files/:fileId/link: the file's own address for a browser tab. */
export class FileLinkDto {
  @ApiProperty({ example: '/api/file-links/eyJj….abc/2025年度河长制台账.pdf', description: 'path ending with the file name; opens without a bearer header for a few minutes' }) url: string;
  @ApiProperty() name: string;
  @ApiProperty({ type: String, format: 'date-time' }) expiresAt: string;
}

/** GET …/files/:fileId: `preview=true` when the file is opened to be read in the browser (预览), not saved — the audit says which. */
export class FileOpenQueryDto {
  @ApiPropertyOptional({ enum: ['true', 'false'], description: '预览: opened in the browser to read (audited as 预览材料) rather than downloaded (下载材料)' })
  @IsOptional()
  @IsIn(['true', 'false'])
  preview?: 'true' | 'false';
}
