import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsEmail,
  IsOptional,
  ArrayNotEmpty,
  ArrayUnique,
  IsArray,
  IsIn,
  IsNotEmpty,
  IsString,
  Matches,
  MaxLength,
  MinLength,
  Validate,
  ValidationArguments,
  ValidatorConstraint,
  ValidatorConstraintInterface,
} from 'class-validator';
import { ID_PATTERN, PASSWORD_MIN_ZH, PHONE_PATTERN, PHONE_RULE_ZH, USERNAME_PATTERN, USERNAME_RULE_ZH } from '@eco/domain';
import { PASSWORD_MIN_LENGTH } from '../../auth/password-policy';
import { ROLES, type Role } from '../../auth/actor';

const UNIT_ID_PATTERN = ID_PATTERN; // a unit id is a template's unit id

/**
 * unitId: required for role unit, and a unit id whenever given — one message either way. The DTO's own messages read as
 * the API's other reasons, 「中文 (english)」 (common/validation.ts keeps a message already in Chinese as it is; a rule
 * with no message of its own is said there, the field by its Chinese name): the office's clerk reads them in 用户与单位.
 */
@ValidatorConstraint({ name: 'unitId' })
class UnitIdConstraint implements ValidatorConstraintInterface {
  validate(value: unknown, args: ValidationArguments): boolean {
    if (value === undefined || value === null) {
      const roles = (args.object as CreateUserDto).roles;
      return !(Array.isArray(roles) && roles.includes('unit'));
    }
    return typeof value === 'string' && UNIT_ID_PATTERN.test(value) && value.length <= 100;
  }

  defaultMessage(args: ValidationArguments): string {
    return args.value === undefined || args.value === null
      ? '单位用户须选择所属单位 (unitId is required for role unit)'
      : '所属单位格式不正确，应为单位编号（小写字母、数字或 -） (unitId must be a unit id: a-z, 0-9, -)';
  }
}

export class CreateUserDto {
  @ApiProperty({ example: 'yz-tjj', pattern: USERNAME_PATTERN.source, description: 'lower-case login name (2–64 chars: a-z 0-9 . _ -); also the user id' })
  @IsString()
  @Matches(USERNAME_PATTERN, { message: `${USERNAME_RULE_ZH} (username must be 2–64 lower-case letters, digits, ".", "_" or "-")` })
  username: string;

  @ApiProperty({ minLength: 8, maxLength: 200, example: 'change-me-123' })
  @IsString()
  @MinLength(PASSWORD_MIN_LENGTH, { message: `${PASSWORD_MIN_ZH} (password must be at least ${PASSWORD_MIN_LENGTH} characters)` })
  @MaxLength(200)
  password: string;

  @ApiProperty({ example: '区统计局', description: 'display name (Chinese)' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  name: string;

  @ApiProperty({ enum: ROLES, isArray: true, example: ['unit'] })
  @IsArray()
  @ArrayNotEmpty()
  @ArrayUnique()
  @IsIn(ROLES, { each: true })
  roles: Role[];

  @ApiPropertyOptional({ type: String, nullable: true, example: 'sx-tjj', description: 'unit id from the templates; required when roles contains "unit"' })
  @Validate(UnitIdConstraint)
  unitId?: string | null;

  @ApiPropertyOptional({ type: String, example: 'sishui', description: "admin only: the user's organization (required for every role but admin); the office creates users in its own organization" })
  @IsOptional()
  @IsString()
  // an organization id has a template's (and a unit's) id shape, at most 64 characters
  @Matches(ID_PATTERN, { message: '所属组织格式不正确，应为组织编号（小写字母、数字或 -） (organizationId must be an organization id: a-z, 0-9, -)' })
  @MaxLength(64)
  organizationId?: string;

  @ApiPropertyOptional({ type: String, example: 'tjj@example.gov.cn' })
  @IsOptional()
  @IsEmail()
  @MaxLength(200)
  email?: string;

  @ApiPropertyOptional({ type: String, example: '13800000000', pattern: PHONE_PATTERN.source })
  @IsOptional()
  @Matches(PHONE_PATTERN, { message: `${PHONE_RULE_ZH} (phone must be a phone number)` })
  phone?: string;
}

export class ResetPasswordDto {
  @ApiProperty({ minLength: 8, maxLength: 200, example: '临时密码-2027' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(1000)
  password: string;
}

export class UnitDutiesDto {
  @ApiPropertyOptional({ type: 'array', items: { type: 'string', minLength: 1 }, description: '联络员: user ids, active users of this unit (replaces the current list)', example: ['sx-tjj'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  liaisons?: string[];

  @ApiPropertyOptional({ type: 'array', items: { type: 'string', minLength: 1 }, description: '分管负责人: user ids, active users of this unit (replaces the current list)', example: ['sx-tjj-fzr'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  responsibleLeaders?: string[];
}
