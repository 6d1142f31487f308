import { ApiProperty } from '@nestjs/swagger';
import { FILE_TYPES } from '@eco/storage';

/** What the server accepts as 支撑材料 (UPLOAD_ALLOWED_TYPES, UPLOAD_MAX_FILE_BYTES, UPLOAD_MAX_FILES): the screens offer and check the same. */
export class UploadPolicyDto {
  @ApiProperty({ type: [String], enum: FILE_TYPES, example: ['pdf', 'jpg', 'png'], description: 'the accepted types, judged by the content of each file' })
  allowedTypes: string[];

  @ApiProperty({ example: '.pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png', description: 'for <input type="file" accept>: the extensions and media types of the accepted types' })
  accept: string;

  @ApiProperty({ type: 'integer', example: 52428800, description: 'largest accepted file, in bytes' })
  maxFileBytes: number;

  @ApiProperty({ type: 'integer', example: 20, description: 'most files in one upload request' })
  maxFiles: number;
}
