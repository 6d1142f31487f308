import { ApiProperty } from '@nestjs/swagger';

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
}
