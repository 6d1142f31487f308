import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { NotBlank } from './task-action.dto';

/** 共同负责: another listed unit confirms (or, with agree: false and a reason, objects to) the shared submission. */
export class ConfirmJointDto {
  @ApiPropertyOptional({ example: true, description: 'false = object (the submission goes back to the units); comment then gives the reason' })
  @IsOptional()
  @IsBoolean()
  agree?: boolean;

  @ApiPropertyOptional({ example: '数据已核对，同意报送' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  comment?: string;
}

/** 否决情形核查发现: the office records a finding on a veto condition; it blocks the application until lifted. */
export class VetoFindingDto {
  @ApiProperty({ example: '2023年发生一起较大生态破坏事件，经核实属实' })
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  @NotBlank()
  finding: string;

  @ApiPropertyOptional({ example: 'sn-cgj', description: 'the unit the finding concerns' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  unitId?: string;
}

/** The recorded decision that lifts every open blocker of a veto condition (office or leader). */
export class LiftVetoBlockDto {
  @ApiProperty({ example: '经核实事件发生于2020年，不在近3年内，经领导小组研究解除' })
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  @NotBlank()
  reason: string;
}
